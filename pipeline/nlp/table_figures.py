"""Table cells -> figures: the row header says what is measured, the column header what it means.

A PDF table (pipeline.ingest.tables.Table, on Document.tables) is read cell by cell. Each number
in a short cell is parsed with numbers.parse_quantity; the column header is matched against
patterns/table_headers.jsonl (first match wins) to give what the cell leaves unsaid: "MSG
Position" makes a bare number a rank, "Per 1000 pop." a rate per 1,000 population, "Change
required to reach MSG Average" makes the cell a change whose direction is its sign. The metric
is the row's label (plus the column header where it adds meaning); the period comes from a date
in the column header ("July 2021 MSG Position") and from a parenthesis in the cell ("(last data
to March 2021)"). Long cells are prose and are left to the sentence extractors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import srsly

from pipeline.ingest.document import Document
from pipeline.ingest.tables import Cell, Table
from pipeline.nlp.numbers import parse_quantity

PATTERNS = Path(__file__).parent / "patterns"
VERSION = "1.0"
NAME = "table_figures"
MAX_CELL_WORDS = 12  # longer cells are prose: the sentence extractors read them
MAX_WORDS_BEFORE_VALUE = 2  # "Up to £3,790" is a value; "Essex has improved to 3rd" is prose
MAX_SENTENCE = 1000
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
PERIOD = re.compile(
    rf"\b(?:{MONTH}\.?\s+(?:19|20)\d\d|Q[1-4](?:\s+(?:19|20)\d\d(?:/\d\d)?)?|(?:19|20)\d\d/\d\d|"
    rf"(?:FY\s*)?(?:19|20)\d\d)\b",
    re.I,
)
# a number as a cell writes it: sign, pound sign, digits with separators, decimals
NUMBER = re.compile(r"(?<![\w.,/:£$-])[+\-−–]?\s?£?\d[\d,]*(?:\.\d+)?")
NOT_VALUE_BEFORE = re.compile(rf"(?:\bper|\b{MONTH}\.?|\bto|\bsince|\bfrom|\bin|\bQ)\s*$", re.I)
DATE_OR_TIME_AFTER = re.compile(r"^(?:[/:]\d|-\d{1,2}-\d)")
YEAR = re.compile(r"^(?:19|20)\d\d$")
PAREN = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class HeaderRule:
    id: str
    pattern: re.Pattern
    unit: str | None
    measure: str | None
    metric: str  # "row" or "row+header"


@cache
def header_rules(name: str = "table_headers.jsonl") -> tuple[HeaderRule, ...]:
    rows = list(srsly.read_jsonl(PATTERNS / name))
    if not rows:
        raise ValueError(f"{name}: no header rules")
    return tuple(
        HeaderRule(r["id"], re.compile(r["pattern"], re.I), r.get("unit"), r.get("measure"), r.get("metric", "row+header"))
        for r in rows
    )


def rule_for(header: str) -> HeaderRule:
    for rule in header_rules():
        if rule.pattern.search(header):
            return rule
    return header_rules()[-1]


def _squash(text: str) -> str:
    return " ".join(text.split())


def is_prose(cell: Cell) -> bool:
    """A cell that is writing, not a value: long, or more than one sentence, or words before
    its first number ("Essex is 5th in its MSG")."""
    text = cell.text
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]  # a column of numbers is data
    if len(words) > MAX_CELL_WORDS or SENTENCE_BREAK.search(text):
        return True
    m = NUMBER.search(text)
    return m is not None and len(text[: m.start()].split()) > MAX_WORDS_BEFORE_VALUE


def owned_regions(doc: Document) -> list[tuple[int, int]]:
    """Spans of the cells this module reads (all but prose): a prose figure inside one gives way."""
    out = []
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell is not None and cell.end > cell.start and not is_prose(cell):
                    out.append((cell.start, cell.end))
    return sorted(out)


def _header_period(header: str) -> str | None:
    m = PERIOD.search(header)
    return m.group(0) if m else None


def _cell_period(text: str) -> str | None:
    for m in PAREN.finditer(text):
        if PERIOD.search(m.group(1)):
            return _squash(m.group(1))
    return None


def _numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each number that may be a value: not in a dated parenthesis, not a date."""
    dated = [(m.start(), m.end()) for m in PAREN.finditer(text) if PERIOD.search(m.group(1))]
    found = []
    for m in NUMBER.finditer(text):
        a, b = m.start(), m.end()
        if any(x <= a < y for x, y in dated):
            continue
        if NOT_VALUE_BEFORE.search(text[:a]) or DATE_OR_TIME_AFTER.match(text[b:]):
            continue
        if YEAR.match(m.group(0).strip()):
            continue
        found.append((a, b))
    return found


