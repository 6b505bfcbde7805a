"""Numbers and quantities as police documents write them, normalised to the GUIDELINE's units.

Public API (also used by the PDF table reader):

    parse_number("9,470") -> 9470.0        parse_number("twenty-one") -> 21.0
    parse_number("£11m")  -> 11000000.0     parse_number("a dozen")    -> 12.0
    parse_quantity("-19,800 offences")  -> Quantity(19800.0, "count", sign=-1)
    parse_quantity("3 mins 40 secs")    -> Quantity(220.0, "seconds")
    parse_quantity("85.8 per 1,000 pop.") -> Quantity(85.8, "per_1000_population")
    format_number(9470.0) -> "9,470"    (parse_number(format_number(x)) == x)

Value is sign-free; a leading +/- (table cells) goes to `sign`. The vocabulary (number words,
multipliers, qualifiers, unit spellings) lives in patterns/numbers.json, so a new spelling is a
data change. Arithmetic goes through Decimal so "1.3m" is exactly 1300000, not 1300000.0000000002.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

VOCAB_FILE = Path(__file__).parent / "patterns" / "numbers.json"
MINUS = "-−–"  # hyphen-minus, minus sign, en dash (PDF tables use all three)


@dataclass(frozen=True)
class Quantity:
    value: float  # sign-free
    unit: str | None  # GUIDELINE unit, or None when the unit is known but outside the enumeration
    sign: int | None = None  # +1 / -1 from a leading "+" / "-"
    qualifier: str | None = None  # approximately | more_than | less_than | at_least


@dataclass(frozen=True)
class _Vocab:
    cardinals: dict[str, int]
    scales: dict[str, int]
    specials: dict[str, int | None]
    suffixes: dict[str, int]
    ordinals: dict[str, int]
    qualifiers: list[tuple[str, str]]  # (phrase, qualifier), longest phrase first
    units: list[tuple[str, str | None, Decimal]]  # (alias, unit, factor), longest alias first
    per_population: tuple[str, ...]
    rank_words: frozenset[str]


@cache
def vocab() -> _Vocab:
    raw = json.loads(VOCAB_FILE.read_text(encoding="utf-8"))
    quals = [(p, q) for q, phrases in raw["qualifiers"].items() for p in phrases]
    units = [(a, u["unit"], Decimal(str(u["factor"]))) for u in raw["units"] for a in u["aliases"]]
    return _Vocab(
        cardinals=raw["cardinals"],
        scales=raw["scales"],
        specials=raw["specials"],
        suffixes=raw["suffixes"],
        ordinals=raw["ordinals"],
        qualifiers=sorted(quals, key=lambda x: -len(x[0])),
        units=sorted(units, key=lambda x: -len(x[0])),
        per_population=tuple(raw["per_population"]),
        rank_words=frozenset(raw["rank_words"]),
    )


# a numeral: 9,470 | 37.6 | .5 | 1,000s is not a numeral (no trailing letters but a suffix)
_NUMERAL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?")
_ORDINAL_NUM = re.compile(r"(\d+)(?:st|nd|rd|th)\b", re.I)
_SPACE = re.compile(r"\s+")
# "7m 25secs", "7 m 3 secs": a compact duration, m meaning minutes because seconds follow
_COMPACT_DURATION = re.compile(r"^(\d{1,3})\s*m\s*(\d{1,2})\s*(?:s|secs?|seconds?)$", re.I)
_ARTICLE = re.compile(r"^(?:a|an)\s+", re.I)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def _numeral(s: str) -> tuple[Decimal, str] | None:
    """A leading numeral with its multiplier suffix ('1.2m', '914K', '10k') and the rest of s."""
    m = _NUMERAL.match(s)
    if not m or not m.group(0) or m.group(0) == ".":
        return None
    try:
        value = Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None
    rest = s[m.end():]
    # multiplier: glued ("1.2m", "914K") or as a word ("6 million"); never eat "m" of "mins"
    hit = _suffix_re().match(rest)
    if hit is None or (hit.group(1) and hit.group(2) in ("m", "M")):
        return value, rest  # (and "5 m" is metres more often than millions)
    return value * vocab().suffixes[hit.group(2)], rest[hit.end():]


@cache
def _suffix_re() -> re.Pattern:
    """A multiplier suffix at the start of the rest, glued or after one space, longest first, that
    ends the word ('914K', '6 million'; not the 'm' of '5mins')."""
    alternatives = "|".join(re.escape(k) for k, _ in _longest_first("suffixes"))
    return re.compile(rf"( ?)({alternatives})(?![^\W_])")


@cache
def _longest_first(table: str) -> tuple[tuple[str, object], ...]:
    """A vocab table's (text, value) pairs, longest text first: the longest alias is tried first."""
    return tuple(sorted(getattr(vocab(), table).items(), key=lambda x: -len(x[0])))


