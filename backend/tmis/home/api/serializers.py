from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.reviews.api.serializers import SubjectSerializer
from tmis.reviews.models import State, Submission
from tmis.reviews.registry import KIND_CHOICES


class HomeSubmissionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES)
    state = serializers.ChoiceField(choices=State.choices)
    subject = serializers.SerializerMethodField()
    school_name = serializers.CharField(source="school.name", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "kind", "state", "subject", "school_name", "submitted_at"]
        read_only_fields = fields

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, obj: Submission) -> dict[str, Any]:
        return {"type": obj.subject_type, "id": obj.subject_id, "name": obj.subject_label}


class ReturnedItemSerializer(HomeSubmissionSerializer):
    class Meta(HomeSubmissionSerializer.Meta):
        fields = [*HomeSubmissionSerializer.Meta.fields, "return_reason", "closed_at"]
        read_only_fields = fields


class WaitingItemSerializer(HomeSubmissionSerializer):
    level = serializers.SerializerMethodField(help_text="The level deciding now.")
    current_org_name = serializers.CharField(
        source="current_org.name", read_only=True, allow_null=True, default=None, help_text="Who decides now."
    )
    unattended = serializers.SerializerMethodField(help_text="Nobody at that organisation can decide it (无人审核).")
    waiting_days = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta(HomeSubmissionSerializer.Meta):
        fields = [
            *HomeSubmissionSerializer.Meta.fields,
            "level",
            "current_org_name",
            "unattended",
            "waiting_days",
            "overdue",
        ]
        read_only_fields = fields

    def get_level(self, obj: Submission) -> str:
        return obj.step_levels[obj.current_step]

    def get_unattended(self, obj: Submission) -> bool:
        return not getattr(obj, "attended", True)

    def get_waiting_days(self, obj: Submission) -> int:
        return (timezone.now() - obj.submitted_at).days

    def get_overdue(self, obj: Submission) -> bool:
        return self.get_waiting_days(obj) >= self.context["overdue_days"]


class DraftItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    school_name = serializers.CharField(source="school.name")
    updated_at = serializers.DateTimeField()


class FailedImportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    state = serializers.CharField(help_text="failed, or done with rows that could not be written.")
    rows_failed = serializers.IntegerField()
    error_message = serializers.CharField()
    created_at = serializers.DateTimeField()


def _section(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="How many in all (the first few are listed)."),
            "items": item(many=True),
        },
    )


ReturnedSection = _section(ReturnedItemSerializer, "HomeReturned")
DraftSection = _section(DraftItemSerializer, "HomeDrafts")
WaitingSection = _section(WaitingItemSerializer, "HomeWaiting")
ImportSection = _section(FailedImportSerializer, "HomeFailedImports")


class QueueAgeSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    under_1d = serializers.IntegerField(help_text="Waiting less than a day.")
    d1_3 = serializers.IntegerField(help_text="1 to 3 days.")
    d3_7 = serializers.IntegerField(help_text="3 to 7 days.")
    over_7d = serializers.IntegerField(help_text="More than 7 days.")
    overdue = serializers.IntegerField(help_text="Longer than the province's overdue days (超期).")
    unattended = serializers.IntegerField(help_text="Unattended items below the caller's organisation (无人审核).")


class HomeTodosSerializer(serializers.Serializer):
    overdue_days = serializers.IntegerField(help_text="The province's overdue days.")
    returned = ReturnedSection(allow_null=True, help_text="Returned items in scope with their reasons.")
    drafts = DraftSection(allow_null=True, help_text="Archives not yet submitted.")
    waiting = WaitingSection(allow_null=True, help_text="Open items waiting for someone else, and at whom.")
    failed_imports = ImportSection(allow_null=True, help_text="The caller's imports that failed (last 30 days).")
    queue_age = QueueAgeSerializer(allow_null=True, help_text="A reviewer's queue by age.")
