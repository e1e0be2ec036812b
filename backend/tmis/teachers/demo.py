"""Demo teachers for `make run` (about 300 over the demo schools): complete, valid key information and 基本信息 for
each school's catalogue, plus study history and annual assessments. Deterministic, so loading twice adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from tmis.catalog.effective import Field
from tmis.catalog.selectors import effective_for_organisation
from tmis.core import crypto, idnumbers
from tmis.core.scope import SYSTEM
from tmis.orgs.models import Organisation

from . import identity
from .models import Teacher
from .services import group_record_save, teacher_create

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞慧琳婷雪晨宇浩然欣怡子轩佳琪文博思远"
CHOSEN = {  # sensible values for common indicators (others: the first choosable code, or false)
    "nationality": "156",
    "id_type": "1",
    "ethnicity": "01",
    "political_status": ["13"],
    "health": "1",
    "on_establishment": True,
    "contract_status": "1",
    "personnel_status": "100",
    "grassroots_project": "0",
    "free_normal_student": "0",
    "marital_status": "20",
}


def _value(field: Field, person: dict[str, Any]) -> Any:
    if field.code in CHOSEN:
        return CHOSEN[field.code]
    if field.data_type == "year_month":  # e.g. 从事特教起始年月 for special schools
        return person["school_entry_month"]
    if field.data_type == "boolean":
        return False
    if field.data_type == "code" and field.codes:
        return field.codes[0]
    if field.data_type == "multi_code" and field.codes:
        return [field.codes[0]]
    return None


def _person(rng: random.Random, school: Organisation, n: int) -> dict[str, Any]:
    male = rng.random() < 0.35  # most school teachers are women
    birth = dt.date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28))
    region = school.parent.code if school.parent else "620102"
    first17 = f"{region}{birth:%Y%m%d}{(n * 2 + (1 if male else 0)) % 1000:03d}"
    start_year = birth.year + rng.randint(21, 25)
    return {
        "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
        "gender": "1" if male else "2",
        "id_number": first17 + idnumbers.check_char(first17),
        "birth_date": birth,
        "work_start_month": f"{start_year}-09",
        "school_entry_month": f"{start_year + rng.randint(0, 8)}-09",
    }


def load_demo_teachers(*, per_school: int = 38, seed: int = 2016) -> int:
    """Create the demo teachers that are missing; returns how many were added."""
    added = 0
    schools = (
        Organisation.objects.filter(
            level="school",
            code__in=[
                "2162010201",
                "3162010202",
                "1162010203",
                "3462010204",
                "2162010301",
                "3162010302",
                "3662010303",
                "5162010304",
            ],
        )
        .select_related("parent")
        .order_by("code")
    )
    serial = 0
    for school in schools:
        catalogue, _ = effective_for_organisation(organisation=school)
        basic = catalogue.group("basic")
        for _ in range(per_school):
            serial += 1
            rng = random.Random(seed * 100_000 + serial)  # per person: reloading reproduces the same people
            person = _person(rng, school, serial)
            digest = crypto.digest(f"1:{identity.normalise(person['id_number'])}")
            if Teacher.objects.filter(id_digest=digest).exists():
                continue
            wanted = [f for f in basic.fields if (f.required or f.code in CHOSEN) and not f.extension]
            data = {f.code: _value(f, person) for f in wanted}
            data = {k: v for k, v in data.items() if v is not None} | person
            teacher, _warnings = teacher_create(actor=SYSTEM, school_code=school.code, data=data)
            for group_code, row in _group_rows(rng, person):
                group_record_save(actor=SYSTEM, teacher=teacher, group_code=group_code, data=row)
            added += 1
    return added


def _group_rows(rng: random.Random, person: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    grad = int(person["work_start_month"][:4])
    return [
        (
            "study",
            {
                "study_education": rng.choice(["21", "31"]),
                "study_country": "156",
                "study_institution": rng.choice(["西北师范大学", "兰州大学", "兰州城市学院", "天水师范学院"]),
                "study_major": rng.choice(["汉语言文学", "数学与应用数学", "英语", "学前教育", "物理学"]),
                "study_is_normal_major": True,
                "study_start_month": f"{grad - 4}-09",
                "study_end_month": f"{grad}-07",
                "study_degree_level": "4",
                "study_mode": "1",
            },
        ),
        ("assessment", {"assessment_year": dt.date.today().year - 1, "assessment_result": "1"}),
    ]
