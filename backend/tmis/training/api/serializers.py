from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.orgs.api.serializers import OrganisationRefSerializer

from ..models import Claim, ClaimKind, Programme
from ..names import FORM_TABLE, LEVEL_TABLE, STAGE_TABLE, SUBJECT_TABLE, code_names, name_of
from ..selectors import review_item_of


class _Names:
    """Code names of a serializer's rows, read once per response (the context's cache)."""

    def _names(self, slug: str) -> dict[str, str]:
        cache = self.context.setdefault("_names", {})  # type: ignore[attr-defined]
        if slug not in cache:
            cache[slug] = code_names(slug)
        return cache[slug]


class ProgrammeSerializer(_Names, serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    level_name = serializers.SerializerMethodField(help_text="培训类别 by the running organisation's level.")
    form_name = serializers.SerializerMethodField()
    subject_name = serializers.SerializerMethodField()
    stage_name = serializers.SerializerMethodField()
    enrolled = serializers.IntegerField(read_only=True, help_text="Teachers on the uploaded list.")
    completed = serializers.IntegerField(read_only=True, help_text="Of them, with completed hours.")
    confirmed = serializers.IntegerField(read_only=True, help_text="Of them, confirmed (approved claims).")
    may_change = serializers.SerializerMethodField(help_text="Whether the caller's organisation runs it.")
    etag = ETagField()

    class Meta:
        model = Programme
        fields = [
            "id",
            "organisation",
            "name",
            "level",
            "level_name",
            "form",
            "form_name",
            "subject",
            "subject_name",
            "stage",
            "stage_name",
            "hours",
            "start_date",
            "end_date",
            "provider",
            "capacity",
            "description",
            "enrolled",
            "completed",
            "confirmed",
            "may_change",
            "created_at",
            "etag",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_level_name(self, obj: Programme) -> str:
        return name_of(self._names(LEVEL_TABLE), obj.level)

    @extend_schema_field(serializers.CharField())
    def get_form_name(self, obj: Programme) -> str:
        return name_of(self._names(FORM_TABLE), obj.form)

    @extend_schema_field(serializers.CharField())
    def get_subject_name(self, obj: Programme) -> str:
        return name_of(self._names(SUBJECT_TABLE), obj.subject)

    @extend_schema_field(serializers.CharField())
    def get_stage_name(self, obj: Programme) -> str:
        return name_of(self._names(STAGE_TABLE), obj.stage)

    @extend_schema_field(serializers.BooleanField())
    def get_may_change(self, obj: Programme) -> bool:
        user = self.context["request"].user
        return user.organisation_id == obj.organisation_id and user.has_capability("training.manage")


class ProgrammeWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    form = serializers.CharField(max_length=10, help_text="培训方式 code (code table `training-form`).")
    subject = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    stage = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    hours = serializers.IntegerField(min_value=1, max_value=1000)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    provider = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    capacity = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ProgrammeChangeSerializer(serializers.Serializer):
    """The fields sent change."""

    name = serializers.CharField(max_length=100, required=False)
    form = serializers.CharField(max_length=10, required=False)
    subject = serializers.CharField(max_length=10, required=False, allow_blank=True)
    stage = serializers.CharField(max_length=10, required=False, allow_blank=True)
    hours = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    provider = serializers.CharField(max_length=100, required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, allow_null=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ParticipantSerializer(serializers.Serializer):
    teacher = serializers.IntegerField(source="teacher_id")
    teacher_no = serializers.CharField(source="teacher.teacher_no")
    name = serializers.CharField(source="teacher.name")
    school_name = serializers.CharField(source="teacher.school.name")
    hours = serializers.IntegerField(allow_null=True, help_text="Completed hours; null = enrolled only.")
    completed_on = serializers.DateField(allow_null=True)
    claim = serializers.IntegerField(source="claim_id", allow_null=True, help_text="The approved claim once confirmed.")


class ParticipantPageSerializer(serializers.Serializer):
    """One cursor page of a programme's list (as every list: follow `next`)."""

    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ParticipantSerializer(many=True)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="XLSX or CSV: 教师编号 or 身份证件号 (+ 身份证件类型), 姓名, 完成学时 (empty = enrolled), 完成日期."
    )
    dry_run = serializers.BooleanField(default=False, help_text="Check only: nothing is saved.")


class UploadProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row number in the file (1 = the header row).")
    column = serializers.CharField()
    value = serializers.CharField(allow_blank=True)
    code = serializers.CharField(help_text="required, unknown_teacher, name_mismatch, invalid_hours, duplicate …")
    message = serializers.CharField(help_text="Why, in the reader's language.")


class UploadResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    valid = serializers.IntegerField()
    bad_rows = serializers.IntegerField()
    saved = serializers.IntegerField(help_text="Participants saved (a confirmed one is never changed).")
    problems = UploadProblemSerializer(many=True)
    problem_total = serializers.IntegerField()


class ConfirmResultSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField(help_text="Completions that became approved claims.")
    skipped_inactive = serializers.IntegerField(help_text="Completed participants who have left (not confirmed).")


class TeacherRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    teacher_no = serializers.CharField()
    name = serializers.CharField()


class ClaimSerializer(_Names, serializers.ModelSerializer):
    teacher = TeacherRefSerializer(read_only=True)
    school = OrganisationRefSerializer(read_only=True)
    kind_name = serializers.CharField(source="get_kind_display", read_only=True)
    state_name = serializers.CharField(source="get_state_display", read_only=True)
    level_name = serializers.SerializerMethodField()
    form_name = serializers.SerializerMethodField()
    programme_name = serializers.SerializerMethodField()
    has_evidence = serializers.SerializerMethodField()
    etag = ETagField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "teacher",
            "school",
            "kind",
            "kind_name",
            "source",
            "programme",
            "programme_name",
            "title",
            "provider",
            "level",
            "level_name",
            "form",
            "form_name",
            "hours",
            "credits",
            "date",
            "note",
            "state",
            "state_name",
            "has_evidence",
            "evidence_name",
            "created_at",
            "approved_at",
            "etag",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_level_name(self, obj: Claim) -> str:
        return name_of(self._names(LEVEL_TABLE), obj.level)

    @extend_schema_field(serializers.CharField())
    def get_form_name(self, obj: Claim) -> str:
        return name_of(self._names(FORM_TABLE), obj.form)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_programme_name(self, obj: Claim) -> str | None:
        return obj.programme.name if obj.programme_id else None

    @extend_schema_field(serializers.BooleanField())
    def get_has_evidence(self, obj: Claim) -> bool:
        return bool(obj.evidence_path)


class CorrectionSerializer(serializers.Serializer):
    changes = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    reason = serializers.CharField()
    actor = serializers.CharField(source="actor.display_name")
    at = serializers.DateTimeField()


class ClaimDetailSerializer(ClaimSerializer):
    corrections = CorrectionSerializer(many=True, read_only=True)
    submission = serializers.SerializerMethodField(
        help_text="The claim's review item (`/api/v1/reviews/{id}/`); null for a confirmed completion."
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "submission", "corrections"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_submission(self, obj: Claim) -> int | None:
        return review_item_of(obj.pk)


class _ClaimFields(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    programme = serializers.PrimaryKeyRelatedField(
        queryset=Programme.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="For programme hours.",
    )
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    provider = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    level = serializers.CharField(
        max_length=10, required=False, allow_blank=True, default="", help_text="培训类别 code."
    )
    form = serializers.CharField(
        max_length=10, required=False, allow_blank=True, default="", help_text="培训方式 code."
    )
    date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate_programme(self, value: Programme | None) -> Programme | None:
        user = self.context["request"].user
        if value is not None and not Programme.objects.visible_to(user).filter(pk=value.pk).exists():
            raise serializers.ValidationError("No such programme in your scope.", code="not_found")
        return value


class ClaimCreateSerializer(_ClaimFields):
    teacher = serializers.IntegerField(help_text="The teacher's archive id (in your scope).")
    hours = serializers.IntegerField(min_value=1, max_value=1000, required=False, allow_null=True, default=None)


class BulkEntrySerializer(serializers.Serializer):
    teacher = serializers.IntegerField()
    hours = serializers.IntegerField(min_value=1, max_value=1000, required=False, allow_null=True, default=None)


class ClaimBulkSerializer(_ClaimFields):
    hours = serializers.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        allow_null=True,
        default=None,
        help_text="For every entry without its own.",
    )
    teachers = BulkEntrySerializer(many=True, help_text="Up to 500 teachers, each with its own hours or the common.")


class ClaimBulkResultSerializer(serializers.Serializer):
    teacher = serializers.IntegerField()
    ok = serializers.BooleanField()
    claim = serializers.IntegerField(allow_null=True)
    code = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)


class ClaimResubmitSerializer(serializers.Serializer):
    """A returned claim's fields to change before it goes back to review (the fields sent change)."""

    title = serializers.CharField(max_length=100, required=False)
    provider = serializers.CharField(max_length=100, required=False, allow_blank=True)
    level = serializers.CharField(max_length=10, required=False)
    form = serializers.CharField(max_length=10, required=False)
    hours = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    date = serializers.DateField(required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ClaimCorrectSerializer(ClaimResubmitSerializer):
    reason = serializers.CharField(max_length=500, help_text="Why (at least 5 characters): kept in the history.")


class EvidenceSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, JPEG or PNG, at most 10 MB.")


class QuotaSerializer(serializers.Serializer):
    levels = serializers.ListField(child=serializers.CharField(max_length=10), help_text="培训类别 codes.")
    min_share = serializers.DecimalField(max_digits=4, decimal_places=3, help_text="Share of the required hours.")


class RulesSerializer(serializers.Serializer):
    version = serializers.IntegerField(read_only=True, help_text="0: the national defaults (never set).")
    cycle_start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    cycle_years = serializers.IntegerField(min_value=1, max_value=10)
    required_hours = serializers.IntegerField(min_value=0, max_value=10_000)
    new_teacher_hours = serializers.IntegerField(min_value=0, max_value=10_000)
    hours_per_credit = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))
    credit_ratios = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2),
        required=False,
        default=dict,
        help_text="培训方式 code → 学时 per 学分 (others: hours_per_credit).",
    )
    quotas = QuotaSerializer(many=True, required=False, default=list)
    yearly_caps = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        default=dict,
        help_text="Claim kind → most 学时 counted per year.",
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        values = super().to_internal_value(data)
        values["credit_ratios"] = {k: str(v) for k, v in values["credit_ratios"].items()}
        values["quotas"] = [{"levels": q["levels"], "min_share": str(q["min_share"])} for q in values["quotas"]]
        return values


class RulesVersionSerializer(RulesSerializer):
    province = serializers.CharField(read_only=True)
    province_name = serializers.CharField(read_only=True)
