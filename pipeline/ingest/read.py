"""One entry point for every file: sniff the bytes, hand them to the matching reader."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from pipeline.ingest.document import Document
from pipeline.ingest.errors import ReadError, TooLarge
from pipeline.ingest.html import read_html
from pipeline.ingest.sniff import sniff
from pipeline.ingest.txt import read_text

MAX_BYTES = 200 * 1024 * 1024  # bigger files are refused, not half-read

SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}


def _read_pdf(raw: bytes, path: str) -> Document:
    from pipeline.ingest.pdf import read_pdf  # pdfplumber loads only when a PDF is seen

    return read_pdf(raw, path)


READERS: dict[str, Callable[[bytes, str], Document]] = {
    "text": read_text,
    "html": read_html,
    "pdf": _read_pdf,
}


def read(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a Document; raises a ReadError (or OSError) with the reason."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(f"{size:,} bytes is over the {max_bytes:,}-byte limit")
    raw = path.read_bytes()
    kind = sniff(raw, path.name)
    return READERS[kind](raw, str(path))


def read_bytes(raw: bytes, path: str) -> Document:
    return READERS[sniff(raw, path)](raw, path)


__all__ = ["read", "read_bytes", "ReadError", "SUFFIXES"]
