"""rf_figures: every stated quantity in a document, as GUIDELINE figures.

How it works (all vocabulary is data in pipeline/nlp/patterns/):
1. figures.jsonl: Matcher patterns for a number with its unit ("37.6%", "£11m", "3 mins 40 secs",
   "969 calls per day", "4th in MSG" ...). Each has a stable id (recorded as the record's "rule"),
   a label and a priority; overlapping matches are resolved by priority, then length.
   Patterns may use {"MACRO": NAME} from figures_macros.json.
2. figures_exclude.jsonl: numbers that are not figures (dates, years, times, ages, phone numbers,
   legislation, list labels, 999/101 as service names, fractions, pronoun "one" ...). A candidate
   whose first token is covered by an exclusion match is dropped, unless its pattern says
   "excludable": false (it is itself the exception: "a quarter of a million" is no fraction).
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
only in small windows around them (windowed.py: narrower still for the short patterns),
exclusions only around the chosen candidates, periods and
areas only near figures, and each description looks at most SENTENCE_REACH tokens either side
(table dumps make sentences of thousands of tokens). Python runs per match, not per token: the
IN / NOT_IN / REGEX tests of the patterns on lexeme attributes become vocab flags (flags.py),
which the Matcher checks in C instead of calling a Python predicate per token.
Modules: this one finds candidates, ranges, units and context; figure_direction.py (qualifier,
measure, direction) and figure_metric.py (metric) are mixins of FigureFinder; flags.py builds the
Matchers.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy
import srsly
from spacy.attrs import LIKE_NUM, LOWER, ORTH, SENT_START, SHAPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.nlp.figure_direction import DirectionRules
from pipeline.nlp.figure_metric import MetricRules
from pipeline.nlp.flags import flagged_matcher, reserve_flags
from pipeline.nlp.macros import expand_macros
from pipeline.nlp.numbers import Quantity, parse_quantity, vocab
from pipeline.nlp.windowed import WindowedMatcher

PATTERNS = Path(__file__).parent / "patterns"
if not Span.has_extension("rf"):  # also set by pipeline.py; here so the component works alone
    Span.set_extension("rf", default=None)
VERSION = "1.2"
KEY = "figures"
OPERATION = re.compile(r"\b(?:Operation|Op\.?|Project)\s+((?:[A-Z][A-Za-z'’-]*)(?:\s+(?:[A-Z][A-Za-z'’-]*|\d{1,2}\b))?)")
OPERATION_WORDS = ("Operation", "Op", "Op.", "Project")  # the words OPERATION starts with, as tokens
NUMBER_WORDS = frozenset(vocab().cardinals) | {"a", "half", "dozen", "hundred", "thousand", "million"}
PENCE_DECIMAL = re.compile(r"^\d{1,6}\.\d\d$")  # 71.03: pounds and pence
TABLE_HEADER_REACH = 150  # tokens after a '£' column header that its cells may be
YEAR_NUMBER = re.compile(r"^(19|20)\d\d$")
GLUED_RANGE = re.compile(r"^(£?[\d.,]+(?:k|m|bn)?)[-–](£?[\d.,]+(?:k|m|bn)?)$")
# Matchers run only near numbers: a figure pattern starts at most 1 token before its number
# ("£", "ranked") and spans at most 11 tokens; an exclusion starts at most 4 tokens before it
# ("Operation Mille 3", "aged between 18") and ends within 6 after ("2021-10-12").
FIGURE_WINDOW, EXCLUDE_WINDOW, CONTEXT_WINDOW = (1, 12), (4, 7), 20
NEAREST_LOOK = 4  # period / area spans either side of a figure's position compared for nearness
RANGING = frozenset("ranging ranged range ranges varying varied vary".split())  # "ranging from 19p to 35p"
WINDOW_PREPS = frozenset("during over in within across throughout for after since".split())
COMPARED_WORDS = frozenset("compared against versus vs vs. average rate than".split())
SENTENCE_REACH = 60  # tokens of a sentence either side of a figure that its description may use
AVERAGE = frozenset("average averaging averaged".split())
SUBJECT_FILLERS = frozenset({"by", "of", "(", "–", "-", ",", "a", "an", "up", "for"})


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
    fraction_leads: frozenset[str]
    rate_words: frozenset[str]
    irregular_participles: frozenset[str]
    change_modifiers: frozenset[str]
    multipliers: frozenset[str]
    rate_tails: frozenset[str]
    participles_after: dict[str, str]
    participles_passive: frozenset[str]
    restate_verbs: frozenset[str]

    # unions the rules test often, made once (a frozenset union per figure was measurable)
    @cached_property
    def change_verbs(self) -> frozenset[str]:
        return self.verb_inc | self.verb_dec

    @cached_property
    def change_words(self) -> frozenset[str]:
        """Words that state a change or a level: no shared direction crosses them."""
        return self.change_verbs | self.after_inc | self.after_dec | self.change_nouns | self.be | self.level_before

    @cached_property
    def nouns_and_verbs(self) -> frozenset[str]:
        return self.change_nouns | self.change_verbs

    @cached_property
    def before_subject(self) -> frozenset[str]:
        """Verbs, cue words and fillers stepped over between a number and the subject before it."""
        return self.be | self.change_verbs | self.level_before | self.not_metric | SUBJECT_FILLERS

    @classmethod
    def load(cls, name: str) -> "Cues":
        raw = json.loads((PATTERNS / name).read_text(encoding="utf-8"))
        s = lambda k: frozenset(raw[k])  # noqa: E731
        return cls(s("after_increase"), s("after_decrease"), s("verb_increase"), s("verb_decrease"),
                   s("change_nouns"), s("level_before"), s("be"), s("metric_stop"), s("place_preps"),
                   raw["area_anaphora"], s("not_metric"), s("of_which_skip"), s("anaphora_start"),
                   s("not_up_before"), s("vague_heads"),
                   s("unit_only"), s("fraction_leads"), s("rate_words"), s("irregular_participles"),
                   s("change_modifiers"),
                   s("multipliers"), s("rate_tails"), raw["participles_after"], s("participles_after_passive"),
                   s("restate_verbs"))


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


class FigureFinder(DirectionRules, MetricRules):
    def __init__(self, nlp: Language, name: str, patterns: list[dict], exclusions: list[dict],
                 context: list[dict], cues: Cues, places: list[str]):
        self.name = name
        self.version = VERSION
        self.cues = cues
        self.meta: dict[str, dict] = {}
        for p in patterns:
            self.meta.setdefault(p["id"], {"label": p.get("label", "count"), "priority": p.get("priority", 0),
                                           "keep": p.get("keep"), "text": p.get("text"),
                                           "excludable": p.get("excludable", True)})
        self.context_labels: dict[str, str] = {p["id"]: p["label"] for p in context}
        reserve_flags(nlp.vocab, [patterns, exclusions, context])
        self.matcher = WindowedMatcher(nlp.vocab, patterns, FIGURE_WINDOW)
        self.excluder = WindowedMatcher(nlp.vocab, exclusions, EXCLUDE_WINDOW)
        self.context = flagged_matcher(nlp.vocab, context)
        self._digit_shapes: dict[int, bool] = {}
        self._operation_words = numpy.array([nlp.vocab.strings.add(w) for w in OPERATION_WORDS], dtype=numpy.uint64)
        self._unit_only = numpy.array([nlp.vocab.strings.add(w) for w in cues.unit_only | cues.fraction_leads],
                                      dtype=numpy.uint64)
        self.places = PhraseMatcher(nlp.vocab)
        self.places.add("PLACE", [nlp.make_doc(p) for p in places])
        self.place_names = frozenset(p.lower() for p in places)
        self.place_openings = tuple(p + " " for p in sorted(self.place_names))  # for one str.startswith

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
        self._pound_headers: list[int] | None = None  # found when a bare pounds-and-pence number needs them
        orths = doc.to_array(ORTH).reshape(-1) if n else numpy.zeros(0, dtype=numpy.uint64)
        self._name_words = numpy.flatnonzero(numpy.isin(orths, self._operation_words)).tolist()
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
        self._last_change: tuple[int, str] | None = None  # (end token, direction) of the last change
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
            if rf["direction"]:
                self._last_change = (f.end, rf["direction"])
            rf["rule"] = f.rule
            if f.char_start is not None:
                rf["char_start"], rf["char_end"] = f.char_start, f.char_end
                if spans and spans[-1].start == f.start:  # second half of a glued range: its own span
                    span = Span(doc, max(f.start - 1, 0), f.end, label="FIGURE")
            span._.rf = rf
            spans.append(span)
        _share_range_direction(spans)
        doc.spans[KEY] = spans
        return doc

    # ---- 1-3: candidates ----------------------------------------------------------------

    def _candidates(self, doc: Doc) -> list[_Found]:
        n = len(doc)
        strings = doc.vocab.strings
        excluded = bytearray(n)
        numbers = self._number_tokens(doc)
        cands = []
        for mid, s, e in self.matcher(doc, numbers):
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
        for _, s, e in self.excluder(doc, starts):
            for i in range(s, e):
                excluded[i] = 1
        out: list[_Found] = []
        for s, e, rule, label, q in chosen:
            if label == "none" or (self.meta[rule]["excludable"] and self._first_number_excluded(doc, s, e, excluded)):
                continue
            if q is None:
                out.extend(self._glued_range(doc, s, e, rule))
                continue
            if q.unit is None:
                continue  # "12 years", "7pm": a unit outside the enumeration
            if q.unit == "kg" and self._is_conversion(doc, s, out):
                continue
            if q.unit == "count" and e - s == 1:
                q = self._carried_unit(doc, s, q, out) if not q.value.is_integer() \
                    else self._compared_unit(doc, s, q, out)
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

    def _compared_unit(self, doc: Doc, s: int, q: Quantity, out: list[_Found]) -> Quantity:
        """A bare whole number set against a rate or share in its sentence is measured alike: '7 offences
        per one thousand households compared to 10 nationally', 'a national rate of 68', 'higher than
        the England and Wales average of 282'; and '286 incidents last year, per 1,000 population' writes
        the denominator after the period."""
        sent = self._clip(doc, self._sent_of(s), s, s + 1)
        for k in range(s + 1, min(sent.end, s + 8)):
            if doc[k].like_num and not doc[k].is_alpha:
                break
            if doc[k].lower_ == "per" and k + 1 < sent.end and doc[k + 1].text in ("1,000", "1000", "thousand"):
                return Quantity(q.value, "per_1000_population", q.sign, q.qualifier)
        nxt = self._next_index(doc, s + 1, sent.end)
        if nxt is not None and doc[nxt].is_alpha and doc[nxt].lower_ not in self.cues.stop \
                and doc[nxt].lower_ not in self.cues.anaphora:
            return q  # "compared to 722 offences": a count of its own noun
        if not out or self._sent_of(out[-1].start).start != sent.start \
                or out[-1].q.unit not in ("rate", "per_1000_population", "percent"):
            return q
        # the comparison is written between the two ("by less than 1% to 1,067" is no comparison)
        window = {doc[k].lower_ for k in range(max(out[-1].end, s - 6), s)}
        return Quantity(q.value, out[-1].q.unit, q.sign, q.qualifier) if window & COMPARED_WORDS else q

    def _pound_header_before(self, doc: Doc, s: int) -> bool:
        """A '£' with no number after it ('£ : p', '£' alone on a line) heads a column of amounts in a
        table written as text; it holds for the numbers within TABLE_HEADER_REACH tokens after it.
        The headers are found once per Doc, from the token array."""
        if self._pound_headers is None:
            pounds = numpy.flatnonzero(doc.to_array(LOWER).reshape(-1) == doc.vocab.strings["£"]).tolist()
            self._pound_headers = []
            for k in pounds:
                nxt = self._next_index(doc, k + 1, len(doc))
                if nxt is None or not doc[nxt].like_num:
                    self._pound_headers.append(k)
        i = bisect_right(self._pound_headers, s - 1) - 1
        return i >= 0 and s - self._pound_headers[i] < TABLE_HEADER_REACH

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
        """'between 10 and 20', '10-20 officers', '£30k - £50k', 'ranging from 19p to 35p': two figures
        sharing one range_id ('from 36% to 40%' alone is two levels)."""
        for a, b in zip(found, found[1:]):
            if a.range_id or b.range_id or b.start - a.end > 1 or b.start <= a.end - 1:
                continue
            joiner = doc[a.end].lower_ if b.start == a.end + 1 else ""
            before = self._prev_index(doc, a.start)
            between = before is not None and doc[before].lower_ == "between"
            # "from 2014-2015" is no range, "ranged from 60 – 80%" is (the unit says so)
            after_from = before is not None and doc[before].lower_ in ("from", "aged") and not (
                a.q.unit == "count" and b.q.unit != "count")
            ranging = joiner == "to" and before is not None and doc[before].lower_ == "from" and \
                self._prev_index(doc, before) is not None and doc[self._prev_index(doc, before)].lower_ in RANGING
            if (joiner == "and" and between) or (joiner in ("-", "–", "—") and not after_from) or ranging:
                qa, qb = a.q, b.q
                self._share_unit(doc, a, b)
                if a.q.value >= b.q.value:  # "band A will pay £108.63 – £8 more": a level, then a change
                    a.q, b.q = qa, qb
                    continue
                a.range_id = b.range_id = f"range-{doc[a.start].idx}"

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
            if not doc[k].is_alpha or doc[k].lower_ in WINDOW_PREPS:
                break  # "13 arrests during a week of action": the window counted over, no rate
        return False

    @staticmethod
    def _after_average(doc: Doc, before: int) -> bool:
        w = doc[before].lower_
        return w in AVERAGE or (w == "of" and before > 0 and doc[before - 1].lower_ in AVERAGE)

    def _operation(self, doc: Doc, sent: Span) -> str | None:
        """Only a sentence holding one of OPERATION_WORDS is read as text (Span.text joins every token)."""
        i = bisect_left(self._name_words, sent.start)
        if i == len(self._name_words) or self._name_words[i] >= sent.end:
            return None
        return _operation(sent.text)

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
            "operation": self._operation(doc, sent),
            "range_id": f.range_id,
            "origin": "text",
        }


def _share_range_direction(spans: list[Span]) -> None:
    """'between £10 and £20 more per year': a change word written once holds for both ends."""
    ends: dict[str, list[dict]] = {}
    for span in spans:
        if span._.rf.get("range_id"):
            ends.setdefault(span._.rf["range_id"], []).append(span._.rf)
    for pair in ends.values():
        stated = {rf["direction"] for rf in pair if rf["direction"]}
        if len(stated) == 1:
            for rf in pair:
                rf["direction"], rf["measure"] = next(iter(stated)), "change"


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
    """The operation a sentence names ('Operation Sceptre', 'Op Venetic'), upper case."""
    m = OPERATION.search(sentence)
    if not m:
        return None
    return " ".join(m.group(1).upper().replace("’", "'").split())
