"""Whole-process time of a run over a folder: `python -m pipeline extract` vs `python -m pipeline run`.

    python benchmarks/run_speed.py [RAW_DIR] [--repeat N]

Each command runs in a fresh process into a fresh output folder (what a user or a scheduled run
pays: interpreter start, imports, building the spaCy pipeline, Prefect's temporary server for
`run`), then once more over the same folder to time a run where everything is unchanged.
Prints wall-clock seconds and peak memory (max RSS of the child, from resource.getrusage).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS of the children so far in MB) for one command."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60"}
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("raw", nargs="?", type=Path, default=ROOT / "raw")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    files = [p for p in args.raw.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {size / 1e6:.2f} MB in {args.raw}")
    print(f"{'command':<10} {'first run s':>12} {'unchanged s':>12} {'peak MB':>8}")
    results = {}
    for command in ("extract", "run"):
        firsts, agains = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as out:
                cmd = [sys.executable, "-m", "pipeline", command, "--raw", str(args.raw), "--out", out]
                first, peak = timed(cmd)
                again, peak = timed(cmd)
                firsts.append(first)
                agains.append(again)
        results[command] = min(firsts)
        print(f"{command:<10} {min(firsts):>12.1f} {min(agains):>12.1f} {peak:>8.0f}")
    print(f"run / extract (first run): {results['run'] / results['extract']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
