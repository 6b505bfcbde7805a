"""Parsers: every example document goes to the parser of its directory (its gold source_type), and
the records of inspection documents are completed from the document."""
from pathlib import Path

import pytest

from pipeline.ingest.document import Document
from pipeline.ingest.read import read
from pipeline.parsers import registry
from pipeline.parsers.generic import CueParser, GenericParser

EXAMPLES = Path(__file__).parent / "examples"
CASES = sorted(p for p in EXAMPLES.glob("*/*.txt"))
SOURCE_TYPE = {"generic": "other", "press_release": "press_release", "inspection": "inspection_report",
               "quarterly": "quarterly_report"}


def test_the_four_parsers_are_installed():
    assert set(registry.parsers()) == {"generic", "press_release", "inspection", "quarterly"}
    for name, parser in registry.parsers().items():
        assert parser.name == name and parser.source_type == SOURCE_TYPE[name]


@pytest.mark.parametrize("src", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_best_score_wins(src):
    doc = read(src)
    chosen = registry.choose(doc)
    assert chosen.name == src.parent.name
    assert chosen().describe(doc).source_type == SOURCE_TYPE[src.parent.name]
    for parser in registry.parsers().values():
        assert 0.0 <= parser.score(doc) <= 1.0


def test_text_not_about_policing_is_other():
    doc = read(EXAMPLES / "generic/dev-25-visitbritain-tourism-other-negative.txt")
    assert all(p.score(doc) == 0.0 for p in registry.parsers().values() if issubclass(p, CueParser))
    assert registry.choose(doc) is GenericParser


def test_police_news_with_no_cue_is_still_police_news():
    doc = Document(doc_id="x", path="x.txt", media_type="text/plain", page_starts=(0,),
                   text="Police were called to Corporation Street at 7pm to reports of a fight. "
                        "A police officer found the injured teenager. The crime scene was closed.")
    assert registry.choose(doc).name == "press_release"


def test_inspection_grades_completed_from_the_document(nlp):
    doc = read(EXAMPLES / "inspection/dev-14-north-yorkshire-peel-2021-22.txt")
    records = registry.get("inspection")().extract(doc, nlp).records
    grades = {(g.area, g.grade): g for g in records if type(g).__name__ == "Grade"}
    g = grades[("use of resources", "inadequate")]
    assert (g.force, g.year, g.scale, g.inspectorate) == ("North Yorkshire Police", "2021/22", "five_point", "HMICFRS")
    assert len(grades) == 5


def test_four_point_scale_before_2021(nlp):
    doc = read(EXAMPLES / "inspection/essex-hmicfrs-effectiveness-news.txt")
    records = registry.get("inspection")().extract(doc, nlp).records
    grades = [g for g in records if type(g).__name__ == "Grade"]
    assert {g.scale for g in grades} == {"four_point"}
    assert {g.force for g in grades} == {"Essex Police"}
    assert sorted(g.area for g in grades)[0] == "effectiveness"


def test_commissioner_news_that_is_not_a_performance_update_is_press_release():
    # Lancashire Telegraph, a PCC's community fund (commissioner news, no performance content)
    text = ("Lancashire’s police and crime commissioner Clive Grunshaw has awarded a further £125,000 to a range "
            "of projects across the county, all helping to deliver on the people’s priorities for policing and "
            "make communities safer.\n\nA total of 28 schemes received grants of up to a maximum of £5,000. The "
            "aim is to deliver a mix of work, all aimed at deterring crime and protecting people.\n\nClive "
            "Grunshaw, police and crime commissioner for Lancashire, said: “I’m pleased to be able to utilise "
            "money taken from offenders that cause harm, and invest back into Lancashire protecting communities.")
    doc = Document(doc_id="x", path="x.txt", media_type="text/plain", page_starts=(0,), text=text)
    assert registry.choose(doc).name == "press_release"
