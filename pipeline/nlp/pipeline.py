"""Build the one spaCy pipeline reportfacts uses: spacy.blank("en") plus registered rule components.

Component contract (what pipeline/nlp/records.py relies on):
each extractor writes `doc.spans[KEY]` (KEY in SPAN_KEYS) and sets `span._.rf`, a dict holding the
record's own fields (e.g. value, unit, measure ... for a figure) plus "rule" (the pattern id that
fired). A span covers the characters of what was found (for a figure: its number and unit);
`span._.rf` may carry "char_start"/"char_end" to override the span's own offsets.
"""
from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Span

# importing the modules registers their factories (they are also spaCy entry points)
from pipeline.nlp import figures, grades, operations, sentences  # noqa: F401

if not Span.has_extension("rf"):
    Span.set_extension("rf", default=None)

# component name -> doc.spans key -> record table
COMPONENTS: dict[str, str] = {
    "rf_figures": "figures",
    "rf_grades": "grades",
    "rf_operations": "operations",
}
SPAN_KEYS = tuple(COMPONENTS.values())
MAX_CHARS = 2_000_000  # documents are processed in windows below this (see records.py)
IDENTITY_SPACES = ("\n", "\t", " ")  # tokenizer exceptions that only slow it (tune_tokenizer)


@cache
def build_nlp() -> Language:
    """The pipeline, built once per process (rule components load their pattern files here)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS
    tune_tokenizer(nlp)
    nlp.add_pipe("rf_sentences")
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def tune_tokenizer(nlp: Language) -> None:
    """Changes to spaCy's English tokenizer: "£10m." is £10 million at the end of a sentence (the
    English exceptions keep "m." whole, as for "a.m."), and a bracket glued to a word ("4.7%)in" in
    a council page) is a token of its own.

    And for speed, the exceptions that map a line break, tab or space to itself go: the tokenizer
    stops caching new words for the rest of a text once it has met any exception (spaCy's guard for
    its issue #1250), so the first single line break of a document switched its cache off. The
    tokens are the same without them."""
    rules = dict(nlp.tokenizer.rules)
    rules.pop("m.", None)
    for space in IDENTITY_SPACES:
        if rules.get(space) == [{ORTH: space}]:
            del rules[space]
    nlp.tokenizer.rules = rules
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[%\w])[()](?=\w)", r"(?<=[0-9])%(?=[()])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
