from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import serializers

from tmis.core.messages import render_stored

from ..columns import SOURCE_CHOICES
from ..models import GroupMode, ImportJob, ImportMode, ImportProblem

SOURCES = SOURCE_CHOICES


def _name(item: dict[str, Any]) -> str:
    english = (translation.get_language() or "").startswith("en")
    return str(item.get("field_name_en") if english else item.get("field_name") or "")


class ImportColumnSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="0-based column of the sheet.")
    header = serializers.CharField(help_text="The column's header as written.")
    field = serializers.CharField(
        allow_null=True, help_text="Indicator code it was matched to (`school` = 学校代码); null: ignored."
    )
    field_name = serializers.SerializerMethodField(help_text="The indicator's name in the reader's language.")
    confidence = serializers.FloatField(help_text="0–1; below 0.8 the match is only a proposal and is not used.")
    source = serializers.ChoiceField(choices=SOURCES, help_text="How it was matched.")

    def get_field_name(self, item: dict[str, Any]) -> str:
        return _name(item)


class AbsentColumnSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Indicator code of the template that the file has no column for.")
    field_name = serializers.SerializerMethodField()
    required = serializers.BooleanField(help_text="Required: every row stays incomplete until it is filled.")

    def get_field_name(self, item: dict[str, Any]) -> str:
        return _name(item)


class ImportGroupSheetSerializer(serializers.Serializer):
    """A group sheet of the workbook (学习经历 …) as the import read it."""

    sheet = serializers.CharField(help_text="The sheet's name in the file.")
    group = serializers.CharField(help_text="The indicator group's code.")
    group_name = serializers.SerializerMethodField(help_text="The group's name in your language.")
    rows = serializers.IntegerField(help_text="Data rows in the sheet.")
    header_row = serializers.IntegerField(required=False)
    columns = ImportColumnSerializer(many=True, required=False)
    missing = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Key columns not found (身份证件号 / 全国教师编号): no row of the sheet could be matched.",
    )
    skipped = serializers.CharField(
        required=False, allow_blank=True, help_text="`owned`: written by its own module (training, rotation), not read."
    )

    def get_group_name(self, item: dict[str, Any]) -> str:
        english = (translation.get_language() or "").startswith("en")
        return str(item.get("group_name_en") if english else item.get("group_name")) or item.get("group", "")


class ImportLayoutSerializer(serializers.Serializer):
    """What the import found in the file (empty until the job has read the header)."""

    header_row = serializers.IntegerField(required=False, help_text="1-based row of the headers.")
    first_data_row = serializers.IntegerField(required=False)
    two_row_header = serializers.BooleanField(required=False)
    columns = ImportColumnSerializer(many=True, required=False)
    absent = AbsentColumnSerializer(many=True, required=False)
    missing = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Key columns not found (`school`: 学校代码)."
    )
    needs_mapping = serializers.BooleanField(
        required=False, help_text="A key column is missing: map the columns and upload again; nothing was read."
    )
    groups = ImportGroupSheetSerializer(many=True, required=False)


class ImportJobSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    percent = serializers.FloatField(read_only=True, help_text="Rows handled of the file's data rows, 0–100.")
    rows_total = serializers.IntegerField(
        source="progress_total", read_only=True, allow_null=True, help_text="Data rows in the file, once counted."
    )
    rows_read = serializers.IntegerField(
        source="progress_done",
        read_only=True,
        help_text="Data rows handled (a group sheet's rows count in parts: read, their archives looked up, written).",
    )
    layout = ImportLayoutSerializer(read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "file_name",
            "file_size",
            "organisation",
            "organisation_name",
            "dry_run",
            "strict",
            "mode",
            "group_mode",
            "state",
            "error_code",
            "error_message",
            "opened_percent",
            "rows_total",
            "rows_read",
            "rows_valid",
            "rows_written",
            "rows_updated",
            "rows_failed",
            "rows_warned",
            "percent",
            "layout",
            "created_at",
            "started_at",
            "finished_at",
            "timings",
        ]
        read_only_fields = fields


class ImportStartSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An .xlsx workbook (the template, or any sheet with the headers) or a .csv.")
    org = serializers.CharField(
        required=False, allow_blank=True, help_text="Organisation the rows belong to (default: your own)."
    )
    dry_run = serializers.BooleanField(default=False, help_text="Validate only; write nothing.")
    strict = serializers.BooleanField(default=False, help_text="Save only rows without any catalogue problem.")
    mode = serializers.ChoiceField(
        choices=ImportMode.choices,
        default=ImportMode.CREATE,
        help_text="`upsert` also updates archives in your scope that have the same ID document.",
    )
    group_mode = serializers.ChoiceField(
        choices=GroupMode.choices,
        default=GroupMode.APPEND,
        help_text="Group sheets (学习经历 …): `append` adds each row to its teacher's records of the group; `replace` "
        "puts a teacher's rows in place of his records of the group (a teacher with a failed row keeps his).",
    )
    mapping = serializers.JSONField(
        required=False,
        binary=True,  # multipart: the mapping arrives as JSON text
        help_text='Column mapping as JSON text: {"header": "indicator code" or "" to ignore}; remembered for your '
        "organisation's next upload with the same headers.",
    )

    def validate_mapping(self, value: Any) -> dict[str, str]:
        return checked_mapping(value)


def checked_mapping(value: Any) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(code, str) for key, code in value.items()
    ):
        raise serializers.ValidationError(
            _('Write the mapping as {"header": "indicator code"}.'), code="invalid_mapping"
        )
    return value


class ImportRerunSerializer(serializers.Serializer):
    mapping = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text='Header → indicator code, or "" to ignore the column; remembered for your organisation.',
    )
    dry_run = serializers.BooleanField(default=True, help_text="Check only (the default); false imports.")
    strict = serializers.BooleanField(default=False)
    mode = serializers.ChoiceField(choices=ImportMode.choices, default=ImportMode.CREATE)


class ImportFieldSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Indicator code (`school`: 学校代码).")
    name = serializers.CharField(help_text="In the reader's language.")
    required = serializers.BooleanField()
    key = serializers.BooleanField(help_text="A key column: an import cannot read a row without it.")


class ImportProblemSerializer(serializers.ModelSerializer):
    message = serializers.SerializerMethodField(help_text="In the reader's language.")

    def get_message(self, problem: ImportProblem) -> str:
        return render_stored(problem.params, problem.message)

    class Meta:
        model = ImportProblem
        fields = ["id", "sheet", "row", "column", "field", "value", "code", "message", "severity"]
        read_only_fields = fields


class ImportProblemGroupSerializer(serializers.Serializer):
    column = serializers.CharField(help_text="The column's header ('' for a problem of the whole row).")
    field = serializers.CharField(help_text="Indicator code.")
    code = serializers.CharField(help_text="Problem code.")
    severity = serializers.CharField()
    count = serializers.IntegerField(help_text="Rows with this problem in this column.")
    first_row = serializers.IntegerField()
    last_row = serializers.IntegerField()
    example = serializers.CharField(help_text="One of the messages, in the uploader's language.")
