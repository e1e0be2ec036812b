import datetime as dt
import random
from functools import cache
from typing import Any

import pytest

from tmis.catalog.effective import Group, build
from tmis.catalog.models import Indicator
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import validate_row
from tmis.core import crypto
from tmis.teachers.checks import COLUMN_FIELDS, GROUP_RECORD_FIELDS, json_value
from tmis.teachers.demo import SchoolContext, career, demo_person, load_demo_teachers
from tmis.teachers.filters import full_time_teacher_q
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db

#: 教学科研成果及获奖: only the teachers with achievements have rows in a career (the loader adds the 无 row).
RARE = {"achievements"}
COMMON = set(GROUP_MODELS) - RARE


def _columns(record: Any) -> list[str]:
    return [f.name for f in type(record)._meta.concrete_fields if f.name not in GROUP_RECORD_FIELDS]


def _row(record: Any, group: Group) -> dict[str, Any]:
    """A record as the validator sees it, built as group_record_save builds it."""
    fields = {f.code for f in group.fields}
    row = {f: json_value(getattr(record, f)) for f in _columns(record) if f in fields}
    return row | {k: v for k, v in record.extra.items() if k in fields}


@cache
def _national(stage: str) -> Any:
    """Every national indicator of a school kind (as if the province had selected them all): stricter than the
    effective catalogue, which has only the core ones, so every column the demo fills is checked too."""
    selected = {code: {} for code in Indicator.objects.values_list("code", flat=True)}
    return build(province=None, version=0, spec={"selected": selected}, stage=stage)


def _check_national(record: Any, stage: str, where: Any) -> None:
    group = _national(stage).group(record.group_code)
    filled = {f for f in _columns(record) if getattr(record, f) not in (None, "", [])}
    assert filled <= {f.code for f in group.fields}, ("not an indicator of the stage", where)
    assert validate_row(group, _row(record, group)) == {}, where


def _group_row_count() -> int:
    return sum(model.objects.count() for model in GROUP_MODELS.values())


def test_demo_teachers_are_complete_valid_and_load_once():
    assert load_demo_teachers(per_school=3) == 27
    rows = _group_row_count()
    assert load_demo_teachers(per_school=3) == 0
    assert _group_row_count() == rows, "loading twice adds nothing"

    teachers = {t.pk: t for t in Teacher.objects.select_related("school")}
    today = dt.date.today()
    records: dict[int, dict[str, list[Any]]] = {pk: {code: [] for code in GROUP_MODELS} for pk in teachers}
    for code, model in GROUP_MODELS.items():
        for record in model.objects.order_by("id"):
            records[record.teacher_id][code].append(record)

    for pk, teacher in teachers.items():
        catalogue = effective_for_organisation(organisation=teacher.school)[0]
        stage, where = teacher.school.school_stage, (teacher.school.school_stage, teacher.name)
        basic = catalogue.group("basic")
        row = {f.code: json_value(getattr(teacher, f.code)) for f in basic.fields if hasattr(teacher, f.code)}
        row["id_number"] = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
        assert validate_row(basic, row) == {}, where

        groups = {g.code: g for g in catalogue.groups if g.many and g.code in GROUP_MODELS}
        shown = {code for code, group in groups.items() if group.fields}
        assert shown >= {code for code, group in groups.items() if group.needs_record}
        for code, group in groups.items():
            if code in shown:
                assert records[pk][code], ("each group the form shows has a record", code, *where)
            else:  # e.g. 工作经历 while 甘肃's catalogue selects none of its indicators: no data no screen shows
                assert not records[pk][code], ("a group the catalogue does not show", code, *where)
            for record in records[pk][code]:
                assert validate_row(group, _row(record, group)) == {}, (code, record.pk, *where)
                _check_national(record, stage, (code, record.pk, *where))
                filled = {f for f in _columns(record) if getattr(record, f) not in (None, "", [])}
                assert filled <= {f.code for f in group.fields}, (code, filled, *where)
        # 基本信息 and 联系方式 hold only indicators of the catalogue in force
        indicators = {f.code for g in catalogue.groups if not g.many for f in g.fields}
        outside = {f for f in COLUMN_FIELDS if f not in indicators and getattr(teacher, f) not in (None, "", [])}
        assert not outside, (outside, *where)

        mine = records[pk]
        assert mine["treatment"][0].treatment_year == today.year - 1, where
        assert all(a.assessment_year < today.year for a in mine["assessment"]), where
        for code, found in mine.items():
            for record in found:
                for field in _columns(record):
                    value = getattr(record, field)
                    if isinstance(value, dt.date) or (field.endswith(("_month", "_start", "_end")) and value):
                        assert str(value) <= today.isoformat(), (code, field, value, *where)
    # 教职工类别: the teachers are 专任教师 (A1; 04 in a kindergarten's table), the school's head an administrator.
    fulltime = Teacher.objects.filter(full_time_teacher_q()).count()
    assert fulltime >= len(teachers) * 2 // 3, (fulltime, len(teachers))
    assert {t.staff_category for t in teachers.values() if t.school.school_stage == "kindergarten"} <= {
        "01",
        "02",
        "04",
    }
    kinds = {r.achievement_kind for pk in teachers for r in records[pk]["achievements"]}
    assert "0" in kinds and kinds - {"0"}, "some teachers have achievements, the others a record saying 无"


KINDS = {  # school kind → (catalogue stage, 教师资格证种类 of its teachers)
    "kindergarten": ("kindergarten", {"1"}),
    "primary": ("primary_secondary", {"2"}),
    "nine_year": ("primary_secondary", {"2", "3"}),
    "junior": ("primary_secondary", {"3"}),
    "senior": ("primary_secondary", {"4"}),
    "vocational": ("secondary_vocational", {"5"}),
    "special": ("special", {"2"}),
    "higher": ("higher", {"7"}),
}


@pytest.mark.parametrize("kind", KINDS)
def test_demo_careers_suit_every_school_kind(kind):
    """The generator on its own, for every school kind (the demo schools have no university): every row valid for
    the national catalogue of the stage, the right qualification, and the rarer groups real for a minority only."""
    stage, qualifications = KINDS[kind]
    context = SchoolContext("兰州市示例学校", kind, "620102", "兰州市城关区", "兰州市", "甘肃省", rural=True)
    today, people, real = dt.date.today(), 120, dict.fromkeys(("talent", "overseas", "rotation", "achievements"), 0)
    for n in range(people):
        rng = random.Random(n)
        rows = career(rng, demo_person(rng, context.region, n, today), context, "11" if n == 0 else "00")
        assert set(rows) >= COMMON, rows.keys()
        for code, found in rows.items():
            for row in found:
                _check_national(GROUP_MODELS[code](**row), stage, (code, n, row))
        assert rows["qualification"][0]["qualification_type"] in qualifications
        real["talent"] += rows["talent"][0]["talent_program"] != "00"
        real["overseas"] += rows["overseas"][0]["overseas_flag"]
        real["rotation"] += rows["rotation"][0]["rotation_type"] != "0"
        real["achievements"] += bool(rows.get("achievements"))
    for code, count in real.items():
        assert 0.02 * people <= count <= 0.5 * people, (code, count)
