"""Cursor (keyset) pagination: no COUNT(*), stable under inserts, cheap at any depth."""

from rest_framework.pagination import CursorPagination


class CodeCursorPagination(CursorPagination):
    """Default paginator: ordered by a unique column (`ordering` on the view overrides `code`)."""

    ordering = "code"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class IdCursorPagination(CodeCursorPagination):
    ordering = "id"
