"""The PDF reader: page offsets, reading order, character boxes, metadata and bad files.

Most tests read a PDF built with reportlab in the quarterly report's layout from the seed text
(tests/fixtures/build_quarterly_pdf.py), so the expected text and values are known; the others
read real PDFs from pdfplumber's own test set (tests/data/pdf, see SOURCES.md there).
"""
from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.ingest.document import PAGE_BREAK
from pipeline.ingest.errors import CorruptFile, EmptyFile, EncryptedPDF
from pipeline.ingest.pdf import read_pdf
from fixtures import build_quarterly_pdf as quarterly  # tests/ is on sys.path (rootdir conftest)

PDFS = Path(__file__).parent / "data" / "pdf"
FEDERAL_REGISTER = PDFS / "federal-register-2020-17221.pdf"  # three-column prose
SAN_JOSE = PDFS / "san-jose-pd-firearm-sample.pdf"  # fixed-width listing, no rules, no columns


@pytest.fixture(scope="module")
def q_raw() -> bytes:
    return quarterly.build()


@pytest.fixture(scope="module")
def q_doc(q_raw):
    return read_pdf(q_raw, "quarterly-layout.pdf")


def squash(s: str) -> str:
    return " ".join(s.split())


# ---- offsets ----------------------------------------------------------------------------------

def test_each_page_sits_at_its_start_offset(q_raw, q_doc):
    assert q_doc.n_pages == 9
    with pdfplumber.open(io.BytesIO(q_raw)) as pdf:
        assert len(pdf.pages) == q_doc.n_pages
    ends = [s - len(PAGE_BREAK) for s in q_doc.page_starts[1:]] + [len(q_doc.text)]
    for page, (start, end) in enumerate(zip(q_doc.page_starts, ends), start=1):
        assert q_doc.text[start:end] == q_doc.page_text(page)
        if page > 1:
            assert q_doc.text[start - len(PAGE_BREAK) : start] == PAGE_BREAK
        assert q_doc.page_of(start) == page
    assert q_doc.text.count("\f") == q_doc.n_pages - 1


def test_single_column_pages_read_exactly_as_pdfplumber(q_raw, q_doc):
    # no columns and no tables: the reader must not change pdfplumber's own text
    with pdfplumber.open(io.BytesIO(q_raw)) as pdf:
        for n in (1, 2, 3):
            assert q_doc.page_text(n) == pdf.pages[n - 1].extract_text()
    with pdfplumber.open(SAN_JOSE) as pdf:
        doc = read_pdf(SAN_JOSE.read_bytes(), str(SAN_JOSE))
        assert doc.page_text(1) == pdf.pages[0].extract_text()
        assert "Versadex" in doc.title


def test_metadata_title_and_creation_date(q_doc):
    assert q_doc.title == quarterly.TITLE
    assert str(q_doc.published) == "2022-01-27"
    assert q_doc.page_sizes[0] == pytest.approx((841.89, 595.28), abs=0.01)


# ---- reading order ----------------------------------------------------------------------------

def test_two_column_page_reads_left_column_first(q_doc):
    page = squash(q_doc.page_text(4))
    # a bullet that wraps over six lines of the left column reads whole
    bullet = ("Emergency call handling demand was lower this quarter with 88,220 emergency (999) calls, "
              "an average of 969 calls per day. This is 5,539 fewer calls than the previous quarter.")
    assert bullet in page
    # the left column's last bullet comes before the right column's first words
    assert page.index("47.6% increase") < page.index("December saw the start of a dedicated 101 team")


def test_three_column_federal_register_page():
    doc = read_pdf(FEDERAL_REGISTER.read_bytes(), str(FEDERAL_REGISTER))
    page = squash(doc.page_text(2))
    assert ("Investigation of the accident has been completed by the Indonesian authorities "
            "(Komite Nasional Keselamatan Transportasi (KNKT)) with assistance") in page
    # pdfplumber's extract_text interleaves the columns on the same lines
    with pdfplumber.open(FEDERAL_REGISTER) as pdf:
        plain = squash(pdf.pages[1].extract_text())
    assert "completed by the Indonesian authorities On November 7, 2018" in plain
    assert "completed by the Indonesian authorities On November 7, 2018" not in page


# ---- boxes ------------------------------------------------------------------------------------

def test_char_boxes_cover_every_character(q_doc):
    boxes = q_doc.char_boxes
    assert len(boxes) == 4 * len(q_doc.text)
    for start in q_doc.page_starts[1:]:
        for i in range(start - len(PAGE_BREAK), start):
            assert math.isnan(boxes[4 * i])
    visible = [i for i, ch in enumerate(q_doc.text) if not ch.isspace() and ch != "|"]
    missing = [i for i in visible if math.isnan(boxes[4 * i])]
    assert not missing, f"{len(missing)} visible characters have no box"


