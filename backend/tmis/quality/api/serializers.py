from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer

from ..rules import SEVERITY_CHOICES


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The rule's code (Q001 …): a key, not for display.")
    name = serializers.CharField(help_text="The rule's name in the reader's language.")
    severity = serializers.ChoiceField(choices=SEVERITY_CHOICES, help_text="`error` or `warning`.")
    severity_name = serializers.CharField(help_text="The severity's name in the reader's language.")
    description = serializers.CharField(help_text="What the rule checks, in the reader's language.")


class IssueTeacherSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The archive's id (its page: /teachers/{id}).")
    name = serializers.CharField()
    teacher_no = serializers.CharField(help_text="National teacher number.")


class IssueSerializer(serializers.Serializer):
    """One issue of the worklist; the rule's name and the message come in the reader's language."""

    id = serializers.IntegerField()
    teacher = serializers.SerializerMethodField(help_text="The archive the issue was found on.")
    school = OrganisationRefSerializer(help_text="The archive's school.")
    rule = serializers.CharField(help_text="The rule's code (a key; show `rule_name`).")
    rule_name = serializers.SerializerMethodField(help_text="The rule's name in the reader's language.")
    severity = serializers.SerializerMethodField(help_text="`error` or `warning`.")
    message = serializers.SerializerMethodField(help_text="What is wrong, with names rather than codes.")
    found_at = serializers.DateTimeField(help_text="When the rule first found it.")

    @extend_schema_field(IssueTeacherSerializer)
    def get_teacher(self, issue: Any) -> dict[str, Any]:
        return IssueTeacherSerializer(
            {"id": issue.teacher_id, "name": issue.teacher.name, "teacher_no": issue.teacher.teacher_no}
        ).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_rule_name(self, issue: Any) -> str:
        return self.context["rules"].get(issue.rule, {}).get("name", issue.rule)

    @extend_schema_field(serializers.ChoiceField(choices=SEVERITY_CHOICES))
    def get_severity(self, issue: Any) -> str:
        return self.context["rules"].get(issue.rule, {}).get("severity", "warning")

    @extend_schema_field(OpenApiTypes.STR)
    def get_message(self, issue: Any) -> str:
        return self.context["messages"].get(issue.pk, "")


class OrgFiguresSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    archives = serializers.IntegerField(help_text="Current archives of the subtree (the reports' summary).")
    flagged = serializers.IntegerField(help_text="Archives with at least one issue.")
    issues = serializers.IntegerField(help_text="Issues of every rule.")
    rules = serializers.DictField(child=serializers.IntegerField(), help_text="Issues per rule code (every rule).")
    score = serializers.FloatField(
        allow_null=True, help_text="Quality score: 100 × (1 − flagged / archives), one decimal; null without archives."
    )


class QualitySummarySerializer(serializers.Serializer):
    total = OrgFiguresSerializer(help_text="The organisation's own subtree.")
    children = OrgFiguresSerializer(many=True, help_text="Every child organisation, in code order.")
    refreshed_at = serializers.DateTimeField(allow_null=True, help_text="When the issues were last brought up to date.")
