"""A run over a folder: the contract's tables, traceable spans, idempotent and incremental."""
import shutil

import duckdb
import pandas as pd
import pytest

from conftest import DATA, SEED_HTML, SEED_TEXT
from pipeline import run
from pipeline.store.dataset import Store

CONTRACT = {
    "documents": {"doc_id", "path", "source_type", "title", "force", "published", "n_pages", "n_chars",
                  "parser", "pipeline_version", "extracted_at"},
    "pages": {"doc_id", "page", "char_start", "text"},
    "figures": {"doc_id", "page", "char_start", "char_end", "sentence", "value", "unit", "measure",
                "direction", "qualifier", "metric", "area", "period", "operation"},
    "grades": {"doc_id", "page", "char_start", "char_end", "sentence", "force", "inspectorate", "area",
               "area_code", "grade", "scale", "year"},
    "operations": {"doc_id", "page", "char_start", "char_end", "sentence", "name", "kind", "mention", "area"},
    "operations_register": {"name", "kind", "first_seen", "last_seen", "n_documents", "doc_ids", "forces"},
    "errors": {"path", "doc_id", "stage", "error", "message", "at"},
}


@pytest.fixture()
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for src in (SEED_TEXT, SEED_HTML, DATA / "essex-hmicfrs-effectiveness-news.txt"):
        shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture()
def out(tmp_path):
    return tmp_path / "extracted"


def test_run_writes_every_table_of_the_contract(raw, out):
    summary = run.extract(raw, out)
    assert summary["seen"] == 3 and summary["processed"] == 3 and summary["failed"] == 0
    for table, columns in CONTRACT.items():
        frame = pd.read_parquet(out / table)
        assert columns <= set(frame.columns), (table, columns - set(frame.columns))
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs["path"].map(lambda p: p.rsplit("/", 1)[-1])) == sorted(p.name for p in raw.iterdir())


def test_duckdb_reads_the_datasets_with_hive_partitions(raw, out):
    run.extract(raw, out)
    rows = duckdb.sql(
        f"select unit, count(*) from read_parquet('{out}/figures/**/*.parquet', hive_partitioning = true) "
        "where value = 9470 group by unit"
    ).fetchall()
    assert rows == [("count", 1)]
    types = duckdb.sql(
        f"select distinct source_type from read_parquet('{out}/documents/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert len(types) >= 1


def test_every_figure_span_resolves_through_pages_to_its_number(raw, out):
    run.extract(raw, out)
    figures = pd.read_parquet(out / "figures")
    pages = pd.read_parquet(out / "pages").set_index(["doc_id", "page"])
    assert len(figures) > 10
    for f in figures.itertuples():
        page = pages.loc[(f.doc_id, f.page)]
        local = f.char_start - page.char_start
        covered = page.text[local : local + (f.char_end - f.char_start)]
        assert covered == f.text
        assert any(ch.isdigit() for ch in covered) or covered.isalpha(), covered  # digits or a number word
        assert covered.strip() and covered in f.sentence


def test_seed_figures_are_found_with_their_types(raw, out):
    run.extract(raw, out)
    figures = pd.read_parquet(out / "figures")
    seed = figures[figures["sentence"].str.contains("9,470 fewer crimes|37.6%|77% of the public", regex=True)]
    found = {(r.value, r.unit, r.measure, r.direction if isinstance(r.direction, str) else None)
             for r in seed.itertuples()}
    assert (9470.0, "count", "change", "decrease") in found
    assert (37.6, "percent", "change", "decrease") in found
    assert (77.0, "percent", "level", None) in found


def test_second_run_adds_no_rows(raw, out):
    first = run.extract(raw, out)
    second = run.extract(raw, out)
    assert second["skipped"] == 3 and second["processed"] == 0
    for table in ("documents", "pages", "figures", "grades", "operations", "errors"):
        assert second[f"total_{table}"] == first[f"total_{table}"], table


def test_a_changed_file_replaces_only_its_own_rows(raw, out):
    run.extract(raw, out)
    store = Store(out)
    before = store.read("documents").to_pandas().set_index("path")
    other = before.drop(index=str(raw / SEED_TEXT.name))
    other_files = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet") if other.doc_id.str.cat().find(p.stem) >= 0}

    edited = raw / SEED_TEXT.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficers made 314 arrests in Basildon.\n", encoding="utf-8")
    summary = run.extract(raw, out)
    assert summary["processed"] == 1 and summary["skipped"] == 2

    after = store.read("documents").to_pandas().set_index("path")
    assert len(after) == 3
    old_id, new_id = before.loc[str(edited), "doc_id"], after.loc[str(edited), "doc_id"]
    assert old_id != new_id
    assert not list(out.rglob(f"{old_id}.parquet")), "the old version's rows must go"
    figures = store.read("figures").to_pandas()
    assert set(figures.loc[figures.value == 314, "doc_id"]) == {new_id}
    assert (figures.doc_id == old_id).sum() == 0
    assert {p: p.stat().st_mtime_ns for p in other_files} == other_files, "other documents untouched"


def test_a_record_that_fails_validation_goes_to_errors(raw, out, monkeypatch):
    from pipeline.nlp.extract import Extraction
    from pipeline.nlp.records import Rejected
    from pipeline.parsers.generic import GenericParser
    from pipeline.parsers import registry

    def extract(self, doc, nlp):
        return Extraction(records=[], rejected=[Rejected("figures", "ValidationError", "unit: 'furlongs'", "{}")])

    monkeypatch.setattr(registry, "choose", lambda doc: GenericParser)
    monkeypatch.setattr(GenericParser, "extract", extract)
    summary = run.extract(raw, out)
    assert summary["processed"] == 3 and summary["errors"] == 3
    errors = pd.read_parquet(out / "errors")
    assert set(errors.stage) == {"validate"} and errors.message.str.contains("furlongs").all()


def test_a_relative_output_root_keeps_its_files(raw, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = run.extract("raw", "extracted")
    assert first["total_documents"] == 3 and first["total_figures"] > 10
    assert run.extract("raw", "extracted")["total_figures"] == first["total_figures"]


def test_a_rule_components_version_is_part_of_the_pipeline_version(monkeypatch):
    # bumping rf_figures' VERSION (its code changed what it extracts) must re-extract every document
    from pipeline import version
    from pipeline.nlp import figures

    version.pipeline_version.cache_clear()
    before = version.pipeline_version()
    monkeypatch.setattr(figures, "VERSION", figures.VERSION + ".test")
    version.pipeline_version.cache_clear()
    assert version.pipeline_version() != before
    monkeypatch.undo()
    version.pipeline_version.cache_clear()
    assert version.pipeline_version() == before
