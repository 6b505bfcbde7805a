"""WindowedMatcher: the figure and exclusion patterns run near numbers only, in windows sized by
the longest match of each pattern group, find what one Matcher over the whole text finds there."""
from pathlib import Path

import pytest

from pipeline.nlp import figures as F
from pipeline.nlp.flags import flagged_matcher
from pipeline.nlp.pipeline import build_nlp
from pipeline.nlp.windowed import WindowedMatcher, longest_match

TEXT = Path(__file__).parent / "gold" / "text"


def test_longest_match():
    assert longest_match([{"LIKE_NUM": True}, {"ORTH": "%"}]) == 2
    assert longest_match([{"LOWER": "a", "OP": "?"}, {"LOWER": "half"}]) == 2
    assert longest_match([{"LIKE_NUM": True}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "per"}]) == 5
    assert longest_match([{"LIKE_NUM": True}, {"IS_SPACE": True, "OP": "*"}, {"ORTH": "%"}]) == 3
    assert longest_match([{"SHAPE": "dddd"}, {"SHAPE": "ddd", "OP": "+"}]) is None
    assert longest_match([{"LIKE_NUM": True}, {"IS_ALPHA": True, "OP": "{2,}"}]) is None


@pytest.mark.parametrize("name, window", [("figures.jsonl", F.FIGURE_WINDOW), ("figures_exclude.jsonl", F.EXCLUDE_WINDOW)])
def test_windows_find_every_match_near_a_number(name, window):
    nlp = build_nlp()
    patterns = F.load_patterns(name, F.load_macros("figures_macros.json"))
    windowed = WindowedMatcher(nlp.vocab, patterns, window)
    assert len(windowed.groups) == 2  # short patterns apart from the long ones
    whole = flagged_matcher(nlp.vocab, patterns)
    finder = nlp.get_pipe("rf_figures")
    before, after = window
    for path in sorted(TEXT.glob("*.txt"))[:10]:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        anchors = finder._number_tokens(doc)
        got = set(windowed(doc, anchors))
        # every match that covers a number and lies within the reach of it is found ...
        near = {(m, s, e) for m, s, e in whole(doc)
                if any(s <= a < e and s >= a - before and e <= a + after for a in anchors)}
        assert near <= got, path.name
        # ... and nothing the whole-text Matcher would not find
        assert got <= set(whole(doc)), path.name
