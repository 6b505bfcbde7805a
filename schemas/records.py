"""Every record reportfacts writes, validated in one place (the Scrapy 'item' idea).

Field names and enumerations follow shared/DESIGN.md (data contract) and shared/gold/GUIDELINE.md.
The Arrow schemas in `schemas.arrow` are derived from these models, never written by hand.
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.enums import (
    Direction,
    GradeScale,
    GradeValue,
    Measure,
    OperationKind,
    Qualifier,
    SourceType,
    Stage,
    Unit,
)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, frozen=False)


class Located(Record):
    """Provenance every extracted record carries: where it is and what produced it."""

    doc_id: str = Field(description="sha256 of the source document's bytes")
    page: int = Field(ge=1, description="1-based page the span starts on")
    char_start: int = Field(ge=0, description="offset into the document's extracted text")
    char_end: int = Field(ge=0)
    sentence: str = Field(description="the sentence (or table row) the span sits in")
    text: str = Field(description="the span's own characters, text[char_start:char_end]")
    x0: float | None = Field(None, description="PDF only: span box, PDF points, pdfplumber's convention")
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    extractor: str = Field(description="component or parser that produced the record")
    extractor_version: str
    rule: str | None = Field(None, description="id of the pattern or rule that fired")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> "Located":
        if self.char_end <= self.char_start:
            raise ValueError(f"empty or reversed span {self.char_start}:{self.char_end}")
        return self


class Figure(Located):
    value: float = Field(ge=0, description="sign-free; direction carries the sign")
    unit: Unit
    measure: Measure
    direction: Direction | None = None
    qualifier: Qualifier | None = None
    metric: str | None = None
    area: str | None = None
    period: str | None = None
    operation: str | None = Field(None, description="normalised name of the operation the sentence names")
    range_id: str | None = Field(None, description="shared by the two ends of a stated range")
    origin: str = Field("text", description="'text' (prose) or 'table' (a table cell)")

    @model_validator(mode="after")
    def _direction_matches_measure(self) -> "Figure":
        if self.measure == Measure.level.value and self.direction is not None:
            raise ValueError("a level has no direction")
        if self.measure == Measure.change.value and self.direction is None:
            raise ValueError("a change needs a direction")
        return self


class Grade(Located):
    force: str | None = None
    inspectorate: str | None = Field(None, description="HMIC or HMICFRS when known")
    area: str = Field(description="the pillar, question or area graded, in the document's words")
    area_code: str | None = Field(None, description="harmonised code from the PEEL crosswalk")
    grade: GradeValue
    scale: GradeScale | None = None
    year: str | None = Field(None, description="inspection year or cycle, e.g. '2017' or '2021/22'")

    @model_validator(mode="after")
    def _adequate_only_on_five_point(self) -> "Grade":
        if self.grade == GradeValue.adequate.value and self.scale == GradeScale.four_point.value:
            raise ValueError("'adequate' exists only on the five-point scale")
        return self


class Operation(Located):
    name: str = Field(min_length=1, description="upper case, prefix (Operation/Op/Project) dropped")
    kind: OperationKind
    mention: str = Field(description="the words as written, e.g. 'Op. RAPTOR'")
    area: str | None = None


class DocumentRecord(Record):
    doc_id: str
    path: str
    media_type: str
    source_type: SourceType
    title: str | None = None
    force: str | None = None
    published: date | None = None
    year: str | None = Field(None, description="inspection year or cycle when stated")
    n_pages: int = Field(ge=0)
    n_chars: int = Field(ge=0)
    encoding: str | None = None
    notes: list[str] = Field(default_factory=list, description="what the reader noticed")
    parser: str
    parser_version: str
    pipeline_version: str
    extracted_at: datetime


class PageRecord(Record):
    doc_id: str
    page: int = Field(ge=1)
    char_start: int = Field(ge=0)
    text: str
    width: float | None = None
    height: float | None = None


class OperationRegisterRow(Record):
    name: str
    kind: OperationKind
    first_seen: date | None = Field(None, description="earliest published date of a document naming it")
    last_seen: date | None = None
    n_documents: int = Field(ge=1)
    doc_ids: list[str]
    forces: list[str]
    mentions: list[str] = Field(default_factory=list, description="spellings seen")


class ErrorRecord(Record):
    path: str
    doc_id: str | None = None
    stage: Stage
    error: str = Field(description="exception type or error code")
    message: str
    at: datetime
    pipeline_version: str
    record: str | None = Field(None, description="the failing record as JSON, for validation errors")


# table name -> model; the store writes one dataset per entry
MODELS: dict[str, type[Record]] = {
    "documents": DocumentRecord,
    "pages": PageRecord,
    "figures": Figure,
    "grades": Grade,
    "operations": Operation,
    "operations_register": OperationRegisterRow,
    "errors": ErrorRecord,
}
