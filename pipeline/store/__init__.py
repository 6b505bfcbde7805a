"""Parquet datasets under the output root: atomic, idempotent, incremental."""
