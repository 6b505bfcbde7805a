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
            text, encoding = _detect(raw)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


# UK public-sector text that is not UTF-8 is nearly always Windows-1252 (curly quotes, en dashes,
# £). charset-normalizer ranks DOS code pages (cp775, cp850) level with it on English prose, so
# among its equally clean candidates these win.
PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def _detect(raw: bytes) -> tuple[str, str]:
    matches = list(from_bytes(raw))
    if not matches:
        raise CorruptFile("bytes decode as no known text encoding")
    least_chaos = min(m.chaos for m in matches)
    for preferred in PREFERRED:
        for match in matches:
            if match.chaos <= least_chaos + 0.01 and preferred in match.could_be_from_charset:
                return raw.decode(preferred), preferred
    return str(matches[0]), matches[0].encoding


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