def _words(s: str) -> tuple[Decimal, str] | None:
    """Leading number words: 'two', 'twenty-one', 'one hundred and five', 'a dozen'."""
    v = vocab()
    low = s.lower()
    for phrase, value in _longest_first("specials"):
        if low.startswith(phrase) and (len(low) == len(phrase) or not low[len(phrase)].isalpha()):
            if value is None:
                return None
            return Decimal(value), s[len(phrase):]
    tokens = re.split(r"(\s+|-)", s)
    total, current, seen = Decimal(0), Decimal(0), False
    pos = 0
    consumed = 0
    for tok in tokens:
        pos += len(tok)
        t = tok.lower()
        if not t.strip() or t == "-":
            continue
        if t in v.cardinals:
            current += v.cardinals[t]
        elif t in v.scales and seen:
            scale = v.scales[t]
            if scale >= 1000:
                total += (current or 1) * scale
                current = Decimal(0)
            else:
                current = (current or 1) * scale
        elif t == "and" and seen:
            continue
        else:
            break
        seen = True
        consumed = pos
    if not seen:
        return None
    return total + current, s[consumed:]


def _leading(s: str) -> tuple[Decimal, str] | None:
    return _numeral(s) or _words(s)


def parse_number(text: str) -> float | None:
    """The number written at the start of `text` ('£' and a leading sign allowed), or None.

    The whole text must be the number (with an optional multiplier or currency sign); use
    parse_quantity for a number with its unit.
    """
    s = _norm(text)
    if s[:1] in "+" + MINUS:
        s = s[1:].lstrip()
    if s.startswith("£"):
        s = s[1:].lstrip()
    got = _leading(s)
    if got is None:
        return None
    value, rest = got
    rest = rest.strip()
    if not rest:
        return float(value)
    if rest in ("p", "pence"):
        return float(value / 100)
    return None


def _unit_at(rest: str) -> tuple[str | None, Decimal, str] | None:
    """The unit alias at the start of rest (whole word), its factor and what follows."""
    hit = _unit_re()[0].match(rest.lower())
    if hit is None:
        return None
    unit, factor = _unit_re()[1][hit.group(0)]
    return unit, factor, rest[hit.end():]


@cache
def _unit_re() -> tuple[re.Pattern, dict[str, tuple[str | None, Decimal]]]:
    """Every unit alias, longest first, as one pattern: a whole word unless it ends in '%' or '.'
    ('3kg', '15%pts'; not the 'm' of '5mins'); and alias -> (unit, factor), the first listed winning."""
    table: dict[str, tuple[str | None, Decimal]] = {}
    for alias, unit, factor in vocab().units:
        table.setdefault(alias, (unit, factor))
    alternatives = "|".join(re.escape(a) + ("" if a[-1] in "%." else r"(?![^\W_])") for a in table)
    return re.compile(alternatives), table


def _rate(rest: str) -> str | None:
    """'per 1,000 pop.' -> per_1000_population; 'calls per day' / '... per 100M veh kms' /
    'crimes for every million journeys' -> rate."""
    low = rest.lower().strip()
    m = re.match(r"^(?:[a-z][\w'-]*\s+){0,4}?(?:per|for every|for each|out of every)\s+(.+)$", low)
    if not m or low.startswith("per cent") or low.startswith("percent"):
        return None
    denom = m.group(1)
    m1000 = re.match(r"^(?:1,000|1000|(?:one |a )?thousand)\s*(.*)$", denom)
    if m1000 and (not m1000.group(1) or m1000.group(1).startswith(vocab().per_population)):
        return "per_1000_population"
    return "rate"


@cache
def _qualifier_first_words() -> frozenset[str]:
    return frozenset(p.split()[0] for p, _ in vocab().qualifiers)


def _qualifier(s: str) -> tuple[str | None, str]:
    low = s.lower()
    if low.split(" ", 1)[0] not in _qualifier_first_words():
        return None, s
    for phrase, qual in vocab().qualifiers:
        if low.startswith(phrase + " ") or low.startswith(phrase + "£"):
            return qual, s[len(phrase):].lstrip()
    return None, s


