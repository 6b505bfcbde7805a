"""Arrow schemas derived from the pydantic models: one source of truth for every column."""
from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache

import pyarrow as pa
from pydantic import BaseModel

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    datetime: pa.timestamp("us", tz="UTC"),
    date: pa.date32(),
}


def _arrow_type(annotation: typing.Any) -> tuple[pa.DataType, bool]:
    """(arrow type, nullable) for one field annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return _arrow_type(args[0])[0], True
    if origin is list:
        (item,) = typing.get_args(annotation)
        return pa.list_(_arrow_type(item)[0]), False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return pa.string(), False  # enums are stored by value; the model validates them
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no Arrow type for {annotation!r}")


@cache
def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    fields = []
    for name, info in model.model_fields.items():
        dtype, nullable = _arrow_type(info.annotation)
        meta = {"description": info.description} if info.description else None
        fields.append(pa.field(name, dtype, nullable=nullable, metadata=meta))
    return pa.schema(fields, metadata={"model": model.__name__})
