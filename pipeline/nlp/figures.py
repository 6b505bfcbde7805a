"""rf_figures: every stated quantity in a document, as GUIDELINE figures.

How it works (all vocabulary is data in pipeline/nlp/patterns/):
1. figures.jsonl: Matcher patterns for a number with its unit ("37.6%", "£11m", "3 mins 40 secs",
   "969 calls per day", "4th in MSG" ...). Each has a stable id (recorded as the record's "rule"),
   a label and a priority; overlapping matches are resolved by priority, then length.
   Patterns may use {"MACRO": NAME} from figures_macros.json.
2. figures_exclude.jsonl: numbers that are not figures (dates, years, times, ages, phone numbers,
   legislation, list labels, 999/101 as service names, fractions, pronoun "one" ...). A candidate
   whose first token is covered by an exclusion match is dropped.
3. numbers.parse_quantity turns the matched text into value/unit/sign; a unit outside the
   enumeration ("12 years", "last 6 months") drops the candidate.
4. figures_cues.json: cue words around the number give qualifier, measure and direction
   ("9,470 fewer", "a reduction of 37.6%", "down by 9.2%", "from 36 per cent to seven per cent")
   and the metric phrase; figures_context.jsonl (periods, areas) and places.txt give period and
   area from the same sentence.
5. The metric is the noun phrase after the number ("60 arrests", "£335,000 in cash", "2 of which
   related to disability", "six 'good' ratings"), else the subject before it, skipping verbs,
   adjectives and cue words ("All recorded knife crime is trending down 4%"). A phrase made only of
   figures_cues "not_metric" / "vague_heads" words, a lone participle before the number, a listed
   place, an organisation ("West Midlands Police recorded ...") or a place in a list of places
   ("Brighton and Hove, 34 in Crawley") is never the metric: the figure then takes the metric of the
   figure before it in its sentence, or of the figure before when its sentence points back ("This was
   up from 261", "- Oxfordshire: 62" after "337 knives ... as follows:").
Speed: number-like tokens are found with two array passes (LIKE_NUM, shape); the Matchers run
only in small windows around them, exclusions only around the chosen candidates, periods and
areas only near figures, and each description looks at most SENTENCE_REACH tokens either side
(table dumps make sentences of thousands of tokens). Python runs per match, not per token: the
IN / NOT_IN / REGEX tests of the patterns on lexeme attributes become vocab flags (_flagged_matcher),
which the Matcher checks in C instead of calling a Python predicate per token.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import numpy
import srsly
from spacy.attrs import IS_CURRENCY, LIKE_NUM, LOWER, ORTH, PREFIX, SENT_START, SHAPE, SUFFIX
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.nlp.macros import expand_macros
from pipeline.nlp.numbers import Quantity, parse_quantity, vocab

PATTERNS = Path(__file__).parent / "patterns"
if not Span.has_extension("rf"):  # also set by pipeline.py; here so the component works alone
    Span.set_extension("rf", default=None)
VERSION = "1.1"
KEY = "figures"
OPERATION = re.compile(r"\b(?:Operation|Op\.?|Project)\s+((?:[A-Z][A-Za-z'’-]*)(?:\s+(?:[A-Z][A-Za-z'’-]*|\d{1,2}\b))?)")
NUMBER_WORDS = frozenset(vocab().cardinals) | {"a", "half", "dozen", "hundred", "thousand", "million"}
QUALIFIER_LAST_WORDS = frozenset(p.split()[-1] for p, _ in vocab().qualifiers)
PENCE_DECIMAL = re.compile(r"^\d{1,6}\.\d\d$")  # 71.03: pounds and pence
TABLE_HEADER_REACH = 150  # tokens after a '£' column header that its cells may be
YEAR_NUMBER = re.compile(r"^(19|20)\d\d$")
GLUED_RANGE = re.compile(r"^(£?[\d.,]+(?:k|m|bn)?)[-–](£?[\d.,]+(?:k|m|bn)?)$")
# Matchers run only near numbers: a figure pattern starts at most 1 token before its number
# ("£", "ranked") and spans at most 11 tokens; an exclusion starts at most 4 tokens before it
# ("Operation Mille 3", "aged between 18") and ends within 6 after ("2021-10-12").
FIGURE_WINDOW, EXCLUDE_WINDOW, CONTEXT_WINDOW = (1, 12), (4, 7), 20
NEAREST_LOOK = 4  # period / area spans either side of a figure's position compared for nearness
CARRY_REACH = 80  # tokens back a sentence that points to the figure before may take its metric from
BRACKET_LEADS = frozenset("or around about approximately roughly some nearly almost an a i.e. ie equivalent equal to just "
                          "over under".split())  # words between "(" and a restated figure
SAY_VERBS = frozenset("said say says stated felt feel thought think told agreed disagreed supported opposed opted chose "
                      "preferred favoured favored wanted believed believe indicated reported".split())
PREDICATE_TRAIL = frozenset("the a an of to for with on in at by and or that this their its".split())
CLAUSE_BREAKS = frozenset("and but while whilst whereas which who however compared than although".split())
BE_BEFORE = frozenset("is was were are been be".split())
ASIDE_PREPS = frozenset({"in", "for", "at", "on", "by", "of", "as"})  # ", in general,", ", for example,"
SPILL_MAX = 12  # values of a flagless first-token set test run as separate equality patterns
SENTENCE_REACH = 60  # tokens of a sentence either side of a figure that its description may use
FILLERS = frozenset("a an further another".split())
AVERAGE = frozenset("average averaging averaged".split())
COMPARATIVES = frozenset("against than compared versus vs vs. whereas while followed".split())
BASE_WORDS = COMPARATIVES | {"from", "previous", "last", "on"}  # "up 19% from the previous year (123.6 million)"


def load_macros(name: str) -> dict[str, list[list[dict]]]:
    raw = json.loads((PATTERNS / name).read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def load_patterns(name: str, macros: dict) -> list[dict]:
    """Pattern entries of a JSONL file, each with its expanded token patterns under "patterns"."""
    entries = list(srsly.read_jsonl(PATTERNS / name))
    if not entries:
        raise ValueError(f"{name}: pattern file is empty")
    out = []
    for e in entries:
        if "id" not in e or "pattern" not in e:
            raise ValueError(f"{name}: every pattern needs an id and a pattern: {e}")
        out.append({**e, "patterns": expand_macros(e["pattern"], macros)})
    return out


def _lines(name: str) -> list[str]:
    text = (PATTERNS / name).read_text(encoding="utf-8")
    return [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#")]


@dataclass(frozen=True)
class Cues:
    after_inc: frozenset[str]
    after_dec: frozenset[str]
    verb_inc: frozenset[str]
    verb_dec: frozenset[str]
    change_nouns: frozenset[str]
    level_before: frozenset[str]
    be: frozenset[str]
    stop: frozenset[str]
    place_preps: frozenset[str]
    anaphora: dict[str, str]
    not_metric: frozenset[str]
    of_which_skip: frozenset[str]
    anaphora_start: frozenset[str]
    not_up_before: frozenset[str]
    vague_heads: frozenset[str]
    unit_only: frozenset[str]
    rate_words: frozenset[str]
    irregular_participles: frozenset[str]
    change_modifiers: frozenset[str]
    multipliers: frozenset[str]
    rate_tails: frozenset[str]
    participles_after: dict[str, str]

    @classmethod
    def load(cls, name: str) -> "Cues":
        raw = json.loads((PATTERNS / name).read_text(encoding="utf-8"))
        s = lambda k: frozenset(raw[k])  # noqa: E731
        return cls(s("after_increase"), s("after_decrease"), s("verb_increase"), s("verb_decrease"),
                   s("change_nouns"), s("level_before"), s("be"), s("metric_stop"), s("place_preps"),
                   raw["area_anaphora"], s("not_metric"), s("of_which_skip"), s("anaphora_start"),
                   s("not_up_before"), s("vague_heads"),
                   s("unit_only"), s("rate_words"), s("irregular_participles"), s("change_modifiers"),
                   s("multipliers"), s("rate_tails"), raw["participles_after"])


@Language.factory(
    "rf_figures",
    assigns=["doc.spans"],
    default_config={
        "patterns_file": "figures.jsonl",
        "exclude_file": "figures_exclude.jsonl",
        "context_file": "figures_context.jsonl",
        "macros_file": "figures_macros.json",
        "cues_file": "figures_cues.json",
        "places_file": "places.txt",
    },
)
def make_figures(nlp: Language, name: str, patterns_file: str, exclude_file: str, context_file: str,
                 macros_file: str, cues_file: str, places_file: str) -> "FigureFinder":
    macros = load_macros(macros_file)
    return FigureFinder(
        nlp, name,
        load_patterns(patterns_file, macros),
        load_patterns(exclude_file, macros),
        load_patterns(context_file, macros),
        Cues.load(cues_file),
        _lines(places_file),
    )


@dataclass
class _Found:
    start: int  # token span of the number and its unit
    end: int
    rule: str
    label: str
    q: Quantity
    char_start: int | None = None  # set for one half of a glued range ("£30k-£50k")
    char_end: int | None = None
    range_id: str | None = None
    rf: dict | None = None  # its description, once made
    cue: str | None = None  # the direction word written before it ("an additional 40"), if any


class FigureFinder:
    def __init__(self, nlp: Language, name: str, patterns: list[dict], exclusions: list[dict],
                 context: list[dict], cues: Cues, places: list[str]):
        self.name = name
        self.version = VERSION
        self.cues = cues
        self.meta: dict[str, dict] = {}
        for p in patterns:
            self.meta.setdefault(p["id"], {"label": p.get("label", "count"), "priority": p.get("priority", 0),
                                           "keep": p.get("keep"), "text": p.get("text")})
        self.context_labels: dict[str, str] = {p["id"]: p["label"] for p in context}
        _reserve_flags(nlp.vocab, [patterns, exclusions, context])
        self.matcher = _flagged_matcher(nlp.vocab, patterns)
        self.excluder = _flagged_matcher(nlp.vocab, exclusions)
        self.context = _flagged_matcher(nlp.vocab, context)
        self._digit_shapes: dict[int, bool] = {}
        self._unit_only = numpy.array([nlp.vocab.strings.add(w) for w in cues.unit_only], dtype=numpy.uint64)
        self.places = PhraseMatcher(nlp.vocab)
        self.places.add("PLACE", [nlp.make_doc(p) for p in places])
        self.place_names = frozenset(p.lower() for p in places)

    # ---- the component ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        # sentence bounds once per doc, from the array (Span.sent and doc.sents build a Token per token)
        n = len(doc)
        starts = numpy.flatnonzero(doc.to_array(SENT_START).reshape(-1) == 1).tolist() if n else []
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = starts[1:] + [n]
        cache: dict[int, Span] = {}

        def sent_of(i: int) -> Span:
            k = bisect_right(starts, i) - 1
            if k not in cache:
                cache[k] = doc[starts[k]:ends[k]]
            return cache[k]

        self._sent_of = sent_of  # per-call state: a component runs on one Doc at a time
        found = self._candidates(doc)
        periods, areas = self._context_spans(doc, found)
        spans = []
        prev_metric: dict[int, str] = {}  # sentence start -> metric of the last figure in it
        last: dict[tuple, _Found] = {}  # (sentence start, unit) -> the last figure of that unit in it
        prev: dict[int, _Found] = {}  # sentence start -> the last figure in it
        self._mark_ranges(doc, found)
        self._in_figure = bytearray(len(doc))  # a metric phrase never runs into another figure
        self._last_metric: tuple[int, str] | None = None  # (end token, metric) of the last described figure
        self._last_of_unit: dict[str, tuple[int, str]] = {}  # the same, for the last figure of each unit
        for f in found:
            for i in range(f.start, f.end):
                self._in_figure[i] = 1
        for f in found:
            span = Span(doc, f.start, f.end, label="FIGURE")
            full = self._sent_of(f.start)
            sent = self._clip(doc, full, f.start, f.end)
            key = full.start
            rf = self._describe(doc, f, sent, prev_metric.get(key), periods, areas, last.get((key, f.q.unit)),
                                prev.get(key))
            f.rf = rf
            last[key, f.q.unit] = prev[key] = f
            if rf["metric"]:
                prev_metric[key] = rf["metric"]
                self._last_metric = self._last_of_unit[f.q.unit] = (f.end, rf["metric"])
            rf["rule"] = f.rule
            if f.char_start is not None:
                rf["char_start"], rf["char_end"] = f.char_start, f.char_end
                if spans and spans[-1].start == f.start:  # second half of a glued range: its own span
                    span = Span(doc, max(f.start - 1, 0), f.end, label="FIGURE")
            span._.rf = rf
            spans.append(span)
        doc.spans[KEY] = spans
        return doc

    # ---- 1-3: candidates ----------------------------------------------------------------

    def _candidates(self, doc: Doc) -> list[_Found]:
        n = len(doc)
        strings = doc.vocab.strings
        excluded = bytearray(n)
        numbers = self._number_tokens(doc)
        matches = []
        for ws, we in _windows(numbers, n, *FIGURE_WINDOW):
            matches.extend((mid, ws + s, ws + e) for mid, s, e in self.matcher(doc[ws:we]))
        cands = []
        for mid, s, e in matches:
            rule = strings[mid]
            meta = self.meta[rule]
            if meta["keep"]:
                s, e = s + meta["keep"][0], s + meta["keep"][1]
            cands.append((-meta["priority"], -(e - s), s, e, rule, meta["label"], meta["text"]))
        cands.sort()
        # highest priority, then longest, first; a match that does not read as its label's kind
        # of quantity ("659 in" is no rank) gives way instead of blocking the others
        taken = bytearray(n)
        chosen = []
        for _, _, s, e, rule, label, how in cands:
            if any(taken[s:e]):
                continue
            q = None
            if label != "none" and not GLUED_RANGE.match(doc[e - 1].text):
                # "ends": the value is the first token with the last ("1,000 Volunteer hours")
                q = parse_quantity(f"{doc[s].text} {doc[e - 1].text}" if how == "ends" else doc[s:e].text)
                if q is None or (q.unit is not None and (label == "rank") != (q.unit == "rank")):
                    continue  # ranks come only from rank patterns; "first time" is no count either
            for i in range(s, e):
                taken[i] = 1
            chosen.append((s, e, rule, label, q))
        chosen.sort(key=lambda c: c[0])
        # exclusions only around what was chosen ("2021" in "12 months to March 2021")
        starts = [c[0] for c in chosen if c[3] != "none"]
        for ws, we in _windows(starts, n, *EXCLUDE_WINDOW):
            for _, s, e in self.excluder(doc[ws:we]):
                for i in range(ws + s, ws + e):
                    excluded[i] = 1
        out: list[_Found] = []
        for s, e, rule, label, q in chosen:
            if label == "none" or self._first_number_excluded(doc, s, e, excluded):
                continue
            if q is None:
                out.extend(self._glued_range(doc, s, e, rule))
                continue
            if q.unit is None:
                continue  # "12 years", "7pm": a unit outside the enumeration
            if q.unit == "kg" and self._is_conversion(doc, s, out):
                continue
            if q.unit == "count" and not q.value.is_integer() and e - s == 1:
                q = self._carried_unit(doc, s, q, out)
            out.append(_Found(s, e, rule, label, q))
        return out

    @staticmethod
    def _clip(doc: Doc, sent: Span, start: int, end: int) -> Span:
        """The sentence around a figure, at most SENTENCE_REACH tokens either side: a table dump
        can be one 'sentence' of thousands of tokens, and every scan below must stay local."""
        lo, hi = max(sent.start, start - SENTENCE_REACH), min(sent.end, end + SENTENCE_REACH)
        return sent if (lo, hi) == (sent.start, sent.end) else doc[lo:hi]

    def _number_tokens(self, doc: Doc) -> list[int]:
        """Indices of number-like tokens (LIKE_NUM, or a digit in the shape: '42p', '£30k-£50k').

        Two array passes, so prose without numbers costs the Matchers nothing.
        """
        if not len(doc):
            return []
        like = doc.to_array(LIKE_NUM)
        shapes = doc.to_array(SHAPE)
        uniq, inverse = numpy.unique(shapes, return_inverse=True)
        strings = doc.vocab.strings
        cache = self._digit_shapes
        digit = numpy.array([cache[h] if h in cache else cache.setdefault(h, "d" in strings[int(h)])
                             for h in uniq.tolist()], dtype=bool)
        mask = digit[inverse.reshape(-1)] | (like.reshape(-1) != 0)
        # unit words a figure can have with no number token ("a tonne"): the window starts one before
        mask |= numpy.isin(doc.to_array(LOWER).reshape(-1), self._unit_only)
        return numpy.flatnonzero(mask).tolist()

    @staticmethod
    def _first_number_excluded(doc: Doc, s: int, e: int, excluded: bytearray) -> bool:
        for i in range(s, e):
            t = doc[i]
            if t.text[0].isdigit() or t.text[0] in "+-−–£" or t.lower_ in NUMBER_WORDS or t.i == e - 1:
                return bool(excluded[i])
        return False

    def _carried_unit(self, doc: Doc, s: int, q: Quantity, out: list[_Found]) -> Quantity:
        """A bare decimal ('to 9.3 in 2014', 'average of 85.5') is no count: it is measured like
        the figure it follows ('8 nights per visit', '123.4 per 1,000'), or like the denominator
        its sentence states ('per head of population rate ... was 123.4')."""
        sent = self._clip(doc, self._sent_of(s), s, s + 1)
        low = sent.text.lower()
        if "per head of population" in low or "per 1,000" in low or "per 1000" in low:
            return Quantity(q.value, "per_1000_population", q.sign, q.qualifier)
        if out:
            prev = out[-1]
            prev_sent = self._sent_of(prev.start)
            near = prev_sent.start == sent.start or prev_sent.end >= sent.start - 1
            if near and prev.q.unit in ("rate", "per_1000_population", "percent", "seconds") and s - prev.end < 60:
                return Quantity(q.value, prev.q.unit, q.sign, q.qualifier)
        if PENCE_DECIMAL.match(doc[s].text) and self._pound_header_before(doc, s):
            return Quantity(q.value, "gbp", q.sign, q.qualifier)  # a cell under a '£' column header
        return q

    @staticmethod
    def _pound_header_before(doc: Doc, s: int) -> bool:
        """A '£' with no number after it ('£ : p', '£' alone on a line) heads a column of amounts in a
        table written as text; it holds for the numbers within TABLE_HEADER_REACH tokens after it."""
        for k in range(s - 1, max(-1, s - TABLE_HEADER_REACH), -1):
            if doc[k].text == "£":
                nxt = k + 1
                while nxt < len(doc) and doc[nxt].is_space:
                    nxt += 1
                if nxt >= len(doc) or not doc[nxt].like_num:
                    return True
        return False

    @staticmethod
    def _is_conversion(doc: Doc, s: int, out: list[_Found]) -> bool:
        """'1.46kg (3.2lb)': the bracketed conversion is the same figure, not another."""
        return (s > 0 and doc[s - 1].text == "(" and bool(out) and out[-1].q.unit == "kg"
                and s - out[-1].end <= 2)

    @staticmethod
    def _glued_range(doc: Doc, s: int, e: int, rule: str) -> list[_Found]:
        """'£30k-£50k' (one token, or '£' + '30k-£50k'): two figures sharing one range_id."""
        tok = doc[e - 1]
        m = GLUED_RANGE.match(tok.text)
        if not m:
            return []
        a, b = m.group(1), m.group(2)
        pound = doc[s].text == "£" and s < e - 1
        if pound and not a.startswith("£"):
            a = "£" + a
        qa, qb = parse_quantity(a), parse_quantity(b)
        if qa is None or qb is None or qa.unit is None or qb.unit is None:
            return []
        if YEAR_NUMBER.match(a) and YEAR_NUMBER.match(b):
            return []  # "PEEL 2023–2025": a span of years
        if qa.unit == "count" and qb.unit != "count":  # "30-£40" style: the unit is written once
            qa = parse_quantity(("£" if qb.unit == "gbp" else "") + a) or qa
        a_start = doc[s].idx if pound else tok.idx + m.start(1)
        rid = f"range-{a_start}"
        return [
            _Found(s, e, rule, "auto", qa, a_start, tok.idx + m.end(1), rid),
            _Found(s, e, rule, "auto", qb, tok.idx + m.start(2), tok.idx + m.end(2), rid),
        ]

    def _mark_ranges(self, doc: Doc, found: list[_Found]) -> None:
        """'between 10 and 20', '10-20 officers', '£30k - £50k': two figures sharing one range_id."""
        for a, b in zip(found, found[1:]):
            if a.range_id or b.range_id or b.start - a.end > 1 or b.start <= a.end - 1:
                continue
            joiner = doc[a.end].lower_ if b.start == a.end + 1 else ""
            before = self._prev_index(doc, a.start)
            between = before is not None and doc[before].lower_ == "between"
            # "from 2014-2015" is no range, "ranged from 60 – 80%" is (the unit says so)
            after_from = before is not None and doc[before].lower_ in ("from", "aged") and not (
                a.q.unit == "count" and b.q.unit != "count")
            if (joiner == "and" and between) or (joiner in ("-", "–", "—") and not after_from):
                a.range_id = b.range_id = f"range-{doc[a.start].idx}"
                self._share_unit(doc, a, b)

    def _share_unit(self, doc: Doc, a: _Found, b: _Found) -> None:
        """The unit and multiplier are often written once, on the second end of a range: '60 – 80%',
        '£7-8 million', 'between £2.9 and £3.8 million'."""
        mult = doc[b.end - 1].lower_ in self.cues.multipliers and b.end - b.start >= 2
        factor = 1.0
        if mult:
            bare = parse_quantity(doc[b.end - 2].text)
            factor = b.q.value / bare.value if bare is not None and bare.value else 1.0
        if a.q.unit == "count" and b.q.unit != "count" and a.end - a.start == 1:
            a.q = Quantity(a.q.value * factor, b.q.unit, a.q.sign, a.q.qualifier)
        elif a.q.unit == "gbp" and b.q.unit == "count" and mult:  # "£7-8 million"
            b.q = Quantity(b.q.value, "gbp", b.q.sign, b.q.qualifier)
            a.q = Quantity(a.q.value * factor, "gbp", a.q.sign, a.q.qualifier)
        elif a.q.unit == b.q.unit and mult and doc[a.end - 1].lower_ not in self.cues.multipliers:
            a.q = Quantity(a.q.value * factor, a.q.unit, a.q.sign, a.q.qualifier)  # "£2.9 and £3.8 million"

    # ---- 4: context ---------------------------------------------------------------------

    def _context_spans(self, doc: Doc, found: list[_Found]) -> tuple[list, list]:
        """Period and area mentions, looked for only in the sentences that hold a figure."""
        periods, areas = [], []
        strings = doc.vocab.strings
        ranges: list[tuple[int, int]] = []
        for f in found:  # the figure's sentence, at most CONTEXT_WINDOW tokens either side
            sent = self._sent_of(f.start)
            lo, hi = max(sent.start, f.start - CONTEXT_WINDOW), min(sent.end, f.end + CONTEXT_WINDOW)
            if ranges and lo <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
            else:
                ranges.append((lo, hi))
        matches = []
        for lo, hi in ranges:
            matches.extend((mid, lo + s, lo + e) for mid, s, e in self.context(doc[lo:hi]))
        if ranges:  # the PhraseMatcher runs in C over the whole doc (on a Span it rebuilds doc.text)
            matches.extend((-1, s, e) for _, s, e in self.places(doc))
        for mid, s, e in matches:
            if mid == -1:
                areas.append((s, e, doc[s:e].text))
                continue
            label = self.context_labels[strings[mid]]
            if label == "PERIOD":
                periods.append((s, e, doc[s:e].text))
            else:
                toks = doc[s:e]
                text = toks.text
                if toks[0].lower_ in self.cues.place_preps:
                    text = doc[s + 1:e].text
                text = " ".join(text.split())
                low = text.lower()
                for phrase, norm in self.cues.anaphora.items():
                    if low == phrase or low.endswith(" " + phrase):
                        text = norm
                areas.append((s, e, text))
        # longest first, so that nested matches give way to the span that contains them
        periods.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        areas.sort()
        return _outer(periods), areas

    def _flow(self, doc: Doc, f: _Found, sent: Span) -> bool:
        """'175,000 weekly journeys', '300 calls a week': a count per period is a rate."""
        j = self._next_index(doc, f.end, sent.end)
        if j is None:
            return False
        if doc[j].lower_ in self.cues.rate_words:
            return True
        for k in range(j, min(sent.end, j + 4)):  # "300 calls a week", "40 arrests each month"
            if doc[k].lower_ in ("a", "an", "each", "every") and k + 1 < sent.end and \
                    doc[k + 1].lower_ in ("day", "week", "month", "night", "hour", "weekend", "fortnight"):
                return True
            if not doc[k].is_alpha:
                break
        return False

    @staticmethod
    def _after_average(doc: Doc, before: int) -> bool:
        w = doc[before].lower_
        return w in AVERAGE or (w == "of" and before > 0 and doc[before - 1].lower_ in AVERAGE)

    def _shared_direction(self, doc: Doc, f: _Found, sent: Span, last: _Found | None,
                          prev: _Found | None) -> str | None:
        """A figure with no cue of its own that shares the change stated just before it:
        'down 9.8 per cent (1198 incidents)', 'by 25.5% for females (68 offences)' (a bracketed count
        after a change); 'down by 8.6 per cent and 15.5 per cent', 'an increase of £8.78 a year or 17p
        a week', 'an additional 40 officers and 14 staff' (figures coordinated with a change of their
        own unit, nothing in between that could state another)."""
        c = self.cues
        b = self._prev_index(doc, f.start, sent.start)
        if b is None:
            return None
        opening = b
        while opening > sent.start and doc[opening].lower_ in BRACKET_LEADS:  # "(or 4.7%)", "(around 19p"
            opening -= 1
        if doc[opening].text == "(" and prev is not None and prev.rf["direction"] \
                and 0 <= opening - prev.end <= 7 and all(doc[k].is_alpha and doc[k].lower_ not in BASE_WORDS
                                                          for k in range(prev.end, opening)):
            k = f.end
            while k < min(sent.end, f.end + 3) and doc[k].is_alpha and doc[k].lower_ != "to":
                k += 1
            if k + 1 < sent.end and doc[k].lower_ == "to" and doc[k + 1].like_num:
                return None  # "(3935 offences to 4199)": two levels
            return prev.rf["direction"]
        if doc[b].lower_ == "or" and prev is not None and prev.rf["direction"] and prev.end == b:
            return prev.rf["direction"]  # "down 14.2% or 1,280 crimes": the same change restated
        if doc[b].lower_ not in ("and", "or", ",") or last is None or not last.rf["direction"] \
                or f.start - last.end > 10 or last.q.sign:
            return None
        quiet = c.verb_inc | c.verb_dec | c.after_inc | c.after_dec | c.change_nouns | c.be | c.level_before
        if any(doc[k].lower_ in quiet or doc[k].text in (";", ":") for k in range(last.end, b)):
            return None
        nxt = self._next_index(doc, f.end, sent.end)
        if nxt is not None and (doc[nxt].lower_ == "of" or doc[nxt].lower_ in c.be):
            return None  # "fell by 5% and 60% of residents feel safe": a share with its own subject
        if f.q.unit == "count" and last.cue not in ("additional", "extra", "new", "more"):
            return None  # counts share only a modifier written before the first ("an additional 40 ... and 14")
        return last.rf["direction"]

    def _compared(self, doc: Doc, f: _Found, sent: Span, last: dict) -> bool:
        """'dropped by 6.4% against an average of 8.5%', 'less pronounced than last year's 12.5%':
        a percentage set against a stated change is a change of the same kind."""
        if last["measure"] != "change" or last["unit"] != f.q.unit or f.q.unit not in ("percent", "percentage_points"):
            return False
        window = {doc[i].lower_ for i in range(max(sent.start, f.start - 6), f.start)}
        return bool(window & COMPARATIVES)

    def _describe(self, doc: Doc, f: _Found, sent: Span, prev_metric: str | None,
                  periods: list, areas: list, last: _Found | None = None, prev: _Found | None = None) -> dict:
        qualifier, before = self._qualifier(doc, f, sent)
        direction, anchor = self._direction(doc, f, sent, before)
        if f.q.unit == "percentage_points" and direction is None:
            direction = "increase"  # points are a difference by definition; unsigned reads as a rise
        if f.q.unit == "count" and ((before is not None and before >= 0 and self._after_average(doc, before))
                                    or self._flow(doc, f, sent)):
            f.q = Quantity(f.q.value, "rate", f.q.sign, f.q.qualifier)  # NOTES: averages and flows are rates
        if anchor is not None and anchor >= 0:
            f.cue = doc[anchor].lower_
        if direction is None and last is not None and self._compared(doc, f, sent, last.rf):
            direction = last.rf["direction"]
        if direction is None and f.q.unit != "rank":
            direction = self._shared_direction(doc, f, sent, last, prev)
        metric = self._metric(doc, f, sent, before, anchor) or prev_metric or self._carried(doc, f, sent) \
            or self._subject(doc, sent) or self._same_kind_before(f)
        return {
            "value": f.q.value,
            "unit": f.q.unit,
            "measure": "change" if direction else "level",
            "direction": direction,
            "qualifier": qualifier,
            "metric": metric,
            "area": _nearest(areas, f, sent),
            "period": _nearest(periods, f, sent),
            "operation": _operation(sent.text),
            "range_id": f.range_id,
            "origin": "text",
        }

    def _carried(self, doc: Doc, f: _Found, sent: Span) -> str | None:
        """The metric of the figure before, when this sentence points back to it: 'This was up from 261
        last year' after '270 arrests', or a list item '- Oxfordshire: 62' after '337 knives ... as follows:'."""
        last = self._last_metric
        if last is None or f.start - last[0] > CARRY_REACH:
            return None
        j = sent.start
        while j < f.start and (doc[j].is_space or doc[j].is_punct):
            j += 1
        if doc[j].lower_ in self.cues.anaphora_start:
            return last[1]
        p = self._prev_index(doc, f.start, sent.start)
        if p is not None and doc[p].text == ":" and all(doc[k].is_title or doc[k].is_punct or doc[k].is_space
                                                        or doc[k].lower_ in ("and", "of") for k in range(j, p)):
            return last[1]
        return None

    def _same_kind_before(self, f: _Found) -> str | None:
        """'only 2% of calls answered in under 10 seconds. South Yorkshire Police answered 17%, Durham
        41%': a figure with no words of its own for what it measures, of the same unit as the figure
        just before, continues its series."""
        last = self._last_of_unit.get(f.q.unit)
        return None if last is None or f.start - last[0] > CARRY_REACH else last[1]

    @staticmethod
    def _prev_index(doc: Doc, i: int, floor: int = 0) -> int | None:
        j = i - 1
        while j >= floor and doc[j].is_space:
            j -= 1
        return j if j >= floor else None

    @staticmethod
    def _next_index(doc: Doc, i: int, ceil: int) -> int | None:
        j = i
        while j < ceil and doc[j].is_space:
            j += 1
        return j if j < ceil else None

    def _qualifier(self, doc: Doc, f: _Found, sent: Span) -> tuple[str | None, int | None]:
        """The qualifier written before the number, and the index of the word before it all."""
        idx = []
        j = f.start
        while len(idx) < 6:
            j = self._prev_index(doc, j, sent.start)
            if j is None:
                break
            idx.append(j)
        while idx and doc[idx[0]].lower_ in FILLERS:  # "fall by a further 0.01% points"
            idx.pop(0)
            j = idx[-1] if idx else j
        words = [doc[i].lower_ for i in idx]  # nearest first
        before = idx[0] if idx else None
        if not words or words[0] not in QUALIFIER_LAST_WORDS:
            return None, before
        for phrase, qual in vocab().qualifiers:
            parts = phrase.split()
            if len(parts) > len(words) or words[: len(parts)] != parts[::-1]:
                continue
            after = self._next_index(doc, f.end, sent.end)
            k = len(parts)
            prev = words[k] if len(words) > k else ""
            if phrase == "up to" and prev != "by" and (prev in self.cues.be or prev in self.cues.verb_inc
                                                       or prev in self.cues.verb_dec or
                                                       (after is not None and doc[after].lower_ == "from")):
                return None, -1  # "were up to 2,309", "up to 251 from 73": rose to, a level ("by up to" is a ceiling)
            if phrase in ("over", "under", "within", "below", "above") and prev in ("from", "to"):
                continue
            outer = self._outer_qualifier(words[k:])  # "at least an estimated 1.6%": the outer one holds
            if outer is not None:
                qual, k = outer[0], k + outer[1]
            return qual, (idx[k] if len(idx) > k else None)
        return None, before

    @staticmethod
    def _outer_qualifier(words: list[str]) -> tuple[str, int] | None:
        """A qualifier phrase ending right before an inner one (words nearest first): (value, length)."""
        for phrase, qual in vocab().qualifiers:
            parts = phrase.split()
            if len(parts) <= len(words) and words[: len(parts)] == parts[::-1]:
                return qual, len(parts)
        return None

    def _direction(self, doc: Doc, f: _Found, sent: Span, before: int | None) -> tuple[str | None, int | None]:
        """increase / decrease for a change (None for a level), and where the cue word sits."""
        c = self.cues
        if f.q.sign:
            return ("increase" if f.q.sign > 0 else "decrease"), None
        if f.q.unit == "rate":  # "Over 4 more crimes per day": the change word sits inside the rate
            for k in range(f.start + 1, f.end):
                if doc[k].lower_ == "per":
                    break
                if doc[k].lower_ in ("more", "extra", "additional"):
                    return "increase", None
                if doc[k].lower_ in ("fewer", "less"):
                    return "decrease", None
        nxt = self._next_index(doc, f.end, sent.end)
        if nxt is not None and f.q.unit == "gbp":  # "£14 per year more than 2024-25"
            k = nxt
            while k < min(sent.end, nxt + 3) and doc[k].lower_ in c.rate_tails:
                k += 1
            if k < sent.end and doc[k].text == "(":  # "a 32p per week (or £16.56 annually) increase"
                close = next((m for m in range(k + 1, min(sent.end, k + 10)) if doc[m].text == ")"), None)
                k = close + 1 if close is not None else k
            nxt = k if k > nxt and k < sent.end else nxt
        if nxt is not None:
            w = doc[nxt].lower_
            if w in c.after_inc:
                return "increase", None
            if w in c.after_dec:
                return "decrease", None
            noun = None if f.q.unit == "rank" else self._change_noun_after(doc, nxt, sent)
            if noun is not None:  # (a rank is a position: "the second best year-on-year improvement")
                return noun, None
            if f.q.unit == "count":  # "21,000 FTE officers cut in 2010", "500 jobs lost"
                k = nxt
                while k < min(sent.end, nxt + 3) and doc[k].is_alpha and doc[k].lower_ not in c.stop \
                        and doc[k].lower_ not in c.participles_after:
                    k += 1
                if k > nxt and k < sent.end and doc[k].lower_ in c.participles_after:
                    return c.participles_after[doc[k].lower_], None
        if before is None or before < 0:
            return None, None
        pw = doc[before].lower_
        if pw == "by":
            return self._search_back(doc, before, sent, 12, c.verb_inc | c.verb_dec)
        if pw == "of":
            return self._search_back(doc, before, sent, 6, c.change_nouns)
        if pw in c.verb_inc and pw not in ("more",):
            return "increase", before
        if pw in c.verb_dec and pw not in ("fewer", "less"):
            return "decrease", before
        if pw in ("additional", "extra"):
            return "increase", before
        if pw in ("from", "to"):
            return self._sizes_from_to(doc, before, sent)
        if pw == "at":  # "the most significant rise outside London at 11%"
            return self._search_back(doc, before, sent, 8, c.change_nouns, True)
        if pw in BE_BEFORE:  # "the reduction in police officer numbers has been 14%"
            found = self._search_back(doc, before, sent, 8, c.change_nouns, True, stop_at_comma=True)
            if found[0] is not None:
                return found
        if pw in c.level_before:
            return None, None
        if f.q.unit in ("percent", "percentage_points") and pw == "(":
            return self._search_back(doc, before, sent, 14, c.change_nouns | c.verb_inc | c.verb_dec, True)
        if f.q.unit in ("percent", "percentage_points"):
            return self._search_back(doc, before + 1, sent, 3, c.verb_inc | c.verb_dec, True, stop_at_comma=True)
        return None, None

    def _change_noun_after(self, doc: Doc, i: int, sent: Span) -> str | None:
        """'an 11.2% overall reduction', 'a 5% year-on-year increase': a change noun after at most
        two modifier words (a hyphenated 'year-on-year' counts as one)."""
        c, skipped, j = self.cues, 0, i
        while j < min(sent.end, i + 8) and doc[j].lower_ in c.change_modifiers:
            if doc[j].text != "-" and not (j + 1 < sent.end and doc[j + 1].text == "-"):
                skipped += 1
            j += 1
        if j == i or skipped > 2 or j >= sent.end:
            return None
        w = doc[j].lower_
        if w not in c.change_nouns:
            return None
        if w in c.after_inc or w in c.verb_inc:
            return "increase"
        if w in c.after_dec or w in c.verb_dec:
            return "decrease"
        return None

    def _sizes_from_to(self, doc: Doc, i: int, sent: Span) -> tuple[str | None, int | None]:
        """'recorded increases, from 15 per cent on CrossCountry to 2 per cent on ScotRail': after a plural
        change noun, 'from X to Y' lists the sizes of several changes; after a verb or a singular noun
        ('dropped from 36 per cent to seven', 'an increase from 36% to 40%') X and Y are levels."""
        j = i
        if doc[i].lower_ == "to":  # find the 'from' of this 'to'
            j, seen = i - 1, 0
            while j >= sent.start and seen < 8 and doc[j].lower_ != "from":
                seen += not doc[j].is_space
                j -= 1
            if j < sent.start or doc[j].lower_ != "from":
                return None, None
        k = self._prev_index(doc, j, sent.start)
        while k is not None and doc[k].text in (",", ":"):
            k = self._prev_index(doc, k, sent.start)
        if k is None:
            return None, None
        w = doc[k].lower_
        if w in self.cues.change_nouns and w.endswith("s"):
            return ("increase" if w in self.cues.after_inc or w in self.cues.verb_inc else "decrease"), k
        return None, None

    def _search_back(self, doc: Doc, i: int, sent: Span, limit: int, words: frozenset[str],
                     stop_at_number: bool = False, stop_at_comma: bool = False):
        c = self.cues
        j, seen = i - 1, 0
        while j >= sent.start and seen < limit:
            t = doc[j]
            if stop_at_comma and t.text in (",", ";", ":"):
                break  # "supportive of the increase, and 16 per cent were unsupportive": another clause
            if not t.is_space:
                w = t.lower_
                if w == "up" and j > sent.start and doc[j - 1].lower_ in c.not_up_before:
                    pass  # "made up by a central government grant (54%)": a phrasal verb, no rise
                elif w in words:
                    if w in c.verb_inc or w in c.after_inc:
                        return "increase", j
                    if w in c.verb_dec or w in c.after_dec:
                        return "decrease", j
                    return None, None  # "change of 5%": no direction stated
                if stop_at_number and t.like_num:
                    break  # the cue belongs to the number before this one
                seen += 1
            j -= 1
        return None, None

    # ---- metric -------------------------------------------------------------------------

    def _metric(self, doc: Doc, f: _Found, sent: Span, before: int | None, anchor: int | None) -> str | None:
        """The shortest clear phrase, in the document's words, for what the number counts."""
        c = self.cues
        # words inside the match: "969 calls per day", "1,000 Volunteer hours"
        inner = []
        inside = f.q.unit in ("rate", "per_1000_population") or (f.q.unit == "hours" and f.end - f.start > 2)
        for t in doc[f.start + 1:f.end] if inside else ():
            if t.lower_ == "per" or (t.lower_ in ("for", "out") and t.i + 1 < f.end
                                     and doc[t.i + 1].lower_ in ("every", "each", "of")):
                break
            if t.is_alpha and t.lower_ not in UNIT_WORDS:
                inner.append(t)
        if inner:
            unit = doc[f.end - 1]
            last = unit.i + 1 if f.q.unit == "hours" and unit.is_alpha else inner[-1].i + 1
            return _text(doc, inner[0].i, last)
        # ranks: "ranked eighth ... for the number of positive outcomes", "second-fastest at answering 999 calls"
        if f.q.unit == "rank":
            for j in range(f.end, min(sent.end, f.end + 10)):
                if doc[j].text in (",", ";"):
                    break  # "ranking 27th, despite only being open for half the year"
                if doc[j].lower_ in ("for", "at", "in", "on") and doc[j].lower_ != "in" or (
                        doc[j].lower_ == "in" and j + 1 < sent.end and doc[j + 1].lower_ in ("terms", "the")):
                    k = self._skip(doc, j + 1, sent.end, ("the", "terms", "of", "number", "its", "their"))
                    r = self._collect_forward(doc, k, sent.end, allow_number=True)
                    if r and not self._bad(doc, *r, sent):
                        return _text(doc, *r)
        # forward: "9,470 fewer crimes committed", "77% of the public", "a 7.2% increase in the number of solved offences"
        j = self._next_index(doc, f.end, sent.end)
        if j is not None and f.q.unit == "percent":
            r = self._share_predicate(doc, j, sent.end)  # "63.9% said they agree with the proposed increase"
            if r and not self._bad(doc, *r, sent):
                return _text(doc, *r)
        if j is not None:
            w = doc[j].lower_
            if w == "of" and j + 1 < sent.end and doc[j + 1].lower_ in ("which", "whom", "these", "those", "them"):
                # "2 of which related to disability": the thing counted follows the verb
                k = self._skip(doc, j + 2, sent.end, tuple(c.of_which_skip))
                r = self._quoted(doc, k - 1, sent.end) or self._collect_forward(doc, k, sent.end)
                if r and not self._bad(doc, *r, sent):
                    return _text(doc, *r)
            if w in c.change_modifiers:  # "an 11.2% overall reduction in ASB"
                k = j
                while k < min(sent.end, j + 6) and doc[k].lower_ in c.change_modifiers:
                    k += 1
                if k < sent.end and doc[k].lower_ in c.change_nouns:
                    j, w = k, doc[k].lower_
            if w in c.after_inc or w in c.after_dec or w in ("new", "further", "other", "more", "fewer"):
                if w in c.change_nouns and j + 1 < sent.end and doc[j + 1].lower_ in ("in", "of", "on"):
                    j += 2
                else:
                    j += 1
            elif w == "of" and f.q.unit in ("percent", "percentage_points"):
                j += 1
            elif w in c.be and f.q.unit == "count":
                j += 1  # "704 were class A drugs"
            elif w in c.be and f.q.unit in ("percent", "gbp") and (
                    before is None or before < 0 or doc[before].is_punct or doc[before].lower_ in c.vague_heads
                    or doc[before].lower_ in ("the", "this", "a", "an")):
                # the share or sum is the subject: "99.05% was spent directly on policing" (not "worth up
                # to £100 million was seized", where it qualifies a noun before it)
                r = self._passive(doc, j, sent.end)
                if r:
                    return _text(doc, *r)
            elif w == "in" and f.q.unit == "gbp" and j + 1 < sent.end and doc[j + 1].is_lower:
                j += 1  # "£335,000 in cash", "£2m in funding"
            j = self._skip(doc, j, sent.end, ("the", "all", "its", "their", "our", "number", "of", "those", "these",
                                              "worth"))  # "£1.3million worth of drugs"
            r = self._quoted(doc, j, sent.end) or self._collect_forward(doc, j, sent.end, allow_number=f.q.unit != "count")
            if r and not self._bad(doc, *r, sent):
                return _text(doc, *r)
        # backward: the subject before the cue ("All crime is also down across the district by 9.2%")
        start = before if before is not None and before >= 0 else self._prev_index(doc, f.start, sent.start)
        if start is None:
            return None
        r = self._collect_backward(doc, start, sent, f.end)
        return None if r is None else _text(doc, *r)

    def _share_predicate(self, doc: Doc, j: int, end: int) -> tuple[int, int] | None:
        """A share of people described by what they said, did or were: '63.9% said they agree with the
        proposed increase', '17 per cent holding a neutral stance on increasing the precept', '67 per
        cent were generally supportive of the increase'. The predicate, up to the clause's end, is
        what the share measures."""
        c = self.cues
        w = doc[j].lower_
        if w in SAY_VERBS:
            k = self._skip(doc, j + 1, end, ("that", "they", "it", "there", "we", "were", "was", "would", "be"))
        elif w.endswith("ing") and doc[j].is_lower and len(w) > 5:
            k = j  # "holding a neutral stance", "favouring no increase"
        elif w in ("were", "are", "was", "is"):
            k = self._skip(doc, j + 1, end, tuple(c.be))
            if k >= end or not doc[k].is_lower or not doc[k].is_alpha or _participle(doc[k]) \
                    or doc[k].lower_ in c.stop or doc[k].lower_ in ("of", "from", "in"):
                return None  # "were answered ...": the passive reading is tried elsewhere
        else:
            return None
        first, last, n = k, k, 0
        while k < end and n < 9 and doc[k].text not in (",", ".", ";", ":", "(", ")", "–", "—") \
                and doc[k].lower_ not in CLAUSE_BREAKS:
            if not doc[k].is_space:
                n += 1
                if doc[k].lower_ not in PREDICATE_TRAIL:
                    last = k + 1
            k += 1
        return (first, last) if last > first else None

    def _passive(self, doc: Doc, j: int, end: int) -> tuple[int, int] | None:
        """'0.84% has been retained by the Commissioner': with no noun after a share or a sum, what was
        done with it (the participle and its complement) says what it measures."""
        be = self.cues.be
        while j < end and (doc[j].is_space or doc[j].lower_ in be):
            j += 1
        if j >= end or not (_participle(doc[j]) or doc[j].lower_ in self.cues.irregular_participles):
            return None
        k, last = j + 1, j + 1
        while k < end and k - j < 7 and (doc[k].is_alpha or doc[k].is_space) and doc[k].lower_ not in (
                "and", "but", "or", "which", "who", "that", "while", "whilst", "compared", "than"):
            if doc[k].lower_ == "to" and k + 1 < end and doc[k + 1].is_lower and doc[k + 1].lower_ not in (
                    "the", "a", "an", "its", "their", "our", "his", "her"):
                break  # "retained by the Commissioner to deliver ...": the purpose is no part of it
            if not doc[k].is_space and doc[k].lower_ not in ("by", "on", "to", "for", "the", "in", "of", "a"):
                last = k + 1
            k += 1
        return j, last

    def _bad(self, doc: Doc, s: int, e: int, sent: Span, backward: bool = False) -> bool:
        """A phrase that cannot name what is counted: only verbs, pronouns, positions or generic heads
        ('gone', 'them', 'place', 'the same proportion'), or a place ('Hove' in 'Brighton and Hove, 34 in
        Crawley'). Before the number a lone participle is the verb ('calls are answered within 10 seconds');
        after a count it is the thing counted ('69 reported for excess speed')."""
        c = self.cues
        toks = [t for t in doc[s:e] if not t.is_space]
        if len(toks) == 1 and (len(toks[0].text) < 2 or (len(toks[0].text) < 3 and toks[0].is_lower)
                               or (toks[0].text[0].isupper() and toks[0].lower_ in ORGANISATION_HEADS)):
            return True  # "199,450 x 999 calls": a letter is no metric; "the Board", "the Panel" say who, not what
        if not toks or all(t.lower_ in c.not_metric or t.lower_ in c.vague_heads or t.lower_ in GENERIC
                           or (backward and _participle(t)) for t in toks):
            return True
        low = " ".join(t.lower_ for t in toks)
        if low in self.place_names:
            return True
        if backward and len(toks) == 1 and s > sent.start and doc[s - 1].lower_ == "to" and toks[0].is_lower \
                and e < len(doc) and doc[e].like_num:
            return True  # "looking to reopen four more": an infinitive right before the number is the verb
        if backward and all(t.text[0].isupper() for t in toks) and (
                toks[-1].lower_ in ORGANISATION_HEADS or any(low.startswith(p + " ") for p in self.place_names)):
            return True  # "West Midlands Police recorded more than 130,000": who counted, not what
        return False

    @staticmethod
    def _quoted(doc: Doc, j: int, end: int) -> tuple[int, int] | None:
        """'six ‘good’ ... ratings', 'related to “other”': the quoted words after the number."""
        if j >= end or doc[j].text not in QUOTES:
            return None
        k = j + 1
        while k < end and k - j <= 6 and doc[k].text not in QUOTES and not doc[k].is_punct:
            k += 1
        if k < end and k > j + 1 and doc[k].text in QUOTES:
            return j + 1, k
        return None

    @staticmethod
    def _skip(doc: Doc, j: int, end: int, words: tuple[str, ...]) -> int:
        while j < end and (doc[j].is_space or doc[j].lower_ in words):
            j += 1
        return j

    def _collect_forward(self, doc: Doc, j: int, end: int, limit: int = 6,
                         allow_number: bool = False) -> tuple[int, int] | None:
        stop = self.cues.stop
        toks = []
        while j < end and len(toks) < limit:
            t = doc[j]
            if t.is_space:
                if "\n\n" in t.text:
                    break
                j += 1
                continue
            w = t.lower_
            if w == "of" and toks and j + 1 < end and doc[j + 1].is_alpha and doc[j + 1].lower_ not in stop:
                toks.append(t)
            elif w == "-" and toks and j + 1 < end and doc[j + 1].is_alpha:
                toks.append(t)
            elif (t.is_alpha or (not toks and allow_number and t.like_num) or "-" in w and t.text[0].isalpha()) \
                    and w not in stop:
                toks.append(t)
            else:
                break
            j += 1
        while toks and toks[-1].lower_ in ("of", "-"):
            toks.pop()
        if not toks or all(t.like_num for t in toks):
            return None
        return toks[0].i, toks[-1].i + 1

    def _area_follows(self, doc: Doc, i: int, sent: Span) -> bool:
        """'34 in Crawley': the number is followed by a place preposition and a capitalised word."""
        k = self._next_index(doc, i, sent.end)
        return (k is not None and doc[k].lower_ in self.cues.place_preps and k + 1 < sent.end
                and doc[k + 1].is_title)

    def _collect_backward(self, doc: Doc, j: int, sent: Span, f_end: int, limit: int = 6) -> tuple[int, int] | None:
        c = self.cues
        floor = sent.start
        skip = c.be | c.verb_inc | c.verb_dec | c.level_before | c.not_metric | {"by", "of", "(", "–", "-", ",", "a", "an",
                                                                                  "up", "for"}
        in_figure = self._in_figure
        for _ in range(3):
            # verbs, adjectives and cue words between the number and its subject ("is trending down",
            # "remained flat at", "were attended within")
            while j >= floor and (doc[j].is_space or doc[j].lower_ in skip or _participle(doc[j])) and not in_figure[j]:
                j -= 1
            toks = []
            while j >= floor and len(toks) < limit and not in_figure[j]:
                t = doc[j]
                w = t.lower_
                if t.is_space and "\n\n" not in t.text:
                    j -= 1
                    continue
                if w == "of" and toks and j - 1 >= floor and doc[j - 1].is_alpha and doc[j - 1].lower_ not in c.stop:
                    toks.append(t)
                elif (t.is_alpha or "-" in w and t.text[0].isalpha()) and w not in c.stop:
                    toks.append(t)
                else:
                    if toks and w == "-" and not t.whitespace_:
                        toks = []  # "a year-long trend": 'long' is half a modifier, not a subject
                    break
                j -= 1
            # an aside between commas ("Neighbourhood crime, in general, has ...") is not the subject either
            if toks and j - 1 >= floor and doc[j].lower_ in ASIDE_PREPS and doc[j - 1].text == "," \
                    and toks[0].i + 1 < len(doc) and doc[toks[0].i + 1].text == ",":
                j -= 2
                continue
            # a place phrase ("across the county", "in Essex", "on LNER, Northern and TransPennine Express")
            # is not the metric: look before it
            k = j
            while k >= floor and (doc[k].lower_ in ("the", "this", "that", "our", "its", ",", "and", "&")
                                  or doc[k].is_space or (doc[k].text[0].isupper() and not in_figure[k])):
                k -= 1
            if toks and k >= floor and (doc[k].lower_ in c.place_preps or doc[k].lower_ == "on") and _is_place(toks):
                j = k - 1
                continue
            toks.reverse()
            while toks and toks[0].lower_ == "of":
                toks.pop(0)
            if not toks:
                return None
            r = toks[0].i, toks[-1].i + 1
            if all(t.text[0].isupper() for t in toks) and self._area_follows(doc, f_end, sent):
                return None  # "made in Brighton and Hove, 34 in Crawley": a list of places, not of metrics
            return None if self._bad(doc, *r, sent, backward=True) else r
        return None

    def _subject(self, doc: Doc, sent: Span) -> str | None:
        """Last resort: the first run of content words in the sentence."""
        j = sent.start
        c = self.cues
        while j < sent.end and (doc[j].is_space or doc[j].is_punct or doc[j].lower_ in c.stop
                                or doc[j].like_num or doc[j].lower_ in c.not_metric):
            j += 1
        r = self._collect_forward(doc, j, sent.end, limit=4)
        if r is None:
            return None
        s, e = r
        while e > s and (doc[e - 1].lower_ in c.verb_inc or doc[e - 1].lower_ in c.verb_dec
                         or doc[e - 1].lower_ in c.not_metric or _participle(doc[e - 1])):
            e -= 1  # "London rose 24%": the verb is no part of the subject
        return None if e == s or self._bad(doc, s, e, sent, backward=True) else _text(doc, s, e)


