"""The data the BOLA matrix and the fuzz run against: the demo loaders' organisations, logins, teachers and review
states, plus what the demo lacks so that every login has objects inside *and* outside its scope (a submission and a
record of every group in each demo school, an import and an export job owned by each login that may start one, a
notification for each login).

The logins are every demo account the loaders made (`is_demo`), never a list written here: a new demo login (三员,
a second province) joins the matrix by being loaded.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import complete_payload, resident_id
from tmis.accounts.api_tokens import token_create
from tmis.accounts.models import User
from tmis.changes.demo import load_demo_changes
from tmis.core.scope import SYSTEM
from tmis.headcounts.demo import load_demo_headcounts
from tmis.notifications.models import Notification
from tmis.orgs.models import Organisation
from tmis.reports.monthly import take_snapshot
from tmis.reviews.models import Submission
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.demo_reviews import load_demo_reviews
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.reviewing import teacher_submit
from tmis.teachers.services import teacher_create
from tmis.workplans.demo import load_demo_workplans

#: Teachers per demo school: enough for the review states of the first school and a few drafts everywhere.
PER_SCHOOL = 6


def access_token(user: User) -> str:
    """A fresh access token of the user (as tests/conftest.py's `client_for` makes them)."""
    return str(RefreshToken.for_user(user).access_token)


def client(user: User) -> APIClient:
    """An APIClient carrying a fresh access token of the user."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token(user)}")
    return api


def ancestors(path: str) -> set[str]:
    """The organisation codes on a materialised path, the organisation's own included."""
    return {code for code in path.strip("/").split("/") if code}


@dataclass
class Login:
    """One demo login and what tells its scope apart."""

    user: User
    scope: str  # the materialised path of its organisation: the prefix of everything it may see
    #: Strings naming objects outside its scope (and not on the way up to it): a 2xx body holding one leaks.
    markers: frozenset[str] = field(default_factory=frozenset)

    @property
    def username(self) -> str:
        return self.user.username

    def sees(self, path: str) -> bool:
        return path.startswith(self.scope)


def build() -> None:
    """Load the demo data and complete it (idempotent enough for one rolled-back transaction)."""
    call_command("load_demo", verbosity=0)
    load_demo_teachers(per_school=PER_SCHOOL)
    load_demo_reviews()
    load_demo_changes()
    load_demo_headcounts()
    load_demo_workplans()
    _second_province()
    take_snapshot(period="2026-11")  # a monthly report to read (its rows are scoped by `org`)
    users = list(User.objects.filter(is_demo=True, is_active=True).select_related("organisation"))
    fillers = [u for u in users if u.has_capability("reviews.submit")]
    # A submission in every school that has a filler login (the first school has its review states already).
    for filler in fillers:
        drafts = Teacher.objects.visible_to(filler).filter(record_state="draft").order_by("id")
        if not Submission.objects.visible_to(filler).exists() and drafts.exists():
            teacher_submit(actor=filler, teacher_id=drafts[0].pk)
    # A record of every group in every school (a few groups are rare in the demo careers).
    for school in Organisation.objects.filter(level="school", teachers__isnull=False).distinct():
        teacher = Teacher.objects.filter(school=school).order_by("id").first()
        for model in GROUP_MODELS.values():
            if not model.objects.filter(teacher__school=school).exists():
                model.objects.create(teacher=teacher, province_code=teacher.province_code)
    _training()
    _rotation()
    for user in users:
        api = client(user)
        # A job of each kind where the login may start one (refused otherwise: nothing is made).
        api.post("/api/v1/exports/", {"format": "csv"}, format="json")
        upload = io.BytesIO("姓名\n张三\n".encode())
        upload.name = "matrix.csv"
        api.post("/api/v1/imports/", {"file": upload, "dry_run": "true"}, format="multipart")
        Notification.objects.create(user=user, kind="matrix", message=f"matrix probe for {user.username}")
        # An API token of each login's own (its first capability: enough to exist).
        token_create(
            actor=user,
            name="matrix",
            capabilities=sorted(user.capabilities)[:1],
            expires_at=timezone.now() + dt.timedelta(days=30),
        )


def _training() -> None:
    """A programme run by every county and school with teachers, and in each such school one approved claim (its
    archive record and standing) and one in review: every login has training objects inside and outside its scope."""
    from tmis.training.archive import write_records
    from tmis.training.models import Claim, ClaimState, Programme
    from tmis.training.rules import LEVEL_OF_ORGANISATION
    from tmis.training.standings import recount

    creator = User.objects.filter(is_demo=True).order_by("pk").first()
    schools = Organisation.objects.filter(level="school", teachers__isnull=False).distinct().select_related("parent")
    runners = {school.pk: school for school in schools} | {school.parent.pk: school.parent for school in schools}
    for org in runners.values():
        Programme.objects.create(
            organisation=org,
            org_path=org.path,
            name=f"{org.name}培训",
            level=LEVEL_OF_ORGANISATION[org.level],
            form="1",
            hours=24,
            start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 4, 1),
            created_by=creator,
        )
    teachers = []
    for school in schools:
        teacher = Teacher.objects.filter(school=school, active=True).order_by("id").first()
        if teacher is None:
            continue
        teachers.append(teacher.pk)
        for state in (ClaimState.APPROVED, ClaimState.SUBMITTED):
            claim = Claim.objects.create(
                teacher=teacher,
                school=school,
                kind="research",
                title="课题研究",
                level="9",
                form="9",
                hours=20,
                credits=Decimal("2.00") if state == ClaimState.APPROVED else None,
                date=dt.date(2026, 3, 1),
                state=state,
                created_by=creator,
            )
            if state == ClaimState.APPROVED:
                write_records([claim], {teacher.pk: teacher.province_code})
                claim.save(update_fields=["record"])
    recount(teachers)


