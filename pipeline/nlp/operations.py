"""Named police operations, projects and campaigns: "Operation RESPAIR", "Op. RAPTOR",
"Project Servator", the 'Safer Nights' campaign.

Patterns (patterns/operations.jsonl with the token macros of operations_macros.json) find the
mention; the code trims the name (a capitalised phrase that runs on: "Operation Sceptre Week of
Action" -> SCEPTRE), normalises it (upper case, prefix dropped: "Op. RAPTOR" -> RAPTOR) and drops
what the judgement calls in patterns/operations_stop.json say is not a named operation: standing
schemes and programmes, generic kinds of campaign ("recruitment campaign"), abbreviations.
Every mention is a record; a document's distinct names are counted downstream.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.nlp.forces import ForceFinder, canonical
from pipeline.nlp.macros import expand_macros, read_patterns

PATTERNS = Path(__file__).parent / "patterns"
VERSION = "1"
KEY = "operations"
QUOTES = set("'‘’“”\"`")
DETERMINERS = {"THE", "A", "AN", "THIS", "THAT", "OUR", "THEIR", "ITS", "HIS", "HER", "NEW"}
FRAME_ORDER = ["prefixed", "named", "name_before", "name_after", "campaign_list"]
PREFIXES = {"operation", "op", "op.", "project"}
PLACE_PREPS = {"in", "across", "around", "throughout", "within"}
NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "The", "A", "An", "This", "That", "Q1", "Q2", "Q3", "Q4", "England", "UK", "Britain", "Wales",
              "It", "Its", "Our", "Their", "His", "Her", "Christmas", "Easter", "Summer", "Winter", "Spring", "Autumn"}


@Language.factory(
    "rf_operations",
    assigns=["doc.spans"],
    default_config={"patterns_file": "operations.jsonl", "macros_file": "operations_macros.json",
                    "stop_file": "operations_stop.json"},
)
def make_operations(nlp: Language, name: str, patterns_file: str, macros_file: str, stop_file: str) -> "OperationFinder":
    patterns, macros = read_patterns(PATTERNS, patterns_file, macros_file)
    stop = json.loads((PATTERNS / stop_file).read_text(encoding="utf-8"))
    return OperationFinder(nlp, name, patterns, macros, stop)


class OperationFinder:
    version = VERSION

    def __init__(self, nlp: Language, name: str, patterns: list[dict], macros: dict, stop: dict):
        if not patterns:
            raise ValueError(f"{name}: operation pattern file is empty")
        self.name = name
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.meta: dict[str, dict] = {}
        for p in patterns:
            self.meta[p["id"]] = {"kind": p["kind"], "frame": p["frame"]}
            self.matcher.add(p["id"], expand_macros(p["pattern"], macros))
        self.not_names = {s.upper() for s in stop["not_names"]}
        self.generic = {s.upper() for s in stop["generic_words"]}
        self.trailing = {s.upper() for s in stop["trailing_words"]}
        self.acronyms = {s.upper() for s in stop["acronyms"]}
        self.organisations = {s.upper() for s in stop["organisation_words"]}
        self.forces = ForceFinder(nlp.make_doc)
        self.function_words = {s.upper() for s in stop["function_words"]}

    def __call__(self, doc: Doc) -> Doc:
        # a force or force area never continues a code name: "Operation Sceptre Kent Police said"
        self._force_starts = {m.start for m in self.forces.mentions(doc) + self.forces.places(doc)}
        found = []
        taken: set[int] = set()  # tokens of a name already recorded: a longer or earlier frame wins
        matches = sorted(
            ((self.meta[doc.vocab.strings[m]], doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)),
            key=lambda x: (FRAME_ORDER.index(x[0]["frame"]), x[2], -(x[3] - x[2])),
        )
        ends_done: set[int] = set()
        for meta, rule, s, e in matches:
            if meta["frame"] == "name_before":
                if e in ends_done:
                    continue  # a shorter match inside a longer one: "Office campaign" in "Home Office campaign"
                ends_done.add(e)
            for name_start, name_end, mention_start, mention_end in self._names(doc, meta["frame"], s, e):
                if name_end - name_start == 1 and (doc[name_start].text in NOT_PLACES or doc[name_start].text.upper() in self.not_names):
                    continue  # "operation on Monday", "operation The": not a name
                if taken & set(range(name_start, name_end)):
                    continue
                name = self._name(doc, name_start, name_end, meta["kind"])
                if name is None:
                    continue
                taken |= set(range(name_start, name_end))
                span = Span(doc, mention_start, mention_end, label="OPERATION")
                span._.rf = {
                    "name": name,
                    "kind": meta["kind"],
                    "mention": " ".join(doc[mention_start:mention_end].text.split()),
                    "area": self._area(doc, mention_start),
                    "rule": rule,
                }
                found.append(span)
        doc.spans[KEY] = sorted(found, key=lambda sp: sp.start)
        return doc

    # ---------------------------------------------------------------- names
    def _names(self, doc: Doc, frame: str, s: int, e: int) -> list[tuple[int, int, int, int]]:
        """(name start, name end, mention start, mention end) for one match."""
        if frame == "prefixed":
            while doc[s].lower_ not in PREFIXES:  # a pattern may start before the prefix ("of operation X")
                s += 1
            a = s + 1
            while a < e and (doc[a].text == "." or doc[a].text in QUOTES):
                a += 1
            b = self._trim(doc, a, e)
            if _headline(_line(doc, s)) and b > a + 1:
                # a title-cased heading: the code name is one word, unless the running text repeats the
                # longer name after its prefix ("Operation Soteria Bluestone" in a heading and the body)
                b = _body_name_end(doc, s, a, b) or a + 1 + (1 if a + 1 < e and doc[a + 1].like_num else 0)
            return [(a, b, s, b)] if b > a else []
        if frame == "named":
            a = next(i for i in range(s, e) if doc[i].text[0].isupper())
            if doc[a].text.upper() in {"OPERATION", "OP", "PROJECT"}:
                return []  # "named Operation Invert": the prefixed pattern records it
            b = e
            while b > a and doc[b - 1].text in QUOTES:
                b -= 1
            b = self._trim(doc, a, b)
            return [(a, b, s, e)] if b > a else []
        if frame == "name_before":
            a, b = s, e - 1  # the last token is "campaign"/"project"
            if doc[a].text in QUOTES or doc[a].text == "#":
                a += 1
            while b > a and doc[b - 1].text in QUOTES:
                b -= 1
            while a < b and doc[a].text.upper() in DETERMINERS:
                a += 1
            return [(a, b, s, e)] if b > a else []
        if frame == "name_after":
            q = next(i for i in range(s + 1, e) if doc[i].text in QUOTES)
            return [(q + 1, e - 1, s, e)] if e - 1 > q + 1 else []
        if frame == "campaign_list":
            return self._list(doc, e)
        return []

    def _list(self, doc: Doc, i: int) -> list[tuple[int, int, int, int]]:
        """Items after 'campaigns ...:' : '* Young Driver * "Street Spirit", ...'."""
        # the splitter ends a sentence at the colon: the items are the words that follow it
        out, end = [], min(len(doc), i + 40)
        while i < end and doc[i].text not in {".", "\f"}:
            while i < end and (doc[i].is_space or doc[i].text in {"*", "•", "-", "–", ",", ";", "and"}):
                i += 1
            if i >= end:
                break
            if doc[i].text in QUOTES:
                j = i + 1
                while j < end and doc[j].text not in QUOTES and j < i + 7:
                    j += 1
                if j < end and doc[j].text in QUOTES and j > i + 1:
                    out.append((i + 1, j, i, j + 1))
                    i = j + 1
                    continue
                break
            j = i
            while j < end and (doc[j].text[:1].isupper() or doc[j].is_space and "\n" in doc[j].text and j > i) and j < i + 6:
                j += 1
            while j > i and doc[j - 1].is_space:
                j -= 1
            k = j
            while k < end and doc[k].is_space:
                k += 1
            if j == i or k < end and doc[k].text not in {"*", "•", ",", ";", ".", "and"} and doc[k].text not in QUOTES:
                break  # a list item is a name standing alone, not the start of a sentence
            out.append((i, j, i, j))
            i = j
        return out

    def _trim(self, doc: Doc, a: int, b: int) -> int:
        """End of a name: drop run-on words ('Team', 'Week') and what follows them."""
        for k in range(a + 1, b):
            if doc[k].text.upper() in self.trailing or doc[k].text in QUOTES or k in self._force_starts:
                return k
        while b > a + 1 and (doc[b - 1].text.upper() in self.trailing or doc[b - 1].text == "&"):
            b -= 1
        return b

    def _name(self, doc: Doc, a: int, b: int, kind: str) -> str | None:
        words = [t.text for t in doc[a:b] if not t.is_space]
        # the characters as written (so "Don’t" stays one word), whitespace and line breaks collapsed
        name = re.sub(r"\s+", " ", doc[a:b].text).upper().strip(" '’‘\"“”,.-–")
        if not name or not re.search(r"[A-Z]", name) or len(name) > 60:
            return None
        if name in self.not_names or name in self.acronyms:
            return None
        if name.split()[0] in self.trailing:
            return None  # "Project Officer", "Operation Lead", "Project Name": a role, unit or heading
        if name.split()[0] in self.function_words:
            return None  # a headline's next word: "Police Launch Operation To Tackle Knife Crime"
        if kind == "campaign" and name.split()[-1] in self.organisations:
            return None  # "Safer Roads Partnership campaign": who runs it, not its name
        core = [w for w in name.split() if not re.fullmatch(r"[0-9]+|&", w)]
        if kind == "campaign" and len(core) <= 2 and all(w in self.generic for w in core):
            return None  # "recruitment campaign", "Road Safety campaign": a kind of campaign, not a name
        if canonical(" ".join(words)):
            return None  # "Essex Police campaign": the force, not the campaign's name
        return name

    def _area(self, doc: Doc, start: int) -> str | None:
        """The place the sentence puts the operation in: 'in Colchester', 'across Harlow and Epping Forest'."""
        sent = doc[start].sent
        for i in range(sent.start, sent.end - 1):
            if doc[i].lower_ in PLACE_PREPS and doc[i + 1].text[:1].isupper() and doc[i + 1].text not in NOT_PLACES:
                j = i + 1
                while j < sent.end and (doc[j].is_title or doc[j].text in {"&", "and", "-"} and j + 1 < sent.end and doc[j + 1].is_title):
                    j += 1
                if doc[i + 1].is_title and j - (i + 1) <= 5:
                    place = doc[i + 1 : j].text
                    if not re.search(r"\b(Operation|Op|Project|Police|Constabulary|Court|Office)\b", place):
                        return place
        return None


def _body_name_end(doc: Doc, prefix: int, a: int, b: int) -> int | None:
    """The end of the longest multi-word name doc[a:k] (k <= b) that the text outside this heading also
    writes after the same prefix word."""
    line = _line(doc, prefix)
    rest = doc.text[: line.start_char] + "\n" + doc.text[line.end_char :]
    for k in range(b, a + 1, -1):
        words = [t.text for t in doc[a:k] if not t.is_space]
        pattern = r"\b" + re.escape(doc[prefix].text) + r"\.?\s+['‘’\"“”]?" + r"\s+".join(map(re.escape, words)) + r"\b"
        if re.search(pattern, rest, re.I):
            return k
    return None


def _line(doc: Doc, i: int) -> Span:
    """The line of token i within its sentence: a heading with no full stop shares a sentence with
    the paragraph under it."""
    sent = doc[i].sent
    a = i
    while a > sent.start and "\n" not in doc[a - 1].text and "\n" not in doc[a - 1].whitespace_:
        a -= 1
    b = i + 1
    while b < sent.end and "\n" not in doc[b].text and "\n" not in doc[b - 1].whitespace_:
        b += 1
    return doc[a:b]


def _headline(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) / len(words) > 0.7
