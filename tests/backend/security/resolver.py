"""Object ids for the path parameters of every operation in openapi/schema.yaml: for a login, an object inside its
scope and objects outside it. A path whose parameters no rule here resolves raises `Unresolved`: a new endpoint
cannot slip past the BOLA matrix — add its rule.

Scope is the one rule of ARCHITECTURE §3 (`tmis.core.scope`): each model's queryset names the column holding the
materialised organisation path(s) (`scope_path_fields`); jobs are, besides, their owner's alone; notifications are
their recipient's. Code tables and review-chain kinds are the same for everyone (no "outside").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from tmis.accounts.models import ApiToken, User
from tmis.accounts.roles import Role
from tmis.audit.models import AccessLog
from tmis.catalog.models import CodeTable
from tmis.changes.models import TeacherChange
from tmis.core.job_kinds import job_kinds
from tmis.orgs.models import Organisation
from tmis.reports.models import MonthlySnapshot
from tmis.reviews.models import Submission
from tmis.reviews.registry import kind_keys
from tmis.rotation.models import Assignment, Plan
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.training.models import Claim, Programme
from tmis.workplans.models import GroupMember, Milestone, WorkPlan

from .world import Login

Params = dict[str, Any]


class Unresolved(LookupError):
    """An operation's path parameter that no rule of this module knows."""


@dataclass
class Targets:
    inside: Params | None = None  # None: the login has no such object in its scope
    outside: list[Params] = field(default_factory=list)  # empty: nothing lies outside (or the kind is global)


def _split(queryset: models.QuerySet, login: Login, *, prefer: Callable[[Any], bool] | None = None) -> tuple:
    """(an object inside the login's scope, one outside), either None when there is none."""
    in_scope = queryset.scope_condition(login.scope)
    inside_qs = queryset.filter(in_scope).order_by("pk")
    inside = None
    if prefer is not None:
        inside = next((obj for obj in inside_qs[:50] if prefer(obj)), None)
    inside = inside or inside_qs.first()
    return inside, queryset.exclude(in_scope).order_by("pk").first()


def _teacher(match: re.Match, login: Login, name: str) -> Targets:
    inside, outside = _split(Teacher.objects.all(), login)
    return Targets(
        inside={name: inside.pk} if inside else None,
        outside=[{name: outside.pk}] if outside else [],
    )


def _group_record(match: re.Match, login: Login) -> Targets:
    model = GROUP_MODELS.get(match["group"])
    if model is None:
        raise Unresolved(f"no group model for /teachers/{{teacher_pk}}/{match['group']}/")
    inside, outside = _split(model.objects.all(), login)
    targets = Targets(inside={"teacher_pk": inside.teacher_id, "id": inside.pk} if inside else None)
    if outside:
        targets.outside.append({"teacher_pk": outside.teacher_id, "id": outside.pk})
        if inside:  # one's own teacher with another scope's record
            targets.outside.append({"teacher_pk": inside.teacher_id, "id": outside.pk})
    return targets


def _organisation(match: re.Match, login: Login, *, level: str | None = None) -> Targets:
    queryset = Organisation.objects.all() if level is None else Organisation.objects.filter(level=level)
    inside, outside = _split(queryset, login, prefer=lambda org: org.path != login.scope)
    return Targets(
        inside={"code": inside.code} if inside else None,
        outside=[{"code": outside.code}] if outside else [],
    )


def _scoped(model: type[models.Model]) -> Callable[[re.Match, Login], Targets]:
    def resolve(match: re.Match, login: Login) -> Targets:
        inside, outside = _split(model.objects.all(), login, prefer=lambda obj: obj.pk != login.user.pk)
        return Targets(inside={"id": inside.pk} if inside else None, outside=[{"id": outside.pk}] if outside else [])

    return resolve


def _upwards(model: type[models.Model], *, nested: bool = False) -> Callable[[re.Match, Login], Targets]:
    """Work plans, their milestones and working-group members are seen from the owning organisation's subtree *and*
    from above (`tmis.workplans.models.UpwardsQuerySet`): inside is one the login sees (its own organisation's
    first), outside one of another branch — neither below the login nor above it."""

    def params(obj: Any) -> Params:
        return {"plan_pk": obj.plan_id, "id": obj.pk} if nested else {"id": obj.pk}

    def resolve(match: re.Match, login: Login) -> Targets:
        rows = model.objects.all()
        seen = rows.filter(rows.upwards_condition(login.scope)).order_by("pk")
        own = login.user.scope_path
        inside = next((o for o in seen[:50] if _path(o) == own), None) or seen.first()
        outside = rows.exclude(rows.upwards_condition(login.scope)).order_by("pk").first()
        targets = Targets(inside=params(inside) if inside else None, outside=[params(outside)] if outside else [])
        if nested and inside and outside:  # one's own plan with another branch's milestone
            targets.outside.append({"plan_pk": inside.plan_id, "id": outside.pk})
        return targets

    def _path(obj: Any) -> str:
        return obj.plan.organisation.path if nested else obj.organisation.path

    return resolve


