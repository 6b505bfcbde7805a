"""PDF bytes -> Document: text in reading order, a box per character, ruled tables.

pypdfium2 checks the file first (opens? encrypted? how many pages? metadata) because it does so
in milliseconds; pdfplumber then reads each page once: its characters give the text (through
pdfplumber's own TextMap, so a page without columns or tables reads exactly as
`page.extract_text()`), the column split, the per-character boxes and the table cells. Pages are
released as soon as they are read, so memory stays bounded by one page.
"""
from __future__ import annotations

import io
import re
from array import array
from bisect import bisect_right
from datetime import date
from hashlib import sha256
from statistics import median

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from pipeline.ingest.document import PAGE_BREAK, Document
from pipeline.ingest.errors import CorruptFile, EmptyFile, EncryptedPDF, TooLarge
from pipeline.ingest.tables import Cell, Table, count_header_rows, find_grids, grid_columns, stitch


MEDIA_TYPE = "application/pdf"
MAX_BYTES = 500_000_000
MAX_PAGES = 5_000
MAX_PAGE_SIDE = 14_400.0  # points: the PDF spec's 200-inch limit; beyond it is a drawing, not a page
MAX_PAGE_CHARS = 200_000  # a "page" with more characters than this is a data dump or a trap
CELL_SEP = " | "  # between the cells of a table row in the text
NAN4 = (float("nan"),) * 4

# Columns: a gutter is a vertical strip that is inside a wide gap on many lines.
MIN_GAP_EM = 0.9  # a gap wider than this many character heights may be a gutter (a word space
MIN_GAP_POINTS = 6.0  # is 0.25-0.5 em; the narrowest gutters seen, justified, about 1 em)
MIN_GUTTER_LINES = 3  # and at least this many lines (and a fifth of the page's) share it
MIN_COLUMN_SHARE = 0.15  # each column at least this share of the page width (narrower: a table)
MIN_COLUMN_CHARS_PER_LINE = 8.0  # prose columns hold words, not single values

PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def read_pdf(raw: bytes, path: str) -> Document:
    """Read a PDF's bytes. Raises a ReadError subclass for files that cannot be read."""
    if not raw:
        raise EmptyFile(f"{path}: file is empty")
    if len(raw) > MAX_BYTES:
        raise TooLarge(f"{path}: {len(raw):,} bytes is over the {MAX_BYTES:,}-byte limit for PDFs")
    n_pages, meta, sizes, encrypted = _inspect(raw, path)
    notes: list[str] = []
    if encrypted:
        notes.append("encrypted with an empty user password: read without a password")
    builder = _TextBuilder()
    page_tables: list[list[Table]] = []
    starts: list[int] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except PdfminerException as exc:
        raise CorruptFile(f"{path}: pdfplumber cannot open it ({_why(exc)})") from exc
    with pdf:
        failed = 0
        for number, page in enumerate(pdf.pages, start=1):
            if number > 1:
                builder.add(PAGE_BREAK)
            starts.append(builder.length)
            try:
                page_tables.append(_read_page(page, number, sizes[number - 1], builder, notes))
            except (PdfminerException, ValueError, KeyError, TypeError) as exc:
                # a broken content stream spoils its page, not the document
                failed += 1
                builder.truncate(starts[-1])
                notes.append(f"page {number}: unreadable ({_why(exc)})")
                page_tables.append([])
            finally:
                page.close()  # drop the page's parsed objects before the next page
        if failed == n_pages:
            raise CorruptFile(f"{path}: no page could be read ({notes[-1]})")
    text = builder.text()
    tables, stitch_notes = stitch(page_tables)
    notes.extend(stitch_notes)
    return Document(
        doc_id=sha256(raw).hexdigest(),
        path=path,
        media_type=MEDIA_TYPE,
        text=text,
        page_starts=tuple(starts),
        notes=tuple(notes),
        title=_clean(meta.get("Title")),
        published=_pdf_date(meta.get("CreationDate")),
        page_sizes=tuple(sizes),
        char_boxes=builder.boxes,
        tables=tuple(tables),
    )


def _why(exc: BaseException) -> str:
    inner = exc.__cause__ or exc.__context__ or exc
    return f"{type(inner).__name__}: {inner}"[:200] if str(inner) else type(inner).__name__