ORGANISATION_HEADS = frozenset("police constabulary force service council commissioner pcc office authority "
                               "government ministry department agency board panel committee commission".split())
PLACE_NOUNS = frozenset("county district region area city town country borough force constabulary division "
                        "lpa village estate network".split())


GENERIC = frozenset("number numbers total totals figure figures amount amounts level levels count "
                    "counts data statistics stats".split())
UNIT_WORDS = frozenset("hours hour hrs hr minutes minute mins min seconds second secs sec kg g tonnes "
                       "per cent percent pop population".split())


def _generic(phrase: str) -> bool:
    """'number', 'total', 'figures': a head that says nothing about what is counted."""
    return all(w in GENERIC for w in phrase.lower().split())


QUOTES = frozenset("‘’“”'\"")


def _participle(t) -> bool:
    """'answered', 'attended': a past participle next to a number is the verb, not the thing counted."""
    w = t.lower_
    return len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w not in ("hundred",) and t.is_lower


def _is_place(toks: list) -> bool:
    """A phrase that names a place ('Essex', 'the county'), so the metric lies before it."""
    return toks[0].lower_ in PLACE_NOUNS or all(t.text[0].isupper() for t in toks)


# Lexeme attributes whose IN / NOT_IN / REGEX tests can become a lexeme flag (NORM can be set per
# token, so it stays a predicate).
FLAG_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "SHAPE": SHAPE, "PREFIX": PREFIX, "SUFFIX": SUFFIX}


