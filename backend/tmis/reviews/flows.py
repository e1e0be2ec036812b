"""Review chains: the levels that approve a kind of subject in a province. A province starts from the kind's
registered default and may choose among its allowed levels, never dropping the required (national) ones; a derived
kind follows its base kind's chain plus its extra levels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.core.errors import field_error
from tmis.core.etag import DEFAULT_ETAG, Precondition, etag_of, stale
from tmis.orgs.models import Level, Organisation

from .models import ReviewFlow
from .registry import LEVEL_ORDER, SubjectKind, get_kind, kinds


def _with_extra(levels: list[str], extra: tuple[str, ...]) -> list[str]:
    return sorted(set(levels) | set(extra), key=LEVEL_ORDER.index)


def flow_levels(*, school: Organisation, kind: str) -> list[str]:
    """The chain a new submission of `kind` from `school` climbs (the province's, or the kind's default)."""
    subject_kind = get_kind(kind)
    if subject_kind.derived_from is not None:
        return _with_extra(flow_levels(school=school, kind=subject_kind.derived_from), subject_kind.extra_levels)
    flow = ReviewFlow.objects.filter(province__code=school.province_code, kind=kind).first()
    return list(flow.levels) if flow else list(subject_kind.default_levels)


@dataclass(frozen=True)
class Flow:
    """One kind's chain as a province sees it."""

    province: Organisation
    kind: SubjectKind
    levels: list[str]
    row: ReviewFlow | None

    @property
    def updated_at(self) -> datetime | None:
        return self.row.updated_at if self.row else None

    @property
    def etag(self) -> str:
        """The stored chain's ETag; `"default"` while the kind's default (or a derived chain) applies."""
        return etag_of(self.row) if self.row is not None and self.kind.editable else DEFAULT_ETAG


def flows_for_province(*, province: Organisation) -> list[Flow]:
    """Every registered kind's chain in the province (one query): configured, default, or derived."""
    configured = {flow.kind: flow for flow in ReviewFlow.objects.filter(province=province)}
    levels: dict[str, list[str]] = {}
    out = []
    for subject_kind in kinds():
        stored = configured.get(subject_kind.key)
        if subject_kind.derived_from is not None:
            base = levels.get(subject_kind.derived_from, list(get_kind(subject_kind.derived_from).default_levels))
            levels[subject_kind.key] = _with_extra(base, subject_kind.extra_levels)
        else:
            levels[subject_kind.key] = list(stored.levels) if stored else list(subject_kind.default_levels)
        out.append(Flow(province, subject_kind, levels[subject_kind.key], stored))
    return out


def flow_for_province(*, province: Organisation, kind: str) -> Flow:
    return next(flow for flow in flows_for_province(province=province) if flow.kind.key == kind)


def _validate(subject_kind: SubjectKind, levels: list[str]) -> None:
    if not subject_kind.editable:
        base = get_kind(subject_kind.derived_from or "").label
        raise field_error(
            "kind", "derived", _("This chain follows the chain of %(kind)s and cannot be changed.") % {"kind": base}
        )
    allowed = subject_kind.allowed_levels
    if not levels or any(level not in allowed for level in levels):
        raise field_error(
            "levels",
            "invalid",
            _("Choose levels among: %(levels)s.") % {"levels": _(", ").join(_level_names(allowed))},
        )
    if sorted(levels, key=LEVEL_ORDER.index) != levels or len(set(levels)) != len(levels):
        raise field_error("levels", "order", _("Levels must climb: school, county, city, province, each once."))
    if missing := [level for level in subject_kind.required_levels if level not in levels]:
        raise field_error(
            "levels",
            "required_level",
            _("A province may add levels but not drop the national ones: %(levels)s.")
            % {"levels": _(", ").join(_level_names(missing))},
        )


def _level_names(levels: Any) -> list[str]:
    names = dict(Level.choices)
    return [str(names.get(level, level)) for level in levels]


@transaction.atomic
def flow_set(
    *, actor: Any, province: Organisation, kind: str, levels: list[str], precondition: Precondition | None = None
) -> Flow:
    """A province's chain for a kind (new submissions only). `precondition` (If-Match) is checked against the stored
    chain under its row lock; a chain still at its default has the ETag `"default"`."""
    subject_kind = get_kind(kind)
    _validate(subject_kind, levels)
    row = ReviewFlow.objects.select_for_update().filter(province=province, kind=kind).first()
    if precondition is not None:
        precondition.check(row or ReviewFlow(province=province, kind=kind))
    row = row or ReviewFlow(province=province, kind=kind)
    before = list(row.levels or [])
    row.levels, row.updated_by = levels, actor
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # another administrator stored the first change of the default at the same moment
        raise stale() from exc
    audit_record(
        action="flow.update",
        actor=actor,
        subject_type="flow",
        subject_id=f"{province.code}:{kind}",
        detail={"province": province.code, "kind": kind, "before": before, "after": list(levels)},
    )
    return flow_for_province(province=province, kind=kind)
