"""Cursor (keyset) pagination: no COUNT(*), stable under inserts, cheap at any depth.

`KeysFirstCursorPagination` (big tables' lists) reads a page keys first, in one round trip:
`SELECT … WHERE pk IN (SELECT pk … ORDER BY … LIMIT n) ORDER BY …`.
The inner query needs only the key and the columns it filters and sorts on, which covering indexes carry (see
`Teacher.Meta.indexes`), so PostgreSQL finds the page without reading any table row it then discards; the outer
query reads the n rows of the page, and joins their related rows (select_related) for just those n.
"""

from __future__ import annotations

import json
from typing import Any, Self

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import IntegerField, QuerySet, Subquery
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from tmis.core.errors import AppError, field_error

#: Up to this many rows a list's `count` is exact; above it, the planner's estimate (`count_estimated`).
EXACT_COUNT_LIMIT = 10_000
COUNT_PARAM = "count"


def list_count(queryset: QuerySet) -> tuple[int, bool]:
    """The number of rows a (scoped, filtered) list holds and whether it is an estimate: exact up to
    `EXACT_COUNT_LIMIT` (a count of at most limit + 1 keys, so a province never counts its millions), above that
    the planner's row estimate of the same query (statistics, no rows read)."""
    unordered = queryset.order_by()
    exact = unordered.values("pk")[: EXACT_COUNT_LIMIT + 1].count()
    if exact <= EXACT_COUNT_LIMIT:
        return exact, False
    sql, params = unordered.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), exact), True


class KeysFirst:
    """The slice of a queryset that the cursor paginator takes, read keys first (the paginator orders, filters by
    its position and slices; nothing else)."""

    def __init__(self, queryset: QuerySet) -> None:
        self.queryset = queryset

    def order_by(self, *fields: str) -> Self:
        return type(self)(self.queryset.order_by(*fields))

    def filter(self, *args: Any, **kwargs: Any) -> Self:
        return type(self)(self.queryset.filter(*args, **kwargs))

    def __getitem__(self, page: slice) -> QuerySet:
        keys = self.queryset.values("pk")[page]
        return self.queryset.filter(pk__in=Subquery(keys))


class StrictPageSize:
    """`page_size` outside 1…max_page_size, or not a whole number, is a 400 naming it — not silently the default or
    the maximum, which a client paging to the end would take for the whole list."""

    page_size: int
    page_size_query_param: str = "page_size"
    max_page_size: int

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        size = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
        if not 1 <= size <= self.max_page_size:
            raise field_error(
                self.page_size_query_param,
                "invalid_page_size",
                _("Give the rows a page as a whole number from 1 to %(max)d.") % {"max": self.max_page_size},
            )
        return size


class CodeCursorPagination(StrictPageSize, CursorPagination):
    """Default paginator: ordered by a unique column (`ordering` on the view overrides `code`). A cursor is the
    client's to send back untouched; a forged one whose position is no value of the ordering column (`p=abc` for an
    id, an integer out of range, a NUL) is DRF's invalid-cursor 404, not an error of the database (a 500)."""

    ordering = "code"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset: QuerySet, request: Any, view: Any = None) -> list | None:
        plain = queryset.queryset if isinstance(queryset, KeysFirst) else queryset
        self._model = plain.model
        counting = request.query_params.get(COUNT_PARAM, "")
        if counting not in ("", "true", "1", "false", "0"):
            raise field_error(COUNT_PARAM, "invalid", _("Write true or false."))
        self._count = list_count(plain) if counting in ("true", "1") else None
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Any:
        response = super().get_paginated_response(data)
        if self._count is not None:
            response.data["count"], response.data["count_estimated"] = self._count
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):  # DRF's examples end in a stray quote and name another API
            response["properties"][link]["example"] = "https://tmis.example/api/v1/teachers/?cursor=cD00ODY%3D"
        response["properties"]["count"] = {
            "type": "integer",
            "description": f"With ?count=true: the rows the list holds (exact up to {EXACT_COUNT_LIMIT:,}).",
        }
        response["properties"]["count_estimated"] = {
            "type": "boolean",
            "description": "With ?count=true: true when `count` is the planner's estimate "
            f"(above {EXACT_COUNT_LIMIT:,}).",
        }
        return response

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": COUNT_PARAM,
                "required": False,
                "in": "query",
                "description": f"Add `count`: exact up to {EXACT_COUNT_LIMIT:,} rows, above that an estimate "
                "(`count_estimated`). Off by default: counting costs a query the pages do not need.",
                "schema": {"type": "boolean"},
            }
        )
        return parameters

    def decode_cursor(self, request: Any) -> Cursor | None:
        """A malformed or forged cursor is invalid input (400 naming `cursor`), not a missing page (DRF's 404)."""
        try:
            return self._checked_cursor(request)
        except NotFound:
            raise self._invalid_cursor() from None

    @staticmethod
    def _invalid_cursor() -> AppError:
        return field_error("cursor", "invalid_cursor", _("The cursor is invalid."))

    def _checked_cursor(self, request: Any) -> Cursor | None:
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        try:
            field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        except (AttributeError, FieldDoesNotExist):  # not a column of the model: DRF's own rules
            return cursor
        try:
            value = field.to_python(cursor.position)
        except ValidationError:
            raise NotFound(self.invalid_cursor_message) from None
        if isinstance(value, str) and "\x00" in value:
            raise NotFound(self.invalid_cursor_message)
        if isinstance(field, IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            if (low is not None and value < low) or (high is not None and value > high):
                raise NotFound(self.invalid_cursor_message)
        return cursor


class IdCursorPagination(CodeCursorPagination):
    ordering = "id"


class KeysFirstCursorPagination(IdCursorPagination):
    """For lists of a big table whose searches covering indexes carry (the teacher list). Keys first pays where a
    search reads many rows to find a page (a province-wide pinyin search: 11 → 4 ms in PostgreSQL); a lookup by an
    indexed key or a plain scope page is cheaper without the subquery (measured 2 ms), so the view names the query
    parameters that turn it on (`keys_first_for`). The queryset must be a plain one (no aggregate annotations or
    DISTINCT, whose key subquery would not be one column)."""

    def paginate_queryset(self, queryset: QuerySet, request: Any, view: Any = None) -> list | None:
        if any(request.query_params.get(name) for name in getattr(view, "keys_first_for", ())):
            queryset = KeysFirst(queryset)  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)
