"""The operations register: one row per normalised operation name across all documents.

It answers "which documents name Operation RAPTOR, which forces, since when": the operations
table has one row per mention; the register folds them by name, with the kind most mentions give
(ties to the first seen), the published dates of the documents that name it (first_seen,
last_seen), and the spellings seen. Plain pyarrow in, validated models out; the store writes them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime

import pyarrow as pa

from schemas.records import OperationRegisterRow


def build_register(operations: pa.Table, documents: pa.Table) -> list[OperationRegisterRow]:
    """Fold operation mentions (columns doc_id, name, kind, mention) by name.

    `documents` supplies published and force per doc_id (either may be missing or null).
    Rows come out sorted by name, so the same inputs always give the same register.
    """
    docs = _documents(documents)
    mentions_by_name: dict[str, list[dict]] = defaultdict(list)
    for row in operations.select(_present(operations, ["doc_id", "name", "kind", "mention"])).to_pylist():
        if row.get("name"):
            mentions_by_name[row["name"]].append(row)
    out = []
    for name in sorted(mentions_by_name):
        rows = mentions_by_name[name]
        doc_ids = sorted({r["doc_id"] for r in rows})
        kinds = Counter(r.get("kind") or "other" for r in rows)
        first_kind = rows[0].get("kind") or "other"
        kind = max(kinds, key=lambda k: (kinds[k], k == first_kind))
        dates = sorted(d for d in (docs.get(i, {}).get("published") for i in doc_ids) if d is not None)
        forces = sorted({f for f in (docs.get(i, {}).get("force") for i in doc_ids) if f})
        spellings = list(dict.fromkeys(r["mention"] for r in rows if r.get("mention")))
        out.append(
            OperationRegisterRow(
                name=name,
                kind=kind,
                first_seen=dates[0] if dates else None,
                last_seen=dates[-1] if dates else None,
                n_documents=len(doc_ids),
                doc_ids=doc_ids,
                forces=forces,
                mentions=spellings,
            )
        )
    return out


def _documents(documents: pa.Table | None) -> dict[str, dict]:
    if documents is None or documents.num_rows == 0 or "doc_id" not in documents.column_names:
        return {}
    cols = _present(documents, ["doc_id", "published", "force"])
    return {r["doc_id"]: {**r, "published": _as_date(r.get("published"))} for r in documents.select(cols).to_pylist()}


def _present(table: pa.Table, names: list[str]) -> list[str]:
    return [n for n in names if n in table.column_names]


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
