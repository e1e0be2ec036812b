from __future__ import annotations

from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.core.serializers import TrimmableSerializer

from ..checks import COLUMN_FIELDS
from ..models import GROUP_MODELS, RecordState, Teacher
from .group_serializers import GROUP_READ_SERIALIZERS


class TeacherSerializer(TrimmableSerializer):
    school = serializers.CharField(source="school.code", read_only=True, help_text="The school's code.")
    school_name = serializers.CharField(source="school.name", read_only=True)
    id_number = serializers.CharField(
        source="id_masked", read_only=True, help_text="Masked: the first 6 and last 4 characters are shown."
    )
    record_state = serializers.ChoiceField(choices=RecordState.choices, read_only=True)
    etag = ETagField()

    class Meta:
        model = Teacher
        fields = [
            "id",
            "teacher_no",
            "school",
            "school_name",
            "id_number",
            *COLUMN_FIELDS,
            "extra",
            "record_state",
            "ever_approved",
            "pending_change",
            "employment_status",
            "active",
            "open_change",
            "catalogue_version",
            "version",
            "created_at",
            "updated_at",
            "etag",
        ]
        read_only_fields = fields
        brief_fields = ["id", "teacher_no", "name", "gender", "school", "school_name", "record_state", "pending_change"]


class TeacherResultSerializer(TeacherSerializer):
    warnings = serializers.SerializerMethodField(
        help_text="Catalogue problems that do not block a draft: field → [{code, message}]."
    )

    class Meta(TeacherSerializer.Meta):
        fields = [*TeacherSerializer.Meta.fields, "warnings"]
        read_only_fields = fields

    def get_warnings(self, obj: Teacher) -> dict[str, list[dict[str, str]]]:
        return self.context.get("warnings", {})


class ArchiveProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ArchiveProblemsSerializer(serializers.Serializer):
    """What the archive still lacks before it can be submitted: the submit's own check, asked at any time."""

    count = serializers.IntegerField(help_text="How many places have a problem (the keys of `errors`).")
    errors = serializers.DictField(
        child=ArchiveProblemSerializer(many=True),
        help_text="Place → problems, as a refused submit lists them: an indicator (`ethnicity`), a record's "
        "indicator (`study[0].study_major`), or a group of the core set without any record (`study`, code "
        "`group_required`).",
    )


class TeacherWriteSerializer(serializers.ModelSerializer):
    """Input of create (school required) and update (any subset). Types are checked here; codes, formats and
    cross-field rules by the catalogue validator."""

    school = serializers.CharField(max_length=10, required=False, help_text="School code (create only).")
    id_number = serializers.CharField(max_length=40, required=False)
    extra = serializers.DictField(required=False, help_text="Province extension indicators: code → value.")

    class Meta:
        model = Teacher
        fields = ["school", "id_number", *COLUMN_FIELDS, "extra"]
        # Blank key information reaches the service, which reports it as `required` with the other key fields.
        extra_kwargs = {name: {"required": False} for name in COLUMN_FIELDS} | {
            key: {"required": False, "allow_blank": True} for key in ("name", "gender", "nationality", "id_type")
        }


TeacherGroupsSerializer = type(
    "TeacherGroupsSerializer",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "__doc__": "Each many-valued group's records, by group code.",
        **{group: GROUP_READ_SERIALIZERS[group](many=True, read_only=True) for group in GROUP_MODELS},
    },
)


class TeacherArchiveSerializer(TeacherSerializer):
    """The whole archive in one response: the one-per-teacher indicators and every group's records."""

    groups = TeacherGroupsSerializer(source="group_records", read_only=True)

    class Meta(TeacherSerializer.Meta):
        fields = [*TeacherSerializer.Meta.fields, "groups"]
        read_only_fields = fields


class TimelinePersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class TimelineImportSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="The group's code (`study` …); the catalogue names it.")
    mode = serializers.CharField(help_text="`append` (added to the teacher's records) or `replace` (in their place).")
    records = serializers.IntegerField(help_text="Records the file brings for the group.")
    replaced = serializers.IntegerField(help_text="Records of the group a replace puts them in place of.")


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.ChoiceField(
        choices=["filled", "changed", "removed", "submit", "approve", "return", "withdraw"],
        help_text="filled / changed / removed: a row of the archive or of a group record (`group`, `record`); "
        "submit / approve / return / withdraw: a review event.",
    )
    actor = TimelinePersonSerializer(allow_null=True)
    kind = serializers.CharField(allow_null=True, help_text="The submission's kind (teacher_info, teacher_change …).")
    submission = serializers.IntegerField(allow_null=True)
    level = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_null=True, help_text="The group of a record's change (`study` …).")
    record = serializers.IntegerField(allow_null=True)
    changes = serializers.DictField(
        child=serializers.DictField(),
        help_text="Field → {old, new}: what a change did, or what a change request asks for (ID numbers masked).",
    )
    kind_name = serializers.CharField(
        allow_blank=True, help_text="The review kind's name in the reader's language (blank for a row's change)."
    )
    diff = serializers.DictField(
        allow_null=True,
        help_text="On the submit of a teacher change (transfer, leave, leaving, return): its description in "
        "`change` — kind and kind_name, both schools and provinces, dates, reason; null otherwise.",
    )
    imports = TimelineImportSerializer(
        many=True,
        help_text="On the submit of a change request made by an import of group sheets: per group, the records it "
        "brings and what they replace; empty otherwise.",
    )
