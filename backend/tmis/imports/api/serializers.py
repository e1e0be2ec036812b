from __future__ import annotations

from rest_framework import serializers

from ..models import ImportJob, ImportMode, ImportProblem


class ImportJobSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    percent = serializers.FloatField(read_only=True, help_text="Rows handled of the file's data rows, 0–100.")
    rows_total = serializers.IntegerField(
        source="progress_total", read_only=True, allow_null=True, help_text="Data rows in the file, once counted."
    )
    rows_read = serializers.IntegerField(source="progress_done", read_only=True, help_text="Data rows handled.")

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
            "state",
            "error_code",
            "error_message",
            "rows_total",
            "rows_read",
            "rows_valid",
            "rows_written",
            "rows_updated",
            "rows_failed",
            "rows_warned",
            "percent",
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


class ImportProblemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportProblem
        fields = ["id", "row", "column", "field", "value", "code", "message", "severity"]
        read_only_fields = fields
