"""Reads of the teacher archive."""

from __future__ import annotations

from .models import GROUP_MODELS, GroupRecord, Teacher


def teacher_group_records(teacher: Teacher) -> dict[str, list[GroupRecord]]:
    """Every many-valued group's records of one archive, in entry order (one indexed query per group)."""
    return {
        group: list(model.objects.filter(teacher_id=teacher.pk).order_by("id")) for group, model in GROUP_MODELS.items()
    }
