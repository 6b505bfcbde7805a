"""HTML pages: the article text only, through trafilatura (navigation, banners, footers dropped)."""
from __future__ import annotations

from datetime import date
from hashlib import sha256

import trafilatura

from pipeline.ingest.document import Document
from pipeline.ingest.errors import NoText
from pipeline.ingest.txt import decode


def read_html(raw: bytes, path: str) -> Document:
    markup, encoding = decode(raw)
    # favor_precision: cookie banners and "related stories" cost more than a lost line
    found = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    text = (found.text if found else None) or ""
    if not text.strip():
        raise NoText("HTML page has no article text that trafilatura could find")
    return Document(
        doc_id=sha256(raw).hexdigest(),
        path=path,
        media_type="text/html",
        text=text,
        page_starts=(0,),
        encoding=encoding,
        title=found.title or None,
        published=_parse_date(found.date),
    )


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
