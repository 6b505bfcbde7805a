"""Stepping over whitespace tokens: shared by the figure rules."""
from __future__ import annotations

from spacy.tokens import Doc


def phrase(doc: Doc, s: int, e: int) -> str:
    """The words of tokens s..e with their whitespace collapsed ('police\nofficers' -> 'police officers')."""
    return " ".join(doc[s:e].text.split())


class TokenScan:
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
