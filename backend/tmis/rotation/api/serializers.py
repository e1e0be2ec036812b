"""Shapes of the rotation API (`/api/v1/rotation/`). Codes travel with their names in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from ..models import Assignment, AssignmentState, Plan, PlanState
from ..names import FLOW_TABLE, TYPE_TABLE, code_names, name_of


class RotationOrgSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class PlanRefAssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=AssignmentState.choices)
    to_school_name = serializers.CharField()


class ReasonCountsSerializer(serializers.Serializer):
    not_compulsory = serializers.IntegerField()
    away = serializers.IntegerField()
    no_entry_month = serializers.IntegerField()
    too_few_years = serializers.IntegerField()
    near_retirement = serializers.IntegerField()


class EligibilitySummarySerializer(serializers.Serializer):
    teachers = serializers.IntegerField(help_text="Current teachers under the organisation.")
    eligible = serializers.IntegerField()
    eligible_backbone = serializers.IntegerField()
    reasons = ReasonCountsSerializer(help_text="How many are not eligible for each reason.")


class JudgedTeacherSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The teacher's archive id.")
    name = serializers.CharField()
    teacher_no = serializers.CharField()
    school_code = serializers.CharField()
    school_name = serializers.CharField()
    school_entry_month = serializers.CharField(help_text="进本校年月.")
    years_at_school = serializers.IntegerField(allow_null=True, help_text="Whole years on the reference date.")
    backbone = serializers.BooleanField(help_text="县级及以上骨干教师.")
    eligible = serializers.BooleanField()
    reason = serializers.CharField(help_text="Why not eligible (a key; empty when eligible).")
    reason_text = serializers.CharField(help_text="The same, as a sentence in the reader's language.")
    assignment = PlanRefAssignmentSerializer(allow_null=True, help_text="The teacher's assignment of the year.")


class EligibleResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Teachers matching the filters.")
    results = JudgedTeacherSerializer(many=True)
    summary = EligibilitySummarySerializer()
    year = serializers.IntegerField()
    reference_date = serializers.DateField(help_text="Eligibility is judged on this date (1 September of the year).")


def _names(slug: str, code: str) -> str:
    return name_of(code_names(slug), code)


class AssignmentSerializer(serializers.ModelSerializer):
    teacher_name = serializers.CharField(source="teacher.name", read_only=True)
    teacher_no = serializers.CharField(source="teacher.teacher_no", read_only=True)
    from_school = RotationOrgSerializer(read_only=True)
    to_school = RotationOrgSerializer(read_only=True)
    plan_year = serializers.IntegerField(source="plan.year", read_only=True)
    county_name = serializers.CharField(source="plan.county.name", read_only=True)
    rotation_type_name = serializers.SerializerMethodField()
    flow_category_name = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "plan",
            "plan_year",
            "county_name",
            "teacher",
            "teacher_name",
            "teacher_no",
            "from_school",
            "to_school",
            "rotation_type",
            "rotation_type_name",
            "transfers_relation",
            "flow_category",
            "flow_category_name",
            "backbone",
            "start_date",
            "end_date",
            "state",
            "started_at",
            "ended_at",
        ]
        read_only_fields = fields

    def get_rotation_type_name(self, obj: Assignment) -> str:
        return _names(TYPE_TABLE, obj.rotation_type)

    def get_flow_category_name(self, obj: Assignment) -> str:
        return _names(FLOW_TABLE, obj.flow_category)


class AssignmentWriteSerializer(serializers.Serializer):
    teacher = serializers.IntegerField(
        min_value=1, help_text="The teacher's archive id (a current teacher of the county)."
    )
    to_school = serializers.CharField(max_length=20, help_text="The receiving school's code (in the same county).")
    rotation_type = serializers.CharField(max_length=10, help_text="交流轮岗类型 (code table rotation-type).")
    transfers_relation = serializers.BooleanField(help_text="是否调动人事关系: the end is a transfer to the school.")
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class AssignmentChangeSerializer(AssignmentWriteSerializer):
    teacher = None  # type: ignore[assignment]  (a different teacher is a different assignment)


class PlanSerializer(serializers.ModelSerializer):
    county = RotationOrgSerializer(read_only=True)
    assignment_count = serializers.IntegerField(read_only=True)
    backbone_count = serializers.IntegerField(read_only=True)
    state = serializers.ChoiceField(choices=PlanState.choices, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "county",
            "year",
            "state",
            "note",
            "submission",
            "assignment_count",
            "backbone_count",
            "created_at",
            "updated_at",
            "approved_at",
        ]
        read_only_fields = ["submission", "created_at", "updated_at", "approved_at"]


class PlanCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="The school year starting in September.")
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class PlanUpdateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000, allow_blank=True)


class PlanFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    teachers = serializers.IntegerField()
    eligible = serializers.IntegerField()
    eligible_backbone = serializers.IntegerField()
    target = serializers.IntegerField(help_text="Teachers to rotate: target_share of the eligible, rounded up.")
    backbone_target = serializers.IntegerField(help_text="Backbone teachers among them: backbone_share, rounded up.")
    planned = serializers.IntegerField()
    planned_backbone = serializers.IntegerField()
    target_share = serializers.DecimalField(max_digits=4, decimal_places=3)
    backbone_share = serializers.DecimalField(max_digits=4, decimal_places=3)
    warnings = serializers.ListField(child=serializers.CharField(), help_text="Shortfalls (warned, never blocking).")


class PlanDetailSerializer(PlanSerializer):
    figures = PlanFiguresSerializer(read_only=True, help_text="The plan against the county's targets, judged now.")

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "figures"]


class RotationTargetRowSerializer(serializers.Serializer):
    organisation = RotationOrgSerializer()
    teachers = serializers.IntegerField()
    eligible = serializers.IntegerField()
    eligible_backbone = serializers.IntegerField()
    target = serializers.IntegerField()
    backbone_target = serializers.IntegerField()
    planned = serializers.IntegerField(help_text="Assignments of approved plans.")
    planned_backbone = serializers.IntegerField()
    started = serializers.IntegerField()
    completed = serializers.IntegerField()
    proposed = serializers.IntegerField(help_text="Assignments of plans not yet approved.")
    counties = serializers.IntegerField()
    counties_met = serializers.IntegerField(help_text="Counties whose approved plan meets both targets.")
    met = serializers.BooleanField()


class RotationTargetsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target_share = serializers.DecimalField(max_digits=4, decimal_places=3)
    backbone_share = serializers.DecimalField(max_digits=4, decimal_places=3)
    organisation = RotationTargetRowSerializer()
    children = RotationTargetRowSerializer(many=True)
    as_of = serializers.DateTimeField(allow_null=True, help_text="When the eligible teachers were last counted.")


class RotationFlowRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class RotationFlowsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by_flow = RotationFlowRowSerializer(many=True, help_text="By 教师流动类别.")
    by_type = RotationFlowRowSerializer(many=True, help_text="By 交流轮岗类型.")


class RotationRulesSerializer(serializers.Serializer):
    version = serializers.IntegerField(read_only=True, help_text="0: the national defaults (never set).")
    min_years = serializers.IntegerField(min_value=1, max_value=30, help_text="Years at the current school (6).")
    retirement_window_years = serializers.IntegerField(min_value=0, max_value=20)
    retirement_age_male = serializers.IntegerField(min_value=45, max_value=70)
    retirement_age_female = serializers.IntegerField(min_value=45, max_value=70)
    target_share = serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=Decimal("0.001"), max_value=Decimal("1")
    )
    backbone_share = serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=Decimal("0"), max_value=Decimal("1")
    )
    stages = serializers.ListField(child=serializers.CharField(max_length=10), max_length=20)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RotationRulesVersionSerializer(RotationRulesSerializer):
    province = serializers.CharField(read_only=True)
    province_name = serializers.CharField(read_only=True)
