"""Atomic Parquet writes and schemas derived from the models."""
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.store import atomic
from pipeline.store.atomic import write_parquet_atomic
from pipeline.store.dataset import file_schema
from schemas import MODELS, arrow_schema


def test_arrow_schemas_follow_the_models():
    for name, model in MODELS.items():
        schema = arrow_schema(model)
        assert schema.names == list(model.model_fields), name
    figures = arrow_schema(MODELS["figures"])
    assert figures.field("value").type == pa.float64() and not figures.field("value").nullable
    assert figures.field("direction").nullable and figures.field("x0").nullable
    assert arrow_schema(MODELS["operations_register"]).field("doc_ids").type == pa.list_(pa.string())
    assert "source_type" not in file_schema("documents").names  # it lives in the partition path


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    dest = tmp_path / "figures" / "a.parquet"
    write_parquet_atomic(pa.table({"v": [1]}), dest, tmp_path)

    def explode(table, where, **kw):
        open(where, "wb").write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(atomic.pq, "write_table", explode)
    with pytest.raises(OSError):
        write_parquet_atomic(pa.table({"v": [2]}), dest, tmp_path)
    assert pq.read_table(dest).column("v").to_pylist() == [1]
    assert [p.name for p in dest.parent.iterdir()] == ["a.parquet"]


def test_refuses_to_write_outside_the_root(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        write_parquet_atomic(pa.table({"v": [1]}), tmp_path / ".." / "x.parquet", tmp_path / "root")