class _LexFlag:
    """A set or regex test on one lexeme attribute, as a vocab flag getter (str -> bool).

    The Matcher checks flags in C; an IN or REGEX predicate is a Python call per token and
    pattern state, which was most of the Matchers' time."""

    def __init__(self, vocab, attr: str, op: str, arg):
        self.key = (attr, op, arg)
        get = vocab.lex_attr_getters.get(FLAG_ATTRS[attr])
        self._get = (lambda s: s) if FLAG_ATTRS[attr] == ORTH else get
        self._test = re.compile(arg).search if op == "REGEX" else frozenset(arg).__contains__

    def __call__(self, string: str) -> bool:
        return bool(self._test(self._get(string)))


def _flag_id(vocab, attr: str, op: str, arg) -> int | None:
    """The vocab flag for this test (shared by every pattern and component on the vocab), or
    None when the 63 flag bits are used up (the predicate then stays as it is)."""
    key = (attr, op, arg)
    for fid, getter in vocab.lex_attr_getters.items():
        if isinstance(getter, _LexFlag) and getter.key == key:
            return fid
    if FLAG_ATTRS[attr] != ORTH and FLAG_ATTRS[attr] not in vocab.lex_attr_getters:
        return None
    # above spaCy's own flag bits (IS_OOV_DEPRECATED, bit 13, is left alone too)
    free = [b for b in range(IS_CURRENCY + 1, 64) if b not in vocab.lex_attr_getters]
    return vocab.add_flag(_LexFlag(vocab, attr, op, arg), free[0]) if free else None


