"""The output root: one Parquet dataset per table, one file per document in each.

Layout (see README): <root>/<table>/source_type=<type>/<doc_id>.parquet for the per-document
tables, <root>/errors/<path key>.parquet, <root>/operations_register/register.parquet.
A document's files are written first and its old files (a changed document's previous doc_id,
or a partition it no longer belongs to) deleted after, so a crash leaves either the old rows or
the new ones, never a half-written file; the next run finishes any deletion left undone.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
from pydantic import BaseModel

from pipeline.ingest import errors as read_errors
from pipeline.store.atomic import write_parquet_atomic
from schemas.arrow import arrow_schema
from schemas.records import MODELS, ErrorRecord

PARTITION = "source_type"
DOCUMENT_TABLES = ("documents", "pages", "figures", "grades", "operations")
READ_ERROR_CODES = frozenset(
    cls.code for cls in vars(read_errors).values()
    if isinstance(cls, type) and issubclass(cls, read_errors.ReadError)
)


def file_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's files: the model's, less the partition column."""
    schema = arrow_schema(MODELS[table])
    if table in DOCUMENT_TABLES and PARTITION in schema.names:
        schema = schema.remove(schema.get_field_index(PARTITION))
    return schema


def to_table(table: str, records: Sequence[BaseModel]) -> pa.Table:
    schema = file_schema(table)
    rows = [r.model_dump(mode="python", exclude={PARTITION}) for r in records]
    return pa.Table.from_pylist(rows, schema=schema)


def path_key(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:32]


class Store:
    def __init__(self, root: str | Path):
        # absolute, so the files written and the files globbed compare equal whatever the cwd
        self.root = Path(root).resolve()

    def table_dir(self, table: str) -> Path:
        return self.root / table

    # ---- reading -------------------------------------------------------------------------
    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """The whole table (an empty one with the right schema if nothing is written yet)."""
        where = self.table_dir(table)
        files = sorted(where.rglob("*.parquet")) if where.exists() else []
        if not files:
            schema = arrow_schema(MODELS[table])
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        partitioning = "hive" if table in DOCUMENT_TABLES else None
        dataset = ds.dataset(where, format="parquet", partitioning=partitioning)
        return dataset.to_table(columns=columns)

    def known(self) -> dict[str, tuple[str | None, str]]:
        """path -> (doc_id, pipeline_version) for every path already recorded (done or failed)."""
        state: dict[str, tuple[str | None, str]] = {}
        # a file that could not be read stays skipped until its bytes change; any other failure
        # (a bug, an interrupted write) is retried on the next run
        for row in self.read("errors", ["path", "doc_id", "stage", "error", "pipeline_version"]).to_pylist():
            if row["stage"] == "read" and row["error"] in READ_ERROR_CODES and row["doc_id"]:
                state[row["path"]] = (row["doc_id"], row["pipeline_version"])
        for row in self.read("documents", ["path", "doc_id", "pipeline_version"]).to_pylist():
            state[row["path"]] = (row["doc_id"], row["pipeline_version"])
        return state

    # ---- writing -------------------------------------------------------------------------
    def write_document(
        self,
        source_type: str,
        doc_id: str,
        tables: dict[str, Sequence[BaseModel]],
        previous_doc_id: str | None = None,
    ) -> dict[str, int]:
        """Write one document's rows (every table, even with no rows) and retire its old files."""
        written: list[Path] = []
        for table in DOCUMENT_TABLES:
            if table == "documents":
                continue  # last: a document row means its other rows are in place
            written.append(self._write(table, source_type, doc_id, tables.get(table, ())))
        written.append(self._write("documents", source_type, doc_id, tables["documents"]))
        stale = {p.resolve() for p in self._files_of(doc_id)} - {p.resolve() for p in written}
        if previous_doc_id and previous_doc_id != doc_id:
            stale |= set(self._files_of(previous_doc_id))
        for path in stale:
            path.unlink(missing_ok=True)
        return {t: len(tables.get(t, ())) for t in DOCUMENT_TABLES}

    def retire_document(self, doc_id: str) -> None:
        for path in self._files_of(doc_id):
            path.unlink(missing_ok=True)

    def write_errors(self, path: str, errors: Sequence[ErrorRecord]) -> None:
        """The errors of one input path replace its previous ones.

        Written even when empty (zero rows, full schema), like every per-document file, so the
        table always exists and reads with its columns after a clean run.
        """
        dest = self.table_dir("errors") / f"{path_key(path)}.parquet"
        write_parquet_atomic(to_table("errors", errors), dest, self.root)

    def write_register(self, rows: Iterable[BaseModel]) -> int:
        rows = list(rows)
        dest = self.table_dir("operations_register") / "register.parquet"
        write_parquet_atomic(to_table("operations_register", rows), dest, self.root)
        return len(rows)

    def _write(self, table: str, source_type: str, doc_id: str, records: Sequence[BaseModel]) -> Path:
        dest = self.table_dir(table) / f"{PARTITION}={source_type}" / f"{doc_id}.parquet"
        return write_parquet_atomic(to_table(table, records), dest, self.root)

    def _files_of(self, doc_id: str) -> list[Path]:
        return [p for t in DOCUMENT_TABLES for p in self.table_dir(t).glob(f"*/{doc_id}.parquet")]
