"""One document through the library: read, classify, extract, validate. No writing, no Prefect."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.ingest.errors import ReadError
from pipeline.ingest.read import read
from pipeline.nlp.pipeline import build_nlp
from pipeline.parsers import registry
from pipeline.parsers.base import DocumentInfo
from pipeline.version import pipeline_version
from schemas.enums import Stage
from schemas.records import DocumentRecord, ErrorRecord, PageRecord


@dataclass
class Result:
    """What became of one input file."""

    path: str
    doc_id: str | None = None
    source_type: str | None = None
    tables: dict[str, list] = field(default_factory=dict)  # table -> records
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return "documents" not in self.tables


def _now() -> datetime:
    return datetime.now(timezone.utc)


def error(path: str, stage: Stage, exc: BaseException | str, doc_id: str | None = None, **kw) -> ErrorRecord:
    if isinstance(exc, ReadError):
        kind = exc.code
    else:
        kind = type(exc).__name__ if isinstance(exc, BaseException) else str(exc)
    message = str(exc) if isinstance(exc, BaseException) else kw.pop("message", "")
    return ErrorRecord(
        path=path, doc_id=doc_id, stage=stage, error=kind, message=message or kind,
        at=_now(), pipeline_version=pipeline_version(), **kw,
    )


def pages_of(doc: Document) -> list[PageRecord]:
    sizes = doc.page_sizes or ((None, None),) * doc.n_pages
    return [
        PageRecord(doc_id=doc.doc_id, page=i + 1, char_start=start, text=doc.page_text(i + 1),
                   width=sizes[i][0], height=sizes[i][1])
        for i, start in enumerate(doc.page_starts)
    ]


def document_record(doc: Document, info: DocumentInfo, parser, when: datetime) -> DocumentRecord:
    return DocumentRecord(
        doc_id=doc.doc_id, path=doc.path, media_type=doc.media_type, source_type=info.source_type,
        title=info.title or doc.title, force=info.force, published=info.published or doc.published,
        year=info.year, n_pages=doc.n_pages, n_chars=len(doc.text), encoding=doc.encoding,
        notes=[*doc.notes, *info.notes], parser=parser.name, parser_version=parser.version,
        pipeline_version=pipeline_version(), extracted_at=when,
    )


def process_document(doc: Document, nlp: Language | None = None) -> Result:
    """Classify and extract an already-read Document."""
    nlp = nlp or build_nlp()
    result = Result(path=doc.path, doc_id=doc.doc_id)
    stage = Stage.classify
    try:
        parser = registry.choose(doc)()
        info = parser.describe(doc)
        result.source_type = info.source_type
        stage = Stage.extract
        extraction = parser.extract(doc, nlp)
        stage = Stage.validate
        tables: dict[str, list] = {"figures": [], "grades": [], "operations": []}
        for record in extraction.records:
            tables[type(record).__name__.lower() + "s"].append(record)
        tables["pages"] = pages_of(doc)
        tables["documents"] = [document_record(doc, info, parser, _now())]
    except Exception as exc:  # one bad document must not stop the run: record it and go on
        result.errors.append(error(doc.path, stage, exc, doc.doc_id))
        return result
    result.tables = tables
    for bad in extraction.rejected:
        result.errors.append(error(doc.path, Stage.validate, bad.error, doc.doc_id,
                                   message=f"{bad.table}: {bad.message}", record=bad.record))
    return result


def process_path(path: str | Path, nlp: Language | None = None) -> Result:
    """Read and process one file; a file that cannot be read comes back with its error."""
    path = str(path)
    try:
        doc = read(Path(path))
    except (ReadError, OSError) as exc:
        return Result(path=path, errors=[error(path, Stage.read, exc, _sha256_or_none(path))])
    except Exception as exc:  # a reader bug on odd bytes: still a recorded failure, not a crash
        return Result(path=path, errors=[error(path, Stage.read, exc, _sha256_or_none(path))])
    return process_document(doc, nlp)


def _sha256_or_none(path: str) -> str | None:
    from hashlib import sha256

    try:
        return sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def stable(record) -> dict:
    """A record as JSON-able data without run-specific fields (for example files and diffs)."""
    data = json.loads(record.model_dump_json())
    for key in ("extracted_at", "at", "pipeline_version"):
        data.pop(key, None)
    return data