def _flag_tests(spec: dict) -> list[tuple[str, str, object]] | None:
    """The (attribute, IN|REGEX, values) tests of one token spec that can be flags, per attribute
    key in spec order; None for a key whose dict cannot (then it stays a predicate)."""
    out = []
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        if isinstance(value, dict) and name in FLAG_ATTRS and value and all(
                (op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg))
                or (op == "REGEX" and isinstance(arg, str)) for op, arg in value.items()):
            out.extend((name, "REGEX" if op == "REGEX" else "IN",
                        arg if op == "REGEX" else tuple(sorted(set(arg)))) for op, arg in value.items())
    return out


def _reserve_flags(vocab, pattern_sets: list[list[dict]]) -> None:
    """Give the flag bits first to the tests on a pattern's first token (the Matcher tries those
    at every token), then to those used most: there are more distinct tests than bits."""
    rank: dict[tuple, tuple[int, int]] = {}
    for patterns in pattern_sets:
        for p in patterns:
            for pat in p["patterns"]:
                for k, spec in enumerate(pat):
                    for test in _flag_tests(spec):
                        pos, uses = rank.get(test, (k, 0))
                        rank[test] = (min(pos, k), uses + 1)
    for test in sorted(rank, key=lambda t: (rank[t][0], -rank[t][1], repr(t))):
        _flag_id(vocab, *test)