def _plan_of_milestones(login: Login) -> Targets:
    plan = _upwards(WorkPlan)(None, login)  # type: ignore[arg-type]
    rename = [{"plan_pk": p["id"]} for p in ([plan.inside] if plan.inside else []) + plan.outside]
    return Targets(inside=rename[0] if plan.inside else None, outside=rename[1:] if plan.inside else rename)


def _audit_event(match: re.Match, login: Login) -> Targets:
    """An audit event: inside is one recorded by an actor in the login's subtree; outside, one from elsewhere (the
    Ministry's auditor reads every event, anonymous ones included: nothing is outside its scope)."""
    events = AccessLog.objects.order_by("pk")
    inside = events.filter(organisation_path__startswith=login.scope).first()
    root = Organisation.objects.filter(path=login.scope, parent__isnull=True).exists()
    outside = None if root else events.exclude(organisation_path__startswith=login.scope).first()
    return Targets(inside={"id": inside.pk} if inside else None, outside=[{"id": outside.pk}] if outside else [])


def _owned(kind: str) -> Callable[[re.Match, Login], Targets]:
    """A job: inside is one the login owns; outside, anyone else's (in its scope or not)."""

    def resolve(match: re.Match, login: Login) -> Targets:
        model = job_kinds()[kind].model
        mine = model.objects.filter(owner=login.user).order_by("pk").first()
        others = model.objects.exclude(owner=login.user)
        outside = [others.exclude(org_path__startswith=login.scope).order_by("pk").first()]
        outside.append(others.filter(org_path__startswith=login.scope).order_by("pk").first())
        return Targets(inside={"id": mine.pk} if mine else None, outside=[{"id": o.pk} for o in outside if o])

    return resolve


def _api_token(match: re.Match, login: Login) -> Targets:
    """An API token: inside is the login's own; outside, a token of another account that is no service account (a
    security administrator also sees the service accounts' tokens in its subtree)."""
    mine = ApiToken.objects.filter(user=login.user).order_by("pk").first()
    other = ApiToken.objects.exclude(user=login.user).exclude(user__roles__contains=[Role.SERVICE]).order_by("pk")
    outside = other.first()
    return Targets(inside={"id": mine.pk} if mine else None, outside=[{"id": outside.pk}] if outside else [])


def _any_job(match: re.Match, login: Login) -> Targets:
    targets = Targets()
    for kind in job_kinds():
        one = _owned(kind)(match, login)
        if one.inside and targets.inside is None:
            targets.inside = {"kind": kind, **one.inside}
        targets.outside += [{"kind": kind, **params} for params in one.outside]
    return targets


def _school_year(match: re.Match, login: Login) -> Targets:
    """A school's statistics figures of a year: the path names the school by its code (the year is any valid one)."""
    inside, outside = _split(Organisation.objects.filter(level="school"), login)
    year = dt.date.today().year
    return Targets(
        inside={"school_code": inside.code, "year": year} if inside else None,
        outside=[{"school_code": outside.code, "year": year}] if outside else [],
    )


def _programme(match: re.Match, login: Login) -> Targets:
    """A training programme is seen from its organisation's subtree and from above (`ProgrammeQuerySet.visible_to`):
    inside one the login sees (its own organisation's first), outside one of another branch."""
    seen = Programme.objects.visible_to(login.user).order_by("pk")
    inside = next((p for p in seen[:50] if p.org_path == login.user.scope_path), None) or seen.first()
    outside = Programme.objects.exclude(pk__in=seen.values("pk")).order_by("pk").first()
    return Targets(inside={"id": inside.pk} if inside else None, outside=[{"id": outside.pk}] if outside else [])


def _province_rules(match: re.Match, login: Login) -> Targets:
    """A province's training rules: read by whoever sees the province or lies under it; outside, another province."""
    provinces = Organisation.objects.filter(level="province").order_by("code")
    mine = [p for p in provinces if p.path.startswith(login.scope) or login.scope.startswith(p.path)]
    other = provinces.exclude(pk__in=[p.pk for p in mine]).first()
    return Targets(
        inside={"province_code": mine[0].code} if mine else None,
        outside=[{"province_code": other.code}] if other else [],
    )


