from __future__ import annotations

from rest_framework import serializers

from ..models import ExportFormat, ExportJob


class ExportJobSerializer(serializers.ModelSerializer):
    percent = serializers.FloatField(read_only=True)
    rows_total = serializers.IntegerField(
        source="progress_total", read_only=True, allow_null=True, help_text="Rows selected, once counted."
    )
    rows_written = serializers.IntegerField(source="progress_done", read_only=True, help_text="Rows written so far.")

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "filters",
            "fields",
            "format",
            "full_id",
            "state",
            "error_message",
            "rows_total",
            "rows_written",
            "percent",
            "file_size",
            "created_at",
            "started_at",
            "finished_at",
            "downloaded_at",
        ]
        read_only_fields = fields


class ExportStartSerializer(serializers.Serializer):
    filters = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="The teacher list's filters (`org`, `q`, `gender`, `record_state` …).",
    )
    fields = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Columns by indicator code, in order (see `GET /exports/columns/`); default: all.",
    )
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)
    full_id = serializers.BooleanField(default=False, help_text="Full ID numbers (needs `teachers.view_id`).")


class ExportColumnSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