def _rotation() -> None:
    """A draft rotation plan of every county with teachers, with an assignment from its first school to another of
    its schools where it has two: every login has plans and assignments inside and outside its scope."""
    from tmis.rotation.models import Assignment, Plan
    from tmis.rotation.services import flow_category

    creator = User.objects.filter(is_demo=True).order_by("pk").first()
    schools = Organisation.objects.filter(level="school", teachers__isnull=False).distinct().select_related("parent")
    for county in {school.parent for school in schools if school.parent.level == "county"}:
        plan = Plan.objects.create(county=county, org_path=county.path, year=2026, created_by=creator)
        members = list(Organisation.objects.filter(parent=county, level="school").order_by("code")[:2])
        teacher = Teacher.objects.filter(school__parent=county, active=True).select_related("school").first()
        receiving = next((school for school in members if teacher and school.pk != teacher.school_id), None)
        if teacher is None or receiving is None:
            continue
        Assignment.objects.create(
            plan=plan,
            teacher=teacher,
            from_school=teacher.school,
            from_path=teacher.org_path,
            to_school=receiving,
            to_path=receiving.path,
            rotation_type="1",
            transfers_relation=False,
            flow_category=flow_category(teacher.school, receiving),
            backbone=False,
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2027, 7, 15),
            created_by=creator,
        )


def _second_province() -> None:
    """Until the demo data has a second province: one school in 北京市东城区 with one teacher, so that the logins of
    a province and a city have teachers and group records outside their scope too."""
    if Teacher.objects.values("province_code").distinct().count() > 1:
        return
    school = SchoolFactory(parent=Organisation.objects.get(code="110101"), name="北京市东城区越权对照小学")
    number = resident_id(birth="19850312", region="110101")
    payload = complete_payload(school.code, name="京外对照", id_number=number, birth_date=dt.date(1985, 3, 12))
    teacher_create(actor=SYSTEM, school_code=school.code, data=payload)


def logins() -> list[Login]:
    """Every demo login, with the markers of what lies outside its scope."""
    users = User.objects.filter(is_demo=True, is_active=True).select_related("organisation").order_by("username")
    schools = list(Organisation.objects.filter(level="school").values_list("path", "code", "name"))
    teachers = list(Teacher.objects.values_list("org_path", "name", "staff_no"))
    people = [(u.scope_path or "", u.username) for u in User.objects.select_related("organisation")]
    result = []
    for user in users:
        scope = user.scope_path or "/(none)/"  # without an organisation a login sees nothing
        up = ancestors(scope)

        def outside(path: str, scope: str = scope, up: set[str] = up) -> bool:
            return not path.startswith(scope) and path.strip("/").split("/")[-1] not in up

        named: list[tuple[str, Any]] = [(p, (c, n)) for p, c, n in schools]
        named += [(p, (n, s)) for p, n, s in teachers]
        named += [(p, (name,)) for p, name in people]
        out = {v for p, vs in named if outside(p) for v in vs if v}
        inside = {v for p, vs in named if not outside(p) for v in vs if v} | _shared_by_rotation(scope)
        result.append(Login(user=user, scope=scope, markers=frozenset(out - inside)))
    return result


def _shared_by_rotation(scope: str) -> set[str]:
    """A rotation assignment is seen from both schools (`AssignmentQuerySet`): the receiving side reads the teacher and
    the sending school, the sending side the receiving school — by design, not a leak."""
    from tmis.rotation.models import Assignment

    shared: set[str] = set()
    for row in Assignment.objects.select_related("teacher", "from_school", "to_school"):
        if row.to_path.startswith(scope):
            shared |= {row.teacher.name, row.teacher.staff_no, row.from_school.code, row.from_school.name}
        if row.from_path.startswith(scope):
            shared |= {row.to_school.code, row.to_school.name}
    return shared - {""}


def leaked(body: Any, login: Login) -> set[str]:
    """The marker strings of other scopes among the string values of a decoded JSON body."""
    found: set[str] = set()
    stack = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and item in login.markers:
            found.add(item)
    return found
