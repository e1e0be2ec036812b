"""Writes of the review engine: submit, withdraw, approve, return (one item or up to 1,000)."""

from __future__ import annotations

from typing import Any

import pghistory
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.core.jsonable import jsonable
from tmis.notifications.services import notify_reviewers, notify_users
from tmis.orgs.models import Organisation

from .attendance import is_attended
from .flows import flow_levels, flow_set
from .models import OPEN_STATES, Action, Decision, State, Submission
from .registry import LEVEL_ORDER, SubjectKind, get_kind, handler_for

__all__ = ["BULK_LIMIT", "MIN_REASON", "decide", "decide_many", "flow_levels", "flow_set", "submit", "withdraw"]

MIN_REASON = 5
BULK_LIMIT = 1000


def _steps(school: Organisation, levels: list[str]) -> tuple[list[str], list[int]]:
    """The organisation deciding each level: the school itself, then its ancestors of that level. A level the
    school has no ancestor at (a school directly under a city) is skipped."""
    ancestors = {org.level: org for org in Organisation.objects.filter(code__in=school.path.strip("/").split("/"))}
    ancestors["school"] = school
    chosen = [(level, ancestors[level]) for level in levels if level in ancestors]
    return [level for level, _org in chosen], [org.pk for _level, org in chosen]


def _chain(kind: SubjectKind, school: Organisation, second: Organisation | None) -> tuple[list[str], list[int]]:
    """The steps of a chain from one origin, or from two (each side its own province's levels of the kind, plus the
    kind's `cross_province_levels` when the sides lie in different provinces)."""
    first_levels = flow_levels(school=school, kind=kind.key)
    if second is None:
        return _steps(school, first_levels)
    second_levels = flow_levels(school=second, kind=kind.key)
    if school.province_code != second.province_code:
        first_levels = _with_levels(first_levels, kind.cross_province_levels)
        second_levels = _with_levels(second_levels, kind.cross_province_levels)
    levels, orgs = _steps(school, first_levels)
    more_levels, more_orgs = _steps(second, second_levels)
    return levels + more_levels, orgs + more_orgs


def _with_levels(levels: list[str], extra: tuple[str, ...]) -> list[str]:
    return sorted(set(levels) | set(extra), key=LEVEL_ORDER.index)


def _record(
    submission: Submission,
    *,
    actor: Any,
    action: str,
    reason: str = "",
    step: int | None = None,
    proxy_for: Organisation | None = None,
) -> None:
    """A decision of a step is the step's organisation's; a submit or withdraw is the submitter's organisation's.
    `proxy_for`: the unattended step's organisation a level above decided for (the actor's is the acting one)."""
    org_id = submission.step_orgs[step] if step is not None else actor.organisation_id
    Decision.objects.create(
        submission=submission,
        round=submission.round,
        step=step,
        level=submission.step_levels[step] if step is not None else "",
        organisation_id=org_id,
        action=action,
        actor=actor,
        reason=reason,
        at=timezone.now(),
        by_proxy=proxy_for is not None,
        acting_organisation_id=actor.organisation_id if proxy_for is not None else None,
    )
    proxy = {"by_proxy": True, "acting_organisation": actor.organisation.code} if proxy_for is not None else {}
    audit_record(
        action=f"review.{action}",
        actor=actor,
        subject_type="submission",
        subject_id=submission.pk,
        detail={
            "kind": submission.kind,
            "subject": f"{submission.subject_type}:{submission.subject_id}",
            "round": submission.round,
            "level": submission.step_levels[step] if step is not None else "",
            "reason": reason,
            **proxy,
        },
    )


def _notify_waiting(submission: Submission) -> None:
    """The reviewers of the step's organisation; when it has none, those of the nearest level above that has some
    (told that the step is 无人审核 and theirs to decide or to staff)."""
    step_org_id = submission.current_org_id
    if step_org_id is None:
        return
    if is_attended(organisation_id=step_org_id, kind=submission.kind):
        notify_reviewers(
            organisation_id=step_org_id,
            kind="review_waiting",
            message=_("%(label)s is waiting for your review.") % {"label": submission.subject_label},
            link=f"/reviews/{submission.pk}",
        )
        return
    step_org = Organisation.objects.get(pk=step_org_id)
    codes = step_org.path.strip("/").split("/")[:-1]
    for above in sorted(Organisation.objects.filter(code__in=codes), key=lambda org: -len(org.path)):
        if is_attended(organisation_id=above.pk, kind=submission.kind):
            notify_reviewers(
                organisation_id=above.pk,
                kind="review_unattended",
                message=_("%(label)s is waiting at %(org)s, which has no reviewer: decide it or assign one.")
                % {"label": submission.subject_label, "org": step_org.name},
                link=f"/reviews/{submission.pk}",
            )
            return


