"""The tuned tokenizer (pipeline.nlp.pipeline.tune_tokenizer) on real corpus pages."""
from pathlib import Path

import spacy
from spacy.attrs import ORTH

from pipeline.nlp.pipeline import IDENTITY_SPACES, build_nlp

TEXT = Path(__file__).parent / "gold" / "text"


def test_tokens_unchanged_by_dropping_whitespace_exceptions():
    # tune_tokenizer drops the exceptions mapping "\n", "\t" and " " to themselves (they switched
    # the tokenizer's cache off for the rest of a text); a real page tokenizes exactly as before
    tuned = build_nlp().tokenizer
    kept = spacy.blank("en")
    kept.tokenizer.rules = {**tuned.rules, **{s: [{ORTH: s}] for s in IDENTITY_SPACES}}
    kept.tokenizer.infix_finditer = tuned.infix_finditer
    assert not set(IDENTITY_SPACES) & set(tuned.rules)
    for path in sorted(TEXT.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [t.text for t in tuned(text)] == [t.text for t in kept.tokenizer(text)], path.name
