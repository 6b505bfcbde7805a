"""What every document-kind parser is: a name, a version, a score and an extraction."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Protocol, runtime_checkable

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.nlp.extract import Extraction

@dataclass
class DocumentInfo:
    """What a parser understood about a document as a whole."""

    source_type: str
    force: str | None = None
    title: str | None = None
    published: date | None = None
    year: str | None = None  # inspection year or cycle when stated
    notes: list[str] = field(default_factory=list)


@runtime_checkable
class Parser(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]

    @classmethod
    def score(cls, doc: Document) -> float:
        """How well this parser fits the document, 0..1."""
        ...

    def describe(self, doc: Document) -> DocumentInfo: ...

    def extract(self, doc: Document, nlp: Language) -> "Extraction":
        """Records found in the document (validated), and those that failed validation."""
        ...