def _flag_token(vocab, spec: dict) -> dict:
    out: dict = {}
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        tests = _flag_tests({attr: value})
        if tests:
            flags = {}
            for (_, op, arg), pred in zip(tests, value):
                fid = _flag_id(vocab, name, op, arg)
                if fid is None:
                    break
                flags[fid] = pred != "NOT_IN"
            else:
                out.update(flags)
                continue
        out[attr] = value
    return out


def _flagged_matcher(vocab, patterns: list[dict]) -> Matcher:
    """A Matcher for the patterns, set and regex tests on lexeme attributes turned into flags.

    The patterns are validated as written first (a flag id is no key the schema knows)."""
    check = Matcher(vocab, validate=True)
    matcher = Matcher(vocab, validate=False)
    for p in patterns:
        check.add(p["id"], p["patterns"])
        pats = [alt for pat in p["patterns"] for alt in _spill_first(vocab, pat)]
        matcher.add(p["id"], [[_flag_token(vocab, t) for t in pat] for pat in pats])
    return matcher


def _spill_first(vocab, pat: list[dict]) -> list[list[dict]]:
    """A first-token set test left without a flag bit runs as a Python predicate at every token;
    a small set is cheaper as one pattern per value, each an equality the Matcher checks in C."""
    spec = pat[0]
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else attr
        if isinstance(value, dict) and list(value) == ["IN"] and name in FLAG_ATTRS and len(value["IN"]) <= SPILL_MAX \
                and _flag_id(vocab, name, "IN", tuple(sorted(set(value["IN"])))) is None:
            return [[{**spec, attr: v}, *pat[1:]] for v in value["IN"]]
    return [pat]


