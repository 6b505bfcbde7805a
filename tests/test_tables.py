"""Tables in PDFs: cells with their headers, stitching over page breaks, cells -> figures.

The quarterly-layout PDF (tests/fixtures/build_quarterly_pdf.py) carries the seed report's two
MSG tables; the expected figures are the gold annotation's (tests/data/pdf/*.txt.json), taken
from the part of the seed text where each table sits.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from fixtures import build_quarterly_pdf as quarterly  # tests/ is on sys.path (rootdir conftest)
from pipeline.ingest.pdf import read_pdf
from pipeline.nlp.table_figures import rule_for, table_figures

PDFS = Path(__file__).parent / "data" / "pdf"
SEED = PDFS / "essex-police-crime-plan-2021-22-q3.txt"
GOLD = PDFS / "essex-police-crime-plan-2021-22-q3.txt.json"
WARN = PDFS / "WARN-Report-for-7-1-2015-to-03-25-2016.pdf"

# the seed text around each table, and the gold figures there that come from prose, not cells
TABLE1_TEXT = ("The table below shows Essex", "Priority Area Available from iQuanta Aspiration")
TABLE1_PROSE = ("Two priority road safety", "review average 320", "prosecuting average 140", "achieve 4th in its MSG")
TABLE2_TEXT = ("Priority Area Available from iQuanta Aspiration", "\nKey\n")


@pytest.fixture(scope="module")
def doc():
    return read_pdf(quarterly.build(), "quarterly-layout.pdf")


def gold_cells(region: tuple[str, str], prose: tuple[str, ...] = ()) -> Counter:
    """Gold figures whose first quote sits in `region` of the seed text and not in `prose`."""
    text = SEED.read_text(encoding="utf-8")
    a = text.index(region[0])
    b = text.index(region[1], a + 1)
    out = Counter()
    for f in json.loads(GOLD.read_text(encoding="utf-8"))["figures"]:
        at = text.find(f["quote"])
        if not a <= at < b or any(p in f["quote"] or " ".join(f["quote"].split()) in p for p in prose):
            continue
        out[(f["value"], f["unit"], f["measure"], f["direction"])] += 1
    return out


def got_cells(doc, table) -> Counter:
    figs = [f for f in table_figures(doc) if doc.page_of(f["char_start"]) in table.pages]
    return Counter((f["value"], f["unit"], f["measure"], f["direction"]) for f in figs)


def test_tables_found_with_headers(doc):
    assert [t.pages for t in doc.tables] == [[5], [6, 7], [8, 9]]
    t1, t2, t3 = doc.tables
    assert t1.column_headers() == quarterly.TABLE1_HEADER
    assert t1.header_rows == 1 and len(t1.body) == len(quarterly.TABLE1)
    assert t1.row_header_columns() == [0, 1]
    assert [t1.row_header(r) for r in t1.body][:2] == ["Public Confidence (CSEW)", "All Crime Offences"]
    assert t2.column_headers() == quarterly.TABLE2_HEADER
    assert t3.column_headers() == quarterly.TABLE3_HEADER


def test_cells_resolve_to_their_characters(doc):
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert cell is not None
                assert doc.text[cell.start : cell.end] == cell.text
                assert doc.page_of(cell.start) == cell.page
    expected = [" ".join(v.split()) for v in quarterly.TABLE1[1]]
    assert [c.text for c in doc.tables[0].body[1]] == expected


def test_table_continued_over_a_page_break_is_stitched(doc):
    t2, t3 = doc.tables[1], doc.tables[2]
    # header repeated on page 7: dropped from the rows, every data row kept once
    assert [t2.row_header(r) for r in t2.body] == [row[1] for row in quarterly.TABLE2]
    assert [t3.row_header(r) for r in t3.body] == [row[0] for row in quarterly.TABLE3]
    assert "pages 6-7: table continued across the page break, stitched (header repeated, 3 more rows)" in doc.notes
    assert any(n.startswith("pages 8-9: table continued across the page break, stitched (no repeated header")
               for n in doc.notes)


def test_msg_table_gives_the_gold_figures_exactly(doc):
    expected = gold_cells(TABLE1_TEXT, TABLE1_PROSE)
    assert sum(expected.values()) == 47
    assert got_cells(doc, doc.tables[0]) == expected


def test_msg_positions_table_gives_the_gold_figures(doc):
    # the cells of Table 2: aspirations and the July / Oct 2021 positions (the Update column is
    # prose and is left to the sentence extractor)
    expected = gold_cells(TABLE2_TEXT, prose=tuple(row[-1] for row in quarterly.TABLE2))
    assert sum(expected.values()) == 30  # 12 rows x (July, Oct) + 6 numeric aspirations
    assert got_cells(doc, doc.tables[1]) == expected


def test_table_figure_fields(doc):
    figs = {(f["metric"], f["value"]): f for f in table_figures(doc)}
    f = figs[("All Crime Offences - Change required to reach MSG Average", 19800)]
    assert (f["unit"], f["measure"], f["direction"], f["origin"]) == ("count", "change", "decrease", "table")
    assert doc.text[f["char_start"] : f["char_end"]] == "-19,800"
    f = figs[("Public Confidence (CSEW) - Oct 2021 MSG Position", 8)]
    assert (f["unit"], f["period"]) == ("rank", "Oct 2021 (Last data to March 2020)")
    f = figs[("All Crime Offences", 85.8)]
    assert f["unit"] == "per_1000_population"
    # an unsigned plain percentage in a "change required" column is the level to reach (NOTES.md)
    f = figs[("Percentage Sick (All Police Staff) - Change required to reach MSG Average", 3.6)]
    assert (f["unit"], f["measure"], f["direction"]) == ("percent", "level", None)


def test_header_rules():
    assert rule_for("MSG Position").unit == "rank"
    assert rule_for("Per 1000 pop. or Unit of Measurement").unit == "per_1000_population"
    assert rule_for("Change required to reach top quartile rank in MSG").measure == "change"
    assert rule_for("Company").id == "col-value"


def test_table_figures_win_over_prose_figures_in_cells(doc, nlp):
    from pipeline.nlp.extract import run_nlp

    records = [r for r in run_nlp(doc, nlp).records if hasattr(r, "value")]
    t1 = doc.tables[0]
    inside = [r for r in records if t1.contains(r.char_start, r.char_end)]
    assert inside and all(r.origin == "table" for r in inside)
    # the Update column of Table 2 is prose: its figures come from the sentence extractor
    update = [r for r in records if r.origin == "text" and doc.tables[1].contains(r.char_start, r.char_end)]
    assert any(r.value == 13.8 and r.unit == "percent" for r in update)


def test_real_warn_report_is_one_table_over_sixteen_pages():
    doc = read_pdf(WARN.read_bytes(), str(WARN))
    big = max(doc.tables, key=lambda t: len(t.pages))
    assert len(big.pages) >= 15
    assert sum("stitched" in n for n in doc.notes) >= len(big.pages) - 1
    # cells keep their own pages and characters
    for row in big.body[-3:]:
        for cell in row:
            if cell is not None:
                assert doc.text[cell.start : cell.end] == cell.text
                assert doc.page_of(cell.start) == cell.page == big.pages[-1]
