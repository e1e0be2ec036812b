"""Names of the summary's values in the reader's language (never codes): code tables' names, fixed keys' names;
'' is "not filled". Sort keys follow the code table's order (age bands: youngest first)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tmis.catalog.models import CodeItem

from .dimensions import DIMENSIONS

Named = dict[str, tuple[int, str]]  # code → (sort key, name)


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _table_names(slug: str, codes: Iterable[str]) -> Named:
    items = CodeItem.objects.filter(table__slug=slug, code__in=list(codes)).values_list(
        "code", "order", "name", "name_en"
    )
    english = _english()
    return {code: (order, (name_en or name) if english else name) for code, order, name, name_en in items}


def value_names(dimension: str, codes: Iterable[str]) -> Named:
    """code → (sort key, name) for the codes of one dimension (one query at most)."""
    codes = set(codes)
    spec = DIMENSIONS[dimension]
    named: Named = {"": (1_000_000, _("Not filled"))} if "" in codes else {}
    codes.discard("")
    if spec.fixed:
        order = list(spec.fixed)
        named |= {
            code: (order.index(code) if code in order else 999_999, str(spec.fixed.get(code, code))) for code in codes
        }
    elif spec.code_table:
        found = _table_names(spec.code_table, codes)
        named |= {code: found.get(code, (999_999, code)) for code in codes}
    else:  # `<table>:<code>` (教职工类别: the school kind's own table)
        by_table: dict[str, set[str]] = {}
        for value in codes:
            table, _sep, code = value.partition(":")
            by_table.setdefault(table, set()).add(code)
        for table, table_codes in by_table.items():
            found = _table_names(table, table_codes)
            named |= {f"{table}:{code}": found.get(code, (999_999, code)) for code in table_codes}
    return named
