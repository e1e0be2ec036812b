"""The archive's 国内培训 records, which this app alone writes (`teachers.group_records` refuses the group to every
other writer): one record per approved claim, changed with the claim's correction. A write takes the next
`change_seq` of the archive (so summaries and feeds follow it) but not a new archive version: a training approval
never invalidates a clerk's open edit of the archive."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from tmis.teachers.models.groups import TrainingRecord

from .models import Claim


def _whole_credits(credits: Decimal | None) -> int | None:
    """The archive's 培训获得学分 is a whole number: the claim's credits rounded half up."""
    return int(credits.quantize(Decimal(0), rounding=ROUND_HALF_UP)) if credits is not None else None


def _values(claim: Claim) -> dict[str, object]:
    return {
        "training_year": claim.date.year,
        "training_category": claim.level,
        "training_project": claim.title[:100],
        "training_institution": claim.provider[:100],
        "training_form": claim.form,
        "training_hours": claim.hours,
        "training_credits": _whole_credits(claim.credits),
    }


def _stamp(teacher_ids: Sequence[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE teachers_teacher SET change_seq = nextval('teacher_change_seq') WHERE id = ANY(%s)",
            [sorted(set(teacher_ids))],
        )


def write_records(claims: Sequence[Claim], province_codes: dict[int, str]) -> None:
    """The records of newly approved claims (in one insert), linked to them (the caller saves the claims)."""
    records = [
        TrainingRecord(teacher_id=claim.teacher_id, province_code=province_codes[claim.teacher_id], **_values(claim))
        for claim in claims
    ]
    TrainingRecord.objects.bulk_create(records)
    for claim, record in zip(claims, records, strict=True):
        claim.record = record
    _stamp([claim.teacher_id for claim in claims])


def update_record(claim: Claim) -> None:
    """A corrected claim's record follows it (written again when someone removed it)."""
    if claim.record_id is None:
        province = claim.teacher.province_code
        write_records([claim], {claim.teacher_id: province})
        claim.save(update_fields=["record"])
        return
    TrainingRecord.objects.filter(pk=claim.record_id).update(**_values(claim))
    _stamp([claim.teacher_id])
