"""Matchers run only in small windows around anchor tokens (the numbers of a document).

spaCy's Matcher starts every pattern at every token it is given: its time grows with patterns x
tokens (about 0.1 µs per pair on CPython 3.11 here, where spaCy's wheels carry Cython's profiling
hooks; much less on 3.12). rf_figures gives it only the tokens around numbers, and a window must
hold the longest match a pattern can make; most patterns are two or three tokens long, so they run
as a group of their own in narrower windows than the few long ones (13% fewer instructions for
the component on 3.11; on 3.12 the extra calls cost about what they save).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.nlp.flags import flagged_matcher

SIZES = (3,)  # longest matches that bound the narrow-window groups (measured: more groups cost more calls)
BOUNDED_OP = re.compile(r"^\{(\d*)(?:,(\d*))?\}$")


def longest_match(pattern: list[dict]) -> int | None:
    """The most tokens a Matcher token pattern can match, None when unbounded.

    A whitespace token repeated ({"IS_SPACE": true, "OP": "*"}) counts once: spaCy's tokenizer
    makes one token of a run of whitespace, so two never follow each other."""
    n = 0
    for spec in pattern:
        op = spec.get("OP")
        if op in (None, "?", "!", "1"):
            n += 1
        elif op in ("*", "+"):
            if set(spec) - {"OP"} != {"IS_SPACE"}:
                return None
            n += 1
        else:
            m = BOUNDED_OP.match(op)
            if m is None or m.group(2) == "":
                return None  # "{2,}": at least two, no upper bound
            n += int(m.group(2) if m.group(2) is not None else m.group(1))
    return n


class WindowedMatcher:
    """Matches (match id, start, end) of the patterns that cover an anchor token and lie within
    `reach` = (tokens before, tokens after) of it.

    The patterns are split by their longest match: a match of at most L tokens that covers anchor
    a lies within [a - (L - 1), a + L), so the short group runs in windows of that size and the
    rest in the full reach. Overlapping windows are merged; a match found inside a window is
    returned even when it covers no anchor (as a single Matcher over the windows would).
    """

    def __init__(self, vocab, patterns: list[dict], reach: tuple[int, int]):
        before, after = reach
        bounds = [*SIZES, after + 1]  # the last group: everything longer, in the full reach
        groups: list[list[dict]] = [[] for _ in bounds]
        for p in patterns:
            for pat in p["patterns"]:
                n = longest_match(pat)
                k = next((k for k, size in enumerate(bounds) if n is not None and n <= size), len(bounds) - 1)
                groups[k].append({**p, "patterns": [pat]})
        self.groups = [(flagged_matcher(vocab, group), (min(before, size - 1), min(after, size)))
                       for group, size in zip(groups, bounds) if group]

    def __call__(self, doc: Doc, anchors: list[int]) -> list[tuple[int, int, int]]:
        out = []
        for matcher, (before, after) in self.groups:
            for ws, we in windows(anchors, len(doc), before, after):
                out.extend((mid, ws + s, ws + e) for mid, s, e in matcher(doc[ws:we]))
        return out


def windows(anchors: list[int], n: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged token ranges [i - before, i + after) around the sorted anchor tokens."""
    out: list[tuple[int, int]] = []
    for i in anchors:
        lo, hi = max(0, i - before), min(n, i + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out
