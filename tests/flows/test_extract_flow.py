"""A few real smoke tests of the Prefect flow; everything else is tested on plain functions."""
import shutil

import pandas as pd

from conftest import DATA, SEED_TEXT
from flows.extract import extract_flow, process_batch


def test_flow_processes_in_batches_then_skips_unchanged(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED_TEXT, raw)
    shutil.copy(DATA / "essex-hmicfrs-effectiveness-news.txt", raw)
    (raw / "empty.txt").write_bytes(b"")

    first = extract_flow(raw=str(raw), out=str(out), batch_size=1)
    assert (first["seen"], first["processed"], first["failed"]) == (3, 2, 1)
    assert pd.read_parquet(out / "figures").value.eq(9470).any()

    second = extract_flow(raw=str(raw), out=str(out), batch_size=1)
    assert (second["processed"], second["skipped"]) == (0, 3)
    assert second["total_figures"] == first["total_figures"]


def test_task_body_is_the_library_call(tmp_path):
    counts = process_batch.fn([str(SEED_TEXT)], str(tmp_path / "out"))
    assert counts["processed"] == 1 and counts["rows_figures"] >= 3