def test_every_pdf_figure_box_holds_its_characters(q_raw, q_doc, nlp):
    from pipeline.nlp.extract import run_nlp

    figures = [r for r in run_nlp(q_doc, nlp).records if hasattr(r, "value")]
    assert len([f for f in figures if f.origin == "table"]) >= 80
    with pdfplumber.open(io.BytesIO(q_raw)) as pdf:
        page_chars = {}
        for f in figures:
            assert f.x0 is not None, f
            if f.page not in page_chars:
                page_chars[f.page] = [
                    (c["text"], c["x0"], c["top"], c["x1"], c["bottom"]) for c in pdf.pages[f.page - 1].chars
                ]
            chars = page_chars[f.page]
            for i in range(f.char_start, f.char_end):
                ch = q_doc.text[i]
                if ch.isspace():
                    continue
                box = tuple(q_doc.char_boxes[4 * i : 4 * i + 4])  # float32: compare within 0.01
                # the character is one pdfplumber saw on that page, at that place ...
                assert any(
                    c[0] == ch and all(abs(a - b) < 0.01 for a, b in zip(c[1:], box)) for c in chars
                ), (f.text, ch, box)
                # ... and inside the figure's box
                assert f.x0 - 0.01 <= box[0] and box[2] <= f.x1 + 0.01, (f.text, ch)
                assert f.top - 0.01 <= box[1] and box[3] <= f.bottom + 0.01, (f.text, ch)


# ---- figures: same as the text version --------------------------------------------------------

def _keys(records) -> set[tuple]:
    return {(round(r.value, 6), r.unit, r.measure, r.direction) for r in records if hasattr(r, "value")}


@pytest.mark.parametrize("pdf_pages,seed_pages", [((1, 2, 3), quarterly.BULLET_PAGES), ((4,), quarterly.TWO_COLUMN_PAGES)])
def test_pdf_pages_give_the_figures_of_the_text(q_doc, nlp, pdf_pages, seed_pages):
    from pipeline.ingest.document import Document
    from pipeline.nlp.extract import run_nlp

    def doc_of(text: str) -> Document:
        return Document("x", "x.txt", "text/plain", text, (0,))

    seed = quarterly.seed_pages()
    from_text = _keys(run_nlp(doc_of("\n".join(seed[i] for i in seed_pages)), nlp).records)
    pdf_text = "\n".join(q_doc.page_text(p) for p in pdf_pages)
    from_pdf = _keys(run_nlp(doc_of(pdf_text), nlp).records)
    assert from_text, "the figure extractor found nothing in the seed text"
    assert from_pdf == from_text, (sorted(from_text - from_pdf, key=str), sorted(from_pdf - from_text, key=str))


# ---- bad files --------------------------------------------------------------------------------

def _pdf(draw=None, encrypt=None, pagesize=(595, 842)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize, encrypt=encrypt, invariant=1)
    if draw:
        draw(c)
    else:
        c.drawString(72, 720, "There were 493 Special Constables in December 2021.")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_encrypted_with_a_user_password_is_refused():
    raw = _pdf(encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(EncryptedPDF, match="password"):
        read_pdf(raw, "locked.pdf")


def test_encrypted_with_an_empty_user_password_is_read_and_noted():
    raw = _pdf(encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    doc = read_pdf(raw, "restricted.pdf")
    assert "493 Special Constables" in doc.text
    assert any("encrypted" in n for n in doc.notes)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_corrupt(keep):
    raw = _pdf()
    with pytest.raises(CorruptFile):
        read_pdf(raw[: int(len(raw) * keep)], "cut.pdf")


def test_empty_and_non_pdf_bytes():
    with pytest.raises(EmptyFile):
        read_pdf(b"", "empty.pdf")
    with pytest.raises(CorruptFile):
        read_pdf(b"%PDF-1.4\nthis is not a PDF at all\n", "junk.pdf")


def _zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (written by hand: reportlab always adds a page)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_zero_pages_is_empty():
    with pytest.raises(EmptyFile, match="no pages"):
        read_pdf(_zero_page_pdf(), "nothing.pdf")


def test_image_only_page_is_noted_not_a_crash():
    from PIL import Image

    img = Image.new("RGB", (200, 100), "white")

    def draw(c):
        c.drawImage(ImageReader(img), 72, 600, 200, 100)

    def two_pages(c):
        draw(c)
        c.showPage()
        c.drawString(72, 720, "Page two has 12 words of text and a figure of 37.6%.")

    doc = read_pdf(_pdf(two_pages), "scan.pdf")
    assert doc.n_pages == 2
    assert "page 1: no text layer; OCR not attempted" in doc.notes
    assert doc.page_text(1) == ""
    assert "37.6%" in doc.page_text(2)


def test_very_large_page_is_skipped_with_a_note():
    doc = read_pdf(_pdf(pagesize=(20000, 20000)), "poster.pdf")
    assert doc.n_pages == 1
    assert any(re.match(r"page 1: 20000x20000 points is too large", n) for n in doc.notes)


def test_page_of_blank_characters_only():
    # some PDFs draw nothing but space glyphs on a page (chelsea_pdta.pdf page 4)
    def blanks(c):
        c.drawString(72, 720, "     ")

    doc = read_pdf(_pdf(blanks), "blank.pdf")
    assert doc.n_pages == 1 and doc.text.strip() == ""


def test_sentences_of_records_keep_the_documents_own_digits():
    # table cells are masked ("x" for digits) before spaCy; provenance must quote the real text
    from pipeline.ingest.read import read
    from pipeline.nlp.pipeline import build_nlp
    from pipeline.parsers import registry

    pdf = Path(__file__).parent / "examples" / "quarterly" / "essex-quarterly-layout.pdf"
    doc = read(pdf)
    records = registry.choose(doc)().extract(doc, build_nlp()).records
    assert doc.tables and records
    for r in records:
        assert r.sentence in doc.text, r
        assert doc.text[r.char_start : r.char_end] == r.text
