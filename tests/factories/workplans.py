from __future__ import annotations

import datetime as dt

import factory

from tmis.accounts.models import User
from tmis.orgs.models import Organisation
from tmis.workplans.models import GroupMember, GroupRole, Milestone, WorkPlan


class WorkPlanFactory(factory.django.DjangoModelFactory):
    """甘肃省's plan (unless `organisation` is given), filed by its demo administrator."""

    class Meta:
        model = WorkPlan

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="620000"))
    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.Sequence(lambda n: f"部署工作方案{n}")
    created_by = factory.LazyFunction(lambda: User.objects.get(username="demo-province"))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(WorkPlanFactory)
    title = factory.Sequence(lambda n: f"阶段{n}")
    due_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 6, 30))
    owner = "教师工作处"


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="620000"))
    name = factory.Sequence(lambda n: f"成员{n}")
    unit = "教育厅"
    post = "科员"
    role = GroupRole.MEMBER
    office_phone = "0931-8880000"
    mobile = "13800001234"
    email = factory.Sequence(lambda n: f"m{n}@example.cn")
