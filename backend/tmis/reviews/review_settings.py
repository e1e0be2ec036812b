"""A province's review settings (today: the days after which an open item is overdue, flagged upwards). A
province without a row has the national default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.core.errors import field_error
from tmis.core.etag import DEFAULT_ETAG, Precondition, etag_of, stale
from tmis.orgs.models import Organisation

from .models import DEFAULT_OVERDUE_DAYS, ReviewSettings

MAX_OVERDUE_DAYS = 365


@dataclass(frozen=True)
class Settings:
    province: Organisation | None
    overdue_days: int
    row: ReviewSettings | None

    @property
    def updated_at(self) -> datetime | None:
        return self.row.updated_at if self.row else None

    @property
    def etag(self) -> str:
        return etag_of(self.row) if self.row is not None else DEFAULT_ETAG


def settings_for(organisation: Organisation) -> Settings:
    """The settings in force for an organisation's province (the default above the provinces). One query."""
    row = (
        ReviewSettings.objects.select_related("province").filter(province__code=organisation.province_code).first()
        if organisation.province_code
        else None
    )
    province = row.province if row else Organisation.objects.filter(code=organisation.province_code).first()
    return Settings(province, row.overdue_days if row else DEFAULT_OVERDUE_DAYS, row)


def overdue_days_for(organisation: Organisation | None) -> int:
    if organisation is None or not organisation.province_code:
        return DEFAULT_OVERDUE_DAYS
    days = ReviewSettings.objects.filter(province__code=organisation.province_code).values_list(
        "overdue_days", flat=True
    )
    return next(iter(days), DEFAULT_OVERDUE_DAYS)


def overdue_since(days: int, now: datetime | None = None) -> datetime:
    """Items submitted before this instant are overdue."""
    return (now or timezone.now()) - timedelta(days=days)


def overdue_condition(days: int, now: datetime | None = None) -> Q:
    return Q(submitted_at__lt=overdue_since(days, now))


@transaction.atomic
def settings_set(
    *, actor: Any, province: Organisation, overdue_days: int, precondition: Precondition | None = None
) -> Settings:
    """A province administrator sets the province's overdue days (1 … 365)."""
    if not 1 <= overdue_days <= MAX_OVERDUE_DAYS:
        raise field_error(
            "overdue_days", "invalid", _("Give a number of days from 1 to %(n)d.") % {"n": MAX_OVERDUE_DAYS}
        )
    row = ReviewSettings.objects.select_for_update().filter(province=province).first()
    if precondition is not None:
        precondition.check(row or ReviewSettings(province=province))
    row = row or ReviewSettings(province=province)
    before = row.overdue_days if row.pk else DEFAULT_OVERDUE_DAYS
    row.overdue_days, row.updated_by = overdue_days, actor
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise stale() from exc
    audit_record(
        action="review_settings.update",
        actor=actor,
        subject_type="review_settings",
        subject_id=province.code,
        detail={"province": province.code, "before": {"overdue_days": before}, "after": {"overdue_days": overdue_days}},
    )
    return settings_for(province)
