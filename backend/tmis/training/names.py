"""Names of the codes this app shows (培训类别, 培训方式, 学科, 学段) in the reader's language: what a person reads
never shows a code."""

from __future__ import annotations

from django.utils.translation import get_language

from tmis.catalog.models import CodeItem

LEVEL_TABLE, FORM_TABLE, SUBJECT_TABLE, STAGE_TABLE = (
    "training-category",
    "training-form",
    "teaching-course",
    "teaching-stage",
)


def code_names(slug: str) -> dict[str, str]:
    """code → name of one national code table, in the reader's language (one query)."""
    english = (get_language() or "").startswith("en")
    rows = CodeItem.objects.filter(table__slug=slug).values_list("code", "name", "name_en")
    return {code: (name_en or name) if english else name for code, name, name_en in rows}


def name_of(names: dict[str, str], code: str) -> str:
    return names.get(code, code) if code else ""
