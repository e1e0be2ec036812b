"""Demo training credits for `make run` (run after load_demo_reviews and load_demo_changes): 甘肃's rules, a programme
at each level with its completion list confirmed, and claims filed by 城关区第一实验小学 in the states a reviewer and
a filler meet. Idempotent: each part is skipped once it is there (the rules, a programme of that name, its list,
the school's demo claims), so running twice adds nothing.

- **Rules.** 甘肃 (620000) sets the national defaults as its version 1 (`rules_set` by demo-province): 360 学时 per
  five-year cycle from 2021, 120 for a new teacher's first year, 10 学时 per 学分, no quotas or caps.
- **Programmes** (`programme_create` by their organisations' administrators: demo-province, demo-city,
  demo-county-a): 省级, 地市级 and 县级. The 校本 programme belongs to 城关区阳光幼儿园, which has no login in the
  demo (a school runs its programmes through an administrator of its own); it is written directly as the service
  would write it (its level 校本, the school's path), with demo-county-a, the administrator of the school's county,
  as its creator, and its list is confirmed by demo-county-a too.
- **Completion lists** go through the product's own path: a CSV of 教师编号/姓名/完成学时 read by
  `completions_import`, then `completions_confirm` by the programme's runner — every completed participant becomes
  an approved claim and an archive 国内培训 record. Most kindergarten teachers complete all four programmes
  (120 + 90 + 90 + 60 = 360 学时: compliant), some fewer hours; teachers of two 七里河区 schools the province's and
  the city's; a few of 城关区第一实验小学 the province's or the county's; some stay enrolled without hours.
- **Filed claims** of 城关区第一实验小学 (`claim_file` by demo-school-a): approved by its reviewer and 城关区
  (`tmis.reviews.services.decide`, as the demo archives are), one returned by the school's reviewer with a reason,
  and some waiting at the school. None is left waiting at the county, whose queue the browser tests read.

The teachers are chosen so that the browser tests are not disturbed: never the first archive of a school in id order
(the lists open the first archive: the first of 城关区, 兰州市 and 甘肃 is 阳光幼儿园's first); at 城关区第一实验小学
only approved archives with no open change (as load_demo_reviews and load_demo_changes leave them), past the first;
none of the schools the data-quality demo changes (3162010202, 3462010204, 3162010302) nor 建兰路小学 (2162010301),
whose reviewer the browser tests switch off. Dates lie in the current cycle, no later than today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from tmis.accounts.models import User
from tmis.orgs.models import Organisation
from tmis.reviews import services as engine
from tmis.reviews.models import Action
from tmis.teachers.models import RecordState, Teacher

from .completions import completions_confirm, completions_import
from .models import Claim, ClaimSource, Participant, Programme, TrainingRules
from .programmes import programme_create
from .rules import DEFAULTS, LEVEL_OF_ORGANISATION, Rules, rules_for
from .selectors import review_item_of
from .services import claim_file, rules_set

PROVINCE = "620000"
SCHOOL_A = "2162010201"  # 城关区第一实验小学: demo-school-a files, demo-school-a-reviewer and demo-county-a decide
KINDERGARTEN = "1162010203"  # 城关区阳光幼儿园: the 校本 programme's school
QILIHE = ("3662010303", "5162010304")  # 七里河区职业中等专业学校, 七里河区特殊教育学校
#: Left alone: the schools whose archives the data-quality demo changes (load_demo_quality).
QUALITY_SCHOOLS = ("3162010202", "3462010204", "3162010302")


@dataclass(frozen=True)
class DemoProgramme:
    key: str
    runner: str  # the administrator who runs it (creates it and confirms its list)
    name: str
    provider: str
    form: str  # 培训方式: 1 集中面授, 2 网络研修, 3 混合式, 4 校本研修
    hours: int
    days_ago: tuple[int, int]  # (start, end) before today
    school: str = ""  # a school's own (校本) programme: the school's code


PROGRAMMES = [
    DemoProgramme(
        "province", "demo-province", "甘肃省中小学幼儿园骨干教师能力提升培训", "西北师范大学", "3", 120, (210, 150)
    ),
    DemoProgramme("city", "demo-city", "兰州市班主任专业能力提升研修班", "兰州市教育局", "1", 90, (130, 120)),
    DemoProgramme(
        "county", "demo-county-a", "城关区新课标与大单元教学专题培训", "城关区教师发展中心", "1", 90, (95, 88)
    ),
    DemoProgramme(
        "school",
        "demo-county-a",
        "校本研修：幼儿园游戏化课程设计与实施",
        "兰州市城关区阳光幼儿园",
        "4",
        60,
        (75, 30),
        school=KINDERGARTEN,
    ),
]

#: Filed claims of 城关区第一实验小学: (what happens, kind, title, provider, level, form, hours, days ago).
#: Level and form left empty take the kind's defaults (校本 for school-based study, 其他 otherwise).
FILED = [
    ("approved", "research", "城关区小学语文大单元教学实践研究（区级课题）", "城关区教育局", "4", "", 40, 100),
    ("approved", "publication", "论文《小学数学课堂中的问题链设计》", "《甘肃教育》", "", "", 20, 80),
    ("approved", "exchange", "赴天水市秦州区送教下乡交流", "兰州市教育局", "3", "1", 16, 70),
    ("approved", "self_study", "国家中小学智慧教育平台暑期教师研修", "国家中小学智慧教育平台", "1", "2", 30, 110),
    ("returned", "other", "兰州市青年教师教学技能展示活动", "兰州市教育局", "", "", 24, 45),
    ("waiting", "school_based", "校本教研：小学高年级作业设计", "", "", "", 12, 20),
    ("waiting", "exchange", "兰州市小学数学优质课观摩研讨", "兰州市教育局", "3", "1", 8, 12),
    ("waiting", "self_study", "国家中小学智慧教育平台寒假教师研修", "国家中小学智慧教育平台", "1", "2", 10, 5),
]
RETURN_REASON = "缺少活动证明材料，请上传获奖证书或主办单位通知后重新提交。"


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__startswith="demo-").select_related("organisation")}


class _Days:
    """Days before today, never before the current cycle's first day (the demo's hours fall in the cycle shown)."""

    def __init__(self, rules: Rules, today: dt.date) -> None:
        self.today = today
        self.first = dt.date(rules.cycle_of(today.year)[0], 1, 1)

    def ago(self, days: int) -> dt.date:
        return max(self.today - dt.timedelta(days=days), self.first)


def _rules(users: dict[str, User]) -> int:
    province = Organisation.objects.get(code=PROVINCE)
    if TrainingRules.objects.filter(province=province).exists():
        return 0
    data = {k: v for k, v in DEFAULTS.as_dict().items() if k != "version"}
    data["note"] = "采用国家默认规则：每五年一周期，每周期不少于360学时，新教师首年120学时，10学时折合1学分。"
    rules_set(actor=users["demo-province"], province=province, data=data)
    return 1


def _programme(spec: DemoProgramme, users: dict[str, User], days: _Days) -> tuple[Programme, bool]:
    actor = users[spec.runner]
    organisation = Organisation.objects.get(code=spec.school) if spec.school else actor.organisation
    found = Programme.objects.filter(organisation=organisation, name=spec.name).first()
    if found is not None:
        return found, False
    values: dict[str, Any] = {
        "name": spec.name,
        "form": spec.form,
        "hours": spec.hours,
        "start_date": days.ago(spec.days_ago[0]),
        "end_date": days.ago(spec.days_ago[1]),
        "provider": spec.provider,
        "description": f"{spec.name}（演示数据）",
    }
    if not spec.school:
        return programme_create(actor=actor, **values), True
    # A school's own programme: no school administrator logs in to the demo, so it is written as programme_create
    # would write it for one (the school's level, 校本, and path), by the administrator of the school's county.
    programme = Programme.objects.create(
        organisation=organisation,
        org_path=organisation.path,
        level=LEVEL_OF_ORGANISATION[organisation.level],
        created_by=actor,
        **values,
    )
    return programme, True


def _current(school: str) -> list[Teacher]:
    """The current archives of a school in id order, the first left out (the browser tests open it)."""
    return list(Teacher.objects.filter(school__code=school, active=True).order_by("id")[1:])


def _quiet_school_a() -> list[Teacher]:
    """Approved archives of 城关区第一实验小学 with no change open, past the first in id order."""
    found = Teacher.objects.filter(
        school__code=SCHOOL_A,
        active=True,
        record_state=RecordState.APPROVED,
        pending_change=False,
        open_change__isnull=True,
    ).order_by("id")
    first = Teacher.objects.filter(school__code=SCHOOL_A).order_by("id").values_list("id", flat=True).first()
    return [t for t in found if t.pk != first]


def _lists() -> dict[str, list[tuple[Teacher, int | None]]]:
    """Each programme's list: (teacher, hours completed or None for enrolled only)."""
    kindergarten = _current(KINDERGARTEN)
    qilihe = [t for school in QILIHE for t in _current(school)[:12]]
    school_a = _quiet_school_a()
    province = [(t, None if n % 9 == 8 else 120 if n % 4 else 80) for n, t in enumerate(kindergarten)]
    province += [(t, None if n % 10 == 9 else 120) for n, t in enumerate(qilihe)]
    province += [(t, 120) for t in school_a[:3]]
    city = [(t, 90 if n % 3 else 60) for n, t in enumerate(kindergarten)]
    city += [(t, 90) for n, t in enumerate(qilihe) if n % 2 == 0]
    county = [(t, 90) for n, t in enumerate(kindergarten) if n % 5 != 4]
    county += [(t, 90) for t in school_a[1:5]]
    school = [(t, 60 if n % 6 else 40) for n, t in enumerate(kindergarten)]
    return {"province": province, "city": city, "county": county, "school": school}


