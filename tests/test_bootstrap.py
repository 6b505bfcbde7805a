"""pipeline/bootstrap.py picks the interpreter for .venv (CPython 3.12 where the machine has one)."""
import sys

from pipeline.bootstrap import PREFERRED, _version, find_python


def test_version_of_a_running_interpreter_and_of_none():
    assert _version(sys.executable) == tuple(sys.version_info[:2])
    assert _version("/nonexistent/python3.12") is None


def test_find_python_gives_a_runnable_interpreter():
    python = find_python()
    version = _version(python)
    assert version is not None and version >= (3, 11)
    # it is the preferred version, or the running interpreter when none of that version runs here
    assert version == PREFERRED or python == sys.executable
