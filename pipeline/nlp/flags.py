"""Matchers whose set and regex tests run in C.

spaCy's Matcher checks ORTH/LOWER equality in C but calls a Python predicate, at every token it
tries, for an IN / NOT_IN / REGEX test. Here those tests on lexeme attributes become vocab flags
(spaCy's lexeme flag bits, computed once per word), which the Matcher checks in C. There are fewer
free bits than tests: the tests on a pattern's first token (tried at every token) get them first,
and a first-token set test left without a bit becomes one equality pattern per value.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from spacy.attrs import IS_CURRENCY, LOWER, ORTH, PREFIX, SHAPE, SUFFIX
from spacy.matcher import Matcher

SPILL_MAX = 12  # values of a flagless first-token set test run as separate equality patterns

# Lexeme attributes whose IN / NOT_IN / REGEX tests can become a lexeme flag (NORM can be set per
# token, so it stays a predicate).
FLAG_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "SHAPE": SHAPE, "PREFIX": PREFIX, "SUFFIX": SUFFIX}


class _LexFlag:
    """A set or regex test on one lexeme attribute, as a vocab flag getter (str -> bool).

    The Matcher checks flags in C; an IN or REGEX predicate is a Python call per token and
    pattern state, which was most of the Matchers' time."""

    def __init__(self, vocab, attr: str, op: str, arg):
        self.key = (attr, op, arg)
        get = vocab.lex_attr_getters.get(FLAG_ATTRS[attr])
        # every new word runs every flag getter once: the shape (a Python loop over the word) is
        # made once for all the SHAPE tests, not once per test
        self._get = None if FLAG_ATTRS[attr] == ORTH else _shared(get) if FLAG_ATTRS[attr] == SHAPE else get
        self._test = re.compile(arg).search if op == "REGEX" else frozenset(arg).__contains__

    def __call__(self, string: str) -> bool:
        return bool(self._test(string if self._get is None else self._get(string)))


@cache
def _shared(get: Callable[[str], str]) -> Callable[[str], str]:
    """One memo of a lexeme attribute getter for all the flags that test that attribute."""
    return lru_cache(maxsize=1024)(get)


def _flag_id(vocab, attr: str, op: str, arg) -> int | None:
    """The vocab flag for this test (shared by every pattern and component on the vocab), or
    None when the 63 flag bits are used up (the predicate then stays as it is)."""
    key = (attr, op, arg)
    for fid, getter in vocab.lex_attr_getters.items():
        if isinstance(getter, _LexFlag) and getter.key == key:
            return fid
    if FLAG_ATTRS[attr] != ORTH and FLAG_ATTRS[attr] not in vocab.lex_attr_getters:
        return None
    # above spaCy's own flag bits (IS_OOV_DEPRECATED, bit 13, is left alone too)
    free = [b for b in range(IS_CURRENCY + 1, 64) if b not in vocab.lex_attr_getters]
    return vocab.add_flag(_LexFlag(vocab, attr, op, arg), free[0]) if free else None


def _flag_tests(spec: dict) -> list[tuple[str, str, object]] | None:
    """The (attribute, IN|REGEX, values) tests of one token spec that can be flags, per attribute
    key in spec order; None for a key whose dict cannot (then it stays a predicate)."""
    out = []
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        if isinstance(value, dict) and name in FLAG_ATTRS and value and all(
                (op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg))
                or (op == "REGEX" and isinstance(arg, str)) for op, arg in value.items()):
            out.extend((name, "REGEX" if op == "REGEX" else "IN",
                        arg if op == "REGEX" else tuple(sorted(set(arg)))) for op, arg in value.items())
    return out


def reserve_flags(vocab, pattern_sets: list[list[dict]]) -> None:
    """Give the flag bits first to the tests on a pattern's first token (the Matcher tries those
    at every token), then to those used most: there are more distinct tests than bits."""
    rank: dict[tuple, tuple[int, int]] = {}
    for patterns in pattern_sets:
        for p in patterns:
            for pat in p["patterns"]:
                for k, spec in enumerate(pat):
                    for test in _flag_tests(spec):
                        pos, uses = rank.get(test, (k, 0))
                        rank[test] = (min(pos, k), uses + 1)
    for test in sorted(rank, key=lambda t: (rank[t][0], -rank[t][1], repr(t))):
        _flag_id(vocab, *test)


def _flag_token(vocab, spec: dict) -> dict:
    out: dict = {}
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        tests = _flag_tests({attr: value})
        if tests:
            flags = {}
            for (_, op, arg), pred in zip(tests, value):
                fid = _flag_id(vocab, name, op, arg)
                if fid is None:
                    break
                flags[fid] = pred != "NOT_IN"
            else:
                out.update(flags)
                continue
        out[attr] = value
    return out


def flagged_matcher(vocab, patterns: list[dict]) -> Matcher:
    """A Matcher for the patterns, set and regex tests on lexeme attributes turned into flags.

    The patterns are validated as written first (a flag id is no key the schema knows)."""
    check = Matcher(vocab, validate=True)
    matcher = Matcher(vocab, validate=False)
    for p in patterns:
        check.add(p["id"], p["patterns"])
        pats = [alt for pat in p["patterns"] for alt in _spill_first(vocab, pat)]
        matcher.add(p["id"], [[_flag_token(vocab, t) for t in pat] for pat in pats])
    return matcher


def _spill_first(vocab, pat: list[dict]) -> list[list[dict]]:
    """A first-token set test left without a flag bit runs as a Python predicate at every token;
    a small set is cheaper as one pattern per value, each an equality the Matcher checks in C."""
    spec = pat[0]
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        if isinstance(value, dict) and list(value) == ["IN"] and name in FLAG_ATTRS and len(value["IN"]) <= SPILL_MAX \
                and _flag_id(vocab, name, "IN", tuple(sorted(set(value["IN"])))) is None:
            return [[{**spec, attr: v}, *pat[1:]] for v in value["IN"]]
    return [pat]
