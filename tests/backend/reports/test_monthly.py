"""The monthly progress report (月报表, decision 8): snapshots whose every figure equals a recount from the archive,
that later edits never change (the tables refuse UPDATE and DELETE), taken on demand only by the Ministry or a
province; the 通报 ranking with the change since the previous period; the XLSX form."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.db import IntegrityError, InternalError, ProgrammingError, transaction
from python_calamine import CalamineWorkbook

from tests.factories.headcounts import HeadcountFactory
from tests.factories.teachers import TeacherRowFactory
from tests.factories.workplans import GroupMemberFactory, MilestoneFactory, WorkPlanFactory
from tmis.accounts.models import User
from tmis.headcounts.models import SchoolHeadcount
from tmis.orgs.models import Level, Organisation
from tmis.quality.models import QualityIssue
from tmis.reports.models import SnapshotRow
from tmis.reports.monthly import take_snapshot
from tmis.teachers.models import RecordState, Teacher
from tmis.teachers.writes import stamp_change

pytestmark = pytest.mark.django_db
MONTHLY = "/api/v1/reports/monthly/"


def _archive(rng: random.Random, count: int = 60) -> list[Teacher]:
    """Teachers in random states, and a 2026 statistics headcount for half the schools (the last has none)."""
    schools = list(Organisation.objects.filter(level=Level.SCHOOL, province_code="620000").order_by("code"))
    for school in rng.sample(schools[:-1], len(schools) // 2):
        HeadcountFactory(school=school, year=2026, fulltime=rng.randint(0, 20), staff=rng.randint(20, 40))
    teachers = []
    for _ in range(count):
        school = rng.choice(schools[:-1])  # the last school keeps no teacher: it should report, has not
        teachers.append(
            TeacherRowFactory(
                school=school, org_path=school.path, record_state=rng.choice([s.value for s in RecordState])
            )
        )
    return teachers


def _recount(org: Organisation) -> dict:
    """The organisation's every-kind figures counted from the archive and the tree."""
    schools = Organisation.objects.filter(level=Level.SCHOOL, path__startswith=org.path)
    figures = dict.fromkeys(
        ("schools_submitted", "schools_approved", "collected", "submitted", "approved", "returned"), 0
    )
    figures["schools_expected"] = schools.count()
    for school in schools:
        states = list(Teacher.objects.filter(school=school, active=True).values_list("record_state", flat=True))
        sent = [s for s in states if s != RecordState.DRAFT]
        approved = states.count(RecordState.APPROVED)
        figures["collected"] += len(states)
        figures["submitted"] += len(sent)
        figures["approved"] += approved
        figures["returned"] += states.count(RecordState.RETURNED)
        figures["schools_submitted"] += bool(sent)
        figures["schools_approved"] += bool(states) and approved == len(states)
    figures["accounts"] = User.objects.filter(is_active=True, organisation__path__startswith=org.path).count()
    staff = list(SchoolHeadcount.objects.filter(school__in=schools, year=2026).values_list("staff", flat=True))
    figures["teachers_expected"] = sum(staff) if staff else None
    flagged = QualityIssue.objects.filter(school__in=schools).values("teacher_id").distinct()
    figures["problems"] = flagged.count()
    return figures


