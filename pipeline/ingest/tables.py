"""Ruled tables in PDFs: find them on a page, hold their cells, stitch those continued over a page.

pdfplumber's table finder (default "lines" strategy) does the geometry; this module decides which
of its tables are real grids, which rows are headers, and when a table on page N+1 is the same
table carried on from page N. Cells keep their offsets into Document.text, so a figure read from
a cell has a span (provenance, bounding box) like any other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pdfplumber.page import Page

# A page needs at least this many ruling edges (lines and rectangle sides) before the table
# finder runs: it is the slowest step of reading a page, and prose pages have none.
MIN_EDGES = 6
COLUMN_TOLERANCE = 3.0  # points: column boundaries that match between pages of one table
MAX_HEADER_ROWS = 3
# a body cell starts with a value: a sign, currency, a digit (a header says "Per 1000 pop." or
# "July 2021 MSG Position", and so starts with a word)
VALUE_START = re.compile(r"^\s*[-+−–£$€]?\s?\d")


@dataclass
class Cell:
    text: str  # the cell's characters as they stand in Document.text
    start: int  # offset of the cell's text in Document.text
    end: int
    page: int  # 1-based
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom on its page


@dataclass
class Table:
    """One table, possibly stitched from several pages. rows[r][c] is a Cell or None (merged)."""

    pages: list[int]
    columns: list[tuple[float, float]]  # (x0, x1) of each column on the first page
    rows: list[list[Cell | None]]
    header_rows: int = 0
    regions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in text, per page

    @property
    def n_cols(self) -> int:
        return len(self.columns)

    @property
    def body(self) -> list[list[Cell | None]]:
        return self.rows[self.header_rows :]

    def column_headers(self) -> list[str]:
        """Each column's header: its header cells' text, top to bottom, joined by spaces."""
        heads = []
        for c in range(self.n_cols):
            words = [_squash(row[c].text) for row in self.rows[: self.header_rows] if row[c] and row[c].text.strip()]
            heads.append(" ".join(words))
        return heads

    def row_header_columns(self) -> list[int]:
        """Leading columns whose body cells are words, not values (the row labels)."""
        cols = []
        for c in range(self.n_cols):
            cells = [row[c] for row in self.body if row[c] and row[c].text.strip()]
            if not cells or any(VALUE_START.match(cell.text) for cell in cells):
                break
            cols.append(c)
        return cols

    def row_header(self, row: list[Cell | None], label_columns: list[int] | None = None) -> str:
        """The label nearest to the values: the last non-empty row-header cell of the row."""
        cols = self.row_header_columns() if label_columns is None else label_columns
        for c in reversed(cols):
            if row[c] and row[c].text.strip():
                return _squash(row[c].text)
        return ""

    def cells(self):
        """(row index, column index, cell) of every body cell."""
        for r, row in enumerate(self.body, start=self.header_rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    yield r, c, cell

    def contains(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.regions)


def _squash(text: str) -> str:
    return " ".join(text.split())


def has_rulings(page: Page) -> bool:
    """Worth running the table finder: the page draws enough lines or rectangles."""
    return len(page.lines) + 4 * len(page.rects) >= MIN_EDGES


def find_grids(page: Page) -> list:
    """pdfplumber tables on the page that are real grids (2+ columns).

    A box drawn round a paragraph is reported as a one-cell or one-column table; it is text.
    One row is enough: the last row of a table may run over onto the next page alone.
    """
    if not has_rulings(page):
        return []
    grids = []
    for t in page.find_tables():
        rows = t.rows  # computed on each access
        n_rows = len(rows)
        n_cols = max((len(r.cells) for r in rows), default=0)
        if n_rows >= 1 and n_cols >= 2:
            grids.append(t)
    return grids


def grid_columns(rows: list) -> list[tuple[float, float]]:
    """Column (x0, x1) bounds of a pdfplumber table (its `rows`).

    pdfplumber aligns every row's `cells` to the table's columns (None where a merged cell
    covers the column), so column k is the narrowest cell found at index k.
    """
    n = max((len(r.cells) for r in rows), default=0)
    cols = []
    for k in range(n):
        boxes = [r.cells[k] for r in rows if k < len(r.cells) and r.cells[k] is not None]
        if boxes:
            x0, _, x1, _ = min(boxes, key=lambda b: b[2] - b[0])
            cols.append((x0, x1))
        else:
            cols.append(cols[-1] if cols else (0.0, 0.0))
    return cols


def count_header_rows(rows: list[list[Cell | None]]) -> int:
    """Leading rows in which no cell after the first starts with a value."""
    n = 0
    for row in rows[:MAX_HEADER_ROWS]:
        cells = [c for c in row[1:] if c is not None and c.text.strip()]
        if cells and any(VALUE_START.match(c.text) for c in cells):
            break
        n += 1  # words only, or a title spanning the table
    if n == len(rows):  # all words: a text grid, no header to speak of
        return 1 if len(rows) > 1 else 0
    return n


def _same_columns(a: Table, b_cols: list[tuple[float, float]]) -> bool:
    if len(a.columns) != len(b_cols):
        return False
    return all(
        abs(x0 - y0) <= COLUMN_TOLERANCE and abs(x1 - y1) <= COLUMN_TOLERANCE
        for (x0, x1), (y0, y1) in zip(a.columns, b_cols)
    )


def _row_texts(row: list[Cell | None]) -> list[str]:
    return [_squash(c.text) if c else "" for c in row]


def stitch(page_tables: list[list[Table]]) -> tuple[list[Table], list[str]]:
    """Join a table that ends one page to one that starts the next with the same columns.

    `page_tables[i]` holds page i+1's tables in reading order. A continuation may repeat the
    header rows (dropped from the rows; its cells stay in the text) or not. Returns the tables
    and a note per stitch.
    """
    out: list[Table] = []
    notes: list[str] = []
    carry: Table | None = None  # the table that ended the previous page
    for tables in page_tables:
        last: Table | None = None
        for i, table in enumerate(tables):
            if i == 0 and carry is not None and _same_columns(carry, table.columns):
                header = [_row_texts(r) for r in carry.rows[: carry.header_rows]]
                repeated = bool(header) and [_row_texts(r) for r in table.rows[: len(header)]] == header
                rows = table.rows[len(header) :] if repeated else table.rows
                carry.rows.extend(rows)
                carry.pages.extend(table.pages)
                carry.regions.extend(table.regions)
                how = "header repeated" if repeated else "no repeated header"
                notes.append(
                    f"pages {carry.pages[-2]}-{table.pages[0]}: table continued across the page "
                    f"break, stitched ({how}, {len(rows)} more rows)"
                )
                last = carry
                continue
            out.append(table)
            last = table
        carry = last
    return out, notes
