"""Claims as subjects of the review engine: kind `training_claim`, school → county by default (DOMAIN decision 6);
a province may add the city and the province. Approval writes the archive's 国内培训 record and recounts the
teacher's standing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from tmis.reviews.models import Submission
from tmis.reviews.registry import SubjectKind, register, register_related

from .archive import write_records
from .models import Claim, ClaimKind, ClaimState
from .names import FORM_TABLE, LEVEL_TABLE, code_names, name_of
from .rules import rules_for
from .standings import recount

KIND = "training_claim"
SUBJECT = "training_claim"


def describe_claim(claim: Claim) -> dict[str, Any]:
    """What a reviewer reads (stored with the review item when it is submitted; names of codes are added when it is
    read, in the reader's language)."""
    return {
        "id": claim.pk,
        "kind": claim.kind,
        "title": claim.title,
        "provider": claim.provider,
        "level": claim.level,
        "form": claim.form,
        "hours": claim.hours,
        "date": claim.date.isoformat(),
        "programme": claim.programme_id,
        "teacher": claim.teacher_id,
        "teacher_no": claim.teacher.teacher_no,
        "teacher_name": claim.teacher.name,
        "has_evidence": bool(claim.evidence_path),
        "note": claim.note,
    }


class ClaimSubject:
    """What the engine asks of a claim."""

    def _claim(self, subject_id: int) -> Claim:
        return Claim.objects.select_related("teacher", "school").get(pk=subject_id)

    def label(self, subject_id: int) -> str:
        claim = self._claim(subject_id)
        return f"{claim.teacher.name} · {claim.title}"

    def origin(self, subject_id: int) -> Any:
        return self._claim(subject_id).school

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        return Claim.objects.visible_to(actor).filter(pk=subject_id).exists()

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        stored = (submission.payload or {}).get("claim") or describe_claim(self._claim(submission.subject_id))
        names = {
            "kind_name": str(ClaimKind(stored["kind"]).label),
            "level_name": name_of(code_names(LEVEL_TABLE), stored["level"]),
            "form_name": name_of(code_names(FORM_TABLE), stored["form"]),
        }
        return {"claim": {**stored, **names}}

    def state_changed(self, submission: Submission) -> None:
        Claim.objects.filter(pk=submission.subject_id).update(state=ClaimState(submission.state))

    def apply(self, submission: Submission) -> None:
        claim = Claim.objects.select_for_update(of=("self",)).select_related("teacher").get(pk=submission.subject_id)
        claim.credits = rules_for(claim.teacher.province_code).credits(claim.hours, claim.form)
        claim.state, claim.approved_at = ClaimState.APPROVED, timezone.now()
        write_records([claim], {claim.teacher_id: claim.teacher.province_code})
        claim.save(update_fields=["credits", "state", "approved_at", "record", "updated_at"])
        recount([claim.teacher_id])


def claims_of_teacher(teacher_id: int) -> list[int]:
    """The ids of a teacher's filed claims: their reviews belong on the archive's timeline."""
    return list(Claim.objects.filter(teacher_id=teacher_id).values_list("pk", flat=True))


def register_handlers() -> None:
    register(
        SubjectKind(
            key=KIND,
            label=gettext_lazy("Training hours"),
            subject_type=SUBJECT,
            handler=ClaimSubject(),
            default_levels=("school", "county"),
            required_levels=("school", "county"),
            submit_capability="training.claim",
        )
    )
    register_related(parent_type="teacher", subject_type=SUBJECT, subjects=claims_of_teacher)
