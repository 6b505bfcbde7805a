from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
SEED_TEXT = DATA / "essex-home-secretary-visit-2024-01.txt"
SEED_HTML = DATA / "essex-hmic-efficiency-2016-news.html"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.pipeline import build_nlp

    return build_nlp()