def _quantity(text: str, a: int, stop: int):
    """The quantity starting at a, and where its characters end.

    The segment runs to the next number or parenthesis; words are then dropped from its end
    while the parse stays the same, so the span covers the number and its unit only
    ("3.0%" of "3.0% of contracted hours lost", "4th" of "4th in MSG").
    """
    paren = text.find("(", a, stop)
    if paren != -1:
        stop = paren
    seg = text[a:stop].rstrip(" ,;:|.")
    q = parse_quantity(seg)
    if q is None:
        return None, a
    while " " in seg:
        shorter = seg.rsplit(" ", 1)[0].rstrip(" ,;:|")
        q2 = parse_quantity(shorter)
        if q2 is None or (q2.value, q2.unit, q2.sign) != (q.value, q.unit, q.sign):
            break
        seg = shorter
    return q, a + len(seg)


def _measure(rule: HeaderRule, unit: str, sign: int | None) -> tuple[str, str | None]:
    if rule.measure == "change":
        if sign is not None:
            return "change", "increase" if sign > 0 else "decrease"
        if unit == "percent":
            # an unsigned plain percentage in a "change required" column is the level to reach
            # (a change of a percentage is written in points); NOTES.md, sickness cells
            return "level", None
        return "change", "increase"
    if sign is not None:
        return "change", "increase" if sign > 0 else "decrease"
    return "level", None


def _metric(rule: HeaderRule, row_label: str, header: str) -> str | None:
    if rule.metric == "row" or not header:
        return row_label or None
    if not row_label:
        return header
    return f"{row_label} - {header}"


def _row_line(doc: Document, row: list[Cell | None], cell: Cell) -> str:
    cells = [c for c in row if c is not None and c.page == cell.page]
    start, end = min(c.start for c in cells), max(c.end for c in cells)
    if end - start > MAX_SENTENCE:
        start = max(start, cell.start - MAX_SENTENCE // 2)
        end = min(end, cell.end + MAX_SENTENCE // 2)
    return doc.text[start:end].strip()


def cell_figures(doc: Document, table: Table) -> list[dict]:
    """Figure fields (with char_start/char_end into doc.text) for every value in the table."""
    headers = table.column_headers()
    label_order = table.row_header_columns()  # once per table: it scans every body cell
    label_cols = set(label_order)
    out = []
    for r, c, cell in table.cells():
        if c in label_cols or is_prose(cell):
            continue
        text = doc.text[cell.start : cell.end]
        numbers = _numbers(text)
        if not numbers:
            continue
        row = table.rows[r]
        header = headers[c]
        rule = rule_for(header)
        periods = [p for p in (_header_period(header), _cell_period(text)) if p]
        period = f"{periods[0]} ({periods[1]})" if len(periods) == 2 else (periods[0] if periods else None)
        for i, (a, _) in enumerate(numbers):
            stop = numbers[i + 1][0] if i + 1 < len(numbers) else len(text)
            q, end = _quantity(text, a, stop)
            if q is None or q.unit is None:
                continue
            unit = q.unit
            if unit == "count" and rule.unit:
                unit = rule.unit
            measure, direction = _measure(rule, unit, q.sign)
            out.append({
                "value": q.value,
                "unit": unit,
                "measure": measure,
                "direction": direction,
                "qualifier": q.qualifier,
                "metric": _metric(rule, table.row_header(row, label_order), header),
                "area": None,
                "period": period,
                "char_start": cell.start + a,
                "char_end": cell.start + end,
                "sentence": _row_line(doc, row, cell),
                "rule": rule.id,
                "origin": "table",
            })
    return out


def table_figures(doc: Document) -> list[dict]:
    """Figure fields for every table on the document (empty for documents without tables)."""
    out: list[dict] = []
    for table in doc.tables:
        out.extend(cell_figures(doc, table))
    return out
