"""Reads of the quality tables: the rules, a worklist of issues (paged by the API), the figures per child
organisation with the quality score, and `problem_counts` (flagged archives per organisation). Indexed lookups
whatever the archive's size; nothing here counts over the archive.

The score's denominator — the archives of an organisation's subtree — comes from the reports' summary tables
(`tmis.reports.selectors.archive_counts`). The monthly report counts the flagged archives per school through
`FLAGGED_PER_SCHOOL_SQL`, registered with `tmis.reports.contributions`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tmis.core.errors import field_error
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_parameter
from tmis.reports.selectors import archive_counts

from .models import FLAGGED, QualityCount, QualityIssue, QualityState
from .rules import RULES, SEVERITIES


def rule_list() -> list[dict[str, str]]:
    """The registry in the reader's language, in code order."""
    return [
        {
            "code": rule.code,
            "name": str(rule.name),
            "severity": rule.severity,
            "severity_name": str(SEVERITIES[rule.severity]),
            "description": str(rule.description),
        }
        for rule in RULES.values()
    ]


def issue_filters(*, user: Any, org: str | None, school: str | None, rule: str | None) -> dict[str, Any]:
    """The worklist's parameters, checked: `org` and `school` in the caller's scope (a code elsewhere is a 400
    naming the parameter, as every `org` parameter of the API), `school` a school under `org`, `rule` a known
    code."""
    organisation = organisation_parameter(user=user, code=org)
    chosen = None
    if school:
        chosen = organisation_parameter(user=user, code=school, parameter="school")
        if chosen.level != Level.SCHOOL:
            raise field_error("school", "not_school", _("This organisation is not a school."))
        if not chosen.path.startswith(organisation.path):
            raise field_error("school", "outside_org", _("This school is not under the chosen organisation."))
    if rule and rule not in RULES:
        raise field_error("rule", "invalid_choice", _("Unknown rule: %(code)s.") % {"code": rule})
    return {"organisation": organisation, "school": chosen, "rule": rule or None}


def issue_list(
    *, user: Any, organisation: Organisation, school: Organisation | None = None, rule: str | None = None
) -> QuerySet[QualityIssue]:
    """The issues of the archives under `organisation` (and of one school, one rule), in the caller's scope, with
    the teacher's name and the school — the columns a worklist shows, nothing more."""
    issues = QualityIssue.objects.visible_to(user).filter(org_path__startswith=organisation.path)
    if school is not None:
        issues = issues.filter(school_id=school.pk)
    if rule:
        issues = issues.filter(rule=rule)
    return issues.select_related("teacher", "school").only(
        "id",
        "rule",
        "detail",
        "found_at",
        "org_path",
        "teacher__id",
        "teacher__name",
        "teacher__teacher_no",
        "school__id",
        "school__code",
        "school__name",
        "school__level",
    )


#: Each school's flagged archives (the count row of `rule = ''`): the monthly report's 问题数据
#: (`tmis.reports.contributions`).
FLAGGED_PER_SCHOOL_SQL = "SELECT organisation_id AS school_id, count AS value FROM quality_count WHERE rule = ''"


def problem_counts(org_ids: list[int]) -> dict[int, int]:
    """Flagged archives (with at least one issue) in each organisation's subtree — every id asked for, 0 where
    none: one query, for the monthly report."""
    found = dict(
        QualityCount.objects.filter(organisation_id__in=list(org_ids), rule=FLAGGED).values_list(
            "organisation_id", "count"
        )
    )
    return {org_id: int(found.get(org_id, 0)) for org_id in org_ids}


def _archives(organisation: Organisation) -> dict[int, int]:
    """Current archives of the organisation's subtree and of each child's (the reports' summary), one query."""
    return {org_id: total for org_id, (total, _fulltime) in archive_counts(organisation).items()}


def score(*, archives: int, flagged: int) -> float | None:
    """100 × (1 − flagged / archives), one decimal, within 0–100 (the two tables refresh apart); None without
    archives."""
    if archives <= 0:
        return None
    return round(min(100.0, max(0.0, 100.0 * (1 - flagged / archives))), 1)


def _figures(organisation: Organisation, counts: dict[str, int], archives: int) -> dict[str, Any]:
    flagged = counts.get(FLAGGED, 0)
    rules = {code: counts.get(code, 0) for code in RULES}
    return {
        "organisation": {"code": organisation.code, "name": organisation.name, "level": organisation.level},
        "archives": archives,
        "flagged": flagged,
        "issues": sum(rules.values()),
        "rules": rules,
        "score": score(archives=archives, flagged=flagged),
    }


def quality_summary(*, organisation: Organisation) -> dict[str, Any]:
    """The organisation's figures and each child organisation's (every child, in code order): archives, flagged
    archives, issues per rule, score. Four queries whatever the tree's size."""
    children = list(Organisation.objects.filter(parent=organisation).order_by("code"))
    counts: dict[int, dict[str, int]] = {}
    for org_id, rule, count in (
        QualityCount.objects.filter(organisation_id=organisation.pk)
        .values_list("organisation_id", "rule", "count")
        .union(
            QualityCount.objects.filter(parent_id=organisation.pk).values_list("organisation_id", "rule", "count"),
            all=True,
        )
    ):
        counts.setdefault(org_id, {})[rule] = int(count)
    archives = _archives(organisation)
    state = QualityState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()
    return {
        "refreshed_at": state,
        "total": _figures(organisation, counts.get(organisation.pk, {}), archives.get(organisation.pk, 0)),
        "children": [_figures(child, counts.get(child.pk, {}), archives.get(child.pk, 0)) for child in children],
    }
