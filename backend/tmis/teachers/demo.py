"""Demo teachers for `make run`: about 300 complete archives over the 8 demo schools, valid for each school's catalogue.

Every teacher gets the key information and 基本信息 (with 最高学历/学位 and 现任岗位/职务 taken from the records
below), and records in every many-valued group the school's effective catalogue contains, told as one career:
学习经历 (a full-time diploma ending the summer before work starts, for many an in-service upgrade or 教育硕士
later), 工作经历 (earlier schools, then this one), 岗位聘任 (grade matching the title; a few leaders with their
school duty and a concurrent management post), 专业技术职务聘任 (二级 → 一级 → 高级 … as service grows; 中专
titles in the vocational school, 高校 titles for a university), 基本待遇 of last year, 年度考核 for up to three past
years, 教师资格 matching the school kind (幼儿园 / 小学 / 初中 / 高中 / 中职 / 高等学校), 师德信息 (some with an
honour), 教育教学 for the last two semesters (courses of the subject and stage), 国内培训 with hours and credits,
and 技能及证书 (普通话 certificate, plus another for some). The rarer groups are real for a minority — 入选人才项目,
海外研修, 交流轮岗 for roughly 5–20 % of teachers, everyone else has the table's 无 row (00 / 否 / 0) as the national
system records it — and 教学科研成果及获奖 (papers, awards, projects, students' prizes, artworks), which has no 无
code, only for about a third. Months are YYYY-MM, every date lies in the past, codes come from the national tables.

Each row is checked with the catalogue validator (`validate_row`, on the row the services build) before it is
written, and a row with any finding stops the load. Records go in with one bulk insert per group and one change
stamp per teacher (what `group_record_save` does row by row). People are seeded per person, so loading twice adds
nothing: a teacher whose ID number exists is skipped with all their records."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from tmis.catalog.effective import Field, Group
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import validate_row
from tmis.core import idnumbers
from tmis.core.scope import SYSTEM
from tmis.orgs.models import Organisation

from . import identity
from .checks import group_record_columns, validator_row
from .models import GROUP_MODELS, GroupRecord, Teacher
from .services import teacher_create
from .writes import id_dedup_key, stamp_change

SCHOOL_CODES = [
    "2162010201",
    "3162010202",
    "1162010203",
    "3462010204",
    "2162010301",
    "3162010302",
    "3662010303",
    "5162010304",
]
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

# Subject → (major, bachelor's degree, master's degree, normal major, course code by stage, 中职 course category).
SUBJECTS: dict[str, tuple[str, str, str, bool, dict[str, str], str]] = {
    "语文": ("汉语言文学", "405", "305", True, {"primary": "104", "junior": "209", "senior": "301"}, "2"),
    "数学": ("数学与应用数学", "407", "307", True, {"primary": "105", "junior": "210", "senior": "309"}, "4"),
    "英语": ("英语", "405", "305", True, {"primary": "106", "junior": "211", "senior": "302"}, "5"),
    "物理": ("物理学", "407", "307", True, {"junior": "207", "senior": "313"}, "4"),
    "化学": ("化学", "407", "307", True, {"junior": "208", "senior": "314"}, "4"),
    "生物": ("生物科学", "407", "307", True, {"junior": "206", "senior": "315"}, "4"),
    "历史": ("历史学", "406", "306", True, {"junior": "203", "senior": "311"}, "2"),
    "地理": ("地理科学", "407", "307", True, {"junior": "204", "senior": "312"}, "2"),
    "思想政治": ("思想政治教育", "403", "303", True, {"primary": "102", "junior": "201", "senior": "310"}, "1"),
    "科学": ("科学教育", "407", "307", True, {"primary": "103"}, "4"),
    "体育": ("体育教育", "404", "362", True, {"primary": "113", "junior": "218", "senior": "321"}, "6"),
    "音乐": ("音乐学", "413", "313", True, {"primary": "115", "junior": "220", "senior": "319"}, "2"),
    "美术": ("美术学", "413", "313", True, {"primary": "116", "junior": "221", "senior": "320"}, "2"),
    "信息技术": ("教育技术学", "407", "307", True, {"primary": "117", "junior": "222", "senior": "316"}, "4"),
    "学前教育": ("学前教育", "404", "342", True, {}, ""),
    "特殊教育": ("特殊教育", "404", "342", True, {}, ""),
    "机械加工": ("机械设计制造及其自动化", "408", "308", False, {}, "12"),
    "计算机应用": ("计算机科学与技术", "408", "308", False, {}, "12"),
    "会计": ("会计学", "412", "375", False, {}, "12"),
    "电子商务": ("电子商务", "412", "312", False, {}, "12"),
    "汽车运用与维修": ("车辆工程", "408", "308", False, {}, "12"),
}
VOCATIONAL_FIELDS = {  # 中职 专业 → 任课学科类别 (专业大类)
    "机械加工": "加工制造类",
    "计算机应用": "信息技术类",
    "会计": "财经商贸类",
    "电子商务": "财经商贸类",
    "汽车运用与维修": "交通运输类",
}
_GENERAL = {"语文": 15, "数学": 15, "英语": 13, "物理": 8, "化学": 6, "生物": 6, "历史": 6, "地理": 6, "思想政治": 6}
SUBJECT_WEIGHTS: dict[str, dict[str, int]] = {
    "kindergarten": {"学前教育": 1},
    "primary": {
        "语文": 30,
        "数学": 25,
        "英语": 10,
        "科学": 6,
        "思想政治": 5,
        "体育": 8,
        "音乐": 6,
        "美术": 6,
        "信息技术": 4,
    },
    "junior": _GENERAL | {"体育": 7, "音乐": 3, "美术": 3, "信息技术": 4},
    "senior": _GENERAL | {"体育": 6, "音乐": 2, "美术": 2, "信息技术": 4},
    "vocational": {"语文": 10, "数学": 10, "英语": 8, "思想政治": 5, "体育": 5, "信息技术": 4}
    | {"机械加工": 14, "计算机应用": 14, "会计": 12, "电子商务": 9, "汽车运用与维修": 9},
    "special": {"特殊教育": 6, "语文": 2, "数学": 2, "体育": 1, "音乐": 1, "美术": 1},
    "higher": _GENERAL | {"计算机应用": 8, "会计": 5, "机械加工": 5},
}
STAGE_NAMES = {
    "kindergarten": "幼儿园",
    "primary": "小学",
    "junior": "初中",
    "senior": "高中",
    "vocational": "中职",
    "special": "特殊教育",
    "higher": "高校",
}
QUALIFICATION = {  # 教师资格证种类 by the stage taught
    "kindergarten": "1",
    "primary": "2",
    "junior": "3",
    "senior": "4",
    "vocational": "5",
    "special": "2",
    "higher": "7",
}
TEACHING_STAGE = {"kindergarten": "1", "primary": "2", "junior": "3", "senior": "4", "vocational": "6", "special": "A"}
UNIT_NATURE = {"kindergarten": "261", "special": "262", "vocational": "264", "higher": "22"}  # else 263 中小学
TITLE_SERIES = {  # 专业技术职务 from the first to the highest step
    "vocational": ("024", "023", "022"),  # 助理讲师 → 讲师 → 高级讲师 (中专)
    "higher": ("014", "013", "012", "011"),  # 助教 → 讲师 → 副教授 → 教授
}
K12_TITLES = ("064", "063", "062", "061")  # 二级 → 一级 → 高级 → 正高级教师 (中小学、幼儿园、特教)
POST_GRADES = {  # 专业技术岗位等级 that goes with each title
    "064": ("111", "112"),
    "063": ("108", "109", "110"),
    "062": ("105", "106", "107"),
    "061": ("102", "103", "104"),
    "024": ("111", "112"),
    "023": ("108", "109", "110"),
    "022": ("105", "106", "107"),
    "014": ("111", "112", "113"),
    "013": ("108", "109", "110"),
    "012": ("105", "106", "107"),
    "011": ("101", "102", "103", "104"),
}
#: 基本工资 (岗位 + 薪级, 元/月) by the step of the 专业技术岗位等级 (1 … 13), before the years of service.
BASIC_PAY = (0, 6200, 5600, 5100, 4700, 4300, 4000, 3700, 3450, 3250, 3100, 2900, 2750, 2500)
LEADERS = ("11", "12", "21", "21", "30", "30", "30", "40", "40", "40")  # 校长, 书记, 副校长 ×2, 中层正职/副职
DUTY_NAMES = {"11": "校长", "12": "书记", "21": "副校长", "30": "中层正职", "40": "中层副职"}
NORMAL_UNIVERSITIES = ("西北师范大学", "天水师范学院", "兰州城市学院", "陇东学院", "河西学院", "陕西师范大学")
OTHER_UNIVERSITIES = ("兰州大学", "兰州理工大学", "兰州交通大学", "兰州财经大学", "西北民族大学")
COLLEGES = ("兰州城市学院", "定西师范高等专科学校", "陇南师范高等专科学校", "甘肃联合大学")
NORMAL_SCHOOLS = ("兰州师范学校", "临洮师范学校", "武威师范学校", "甘肃省幼儿师范学校")
EARLIER_UNITS = {  # earlier schools of teachers who came later to their demo school
    "kindergarten": ("兰州市榆中县城关镇中心幼儿园", "兰州市皋兰县石洞镇中心幼儿园", "兰州市永登县城关幼儿园"),
    "primary": ("兰州市榆中县和平镇中心小学", "兰州市皋兰县什川镇中心小学", "兰州市永登县红城镇中心小学"),
    "junior": ("兰州市榆中县和平中学", "兰州市皋兰县第二中学", "兰州市永登县第八中学"),
    "senior": ("兰州市榆中县第一中学", "兰州市永登县第一中学", "兰州市皋兰县第一中学"),
    "vocational": ("兰州市榆中县职业中等专业学校", "兰州市永登县职业中等专业学校", "兰州市皋兰县职业中等专业学校"),
    "special": ("兰州市榆中县特殊教育学校", "兰州市永登县特殊教育学校", "兰州市皋兰县特殊教育学校"),
    "higher": ("兰州城市学院", "兰州文理学院", "甘肃政法大学"),
}
RURAL_UNITS = {  # where exchange and 支教 go
    "kindergarten": ("兰州市榆中县马坡乡中心幼儿园", "临夏州东乡县锁南镇中心幼儿园"),
    "primary": ("兰州市榆中县马坡乡中心小学", "临夏州东乡县锁南镇中心小学", "定西市渭源县会川镇中心小学"),
    "junior": ("兰州市榆中县马坡中学", "临夏州东乡县第二中学", "定西市渭源县会川中学"),
    "senior": ("临夏州东乡县第一中学", "定西市渭源县第一中学"),
    "vocational": ("临夏州东乡县职业技术学校", "定西市渭源县职业中等专业学校"),
    "special": ("临夏州东乡县特殊教育学校", "定西市渭源县特殊教育学校"),
    "higher": ("甘肃民族师范学院", "陇南师范高等专科学校"),
}
OVERSEAS = (
    ("826", "英国华威大学"),
    ("840", "美国加州州立大学北岭分校"),
    ("036", "澳大利亚悉尼科技大学"),
    ("124", "加拿大不列颠哥伦比亚大学"),
    ("554", "新西兰奥克兰大学"),
    ("702", "新加坡南洋理工大学国立教育学院"),
)
PAPER_TOPICS = (
    "大单元教学设计的实践探索",
    "作业设计的优化策略研究",
    "课堂提问有效性的实践研究",
    "信息技术与学科教学融合的实践",
    "分层教学的实践与思考",
    "项目式学习的实践研究",
)
JOURNALS = ("甘肃教育", "中小学教学研究", "教育革新", "中国教师", "基础教育论坛", "学周刊")


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


def _person(rng: random.Random, region: str, n: int, today: dt.date) -> dict[str, Any]:
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


def _month(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def _month_before(value: str) -> str:
    year, month = int(value[:4]), int(value[5:])
    return _month(year - 1, 12) if month == 1 else _month(year, month - 1)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _study(
    education: str,
    institution: str,
    major: str,
    normal: bool,
    start: str,
    end: str,
    mode: str,
    unit: str,
    degree: tuple[str, str] | None,
) -> dict[str, Any]:
    row = {
        "study_education": education,
        "study_country": "156",
        "study_institution": institution,
        "study_major": major,
        "study_is_normal_major": normal,
        "study_start_month": start,
        "study_end_month": end,
        "study_mode": mode,
        "study_unit_category": unit,
        "study_degree_level": degree[0] if degree else "0",
    }
    if degree:
        row |= {
            "study_degree": degree[1],
            "study_degree_country": "156",
            "study_degree_institution": institution,
            "study_degree_month": end,
        }
    return row


def _studies(rng: random.Random, born: int, start: int, level: str, subject: str, today: dt.date) -> list[dict]:
    """学习经历: the diploma before work (ending the July before it), then perhaps an in-service upgrade."""
    major, bachelor, master, normal, _courses, _category = SUBJECTS[subject]
    if level == "primary" and subject in {"语文", "数学"} and rng.random() < 0.3:
        major, bachelor = "小学教育", "404"
    school = rng.choice(NORMAL_UNIVERSITIES if normal else OTHER_UNIVERSITIES)
    master_school = rng.choice(("西北师范大学", "陕西师范大学", "兰州大学") if normal else ("兰州大学", "兰州理工大学"))
    last_year = today.year - 1
    young = born >= 1983
    full_time_master = level == "higher" or (young and level in {"senior", "vocational"} and rng.random() < 0.4)
    if full_time_master and start - born >= 24:
        return [  # 本科 then a full-time master's
            _study("21", school, major, normal, _month(start - 7, 9), _month(start - 3, 7), "1", "14", ("4", bachelor)),
            _study(
                "14", master_school, major, normal, _month(start - 3, 9), _month(start, 7), "1", "14", ("3", master)
            ),
        ]
    diploma = rng.random() < (0.45 if level == "kindergarten" else 0.8 if young else 0.55)
    if level in {"senior", "vocational", "higher"}:
        diploma = diploma or level == "higher" or rng.random() < 0.7
    if diploma:
        rows = [_study("21", school, major, normal, _month(start - 4, 9), _month(start, 7), "1", "14", ("4", bachelor))]
    elif born <= 1972 and level in {"kindergarten", "primary", "special"}:
        normal_major = "幼儿教育" if level == "kindergarten" else "普通师范"
        rows = [
            _study(
                "91",
                rng.choice(NORMAL_SCHOOLS),
                normal_major,
                True,
                _month(start - 3, 9),
                _month(start, 7),
                "1",
                "13",
                None,
            )
        ]
    else:
        rows = [
            _study("31", rng.choice(COLLEGES), major, normal, _month(start - 3, 9), _month(start, 7), "1", "14", None)
        ]
    first = rows[0]["study_education"]
    if first != "21" and rng.random() < 0.8:  # 专升本 / 中师 → 本科, part-time
        begin = start + rng.randint(2, 8)
        if begin + 3 <= last_year:
            by_exam = rng.random() < 0.3
            place = "甘肃省高等教育自学考试委员会" if by_exam else rng.choice(NORMAL_UNIVERSITIES[:3])
            degree = ("4", bachelor) if rng.random() < 0.5 else None
            rows.append(
                _study(
                    "21",
                    place,
                    major,
                    normal,
                    _month(begin, 3),
                    _month(begin + 3, 1),
                    "3",
                    "28" if by_exam else "14",
                    degree,
                )
            )
    elif first == "21" and (young or level == "higher") and rng.random() < (0.8 if level == "higher" else 0.15):
        # in-service 教育硕士 (a university's own master's for a young lecturer)
        begin = start + rng.randint(3, 6)
        if begin + 3 <= last_year:
            rows.append(
                _study(
                    "14",
                    master_school,
                    "教育管理" if normal else major,
                    normal,
                    _month(begin, 9),
                    _month(begin + 3, 6),
                    "2",
                    "14",
                    ("3", "342"),
                )
            )
    return rows


def _titles(rng: random.Random, level: str, start: int, last_year: int) -> list[tuple[str, str]]:
    """(title, appointment month) from the first step on: 二级 after a year, 一级 about five years later …"""
    series = TITLE_SERIES.get(level, K12_TITLES)
    steps = [(series[0], start + 1)]
    gaps = ((5, 7, 1.0), (5, 9, 0.6), (8, 12, 0.05 if level != "higher" else 0.3))
    for code, (low, high, chance) in zip(series[1:], gaps, strict=False):
        year = steps[-1][1] + rng.randint(low, high)
        if year > last_year or rng.random() >= chance:
            break
        steps.append((code, year))
    return [(code, _month(year, rng.choice((1, 7, 9, 12)))) for code, year in steps]


def career(rng: random.Random, person: dict[str, Any], ctx: SchoolContext, duty: str = "00") -> dict[str, Any]:
    """One teacher's records, group code → rows (model column → value), oldest first. `duty` is a 校级职务 code."""
    today = dt.date.today()
    last_year = today.year - 1
    born, start = person["birth_date"].year, int(person["work_start_month"][:4])
    entry = int(person["school_entry_month"][:4])
    level = ctx.kind if ctx.kind != "nine_year" else rng.choice(("primary", "junior"))
    subject = _weighted(rng, SUBJECT_WEIGHTS[level])
    major, _bachelor, _master, _normal, courses, course_category = SUBJECTS[subject]
    professional = subject in VOCATIONAL_FIELDS
    stage_name = STAGE_NAMES[level]
    label = f"{stage_name}{subject}" if level not in {"kindergarten", "special"} else stage_name
    county_bureau, city_bureau = f"{ctx.county}教育局", f"{ctx.city}教育局"
    province_bureau = f"{ctx.province}教育厅"
    leader = duty != "00"
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    rows["study"] = _studies(rng, born, start, level, subject, today)

    # 工作经历: earlier schools (when the teacher came later), then this one.
    post_name = "幼儿教师" if level == "kindergarten" else f"{subject}教师"
    earlier = rng.sample(EARLIER_UNITS[level], k=2 if entry - start >= 6 and rng.random() < 0.3 else 1)
    moves = [start] + ([start + (entry - start) // 2] if len(earlier) == 2 else []) + [entry]
    if entry > start:
        for unit, (begin, end) in zip(earlier, pairwise(moves), strict=True):
            rows["work"].append(
                {
                    "work_unit": unit,
                    "work_start": _month(begin, 9),
                    "work_end": _month(end, 8),
                    "work_unit_nature": UNIT_NATURE.get(level, "263"),
                    "work_post": post_name,
                }
            )
    rows["work"].append(
        {
            "work_unit": ctx.name,
            "work_start": person["school_entry_month"],
            "work_unit_nature": UNIT_NATURE.get(level, "263"),
            "work_post": f"{DUTY_NAMES[duty]}、{post_name}" if leader else post_name,
        }
    )

    def unit_at(month: str) -> str:  # where the teacher worked in a month
        return next(w["work_unit"] for w in reversed(rows["work"]) if w["work_start"] <= month)

    # 专业技术职务聘任 and the 岗位聘任 that goes with the current title.
    titles = _titles(rng, level, start, last_year)
    for i, (code, month) in enumerate(titles):
        row = {"title_appointed": code, "title_start_month": month}
        row["title_unit"] = unit_at(month)
        if i + 1 < len(titles):
            row["title_end_month"] = _month_before(titles[i + 1][1])
        if level == "higher":
            row["title_has_qualification"] = True
        rows["title"].append(row)
    title, title_month = titles[-1]
    grade = rng.choice(POST_GRADES[title])
    post = {"post_category": "1", "post_grade": grade, "post_start_month": title_month, "post_has_concurrent": False}
    post["school_duty"] = [duty]
    if leader:
        post["school_duty_start_month"] = _month(min(last_year, max(entry, start + 12) + rng.randint(0, 4)), 9)
    if duty in {"11", "12", "21"}:
        post |= {
            "post_has_concurrent": True,
            "post_concurrent_category": "3",
            "post_concurrent_grade": "207" if duty != "21" else "208",
        }
    rows["post"].append(post)

    # 基本待遇 of last year (未满一年的下年度填报: everyone here has worked all of it).
    basic_pay = BASIC_PAY[int(grade[1:])] + 25 * (today.year - start)
    monthly = {
        "basic_salary": basic_pay,
        "performance_pay": rng.randrange(1800, 3400, 50),
        "rural_teacher_allowance": rng.randrange(300, 600, 50) if ctx.rural else 0,
        "other_allowances": rng.randrange(400, 1400, 20) + (300 if leader else 0),
        "other_income": rng.choice((0, 0, 100, 200, 300)),
    }
    rows["treatment"].append(
        {"treatment_year": last_year, "annual_salary": 12 * sum(monthly.values()) + basic_pay}
        | monthly
        | {"five_insurance": ["1", "2", "3", "4", "5", "6", "7"]}
    )

    # 年度考核 of up to three past years (the first full year of work on).
    for year in range(max(start + 1, last_year - 2), last_year + 1):
        result = "1" if rng.random() < 0.22 else "3" if rng.random() < 0.02 else "2"
        rows["assessment"].append(
            {"assessment_year": year, "assessment_result": result, "assessment_unit": unit_at(_month(year, 12))}
        )

    # 教师资格 of the stage taught (some lower-secondary teachers also hold the senior one).
    kinds = [QUALIFICATION[level]]
    if level == "junior" and rng.random() < 0.15:
        kinds.append("4")
    if level == "vocational" and professional and rng.random() < 0.2:
        kinds.append("6")  # 中等职业学校实习指导教师资格
    for i, kind in enumerate(kinds):
        issued = dt.date(min(start + 2 * i, last_year), rng.randint(10, 12), rng.randint(1, 28))
        issuer = (
            county_bureau if kind in {"1", "2", "3"} else city_bureau if kind in {"4", "5", "6"} else province_bureau
        )
        rows["qualification"].append(
            {
                "qualification_type": kind,
                "qualification_cert_no": f"{issued.year}{ctx.region}{kind}{rng.randint(1, 999999):06d}",
                "qualification_subject": label if kind != "6" else f"{subject}实习指导",
                "qualification_issue_date": issued,
                "qualification_issuer": issuer,
            }
        )

    # 师德信息: the yearly ethics assessment; some with an honour (on Teachers' Day).
    honoured = rng.random() < (0.25 if title in {"062", "061", "022", "012", "011"} else 0.12)
    for year in (last_year - 1, last_year):
        row = {
            "ethics_month": _month(year, 12),
            "ethics_result": "1" if rng.random() < 0.2 else "2",
            "ethics_unit": unit_at(_month(year, 12)),
            "honour_level": "0",
            "sanction_category": "0",
        }
        if honoured and year == last_year:
            level_code = rng.choice(("4", "4", "3", "2"))
            honour = rng.choice(("53", "53", "54", "04"))
            names = {"53": "优秀教师", "54": "优秀教育工作者", "04": "先进工作者"}
            unit = {"4": county_bureau, "3": city_bureau, "2": province_bureau}[level_code]
            row |= {
                "honour_level": level_code,
                "honour_title": honour,
                "honour_date": dt.date(year, 9, 10),
                "honour_description": f"{year}年度{unit.removesuffix('教育局').removesuffix('教育厅')}{names[honour]}",
                "honour_unit": unit,
            }
        rows["ethics"].append(row)

    # 教育教学 of the last two semesters.
    school_year = today.year if today.month >= 9 else today.year - 1
    semesters = ((f"{school_year - 1}-{school_year}", "2"), (f"{school_year}-{school_year + 1}", "1"))
    if leader:
        concurrent = "00"
    elif level in {"kindergarten", "special"}:
        concurrent = "01" if rng.random() < 0.4 else "00"
    else:
        concurrent = _weighted(
            rng,
            {
                "01": 0 if subject in {"体育", "音乐", "美术", "信息技术"} or professional else 35,
                "05": 8,
                "06": 5,
                "07": 2,
                "08": 20 if subject in {"物理", "化学", "生物", "科学"} else 0,
                "03": 4 if level == "primary" else 0,
                "04": 3 if level in {"junior", "senior", "vocational"} else 0,
                "00": 45,
            },
        )
    hours = {"kindergarten": (20, 30), "primary": (12, 18), "junior": (10, 16), "senior": (10, 14)}.get(level, (12, 18))
    weekly = rng.randint(2, 6) if leader else rng.randint(*hours)
    for school_year_text, semester in semesters:
        if level == "higher":
            break
        row = {
            "teaching_school_year": school_year_text,
            "teaching_semester": semester,
            "teaching_stages": [TEACHING_STAGE[level]],
            "teaching_status": "20" if level == "kindergarten" else "22" if professional else "21",
            "weekly_teaching_hours": weekly,
            "weekly_other_hours": rng.randint(4, 8) if concurrent == "01" or leader else rng.randint(1, 4),
            "concurrent_work": concurrent,
        }
        if courses.get(level):
            row["teaching_courses"] = [courses[level]]
            if level == "primary" and subject == "语文" and rng.random() < 0.3:
                row["teaching_courses"].append("102")  # 品德与社会 as well
        if level == "vocational":
            row["vocational_course_category"] = course_category
            row["vocational_subject_category"] = VOCATIONAL_FIELDS.get(subject, "公共基础课")
        if level == "special":
            row["special_courses"] = rng.choice(("生活语文、生活数学", "康复训练", "唱游与律动", "绘画与手工"))
            if rng.random() < 0.3:
                row["special_other_work"] = "送教上门"
        rows["teaching"].append(row)
    if level == "higher":
        supervisor = "2" if title in {"011", "012"} and rng.random() < 0.6 else "0"
        for semester in ("1", "2"):
            rows["teaching"].append(
                {
                    "teaching_year": last_year,
                    "teaching_semester": semester,
                    "main_discipline": major,
                    "supervisor_type": supervisor,
                    "teaches_undergraduates": True,
                    "course_teaching_hours": rng.randrange(48, 192, 16),
                    "other_work_hours": rng.randrange(10, 80, 5),
                }
            )

    # 国内培训: two to four programmes of recent years (the induction course for those who started then).
    teachers_of = "职业院校" if level in {"vocational", "higher"} else "中小学（幼儿园）"
    programmes = [
        ("1", f"国培计划（{{y}}）——{ctx.province}{label}骨干教师能力提升培训", "西北师范大学", "3", 72),
        (
            "2",
            f"{ctx.province}{teachers_of}教师信息技术应用能力提升工程2.0（{{y}}）",
            f"{ctx.province}电化教育馆",
            "2",
            50,
        ),
        ("2", f"{ctx.province}{{y}}年{label}教学能力提升培训", "天水师范学院", "1", 48),
        ("3", f"{ctx.city}{{y}}年班主任专业能力提升培训", city_bureau, "1", 36),
        ("4", f"{ctx.county}{{y}}年师德师风专题培训", county_bureau, "3", 24),
        ("5", "{y}年校本研修：大单元教学设计与实施", "", "4", 40),  # at the school of that year
    ]
    years = list(range(max(start, last_year - 3), last_year + 1))
    chosen = sorted(rng.sample(years, k=min(len(years), rng.randint(2, 4))))
    for year, programme in zip(chosen, rng.sample(programmes, k=len(chosen)), strict=True):
        category, project, institution, form, hours_done = programme
        project, institution = project.format(y=year), institution or unit_at(_month(year, 10))
        if year == start:  # the induction course of the first year
            where = ctx.county if start == entry else ctx.city
            category, project, form, hours_done = "4", f"{where}{year}年新任教师岗前培训", "1", 120
            institution = county_bureau if start == entry else city_bureau
        rows["training"].append(
            {
                "training_year": year,
                "training_category": category,
                "training_project": project,
                "training_institution": institution,
                "training_form": form,
                "training_hours": hours_done,
                "training_credits": max(1, hours_done // 10),
            }
        )

    # 入选人才项目: 地市级/省部级专家 for some senior teachers, 00 无 for the rest.
    senior_title = title in {"062", "061", "022", "012", "011"}
    if senior_title and rng.random() < 0.35:
        since = int(title_month[:4])
        rows["talent"].append(
            {"talent_program": "30" if rng.random() < 0.25 else "40", "talent_year": rng.randint(since, last_year)}
        )
    else:
        rows["talent"].append({"talent_program": "00"})

    # 海外研修(访学): a few weeks abroad for some (English teachers most), 否 for the rest.
    if last_year - start >= 5 and rng.random() < (0.35 if subject == "英语" or level == "higher" else 0.09):
        year = rng.randint(start + 4, last_year)
        begin = dt.date(year, rng.choice((1, 4, 7)), rng.randint(1, 20))  # back within the year
        country, institution = rng.choice(OVERSEAS)
        rows["overseas"].append(
            {
                "overseas_flag": True,
                "overseas_start_date": begin,
                "overseas_end_date": begin + dt.timedelta(days=rng.choice((21, 28, 42, 90))),
                "overseas_country": country,
                "overseas_institution": institution,
                "overseas_project": f"{ctx.province}{stage_name}骨干教师海外研修项目",
                "overseas_organizer": "国家留学基金管理委员会" if rng.random() < 0.4 else province_bureau,
            }
        )
    else:
        rows["overseas"].append({"overseas_flag": False})

    # 技能及证书: everyone's 普通话 certificate; a second skill or certificate for some.
    putonghua = "103" if subject == "语文" or level == "kindergarten" else rng.choice(("103", "104", "104"))
    if subject == "语文" and rng.random() < 0.15:
        putonghua = "102"
    tested = start - 1
    rows["skills"].append(
        {
            "skill_language": "zh",
            "skill_language_proficiency": "1",
            "certificate_type": "2",
            "language_certificate": putonghua,
            "certificate_name": "普通话水平测试等级证书",
            "certificate_month": _month(tested, rng.choice((5, 6, 11, 12))),
            "certificate_issuer": f"{ctx.province}语言文字工作委员会",
            "certificate_no": f"62{tested}{rng.randint(0, 10**9 - 1):09d}",
        }
    )
    second = {
        "英语": (0.7, "1" if rng.random() < 0.4 else "2", "9", "英语专业八级证书", "高等学校外语专业教学指导委员会"),
        "信息技术": (0.6, "4", "3", "全国计算机等级考试二级证书", "教育部教育考试院"),
        "音乐": (0.4, "4", "9", "钢琴演奏等级证书（十级）", "中国音乐家协会"),
    }.get(subject, (0.15, "3", "9", "全国大学英语六级证书", "教育部教育考试院"))
    if professional:
        skill = {
            "机械加工": "数控车工（高级）",
            "计算机应用": "计算机程序设计员（三级）",
            "会计": "会计专业技术资格（中级）",
        }
        name = skill.get(subject, "电子商务师（三级）" if subject == "电子商务" else "汽车维修工（高级）")
        second = (0.75, "4", "1", f"{name}证书", f"{ctx.province}人力资源和社会保障厅")
    chance, english, kind, name, issuer = second
    if rng.random() < chance:
        month = _month(rng.randint(start - 2, last_year), rng.choice((3, 6, 9, 12)))
        rows["skills"].append(
            {
                "skill_language": "en",
                "skill_language_proficiency": english,
                "certificate_type": kind,
                "certificate_name": name,
                "certificate_month": month,
                "certificate_issuer": issuer,
                "certificate_no": f"{month[:4]}{rng.randint(0, 10**10 - 1):010d}",
            }
        )
        if subject == "音乐":
            rows["skills"][-1] |= {"skill_other_name": "钢琴", "skill_other_proficiency": "2"}

    # 交流轮岗: a school year of exchange, rotation or 支教 for some, 0 无 for the rest.
    if last_year - entry >= 3 and rng.random() < 0.18:
        year = rng.randint(entry + 1, last_year - 1)
        kind = _weighted(rng, {"3": 5, "2": 2, "1": 2, "4": 1})
        rows["rotation"].append(
            {
                "rotation_type": kind,
                "rotation_transfers_relation": kind == "1" and rng.random() < 0.3,
                "rotation_start_month": _month(year, 9),
                "rotation_end_month": _month(year + 1, 7),
                "rotation_origin_unit": ctx.name,
                "rotation_unit": rng.choice(RURAL_UNITS[level]),
            }
        )
    else:
        rows["rotation"].append({"rotation_type": "0"})

    # 教学科研成果及获奖 (no 无 code): papers, awards, projects, students' prizes, artworks for about a third.
    chance = 0.36 if senior_title else 0.25 if title in {"063", "023", "013"} else 0.1
    if last_year - start >= 3 and rng.random() < chance:
        kinds = {"3": 45, "4": 30, "1": 12}
        kinds |= {
            "10": 13 if level not in {"kindergarten", "special"} else 0,
            "5": 15 if subject in {"音乐", "美术"} else 0,
        }
        for i in range(rng.choice((1, 1, 2, 3))):
            kind = _weighted(rng, kinds)
            year = rng.randint(start + 2, last_year)
            row = {"achievement_kind": kind, "achievement_representative": i == 0}
            if kind == "3":
                page = rng.randint(8, 90)
                row |= {
                    "paper_title": f"核心素养视域下{label}{rng.choice(PAPER_TOPICS)}",
                    "paper_journal": rng.choice(JOURNALS),
                    "paper_publish_month": _month(year, rng.randint(1, 12)),
                    "paper_issue": str(rng.randint(1, 24)),
                    "paper_pages": f"{page}-{page + rng.randint(1, 3)}",
                    "paper_role": rng.choice(("04", "09")),
                    "paper_discipline": label,
                    "paper_indexing": ["0"],
                }
            elif kind == "4":
                unit = rng.choice((county_bureau, city_bureau))
                contest = "青年教师课堂教学大赛" if start >= last_year - 15 else "优质课评比"
                row |= {
                    "award_category": "1",
                    "award_month": _month(year, rng.randint(4, 12)),
                    "award_name": f"{unit.removesuffix('教育局')}{label}{contest}",
                    "award_grade": rng.choice(("2", "3", "4")),
                    "award_rank": 1,
                    "award_country": "156",
                    "award_unit": unit,
                }
            elif kind == "1":
                year = min(year, last_year - 2)
                lead = rng.random() < 0.5
                city_level = rng.random() < 0.5
                row |= {
                    "project_type": "3",
                    "project_name": f"{label}{rng.choice(PAPER_TOPICS)}",
                    "project_approval_no": f"GS[{year}]GHB{rng.randint(1, 3999):04d}"
                    if not city_level
                    else f"LZ{year}{rng.randint(1, 999):03d}",
                    "project_discipline": label,
                    "project_funding": rng.choice((0.3, 0.5, 1.0)),
                    "project_start_month": _month(year, 3),
                    "project_end_month": _month(year + 2, 6),
                    "project_role": "01" if lead else "02",
                    "project_rank": 1 if lead else rng.randint(2, 5),
                    "project_commissioner": f"{ctx.city}教育科学研究所"
                    if city_level
                    else f"{ctx.province}教育科学规划领导小组办公室",
                    "project_source": "17" if city_level else "05",
                }
            elif kind == "10":
                contest = {
                    "体育": f"{ctx.city}中小学生田径运动会",
                    "音乐": f"{ctx.province}中小学生艺术展演",
                    "美术": f"{ctx.province}中小学生书画大赛",
                    "信息技术": "全国青少年科技创新大赛（甘肃赛区）",
                }.get(subject, f"{ctx.city}中小学生{subject}素养展示活动")
                row |= {
                    "student_award_name": contest,
                    "student_award_role": "14",
                    "student_award_grade": rng.choice(("2", "3", "4")),
                    "student_award_month": _month(year, rng.randint(4, 12)),
                    "student_award_description": "指导学生参赛并获奖",
                }
            else:  # "5": 音乐 and 美术 teachers' own works
                category, work = (
                    ("1", "校园歌曲《春到陇原》")
                    if subject == "音乐"
                    else rng.choice((("3", "国画《黄河铁桥》"), ("2", "书法《沁园春·雪》")))
                )
                row |= {
                    "artwork_category": category,
                    "artwork_name": work,
                    "artwork_role": "04",
                    "artwork_completed_month": _month(year, rng.randint(1, 12)),
                    "artwork_place": ctx.city,
                    "artwork_description": "独立创作，入选区教师作品展",
                }
            rows["achievements"].append(row)
    return dict(rows)


def _basic_from_records(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
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


def _fallback(field: Field, person: dict[str, Any]) -> Any:
    """A value for a required province extension indicator the demo knows nothing about."""
    value = _value(field, person)
    if value is None:
        value = {"integer": 0, "decimal": 0, "date": person["birth_date"].isoformat(), "text": "无"}.get(
            field.data_type
        )
    return value


def _leaders(people: list[tuple[random.Random, dict[str, Any]]], per_school: int, today: dt.date) -> list[str]:
    """校级职务 per person: the school's leaders are the first of its teachers aged 40 to 55 (00 无 for the rest)."""
    duties = iter(LEADERS[: max(1, per_school // 4)])
    out = []
    for _rng, person in people:
        age = today.year - person["birth_date"].year
        service = today.year - int(person["work_start_month"][:4])
        out.append(next(duties, "00") if 40 <= age <= 55 and service >= 15 else "00")
    return out


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
        groups = [g for g in catalogue.groups if g.many and g.code in GROUP_MODELS]
        ctx = school_context(school)
        people = []
        for _ in range(per_school):
            serial += 1
            rng = random.Random(seed * 100_000 + serial)  # per person: reloading reproduces the same people
            people.append((rng, _person(rng, ctx.region, serial, today)))
        for (rng, person), duty in zip(people, _leaders(people, per_school, today), strict=True):
            digest = id_dedup_key(identity.RESIDENT_ID, person["id_number"])
            if Teacher.objects.filter(id_digest=digest).exists():
                continue
            rows = career(rng, person, ctx, duty)
            wanted = [f for f in basic.fields if (f.required or f.code in CHOSEN) and not f.extension]
            data = {f.code: _value(f, person) for f in wanted}
            data = {k: v for k, v in data.items() if v is not None} | person
            derived = _basic_from_records(rows)
            data |= {k: v for k, v in derived.items() if k.startswith(("highest_", "current_")) or basic.field(k)}
            age = today.year - person["birth_date"].year
            party = duty in {"11", "12", "21"} or rng.random() < 0.4
            data["political_status"] = ["01"] if party else ["03"] if age <= 28 else ["13"]
            teacher, _warnings = teacher_create(actor=SYSTEM, school_code=school.code, data=data)
            for group in groups:
                for row in rows.get(group.code, []):
                    records[group.code].append(_record(teacher, group, row, person))
            teachers.append(teacher)
            added += 1
    for code, batch in records.items():
        GROUP_MODELS[code].objects.bulk_create(batch, batch_size=2000)
    for teacher in teachers:  # what group_record_save does after each write, once per archive
        stamp_change(teacher, new_version=True, actor=SYSTEM)
    return added


def _record(teacher: Teacher, group: Group, row: dict[str, Any], person: dict[str, Any]) -> GroupRecord:
    """An unsaved record of a demo row, refused unless the catalogue validator finds nothing in it."""
    model = GROUP_MODELS[group.code]
    unknown = set(row) - set(group_record_columns(model))
    if unknown:
        raise ValueError(f"demo {group.code} row: no such columns {sorted(unknown)}")
    extra = {f.code: _fallback(f, person) for f in group.fields if f.extension and f.required}
    record = model(teacher=teacher, province_code=teacher.province_code, extra=extra, **row)
    problems = validate_row(group, validator_row(record, group))
    if problems:
        raise ValueError(f"demo {group.code} row of {teacher.name} is invalid: {problems} in {row}")
    return record