def parse_quantity(text: str) -> Quantity | None:
    """A number with its unit, sign and qualifier, normalised to a GUIDELINE unit; None if no number.

    "£10k" -> gbp 10000; "42p" -> gbp 0.42; "+0.94% points" -> percentage_points, sign +1;
    "3 mins 40 secs" -> seconds 220; "48 hours" -> hours 48; "500g" -> kg 0.5; "4th" / "eighth" /
    "second largest" -> rank; "969 calls per day" -> rate; anything else after the number -> count;
    a known unit outside the enumeration ("12 years", "3 miles") -> unit None.
    """
    s = _norm(text)
    qualifier, s = _qualifier(s)
    sign = None
    if s[:1] == "+":
        sign, s = 1, s[1:].lstrip()
    elif s[:1] and s[0] in MINUS:
        sign, s = -1, s[1:].lstrip()
    m = _COMPACT_DURATION.match(s)
    if m:
        return Quantity(float(int(m.group(1)) * 60 + int(m.group(2))), "seconds", sign, qualifier)
    a = _ARTICLE.match(s)
    if a and _words(s) is None:  # "a tonne": the article is one, but only before a unit ("a lot" is no quantity)
        hit = _unit_at(s[a.end():])
        if hit is None or hit[0] is None or hit[2].strip():
            return None
        return Quantity(float(hit[1]), hit[0], sign, qualifier)
    money = s.startswith("£")
    if money:
        s = s[1:].lstrip()
    v = vocab()
    # ranks: "4th", "eighth", "second largest", "top three" (the lowest place of a band at the top)
    top = re.match(r"top\s+", s, re.I)
    if top and not money:
        got = _leading(s[top.end():])
        return Quantity(float(got[0]), "rank", sign, qualifier) if got else None
    m = _ORDINAL_NUM.match(s)
    if m and not money:
        return Quantity(float(m.group(1)), "rank", sign, qualifier)
    first = re.match(r"[a-z]+", s.lower())
    if first and first.group(0) in v.ordinals and not money:
        return Quantity(float(v.ordinals[first.group(0)]), "rank", sign, qualifier)
    got = _leading(s)
    if got is None:
        return None
    value, rest = got
    if re.match(r"0\d|\d{8}", s):  # 8+ digits with no separator: an id or a phone number
        return None  # "0800", "01245", "24000123456": phone numbers and ids, not quantities
    if rest[:1] in ("/", ":"):
        return None  # a fraction, date or time ("1/2", "24/7", "2021/22", "10:30"), not a quantity
    if money:
        return Quantity(float(value), "gbp", sign, qualifier)
    rest_s = rest.strip()
    if rest_s[:1] == "-" and rest_s[1:2].isalpha():  # "20-minute standard", "3-hour"
        rest_s = rest_s[1:]
    if not rest_s:
        return Quantity(float(value), "count", sign, qualifier)
    unit_hit = _unit_at(rest_s)
    if unit_hit is not None:
        unit, factor, after = unit_hit
        if unit == "seconds":
            total = value * factor
            # compound durations: "3 mins 40 secs", "4 mins 3 seconds"
            tail = re.sub(r"^(?:,|and\b)\s*", "", after.strip().lstrip(",").strip())
            nxt = _leading(tail)  # "four minutes, fourteen seconds", "two minutes and two seconds" too
            if nxt is not None:
                more = _unit_at(nxt[1].strip())
                if more is not None and more[0] == "seconds":
                    total += nxt[0] * more[1]
            return Quantity(float(total), "seconds", sign, qualifier)
        if unit == "percent" and re.match(r"^\s*(points?|pts?)\b", after, re.I):
            unit = "percentage_points"
        return Quantity(float(value * factor), unit, sign, qualifier)
    rate = _rate(rest_s)
    if rate:
        return Quantity(float(value), rate, sign, qualifier)
    return Quantity(float(value), "count", sign, qualifier)


def format_number(value: float, decimals: int | None = None) -> str:
    """'9,470', '37.6', '0.42': thousands separators, no trailing zeros (parse_number reads it back)."""
    d = Decimal(repr(float(value)))
    if decimals is not None:
        d = round(d, decimals)
    text = f"{d:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_quantity(q: Quantity) -> str:
    """A Quantity as a document would print it: '£11,000,000', '37.6%', '+0.94% points', '220 seconds'."""
    sign = {1: "+", -1: "-"}.get(q.sign or 0, "")
    n = format_number(q.value)
    body = {
        "gbp": f"£{n}",
        "percent": f"{n}%",
        "percentage_points": f"{n}% points",
        "seconds": f"{n} seconds",
        "hours": f"{n} hours",
        "kg": f"{n}kg",
        "per_1000_population": f"{n} per 1,000 population",
        "rate": f"{n} calls per day",
        "count": f"{n} offences",
    }.get(q.unit or "", n)
    if q.unit == "rank":
        body = f"{int(q.value)}th" if q.value.is_integer() else n
    return sign + body