def _inspect(raw: bytes, path: str) -> tuple[int, dict, list[tuple[float, float]], bool]:
    """Page count, metadata, page sizes and encryption, from pypdfium2 (fast, no text parsing)."""
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise EncryptedPDF(f"{path}: encrypted, and it needs a password to open") from exc
        # pdfium refuses an empty page tree as a "format error"; pdfminer tells the two apart
        return _inspect_with_pdfplumber(raw, path, exc)
    try:
        n = len(doc)
        if n == 0:
            raise EmptyFile(f"{path}: PDF has no pages")
        if n > MAX_PAGES:
            raise TooLarge(f"{path}: {n:,} pages is over the {MAX_PAGES:,}-page limit")
        encrypted = pdfium.raw.FPDF_GetSecurityHandlerRevision(doc.raw) != -1
        try:
            meta = doc.get_metadata_dict(skip_empty=True)
        except pdfium.PdfiumError:
            meta = {}
        sizes = [tuple(doc.get_page_size(i)) for i in range(n)]
    finally:
        doc.close()
    return n, meta, sizes, encrypted


def _inspect_with_pdfplumber(raw: bytes, path: str, why: Exception) -> tuple[int, dict, list, bool]:
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            n = len(pdf.pages)
            if n == 0:
                raise EmptyFile(f"{path}: PDF has no pages")
            sizes = [(float(p.width), float(p.height)) for p in pdf.pages]
            meta = {k: v for k, v in pdf.metadata.items() if isinstance(v, str)}
    except PdfminerException as exc:
        raise CorruptFile(f"{path}: damaged or truncated PDF (pdfium: {why}; pdfminer: {_why(exc)})") from exc
    return n, meta, sizes, False


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _pdf_date(value: str | None) -> date | None:
    """A PDF date string ("D:20211221093000Z") as a date; None when absent or nonsense."""
    m = PDF_DATE.match((value or "").strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


class _TextBuilder:
    """The document's text and its flat box array, grown together so they never drift apart."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes = array("f")
        self.length = 0

    def add(self, s: str, box: tuple[float, float, float, float] = NAN4) -> None:
        if s:
            self.parts.append(s)
            self.boxes.extend(box * len(s))
            self.length += len(s)

    def add_textmap(self, tuples) -> str:
        """Append pdfplumber TextMap tuples (text, char or None); return the text added."""
        parts, boxes = self.parts, self.boxes
        first = len(parts)
        for s, obj in tuples:
            if obj is None:
                box = NAN4
            else:
                box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
            parts.append(s)
            boxes.extend(box * len(s))  # a ligature expands to two letters sharing one box
            self.length += len(s)
        return "".join(parts[first:])

    def truncate(self, length: int) -> None:
        text = "".join(self.parts)[:length]
        self.parts = [text]
        del self.boxes[4 * length :]
        self.length = length

    def text(self) -> str:
        return "".join(self.parts)


def _read_page(page, number: int, size: tuple[float, float], out: _TextBuilder, notes: list[str]) -> list[Table]:
    """Append one page's text to `out`; return its tables (cells with offsets into the text)."""
    width, height = size
    if width > MAX_PAGE_SIDE or height > MAX_PAGE_SIDE:
        notes.append(f"page {number}: {width:.0f}x{height:.0f} points is too large to be a text page; skipped")
        return []
    chars = page.chars
    if len(chars) > MAX_PAGE_CHARS:
        notes.append(f"page {number}: {len(chars):,} characters is over the per-page limit; skipped")
        return []
    if not chars:
        if page.images:
            notes.append(f"page {number}: no text layer; OCR not attempted")
        else:
            notes.append(f"page {number}: no text")
        return []
    # text set sideways (margin notes, stamps) is read after the page's own text, not through it
    sideways = [c for c in chars if not c["upright"]]
    if sideways and len(sideways) < len(chars):
        chars = [c for c in chars if c["upright"]]
    else:
        sideways = []
    grids = find_grids(page)
    items: list[tuple[float, str, object]] = [(g.bbox[1], "table", g) for g in grids]
    if grids:
        # text above, between and below tables is laid out band by band, so it keeps its place
        boxes = [g.bbox for g in grids]
        tops = sorted(b[1] for b in boxes)
        bands: list[list[dict]] = [[] for _ in range(len(tops) + 1)]
        for c in chars:
            if not _in_any(c, boxes):
                bands[sum(1 for t in tops if t < c["top"])].append(c)
    else:
        bands = [chars]
    for band in bands:
        items.extend((top, "lines", run) for top, run in _blocks(band, page.width))
    items.sort(key=lambda item: item[0])
    tables = []
    first = True
    for _, kind, obj in items:
        if not first:
            out.add("\n")
        first = False
        if kind == "table":
            tables.append(_write_table(obj, chars, number, out))
        else:
            for k, piece in enumerate(obj):
                if k:
                    out.add("\n")
                out.add_textmap(piece)
    if sideways:
        out.add("\n")
        out.add_textmap(chars_to_textmap(sideways).tuples)
    return tables


def _in_any(c: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


class _Line:
    """One text line: its characters left to right, its ink, and the wide gaps in it."""

    __slots__ = ("chars", "ink", "min_gap", "gaps", "segments")

    def __init__(self, chars: list[dict]):
        self.chars = sorted(chars, key=lambda c: c["x0"])
        # some PDFs draw spaces as characters: only ink counts for gaps
        self.ink = [c for c in self.chars if not c["text"].isspace()]
        ink = self.ink
        self.min_gap = (
            max(MIN_GAP_POINTS, MIN_GAP_EM * median(c["bottom"] - c["top"] for c in ink)) if ink else MIN_GAP_POINTS
        )
        self.gaps = [(a["x1"], b["x0"]) for a, b in zip(ink, ink[1:]) if b["x0"] - a["x1"] >= self.min_gap]
        self.segments: list[tuple[float, float]] = []
        if ink:
            start = ink[0]["x0"]
            for x0, x1 in self.gaps:
                self.segments.append((start, x0))
                start = x1
            self.segments.append((start, max(c["x1"] for c in ink)))

    def crosses(self, gutters: list[float]) -> bool:
        """Ink covers a gutter, or only a word space separates the ink there."""
        word_space = self.min_gap / 2
        for g in gutters:
            left = right = None
            for c in self.ink:
                if c["x0"] < g < c["x1"]:
                    return True
                if c["x1"] <= g:
                    left = c
                elif right is None:
                    right = c
                    break
            if left is not None and right is not None and right["x0"] - left["x1"] < word_space:
                return True
        return False


def _blocks(chars: list[dict], page_width: float) -> list[tuple[float, list[list]]]:
    """The band's text in reading order: (top, pieces) runs, each piece TextMap tuples.

    pdfplumber's TextMap of the band is built once (it is what extract_text returns); its
    lines are the lines measured for gutters. A band without gutters is that TextMap as is.
    Otherwise lines that cross no gutter and sit in a run of such lines form a column block,
    whose lines are cut at the gutters and read one column after the other; every other line
    is read across the page. Only slices of the one TextMap are used, never a second pass.
    """
    if not chars:
        return []
    textmap = chars_to_textmap(chars).tuples
    lines: list[tuple[list, _Line]] = []
    current: list = []
    for t in textmap:
        if t[1] is None and t[0] == "\n":
            lines.append((current, _Line([o for _, o in current if o is not None])))
            current = []
        else:
            current.append(t)
    lines.append((current, _Line([o for _, o in current if o is not None])))
    lines = [(tl, ln) for tl, ln in lines if ln.ink]
    if not lines:  # blank characters only
        return [(chars[0]["top"], [textmap])]
    top = min(c["top"] for c in lines[0][1].chars)
    gutters = _gutters([ln for _, ln in lines], page_width)
    if not gutters:
        return [(top, [textmap])]
    runs: list[tuple[float, list[list]]] = []
    across: list[tuple[list, _Line]] = []  # consecutive lines read across
    block: list[tuple[list, _Line]] = []  # consecutive lines that cross no gutter

    def flush_across() -> None:
        if across:
            runs.append((across[0][1].chars[0]["top"], [_joined([tl for tl, _ in across])]))
            across.clear()

    def flush_block() -> None:
        if not block:
            return
        columns = _split_columns(block, gutters, page_width)
        if columns is None:  # not prose columns after all: read across
            across.extend(block)
        else:
            flush_across()
            runs.append((block[0][1].chars[0]["top"], [_joined(col) for col in columns]))
        block.clear()

    for item in lines:
        if item[1].crosses(gutters):
            flush_block()
            across.append(item)
        else:
            flush_across()
            block.append(item)
    flush_block()
    flush_across()
    return runs


def _joined(lines: list[list]) -> list:
    out: list = []
    for i, tl in enumerate(lines):
        if i:
            out.append(("\n", None))
        out.extend(tl)
    return out


def _gutters(lines: list[_Line], page_width: float) -> list[float]:
    """x positions where columns part: candidate gutters.

    Two kinds of evidence, counted per point across the page: lines whose ink has a wide gap
    there (columns whose baselines line up merge into one line), and an empty strip with
    lines ending left of it and lines starting right of it (baselines that do not line up).
    """
    n = len(lines)
    need = max(MIN_GUTTER_LINES, n / 5)
    size = int(page_width) + 2
    gap_d = [0] * (size + 1)  # difference arrays, summed below
    cover_d = [0] * (size + 1)
    ends = [0] * (size + 1)
    starts = [0] * (size + 1)
    clamp = lambda v: min(size - 1, max(0, int(v)))  # noqa: E731
    for line in lines:
        for a, b in line.gaps:
            gap_d[clamp(a) + 1] += 1
            gap_d[clamp(b)] -= 1
        for x0, x1 in line.segments:
            cover_d[clamp(x0)] += 1
            cover_d[clamp(x1) + 1] -= 1
            ends[clamp(x1)] += 1
            starts[clamp(x0)] += 1
    gap = cover = left = 0
    right = sum(starts)
    ok = [False] * size
    covers = [0] * size
    for x in range(size):
        gap += gap_d[x]
        cover += cover_d[x]
        covers[x] = cover
        right -= starts[x]  # segments starting right of x
        ok[x] = gap >= need or (cover <= n / 10 and left >= need and right >= need)
        left += ends[x]  # segments ending at or left of x
    gutters, x = [], 0
    while x < size:
        if ok[x]:
            end = x
            while end + 1 < size and ok[end + 1]:
                end += 1
            if end - x + 1 >= MIN_GAP_POINTS:
                # the middle of the emptiest stretch: a justified column's edge is straight, a
                # ragged one is not, and the gutter proper starts where the ink stops
                low = min(covers[x : end + 1])
                xs = [i for i in range(x, end + 1) if covers[i] == low]
                gutters.append((xs[0] + xs[-1]) / 2)
            x = end + 1
        else:
            x += 1
    return gutters


def _split_columns(block: list[tuple[list, _Line]], gutters: list[float], page_width: float) -> list[list[list]] | None:
    """The block's TextMap lines cut at the gutters, per column left to right (each column a
    list of line slices); None if these are not prose columns."""
    if len(block) < MIN_GUTTER_LINES:
        return None
    n = len(gutters) + 1
    columns: list[list[list]] = [[] for _ in range(n)]
    n_chars = [0] * n
    x0s = [float("inf")] * n
    x1s = [float("-inf")] * n
    for tl, _ in block:
        parts: list[list] = [[] for _ in range(n)]
        k = 0
        for t in tl:
            o = t[1]
            if o is not None:
                k = bisect_right(gutters, (o["x0"] + o["x1"]) / 2)
                n_chars[k] += 1
                x0s[k] = min(x0s[k], o["x0"])
                x1s[k] = max(x1s[k], o["x1"])
            parts[k].append(t)  # a space pdfplumber inserted goes with the word before it
        for k, part in enumerate(parts):
            while part and part[-1][1] is None:
                part.pop()
            start = 0
            while start < len(part) and part[start][1] is None:
                start += 1
            if start < len(part):
                columns[k].append(part[start:])
    kept = [k for k in range(n) if columns[k]]
    if len(kept) < 2:
        return None
    for k in kept:
        if x1s[k] - x0s[k] < MIN_COLUMN_SHARE * page_width or n_chars[k] / len(columns[k]) < MIN_COLUMN_CHARS_PER_LINE:
            return None
    return [columns[k] for k in kept]


def _write_table(grid, chars: list[dict], number: int, out: _TextBuilder) -> Table:
    """Write a table into the text, a row per line and CELL_SEP between cells; return its cells."""
    region_start = out.length
    grid_rows = grid.rows  # a computed property in pdfplumber: read it once
    columns = grid_columns(grid_rows)
    # each character to its cell in one pass (the centre rule of pdfplumber's Table.extract)
    row_boxes = [list(row.cells) for row in grid_rows]
    row_tops = [row.bbox[1] for row in grid_rows]
    row_bottoms = [row.bbox[3] for row in grid_rows]
    per_cell: dict[tuple[int, int], list[dict]] = {}
    for c in chars:
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        r = bisect_right(row_tops, y) - 1
        if r < 0 or y > row_bottoms[r]:
            continue
        for k, b in enumerate(row_boxes[r]):
            if b is not None and b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                per_cell.setdefault((r, k), []).append(c)
                break
    rows: list[list[Cell | None]] = []
    for r, boxes in enumerate(row_boxes):
        if r:
            out.add("\n")
        cells: list[Cell | None] = [None] * len(columns)
        written = 0
        for k, bbox in enumerate(boxes):
            if bbox is None:
                continue
            if written:
                out.add(CELL_SEP)
            written += 1
            start, text = out.length, ""
            cell_chars = per_cell.get((r, k))
            if cell_chars:
                # one line per cell: the cell's own line breaks become spaces (no box)
                tuples = chars_to_textmap(cell_chars).tuples
                text = out.add_textmap((" ", None) if s == "\n" else (s, o) for s, o in tuples)
            cells[k] = Cell(text, start, out.length, number, tuple(bbox))
        rows.append(cells)
    table = Table(pages=[number], columns=columns, rows=rows, regions=[(region_start, out.length)])
    table.header_rows = count_header_rows(rows)
    return table
