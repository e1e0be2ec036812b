from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core.text import MULTILINE_STYLE

from ..attendance import is_unattended
from ..models import LEVEL_ORDER, Action, Decision, State, Submission
from ..registry import KIND_CHOICES, handler_for, kind_keys
from ..review_settings import overdue_days_for


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class SubjectSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="What is reviewed, named by its kind (e.g. `teacher`).")
    id = serializers.IntegerField()
    name = serializers.CharField()


class DecisionSerializer(serializers.ModelSerializer):
    actor = PersonSerializer(read_only=True)
    organisation = serializers.CharField(
        source="organisation.code",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Code of the organisation that decided (the submitter's for a submit or withdraw); null when the "
        "step was taken by the system (an automatic step, or an organisation since removed).",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True, default=None)
    action = serializers.ChoiceField(choices=Action.choices)
    by_proxy = serializers.BooleanField(
        read_only=True, help_text="A level above decided the step, whose organisation had no active reviewer."
    )
    acting_organisation_name = serializers.CharField(
        source="acting_organisation.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Who decided by proxy (null otherwise).",
    )

    class Meta:
        model = Decision
        fields = [
            "round",
            "step",
            "level",
            "organisation",
            "organisation_name",
            "action",
            "actor",
            "reason",
            "at",
            "by_proxy",
            "acting_organisation_name",
        ]
        read_only_fields = fields


class MyDecisionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="`approve` or `return` (the decision's action).")
    at = serializers.DateTimeField()


class SubmissionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES, help_text="A registered subject kind.")
    state = serializers.ChoiceField(choices=State.choices)
    subject = serializers.SerializerMethodField()
    level = serializers.SerializerMethodField(help_text="The level deciding now; null once closed.")
    school = serializers.CharField(source="school.code", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)
    submitted_by = PersonSerializer(read_only=True)
    my_decision = serializers.SerializerMethodField(
        help_text="In the queue's `decided` view: the caller's latest decision on the item (approve / return, when)."
    )
    diff = serializers.SerializerMethodField(
        help_text="The change under review as its kind describes it, null when the whole subject is reviewed. "
        "Teacher change requests: `fields` (field → [old, new], ID numbers masked), and `group` for a group record."
    )
    current_org_name = serializers.CharField(
        source="current_org.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The organisation deciding now (who will review); null once closed.",
    )
    overdue = serializers.SerializerMethodField(
        help_text="Open and waiting longer than the province's overdue days (超期); `waiting_days` says how long."
    )
    waiting_days = serializers.SerializerMethodField(help_text="Whole days since submission (open items; else null).")
    unattended = serializers.SerializerMethodField(
        help_text="Open, and the organisation deciding now has no active reviewer for it (无人审核): a level above "
        "may decide it by proxy or assign a reviewer."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "kind",
            "state",
            "subject",
            "level",
            "step_levels",
            "current_step",
            "round",
            "school",
            "school_name",
            "submitted_by",
            "submitted_at",
            "closed_at",
            "return_reason",
            "diff",
            "my_decision",
            "current_org_name",
            "unattended",
            "overdue",
            "waiting_days",
        ]
        read_only_fields = fields

    @extend_schema_field(MyDecisionSerializer(allow_null=True))
    def get_my_decision(self, obj: Submission) -> dict[str, Any] | None:
        """The caller's latest approval or return of this item (the queue's `decided` view only)."""
        action = getattr(obj, "my_action", None)
        return {"action": action, "at": obj.my_decided_at} if action else None

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, obj: Submission) -> dict[str, Any]:
        return {"type": obj.subject_type, "id": obj.subject_id, "name": obj.subject_label}

    def get_level(self, obj: Submission) -> str | None:
        if obj.state not in (State.SUBMITTED, State.IN_REVIEW):
            return None
        return obj.step_levels[obj.current_step]

    def _overdue_days(self) -> int:
        """The caller's province's overdue days, read once per response."""
        if "overdue_days" not in self.context:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            self.context["overdue_days"] = overdue_days_for(getattr(user, "organisation", None))
        return self.context["overdue_days"]

    def get_waiting_days(self, obj: Submission) -> int | None:
        if obj.state not in (State.SUBMITTED, State.IN_REVIEW):
            return None
        return (timezone.now() - obj.submitted_at).days

    def get_overdue(self, obj: Submission) -> bool:
        waited = self.get_waiting_days(obj)
        return waited is not None and waited >= self._overdue_days()

    def get_unattended(self, obj: Submission) -> bool:
        return is_unattended(obj)

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_diff(self, obj: Submission) -> dict[str, Any] | None:
        if obj.kind not in kind_keys():  # a kind no longer registered
            return None
        return handler_for(obj.kind).describe(obj)


class SubmissionDetailSerializer(SubmissionSerializer):
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "decisions"]
        read_only_fields = fields


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(
        min_length=5,
        max_length=500,
        style=MULTILINE_STYLE,
        help_text="Why it goes back (at least 5 characters; line breaks allowed).",
    )


class BulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[Action.APPROVE, Action.RETURN])
    # Ids are bigints: a larger number would come back in the results and fail to render (500).
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=1000
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500, style=MULTILINE_STYLE)


class BulkResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    state = serializers.CharField(required=False)
    code = serializers.CharField(required=False)
    message = serializers.CharField(required=False)


class FlowSerializer(serializers.Serializer):
    """One kind's review chain in the caller's province."""

    province = serializers.CharField(source="province.code", read_only=True)
    kind = serializers.ChoiceField(choices=KIND_CHOICES, source="kind.key", read_only=True)
    kind_name = serializers.CharField(source="kind.label", read_only=True, help_text="The kind's name (localised).")
    levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_ORDER), help_text="The levels that approve, in climbing order."
    )
    required_levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_ORDER),
        source="kind.required_levels",
        read_only=True,
        help_text="National levels a province cannot drop.",
    )
    allowed_levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_ORDER),
        source="kind.allowed_levels",
        read_only=True,
        help_text="The levels a province may choose from.",
    )
    derived_from = serializers.CharField(
        source="kind.derived_from",
        read_only=True,
        allow_null=True,
        help_text="Null, or the kind whose chain (plus its own levels) this derived chain follows; not edited itself.",
    )
    editable = serializers.BooleanField(source="kind.editable", read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null: the national default.")
    etag = serializers.CharField(
        read_only=True,
        help_text='The chain\'s ETag (`"default"` while the national default applies); send it in If-Match.',
    )


class ProgressSerializer(serializers.Serializer):
    org = serializers.CharField()
    states = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Teachers by record_state (draft, submitted, in_review, approved, returned) and pending_change.",
    )
    in_review_by_level = serializers.DictField(
        child=serializers.IntegerField(), help_text="Open review items by the level deciding them now."
    )
    overdue_days = serializers.IntegerField(help_text="The province's overdue days (GET /reviews/settings/).")
    overdue_by_level = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Open items waiting longer than the overdue days, by the level deciding them now (超期).",
    )
    unattended_by_level = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Open items whose deciding organisation has no active reviewer (无人审核), by level.",
    )
