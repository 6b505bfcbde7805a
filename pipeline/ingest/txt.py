"""Plain text: UTF-8, else UTF-16 with a BOM, else the encoding charset-normalizer detects."""
from __future__ import annotations

from hashlib import sha256

from charset_normalizer import from_bytes

from pipeline.ingest.document import Document
from pipeline.ingest.errors import CorruptFile


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding used) with newlines normalised to \\n."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8"), "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = raw.decode("utf-16"), "utf-16"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            if best is None:
                raise CorruptFile("bytes decode as no known text encoding") from None
            text, encoding = str(best), best.encoding
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_text(raw: bytes, path: str) -> Document:
    text, encoding = decode(raw)
    notes = () if encoding in ("utf-8", "utf-8-sig") else (f"decoded as {encoding}",)
    return Document(
        doc_id=sha256(raw).hexdigest(),
        path=path,
        media_type="text/plain",
        text=text,
        page_starts=(0,),
        notes=notes,
        encoding=encoding,
    )
