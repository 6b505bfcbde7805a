"""Readers: bytes in, Document out, chosen from the bytes; page offsets exact."""
from hashlib import sha256

import pytest

from conftest import SEED_HTML, SEED_TEXT
from pipeline.ingest.document import PAGE_BREAK, Document
from pipeline.ingest.errors import EmptyFile, UnsupportedType
from pipeline.ingest.read import read
from pipeline.ingest.sniff import sniff

SENTENCE = "Antisocial behaviour reports have also fallen significantly in Essex, with more than 9,000 fewer reports"


def test_text_document_is_utf8_with_sha256_id():
    doc = read(SEED_TEXT)
    assert doc.doc_id == sha256(SEED_TEXT.read_bytes()).hexdigest()
    assert doc.encoding == "utf-8" and doc.media_type == "text/plain"
    assert SENTENCE in doc.text and doc.page_starts == (0,)


@pytest.mark.parametrize("encoding, expected", [("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_non_utf8_text_is_decoded_and_recorded(tmp_path, encoding, expected):
    original = SEED_TEXT.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    path.write_bytes(original.encode(encoding))
    doc = read(path)
    assert "9,470 fewer crimes" in doc.text and "– a reduction of almost 6%" in doc.text
    assert doc.encoding == expected
    assert doc.notes and "decoded as" in doc.notes[0]


def test_windows_newlines_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Line one has 5 officers.\r\nLine two.\r\n")
    assert read(path).text == "Line one has 5 officers.\nLine two.\n"


def test_html_keeps_the_article_and_drops_the_chrome():
    doc = read(SEED_HTML)
    assert doc.media_type == "text/html"
    assert "At just 42p per person per day, 13p below the national average" in doc.text
    assert doc.title == "Essex Police rated good for efficiency by HMIC"
    assert str(doc.published) == "2016-11-03"
    for chrome in ("cookies", "Accept all", "Subscribe", "Registered in England", "Most read", "gtag"):
        assert chrome not in doc.text, chrome


def test_html_named_txt_is_still_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(SEED_HTML.read_bytes())
    assert read(path).media_type == "text/html"


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"", EmptyFile),
        (b"   \n\t ", EmptyFile),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), UnsupportedType),
        (bytes(range(256)) * 8, UnsupportedType),
    ],
)
def test_sniff_refuses_what_is_not_a_document(raw, error):
    with pytest.raises(error):
        sniff(raw, "x.txt")


def test_sniff_prefers_magic_to_the_name():
    assert sniff(b"%PDF-1.7\n...", "report.txt") == "pdf"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>", "a.pdf") == "html"


def test_page_text_sits_at_its_start_offset():
    pages = ["First page: 12 officers.", "Second page: 30% fewer burglaries.", "Third."]
    text = PAGE_BREAK.join(pages)
    starts, at = [], 0
    for p in pages:
        starts.append(at)
        at += len(p) + len(PAGE_BREAK)
    doc = Document("x", "x.pdf", "application/pdf", text, tuple(starts))
    for number, page in enumerate(pages, 1):
        assert doc.page_text(number) == page
        assert text[doc.page_starts[number - 1]:].startswith(page)
        assert doc.page_of(doc.page_starts[number - 1]) == number
    assert doc.page_of(text.index("30%")) == 2
