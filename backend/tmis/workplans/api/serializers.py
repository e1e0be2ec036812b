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


def changes_of(serializer: type[serializers.Serializer], name: str, doc: str) -> type[serializers.Serializer]:
    """The PATCH body of a write serializer: the same fields, each optional and without a default (only the fields
    sent change)."""
    fields: dict[str, Any] = {}
    for key, field in serializer().fields.items():
        kwargs = {k: v for k, v in field._kwargs.items() if k != "default"} | {"required": False}
        fields[key] = type(field)(*field._args, **kwargs)
    return type(name, (serializers.Serializer,), {**fields, "__doc__": doc, "__module__": __name__})


def _may_change(context: dict[str, Any], organisation_id: int) -> bool:
    user = context["request"].user
    return user.organisation_id == organisation_id and user.has_capability("workplans.manage")


class MilestoneSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField(help_text="Due before today and not done (due today is not overdue).")
    days_overdue = serializers.SerializerMethodField(help_text="Days since the due date while overdue, else null.")
    etag = ETagField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "plan",
            "title",
            "due_date",
            "done_date",
            "owner",
            "sort_order",
            "overdue",
            "days_overdue",
            "etag",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, obj: Milestone) -> bool:
        today: dt.date = self.context["today"]
        return is_overdue(obj, today)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_overdue(self, obj: Milestone) -> int | None:
        today: dt.date = self.context["today"]
        return (today - obj.due_date).days if is_overdue(obj, today) else None


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


WorkPlanChangeSerializer = changes_of(WorkPlanWriteSerializer, "WorkPlanChangeSerializer", "A change of a plan.")


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


MilestoneChangeSerializer = changes_of(
    MilestoneWriteSerializer, "MilestoneChangeSerializer", "A change of a milestone; `done_date` alone marks it done."
)


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


GroupMemberChangeSerializer = changes_of(
    GroupMemberWriteSerializer, "GroupMemberChangeSerializer", "A change of a member."
)


class GroupOrganisationSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    members = serializers.IntegerField()
    contact = serializers.CharField(help_text="The liaison (else the leader): name and phone, as the monthly report.")
