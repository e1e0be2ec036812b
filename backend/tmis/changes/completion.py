"""What a completed change does to the archive, inside the final approval's transaction (the engine's `apply`). The
archive keeps its number and every record; nothing is deleted."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from tmis.catalog.selectors import effective_for_organisation
from tmis.orgs.models import Organisation
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import stamp_change

from .kinds import IN_SERVICE, LEAVING, RE_EMPLOYED, RETIRED, SERVING, TEMPORARY, TRANSFERRED_IN
from .models import ChangeState, Kind, TeacherChange


def _month(change: TeacherChange) -> str:
    return change.effective_date.strftime("%Y-%m")


def _move(teacher: Teacher, change: TeacherChange) -> dict[str, Any]:
    """The archive with every group record moves to the new school: records follow the teacher by their foreign key
    (their scope is the teacher's path); the distribution key follows across provinces. The open 工作经历 at the
    old school closes and one opens at the new one (where its catalogue has the group). Returns the teacher's
    columns to set."""
    old: Organisation = teacher.school
    new: Organisation = change.to_school  # type: ignore[assignment]
    month = _month(change)
    works = GROUP_MODELS["work"]
    works.objects.filter(teacher=teacher, work_end="", work_unit=old.name).update(work_end=month)
    catalogue, _tables = effective_for_organisation(organisation=new)
    if catalogue.group("work") is not None:
        works.objects.create(teacher=teacher, province_code=new.province_code, work_unit=new.name, work_start=month)
    moved: dict[str, Any] = {
        "school": new,
        "org_path": new.path,
        "school_entry_month": month,
        "staff_source": TRANSFERRED_IN,
        "personnel_status": SERVING,
    }
    if new.province_code != teacher.province_code:
        for model in GROUP_MODELS.values():
            model.objects.filter(teacher=teacher).update(province_code=new.province_code)
        moved["province_code"] = new.province_code
    return moved


def apply_change(change: TeacherChange, *, actor_id: int | None) -> None:
    """The change takes effect: called once, on the final approval. The teacher row is written once — the new
    columns, the next version and change stamp, and the archive unlocked (a large table: one row version, not three)."""
    teacher = (
        Teacher.objects.select_for_update(of=("self",))
        .select_related("school")
        .only("id", "province_code", "employment_status", "active", "school__name")
        .get(pk=change.teacher_id)
    )
    columns: dict[str, Any] = {}
    if change.kind in (Kind.TRANSFER, Kind.RETURN) and change.two_sided:
        columns |= _move(teacher, change)
    if change.kind == Kind.RETURN:
        columns = _reactivated(teacher) | columns
    elif change.kind in TEMPORARY:
        columns["personnel_status"] = change.personnel_status
    elif change.kind in LEAVING:
        columns |= {"employment_status": change.employment_status, "active": False}
    Teacher.objects.filter(pk=teacher.pk).update(
        **columns,
        version=F("version") + 1,
        updated_by_id=actor_id,
        updated_at=timezone.now(),
        change_seq=RawSQL("nextval('teacher_change_seq')", []),
        open_change=Case(When(open_change=change.pk, then=None), default=F("open_change")),
    )


def _reactivated(teacher: Teacher) -> dict[str, Any]:
    """返聘 after retirement, re-employment after leaving, or the end of a secondment or leave."""
    columns: dict[str, Any] = {"personnel_status": SERVING}
    if not teacher.active:
        employment = RE_EMPLOYED if teacher.employment_status in RETIRED else IN_SERVICE
        columns |= {"employment_status": employment, "active": True}
    TeacherChange.objects.filter(
        teacher=teacher, state=ChangeState.APPROVED, kind__in=list(TEMPORARY), ended_at__isnull=True
    ).update(ended_at=timezone.now())
    return columns


def end_temporary_state(change: TeacherChange) -> None:
    """A secondment or leave reached its end date: the teacher serves at the school again (unless another change
    has set a different state since)."""
    teacher = Teacher.objects.select_for_update().get(pk=change.teacher_id)
    if teacher.personnel_status == change.personnel_status:
        teacher.personnel_status = SERVING
        teacher.version += 1
        teacher.save(update_fields=["personnel_status", "version", "updated_at"])
        stamp_change(teacher)
    change.ended_at = timezone.now()
    change.save(update_fields=["ended_at"])
