from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core import crypto
from tmis.core.etag import ETagField
from tmis.orgs.api.serializers import OrganisationRefSerializer

from ..models import GroupMember, GroupRole, Milestone, WorkPlan
from ..selectors import is_overdue, shows_full_contact


def _may_change(context: dict[str, Any], organisation_id: int) -> bool:
    user = context["request"].user
    return user.organisation_id == organisation_id and user.has_capability("workplans.manage")


class MilestoneSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField(help_text="Due before today and not done (due today is not overdue).")
    etag = ETagField()

    class Meta:
        model = Milestone
        fields = ["id", "plan", "title", "due_date", "done_date", "owner", "sort_order", "overdue", "etag"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, obj: Milestone) -> bool:
        today: dt.date = self.context["today"]
        return is_overdue(obj, today)


class WorkPlanSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    milestones_total = serializers.IntegerField(read_only=True)
    milestones_done = serializers.IntegerField(read_only=True)
    milestones_overdue = serializers.IntegerField(read_only=True, help_text="Due before today and not done.")
    editable = serializers.SerializerMethodField(
        help_text="Whether the caller may change it: an administrator of the owning organisation."
    )
    etag = ETagField()

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "organisation",
            "year",
            "title",
            "description",
            "milestones_total",
            "milestones_done",
            "milestones_overdue",
            "editable",
            "created_at",
            "updated_at",
            "etag",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_editable(self, obj: WorkPlan) -> bool:
        return _may_change(self.context, obj.organisation_id)


class WorkPlanDetailSerializer(WorkPlanSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True, help_text="In their sort order, then by due date.")

    class Meta(WorkPlanSerializer.Meta):
        fields = [*WorkPlanSerializer.Meta.fields, "milestones"]
        read_only_fields = fields


class WorkPlanWriteSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class MilestoneWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    due_date = serializers.DateField(help_text="YYYY-MM-DD.")
    done_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="YYYY-MM-DD; null: not done. Not in the future."
    )
    owner = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="A person or an office."
    )
    sort_order = serializers.IntegerField(min_value=0, max_value=32767, required=False, default=0)


class GroupMemberSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    role_name = serializers.CharField(source="get_role_display", read_only=True)
    mobile = serializers.SerializerMethodField(
        help_text="In full for the member's own organisation; masked (13*******78) for the levels above."
    )
    editable = serializers.SerializerMethodField(help_text="Whether the caller may change it.")
    etag = ETagField()

    class Meta:
        model = GroupMember
        fields = [
            "id",
            "organisation",
            "name",
            "unit",
            "post",
            "role",
            "role_name",
            "office_phone",
            "mobile",
            "email",
            "sort_order",
            "editable",
            "etag",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_mobile(self, obj: GroupMember) -> str:
        if not obj.mobile or shows_full_contact(obj, self.context["request"].user):
            return obj.mobile
        return crypto.mask(obj.mobile)

    @extend_schema_field(serializers.BooleanField())
    def get_editable(self, obj: GroupMember) -> bool:
        return _may_change(self.context, obj.organisation_id)


class GroupMemberWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    unit = serializers.CharField(max_length=100, required=False, allow_blank=True, default="", help_text="单位.")
    post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="", help_text="职务.")
    role = serializers.ChoiceField(choices=GroupRole.choices, help_text="Role in the group.")
    office_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    mobile = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="11 digits starting with 1."
    )
    email = serializers.EmailField(max_length=100, required=False, allow_blank=True, default="")
    sort_order = serializers.IntegerField(min_value=0, max_value=32767, required=False, default=0)


class GroupOrganisationSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    members = serializers.IntegerField()
    contact = serializers.CharField(help_text="The liaison (else the leader): name and phone, as the monthly report.")
