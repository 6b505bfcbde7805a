"""Pattern macros: {"MACRO": NAME} in a token pattern stands for each of a named list of
alternatives (kept in a *_macros.json file beside the patterns), so pattern files stay short."""
from __future__ import annotations

import json
from itertools import product
from pathlib import Path

import srsly


def expand_macros(pattern: list[dict], macros: dict[str, list[list[dict]]]) -> list[list[dict]]:
    """One Matcher token pattern per combination of macro alternatives.

    An "OP" on a macro item applies to each one-token alternative; a longer alternative is used
    as written.
    """
    choices = []
    for tok in pattern:
        if not (isinstance(tok, dict) and "MACRO" in tok):
            choices.append([[tok]])
            continue
        alts = macros[tok["MACRO"]]
        if "OP" in tok:
            alts = [[{**alt[0], "OP": tok["OP"]}] if len(alt) == 1 else alt for alt in alts]
        choices.append(alts)
    return [[t for part in combo for t in part] for combo in product(*choices)]


def read_patterns(folder: Path, patterns_file: str, macros_file: str) -> tuple[list[dict], dict]:
    """A JSONL pattern file and the macros its patterns use, as a component factory loads them."""
    patterns = list(srsly.read_jsonl(folder / patterns_file))
    macros = json.loads((folder / macros_file).read_text(encoding="utf-8"))
    return patterns, macros
