"""The fallback parser, and the base every document-kind parser shares.

GenericParser takes any document (source_type 'other', score 0.05). CueParser subclasses score a
document from the cue phrases of pipeline/data/doctype_cues.json for their source_type; all of
them describe a document with pipeline.parsers.understand and extract with the shared spaCy
components, then complete grade records from the document: the force when the sentence names
none, the inspectorate, the inspection year and, from the year, the grading scale.
"""
from __future__ import annotations

from typing import ClassVar

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.nlp.extract import Extraction, run_nlp
from pipeline.parsers import understand
from pipeline.parsers.base import DocumentInfo
from schemas.records import Grade


class GenericParser:
    name: ClassVar[str] = "generic"
    version: ClassVar[str] = "2"
    source_type: ClassVar[str] = "other"

    @classmethod
    def score(cls, doc: Document) -> float:
        return 0.05  # anything fits, and anything more specific should win

    def describe(self, doc: Document) -> DocumentInfo:
        # the caller describes, then extracts (which describes again): once per document is enough
        cached = getattr(self, "_described", None)
        if cached is None or cached[0] != doc.doc_id:
            self._described = (doc.doc_id, understand.understand(doc, self.source_type))
        return self._described[1]

    def extract(self, doc: Document, nlp: Language) -> Extraction:
        out = run_nlp(doc, nlp)
        complete_grades(out.records, self.describe(doc), doc)
        return out


class CueParser(GenericParser):
    """A parser for one source_type, scored by that type's cue phrases."""

    @classmethod
    def score(cls, doc: Document) -> float:
        return understand.score(doc, cls.source_type)


def complete_grades(records: list, info: DocumentInfo, doc: Document) -> None:
    """Fill what a grade sentence leaves to its document: force, inspectorate, year, scale."""
    grades = [r for r in records if isinstance(r, Grade)]
    if not grades:
        return
    inspectorate = understand.detect_inspectorate(doc, info.year)
    # only the five-point scale has 'adequate', even when the text gives it to unnamed areas
    five = any(g.grade == "adequate" for g in grades) or understand.mentions_adequate_grade(doc.text)
    year = info.year or (str(info.published.year - 1) if info.published else None)  # reports follow their year
    scale = "five_point" if five else understand.scale_for_year(year)
    known = {g.scale for g in grades if g.scale}
    if scale is None and len(known) == 1:  # an area worded only in one cycle dates the others
        scale = known.pop()
    for g in grades:
        g.force = g.force or info.force
        g.inspectorate = g.inspectorate or inspectorate
        g.year = g.year or info.year
        if g.scale is None and scale and not (scale == "four_point" and g.grade == "adequate"):
            g.scale = scale
