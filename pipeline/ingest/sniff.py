"""What kind of file this is, from its bytes (magic), not only its name."""
from __future__ import annotations

from pipeline.ingest.errors import EmptyFile, UnsupportedType

# formats we recognise only to refuse them with a clear reason
BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx?)",
    b"\xd0\xcf\x11\xe0": "OLE document (doc/xls?)",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "ELF executable",
}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(raw: bytes, name: str = "") -> str:
    """'pdf', 'html' or 'text'; raises EmptyFile or UnsupportedType."""
    if not raw.strip():
        raise EmptyFile("file is empty" if not raw else "file holds only whitespace")
    head = raw[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedType(f"{what}, not a text, HTML or PDF document")
    if head.startswith(UTF16_BOMS):
        return "text"  # the text reader decodes UTF-16; HTML in UTF-16 is rare enough to read as text
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(HTML_MARKERS) or any(m in lowered for m in HTML_MARKERS[1:]):
        return "html"
    if _looks_binary(head):
        raise UnsupportedType(f"binary content (control bytes) in {name or 'file'}, not a text document")
    return "text"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05
