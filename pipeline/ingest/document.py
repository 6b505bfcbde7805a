"""The one type every reader returns: a document's text with its page offsets."""
from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from math import isnan

PAGE_BREAK = "\n\f\n"  # between pages: a form feed no sentence rule will glue across


@dataclass(frozen=True)
class Document:
    doc_id: str  # sha256 of the raw bytes
    path: str
    media_type: str  # text/plain, text/html, application/pdf
    text: str  # all pages joined by PAGE_BREAK
    page_starts: tuple[int, ...]  # offset of each page's text in `text`; (0,) for one page
    notes: tuple[str, ...] = ()  # what the reader noticed: "page 4: no text layer"
    encoding: str | None = None  # text inputs: the encoding the bytes were decoded with
    title: str | None = None  # when the source states it (HTML <title>, PDF metadata)
    published: date | None = None  # when the source states it
    page_sizes: tuple[tuple[float, float], ...] = ()  # PDF: (width, height) per page, points
    # PDF: 4 floats (x0, top, x1, bottom) per character of `text`; NaN where a character has no
    # box (joins, inserted spaces). Flat array('f') keeps a long PDF's boxes in a few MB.
    char_boxes: array | None = field(default=None, repr=False, compare=False)
    tables: tuple = field(default=(), repr=False, compare=False)  # PDF: pipeline.ingest.tables.Table

    @property
    def n_pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """1-based page of a character offset."""
        return bisect_right(self.page_starts, offset)

    def page_text(self, page: int) -> str:
        start = self.page_starts[page - 1]
        end = self.page_starts[page] - len(PAGE_BREAK) if page < self.n_pages else len(self.text)
        return self.text[start:end]

    def bbox(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """Union of the boxes of text[start:end] on its first page, or None (no boxes)."""
        if self.char_boxes is None:
            return None
        page = self.page_of(start)
        page_end = self.page_starts[page] if page < self.n_pages else len(self.text)
        b = self.char_boxes
        x0 = top = float("inf")
        x1 = bottom = float("-inf")
        for i in range(start, min(end, page_end)):
            if isnan(b[4 * i]):
                continue
            x0, top = min(x0, b[4 * i]), min(top, b[4 * i + 1])
            x1, bottom = max(x1, b[4 * i + 2]), max(bottom, b[4 * i + 3])
        return None if x0 == float("inf") else (x0, top, x1, bottom)
