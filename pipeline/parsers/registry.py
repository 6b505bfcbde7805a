"""The parser registry: every parser is an entry point, built-ins included (no shortcut)."""
from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from pipeline.ingest.document import Document
from pipeline.parsers.base import Parser

GROUP = "reportfacts.parsers"


@cache
def parsers() -> dict[str, type[Parser]]:
    found = {ep.name: ep.load() for ep in entry_points(group=GROUP)}
    if not found:
        raise LookupError(f"no parsers in entry-point group {GROUP!r}: run `pip install -e .`")
    return found


def get(name: str) -> type[Parser]:
    try:
        return parsers()[name]
    except KeyError:
        raise LookupError(f"no parser {name!r}; installed: {sorted(parsers())}") from None


def choose(doc: Document) -> type[Parser]:
    """The best-scoring parser; ties go to the name, so the choice is stable."""
    return max(parsers().values(), key=lambda p: (p.score(doc), p.name))
