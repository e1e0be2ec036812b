"""The nationwide look-up before a transfer (一人一号): whether an archive holds an ID document, and where — never
more than the teacher number, the masked name, the province and the county. Every look-up is written to the access
log; the API limits them per user per hour."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import field_error
from tmis.orgs.models import Organisation
from tmis.teachers import identity
from tmis.teachers.models import Teacher
from tmis.teachers.writes import id_dedup_key

from .kinds import mask_name


def teacher_lookup(*, actor: Any, id_type: str, id_number: str) -> dict[str, Any]:
    """`found` False, or where the archive is. One indexed read of the dedup key, one of the two ancestors."""
    if id_type not in choosable_codes("id-type"):
        raise field_error("id_type", "invalid_choice", _("Choose the type of ID document."))
    number = identity.normalise(id_number or "")
    if not number:
        raise field_error("id_number", "required", _("Give the ID document number."))
    if identity.problem(id_type, number) is not None:
        raise field_error("id_number", "invalid", _("This is not a valid number for the chosen document type."))
    teacher = (
        Teacher.objects.filter(id_digest=id_dedup_key(id_type, number))
        .select_related("school")
        .only("id", "teacher_no", "name", "active", "open_change", "school__path", "school__code")
        .first()
    )
    audit_record(
        action="teacher.lookup",
        actor=actor,
        subject_type="teacher",
        subject_id=teacher.pk if teacher else "",
        detail={"found": teacher is not None},
    )
    if teacher is None:
        return {"found": False}
    codes = teacher.school.path.strip("/").split("/")
    places = {org.level: org for org in Organisation.objects.filter(code__in=codes, level__in=["province", "county"])}
    province, county = places.get("province"), places.get("county")
    return {
        "found": True,
        "teacher_no": teacher.teacher_no,
        "name_masked": mask_name(teacher.name),
        "active": teacher.active,
        "change_open": teacher.open_change is not None,
        "province": {"code": province.code, "name": province.name} if province else None,
        "county": {"code": county.code, "name": county.name} if county else None,
    }
