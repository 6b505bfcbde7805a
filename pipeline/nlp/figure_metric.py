"""The metric of a figure: the shortest clear phrase, in the document's words, for what it counts.

A mixin of rf_figures' FigureFinder (pipeline/nlp/figures.py): the phrase after the number, else
the subject before it, else the metric carried from the figure before (same sentence, a sentence
pointing back, or a series of the same unit). Word lists are in patterns/figures_cues.json.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from pipeline.nlp.token_scan import TokenScan, phrase

if TYPE_CHECKING:  # the finder's candidate record; figures.py imports this module
    from pipeline.nlp.figures import _Found

CARRY_REACH = 80  # tokens back a sentence that points to the figure before may take its metric from
SAY_VERBS = frozenset("said say says stated felt feel thought think told agreed disagreed supported opposed opted chose "
                      "preferred favoured favored wanted believed believe indicated reported".split())
PREDICATE_TRAIL = frozenset("the a an of to for with on in at by and or that this their its".split())
CLAUSE_BREAKS = frozenset("and but while whilst whereas which who however compared than although".split())
ASIDE_PREPS = frozenset({"in", "for", "at", "on", "by", "of", "as"})  # ", in general,", ", for example,"
ORGANISATION_HEADS = frozenset("police constabulary force service council commissioner pcc office authority "
                               "government ministry department agency board panel committee commission".split())
PLACE_NOUNS = frozenset("county district region area city town country borough force constabulary division "
                        "lpa village estate network".split())


GENERIC = frozenset("number numbers total totals figure figures amount amounts level levels count "
                    "counts data statistics stats".split())
UNIT_WORDS = frozenset("hours hour hrs hr minutes minute mins min seconds second secs sec kg g tonnes "
                       "per cent percent pop population".split())


LY_NOUNS = frozenset("family supply assembly reply anomaly monopoly rally bully belly jelly holly "
                     "butterfly".split())
OF_HEADS = frozenset("number percentage proportion rate level amount count share".split())
OF_HEAD_REACH = 30  # tokens back from a figure to the 'the number of' opening its clause
QUOTES = frozenset("‘’“”'\"")


def _participle(t) -> bool:
    """'answered', 'attended': a past participle next to a number is the verb, not the thing counted."""
    w = t.lower_
    return len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w not in ("hundred",) and t.is_lower


def _adverb(t) -> bool:
    """'actually', 'significantly': a lower-case -ly word between a number and its subject is no metric
    (LY_NOUNS: the -ly words that are things: 'drug supply', 'family')."""
    w = t.lower_
    return len(w) > 4 and w.endswith("ly") and t.is_lower and w not in LY_NOUNS


def _is_place(toks: list) -> bool:
    """A phrase that names a place ('Essex', 'the county'), so the metric lies before it."""
    return toks[0].lower_ in PLACE_NOUNS or all(t.text[0].isupper() for t in toks)


class MetricRules(TokenScan):
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
            return phrase(doc, inner[0].i, last)
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
                        return phrase(doc, *r)
        # forward: "9,470 fewer crimes committed", "77% of the public", "a 7.2% increase in the number of solved offences"
        j = self._next_index(doc, f.end, sent.end)
        if j is not None and f.q.unit == "percent":
            r = self._share_predicate(doc, j, sent.end)  # "63.9% said they agree with the proposed increase"
            if r and not self._bad(doc, *r, sent):
                return phrase(doc, *r)
        if j is not None:
            w = doc[j].lower_
            if w == "of" and j + 1 < sent.end and doc[j + 1].lower_ in ("which", "whom", "these", "those", "them"):
                # "2 of which related to disability": the thing counted follows the verb
                k = self._skip(doc, j + 2, sent.end, tuple(c.of_which_skip))
                r = self._quoted(doc, k - 1, sent.end) or self._collect_forward(doc, k, sent.end)
                if r and not self._bad(doc, *r, sent):
                    return phrase(doc, *r)
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
                    return phrase(doc, *r)
            elif w == "in" and f.q.unit == "gbp" and j + 1 < sent.end and doc[j + 1].is_lower:
                j += 1  # "£335,000 in cash", "£2m in funding"
            j = self._skip(doc, j, sent.end, ("the", "all", "its", "their", "our", "number", "of", "those", "these",
                                              "worth"))  # "£1.3million worth of drugs"
            r = self._quoted(doc, j, sent.end) or self._collect_forward(doc, j, sent.end, allow_number=f.q.unit != "count")
            if r and not self._bad(doc, *r, sent):
                return phrase(doc, *r)
        r = self._of_head_subject(doc, f, sent)
        if r is not None:
            return phrase(doc, *r)
        # backward: the subject before the cue ("All crime is also down across the district by 9.2%")
        start = before if before is not None and before >= 0 else self._prev_index(doc, f.start, sent.start)
        if start is None:
            return None
        r = self._collect_backward(doc, start, sent, f.end)
        return None if r is None else phrase(doc, *r)

    def _of_head_subject(self, doc: Doc, f: _Found, sent: Span) -> tuple[int, int] | None:
        """'The number of new complaints recorded in 2014/15 was 1,016', 'the percentage of people who
        think ... was 87.4%': a clause whose subject is 'the number / percentage / proportion of X' measures
        X (what follows 'of', up to a verb, preposition or clause word)."""
        for j in range(f.start - 1, max(sent.start, f.start - OF_HEAD_REACH) - 1, -1):
            if self._in_figure[j] or doc[j].text == ";":
                return None
            if doc[j].lower_ != "the" or j + 2 >= f.start:
                continue
            k = j + 1 + (doc[j + 1].lower_ in ("total", "overall"))
            if doc[k].lower_ not in OF_HEADS or doc[k + 1].lower_ != "of":
                continue
            if j > sent.start and not doc[j - 1].is_punct and not doc[j - 1].is_space:
                continue  # the subject opens its clause ("Likewise, the percentage of people ...")
            start = k + 2
            while start < f.start and doc[start].is_alpha and doc[start].lower_ in self.cues.stop \
                    and start < k + 5:
                start += 1  # "the number of new complaints": the adjective may be a stop word
            r = self._collect_forward(doc, start, f.start)
            if r is None:
                return None
            c, (s_, e) = self.cues, r
            while e > s_ and (doc[e - 1].lower_ in c.verb_inc or doc[e - 1].lower_ in c.verb_dec
                              or doc[e - 1].lower_ in c.not_metric):
                e -= 1  # "the number of burglaries fell by 12%": the verb is no part of it
            return (s_, e) if e > s_ and not self._bad(doc, s_, e, sent) else None
        return None

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
                           or _adverb(t) or (backward and _participle(t)) for t in toks):
            return True
        low = " ".join(t.lower_ for t in toks)
        if low in self.place_names:
            return True
        if backward and len(toks) == 1 and s > sent.start and doc[s - 1].lower_ == "to" and toks[0].is_lower \
                and e < len(doc) and doc[e].like_num:
            return True  # "looking to reopen four more": an infinitive right before the number is the verb
        if backward and all(t.text[0].isupper() for t in toks) and (
                toks[-1].lower_ in ORGANISATION_HEADS or low.startswith(self.place_openings)):
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
        skip = c.before_subject
        in_figure = self._in_figure
        for _ in range(3):
            # verbs, adjectives and cue words between the number and its subject ("is trending down",
            # "remained flat at", "were attended within")
            while j >= floor and (doc[j].is_space or doc[j].lower_ in skip or _participle(doc[j]) or _adverb(doc[j])) \
                    and not in_figure[j]:
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
        return None if e == s or self._bad(doc, s, e, sent, backward=True) else phrase(doc, s, e)
