"""A county's plan as a subject of the review engine: kind `rotation_plan`, county → city by default; a province
may add itself. The reviewer reads the plan's figures against the targets and every assignment by name; approval
makes the plan's assignments start and end by their dates (`lifecycle`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from tmis.reviews.models import Submission
from tmis.reviews.registry import SubjectKind, register

from .figures import plan_review
from .lifecycle import advance
from .models import Plan, PlanState
from .names import FLOW_TABLE, TYPE_TABLE, code_names, name_of

KIND = "rotation_plan"
SUBJECT = "rotation_plan"


class PlanSubject:
    """What the engine asks of a plan."""

    def _plan(self, subject_id: int) -> Plan:
        return Plan.objects.select_related("county").get(pk=subject_id)

    def label(self, subject_id: int) -> str:
        plan = self._plan(subject_id)
        return f"{plan.county.name} · {plan.year}"

    def origin(self, subject_id: int) -> Any:
        return self._plan(subject_id).county

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        return Plan.objects.visible_to(actor).filter(pk=subject_id, county_id=actor.organisation_id).exists()

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        stored = (submission.payload or {}).get("plan") or plan_review(self._plan(submission.subject_id))
        types, flows = code_names(TYPE_TABLE), code_names(FLOW_TABLE)
        assignments = [
            {
                **row,
                "rotation_type_name": name_of(types, row["rotation_type"]),
                "flow_category_name": name_of(flows, row["flow_category"]),
            }
            for row in stored.get("assignments", [])
        ]
        return {"plan": {**stored, "assignments": assignments}}

    def state_changed(self, submission: Submission) -> None:
        Plan.objects.filter(pk=submission.subject_id).update(state=PlanState(submission.state))

    def apply(self, submission: Submission) -> None:
        Plan.objects.filter(pk=submission.subject_id).update(state=PlanState.APPROVED, approved_at=timezone.now())
        # Assignments whose dates already came start (and end) now; the rest wait for the daily job.
        advance(plan_id=submission.subject_id)


def register_handlers() -> None:
    register(
        SubjectKind(
            key=KIND,
            label=gettext_lazy("Rotation plan"),
            subject_type=SUBJECT,
            handler=PlanSubject(),
            default_levels=("county", "city"),
            required_levels=("county",),
            allowed_levels=("county", "city", "province"),
            submit_capability="rotation.manage",
        )
    )
