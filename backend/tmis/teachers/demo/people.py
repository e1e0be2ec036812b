"""Who the demo teachers are: their schools, persons, school duties and the 基本信息 their records imply."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from tmis.catalog.effective import Field
from tmis.core import idnumbers
from tmis.orgs.models import Organisation

from .data import CHOSEN, GIVEN, LEADERS, SURNAMES


@dataclass(frozen=True)
class SchoolContext:
    """What the records of a demo school's teachers depend on."""

    name: str
    kind: str  # kindergarten, primary, nine_year, junior, senior, vocational, special, higher
    region: str  # county code, the first six characters of the demo ID numbers
    county: str  # e.g. 兰州市城关区
    city: str  # e.g. 兰州市
    province: str  # e.g. 甘肃省
    rural: bool


def school_context(school: Organisation) -> SchoolContext:
    stage, school_type = school.school_stage, school.school_type or ""
    if stage in {"kindergarten", "special", "higher"}:
        kind = stage
    elif stage == "secondary_vocational":
        kind = "vocational"
    elif school_type.startswith("21"):
        kind = "primary"
    elif school_type == "312":  # 九年一贯制学校
        kind = "nine_year"
    elif school_type.startswith("34"):
        kind = "senior"
    else:
        kind = "junior"
    county = school.parent
    city = county.parent if county else None
    province = city.parent if city else None
    return SchoolContext(
        name=school.name,
        kind=kind,
        region=county.code if county else "620102",
        county=(city.name if city else "") + (county.name if county else ""),
        city=city.name if city else "兰州市",
        province=province.name if province else "甘肃省",
        rural=(school.urban_rural or "").startswith("2"),  # 城乡分类 2xx 乡村
    )


def indicator_value(field: Field, person: dict[str, Any]) -> Any:
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


#: 教职工类别 of a school leader by 校级职务, per code table (kindergartens have their own): the head and the party
#: secretary are administrators (园长, 副园长); every other demo teacher is a 专任教师.
LEADER_STAFF_CATEGORY = {"11": ("A3", "01"), "12": ("A3", "02"), "21": ("A3", "02")}
FULL_TIME_STAFF_CATEGORY = ("A1", "04")


def staff_category(field: Field, duty: str) -> str | None:
    """The demo's 教职工类别 from the school's own code table (`field.codes`): 专任教师 unless a leader."""
    for code in LEADER_STAFF_CATEGORY.get(duty, FULL_TIME_STAFF_CATEGORY):
        if code in (field.codes or ()):
            return code
    return indicator_value(field, {})


def demo_person(rng: random.Random, region: str, n: int, today: dt.date) -> dict[str, Any]:
    """Who a demo teacher is. The random draws keep their order (the same names and ID numbers as ever); work and
    school entry are capped so that everyone has worked at this school through the whole of last year."""
    male = rng.random() < 0.35  # most school teachers are women
    birth = dt.date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28))
    first17 = f"{region}{birth:%Y%m%d}{(n * 2 + (1 if male else 0)) % 1000:03d}"
    start_year = min(birth.year + rng.randint(21, 25), today.year - 2)
    return {
        "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
        "gender": "1" if male else "2",
        "id_number": first17 + idnumbers.check_char(first17),
        "birth_date": birth,
        "work_start_month": f"{start_year}-09",
        "school_entry_month": f"{min(start_year + rng.randint(0, 8), today.year - 2)}-09",
    }


def basic_from_records(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """基本信息 derived from the records: 最高学历/学位 and 现任岗位/专业技术职务."""
    rank = {"14": 4, "21": 3, "31": 2, "91": 1}
    studies = rows["study"]
    education = max(studies, key=lambda r: rank.get(r["study_education"], 0))
    degrees = [r for r in studies if r["study_degree_level"] != "0"]
    values = {
        "highest_education": education["study_education"],
        "highest_education_institution": education["study_institution"],
        "highest_degree_level": "0",
    }
    if degrees:
        degree = min(degrees, key=lambda r: r["study_degree_level"])  # 3 硕士 before 4 学士
        values |= {
            "highest_degree_level": degree["study_degree_level"],
            "highest_degree": degree["study_degree"],
            "highest_degree_institution": degree["study_degree_institution"],
        }
    post = rows["post"][-1]
    values |= {
        "current_post_category": post["post_category"],
        "current_post_grade": post["post_grade"],
        "current_professional_title": rows["title"][-1]["title_appointed"],
    }
    full_time = studies[0]  # the diploma before work
    values["normal_major_graduate"] = full_time["study_is_normal_major"]
    values["preschool_major_graduate"] = full_time["study_major"] in {"学前教育", "幼儿教育"}
    values["special_ed_major_graduate"] = full_time["study_major"] == "特殊教育"
    return values


def extension_fallback(field: Field, person: dict[str, Any]) -> Any:
    """A value for a required province extension indicator the demo knows nothing about."""
    value = indicator_value(field, person)
    if value is None:
        value = {"integer": 0, "decimal": 0, "date": person["birth_date"].isoformat(), "text": "无"}.get(
            field.data_type
        )
    return value


def school_duties(people: list[tuple[random.Random, dict[str, Any]]], per_school: int, today: dt.date) -> list[str]:
    """校级职务 per person: the school's leaders are the first of its teachers aged 40 to 55 (00 无 for the rest)."""
    duties = iter(LEADERS[: max(1, per_school // 4)])
    out = []
    for _rng, person in people:
        age = today.year - person["birth_date"].year
        service = today.year - int(person["work_start_month"][:4])
        out.append(next(duties, "00") if 40 <= age <= 55 and service >= 15 else "00")
    return out
