"""Loads the demo teachers: each school's people, their careers and records, checked by the catalogue validator."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from tmis.catalog.effective import Group
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import validate_row
from tmis.core.scope import SYSTEM
from tmis.orgs.models import Organisation

from .. import identity
from ..checks import group_record_columns, validator_row
from ..models import GROUP_MODELS, GroupRecord, Teacher
from ..services import teacher_create
from ..writes import id_dedup_key, stamp_change
from .career import career
from .data import CHOSEN, NONE_ROWS, SCHOOL_CODES
from .people import (
    basic_from_records,
    demo_person,
    extension_fallback,
    indicator_value,
    school_context,
    school_duties,
    staff_category,
)


def load_demo_teachers(*, per_school: int = 38, seed: int = 2016) -> int:
    """Create the demo teachers that are missing, with their records; returns how many teachers were added."""
    today = dt.date.today()
    added = 0
    schools = (
        Organisation.objects.filter(level="school", code__in=SCHOOL_CODES)
        .select_related("parent__parent__parent")
        .order_by("code")
    )
    records: dict[str, list[GroupRecord]] = defaultdict(list)
    teachers: list[Teacher] = []
    serial = 0
    for school in schools:
        catalogue, _ = effective_for_organisation(organisation=school)
        basic = catalogue.group("basic")
        # only what the catalogue in force shows: a group without indicators here (工作经历 where the province has
        # not selected any) gets no records, and 基本信息 only its indicators
        groups = [g for g in catalogue.groups if g.many and g.code in GROUP_MODELS and g.fields]
        ctx = school_context(school)
        people = []
        for _ in range(per_school):
            serial += 1
            rng = random.Random(seed * 100_000 + serial)  # per person: reloading reproduces the same people
            people.append((rng, demo_person(rng, ctx.region, serial, today)))
        for (rng, person), duty in zip(people, school_duties(people, per_school, today), strict=True):
            digest = id_dedup_key(identity.RESIDENT_ID, person["id_number"])
            if Teacher.objects.filter(id_digest=digest).exists():
                continue
            rows = career(rng, person, ctx, duty)
            wanted = [f for f in basic.fields if (f.required or f.code in CHOSEN) and not f.extension]
            data = {f.code: indicator_value(f, person) for f in wanted}
            data = {k: v for k, v in data.items() if v is not None} | person
            if (category := basic.field("staff_category")) is not None:
                data["staff_category"] = staff_category(category, duty)
            derived = basic_from_records(rows)
            data |= {k: v for k, v in derived.items() if basic.field(k)}
            age = today.year - person["birth_date"].year
            party = duty in {"11", "12", "21"} or rng.random() < 0.4
            data["political_status"] = ["01"] if party else ["03"] if age <= 28 else ["13"]
            teacher, _warnings = teacher_create(actor=SYSTEM, school_code=school.code, data=data)
            for group in groups:
                for row in rows.get(group.code) or ([NONE_ROWS[group.code]] if group.code in NONE_ROWS else []):
                    records[group.code].append(demo_record(teacher, group, row, person))
            teachers.append(teacher)
            added += 1
    for code, batch in records.items():
        GROUP_MODELS[code].objects.bulk_create(batch, batch_size=2000)
    for teacher in teachers:  # what group_record_save does after each write, once per archive
        stamp_change(teacher, new_version=True, actor=SYSTEM)
    return added


def demo_record(teacher: Teacher, group: Group, row: dict[str, Any], person: dict[str, Any]) -> GroupRecord:
    """An unsaved record of a demo row, refused unless the catalogue validator finds nothing in it."""
    model = GROUP_MODELS[group.code]
    unknown = set(row) - set(group_record_columns(model))
    if unknown:
        raise ValueError(f"demo {group.code} row: no such columns {sorted(unknown)}")
    extra = {f.code: extension_fallback(f, person) for f in group.fields if f.extension and f.required}
    shown = {k: v for k, v in row.items() if group.field(k) is not None}  # nothing the catalogue does not show
    record = model(teacher=teacher, province_code=teacher.province_code, extra=extra, **shown)
    problems = validate_row(group, validator_row(record, group))
    if problems:
        raise ValueError(f"demo {group.code} row of {teacher.name} is invalid: {problems} in {row}")
    return record
