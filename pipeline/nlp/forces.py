"""Police force names: the canonical name of every UK force and the ways texts write it.

The list lives in pipeline/data/forces.json (data, not code). `ForceFinder` matches aliases on a
spaCy Doc with PhraseMatchers: aliases case-insensitively, abbreviations ("GMP", "the Met")
case-sensitively so that the verb "met" is never the Metropolitan Police. Weak names (a county
alone: "Essex") are returned separately: they say where a text is, not who acted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Force:
    name: str
    place: str
    kind: str
    aliases: tuple[str, ...]  # matched ignoring case
    abbreviations: tuple[str, ...]  # matched as written
    weak: tuple[str, ...]  # a place name alone: evidence for a document's force only
    places: tuple[str, ...] = ()  # the force's area names: a force only in a list of forces


@cache
def load_forces(path: str | None = None) -> tuple[Force, ...]:
    data = json.loads(Path(path or DATA / "forces.json").read_text(encoding="utf-8"))
    templates = data.get("alias_templates", [])
    forces = []
    for f in data["forces"]:
        aliases = [f["name"], *f.get("aliases", [])]
        if not f.get("no_templates"):
            for place in [f["place"], *f.get("other_places", [])]:
                aliases += [t.format(place=place) for t in templates]
        forces.append(
            Force(
                name=f["name"],
                place=f["place"],
                kind=f.get("kind", "territorial"),
                aliases=tuple(dict.fromkeys(aliases)),
                abbreviations=tuple(f.get("abbreviations", [])),
                weak=tuple(f.get("weak", [])),
                places=(f["place"], *f.get("other_places", [])),
            )
        )
    return tuple(forces)


@cache
def alias_index() -> dict[str, str]:
    """lower-cased alias (and abbreviation as written) -> canonical name."""
    index: dict[str, str] = {}
    for f in load_forces():
        for a in f.aliases:
            index.setdefault(a.lower(), f.name)
        for a in f.abbreviations:
            index.setdefault(a, f.name)
    return index


def canonical(name: str | None) -> str | None:
    """The canonical force name for any alias ('GMP', 'Essex PFCC'), or None if unknown."""
    if not name:
        return None
    index = alias_index()
    return index.get(name) or index.get(name.lower()) or index.get(name.strip().lower())


class ForceFinder:
    """Finds force mentions in a Doc: strong mentions (an alias) and weak ones (a place)."""

    def __init__(self, make_doc: Callable[[str], Doc], forces: tuple[Force, ...] | None = None):
        forces = forces or load_forces()
        vocab = make_doc("").vocab
        self.names: dict[str, str] = {}
        self.strong = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.weak = PhraseMatcher(vocab, attr="ORTH")  # a place is capitalised: "Kent", not "kent"
        self.listed = PhraseMatcher(vocab, attr="ORTH")  # "Durham" names a force in a list of forces
        tokenizer = make_doc  # phrases tokenised exactly as documents are
        for i, f in enumerate(forces):
            key = f"force{i}"
            self.names[key] = f.name
            self.strong.add(key, [tokenizer(a) for a in f.aliases])
            if f.abbreviations:
                self.exact.add(key, [tokenizer(a) for a in f.abbreviations])
            if f.weak:
                self.weak.add(key, [tokenizer(a) for a in f.weak])
            if f.places:
                self.listed.add(key, [tokenizer(a) for a in f.places])

    def mentions(self, doc: Doc | Span) -> list[Span]:
        """Strong mentions, longest first where they overlap; span.label_ is the canonical name."""
        found = self._spans(doc, self.strong) + self._spans(doc, self.exact)
        return sorted(filter_spans(found), key=lambda s: s.start)

    def in_list(self, doc: Doc | Span) -> list[Span]:
        """Forces named in a list of forces ('Durham', 'Avon & Somerset, Cambridgeshire ... and
        Wiltshire'), where a bare area name means its force."""
        found = self._spans(doc, self.strong) + self._spans(doc, self.exact) + self._spans(doc, self.listed)
        return sorted(filter_spans(found), key=lambda s: s.start)

    def places(self, doc: Doc | Span) -> list[Span]:
        return sorted(filter_spans(self._spans(doc, self.weak)), key=lambda s: s.start)

    def _spans(self, doc: Doc | Span, matcher: PhraseMatcher) -> list[Span]:
        base = doc.doc if isinstance(doc, Span) else doc
        offset = doc.start if isinstance(doc, Span) else 0
        target = doc.as_doc() if isinstance(doc, Span) else doc
        return [
            Span(base, s + offset, e + offset, label=self.names[base.vocab.strings[m]])
            for m, s, e in matcher(target)
        ]