def _read(client, period: str, org: str) -> dict:
    response = client.get(f"{MONTHLY}{period}/", {"org": org}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.json()
    return response.json()


def test_every_figure_equals_a_recount_and_later_edits_change_no_snapshot(client_for):
    rng = random.Random(8)
    teachers = _archive(rng)
    take_snapshot(period="2026-11")
    province = client_for("demo-province")
    report = _read(province, "2026-11", "620000")
    for entry in [report, *report["children"], *_read(province, "2026-11", "620102")["children"]]:
        org = Organisation.objects.get(code=entry["organisation"]["code"])
        expected = _recount(org)
        got = {key: entry["total"][key] for key in expected}
        assert got == expected, org.name
        rate = entry["total"]["collection_rate"]
        if expected["teachers_expected"]:
            assert rate == round(expected["collected"] / expected["teachers_expected"], 4), org.name
        else:
            assert rate is None, org.name
        by_type = entry["by_type"]
        assert sum(kind["collected"] for kind in by_type) == expected["collected"]
        assert all(kind["school_type_name"] and kind["accounts"] is None for kind in by_type)
    assert report["total"]["problems"] > 0, "the generated archives have data-quality issues"
    before = _read(province, "2026-11", "620102")
    for teacher in rng.sample(teachers, 20):  # edits after the snapshot
        Teacher.objects.filter(pk=teacher.pk).update(record_state=RecordState.APPROVED)
        stamp_change(teacher)
    take_snapshot(period="2026-12")
    assert _read(province, "2026-11", "620102") == before
    assert _read(province, "2026-12", "620102") != before
    row = SnapshotRow.objects.filter(snapshot__period="2026-11").first()
    for write in (lambda: SnapshotRow.objects.filter(pk=row.pk).update(collected=0), lambda: row.delete()):
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
            write()
    assert SnapshotRow.objects.get(pk=row.pk).collected == row.collected


def test_the_ranking_compares_with_the_previous_period(client_for):
    rng = random.Random(9)
    teachers = _archive(rng)
    take_snapshot(period="2026-10")
    for teacher in teachers[:30]:
        Teacher.objects.filter(pk=teacher.pk).update(record_state=RecordState.APPROVED)
        stamp_change(teacher)
    take_snapshot(period="2026-11")
    body = client_for("demo-city").get("/api/v1/reports/ranking/", {"period": "2026-11"}).json()
    assert body["previous_period"] == "2026-10"
    ranks = body["children"]
    assert [entry["rank"] for entry in ranks] == list(range(1, len(ranks) + 1))
    # Collection rate first (a child without a statistics headcount after those with one), then approval rate.
    keys = [
        (
            e["collection_rate"] is None,
            -(e["collection_rate"] or 0),
            e["approval_rate"] is None,
            -(e["approval_rate"] or 0),
        )
        for e in ranks
    ]
    assert keys == sorted(keys)
    assert any(e["collection_rate"] is not None for e in ranks)
    before = {e["organisation"]["code"]: e for e in _read(client_for("demo-city"), "2026-10", "620100")["children"]}
    for entry in ranks:
        then = before[entry["organisation"]["code"]]["total"]["approval_rate"]
        if entry["approval_rate"] is not None and then is not None:
            assert entry["approval_change"] == pytest.approx(entry["approval_rate"] - then, abs=1e-4)
    chengguan = next(e for e in ranks if e["organisation"]["code"] == "620102")
    assert chengguan["approval_change"] > 0


def test_only_the_ministry_or_a_province_takes_one_on_demand(client_for):
    assert client_for("demo-county-a").post(MONTHLY).status_code == 403
    assert client_for("demo-school-a").post(MONTHLY).status_code == 403
    taken = client_for("demo-province").post(MONTHLY)
    assert taken.status_code == 201, taken.json()
    listed = client_for("demo-county-a").get(MONTHLY).json()
    assert listed[0]["period"] == taken.json()["period"] and listed[0]["taken_by"] == "甘肃省管理员"
    assert client_for("demo-county-a").get(f"{MONTHLY}1999-01/").status_code == 404
    assert client_for("demo-county-a").get(f"{MONTHLY}{taken.json()['period']}/", {"org": "620103"}).status_code == 400


def test_the_xlsx_form(client_for):
    _archive(random.Random(3), 20)
    take_snapshot(period="2026-11")
    response = client_for("demo-county-a").get(f"{MONTHLY}2026-11/xlsx/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert "月报表" in rows[0][0]
    assert rows[1][:4] == ["机构", "学校类型", "应报学校数", "已报送学校数"]
    names = {row[0] for row in rows[2:-1]}
    assert names == set(Organisation.objects.filter(parent__code="620102").values_list("name", flat=True))
    assert rows[-1][0] == "合计"


def test_the_job_takes_the_month_just_ended():
    from tmis.reports.jobs import previous_month

    first = dt.datetime(2027, 1, 1, 1, 5, tzinfo=dt.UTC).timestamp()
    assert previous_month(int(first)) == "2026-12"


def test_the_contact_is_kept_in_the_snapshot_and_the_ministry_notice_lists_overdue_milestones(client_for):
    """The working group's contact is copied when the snapshot is taken (a later change shows in the next one
    only); the 通报 of the Ministry lists each province's milestones past due and not done, as of the day read."""
    from tmis.workplans.models import GroupRole

    province = Organisation.objects.get(code="620000")
    liaison = GroupMemberFactory(organisation=province, role=GroupRole.LIAISON, name="王联络", office_phone="0931-1")
    GroupMemberFactory(organisation=province, role=GroupRole.LEADER, name="李组长")
    plan = WorkPlanFactory(organisation=province, year=2026)
    late = MilestoneFactory(plan=plan, title="完成数据采集", due_date=dt.date(2026, 10, 31))
    MilestoneFactory(plan=plan, title="已完成的", due_date=dt.date(2026, 9, 30), done_date=dt.date(2026, 9, 29))
    MilestoneFactory(plan=plan, title="未到期", due_date=dt.date(2099, 1, 1))
    take_snapshot(period="2026-11")
    liaison.name = "赵新任"
    liaison.save()
    take_snapshot(period="2026-12")

    ministry = client_for("demo-central")
    report = _read(ministry, "2026-11", "000000")
    gansu = next(e for e in report["children"] if e["organisation"]["code"] == "620000")
    assert gansu["contact"] == "王联络 0931-1"
    later = next(e for e in _read(ministry, "2026-12", "000000")["children"] if e["organisation"]["code"] == "620000")
    assert later["contact"] == "赵新任 0931-1"
    assert _read(client_for("demo-province"), "2026-11", "620000")["contact"] == "王联络 0931-1"

    body = ministry.get("/api/v1/reports/ranking/", {"period": "2026-12"}).json()
    entry = next(e for e in body["children"] if e["organisation"]["code"] == "620000")
    assert entry["overdue_milestones"] == [
        {"title": "完成数据采集", "due_date": "2026-10-31", "owner": late.owner, "plan": plan.title}
    ]
    others = [e for e in body["children"] if e["organisation"]["code"] != "620000"]
    assert others and all(e["overdue_milestones"] == [] for e in others)
