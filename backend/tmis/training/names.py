"""The code tables this app shows by name (培训类别, 培训方式, 学科, 学段): what a person reads never shows a code. The
names come from the catalogue's short-lived cache of national code tables."""

from __future__ import annotations

from tmis.catalog.selectors import code_names, name_of

LEVEL_TABLE, FORM_TABLE, SUBJECT_TABLE, STAGE_TABLE = (
    "training-category",
    "training-form",
    "teaching-course",
    "teaching-stage",
)

__all__ = ["FORM_TABLE", "LEVEL_TABLE", "STAGE_TABLE", "SUBJECT_TABLE", "code_names", "name_of"]