@transaction.atomic
def submit(
    *,
    actor: Any,
    kind: str,
    subject_id: int,
    subject_type: str | None = None,
    label: str | None = None,
    school: Organisation | None = None,
    payload: dict[str, Any] | None = None,
    second_school: Organisation | None = None,
) -> Submission:
    """Start a review (or a new round of a returned one for the same subject and kind). The kind's handler names
    the subject, the organisation the chain climbs from and whether the actor may submit; a subject app that has
    them at hand passes `label` and `school`. `second_school` makes the chain two-sided (a transfer): the levels of
    `school`'s side, then those of the second school's side, each from its own province's chain of the kind; both
    subtrees see the item. A change request's `payload` is stored as JSON holds it (`jsonable`:
    money, dates and lists as their exact text), so the subject's handler reads it back through its fields."""
    payload = jsonable(payload) if payload is not None else None
    subject_kind = get_kind(kind)
    handler = subject_kind.handler
    if not actor.has_capability(subject_kind.submit_capability) or not handler.may_submit(actor, subject_id):
        raise AppError(_("You may not submit this for review."), code="not_submitter", status_code=403)
    subject_type = subject_type or subject_kind.subject_type
    label = label if label is not None else handler.label(subject_id)
    school = school if school is not None else handler.origin(subject_id)
    levels, orgs = _chain(subject_kind, school, second_school)
    now = timezone.now()
    returned = (
        Submission.objects.select_for_update()
        .filter(subject_type=subject_type, subject_id=subject_id, kind=kind, state=State.RETURNED)
        .order_by("-id")
        .first()
    )
    if returned is not None:
        submission = returned
        submission.round += 1
        submission.step_levels, submission.step_orgs = levels, orgs
        submission.return_reason = ""
        submission.closed_at = None
        if payload is not None:
            submission.payload = payload
    else:
        submission = Submission(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject_id,
            step_levels=levels,
            step_orgs=orgs,
            payload=payload or {},
        )
    submission.subject_label = label[:100]
    submission.school, submission.org_path = school, school.path
    submission.second_path = second_school.path if second_school is not None else ""
    submission.current_step, submission.current_org_id = 0, orgs[0]
    submission.state, submission.submitted_by, submission.submitted_at = State.SUBMITTED, actor, now
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as exc:
        raise AppError(
            _("This record already has a submission in review."), code="already_submitted", status_code=409
        ) from exc
    _record(submission, actor=actor, action=Action.SUBMIT)
    handler_for(kind).state_changed(submission)
    _notify_waiting(submission)
    return submission


@transaction.atomic
def withdraw(*, actor: Any, submission_id: int) -> Submission:
    """The submitter takes a submission back before anyone has decided on it in this round."""
    submission = _locked(actor, submission_id)
    if submission.submitted_by_id != actor.pk:
        raise AppError(_("Only the person who submitted it can withdraw it."), code="not_yours", status_code=403)
    decided = submission.decisions.filter(round=submission.round, action__in=[Action.APPROVE, Action.RETURN])
    if submission.state not in OPEN_STATES or decided.exists():
        raise AppError(
            _("A reviewer has already decided on it; it can no longer be withdrawn."),
            code="not_withdrawable",
            status_code=409,
        )
    submission.state, submission.current_org_id, submission.closed_at = State.WITHDRAWN, None, timezone.now()
    submission.save(update_fields=["state", "current_org", "closed_at"])
    _record(submission, actor=actor, action=Action.WITHDRAW)
    handler_for(submission.kind).state_changed(submission)
    return submission


def _locked(actor: Any, submission_id: int) -> Submission:
    submission = Submission.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=submission_id).first()
    if submission is None:
        raise AppError(_("No such submission in your scope."), code="not_found", status_code=404)
    return submission


