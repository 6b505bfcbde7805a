"""Run the spaCy pipeline once over a Document and collect validated records."""
from __future__ import annotations

from dataclasses import dataclass, field

from bisect import bisect_right

from spacy.language import Language

from pipeline.ingest.document import Document
from pipeline.nlp import table_figures
from pipeline.nlp.records import Rejected, build_record, component_versions, provenance, records_from_doc
from schemas.records import Figure

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
    """Records from the spaCy pipeline, plus figures read from the document's tables (PDFs).

    A prose figure inside a table cell that the table reader owns gives way to the table's
    figure, so a value is not counted twice.
    """
    versions = component_versions(nlp)
    out = Extraction()
    spans = windows(doc)
    owned = table_figures.owned_regions(doc) if doc.tables else []
    text = _mask_digits(doc.text, owned) if owned else doc.text
    texts = (text[a:b] for a, b in spans)
    for (start, _), sdoc in zip(spans, nlp.pipe(texts, batch_size=8)):
        records, rejected = records_from_doc(sdoc, doc, versions, offset=start)
        out.records.extend(records)
        out.rejected.extend(rejected)
    if doc.tables:
        _merge_table_figures(doc, out, owned)
    return out


def _mask_digits(text: str, regions: list[tuple[int, int]]) -> str:
    """The text with the digits of table cells read by table_figures turned into "x".

    Their figures come from the table reader, so the sentence extractors need not find (and
    then drop) them: on a table-heavy PDF that is most of the NLP time. Offsets are unchanged,
    and words in cells (operation names) are still seen.
    """
    chars = list(text)
    for a, b in regions:
        for i in range(a, b):
            if chars[i].isdigit():
                chars[i] = "x"
    return "".join(chars)


def _merge_table_figures(doc: Document, out: Extraction, owned: list[tuple[int, int]]) -> None:
    starts = [a for a, _ in owned]

    def in_owned_cell(record) -> bool:
        i = bisect_right(starts, record.char_start) - 1
        return i >= 0 and record.char_end <= owned[i][1]

    out.records = [r for r in out.records if not (isinstance(r, Figure) and in_owned_cell(r))]
    for fields in table_figures.table_figures(doc):
        start, end = fields.pop("char_start"), fields.pop("char_end")
        data = provenance(doc, start, end, fields.pop("sentence"))
        data.update(extractor=table_figures.NAME, extractor_version=table_figures.VERSION)
        data.update(fields)
        record, bad = build_record(Figure, data, doc)
        out.records.append(record) if record else out.rejected.append(bad)
