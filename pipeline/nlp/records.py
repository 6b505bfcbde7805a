"""Turn the spans the components found into validated records with provenance.

Every record gets doc_id, page, char_start/char_end (into Document.text), the sentence, the
span's text, its PDF box when the document has character boxes, and the component that made it.
A record that fails validation is returned as a Rejected, never dropped.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.ingest.document import Document
from pipeline.nlp.pipeline import COMPONENTS
from schemas.records import Figure, Grade, Operation

MODEL_FOR_KEY = {"figures": Figure, "grades": Grade, "operations": Operation}
MAX_SENTENCE = 1000  # a runaway "sentence" (a table dump) is clipped around the span


@dataclass
class Rejected:
    """A record that failed validation: kept for the errors table."""

    table: str
    error: str
    message: str
    record: str


def component_versions(nlp: Language) -> dict[str, str]:
    return {name: str(getattr(nlp.get_pipe(name), "version", "1")) for name in COMPONENTS}


class Sentences:
    """Sentence bounds of a spaCy Doc, computed once, so each record's sentence is a bisect
    and a slice (span.sent walks its whole sentence: quadratic on a table-sized one)."""

    def __init__(self, sdoc: Doc, text: str | None = None):
        # `text`: the document's own characters where sdoc's were altered (masked table digits)
        self.text = sdoc.text if text is None else text
        bounds = [(s.start_char, s.end_char) for s in sdoc.sents] or [(0, len(self.text))]
        self.starts = [a for a, _ in bounds]
        self.ends = [b for _, b in bounds]

    def around(self, start: int, end: int) -> str:
        i = max(bisect_right(self.starts, start) - 1, 0)
        lo, hi = self.starts[i], max(self.ends[i], end)
        if hi - lo > MAX_SENTENCE:  # a runaway "sentence" (a table dump) is clipped around the span
            lo = max(lo, start - MAX_SENTENCE // 2)
            hi = min(hi, end + MAX_SENTENCE // 2)
        return self.text[lo:hi].strip()


def provenance(doc: Document, start: int, end: int, sentence: str) -> dict:
    box = doc.bbox(start, end)
    x0, top, x1, bottom = box if box else (None, None, None, None)
    return {
        "doc_id": doc.doc_id,
        "page": doc.page_of(start),
        "char_start": start,
        "char_end": end,
        "sentence": sentence,
        "text": doc.text[start:end],
        "x0": x0,
        "top": top,
        "x1": x1,
        "bottom": bottom,
    }


def build_record(model, fields: dict, doc: Document) -> tuple[object | None, Rejected | None]:
    """Validate one record; a failure comes back as a Rejected with the reason."""
    try:
        return model(**fields), None
    except (ValidationError, TypeError, ValueError) as exc:
        table = next(k for k, m in MODEL_FOR_KEY.items() if m is model)
        detail = exc.errors(include_url=False) if isinstance(exc, ValidationError) else str(exc)
        return None, Rejected(table, type(exc).__name__, str(detail)[:2000], json.dumps(fields, default=str))


def records_from_doc(
    sdoc: Doc, doc: Document, versions: dict[str, str], offset: int = 0
) -> tuple[list, list[Rejected]]:
    """Records for every span the components left on `sdoc`.

    `offset` is where sdoc's text starts in doc.text (documents longer than the pipeline's
    max_length are processed in windows).
    """
    records, rejected = [], []
    sentences = Sentences(sdoc, doc.text[offset : offset + len(sdoc.text)])
    for component, key in COMPONENTS.items():
        model = MODEL_FOR_KEY[key]
        for span in sdoc.spans.get(key, []):
            data = dict(span._.rf or {})
            start = data.pop("char_start", span.start_char) + offset
            end = data.pop("char_end", span.end_char) + offset
            fields = provenance(doc, start, end, sentences.around(span.start_char, span.end_char))
            fields.update(extractor=component, extractor_version=versions.get(component, "1"))
            fields.update(data)
            record, bad = build_record(model, fields, doc)
            records.append(record) if record else rejected.append(bad)
    return records, rejected
