"""A run over a folder: discover, plan (skip the unchanged), process in batches, write, summarise.

Everything the Prefect flow does is here as plain functions; flows/extract.py only wraps them.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.process import Result, error, process_path
from pipeline.store.dataset import DOCUMENT_TABLES, Store
from pipeline.version import pipeline_version
from schemas.enums import Stage

COUNT_KEYS = ("seen", "processed", "skipped", "duplicates", "failed", "errors")


def discover(raw: str | Path) -> list[Path]:
    """Every file below `raw` (hidden files and folders left out), in a stable order."""
    root = Path(raw)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"no such folder: {root}")
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if not f.startswith(".")]
    return found


def sha256_file(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None  # unreadable: let the run record why
    return digest.hexdigest()


def plan(raw: str | Path, out: str | Path, batch_size: int = 50) -> dict:
    """Batches of paths to process; unchanged documents (same bytes, same pipeline) left out.

    A file with the same bytes as another input is not processed twice: it gets an errors row
    ("duplicate", naming the file it repeats), so every input still shows up somewhere.
    """
    store = Store(out)
    known = store.known()
    version = pipeline_version()
    paths = discover(raw)
    present = {str(p) for p in paths}
    # a document already stored under another input path that is still there owns its bytes
    owner = {doc_id: path for path, (doc_id, _) in known.items() if doc_id and path in present}
    todo, skipped, duplicates = [], 0, []
    for path in map(str, paths):
        digest = sha256_file(Path(path))
        first = owner.setdefault(digest, path) if digest else path
        if first != path:
            duplicates.append(error(path, Stage.discover, "duplicate", digest,
                                    message=f"same bytes as {first}; extracted once, under that path"))
        elif digest and known.get(path) == (digest, version):
            skipped += 1
        else:
            todo.append(path)
    for dup in duplicates:
        store.write_errors(dup.path, [dup])
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    return {"seen": len(paths), "skipped": skipped, "duplicates": len(duplicates), "batches": batches}


def process_batch(paths: list[str], out: str | Path) -> dict:
    """Process and write one batch; returns its counts. One spaCy pipeline serves the whole batch."""
    store = Store(out)
    known = store.known()
    counts: Counter = Counter()
    for path in paths:
        counts.update(write_result(store, process_path(path), known.get(path)))
    return dict(counts)


def write_result(store: Store, result: Result, before: tuple[str | None, str] | None) -> Counter:
    counts: Counter = Counter(errors=len(result.errors))
    previous = before[0] if before else None
    if result.failed:
        counts["failed"] += 1
        if previous:  # the file changed into something unreadable: its old rows go
            store.retire_document(previous)
    else:
        rows = store.write_document(result.source_type, result.doc_id, result.tables, previous)
        counts["processed"] += 1
        counts.update({f"rows_{t}": n for t, n in rows.items()})
    store.write_errors(result.path, result.errors)
    return counts


def finish(out: str | Path) -> int:
    """Rebuild the cross-document operations register from what is stored."""
    from pipeline.store.register import build_register

    store = Store(out)
    return store.write_register(build_register(store.read("operations"), store.read("documents")))


def merge_counts(parts: Iterable[dict]) -> dict:
    total: Counter = Counter()
    for part in parts:
        total.update({k: v for k, v in part.items() if isinstance(v, int)})
    return {k: total.get(k, 0) for k in (*COUNT_KEYS, *sorted(set(total) - set(COUNT_KEYS)))}


def summary(out: str | Path, planned: dict, counts: list[dict]) -> dict:
    planned_counts = {k: planned[k] for k in ("seen", "skipped", "duplicates")}
    merged = merge_counts([planned_counts, *counts])
    merged["register_rows"] = finish(out)
    store = Store(out)
    for table in (*DOCUMENT_TABLES, "errors"):
        merged[f"total_{table}"] = store.read(table, ["doc_id"]).num_rows
    return merged


def extract(
    raw: str | Path = "raw",
    out: str | Path = "extracted",
    batch_size: int = 50,
    on_batch: Callable[[int, int], None] | None = None,
) -> dict:
    """The whole run with the plain library (no Prefect): what `python -m pipeline extract` does."""
    planned = plan(raw, out, batch_size)
    counts = []
    for i, batch in enumerate(planned["batches"], 1):
        counts.append(process_batch(batch, out))
        if on_batch:
            on_batch(i, len(batch))
    return summary(out, planned, counts)
