"""Who may file a work plan or a working group, and the checks of their fields that are more than types.

- A work plan belongs to a province or a 部属高校 (a school directly under the Ministry, DOMAIN §10.3: the
  organisations under the Ministry have province code `00`).
- A working group may be filed by any region (the Ministry, a province, a city, a county) and by a 部属高校 — a
  city or county that keeps a group of its own may record it; ordinary schools file none.
- Only the owning organisation's administrators change either (`workplans.manage`); the levels above read them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status

from tmis.core.errors import AppError, field_error
from tmis.orgs.models import Level, Organisation

MOBILE = re.compile(r"^1[3-9]\d{9}$")
PHONE = re.compile(r"^[0-9+()\- ]{5,30}$")
#: A plan's milestones fall due within a year before and five years after the plan's year.
DUE_YEARS_BEFORE, DUE_YEARS_AFTER = 1, 5
MAX_MEMBERS = 100


def is_central_university(organisation: Organisation, parent_level: str | None) -> bool:
    return organisation.level == Level.SCHOOL and parent_level == Level.CENTRAL


def may_own_plan(organisation: Organisation, parent_level: str | None) -> bool:
    return organisation.level == Level.PROVINCE or is_central_university(organisation, parent_level)


def may_own_group(organisation: Organisation, parent_level: str | None) -> bool:
    return organisation.level != Level.SCHOOL or is_central_university(organisation, parent_level)


def ensure_owner(actor: Any, organisation_id: int) -> None:
    """The row is visible to the actor (the view answered 404 otherwise); changing it is its organisation's alone."""
    if getattr(actor, "organisation_id", None) != organisation_id:
        raise AppError(
            _("Only the organisation that filed this may change it; you can read it."),
            code="not_own_organisation",
            status_code=status.HTTP_403_FORBIDDEN,
        )


def own_organisation(actor: Any, *, plan: bool) -> Organisation:
    """The actor's organisation, if it may file a plan (or a group)."""
    organisation = actor.organisation
    parent_level = organisation.parent.level if organisation.parent_id else None
    allowed = may_own_plan(organisation, parent_level) if plan else may_own_group(organisation, parent_level)
    if not allowed:
        message = (
            _("Work plans are filed by provinces and universities under the Ministry.")
            if plan
            else _("Working groups are filed by education authorities and universities under the Ministry.")
        )
        raise AppError(message, code="level_not_allowed", status_code=status.HTTP_403_FORBIDDEN)
    return organisation


def check_milestone_dates(*, year: int, due_date: dt.date, done_date: dt.date | None, today: dt.date) -> None:
    earliest = dt.date(year - DUE_YEARS_BEFORE, 1, 1)
    latest = dt.date(year + DUE_YEARS_AFTER, 12, 31)
    if not earliest <= due_date <= latest:
        raise field_error(
            "due_date",
            "out_of_range",
            _("A milestone of the %(year)s plan falls due between %(earliest)s and %(latest)s.")
            % {"year": year, "earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    if done_date is None:
        return
    if done_date > today:
        raise field_error("done_date", "in_future", _("The done date cannot be in the future."))
    if done_date < earliest:
        raise field_error(
            "done_date",
            "before_plan",
            _("The done date cannot be before the plan's period (from %(earliest)s).")
            % {"earliest": earliest.isoformat()},
        )


def check_contact(*, mobile: str | None, office_phone: str | None) -> None:
    if mobile and not MOBILE.match(mobile):
        raise field_error("mobile", "mobile_format", _("A mobile number has 11 digits and starts with 1."))
    if office_phone and not PHONE.match(office_phone):
        raise field_error(
            "office_phone", "phone_format", _("An office phone has digits, spaces, brackets, + and - only.")
        )
