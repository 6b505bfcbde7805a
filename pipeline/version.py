"""The pipeline version recorded on every document: package version + a digest of the rules.

Editing a pattern file, a data file, a rule component's VERSION or a parser's version changes
it, so the next run re-extracts every document instead of skipping it as unchanged.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipeline import __version__

RULE_DIRS = (Path(__file__).parent / "nlp" / "patterns", Path(__file__).parent / "data")


@cache
def pipeline_version() -> str:
    from pipeline.parsers.registry import parsers

    digest = hashlib.sha256()
    for folder in RULE_DIRS:
        for path in sorted(folder.rglob("*")) if folder.exists() else ():
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    for name, parser in sorted(parsers().items()):
        digest.update(f"{name}={parser.version}".encode())
    for name, version in component_versions().items():
        digest.update(f"{name}={version}".encode())
    return f"{__version__}+{digest.hexdigest()[:8]}"


def component_versions() -> dict[str, str]:
    """The version of each rule component (bumped when its code changes what it extracts)."""
    from pipeline.nlp import figures, grades, operations, table_figures

    return {"rf_figures": figures.VERSION, "rf_grades": grades.VERSION, "rf_operations": operations.VERSION,
            "table_figures": table_figures.VERSION}
