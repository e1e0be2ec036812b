"""Names of the codes this app shows (培训类别, 培训方式, 学科, 学段) in the reader's language: what a person reads
never shows a code."""

from __future__ import annotations

import time

from django.utils.translation import get_language

from tmis.catalog.models import CodeItem

LEVEL_TABLE, FORM_TABLE, SUBJECT_TABLE, STAGE_TABLE = (
    "training-category",
    "training-form",
    "teaching-course",
    "teaching-stage",
)


#: Names read in the last TTL seconds: a review queue of 100 claims asks for the same two tables 100 times. The
#: national tables change only with a release (a migration), so a few minutes' memory is safe.
TTL = 300.0
_REMEMBERED: dict[tuple[str, bool], tuple[float, dict[str, str]]] = {}


def code_names(slug: str) -> dict[str, str]:
    """code → name of one national code table, in the reader's language (one query, then remembered a while)."""
    english = (get_language() or "").startswith("en")
    now = time.monotonic()
    found = _REMEMBERED.get((slug, english))
    if found is not None and now - found[0] < TTL:
        return found[1]
    rows = CodeItem.objects.filter(table__slug=slug).values_list("code", "name", "name_en")
    names = {code: (name_en or name) if english else name for code, name, name_en in rows}
    _REMEMBERED[(slug, english)] = (now, names)
    return names


def name_of(names: dict[str, str], code: str) -> str:
    return names.get(code, code) if code else ""
