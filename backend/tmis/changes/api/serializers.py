from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tmis.reviews.models import OPEN_STATES

from ..models import Kind, TeacherChange
from ..selectors import shows_full_name


class PlaceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class LookupSerializer(serializers.Serializer):
    """Only whether an archive holds the document, and where: never more."""

    found = serializers.BooleanField()
    teacher_no = serializers.CharField(required=False, help_text="The national teacher number.")
    name_masked = serializers.CharField(required=False, help_text="张*伟")
    active = serializers.BooleanField(required=False, help_text="False: the teacher has left (a return comes first).")
    change_open = serializers.BooleanField(required=False, help_text="Another change of the teacher is open.")
    province = PlaceSerializer(required=False, allow_null=True)
    county = PlaceSerializer(required=False, allow_null=True)


class ChangeSerializer(serializers.ModelSerializer):
    """A change as either side sees it: the receiving side of a transfer reads the masked name until it completes;
    once a teacher has transferred out, this line is all the sending side keeps."""

    kind_name = serializers.CharField(source="get_kind_display", read_only=True)
    name = serializers.SerializerMethodField(
        help_text="Full, or masked (张*伟) for the receiving side before completion."
    )
    from_school = serializers.CharField(source="from_school.code", read_only=True)
    from_school_name = serializers.CharField(source="from_school.name", read_only=True)
    from_province_name = serializers.SerializerMethodField()
    to_school = serializers.CharField(source="to_school.code", read_only=True, allow_null=True, default=None)
    to_school_name = serializers.CharField(source="to_school.name", read_only=True, allow_null=True, default=None)
    to_province_name = serializers.SerializerMethodField()
    side = serializers.SerializerMethodField(help_text="`sending` (the teacher's school of record) or `receiving`.")
    current_org_name = serializers.SerializerMethodField(help_text="Who decides now (open changes).")

    class Meta:
        model = TeacherChange
        fields = [
            "id",
            "kind",
            "kind_name",
            "state",
            "teacher",
            "teacher_no",
            "name",
            "from_school",
            "from_school_name",
            "from_province_name",
            "to_school",
            "to_school_name",
            "to_province_name",
            "effective_date",
            "end_date",
            "reason",
            "personnel_status",
            "employment_status",
            "submission",
            "current_org_name",
            "side",
            "created_at",
            "completed_at",
            "ended_at",
        ]
        read_only_fields = fields

    def _user(self) -> Any:
        return self.context["request"].user

    def get_name(self, obj: TeacherChange) -> str:
        return obj.teacher_name if shows_full_name(obj, self._user()) else obj.name_masked

    def _province(self, code: str | None) -> str:
        return self.context.get("provinces", {}).get(code or "", "") if code else ""

    def get_from_province_name(self, obj: TeacherChange) -> str:
        return self._province(obj.from_school.province_code)

    def get_to_province_name(self, obj: TeacherChange) -> str:
        return self._province(obj.to_school.province_code if obj.to_school else None)

    def get_side(self, obj: TeacherChange) -> str:
        path = self._user().scope_path or ""
        return "sending" if obj.from_path.startswith(path) else "receiving"

    def get_current_org_name(self, obj: TeacherChange) -> str | None:
        submission = obj.submission
        if submission is None or obj.state not in OPEN_STATES:
            return None
        return submission.current_org.name if submission.current_org else None


class ChangeCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    teacher = serializers.IntegerField(
        required=False, min_value=1, help_text="The teacher's id — the own side's changes (leave, leaving, return)."
    )
    id_type = serializers.CharField(
        required=False, max_length=1, help_text="A transfer's applicant: the ID document type (code table)."
    )
    id_number = serializers.CharField(required=False, max_length=30, help_text="A transfer's applicant: the number.")
    to_school = serializers.CharField(
        required=False, max_length=20, help_text="The receiving school's code (a transfer, a return elsewhere)."
    )
    effective_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, help_text="A secondment or a leave.")
    reason = serializers.CharField(max_length=500)
    personnel_status = serializers.CharField(
        required=False, allow_blank=True, max_length=3, help_text="人员状态 a secondment (201-202) or leave sets."
    )
