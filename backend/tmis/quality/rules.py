"""The quality rules (问题数据): data, not scattered ifs. One entry per rule — its code, severity, name, message (with
named placeholders, rendered in the reader's language by `messages.py`) and the SQL that finds its offenders. The
refresh, the API's rule list and the worklist all read this registry; a new rule is one entry here (and its test).

A per-archive rule is a condition over one current archive `t` (teachers_teacher) and its school `s`
(orgs_organisation) plus the JSON of its message's placeholders; `%(today)s` is the reference date. A cross-archive
rule (`cross=True`) is evaluated per group of archives by `cross.py`.

Rules apply to current archives only (`active`): a leaver's archive is read-only and counts nowhere, as in the
reports. A duplicate ID document (the same `id_digest` twice) cannot exist — the digest is unique (一人一号, DOMAIN.md
§3.1) — so no rule looks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tmis.catalog.models import Indicator
from tmis.teachers.models import GROUP_MODELS
from tmis.teachers.owned_groups import OWNED_GROUPS

ERROR, WARNING = "error", "warning"
SEVERITIES = {ERROR: _("Error"), WARNING: _("Warning")}
#: The severities as choices (the API schema's `QualitySeverityEnum`).
SEVERITY_CHOICES = [(ERROR, "error"), (WARNING, "warning")]

#: The youngest a member of staff may be, and the earliest plausible birth year (Q001, Q002).
MIN_AGE = 16
EARLIEST_BIRTH = "1930-01-01"

#: A well-formed 年月 (YYYY-MM) in SQL.
_MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


def _months(column: str) -> str:
    """A YYYY-MM column as a month number (year × 12 + month)."""
    return f"(left({column}, 4)::int * 12 + right({column}, 2)::int)"


#: 专业技术职务 → the 专业技术岗位等级 (post-grade codes 101–113, grade = the last two digits) it goes with, by the
#: tiers of 事业单位岗位设置管理 (人社部): 正高级 → grades 1–4, 副高级 → 5–7, 中级 → 8–10, 初级 (助理级, 员级) → 11–13.
#: Only the titles teachers hold are mapped (codes of the catalogue's `professional-title` table); a title not listed
#: here (the legacy 小学/中学 series whose tier changed in 2015, 无, the other series) is never flagged.
TITLE_TIERS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("061", "011", "611", "991", "031", "071"), (1, 4)),  # 正高级教师, 教授, 研究员 …
    **dict.fromkeys(("062", "012", "612", "992", "022", "032", "042", "072"), (5, 7)),  # 高级教师, 副教授 …
    **dict.fromkeys(("063", "013", "613", "993", "023", "033", "043", "073"), (8, 10)),  # 一级教师, 讲师 …
    **dict.fromkeys(("064", "065", "014", "614", "024", "025", "034", "035", "044", "045", "074", "075"), (11, 13)),
}


def _title_tiers_sql() -> str:
    rows = ", ".join(f"('{code}', {low}, {high})" for code, (low, high) in TITLE_TIERS.items())
    return f"(VALUES {rows}) AS tier(title, low, high)"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    name: str | Promise
    message: str | Promise  # %(placeholder)s names the keys of an issue's detail
    description: str | Promise
    #: per-archive rules: (condition, detail JSON) over `t` and `s`; or a function of the candidates' condition
    #: returning a whole SELECT of (teacher_id, detail)
    condition: str = ""
    detail: str = "'{}'::jsonb"
    select: Callable[[str], str] | None = None
    #: placeholder → code table slug whose name the message shows ('@groups': a list of indicator groups)
    names: dict[str, str] = field(default_factory=dict)
    cross: bool = False

    def sql(self, where: str) -> str:
        """SELECT teacher_id, detail of the current archives `where` selects that break the rule."""
        if self.select is not None:
            return self.select(where)
        return f"""
            SELECT t.id AS teacher_id, {self.detail} AS detail
            FROM teachers_teacher t JOIN orgs_organisation s ON s.id = t.school_id
            WHERE t.active AND ({where}) AND ({self.condition})
        """


def required_groups() -> dict[str, tuple[str, ...]]:
    """School kind → the many-row groups an archive of that kind must have a record of: those holding a core
    indicator of the kind (the catalogue's `needs_record`, catalog.effective.build). Provinces cannot make a national
    core indicator optional, so the national catalogue decides. A group a business module owns (国内培训: approved
    training claims write it) is no requirement: a teacher without training yet is no problem. One query."""
    out: dict[str, set[str]] = {}
    for group, core_stages in Indicator.objects.filter(group__many=True).values_list("group__code", "core_stages"):
        if group in OWNED_GROUPS:
            continue
        for stage in core_stages:
            out.setdefault(stage, set()).add(group)
    order = list(GROUP_MODELS)
    return {stage: tuple(sorted(groups, key=order.index)) for stage, groups in out.items()}


def _missing_groups_select(where: str) -> str:
    """Q005: approved archives without a record in a group their school kind requires — one anti-join per group
    (set-based: hash or merge anti-joins for a rebuild, index probes for a few changed archives)."""
    stages: dict[str, list[str]] = {}
    for stage, groups in required_groups().items():
        for group in groups:
            stages.setdefault(group, []).append(stage)
    parts = []
    for group, kinds in stages.items():
        table = GROUP_MODELS[group]._meta.db_table
        kinds_sql = ", ".join(f"'{kind}'" for kind in sorted(kinds))
        parts.append(
            f"""SELECT t.id AS teacher_id, '{group}' AS grp, {list(GROUP_MODELS).index(group)} AS n
            FROM teachers_teacher t JOIN orgs_organisation s ON s.id = t.school_id
            WHERE t.active AND t.record_state = 'approved' AND s.school_stage IN ({kinds_sql}) AND ({where})
              AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.teacher_id = t.id)"""
        )
    if not parts:
        return "SELECT NULL::bigint AS teacher_id, NULL::jsonb AS detail WHERE false"
    union = "\nUNION ALL\n".join(parts)
    return f"""
        SELECT teacher_id, jsonb_build_object('groups', jsonb_agg(grp ORDER BY n)) AS detail
        FROM ({union}) missing GROUP BY teacher_id
    """


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "Q001",
            ERROR,
            _("Impossible age"),
            _("The birth date %(birth_date)s gives an impossible age (born before 1930, or not yet 16)."),
            _("The birth date lies before 1930-01-01, in the future, or less than 16 years before today."),
            condition=f"t.birth_date < DATE '{EARLIEST_BIRTH}' "
            f"OR t.birth_date > (%(today)s::date - interval '{MIN_AGE} years')",
            detail="jsonb_build_object('birth_date', t.birth_date::text)",
        ),
        Rule(
            "Q002",
            ERROR,
            _("Work started before the age of 16"),
            _("Work started in %(work_start_month)s, before the age of 16 (born %(birth_date)s)."),
            _(
                "The month work started lies before the month of the 16th birthday; starting in the month of the "
                "16th birthday is fine."
            ),
            condition=f"t.work_start_month ~ '{_MONTH}' AND {_months('t.work_start_month')} < "
            f"(extract(year from t.birth_date)::int + {MIN_AGE}) * 12 + extract(month from t.birth_date)::int",
            detail="jsonb_build_object('work_start_month', t.work_start_month, 'birth_date', t.birth_date::text)",
        ),
        Rule(
            "Q003",
            ERROR,
            _("Joined the school before starting work"),
            _("Joined the school in %(school_entry_month)s, before starting work in %(work_start_month)s."),
            _("The month the teacher joined the school lies before the month work started."),
            condition=f"t.work_start_month ~ '{_MONTH}' AND t.school_entry_month ~ '{_MONTH}' "
            "AND t.school_entry_month < t.work_start_month",
            detail="jsonb_build_object('school_entry_month', t.school_entry_month, "
            "'work_start_month', t.work_start_month)",
        ),
        Rule(
            "Q004",
            WARNING,
            _("Possible duplicate archive"),
            _(
                "%(others)s other archive(s) in the same county have the same name and birth date under a different "
                "ID document."
            ),
            _(
                "Archives of the same county (the schools' parent organisation) with the same name and birth date "
                "but different ID documents: probably one person registered twice. Delete the unapproved duplicate "
                "and use a transfer instead."
            ),
            cross=True,
        ),
        Rule(
            "Q005",
            ERROR,
            _("Required groups empty after approval"),
            _("Approved, but with no record in: %(groups)s."),
            _(
                "An approved archive without any record in a group its school kind requires (the groups holding a "
                "core indicator of the kind, as checked on submission)."
            ),
            select=_missing_groups_select,
            names={"groups": "@groups"},
        ),
        Rule(
            "Q006",
            WARNING,
            _("Professional title does not match the post grade"),
            _("The professional title %(title)s does not go with the post grade %(post_grade)s."),
            _(
                "The current professional title and post grade disagree: full senior titles go with professional "
                "post grades 1–4, associate senior titles with 5–7, intermediate titles with 8–10, junior titles "
                "with 11–13."
            ),
            condition="t.current_post_grade ~ '^1(0[1-9]|1[0-3])$' AND EXISTS (SELECT 1 FROM "
            f"{_title_tiers_sql()} WHERE tier.title = t.current_professional_title "
            "AND right(t.current_post_grade, 2)::int NOT BETWEEN tier.low AND tier.high)",
            detail="jsonb_build_object('title', t.current_professional_title, 'post_grade', t.current_post_grade)",
            names={"title": "professional-title", "post_grade": "post-grade"},
        ),
    )
}