def _csv(rows: list[tuple[Teacher, int | None]]) -> SimpleUploadedFile:
    lines = ["教师编号,姓名,完成学时"] + [f"{t.teacher_no},{t.name},{'' if h is None else h}" for t, h in rows]
    return SimpleUploadedFile("completions.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def _completions(programme: Programme, rows: list[tuple[Teacher, int | None]], actor: User) -> int:
    """The list imported (once: a programme with participants keeps them) and confirmed; claims made."""
    if rows and not Participant.objects.filter(programme=programme).exists():
        result = completions_import(actor=actor, programme=programme, upload=_csv(rows))
        if result["bad_rows"]:
            raise ValueError(f"demo completion list of {programme.name}: {result['problems'][:3]}")
    waiting = Participant.objects.filter(programme=programme, claim__isnull=True, hours__isnull=False)
    if not waiting.exists():
        return 0
    return completions_confirm(actor=actor, programme=programme)["confirmed"]


def _filed(users: dict[str, User], days: _Days) -> dict[str, int]:
    """The school's filed claims, one teacher each while there are enough (a teacher may have two otherwise)."""
    done = {"approved": 0, "returned": 0, "waiting": 0}
    titles = [row[2] for row in FILED]
    if Claim.objects.filter(school__code=SCHOOL_A, source=ClaimSource.FILED, title__in=titles).exists():
        return done
    teachers = _quiet_school_a()[::-1]  # from the end: the first few are on the province's and county's lists
    if not teachers:
        return done
    filler, school, county = users["demo-school-a"], users["demo-school-a-reviewer"], users["demo-county-a"]
    for n, (outcome, kind, title, provider, level, form, hours, ago) in enumerate(FILED):
        teacher = teachers[n % len(teachers)]
        data = {"kind": kind, "title": title, "provider": provider, "level": level, "form": form, "hours": hours}
        claim = claim_file(actor=filler, teacher=teacher, data=data | {"date": days.ago(ago), "note": ""})
        item = review_item_of(claim.pk)
        assert item is not None
        if outcome == "approved":
            for reviewer in (school, county):
                engine.decide(actor=reviewer, submission_id=item, action=Action.APPROVE)
        elif outcome == "returned":
            engine.decide(actor=school, submission_id=item, action=Action.RETURN, reason=RETURN_REASON)
        done[outcome] += 1
    return done


@transaction.atomic
def load_demo_training(today: dt.date | None = None) -> dict[str, int]:
    """What was added: rules versions, programmes, confirmed completions, filed claims by outcome."""
    users = _users()
    added = {"rules": 0, "programmes": 0, "completions": 0, "approved": 0, "returned": 0, "waiting": 0}
    if "demo-province" not in users or not Teacher.objects.filter(school__code=KINDERGARTEN).exists():
        return added  # load_demo and load_demo_teachers first
    added["rules"] = _rules(users)
    days = _Days(rules_for(PROVINCE), today or timezone.localdate())
    lists = _lists()
    for spec in PROGRAMMES:
        programme, created = _programme(spec, users, days)
        added["programmes"] += created
        added["completions"] += _completions(programme, lists[spec.key], users[spec.runner])
    added |= _filed(users, days)
    return added
