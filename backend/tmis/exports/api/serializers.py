from __future__ import annotations

from rest_framework import serializers

from ..models import ExportFormat, ExportJob


class ExportJobSerializer(serializers.ModelSerializer):
    percent = serializers.FloatField(read_only=True)
    rows_total = serializers.IntegerField(
        source="progress_total", read_only=True, allow_null=True, help_text="Rows selected, once counted."
    )
    rows_written = serializers.IntegerField(
        source="progress_done", read_only=True, help_text="Rows written so far (teachers, and group records)."
    )
    groups = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text='Many-valued groups with a sheet each (codes, or ["all"]); empty: the basic sheet only.',
    )

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "filters",
            "fields",
            "format",
            "full_id",
            "groups",
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
    groups = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        max_length=40,
        help_text="The whole archive (XLSX only): a sheet per many-valued group listed — group codes (see "
        '`GET /exports/groups/`), or `["all"]` for every one — after the basic sheet, in the group import\'s format. '
        "400 `unknown_group`, `groups_need_xlsx` (with CSV).",
    )


class ExportColumnSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ExportGroupSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The group's code, for `groups`.")
    name = serializers.CharField(help_text="Its Chinese name (the sheet's name).")
    name_en = serializers.CharField(help_text="Its English name.")
    owned = serializers.BooleanField(
        help_text="Written by a business module (国内培训, 交流轮岗): exported, not imported."
    )