def _windows(numbers: list[int], n: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged token ranges [i - before, i + after) around the number tokens."""
    out: list[tuple[int, int]] = []
    for i in numbers:
        lo, hi = max(0, i - before), min(n, i + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _text(doc: Doc, s: int, e: int) -> str:
    return " ".join(doc[s:e].text.split())


def _outer(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop spans that sit inside an earlier, longer one (input sorted by start, longest first)."""
    out, end = [], -1
    for s, e, text in spans:
        if e <= end:
            continue
        out.append((s, e, " ".join(text.split())))
        end = max(end, e)
    return out


def _nearest(spans: list, f: _Found, sent: Span) -> str | None:
    """The text of the span in the figure's sentence nearest to it (token distance), or None.

    `spans` is sorted by start; only the few around the figure's position are looked at.
    """
    k = bisect_right(spans, (f.start, float("inf")))
    best, best_d = None, None
    for s, e, text in spans[max(0, k - NEAREST_LOOK):k + NEAREST_LOOK]:
        if s < sent.start or e > sent.end:
            continue
        d = f.start - e if e <= f.start else s - f.end if s >= f.end else 0
        if best_d is None or d < best_d:
            best, best_d = text, d
    return best


def _operation(sentence: str) -> str | None:
    m = OPERATION.search(sentence)
    if not m:
        return None
    return " ".join(m.group(1).upper().replace("’", "'").split())
