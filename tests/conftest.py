from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
SEED_TEXT = DATA / "essex-home-secretary-visit-2024-01.txt"
# the bundled HTML sample: a seed text wrapped in real page chrome (nav, cookie banner, footer, scripts)
SEED_HTML = TESTS.parent / "raw" / "essex-hmic-efficiency-2016-news.html"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.pipeline import build_nlp

    return build_nlp()
