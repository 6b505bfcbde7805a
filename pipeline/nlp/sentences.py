"""Sentence boundaries for police documents: bullets, headings and PDF line wraps.

spaCy's rule-based `sentencizer` splits on punctuation only, so a bullet list with no full stops
becomes one sentence and a PDF line wrap ("who have completed their \\n\\ntraining") is treated
like any space. This component decides at each token, from the whitespace before it.
"""
from __future__ import annotations

from pathlib import Path

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

PATTERNS = Path(__file__).parent / "patterns"
BULLETS = frozenset("•●▪◦‣∙·–-*")
ENDERS = frozenset(".!?:;")
CLOSERS = frozenset("\"'”’)]")
SENTENCE_END = ENDERS | CLOSERS


def _load_abbreviations(name: str) -> frozenset[str]:
    lines = (PATTERNS / name).read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower() for l in lines if l.strip() and not l.startswith("#"))


@Language.factory("rf_sentences", default_config={"abbreviations_file": "abbreviations.txt"})
def make_sentences(nlp: Language, name: str, abbreviations_file: str) -> "SentenceSplitter":
    return SentenceSplitter(name, _load_abbreviations(abbreviations_file))


class SentenceSplitter:
    def __init__(self, name: str, abbreviations: frozenset[str]):
        self.name = name
        self.abbreviations = abbreviations
        self._end_codes = numpy.array(sorted(ord(c) for c in SENTENCE_END), dtype="<u4")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        text = doc.text
        starts = numpy.full(n, -1, dtype="int64")
        starts[0] = 1
        # A boundary needs a line break before the token (a whitespace token: spaCy keeps only a
        # single trailing space on a word) or a word ending in sentence punctuation; no rule below
        # fires elsewhere, so only those tokens are looked at, found from arrays and the text's code
        # points without making a Token object for the rest. A whitespace token starts nothing.
        arr = doc.to_array([IDX, LENGTH, IS_SPACE]).astype("int64")
        codes = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        last_char = codes[arr[:-1, 0] + arr[:-1, 1] - 1]
        plain = ((arr[:-1, 2] == 0) & ~numpy.isin(last_char, self._end_codes)) | (arr[1:, 2] == 1)
        for i in (numpy.flatnonzero(~plain) + 1).tolist():
            if self._starts_sentence(doc, i, text):
                starts[i] = 1
        # set all boundaries at once: the per-token setter rescans the doc each time (quadratic)
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
        return doc

    def _starts_sentence(self, doc: Doc, i: int, text: str) -> bool:
        token, prev = doc[i], doc[i - 1]
        if token.is_space:
            return False
        # whitespace between the previous word and this one, as spaCy stores it
        gap = text[prev.idx + len(prev.text) : token.idx]
        if prev.is_space:
            gap = prev.text + gap
            j = i - 2
            while j >= 0 and doc[j].is_space:
                gap = doc[j].text + gap
                j -= 1
            prev = doc[j] if j >= 0 else prev
        first = token.text[0]
        if "\f" in gap:  # page break
            return True
        if first in BULLETS and ("\n" in gap or prev.text[-1] in ENDERS) and (
            first == "•" or first == "●" or first == "▪" or len(token.text) == 1
        ):
            return True
        if prev.text[0] in BULLETS and len(prev.text) == 1:
            return False  # the word right after a bullet
        ends = self._ends_sentence(doc, prev)
        if "\n" in gap:
            if ends:
                return True
            # a line wrap inside a sentence continues in lower case or with a number/unit
            if first.islower() or first in ",;)%":
                return False
            # a short line with no closing punctuation followed by a capital is a heading
            line_start = text.rfind("\n", 0, prev.idx) + 1
            line = text[line_start : prev.idx + len(prev.text)].strip()
            return len(line) < 60 or gap.count("\n") >= 2 and first.isupper() and not prev.text[0].isupper()
        return ends and (first.isupper() or first.isdigit() or first in "\"'“‘(£•")

    def _ends_sentence(self, doc: Doc, prev) -> bool:
        t = prev.text
        while t and t[-1] in CLOSERS and len(t) > 1:
            t = t[:-1]
        if t in CLOSERS and prev.i > 0:  # a closing quote token: look behind it
            return self._ends_sentence(doc, doc[prev.i - 1])
        if not t or t[-1] not in ".!?":
            return False
        if t == "." and prev.i > 0:
            word = doc[prev.i - 1].text
        else:
            word = t[:-1]
        return word.lower().rstrip(".") not in self.abbreviations and not (len(word) == 1 and word.isupper())
