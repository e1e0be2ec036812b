"""Python values as JSON holds them: the one conversion for values stored in a JSON column (change requests)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.utils.duration import duration_iso_string


def jsonable(value: Any) -> Any:
    """`value` with every Decimal, date, time, duration and UUID as its exact text, tuples and sets as lists (sets
    sorted), dicts and lists walked: what `json.dumps` and a JSONField accept, and what a model field's `to_python`
    turns back into the value. Anything else JSON cannot hold is a TypeError (a programming error)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no JSON form")
