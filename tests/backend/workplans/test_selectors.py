"""The public reads the reports module calls (月报表 contact, 通报 overdue milestones): right at the boundary, and a
fixed number of queries whatever the number of organisations."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.workplans import GroupMemberFactory, MilestoneFactory, WorkPlanFactory
from tmis.orgs.models import Organisation
from tmis.workplans.demo import load_demo_workplans
from tmis.workplans.models import GroupMember, Milestone, WorkPlan
from tmis.workplans.selectors import contacts_for, overdue_milestones, overdue_milestones_of_children

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 5, 10)


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def test_overdue_at_the_boundary_in_one_query(django_assert_num_queries):
    gansu, beijing, city = _org("620000"), _org("110000"), _org("620100")
    plan = WorkPlanFactory(organisation=gansu, year=2026)
    late = MilestoneFactory(plan=plan, due_date=ON - dt.timedelta(days=1), title="昨天到期")
    MilestoneFactory(plan=plan, due_date=ON, title="今天到期")  # due today: not overdue
    MilestoneFactory(plan=plan, due_date=ON - dt.timedelta(days=9), done_date=ON, title="已完成")
    older = MilestoneFactory(plan=WorkPlanFactory(organisation=gansu, year=2025), due_date=dt.date(2025, 12, 1))
    bj = MilestoneFactory(plan=WorkPlanFactory(organisation=beijing, year=2026), due_date=dt.date(2026, 1, 1))
    MilestoneFactory(plan=WorkPlanFactory(organisation=city, year=2026), due_date=dt.date(2026, 1, 1))
    ministry = _org("000000")
    with django_assert_num_queries(1):
        found = overdue_milestones([gansu.pk, beijing.pk, ministry.pk], ON)
    assert [m.id for m in found[gansu.pk]] == [older.pk, late.pk]  # oldest due first
    assert found[gansu.pk][1].days_overdue == 1 and found[gansu.pk][1].plan_title == plan.title
    assert [m.id for m in found[beijing.pk]] == [bj.pk]
    assert ministry.pk not in found
    assert overdue_milestones([], ON) == {}


def test_overdue_of_children_counts_each_childs_own_plans(django_assert_num_queries):
    gansu, city = _org("620000"), _org("620100")
    own = MilestoneFactory(plan=WorkPlanFactory(organisation=gansu, year=2026), due_date=dt.date(2026, 2, 1))
    MilestoneFactory(plan=WorkPlanFactory(organisation=city, year=2026), due_date=dt.date(2026, 2, 1))
    ministry = _org("000000")
    with django_assert_num_queries(1):
        found = overdue_milestones_of_children(ministry.pk, ON)
    assert set(found) == {gansu.pk} and [m.id for m in found[gansu.pk]] == [own.pk]


def test_contacts_prefer_the_liaison_then_the_leader_in_one_query(django_assert_num_queries):
    gansu, beijing, city = _org("620000"), _org("110000"), _org("620100")
    GroupMemberFactory(organisation=gansu, role="leader", name="王建国", office_phone="0931-1")
    GroupMemberFactory(organisation=gansu, role="liaison", name="张敏", office_phone="0931-3", sort_order=2)
    GroupMemberFactory(organisation=gansu, role="liaison", name="后联络员", office_phone="0931-4", sort_order=3)
    GroupMemberFactory(organisation=beijing, role="leader", name="京组长", office_phone="", mobile="13800001234")
    GroupMemberFactory(organisation=city, role="member", name="普通成员")
    with django_assert_num_queries(1):
        contacts = contacts_for([gansu.pk, beijing.pk, city.pk])
    assert contacts == {gansu.pk: "张敏 0931-3", beijing.pk: "京组长 13*******34"}
    assert contacts_for([beijing.pk], full_mobile=True) == {beijing.pk: "京组长 13800001234"}
    assert contacts_for([]) == {}


def test_the_demo_loader_is_idempotent():
    today = dt.date.today()
    assert load_demo_workplans(today) == (2, 8)
    assert load_demo_workplans(today) == (0, 0)
    assert WorkPlan.objects.count() == 2 and GroupMember.objects.count() == 8
    plan = WorkPlan.objects.get(organisation__code="620000")
    states = sorted(
        ("done" if m.done_date else "overdue" if m.due_date < today else "upcoming")
        for m in Milestone.objects.filter(plan=plan)
    )
    assert states == ["done", "overdue", "upcoming"]
    assert _org("620000").pk in overdue_milestones([_org("620000").pk], today)
    assert contacts_for([_org("620000").pk])[_org("620000").pk].startswith("张敏 0931-")