def _global(name: str, values: Callable[[], list[str]]) -> Callable[[re.Match, Login], Targets]:
    def resolve(match: re.Match, login: Login) -> Targets:
        found = values()
        if not found:
            raise Unresolved(f"no {name} in the database")
        return Targets(inside={name: found[0]})

    return resolve


API = "/api/v1"
#: (path template, resolver): the first whose pattern matches the whole template resolves every parameter in it.
RULES: list[tuple[str, Callable[[re.Match, Login], Targets]]] = [
    (rf"{API}/teachers/\{{id\}}/([a-z-]+/)?", lambda m, login: _teacher(m, login, "id")),
    (
        rf"{API}/teachers/\{{teacher_pk\}}/(training/transcript(/|\.xlsx|\.pdf)|archive\.xlsx)",
        lambda m, login: _teacher(m, login, "teacher_pk"),
    ),
    (rf"{API}/teachers/\{{teacher_pk\}}/(?P<group>[a-z_]+)/\{{id\}}/", _group_record),
    (rf"{API}/teachers/\{{teacher_pk\}}/(?P<group>[a-z_]+)/", lambda m, login: _teacher(m, login, "teacher_pk")),
    (rf"{API}/orgs/\{{code\}}/([a-z-]+/)?", _organisation),
    (rf"{API}/catalog/provinces/\{{code\}}/([a-z-]+/)*", lambda m, login: _organisation(m, login, level="province")),
    (rf"{API}/reviews/\{{id\}}/([a-z-]+/)?", _scoped(Submission)),
    (rf"{API}/users/\{{id\}}/([a-z-]+/)?", _scoped(User)),
    (rf"{API}/tokens/\{{id\}}/([a-z-]+/)?", _api_token),
    (rf"{API}/changes/\{{id\}}/", _scoped(TeacherChange)),
    (rf"{API}/work-plans/\{{id\}}/", _upwards(WorkPlan)),
    (rf"{API}/work-plans/\{{plan_pk\}}/milestones/", lambda m, login: _plan_of_milestones(login)),
    (rf"{API}/work-plans/\{{plan_pk\}}/milestones/\{{id\}}/", _upwards(Milestone, nested=True)),
    (rf"{API}/working-groups/\{{id\}}/", _upwards(GroupMember)),
    (rf"{API}/imports/\{{id\}}/([a-z.-]+/){{0,2}}", _owned("import")),
    (rf"{API}/audit/events/\{{id\}}/", _audit_event),
    (rf"{API}/exports/\{{id\}}/([a-z.-]+/)?", _owned("export")),
    (rf"{API}/jobs/\{{kind\}}/\{{id\}}/([a-z-]+/)?", _any_job),
    (
        rf"{API}/catalog/code-tables/\{{slug\}}/([a-z-]+/)?",
        _global("slug", lambda: list(CodeTable.objects.order_by("slug").values_list("slug", flat=True)[:1])),
    ),
    (rf"{API}/reviews/flows/\{{kind\}}/", _global("kind", lambda: kind_keys()[:1])),
    (rf"{API}/training/claims/\{{id\}}/([a-z-]+/)?", _scoped(Claim)),
    (rf"{API}/training/programmes/\{{id\}}/([a-z-]+/)*", _programme),
    (rf"{API}/training/rules/\{{province_code\}}/([a-z-]+/)?", _province_rules),
    (rf"{API}/rotation/plans/\{{id\}}/([a-z-]+/)?", _scoped(Plan)),
    (rf"{API}/rotation/assignments/\{{id\}}/", _scoped(Assignment)),
    (rf"{API}/rotation/rules/\{{province_code\}}/", _province_rules),
    (rf"{API}/headcounts/\{{school_code\}}/\{{year\}}/", _school_year),
    # A period is the whole instance's; the rows read are the `org` parameter's, checked like any organisation.
    (
        rf"{API}/reports/monthly/\{{period\}}/([a-z-]+/)?",
        _global("period", lambda: list(MonthlySnapshot.objects.values_list("period", flat=True)[:1])),
    ),
]


def resolve(template: str, login: Login) -> Targets:
    """Path parameters inside and outside the login's scope for one path template of the schema."""
    if "{" not in template:
        return Targets(inside={})
    for pattern, rule in RULES:
        match = re.fullmatch(pattern, template)
        if match:
            targets = rule(match, login)
            wanted = set(re.findall(r"\{(\w+)\}", template))
            for params in ([targets.inside] if targets.inside else []) + targets.outside:
                if set(params) != wanted:
                    raise Unresolved(f"{template}: rule gives {sorted(params)}, the path has {sorted(wanted)}")
            return targets
    raise Unresolved(f"{template}: no rule in tests/backend/security/resolver.py resolves its path parameters")
