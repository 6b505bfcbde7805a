"""What a document is as a whole: its kind (cue scores), force, title, published date,
inspection year or cycle and inspectorate.

Cue phrases and their weights are data (pipeline/data/doctype_cues.json); force names come from
pipeline/data/forces.json through pipeline.nlp.forces. Nothing here looks at one corpus file's
words: the head (title and lead) says what a text is about, the body adds evidence.
"""
from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import spacy

from pipeline.ingest.document import Document
from pipeline.nlp.forces import ForceFinder
from pipeline.parsers.base import DocumentInfo

DATA = Path(__file__).resolve().parent.parent / "data"
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_RE = "|".join(WEEKDAYS)
# "18 February 2016", "Monday 15 January 2024", "15th January, 2024"
DMY = re.compile(rf"\b(?:({DAY_RE}),?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?,?(?:\s+(\d{{4}}))?\b", re.I)
# "Jan 29, 2025", "January 29 2025", "Monday, February 17"
MDY = re.compile(rf"\b(?:({DAY_RE}),?\s+)?({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # UK order: day/month/year
STAMP = re.compile(r"(?:^|\n)\s*(?:date|published|posted|posted on|last updated|updated|first published)\s*:?\s*", re.I)
PEEL_CYCLE = [
    re.compile(r"\bPEEL\s+(\d{4}(?:\s*[/–-]\s*\d{2,4})?)"),
    re.compile(r"\b(\d{4}(?:\s*[/–-]\s*\d{2,4})?)\s+PEEL\b"),
    re.compile(r"\bpeel-(\d{4})\b", re.I),
]
HEAD_YEAR = re.compile(r"(?m)^\s*[A-Z][A-Za-z&\- ]{2,40}\s((?:19|20)\d\d)\s*$")  # a heading "Leicestershire 2017"


@cache
def cues() -> dict:
    return json.loads((DATA / "doctype_cues.json").read_text(encoding="utf-8"))


@cache
def _compiled() -> dict:
    c = cues()
    flags = lambda cue: 0 if cue.get("case") else re.I  # noqa: E731
    return {
        "gate": re.compile(c["policing_gate"]["re"], re.I),
        "types": {
            t: [(re.compile(cue["re"], flags(cue)), cue) for cue in spec["cues"]] for t, spec in c["types"].items()
        },
        "boilerplate": [re.compile(p, re.I) for p in c.get("boilerplate", [])],
    }


@lru_cache(maxsize=64)  # every parser's score() asks about the same text
def is_policing(text: str) -> bool:
    gate = cues()["policing_gate"]
    return len(_compiled()["gate"].findall(text[:20000])) >= gate["min_hits"]


@lru_cache(maxsize=64)
def raw_scores(text: str) -> dict[str, float]:
    """Summed cue weights per source_type (before squashing to 0..1)."""
    head_n = cues()["head_chars"]
    body = text[:50000]
    out = {}
    for kind, compiled in _compiled()["types"].items():
        total, groups = 0.0, Counter()
        for rx, cue in compiled:
            hits = [m.start() for m in rx.finditer(body)]
            if not hits:
                continue
            weight = cue["w"] * min(len(hits), cue.get("cap", 3))
            if any(h < head_n for h in hits):
                weight += cue.get("head_w", 0.0)
            total += weight
            groups[cue.get("group")] += weight
        needs = cues()["types"][kind].get("requires") or []
        for need in [needs] if isinstance(needs, dict) else needs:
            if groups[need["group"]] < need["min"]:
                total *= need["else_factor"]
        out[kind] = total
    return out


def score(doc: Document, source_type: str) -> float:
    """0..1: how strongly the text reads as `source_type` compared with the other police kinds."""
    if not is_policing(doc.text):
        return 0.0
    raws = raw_scores(_head_text(doc))
    spec = cues()["types"][source_type]
    mine = raws.get(source_type, 0.0)
    return round(max(mine / (mine + spec["scale"]), spec.get("floor", 0.0)), 4)


def _head_text(doc: Document) -> str:
    # page metadata title, when the reader had one, is the head
    return f"{doc.title}\n{doc.text}" if doc.title and doc.title not in doc.text[:500] else doc.text


# ------------------------------------------------------------------ force
@cache
def _finder() -> tuple:
    nlp = spacy.blank("en")
    return nlp, ForceFinder(nlp.make_doc)


def detect_force(doc: Document | str) -> str | None:
    """The force a document is from or about: the most-named force, the head counting double."""
    text = doc if isinstance(doc, str) else _head_text(doc)
    nlp, finder = _finder()
    sdoc = nlp.make_doc(text[:30000])
    head_n = cues()["head_chars"]
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for span in finder.mentions(sdoc):
        counts[span.label_] += 2 if span.start_char < head_n else 1
        first.setdefault(span.label_, span.start_char)
    if not counts:
        for span in finder.places(sdoc):
            counts[span.label_] += 1
            first.setdefault(span.label_, span.start_char)
    if not counts:
        return None
    return max(counts, key=lambda f: (counts[f], -first[f]))


# ------------------------------------------------------------------ title
def detect_title(doc: Document) -> str | None:
    if doc.title:
        return doc.title.strip()
    boiler = _compiled()["boilerplate"]
    for line in doc.text[:5000].splitlines():
        line = STAMP.sub("", line if line.startswith("\n") else "\n" + line).strip()
        line = ISO.sub("", line, count=1).strip() if ISO.match(line) else line
        if len(line) < 12 or any(b.search(line) for b in boiler):
            continue
        if len(line) > 200:  # no title line: the first sentence stands in
            cut = re.search(r"(?<=[a-z0-9][.!?])\s", line)
            line = line[: cut.start()] if cut and cut.start() <= 200 else line[:200].rsplit(" ", 1)[0]
        return line
    return None


# ------------------------------------------------------------------- date
def detect_published(doc: Document) -> date | None:
    """Page metadata first, then a stamp ('date 2021-10-12', 'Last updated 09/11/2017'), then a
    full date in the head, then a weekday date with no year whose weekday fixes the year."""
    if doc.published:
        return doc.published
    text = doc.text[:3000]
    for m in STAMP.finditer(text):
        found = _date_at(text[m.end() : m.end() + 40])
        if found:
            return found
    # a full date on a line of its own ("Jan 29, 2025"), or in the head unless it bounds a range
    # or a deadline ("from 1st October 2025", "by 5pm on Monday 19 February 2018")
    dated = []
    for rx in (DMY, MDY, ISO):
        for m in rx.finditer(text):
            d = _full_date(m, rx)
            if d is None:
                continue
            line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            own_line = len(line.strip()) <= len(m.group(0)) + 25
            before = text[max(0, m.start() - 25) : m.start()].lower().split()
            bounded = bool(set(before[-3:]) & {"from", "until", "till", "between", "to", "by", "before", "after", "since", "deadline", "closes", "close"})
            if own_line or m.start() < 400 and not bounded:
                dated.append((m.start(), d))
    if dated:
        return min(dated)[1]
    years = sorted({int(y) for y in re.findall(r"\b(20[0-4]\d|19[89]\d)\b", doc.text[:20000])}, reverse=True)
    for rx in (DMY, MDY):
        for m in rx.finditer(doc.text[:3000]):
            if m.group(1) and not m.group(4):
                day, month = (m.group(2), m.group(3)) if rx is DMY else (m.group(3), m.group(2))
                for y in years or []:
                    d = _safe_date(y, MONTHS[month.lower().rstrip(".")], int(day))
                    if d and d.weekday() == WEEKDAYS[m.group(1).lower()]:
                        return d
    return None


def _date_at(s: str) -> date | None:
    for rx in (ISO, DMY, MDY, NUMERIC):
        m = rx.match(s.strip())
        if m:
            d = _full_date(m, rx)
            if d:
                return d
    return None


def _full_date(m: re.Match, rx: re.Pattern) -> date | None:
    if rx is ISO:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if rx is NUMERIC:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if not m.group(4):
        return None
    day, month = (m.group(2), m.group(3)) if rx is DMY else (m.group(3), m.group(2))
    return _safe_date(int(m.group(4)), MONTHS[month.lower().rstrip(".")], int(day))


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


# ------------------------------------------------------- year, inspectorate
def detect_year(doc: Document) -> str | None:
    """Inspection year or PEEL cycle: 'PEEL 2021/22' -> '2021/22', a heading 'Leicestershire 2017' -> '2017'."""
    text = _head_text(doc)[:20000]
    for rx in PEEL_CYCLE:
        m = rx.search(text)
        if m:
            return re.sub(r"\s*[/–-]\s*", "/", m.group(1))
    m = HEAD_YEAR.search(text[:2000])
    if m:
        return m.group(1)
    m = re.search(r"\b(?:inspection|assessment) (?:in|of) ((?:19|20)\d\d)\b|\b((?:19|20)\d\d) (?:inspection|assessment)", text)
    if m:
        return m.group(1) or m.group(2)
    return None


def detect_inspectorate(doc: Document, year: str | None = None) -> str | None:
    text = doc.text[:30000]
    if re.search(r"\bHMICFRS\b|Fire (?:&|and) Rescue Services", text):
        return "HMICFRS"
    if re.search(r"\bHMIC\b|Inspectorate of Constabulary|Inspector of Constabulary", text):
        # HMIC became HMICFRS in July 2017
        return "HMICFRS" if year and int(year[:4]) >= 2018 else "HMIC"
    return None


ADEQUATE = re.compile(r"['‘\"“]adequate['’\"”]|\b(?:graded|rated|assessed|judged)\b[^.]{0,30}\badequate\b", re.I)


def mentions_adequate_grade(text: str) -> bool:
    """'adequate' used as a grade: the text is on the five-point scale (PEEL from 2021/22)."""
    return bool(ADEQUATE.search(text))


def scale_for_year(year: str | None) -> str | None:
    """PEEL graded on four points to 2020 and on five (with 'adequate') from 2021/22."""
    if not year:
        return None
    return "four_point" if int(year[:4]) <= 2020 else "five_point"


def understand(doc: Document, source_type: str) -> DocumentInfo:
    year = detect_year(doc)
    policing = is_policing(doc.text)
    return DocumentInfo(
        source_type=source_type,
        force=detect_force(doc) if policing else None,
        title=detect_title(doc),
        published=detect_published(doc),
        year=year,
        notes=[],
    )