def _proxy_step(actor: Any, submission: Submission) -> Organisation:
    """The step's organisation when the actor's organisation is above it and it has no active reviewer for the
    kind: the actor may decide by proxy. 403 `not_your_step` when it is not below the actor's organisation, 409
    `step_attended` when someone there can decide it."""
    step_org = Organisation.objects.get(pk=submission.current_org_id)
    below = step_org.pk != actor.organisation_id and step_org.path.startswith(actor.organisation.path)
    if not below:
        raise AppError(_("This item is not waiting at your organisation."), code="not_your_step", status_code=403)
    if is_attended(organisation_id=step_org.pk, kind=submission.kind):
        raise AppError(
            _("%(org)s has a reviewer for this step; it is theirs to decide.") % {"org": step_org.name},
            code="step_attended",
            status_code=409,
        )
    return step_org


@transaction.atomic
def decide(*, actor: Any, submission_id: int, action: str, reason: str = "") -> Submission:
    """Approve or return the current step. The row lock makes a decision single-use: a second reviewer of the same
    step waits, then gets 409 `already_decided`. A level above decides a step whose organisation has no active
    reviewer by proxy (recorded as such); a step that has one is refused to it (409 `step_attended`)."""
    reason = (reason or "").strip()
    if action == Action.RETURN and len(reason) < MIN_REASON:
        raise field_error("reason", "min_length", _("Give a reason of at least %(n)d characters.") % {"n": MIN_REASON})
    submission = _locked(actor, submission_id)
    step = submission.current_step
    proxy_for = None
    if submission.state not in OPEN_STATES or submission.current_org_id != actor.organisation_id:
        already = submission.decisions.filter(
            round=submission.round, organisation_id=actor.organisation_id, action__in=[Action.APPROVE, Action.RETURN]
        )
        if already.exists() or submission.state not in OPEN_STATES:
            raise AppError(_("This item has already been decided."), code="already_decided", status_code=409)
        proxy_for = _proxy_step(actor, submission)
    if not actor.has_capability(get_kind(submission.kind).decide_capability):
        raise AppError(_("You may not review this kind of item."), code="permission_denied", status_code=403)
    if submission.submitted_by_id == actor.pk:
        raise AppError(_("You cannot review your own submission."), code="own_submission", status_code=403)
    try:
        with transaction.atomic():
            _record(submission, actor=actor, action=action, reason=reason, step=step, proxy_for=proxy_for)
    except IntegrityError as exc:  # belt and braces: the unique step constraint
        raise AppError(_("This item has already been decided."), code="already_decided", status_code=409) from exc
    now = timezone.now()
    if action == Action.RETURN:
        submission.state, submission.return_reason = State.RETURNED, reason
        submission.current_org_id, submission.closed_at = None, now
        notify_users(
            user_ids=[submission.submitted_by_id],
            kind="review_returned",
            message=_("%(label)s was returned: %(reason)s") % {"label": submission.subject_label, "reason": reason},
            link=f"/reviews/{submission.pk}",
        )
    elif step + 1 < len(submission.step_orgs):
        submission.current_step = step + 1
        submission.current_org_id = submission.step_orgs[step + 1]
        submission.state = State.IN_REVIEW
        _notify_waiting(submission)
    else:
        with pghistory.context(submission=submission.pk):  # the rows it changes name the review item
            handler_for(submission.kind).apply(submission)
        submission.state, submission.current_org_id, submission.closed_at = State.APPROVED, None, now
    submission.save()
    handler_for(submission.kind).state_changed(submission)
    return submission


def decide_many(*, actor: Any, ids: list[int], action: str, reason: str = "") -> list[dict[str, Any]]:
    """Up to BULK_LIMIT decisions, each in its own transaction; one result per id, in order."""
    if len(ids) > BULK_LIMIT:
        raise field_error("ids", "max_length", _("At most %(n)d items per call.") % {"n": BULK_LIMIT})
    results = []
    for submission_id in ids:
        try:
            submission = decide(actor=actor, submission_id=submission_id, action=action, reason=reason)
        except AppError as error:
            results.append({"id": submission_id, "ok": False, "code": error.code, "message": str(error.detail)})
        else:
            results.append({"id": submission_id, "ok": True, "state": submission.state})
    return results
