"""Write a Parquet file so that no reader ever sees half of it."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_parquet_atomic(table: pa.Table, dest: Path, root: Path) -> Path:
    dest = Path(dest).resolve()
    if not dest.is_relative_to(Path(root).resolve()):
        raise ValueError(f"refusing to write outside {root}: {dest}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    # ".<name>.tmp": neither a `*.parquet` glob nor a pyarrow dataset scan picks it up
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, dest)  # same directory, same filesystem: atomic on POSIX
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest
