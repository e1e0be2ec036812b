"""Give a handful of demo archives the slips real data has, so that 问题数据 shows something (idempotent; run after
load_demo_teachers and before refresh_quality). The demo generator writes consistent archives; this command
changes, in a few chosen archives of 城关区 and 七里河区 (of schools no browser test edits: a slip would stop their
submissions), what clerks get wrong: a year typed wrong (进本校年月 before
参加工作年月, work started at 15), a birth date from a mistyped ID card, a title whose post grade was not updated,
one person registered twice at two schools of one county, and an approved archive whose 交流轮岗 records were
removed afterwards. Each write takes the next `change_seq`, as every write does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import stamp_change

SCHOOL_A, SCHOOL_A2, SCHOOL_B = "3162010202", "3462010204", "3162010302"


def _pick(school: str, index: int, **where: Any) -> Teacher | None:
    """The index-th current archive of a school in id order (the same one every run)."""
    found = Teacher.objects.filter(school__code=school, active=True, **where).order_by("id")
    return found[index] if found.count() > index else None


def _write(teacher: Teacher | None, **values: Any) -> int:
    if teacher is None or all(getattr(teacher, key) == value for key, value in values.items()):
        return 0
    Teacher.objects.filter(pk=teacher.pk).update(**values)
    stamp_change(teacher)
    return 1


def _month_shift(month: str, years: int) -> str:
    return f"{int(month[:4]) + years:04d}{month[4:]}" if len(month) == 7 else month


def load_demo_quality() -> int:
    """The archives changed (0 on a second run)."""
    changed = 0
    entry = _pick(SCHOOL_A, 0)
    if entry is not None and entry.work_start_month:
        changed += _write(entry, school_entry_month=_month_shift(entry.work_start_month, -1))  # Q003
    early = _pick(SCHOOL_A, 1)
    if early is not None:
        changed += _write(early, work_start_month=f"{early.birth_date.year + 15}-01")  # Q002
    changed += _write(_pick(SCHOOL_B, 0), birth_date=dt.date(1928, 3, 1))  # Q001
    titled = _pick(SCHOOL_A, 0, current_professional_title="063")
    changed += _write(titled, current_post_grade="105")  # Q006: 一级教师 at a 副高 grade
    original, twin = _pick(SCHOOL_A, 2), _pick(SCHOOL_A2, 0)
    if original is not None:
        changed += _write(twin, name=original.name, birth_date=original.birth_date)  # Q004
    approved = _pick(SCHOOL_B, 1, record_state="approved")
    if approved is not None:
        rotation = GROUP_MODELS["rotation"]
        deleted, _by_model = rotation.objects.filter(teacher=approved).delete()  # Q005
        if deleted:
            stamp_change(approved)
            changed += 1
    return changed


class Command(BaseCommand):
    help = "Give a handful of demo archives realistic data problems for 问题数据 (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"demo data: {load_demo_quality()} archives given data problems")
