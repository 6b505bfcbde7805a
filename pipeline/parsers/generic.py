"""The fallback parser: any document, source_type 'other', the shared rule extractors."""
from __future__ import annotations

from typing import ClassVar

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.nlp.extract import Extraction, run_nlp
from pipeline.parsers.base import DocumentInfo


class GenericParser:
    name: ClassVar[str] = "generic"
    version: ClassVar[str] = "1"
    source_type: ClassVar[str] = "other"

    @classmethod
    def score(cls, doc: Document) -> float:
        return 0.05  # anything fits, and anything more specific should win

    def describe(self, doc: Document) -> DocumentInfo:
        return DocumentInfo(source_type=self.source_type, title=doc.title, published=doc.published)

    def extract(self, doc: Document, nlp: Language) -> Extraction:
        out = run_nlp(doc, nlp)
        info = self.describe(doc)
        for record in out.records:  # a grade names its force only when the sentence does
            if hasattr(record, "force") and record.force is None:
                record.force = info.force
        return out
