"""Qualifier, measure and direction of a figure: the cue words around its number.

A mixin of rf_figures' FigureFinder (pipeline/nlp/figures.py), which holds the cue lists
(self.cues, from patterns/figures_cues.json) and, per Doc, the last change described
(self._last_change). Each rule's docstring quotes the wording it reads.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from pipeline.nlp.numbers import vocab
from pipeline.nlp.token_scan import TokenScan

if TYPE_CHECKING:  # the finder's candidate record; figures.py imports this module
    from pipeline.nlp.figures import _Found

QUALIFIER_LAST_WORDS = frozenset(p.split()[-1] for p, _ in vocab().qualifiers)
# (phrase, qualifier, its words last first), longest phrase first: compared with the words before a number
QUALIFIER_WORDS = [(p, q, p.split()[::-1]) for p, q in vocab().qualifiers]
FILLERS = frozenset("a an further another".split())
COMPARATIVES = frozenset("against than compared versus vs vs. whereas while followed".split())
BASE_WORDS = COMPARATIVES | {"from", "previous", "last", "on"}  # "up 19% from the previous year (123.6 million)"
BRACKET_LEADS = frozenset("or around about approximately roughly some nearly almost an a i.e. ie equivalent equal to just "
                          "over under".split())  # words between "(" and a restated figure
BE_BEFORE = frozenset("is was were are been be".split())
AUXILIARIES = BE_BEFORE | frozenset("would will could may might have has had being".split())
LEVEL_NOUNS = frozenset("level levels total totals figure number".split())
NOUN_PHRASE_OPENERS = frozenset("a an the suggested proposed planned".split())  # "a 3% precept rise"
YEAR_PART = re.compile(r"^((19|20)\d\d([/-]\d\d)?|[/-]|\d\d)$")  # "by £12 in 2018/19 (23p per week)"
RAISE = frozenset("raise raises raised raising".split())  # "raised by £10" is a rise: the cue is "by"
RESTATE_REACH = 40  # tokens back a restated change ("equates to £15 a year") may be


class DirectionRules(TokenScan):
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
                and 0 <= opening - prev.end <= 7 and all((doc[k].is_alpha and doc[k].lower_ not in BASE_WORDS)
                                                          or YEAR_PART.match(doc[k].text)
                                                          for k in range(prev.end, opening)):
            k = f.end
            while k < min(sent.end, f.end + 3) and doc[k].is_alpha and doc[k].lower_ != "to":
                k += 1
            if k + 1 < sent.end and doc[k].lower_ == "to" and doc[k + 1].like_num:
                return None  # "(3935 offences to 4199)": two levels
            return prev.rf["direction"]
        r = b
        if doc[r].lower_ == "to" and r - 2 > sent.start and doc[r - 1].lower_ == "up":
            r = self._prev_index(doc, r - 1, sent.start) or r  # "equivalent to up to £1 per month"
        if doc[r].lower_ in ("to", "at") and r > sent.start and doc[r - 1].lower_ in c.restate_verbs \
                and self._last_change is not None and f.start - self._last_change[0] <= RESTATE_REACH:
            return self._last_change[1]  # "an increase of 6.2% ... that equates to £15 a year"
        if doc[b].lower_ == "or" and prev is not None and prev.rf["direction"] and prev.end == b:
            return prev.rf["direction"]  # "down 14.2% or 1,280 crimes": the same change restated
        if doc[b].lower_ not in ("and", "or", ",") or last is None or not last.rf["direction"] \
                or f.start - last.end > 10 or last.q.sign:
            return None
        if any(doc[k].lower_ in c.change_words or doc[k].text in (";", ":") for k in range(last.end, b)):
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
        for phrase, qual, parts in QUALIFIER_WORDS:
            if len(parts) > len(words) or words[: len(parts)] != parts:
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
        for _, qual, parts in QUALIFIER_WORDS:
            if len(parts) <= len(words) and words[: len(parts)] == parts:
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
        opener = self._prev_index(doc, f.start, sent.start)  # the word right before the number
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
            if noun is None and f.q.unit in ("percent", "gbp") and opener is not None \
                    and doc[opener].lower_ in NOUN_PHRASE_OPENERS:
                noun = self._change_noun_after(doc, nxt, sent, nouns=2)
            if noun is not None:  # (a rank is a position: "the second best year-on-year improvement")
                return noun, None
            if f.q.unit == "count":  # "21,000 FTE officers cut in 2010", "500 jobs lost"
                k = nxt
                while k < min(sent.end, nxt + 3) and doc[k].is_alpha and doc[k].lower_ not in c.stop \
                        and doc[k].lower_ not in c.participles_after:
                    k += 1
                if k > nxt and k < sent.end and doc[k].lower_ in c.participles_after:
                    return c.participles_after[doc[k].lower_], None
                aux = k
                while aux < min(sent.end, k + 3) and doc[aux].lower_ in AUXILIARIES:
                    aux += 1
                if aux > k and aux < sent.end and doc[aux].lower_ in c.participles_passive:
                    return c.participles_after[doc[aux].lower_], None  # "45 would be lost"
        if opener is not None and doc[opener].lower_ == "another" and f.q.unit == "count":
            return "increase", opener  # "another 50 will be recruited", "another two drone Constables"
        if before is None or before < 0:
            return None, None
        pw = doc[before].lower_
        if pw == "to" and before - 1 > sent.start and doc[before - 1].lower_ in ("equal", "equivalent"):
            by = next((k for k in range(before - 2, max(sent.start, before - 6) - 1, -1)
                       if doc[k].lower_ == "by"), None)
            if by is not None:  # "increase the precept by a figure equal to £10"
                pw, before = "by", by
        if pw == "of" and before - 3 >= sent.start and doc[before - 1].lower_ in ("average", "total") \
                and doc[before - 2].lower_ in ("a", "an") and doc[before - 3].lower_ == "by":
            pw, before = "by", before - 3  # "rose by an average of 12.9 per cent"
        if pw == "by":
            return self._search_back(doc, before, sent, 12, c.change_verbs)
        if pw == "of":
            if before > sent.start and doc[before - 1].lower_ in LEVEL_NOUNS:
                return None, None  # "will drop back to the normal level of 360": the level reached
            return self._search_back(doc, before, sent, 6, c.change_nouns)
        if pw in RAISE and f.q.unit == "gbp":
            return None, None  # "each £1 of the precept will raise £623,000": money brought in, a level
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
        if pw in (",", "(") and before > sent.start and doc[before - 1].lower_ in c.change_nouns \
                and nxt is not None and doc[nxt].text in (",", ")"):
            w = doc[before - 1].lower_  # "the increase, about £55,000,": the change named in apposition
            if w in c.after_inc or w in c.verb_inc:
                return "increase", before - 1
            if w in c.after_dec or w in c.verb_dec:
                return "decrease", before - 1
        if f.q.unit in ("percent", "percentage_points") and pw == "(":
            return self._search_back(doc, before, sent, 14, c.nouns_and_verbs, True)
        if f.q.unit in ("percent", "percentage_points"):
            return self._search_back(doc, before + 1, sent, 3, c.change_verbs, True, stop_at_comma=True)
        return None, None

    def _change_noun_after(self, doc: Doc, i: int, sent: Span, nouns: int = 0) -> str | None:
        """'an 11.2% overall reduction', 'a 5% year-on-year increase': a change noun after at most
        two modifier words (a hyphenated 'year-on-year' counts as one). With nouns=2, any two words
        that are no cue or stop word may stand there too: 'the suggested 7.95 per cent precept
        increase', 'a £10 per household increase' (the caller checks the noun phrase opens before)."""
        c, skipped, j = self.cues, 0, i
        while j < min(sent.end, i + 8) and (doc[j].lower_ in c.change_modifiers or (
                nouns and doc[j].is_alpha and doc[j].lower_ not in c.stop and doc[j].lower_ not in c.change_nouns
                and doc[j].lower_ not in c.verb_inc and doc[j].lower_ not in c.verb_dec)):
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
            if t.text == ")":  # "increase the precept (the policing element of your council tax bill) by 2%"
                opening = next((k for k in range(j - 1, max(sent.start, j - 20) - 1, -1) if doc[k].text == "("), None)
                if opening is not None:
                    j = opening - 1
                    continue
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
