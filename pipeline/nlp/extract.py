"""Run the spaCy pipeline once over a Document and collect validated records."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.nlp.records import Rejected, component_versions, records_from_doc

WINDOW = 500_000  # characters per spaCy Doc; long PDFs are cut at page breaks below this


@dataclass
class Extraction:
    records: list = field(default_factory=list)  # Figure | Grade | Operation
    rejected: list[Rejected] = field(default_factory=list)

    def extend(self, other: "Extraction") -> None:
        self.records.extend(other.records)
        self.rejected.extend(other.rejected)


def windows(doc: Document, size: int = WINDOW) -> list[tuple[int, int]]:
    """(start, end) pieces of doc.text no longer than `size`, cut at page starts where possible."""
    n = len(doc.text)
    if n <= size:
        return [(0, n)]
    cuts, start = [], 0
    while start < n:
        end = min(start + size, n)
        if end < n:
            inside = [s for s in doc.page_starts if start < s <= end]
            if inside:
                end = inside[-1]
        cuts.append((start, end))
        start = end
    return cuts


def run_nlp(doc: Document, nlp: Language) -> Extraction:
    versions = component_versions(nlp)
    out = Extraction()
    spans = windows(doc)
    texts = (doc.text[a:b] for a, b in spans)
    for (start, _), sdoc in zip(spans, nlp.pipe(texts, batch_size=8)):
        records, rejected = records_from_doc(sdoc, doc, versions, offset=start)
        out.records.extend(records)
        out.rejected.extend(rejected)
    return out
