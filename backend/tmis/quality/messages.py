"""Issues' messages in the reader's language: the rule's message with its placeholders filled from the issue's
detail, codes replaced by their names (never a bare code, UX.md). A page of issues costs one query for every code
name it shows, whatever its size."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tmis.catalog.models import CodeItem, IndicatorGroup

from .rules import RULES

GROUPS = "@groups"


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _wanted(issues: Iterable[Any]) -> dict[str, set[str]]:
    """Code table slug → the codes the issues' messages name."""
    wanted: dict[str, set[str]] = {}
    for issue in issues:
        rule = RULES.get(issue.rule)
        for placeholder, table in (rule.names if rule else {}).items():
            value = issue.detail.get(placeholder)
            codes = value if isinstance(value, list) else [value]
            wanted.setdefault(table, set()).update(str(code) for code in codes if code not in (None, ""))
    return wanted


def _names(wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """(table, code) → name, one query for the code tables and one for the groups (only those needed)."""
    english = _english()
    names: dict[tuple[str, str], str] = {}
    groups = wanted.pop(GROUPS, set())
    if groups:
        for code, name, name_en in IndicatorGroup.objects.filter(code__in=groups).values_list(
            "code", "name", "name_en"
        ):
            names[(GROUPS, code)] = (name_en or name) if english else name
    condition = Q()
    for table, codes in wanted.items():
        condition |= Q(table__slug=table, code__in=codes)
    if wanted:
        for table, code, name, name_en in CodeItem.objects.filter(condition).values_list(
            "table__slug", "code", "name", "name_en"
        ):
            names[(table, code)] = (name_en or name) if english else name
    return names


def render(issue: Any, names: dict[tuple[str, str], str]) -> str:
    """One issue's message (its rule's, placeholders filled; names where the rule names codes)."""
    rule = RULES.get(issue.rule)
    if rule is None:  # a rule retired since the last rebuild
        return _("A rule no longer in use (%(code)s).") % {"code": issue.rule}
    separator = ", " if _english() else "、"
    values: dict[str, Any] = dict(issue.detail)
    for placeholder, table in rule.names.items():
        value = values.get(placeholder)
        if isinstance(value, list):
            values[placeholder] = separator.join(names.get((table, str(code)), str(code)) for code in value)
        elif value not in (None, ""):
            values[placeholder] = names.get((table, str(value)), str(value))
    try:
        return str(rule.message) % values
    except (KeyError, TypeError, ValueError):  # a detail written by an older version of the rule
        return str(rule.name)


def render_all(issues: list[Any]) -> dict[int, str]:
    """issue id → message, for a page of issues."""
    names = _names(_wanted(issues))
    return {issue.pk: render(issue, names) for issue in issues}
