"""Small token helpers shared by the figure rules: stepping over whitespace, a span's words."""
from __future__ import annotations

from spacy.tokens import Doc


def phrase(doc: Doc, s: int, e: int) -> str:
    """The words of tokens s..e, any run of whitespace between them (line breaks too) one space."""
    return " ".join(doc[s:e].text.split())


class TokenScan:
    """Whitespace-skipping steps (spaCy keeps newlines as tokens of their own)."""

    @staticmethod
    def _prev_index(doc: Doc, i: int, floor: int = 0) -> int | None:
        j = i - 1
        while j >= floor and doc[j].is_space:
            j -= 1
        return j if j >= floor else None

    @staticmethod
    def _next_index(doc: Doc, i: int, ceil: int) -> int | None:
        j = i
        while j < ceil and doc[j].is_space:
            j += 1
        return j if j < ceil else None
