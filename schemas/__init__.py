"""Pydantic models of every record reportfacts writes, and the Arrow schemas derived from them."""
from schemas.records import (
    MODELS,
    DocumentRecord,
    ErrorRecord,
    Figure,
    Grade,
    Operation,
    OperationRegisterRow,
    PageRecord,
)
from schemas.arrow import arrow_schema

__all__ = [
    "MODELS",
    "DocumentRecord",
    "ErrorRecord",
    "Figure",
    "Grade",
    "Operation",
    "OperationRegisterRow",
    "PageRecord",
    "arrow_schema",
]
