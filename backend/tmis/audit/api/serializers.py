from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..actions import action_label, subject_label
from ..models import AccessLog


class AuditEventSerializer(serializers.ModelSerializer):
    action_label = serializers.SerializerMethodField(help_text="The action's name in the request's language.")
    subject_label = serializers.SerializerMethodField(help_text="What kind of thing the event is about, by name.")
    display_name = serializers.SerializerMethodField(help_text="The actor's display name (empty: anonymous/system).")
    detail = serializers.DictField(
        child=serializers.JSONField(), read_only=True, help_text="What else the event records (file names, rows …)."
    )

    class Meta:
        model = AccessLog
        fields = [
            "id",
            "at",
            "username",
            "display_name",
            "action",
            "action_label",
            "subject_type",
            "subject_label",
            "subject_id",
            "address",
            "request_id",
            "detail",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "at": {"help_text": "When it happened."},
            "username": {"help_text": "Who acted (or, for an anonymous event, the account named)."},
            "action": {"help_text": "The action's code (e.g. teacher.id_number.view)."},
            "subject_type": {"help_text": "The kind of thing acted upon (code)."},
            "subject_id": {"help_text": "Its id."},
            "address": {"help_text": "The client's address."},
            "request_id": {"help_text": "The request's id (X-Request-ID)."},
        }

    @extend_schema_field(serializers.CharField())
    def get_action_label(self, obj: AccessLog) -> str:
        return action_label(obj.action)

    @extend_schema_field(serializers.CharField())
    def get_subject_label(self, obj: AccessLog) -> str:
        return subject_label(obj.subject_type)

    @extend_schema_field(serializers.CharField())
    def get_display_name(self, obj: AccessLog) -> str:
        user: Any = obj.user if obj.user_id else None
        return getattr(user, "display_name", "") or ""


class AuditActionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The action's code, for the `action` filter.")
    label = serializers.CharField(help_text="Its name in the request's language.")
