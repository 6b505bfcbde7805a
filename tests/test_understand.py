"""Document understanding on real documents: force, title, published date, PEEL year, inspectorate."""
from datetime import date
from pathlib import Path

import pytest

from pipeline.ingest.document import Document
from pipeline.ingest.read import read
from pipeline.nlp.forces import canonical, load_forces
from pipeline.parsers import understand

EXAMPLES = Path(__file__).parent / "examples"


def text_doc(text: str, **kw) -> Document:
    return Document(doc_id="x", path="x.txt", media_type="text/plain", text=text, page_starts=(0,), **kw)


def test_forty_three_territorial_forces_and_the_rest():
    forces = load_forces()
    assert sum(f.kind == "territorial" for f in forces) == 43
    names = {f.name for f in forces}
    assert {"Police Scotland", "Police Service of Northern Ireland", "British Transport Police",
            "City of London Police", "National Crime Agency"} <= names


@pytest.mark.parametrize(
    "alias, name",
    [("GMP", "Greater Manchester Police"), ("the Met", "Metropolitan Police Service"),
     ("Essex Police", "Essex Police"), ("Essex PFCC", "Essex Police"), ("PSNI", "Police Service of Northern Ireland"),
     ("Surrey’s Police and Crime Commissioner", "Surrey Police"), ("Dyfed Powys", "Dyfed-Powys Police")],
)
def test_aliases(alias, name):
    assert canonical(alias) == name


def test_met_the_verb_is_not_the_met():
    assert understand.detect_force("All three met this morning in Southend. Essex Police said.") == "Essex Police"


@pytest.mark.parametrize(
    "path, force, title, published, year",
    [
        ("inspection/dev-14-north-yorkshire-peel-2021-22.txt", "North Yorkshire Police",
         "North Yorkshire Police must make urgent improvements", None, "2021/22"),
        ("press_release/dev-12-dyfed-powys-operation-mille-scotney.txt", "Dyfed-Powys Police", None, None, None),
        ("press_release/dev-24-met-section-60-islington-negative.txt", "Metropolitan Police Service",
         "Corporation Street fight: Boy, 15, stabbed in the face in the Cally", date(2021, 1, 8), None),
        ("quarterly/dev-21-surrey-pcc-999-101-answer-times.txt", "Surrey Police", None, None, "2023"),
        ("generic/dev-25-visitbritain-tourism-other-negative.txt", None,
         "Record income from overseas tourism to North West in 2014", None, None),
    ],
)
def test_real_documents(path, force, title, published, year):
    doc = read(EXAMPLES / path)
    info = understand.understand(doc, "x")
    assert info.force == force
    if title:
        assert info.title == title
    assert info.published == published
    assert info.year == year


def test_weekday_date_without_a_year_takes_the_year_whose_weekday_fits():
    # essex-home-secretary-visit-2024-01: "All three met this morning, Monday 15 January." (2024)
    doc = text_doc("All three met this morning, Monday 15 January. In the 12 months to December 2023, crime fell. "
                   "We will continue 2024 as we finished 2023.")
    assert understand.detect_published(doc) == date(2024, 1, 15)


@pytest.mark.parametrize(
    "text, expected",
    [("Jan 29, 2025\nBy Paul Jacques", date(2025, 1, 29)), ("Published 18 February 2016", date(2016, 2, 18)),
     ("Last updated 09/11/2017", date(2017, 11, 9)), (" date 2021-10-12 The PSNI has revealed", date(2021, 10, 12))],
)
def test_date_forms(text, expected):
    assert understand.detect_published(text_doc(text)) == expected


def test_page_metadata_wins():
    doc = text_doc("Published 18 February 2016", title="Meta title", published=date(2016, 2, 19))
    assert understand.detect_published(doc) == date(2016, 2, 19)
    assert understand.detect_title(doc) == "Meta title"


@pytest.mark.parametrize(
    "text, year, inspectorate",
    [("PEEL 2021/22 – An inspection of North Yorkshire Police. HMICFRS graded it.", "2021/22", "HMICFRS"),
     ("Skip to content\n\nLeicestershire 2017\n\nThis is HMICFRS’ fourth PEEL assessment", "2017", "HMICFRS"),
     ("the latest report from Her Majesty’s Inspector of Constabulary (HMIC).", None, "HMIC")],
)
def test_year_and_inspectorate(text, year, inspectorate):
    doc = text_doc(text)
    assert understand.detect_year(doc) == year
    assert understand.detect_inspectorate(doc, year) == inspectorate


def test_scale_follows_the_peel_cycle():
    assert understand.scale_for_year("2017") == "four_point"
    assert understand.scale_for_year("2021/22") == "five_point"
    assert understand.mentions_adequate_grade("was assessed as ‘good’ in recording crime, ‘adequate’ across seven areas")
