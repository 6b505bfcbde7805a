"""Inspection grades (HMIC/HMICFRS PEEL judgements): which force got which grade in which area.

Patterns (patterns/grades.jsonl, with the token macros of grades_macros.json) find the grading
phrase: "was graded at good", "the areas requiring improvement included", "The extent to which
the force is effective ... is good". Each pattern names a *frame* that says where the graded
area is (after the grade, before it, a list after it, the pillar in the pattern) and who the
subject must be; the code below fills those slots. Areas are looked up in the PEEL crosswalk
(pipeline/data/peel_crosswalk.csv) for area_code and scale; the area stays in the document's words.

Frame "loose" (pattern g-loose) is tried last, for recall on wordings no frame names: a grade
word that is quoted or follows formal grading wording (patterns/grades_cues.json: graded, rated,
assessed, judged, found, receive(d), extent, approach ...; in its sentence or in the lead-in of its
bullet list) takes the area after it (a known area, a gerund/"how"/"the way" phrase, a list split
into one grade per area, "'good' ratings for A and B") or the known area or "the way ..." clause
just before its verb ("approach to efficiency is 'good'"). It gives nothing for the scale itself
("rated outstanding, good, adequate ..."), tallies ("six 'good'"), plural subjects ("most forces",
"Thirty seven police forces") or a quoted word in speech with no grading wording. Frame
"extent_clause" reads any "the extent to which <clause> is <grade>" by the pillar word in the
clause. Plain patterns (no grading wording) give no grade in an inspector's own narrative: speech,
or a paragraph in the first person or under an "observations" heading.

What is not a grade is decided by the frames: a rating with no force as its subject ("most
forces are good at ..."), a grade word that qualifies a noun ("good progress", "good examples"),
a verb phrase about a process ("the process requires improvement"), tallies of unnamed areas
("'adequate' in two areas"), and an inspector's narrative with no grading verb ("The force's
service to victims is inadequate"). A pattern marked "plain" in grades.jsonl (no grading wording:
"is good at", "requires improvement in") gives no grade inside quoted speech ("HMI X said: 'The
constabulary is good at preventing crime'") unless the grade itself is in quote marks.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.nlp.forces import ForceFinder
from pipeline.nlp.macros import expand_macros, read_patterns
from pipeline.nlp.numbers import parse_number

PATTERNS = Path(__file__).parent / "patterns"
DATA = Path(__file__).resolve().parent.parent / "data"
VERSION = "2.1"
KEY = "grades"

GRADE_WORDS = {"outstanding", "good", "adequate", "inadequate"}
RI_VERBS = {"requires", "require", "requiring", "required"}
YEAR = re.compile(r"^(19[89]\d|20[0-4]\d)$")
GLUED_GRADE = re.compile(r"[a-z]\?(Outstanding|Good|Adequate|Inadequate|Requires|Required)$", re.I)
RI_NOUN = re.compile(r"^imp[a-z]{4,9}ment$")
QUOTES = set("'‘’“”\"`")
BULLETS = {"•", "●", "▪", "◦", "‣", "-", "–", "*", "·"}
PREPS = {"in", "at", "for", "on", "across"}
AREA_NOUNS = {"area", "areas", "category", "categories", "question", "questions", "pillar", "pillars",
              "aspect", "aspects", "measures", "elements"}
QUANTIFIERS = {"all", "most", "some", "several", "many", "each", "every", "both", "other", "remaining",
               "key", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "one", "two"}
SKIP_BEFORE_AREA = {"its", "the", "their", "his", "her", "latest", "recent", "most", "new", "annual",
                    "last", "peel", "overall", "force", "force's", "constabulary's", "of", "this", "year's",
                    "work", "a", "an", "respect", "terms", "regard"}
# "for its work protecting ...", "in respect of its legitimacy", "in terms of its legitimacy", "in an efficiency report"
AUX = {"was", "is", "were", "are", "has", "have", "had", "been", "be", "being", "also", "now", "still",
       "previously", "again", "overall", "currently", "once", "consistently", "already", "which", "who",
       "that", "both", "all", "each", "twice", "since", "then", "subsequently", "only"}
INTRO_VERBS = {"is", "was", "remains"}  # a bullet list's lead-in may end with its verb
FORCE_WORDS = {"force", "constabulary", "it", "police", "service", "we"}  # "we": a force on itself
CLAUSE_GOES_ON = {"and", "but", "by", "while", "with", "since", "after", "following", "when", "last", "this",
                  "which", "who", "compared", "unchanged", "again", "from"}
TALLY_NAMES = {"including", "namely", "such"}  # "... in six, including A and B"
CLAUSE_OPENERS = frozenset("it its this that they these those there however but while whereas although and we "
                           "he she".split())  # a new clause after ';', not another list item
FINDING_VERBS = {"indicates", "indicated", "shows", "showed"}  # "the available evidence indicates that:" (PEEL 2014)
LIST_END = {".", ";", "but", "while", "whereas", "although", "though", "however", "(", "which", "where"}
HOW_SUBJECTS = {"the force", "the constabulary", "it", "they", "police", "the service", "officers"}
QUANT_SUBJECTS = {"most", "many", "some", "all", "several", "few", "half", "none", "majority", "minority", "others",
                  "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "these", "those"}
NEGATORS = {"no", "not", "single", "every", "each", "any", "none", "neither", "nor"}
NOT_GERUNDS = {"including", "during", "following", "regarding", "concerning", "according", "being", "having", "something", "nothing", "anything", "everything", "morning", "evening", "building"}
SPEECH_WORDS = 5  # fewer words in quote marks are a quoted term or grade, not speech
FRAME_ORDER = ["heading_forces", "list", "extent", "extent_clause", "pillar_possessive", "question", "table", "forces_before", "area_before", "after", "object_force",
               "no_area_strict", "after_strict", "bullet", "after_force_subject", "chain", "chain_adj", "loose"]


@dataclass(frozen=True)
class AreaRow:
    wording: str
    area_code: str
    scale: str | None
    level: str


def _canon(text: str) -> str:
    """Matching key for an area wording: case, hyphen and '&' differences removed."""
    t = text.lower().replace("&", "and").replace("’", "'")
    t = re.sub(r"\b(anti|re|co)\s*-\s*", r"\1", t)
    t = re.sub(r"[^a-z0-9' ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def load_crosswalk(path: Path | None = None) -> list[AreaRow]:
    lines = (path or DATA / "peel_crosswalk.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(l for l in lines if l.strip() and not l.startswith("#"))
    return [AreaRow(r["wording"], r["area_code"], r["scale"] or None, r["level"]) for r in rows]


def load_keywords(path: Path | None = None) -> list[tuple[re.Pattern, str]]:
    lines = (path or DATA / "peel_area_keywords.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(l for l in lines if l.strip() and not l.startswith("#"))
    return [(re.compile(r["keyword"], re.I), r["area_code"]) for r in rows]


def load_cues(path: Path | None = None) -> dict[str, set[str]]:
    """The word lists of grades_cues.json (grading wording, narrative headings, rating nouns)."""
    data = json.loads((path or PATTERNS / "grades_cues.json").read_text(encoding="utf-8"))
    return {k: set(v) for k, v in data.items() if not k.startswith("_")}


@Language.factory(
    "rf_grades",
    assigns=["doc.spans"],
    default_config={"patterns_file": "grades.jsonl", "macros_file": "grades_macros.json",
                    "crosswalk_file": "peel_crosswalk.csv"},
)
def make_grades(nlp: Language, name: str, patterns_file: str, macros_file: str, crosswalk_file: str) -> "GradeFinder":
    patterns, macros = read_patterns(PATTERNS, patterns_file, macros_file)
    return GradeFinder(nlp, name, patterns, macros, load_crosswalk(DATA / crosswalk_file))


class GradeFinder:
    version = VERSION

    def __init__(self, nlp: Language, name: str, patterns: list[dict], macros: dict, crosswalk: list[AreaRow]):
        if not patterns:
            raise ValueError(f"{name}: grade pattern file is empty")
        self.name = name
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.frames: dict[str, str] = {}
        self.plain: set[str] = set()  # patterns with no grading wording: not grades inside an inspector's speech
        for p in patterns:
            self.frames[p["id"]] = p["frame"]
            if p.get("plain"):
                self.plain.add(p["id"])
            self.matcher.add(p["id"], expand_macros(p["pattern"], macros))
        self.areas: dict[str, AreaRow] = {}
        self.area_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for row in crosswalk:
            for variant in _variants(row.wording):
                self.areas.setdefault(_canon(variant), row)
                self.area_matcher.add("AREA", [nlp.make_doc(variant)])
        self.pillars = {r.wording: r for r in crosswalk if r.level == "pillar"}
        self.keywords = load_keywords()
        self.cues = load_cues()
        self.forces = ForceFinder(nlp.make_doc)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        known, labels = {}, {}  # token start -> (end, AreaRow), longest known area (or row label) starting there
        for _, s, e in self.area_matcher(doc):
            row = self.areas.get(_canon(doc[s:e].text))
            into = labels if row is not None and row.level == "label" else known
            if row and (s not in into or e > into[s][0]):
                into[s] = (e, row)
        ctx = _Ctx(doc, known, self.forces.mentions(doc), self._doc_pillar(doc), self.cues["narrative_cues"], labels)
        matches = sorted(
            ((self.frames[doc.vocab.strings[m]], doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)),
            key=lambda x: (FRAME_ORDER.index(x[0]), x[2], -x[3]),
        )
        for frame, rule, s, e in matches:
            getattr(self, "_frame_" + frame)(ctx, rule, s, e)
        doc.spans[KEY] = [r for r in sorted(ctx.records, key=lambda r: r.start)]
        return doc

    def _doc_pillar(self, doc: Doc) -> str:
        """The pillar a document is about, for grades that name no area ('a good force')."""
        text = doc.text.lower()
        counts = {p: text.count(p) for p in ("effectiveness", "efficiency", "legitimacy")}
        best = max(counts.values())
        tops = [p for p, n in counts.items() if n == best]
        return tops[0] if best and len(tops) == 1 else "overall"

    # ------------------------------------------------------------- records
    def _emit(self, ctx: "_Ctx", rule: str, grade_span: tuple[int, int], area: tuple[int, int] | str | None,
              row: AreaRow | None, forces: list[str] | None, grade_value: str | None = None,
              force_spans: dict[str, tuple[int, int]] | None = None) -> None:
        doc = ctx.doc
        gs, ge = grade_span
        grade = grade_value or _grade_value(doc[gs:ge])
        if grade is None:
            return
        if rule in self.plain and not _quoted(doc, grade_span) and (ctx.in_speech(doc[gs].idx) or ctx.in_narrative(gs)):
            # "HMI X said: 'The constabulary is good at preventing crime'": narrative (NOTES), not a grade
            ctx.used.add(gs)
            return
        if area is None or (row is not None and row.level == "generic"):
            area_text = ctx.pillar
            row = self.pillars.get(area_text) or self.areas.get(area_text)
            a0, a1 = gs, ge
        elif isinstance(area, str):
            area_text, a0, a1 = area, gs, ge
            row = row or self.areas.get(_canon(area))
        else:
            a0, a1 = area
            area_text = " ".join(doc[a0:a1].text.split())
        scale = "five_point" if grade == "adequate" else (row.scale if row else None)
        ctx.used.add(gs)
        for force in forces or [None]:
            key = (gs, _canon(area_text), force)
            if key in ctx.seen:
                continue
            ctx.seen.add(key)
            # spaCy keys Span extensions by character offsets alone, so two records on the same
            # characters would share one _.rf: a named force widens its record's span to its mention
            lo, hi = min(gs, a0), max(ge, a1)
            mention = next((m for m in ctx.mentions if m.label_ == force and m.sent.start == doc[gs].sent.start), None)
            if mention is not None and len(forces or []) > 1:
                lo, hi = min(lo, mention.start), max(hi, mention.end)
            if force_spans and force in force_spans:  # a list names each force on its own characters
                lo, hi = min(gs, force_spans[force][0]), max(ge, force_spans[force][1])
            span = Span(doc, lo, hi, label="GRADE")
            span._.rf = {
                "force": force,
                "inspectorate": None,
                "area": area_text,
                "area_code": self._area_code(row, area_text),
                "grade": grade,
                "scale": scale,
                "year": None,
                "rule": rule,
            }
            ctx.records.append(span)

    def _area_code(self, row: AreaRow | None, area_text: str) -> str | None:
        if row is not None:
            return row.area_code if row.area_code != "generic" else None
        # wording the crosswalk lacks ("building and developing its workforce"): its keyword's code
        return next((code for rx, code in self.keywords if rx.search(area_text)), None)

    # -------------------------------------------------------------- frames
    def _frame_list(self, ctx, rule, s, e):
        g = _grade_tokens(ctx.doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        items = self._list_items(ctx, e)
        forces = self._named_in_sentence(ctx, s)
        for a0, a1, row in items:
            self._emit(ctx, rule, g, (a0, a1), row, forces)

    def _frame_extent(self, ctx, rule, s, e):
        doc = ctx.doc
        sent = doc[s].sent
        pillar = self.areas.get(_canon(doc[e - 1].text))
        g = None
        for i in range(e, sent.end):
            t = doc[i].lower_
            if t in {"is", "was", "remains"}:
                found = _grade_at(doc, _skip(doc, i + 1, sent.end, QUOTES | {"also", "still", "now"}))
                if found:
                    g = found
            elif t in RI_VERBS:
                found = _grade_at(doc, i)
                if found:
                    g = found
        if g and g[0] not in ctx.used and pillar:
            self._emit(ctx, rule, g, pillar.area_code, pillar, self._named_in_sentence(ctx, s))

    def _frame_pillar_possessive(self, ctx, rule, s, e):
        """'X's effectiveness (at keeping people safe ...) is good': the pillar is the area."""
        doc = ctx.doc
        g = None
        for i in range(s + 2, e):
            g = _grade_at(doc, i) or g if doc[i].text not in QUOTES else g
        if g is None or g[0] in ctx.used or g[1] > e:
            return
        end = g[1]
        while end < len(doc) and doc[end].text in QUOTES:
            end += 1
        if end < len(doc) and not (doc[end].is_punct or doc[end].is_space or doc[end].lower_ in {"and", "but", "while", "in", "for", "by"}):
            return  # "is good at ...": a narrower area follows, other frames read it
        pillar = self.areas.get(_canon(doc[s + 1].text))
        if doc[s].text in {"’s", "'s"}:
            owner = [m for m in ctx.mentions if m.end == s]
            if owner:
                forces = [owner[0].label_]
            elif doc[s - 1].lower_ in {"force", "constabulary", "service"}:
                forces = self._named_in_sentence(ctx, s)
            else:
                return  # "the report's efficiency ..." is no force's grade
        else:
            forces = self._named_in_sentence(ctx, s)
        self._emit(ctx, rule, g, pillar.area_code, pillar, forces)

    def _frame_question(self, ctx, rule, s, e):
        doc = ctx.doc
        pillar = self.areas.get(_canon(doc[s + 1].text))
        i = e
        while i < len(doc) and doc[i].text != "?" and not GLUED_GRADE.search(doc[i].text) and not doc[i].is_sent_start:
            i += 1
        if i >= len(doc):
            return
        glued = GLUED_GRADE.search(doc[i].text)
        if glued and pillar:
            # a PDF's text run joins the question and its grade: "... keeping people safe?Good"
            word = glued.group(1).lower()
            value = "requires_improvement" if word.startswith("requir") else word
            end = i + 1
            if value == "requires_improvement":
                if end >= len(doc) or not RI_NOUN.match(doc[end].lower_):
                    return
                end += 1
            if end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space or doc[end].text in {".", "\n"}:
                self._emit(ctx, rule, (i, end), pillar.area_code, pillar, None, grade_value=value)
            return
        if doc[i].text != "?":
            return
        j = _skip(doc, i + 1, len(doc), set())
        g = _grade_at(doc, j)
        if g and pillar and (g[1] >= len(doc) or "\n" in doc[g[1] - 1].whitespace_ or doc[g[1]].is_space
                             or doc[g[1]].text in {".", "\n"}):
            self._emit(ctx, rule, g, pillar.area_code, pillar, None)

    def _frame_table(self, ctx, rule, s, e):
        """A table row or heading line: 'Effectiveness: Good', 'Investigating crime    Adequate'."""
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        line_end = g[1] >= len(doc) or "\n" in doc[g[1] - 1].whitespace_ or doc[g[1]].is_space or doc[g[1]].text in {".", "|"}
        if not line_end:
            return
        nxt = _skip(doc, g[1], len(doc), QUOTES | {"\n"})
        if nxt < len(doc) and _grade_at(doc, nxt):
            return  # a chart key lists grades one after another ("Outstanding\nGood\n..."): no row
        for start, (end, row) in (ctx.known | ctx.labels).items():
            if end == s and row.level != "generic" and (start == 0 or "\n" in doc[start - 1].whitespace_
                                                        or doc[start - 1].is_space or doc[start - 1].text in BULLETS):
                before = start - 1
                while before >= 0 and doc[before].is_space:
                    before -= 1
                if any(e2 == before + 1 for e2, _ in ctx.known.values()):
                    return  # areas listed one after another (a key or a heading list), not a row
                self._emit(ctx, rule, g, (start, end), row, None)
                return
        self._free_row(ctx, rule, g)

    def _free_row(self, ctx, rule, g):
        """'- Police powers and treating the public fairly and respectfully - Adequate': a bulleted row of a
        graded list whose area wording the crosswalk does not know, under a grading lead-in ('The force
        was graded on the following eight areas:'). The area keeps the document's words."""
        doc = ctx.doc
        line_s, _ = _line_of(doc, g[0])
        first = _skip(doc, line_s, g[0], set())
        if first >= g[0] or doc[first].text not in BULLETS | {"::"}:
            return
        sep = g[0] - 1
        while sep > first and (doc[sep].is_space or doc[sep].text in QUOTES):
            sep -= 1
        if doc[sep].text not in {"-", "–", "—", ":", "|"}:
            return
        a0, a1 = first + 1, sep
        words = [t for t in doc[a0:a1] if not t.is_space]
        if not 2 <= len(words) <= 20 or sum(t.is_alpha for t in words) < 0.7 * len(words):
            return
        if self._lead_in_colon(ctx, line_s) is None:
            return
        self._emit(ctx, rule, g, (a0, a1), None, None)

    def _frame_heading_forces(self, ctx, rule, s, e):
        """':: Good' alone on a line, then 'Avon & Somerset, Cambridgeshire, ... and Wiltshire': each force
        named on the next line has that grade, in the area its list's lead-in names."""
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        line_s, line_e = _line_of(doc, g[0])
        if any(not (t.is_punct or t.is_space or t.text in BULLETS or t.text in QUOTES or t.text == "::")
               for t in list(doc[line_s:g[0]]) + list(doc[g[1]:line_e])):
            return  # the grade is not alone on its line
        nxt_s = _skip(doc, line_e, len(doc), {"\n"})
        while nxt_s < len(doc) and doc[nxt_s].is_space:
            nxt_s += 1
        if nxt_s >= len(doc):
            return
        nxt_e = _line_of(doc, nxt_s)[1]
        names = self.forces.in_list(doc[nxt_s:nxt_e])
        words = [t for t in doc[nxt_s:nxt_e] if t.is_alpha and t.lower_ != "and"]
        if not names or sum(len(n) for n in names) < 0.6 * max(1, len(words)):
            return  # the next line is prose, not a list of forces
        lead = self._list_lead_in(ctx, line_s)
        if lead is None:
            return
        area, row = lead
        self._emit(ctx, rule, g, area, row, [n.label_ for n in names],
                   force_spans={n.label_: (n.start, n.end) for n in names})

    def _list_lead_in(self, ctx, line_s: int):
        """The area named by the grading sentence a heading list follows, within a few lines before it:
        ('overall effectiveness', its crosswalk row); None if there is no grading wording."""
        doc = ctx.doc
        k = self._lead_in_colon(ctx, line_s)
        if k is not None:
            sent_s = doc[k].sent.start
            for start in range(sent_s, k):
                if start in ctx.known:
                    end, row = ctx.known[start]
                    a0 = start - 1 if start > 0 and doc[start - 1].lower_ == "overall" else start
                    return (a0, end), row
            return (None if "overall" not in {t.lower_ for t in doc[sent_s:k]} else "overall"), self.areas.get("overall")
        return None

    def _lead_in_colon(self, ctx, line_s: int) -> int | None:
        """The colon ending the grading sentence a list follows ('... graded ... as follows:'), within a
        few lines before it, or None."""
        doc = ctx.doc
        cues = self.cues["grading_cues"]
        for k in range(line_s - 1, max(0, line_s - 400) - 1, -1):
            if doc[k].text == ":" and any(t.lower_ in cues for t in doc[doc[k].sent.start:k]):
                return k
        return None

    def _frame_forces_before(self, ctx, rule, s, e):
        g = _grade_tokens(ctx.doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        forces = self._subject(ctx, s)
        if forces[0] != "named":
            return
        after = self._after(ctx, g[1], strict=False)
        if after is None:
            return
        self._emit_after(ctx, rule, g, after, forces[1])

    def _frame_area_before(self, ctx, rule, s, e):
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        # the area is the noun phrase that ends right before the verb: "its use of resources ... is judged"
        for start, (end, row) in ctx.known.items():
            if end == s and row.level != "generic":
                self._emit(ctx, rule, g, (start, end), row, self._named_in_sentence(ctx, s))
                return

    def _frame_after(self, ctx, rule, s, e, strict=False):
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        kind, forces = self._subject(ctx, s)
        if kind == "plural":
            return
        if strict and kind == "other" and not _quoted(doc, g):
            return
        # a quoted grade said of a force ("is 'outstanding' at understanding the demands for its
        # services") is a formal grade: its area may be a phrase the crosswalk does not know
        after = self._after(ctx, g[1], strict=strict, items_ok=_quoted(doc, g) and kind in {"named", "force"})
        if after is None or after == "none" and kind == "other":
            return  # no force and no area: nothing says whose grade of what
        self._emit_after(ctx, rule, g, after, forces, s)

    def _frame_after_strict(self, ctx, rule, s, e):
        self._frame_after(ctx, rule, s, e, strict=True)

    def _frame_bullet(self, ctx, rule, s, e):
        """'Inspectors said the Force is\n  • 'good' at preventing crime': a bulleted grade with no verb."""
        doc = ctx.doc
        before = s - 1
        while before >= 0 and doc[before].is_space and "\n" not in doc[before].text:
            before -= 1
        if before >= 0 and "\n" not in doc[before].text and "\n" not in doc[before].whitespace_:
            return  # a dash inside a sentence ("crime fell – good in parts") is no bullet
        self._frame_after(ctx, rule, s + 1, e, strict=True)

    def _frame_after_force_subject(self, ctx, rule, s, e):
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        kind, forces = self._subject(ctx, s)
        if kind not in {"named", "force"}:
            return
        after = self._after(ctx, g[1], strict=False)
        if after is None:
            return
        self._emit_after(ctx, rule, g, after, forces)

    def _frame_object_force(self, ctx, rule, s, e):
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        inner = [m for m in ctx.mentions if s < m.start and m.end <= g[0]]
        words = {t.lower_ for t in doc[s + 1 : g[0]]}
        if inner:
            forces = [m.label_ for m in inner]
        elif words & {"force", "constabulary", "it", "us"} and not words & {"forces"}:
            forces = self._named_in_sentence(ctx, s)
        else:
            return
        after = self._after(ctx, g[1], strict=False)
        if after is None:
            return
        self._emit_after(ctx, rule, g, after, forces)

    def _frame_no_area_strict(self, ctx, rule, s, e):
        g = _grade_tokens(ctx.doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        kind, forces = self._subject(ctx, s)
        if kind in {"named", "force"}:
            self._emit(ctx, rule, g, None, None, forces)

    def _frame_chain(self, ctx, rule, s, e):
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        sent = doc[s].sent
        prior = [r for r in ctx.records if r.sent.start == sent.start and r.start < s]
        tally = [t for t in ctx.tallies if sent.start <= t < s]
        if not prior and not tally:
            return
        after = self._after(ctx, g[1], strict=not _quoted(doc, g))
        if after is None or after == "none":
            return  # a grade joined on to another one names its own area, or is no record
        # "adequate in four areas but required improvement in six, including A and B": the chain
        # continues the tally's force
        forces = _forces_of(prior[-1]) if prior and (not tally or prior[-1].start > max(tally)) else ctx.tallies[max(tally)] if tally else None
        self._emit_after(ctx, rule, g, after, forces)

    def _frame_chain_adj(self, ctx, rule, s, e):
        doc = ctx.doc
        g = (s + 1, e)
        if g[0] in ctx.used or e not in ctx.known:
            return
        end, row = ctx.known[e]
        if row.level not in {"question", "area"}:
            return
        same = [r for r in ctx.records if r.sent.start == doc[s].sent.start]
        if same:
            self._emit(ctx, rule, g, (e, end), row, _forces_of(same[0]))

    def _frame_extent_clause(self, ctx, rule, s, e):
        """'the extent to which the force operates efficiently and sustainably is good', 'the efficiency
        with which the force carries out its responsibilities is good': any clause; its pillar word
        (effective, efficiently, legitimately, efficiency ...) or else a known area in it is the area."""
        doc = ctx.doc
        sent = doc[s].sent
        g, verb = None, None
        for i in range(e, sent.end):
            if doc[i].lower_ in {"is", "was", "remains", "remained"}:
                g = _grade_at(doc, _skip(doc, i + 1, sent.end, QUOTES | {"also", "still", "now"}))
            elif doc[i].lower_ in {"requires", "required"}:
                g = _grade_at(doc, i)  # "... operates efficiently and sustainably requires improvement"
            if g:
                verb = i
                break
        if g is None or g[0] in ctx.used:
            return
        clause = range(s, verb)  # (a pattern may hold the pillar word itself: "the efficiency with which ...")
        pillar = next((self.areas[_canon(doc[k].text)] for k in clause
                       if _canon(doc[k].text) in self.areas and self.areas[_canon(doc[k].text)].level == "pillar"), None)
        forces = self._named_in_sentence(ctx, s)
        if pillar:
            self._emit(ctx, rule, g, pillar.area_code, pillar, forces)
            return
        for k in clause:
            if k in ctx.known and ctx.known[k][1].level != "generic" and ctx.known[k][0] <= verb:
                self._emit(ctx, rule, g, (k, ctx.known[k][0]), ctx.known[k][1], forces)
                return

    def _frame_loose(self, ctx, rule, s, e):
        """Recall rule, tried after every other frame: a grade word that is quoted or follows formal
        grading wording, with an area after it ("'outstanding' in A and 'good' ratings for B and C") or a
        known area just before it ("approach to efficiency is 'good'")."""
        doc = ctx.doc
        g = _grade_tokens(doc, s, e)
        if g is None or g[0] in ctx.used:
            return
        gs, ge = g
        quoted = _quoted(doc, g) or (ge < len(doc) and doc[ge].text in QUOTES)
        cue = self._grading_cue(ctx, gs)
        if not cue and (not quoted or ctx.in_speech(doc[gs].idx)):
            return  # an unquoted grade word with no grading wording, or a quoted word in speech: narrative
        if self._grade_list_or_tally(doc, g):
            return  # the scale itself ("rated outstanding, good, adequate ...") or a tally ("six 'good'")
        sent = doc[gs].sent
        kind, forces = self._subject(ctx, gs)
        verbs = [k for k in range(sent.start, gs) if doc[k].lower_ in self.cues["grading_cues"]]
        if verbs and kind != "named":
            # the subject sits before the grading verb: "Eight were assessed as 'inadequate' in ..."
            kind, forces = self._subject(ctx, verbs[-1])
        plural = [k for k in range(sent.start, gs) if doc[k].lower_ == "forces" and not any(m.end == k for m in ctx.mentions)]
        if kind == "plural" or plural and not any(m.start > plural[-1] and m.end <= gs for m in ctx.mentions):
            return  # "over two thirds of forces ... continued to be good at ...": no force's grade
        after = self._after(ctx, ge, strict=True, items_ok=True)
        if isinstance(after, list):
            self._emit_after(ctx, rule, g, after, forces)
            return
        if after == "count":
            return
        # the known area right before the grade and its verb: "Norfolk's approach to efficiency is 'good'"
        i = gs - 1
        while i >= doc[gs].sent.start and (doc[i].text in QUOTES or doc[i].lower_ in AUX | {"remains", "remained"}):
            i -= 1
        for start, (end, row) in ctx.known.items():
            if end == i + 1 and row.level != "generic" and i + 1 < gs:
                self._emit(ctx, rule, g, (start, end), row, forces or self._named_in_sentence(ctx, start))
                return
        # "The way that Wiltshire Police treats its workforce with fairness and respect was graded as
        # 'outstanding'": a "the way"/"how" clause before the verb names the area
        verb = next((k for k in range(gs - 1, sent.start - 1, -1) if doc[k].lower_ in {"is", "was", "are", "were"}), None)
        if verb is None:
            return
        for k in range(verb - 1, max(sent.start, verb - 16) - 1, -1):
            if doc[k].lower_ == "way" and k > sent.start and doc[k - 1].lower_ == "the" or doc[k].lower_ == "how":
                a0 = k - 1 if doc[k].lower_ == "way" else k
                if verb - a0 >= 3 and not any(t.is_punct for t in doc[a0:verb]):
                    self._emit(ctx, rule, g, (a0, verb), None, forces or self._named_in_sentence(ctx, verb))
                return

    def _grading_cue(self, ctx, gs: int) -> bool:
        """Formal grading wording before the grade in its sentence, or in the lead-in of its bullet list."""
        doc = ctx.doc
        cues = self.cues["grading_cues"]
        sent = doc[gs].sent
        if any(t.lower_ in cues for t in doc[sent.start : gs]):
            return True
        # the grade's bullet, then back to the list's lead-in colon ("HMIC assessed that X:")
        k = gs - 1
        while k >= max(0, gs - 4) and (doc[k].is_space or doc[k].text in QUOTES or doc[k].lower_ in AUX):
            k -= 1
        if k < 0 or doc[k].text not in BULLETS:
            return False
        for c in range(k - 1, max(-1, k - 150), -1):
            if doc[c].text == ":":
                lead = doc[max(doc[c].sent.start, c - 15) : c]
                return any(t.lower_ in cues for t in lead)
        return False

    @staticmethod
    def _grade_list_or_tally(doc: Doc, g: tuple[int, int]) -> bool:
        gs, ge = g
        b = gs - 1
        while b >= 0 and doc[b].text in QUOTES:
            b -= 1
        if b >= 0 and (doc[b].like_num or doc[b].lower_ in QUANTIFIERS):
            return True
        for j in (b, _skip(doc, ge, len(doc), QUOTES)):
            if 0 <= j < len(doc) and doc[j].lower_ in {",", "or", "and", "/"}:
                k = j
                step = -1 if j < gs else 1
                while 0 <= k < len(doc) and (doc[k].lower_ in {",", "or", "and", "/"} or doc[k].text in QUOTES):
                    k += step
                if 0 <= k < len(doc) and (_grade_at(doc, k) or doc[k].lower_ in GRADE_WORDS | RI_VERBS | {"improvement"}):
                    return True
        return False

    # --------------------------------------------------------------- slots
    def _emit_after(self, ctx, rule, g, after, forces, s=None):
        if after == "count":
            ctx.used.add(g[0])
            ctx.tallies[g[0]] = forces
            return
        if isinstance(after, list):
            for a0, a1, row in after:
                self._emit(ctx, rule, g, (a0, a1), row, forces)
            return
        doc = ctx.doc
        if s is not None and any(t.lower_ == "overall" for t in doc[s : g[0]]):
            # "an overall rating of good": the overall grade, whatever the document's pillar
            self._emit(ctx, rule, g, "overall", self.areas.get("overall"), forces)
            return
        self._emit(ctx, rule, g, None, None, forces)  # "none": the document's pillar

    def _after(self, ctx, i: int, strict: bool, items_ok: bool = False):
        """What follows a grade: [(start, end, row)] areas, "none" (no area), "count", or None (not a grade)."""
        doc = ctx.doc
        sent_end = doc[i - 1].sent.end
        i = _skip(doc, i, sent_end, QUOTES)
        if i < sent_end and doc[i].lower_ == "by":  # "rated good by HMICFRS for ..."
            j = i + 1
            while j < sent_end and j < i + 8 and doc[j].lower_ not in PREPS and not doc[j].is_punct:
                j += 1
            i = j
        if i >= sent_end or doc[i].is_punct or doc[i].is_space or doc[i].lower_ in CLAUSE_GOES_ON:
            return None if strict else "none"  # the grade ends its clause: no area named
        if doc[i].lower_ == "overall":
            return [(i, i + 1, self.areas.get("overall"))]
        if doc[i].lower_ in PREPS and i + 1 < sent_end and YEAR.match(doc[i + 1].text):
            # "rated as inadequate in 2015 and ...": a time, not a tally or an area
            return self._after(ctx, i + 2, strict, items_ok)
        if doc[i].lower_ in {"force", "constabulary"} | self.cues["rating_nouns"]:
            j = _skip(doc, i + 1, sent_end, set())
            if j < sent_end and doc[j].lower_ in PREPS:
                slot = self._area_slot(ctx, j + 1, sent_end, strict, items_ok)
                if slot in (None, "none") and doc[i].lower_ in self.cues["rating_nouns"] and _quoted(doc, (i - 2, i - 1)) | (doc[i - 1].text in QUOTES):
                    # "given a 'good' rating for its crime prevention methods, investigation work, ...":
                    # a quoted grade's rating names its areas, whatever their wording
                    items = [it for it in self._list_items(ctx, j + 1) if it[1] - it[0] <= 8]
                    if items:
                        return items
                return slot
            return None if strict else "none"
        if doc[i].lower_ in PREPS:
            return self._area_slot(ctx, i + 1, sent_end, strict, items_ok)
        if doc[i].is_title and not strict and doc[i].lower_ not in GRADE_WORDS:
            return "none"  # a caption or heading glued on without a full stop ("... improvement Credit: ITV")
        return None  # a noun follows: "good examples", "good progress"

    def _area_slot(self, ctx, j: int, sent_end: int, strict: bool, items_ok: bool = False):
        doc = ctx.doc
        if j >= sent_end:
            return None
        # tallies and category lists: "in one area", "in all four categories which are A, B, C and D"
        k = j
        while k < min(sent_end, j + 4) and (doc[k].lower_ in QUANTIFIERS or doc[k].like_num or doc[k].lower_ in {"of", "the", "its", "key", "policing"}):
            k += 1
        if k > j and k < sent_end and doc[k].lower_ in AREA_NOUNS:
            m = k + 1
            while m < sent_end and doc[m].lower_ in {"of", "policing", "which", "that", "are", "were", "namely", ":", "-",
                                                     "–", "—", ",", "include", "including", "covering"}:
                m += 1
            # "in three areas – responding to the public, investigating crime and managing offenders"
            if m > k + 1 and doc[m - 1].lower_ in {"are", "were", "namely", ":", "-", "–", "—", "including", "include",
                                                   "covering"}:
                items = self._tallied_items(ctx, self._list_items(ctx, m), doc[j:k])
                return items or "count"
            return "count"
        counted = any(doc[x].lower_ in QUANTIFIERS or doc[x].like_num for x in range(j, k))
        if counted and (k >= sent_end or doc[k].is_punct or doc[k].lower_ in {"other", "more", "and", "but", "including"}):
            # "'adequate' in the remaining three": a tally with the area noun left out; "in six,
            # including A and B" names some of the tallied areas
            m = _skip(doc, k, sent_end, {",", "–", "-", ":"})
            if m < sent_end and doc[m].lower_ in TALLY_NAMES:
                m = _skip(doc, m + 1, sent_end, {"as", ":"})
                return self._list_items(ctx, m) or "count"
            return "count"
        found = self._area_at(ctx, j, sent_end)
        if found:
            return self._continue_list(ctx, [found], sent_end)
        # an area the crosswalk does not know: a short gerund or "how ..." phrase (in a strict
        # frame only as part of a list that names a known area too)
        item = self._gerund_item(ctx, j, sent_end)
        if item:
            items = self._continue_list(ctx, [item], sent_end)
            if not strict or items_ok or any(row for _, _, row in items):
                return items
        return None if strict else "none"

    def _gerund_item(self, ctx, j: int, sent_end: int):
        doc = ctx.doc
        k = _skip(doc, j, sent_end, {"its", "the", "their"})
        if k < sent_end and doc[k].lower_ == "way" and k > j and doc[k - 1].lower_ == "the":
            k -= 1  # "in the way it supports vulnerable people" reads as "how it supports ..."
        elif not (k < sent_end and (doc[k].lower_.endswith("ing") or doc[k].lower_ == "how") and doc[k].lower_ not in NOT_GERUNDS):
            k = None
        if k is not None:
            end = k + 1
            while end < sent_end and end < k + 12 and not doc[end].is_punct and doc[end].lower_ not in LIST_END:
                if doc[end].lower_ == "and" and end + 1 < sent_end and doc[end + 1].lower_.endswith("ing"):
                    break  # "reducing crime and keeping people safe": the next item
                end += 1
            return (k, end, None)
        return None

    def _continue_list(self, ctx, items: list, sent_end: int) -> list:
        """'good at A, B, C and D': more areas after the first, each known or a gerund phrase."""
        doc = ctx.doc
        m = items[-1][1]
        while m < sent_end and (doc[m].text in {",", "and", "&"} or doc[m].text == ";" and self._list_goes_on(doc, m + 1, sent_end)):
            n = m  # (";" too, when a list goes on after it: "adequate at A; B; C; and D")
            while n < sent_end and (doc[n].text in {",", "and", "&", ";"} or doc[n].is_space):
                n += 1
            nxt = self._area_at(ctx, n, sent_end) or self._gerund_item(ctx, n, sent_end)
            if not nxt or nxt[0] != _skip(doc, n, sent_end, {"its", "the", "their"}) and doc[n].lower_ != "how":
                break
            items.append(nxt)
            m = nxt[1]
        return items

    def _area_at(self, ctx, j: int, end: int):
        """A known area starting at j, after determiners or a 'how the force' prefix: (start, end, row)."""
        doc = ctx.doc
        k = j
        while k < end and doc[k].lower_ in SKIP_BEFORE_AREA | QUOTES:
            k += 1
        if k in ctx.known:
            e, row = ctx.known[k]
            return (k, e, row)
        if k < end and doc[k].lower_ == "how":
            nxt = ctx.known.get(k + 1)
            if nxt and nxt[1].level == "pillar":
                # "rated good for how legitimately the force keeps people safe": the pillar's row, the whole phrase
                stop = k + 1
                while stop < end and stop < k + 12 and not doc[stop].is_punct and doc[stop].lower_ not in LIST_END:
                    stop += 1
                return (k, stop, nxt[1])
            for n in (1, 2, 3):
                subj = " ".join(t.lower_ for t in doc[k + 1 : k + 1 + n])
                words = subj.split()
                if (subj in HOW_SUBJECTS or words[-1:] in (["it"], ["force"], ["constabulary"])) and k + 1 + n in ctx.known:
                    e, row = ctx.known[k + 1 + n]
                    return (k, e, row)
        if k + 1 < end and doc[k - 1].lower_ == "the" and doc[k].lower_ == "way":
            # "in the way it investigates crime" reads as "how it investigates crime"
            for n in (1, 2):
                subj = " ".join(t.lower_ for t in doc[k + 1 : k + 1 + n])
                if subj in HOW_SUBJECTS and k + 1 + n in ctx.known:
                    e, row = ctx.known[k + 1 + n]
                    return (k - 1, e, row)
        return None

    @staticmethod
    def _list_goes_on(doc: Doc, i: int, end: int) -> bool:
        """After a ';' in a list: another item (lower case, no clause opener) rather than a new clause."""
        while i < end and (doc[i].is_space or doc[i].lower_ in {"and", "or"}):
            i += 1  # "...; and leadership and force management": the last item
        return i < end and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in LIST_END \
            and doc[i].lower_ not in CLAUSE_OPENERS

    def _tallied_items(self, ctx, items: list, tally: Span) -> list:
        """A tally that names its areas ("'inadequate' in three areas – responding to the public,
        investigating crime and managing offenders") has as many items as it counts: an item that
        joins two gerund phrases with 'and' is split when the count asks for it (an older PEEL
        question joined "investigating crime and managing offenders" into one area)."""
        n = next((parse_number(t.text) for t in tally if t.like_num), None)
        if not n or len(items) >= n:
            return items
        out = []
        for k, (a, b, row) in enumerate(items):
            parts = _split_and(ctx.doc, a, b)
            if len(parts) > 1 and len(out) + len(parts) + (len(items) - k - 1) <= n:
                out.extend((pa, pb, ctx.known[pa][1] if pa in ctx.known and ctx.known[pa][0] <= pb else None)
                           for pa, pb in parts)
            else:
                out.append((a, b, row))
        return out

    def _list_items(self, ctx, j: int) -> list[tuple[int, int, AreaRow | None]]:
        """Areas listed from token j to the end of the list: known areas first, else comma/'and' items."""
        doc = ctx.doc
        sent_end = doc[j].sent.end if j < len(doc) else len(doc)
        items, i = [], j
        while i < sent_end:
            tok = doc[i]
            if tok.is_space or tok.text in {",", "and", "&", "or", "as", "well", "-", "–", "•", "*"} or tok.text in QUOTES:
                i += 1
                continue
            if tok.text == ";" and items and self._list_goes_on(doc, i + 1, sent_end):
                i += 1  # "recording data about crime; treatment of the public; protecting vulnerable people"
                continue
            if tok.lower_ in LIST_END or tok.text in {".", ";"}:
                break
            found = self._area_at(ctx, i, sent_end)
            if found:
                items.append(found)
                i = found[1]
                continue
            # an unknown item: up to the next comma; "X and Y" splits when both sides are phrases
            k = _skip(doc, i, sent_end, {"its", "the", "their"})
            end = k
            while end < sent_end and doc[end].text not in {",", ";", "."} and doc[end].lower_ not in LIST_END:
                end += 1
            parts = _split_and(doc, k, end)
            for a, b in parts:
                if b - a <= 10:
                    items.append((a, b, None))
            i = end
        return items

    # ------------------------------------------------------------- subject
    def _subject(self, ctx, s: int) -> tuple[str, list[str] | None]:
        """Who the grade is about: ("named", [forces]), ("force", None), ("plural", None) or ("other", None)."""
        doc = ctx.doc
        sent_start = doc[s].sent.start
        i = s - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0 and doc[i].text in BULLETS:
            return self._list_intro_subject(ctx, i)
        i = s - 1
        while i >= sent_start and (doc[i].lower_ in AUX or doc[i].text in QUOTES or doc[i].is_space or doc[i].text in {",", "’s", "'s"}):
            i -= 1
        if i < sent_start:
            return "other", None
        if doc[i].lower_ == "and":
            # "the force is good at A, and is good at B": the second predicate shares the first's subject
            verb = next((k for k in range(i - 1, sent_start - 1, -1) if doc[k].lower_ in {"is", "was", "are", "were"}), None)
            if verb is not None:
                return self._subject(ctx, verb)
        group = [m for m in ctx.mentions if m.end == i + 1]
        if group:
            first = group[0]
            # coordinated subjects: "South Wales Police and Gwent Police were given ..."
            while True:
                prev = [m for m in ctx.mentions if m.end <= first.start and m.start >= sent_start
                        and all(t.lower_ in {"and", ",", "&", "both"} for t in doc[m.end : first.start])]
                if not prev:
                    break
                group.insert(0, prev[-1])
                first = prev[-1]
            return "named", [m.label_ for m in group]
        word = doc[i].lower_
        named_forces = [m for m in ctx.mentions if m.end == i] if word == "forces" else []
        if named_forces:
            return "named", [m.label_ for m in named_forces]  # "Derbyshire and Staffordshire police forces"
        window = {t.lower_ for t in doc[max(sent_start, i - 4) : i + 1]}
        if word == "forces" or doc[i].like_num or word in QUANT_SUBJECTS or window & NEGATORS:
            return "plural", None  # "most police forces", "Eight were assessed", "Not a single force"
        if word in FORCE_WORDS and i > sent_start and (doc[i - 1].like_num or doc[i - 1].lower_ in {"one", "a", "another", "any"}):
            return "plural", None  # "one force is graded as 'outstanding'": a national tally, not this force
        if word in FORCE_WORDS:
            return "force", self._named_in_sentence(ctx, s)
        if "we" in {t.lower_ for t in doc[max(sent_start, i - 6) : i + 1]}:
            return "force", self._named_in_sentence(ctx, s)  # "We are delighted to have been rated good"
        return "other", self._named_in_sentence(ctx, s)

    def _list_intro_subject(self, ctx, bullet: int) -> tuple[str, list[str] | None]:
        """A bulleted grade ('• is 'good' at ...') belongs to the force before the list's colon."""
        doc = ctx.doc
        for k in range(bullet - 1, max(-1, bullet - 120), -1):
            nxt = _skip(doc, k + 1, bullet + 1, set())
            if doc[k].text == ":" or doc[k].lower_ in INTRO_VERBS and doc[nxt].text in BULLETS:
                # the list's lead-in ends with a colon or with its verb ("Inspectors said the Force is")
                j = k - 1
                while j >= 0 and doc[j].is_space:
                    j -= 1
                owner = [m for m in ctx.mentions if m.end == j + 1]
                if owner:
                    return "named", [owner[0].label_]
                if j >= 0 and doc[j].lower_ in FORCE_WORDS:
                    return "force", None
                return "other", None
        return "other", None

    def _named_in_sentence(self, ctx, s: int) -> list[str] | None:
        sent = ctx.doc[s].sent
        names = [m.label_ for m in ctx.mentions if sent.start <= m.start < s]
        return [names[-1]] if names else None


@dataclass
class _Ctx:
    doc: Doc
    known: dict
    mentions: list
    pillar: str
    narrative_cues: set = frozenset()
    labels: dict = field(default_factory=dict)  # short names known only as a row label ('Investigation – Good')

    def __post_init__(self):
        self.records: list[Span] = []
        self.used: set[int] = set()
        self.seen: set = set()
        self.tallies: dict[int, list[str] | None] = {}  # grade token of "'adequate' in four areas" -> forces
        self.speech = _speech_spans(self.doc.text)

    def in_speech(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.speech)

    def in_narrative(self, i: int) -> bool:
        """Token i sits in an inspector's own narrative: its paragraph (the lines since the last blank
        line, or the last three sentences) speaks in the first person ("I am pleased with ...") or
        follows a heading such as "HMI's observations". NOTES: such narrative is not a grade."""
        doc = self.doc
        sent = doc[i].sent
        start, n = sent.start, 0
        while start > 0 and n < 3:
            prev = doc[start - 1].sent
            if any("\n\n" in t.text or "\n\n" in t.whitespace_ for t in doc[prev.start : prev.end]):
                break
            start, n = prev.start, n + 1
        window = doc[start : sent.end]
        if any(t.lower_ in FINDING_VERBS and t.i + 1 < sent.end and t.nbor().lower_ == "that" for t in sent):
            return False  # "The available evidence indicates that: ... the force is good at ...": the findings
        return any(t.text == "I" for t in window) or any(t.lower_ in self.narrative_cues for t in window)


def _speech_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted speech: a double-quoted run of at least SPEECH_WORDS words. A press
    release's quote may run over several paragraphs, each opened by a quote mark and closed only at
    the last, so an unclosed quote ends with its paragraph. (A quoted grade word, "good", is no speech.)"""
    out, base = [], 0
    for para in text.split("\n"):
        runs, open_at = [], None
        for i, ch in enumerate(para):
            if open_at is None and ch in "“\"":
                open_at = i
            elif open_at is not None and ch in "”\"":
                runs.append((open_at, i))
                open_at = None
        if open_at is not None:
            runs.append((open_at, len(para)))
        out += [(base + a, base + b) for a, b in runs if len(para[a:b].split()) >= SPEECH_WORDS]
        base += len(para) + 1
    return out


PAST = {"keeps": "kept", "understands": "understood", "plans": "planned", "records": None}


def _past(word: str) -> str | None:
    """'protects' -> 'protected': news reports a grade in the past tense ("how the force protected
    vulnerable people and managed offenders")."""
    if word in PAST:
        return PAST[word]
    if not word.endswith("s") or word.endswith("ss") or len(word) < 5:
        return None
    base = word[:-1]
    return base + "d" if base.endswith("e") else base + "ed"


def _variants(wording: str) -> list[str]:
    out = {wording}
    first, _, rest = wording.partition(" ")
    past = _past(first) if rest else None
    if past:
        out.add(f"{past} {rest}")
    for a, b in (("anti-social", "antisocial"), ("re-offending", "reoffending"), (" and ", " & "), ("organised", "organized")):
        for w in list(out):
            if a in w:
                out.add(w.replace(a, b))
    return sorted(out)


def _line_of(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the line holding token i (lines end at a token with a newline)."""
    s = i
    while s > 0 and "\n" not in doc[s - 1].text and "\n" not in doc[s - 1].whitespace_:
        s -= 1
    e = i + 1
    while e < len(doc) and "\n" not in doc[e].text and "\n" not in doc[e - 1].whitespace_:
        e += 1
    return s, e


def _skip(doc: Doc, i: int, end: int, words: set[str]) -> int:
    while i < end and (doc[i].is_space or doc[i].text in words or doc[i].lower_ in words):
        i += 1
    return i


def _grade_at(doc: Doc, i: int) -> tuple[int, int] | None:
    i = _skip(doc, i, len(doc), QUOTES)
    if i >= len(doc):
        return None
    if doc[i].lower_ in GRADE_WORDS:
        return (i, i + 1)
    if doc[i].lower_ in RI_VERBS and i + 1 < len(doc) and RI_NOUN.match(doc[i + 1].lower_):
        return (i, i + 2)
    return None


def _grade_tokens(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    for i in range(s, e):
        g = _grade_at(doc, i) if doc[i].text not in QUOTES else None
        if g and g[1] <= e:
            return g
    return None


def _grade_value(span: Span) -> str | None:
    first = span[0].lower_
    if first in GRADE_WORDS:
        return first
    if first in RI_VERBS:
        return "requires_improvement"
    return None


def _quoted(doc: Doc, g: tuple[int, int]) -> bool:
    return g[0] > 0 and doc[g[0] - 1].text in QUOTES


def _split_and(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    for k in range(a + 1, b - 1):
        if doc[k].lower_ == "and" and k - a >= 2 and b - k - 1 >= 2:
            nxt = doc[k + 1].lower_
            if nxt.endswith("ing") or nxt == "how" or nxt in {"its", "the"}:
                return [(a, k)] + _split_and(doc, k + 1, b)
    return [(a, b)] if b > a else []


def _forces_of(span: Span) -> list[str] | None:
    f = span._.rf.get("force")
    return [f] if f else None
