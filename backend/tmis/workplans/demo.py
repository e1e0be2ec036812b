"""Demo work plans and working groups for `make run` (run after load_demo): each demo province gets this year's plan
with one milestone done, one overdue and one coming up, and a working group. Idempotent: an organisation that has
this year's plan (or any member) is left alone. Dates are relative to today, so the demo always shows each state."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tmis.accounts.models import User

from .models import GroupMember, GroupRole, WorkPlan
from .services import member_create, milestone_create, plan_create

#: (administrator, province name, area code of its office phones)
PROVINCES = [("demo-province", "甘肃省", "0931"), ("demo-province-bj", "北京市", "010")]

#: (title, days from today it falls due, days from today it was done or None, owner)
MILESTONES = [
    ("成立工作小组，印发部署工作方案", -60, -62, "教师工作处"),
    ("完成全省学校和教师基础信息采集", -20, None, "各市（州）教育局"),
    ("完成信息审核和报送，启用日常管理", 30, None, "教师工作处、信息中心"),
]

#: (name, unit, post, role, office phone suffix, mobile)
MEMBERS = [
    ("王建国", "{province}教育厅", "副厅长", GroupRole.LEADER, "8882 6001", "13909310001"),
    ("李秀英", "{province}教育厅教师工作处", "处长", GroupRole.DEPUTY, "8882 6002", "13909310002"),
    ("张敏", "{province}教育厅教师工作处", "主任科员", GroupRole.LIAISON, "8882 6003", "13909310003"),
    ("赵磊", "{province}教育厅信息中心", "工程师", GroupRole.TECHNICAL, "8882 6004", "13909310004"),
]


@transaction.atomic
def load_demo_workplans(today: dt.date | None = None) -> tuple[int, int]:
    """(plans, members) added."""
    today = today or timezone.localdate()
    plans = members = 0
    for username, province, area in PROVINCES:
        actor = User.objects.select_related("organisation__parent").filter(username=username).first()
        if actor is None:
            continue
        if not WorkPlan.objects.filter(organisation=actor.organisation, year=today.year).exists():
            plan = plan_create(
                actor=actor,
                year=today.year,
                title=f"{province}全国教师管理信息系统部署与启用工作方案",
                description="按照教育部统一部署，分阶段完成系统部署、数据采集、审核报送和日常启用。",
            )
            for order, (title, due, done, owner) in enumerate(MILESTONES, start=1):
                milestone_create(
                    actor=actor,
                    plan=plan,
                    title=title,
                    due_date=today + dt.timedelta(days=due),
                    done_date=today + dt.timedelta(days=done) if done is not None else None,
                    owner=owner,
                    sort_order=order,
                )
            plans += 1
        if not GroupMember.objects.filter(organisation=actor.organisation).exists():
            for order, (name, unit, post, role, phone, mobile) in enumerate(MEMBERS, start=1):
                member_create(
                    actor=actor,
                    name=name,
                    unit=unit.format(province=province),
                    post=post,
                    role=role,
                    office_phone=f"{area}-{phone}",
                    mobile=mobile,
                    email=f"member{order}@{actor.organisation.code}.edu.example.cn",
                    sort_order=order,
                )
                members += 1
    return plans, members
