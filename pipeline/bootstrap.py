"""Make the project's virtual environment (.venv) with the best Python on the machine, and install.

    python3 pipeline/bootstrap.py [--extras dev]

Run as a file, with the standard library only (nothing is installed yet). It prefers CPython 3.12:
spaCy's wheels for CPython 3.11 and older are compiled with Cython's profiling hooks (its setup.py
sets the "profile" directive below 3.12), which make every attribute test of its Matcher take the
GIL state; figure extraction runs about 1.5x slower there. Any Python >= 3.11 works: with no 3.12
found, the one running this script is used. An existing .venv is reused as it is.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFERRED = (3, 12)


def _version(python: str) -> tuple[int, int] | None:
    """(major, minor) of an interpreter that runs, else None (a pyenv shim for a version that is
    installed but not selected exits non-zero)."""
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python() -> str:
    """CPython 3.12 on PATH or under pyenv, else the interpreter running this script."""
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [shutil.which(f"python{PREFERRED[0]}.{PREFERRED[1]}") or ""]
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/{PREFERRED[0]}.{PREFERRED[1]}.*/bin/python3"), reverse=True)
    for python in filter(None, candidates):
        if _version(python) == PREFERRED:
            return python
    return sys.executable


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extras", default="dev", help="optional dependency groups to install (pyproject.toml)")
    args = ap.parse_args(argv)
    venv = ROOT / ".venv"
    if not (venv / "bin" / "python").exists():
        python = find_python()
        print(f"bootstrap: creating .venv with {python} (Python {'.'.join(map(str, _version(python) or ()))})")
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
    target = f".[{args.extras}]" if args.extras else "."
    subprocess.run([*pip, "install", "-q", "-e", target], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
