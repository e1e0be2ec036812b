from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer


class HeadcountInputSerializer(serializers.Serializer):
    fulltime = serializers.IntegerField(min_value=0, max_value=10_000_000, help_text="专任教师数 (≥ 0).")
    staff = serializers.IntegerField(min_value=0, max_value=10_000_000, help_text="教职工数 (≥ fulltime).")

    def validate(self, attrs: dict) -> dict:
        if attrs["fulltime"] > attrs["staff"]:
            raise serializers.ValidationError(
                {"fulltime": _("专任教师数 cannot be larger than 教职工数 (%(staff)s).") % {"staff": attrs["staff"]}},
                code="fulltime_above_staff",
            )
        return attrs


class HeadcountSerializer(serializers.Serializer):
    """One school's figures of one year."""

    school = OrganisationRefSerializer(help_text="The school.")
    year = serializers.IntegerField(help_text="The statistics year.")
    fulltime = serializers.IntegerField(help_text="专任教师数.")
    staff = serializers.IntegerField(help_text="教职工数.")
    entered_by = serializers.SerializerMethodField(help_text="Who entered the figures last (a name).")
    updated_at = serializers.DateTimeField(help_text="When they were entered last.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_entered_by(self, obj) -> str | None:  # noqa: ANN001 - a SchoolHeadcount
        return obj.entered_by.display_name if obj.entered_by_id else None


class SchoolHeadcountRowSerializer(serializers.Serializer):
    """A school of the subtree with its figures of the year, null where none were entered."""

    school = serializers.SerializerMethodField(help_text="The school.")
    fulltime = serializers.IntegerField(source="hc_fulltime", allow_null=True, help_text="专任教师数, or null.")
    staff = serializers.IntegerField(source="hc_staff", allow_null=True, help_text="教职工数, or null.")
    entered_by = serializers.CharField(source="hc_entered_by", allow_null=True, help_text="Who entered them (a name).")
    updated_at = serializers.DateTimeField(source="hc_updated_at", allow_null=True, help_text="When, or null.")

    @extend_schema_field(OrganisationRefSerializer)
    def get_school(self, obj) -> dict:  # noqa: ANN001 - an annotated Organisation
        return {"code": obj.code, "name": obj.name, "level": obj.level}


class HeadcountGapFiguresSerializer(serializers.Serializer):
    schools = serializers.IntegerField(help_text="Schools in the subtree.")
    schools_with_figure = serializers.IntegerField(help_text="Of them, those with figures of the year.")
    staff = serializers.IntegerField(allow_null=True, help_text="教职工数 summed (null: no school has figures).")
    fulltime = serializers.IntegerField(allow_null=True, help_text="专任教师数 summed (null: no figures).")
    collected = serializers.IntegerField(help_text="Current archives (all staff), from the summary tables.")
    collected_fulltime = serializers.IntegerField(help_text="Current archives of 专任教师.")
    staff_gap = serializers.IntegerField(allow_null=True, help_text="staff − collected (> 0: archives missing).")
    fulltime_gap = serializers.IntegerField(allow_null=True, help_text="fulltime − collected_fulltime.")
    collection_rate = serializers.FloatField(allow_null=True, help_text="collected ÷ staff (0–1, may exceed 1).")
    fulltime_rate = serializers.FloatField(allow_null=True, help_text="collected_fulltime ÷ fulltime.")


class SchoolFigureSerializer(serializers.Serializer):
    fulltime = serializers.IntegerField()
    staff = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class HeadcountGapRowSerializer(HeadcountGapFiguresSerializer):
    organisation = OrganisationRefSerializer()
    headcount = SchoolFigureSerializer(
        allow_null=True, help_text="A school's own figures (null: none, or not a school)."
    )


class HeadcountGapSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    year = serializers.IntegerField()
    refreshed_at = serializers.DateTimeField(allow_null=True, help_text="When the archive counts were last refreshed.")
    total = HeadcountGapFiguresSerializer(help_text="The organisation's whole subtree.")
    children = HeadcountGapRowSerializer(
        many=True, help_text="One row per child organisation (a county's: its schools)."
    )


class HeadcountImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="XLSX (or CSV): 学校标识码, 学校名称, 年度, 专任教师数, 教职工数.")
    dry_run = serializers.BooleanField(default=False, help_text="Check only: nothing is saved.")


class HeadcountImportProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row number in the file (1 = the header row).")
    column = serializers.CharField(help_text="The column as the file heads it.")
    value = serializers.CharField(allow_blank=True, help_text="The cell (at most 40 characters).")
    code = serializers.CharField(
        help_text="unknown_school, out_of_scope, required, not_integer, negative, too_large, fulltime_above_staff, "
        "invalid_year or duplicate."
    )
    message = serializers.CharField(help_text="Why, in the reader's language.")


class HeadcountImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Data rows read.")
    valid = serializers.IntegerField(help_text="Rows without a problem (saved unless dry_run).")
    bad_rows = serializers.IntegerField(help_text="Rows left out for a problem.")
    created = serializers.IntegerField(help_text="Figures saved that were new.")
    updated = serializers.IntegerField(help_text="Figures saved over earlier ones.")
    problems = HeadcountImportProblemSerializer(many=True, help_text="The problems, in row order (the first 1,000).")
    problem_total = serializers.IntegerField(help_text="Every problem found.")
