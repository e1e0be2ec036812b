"""Serializers of the read-only reports: compliance per child organisation, a teacher's standing and transcript."""

from __future__ import annotations

from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer

from ..models import ClaimKind
from ..selectors import STATUSES


class ComplianceRowSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    teachers = serializers.IntegerField(help_text="Current archives (the report summary's count).")
    with_hours = serializers.IntegerField(help_text="Teachers with approved hours in the cycle.")
    compliant = serializers.IntegerField()
    on_track = serializers.IntegerField(help_text="Not yet compliant, at or above the cycle's pace.")
    behind = serializers.IntegerField(help_text="The rest, with or without hours.")
    hours = serializers.IntegerField(help_text="Approved 学时.")
    counted = serializers.IntegerField(help_text="学时 counted after the yearly caps.")
    credits = serializers.DecimalField(max_digits=14, decimal_places=2)


class ComplianceSerializer(serializers.Serializer):
    cycle = serializers.CharField()
    required_hours = serializers.IntegerField()
    pace = serializers.DecimalField(max_digits=5, decimal_places=4, help_text="Share of the cycle gone by.")
    as_of = serializers.DateField(allow_null=True, help_text="The day the on-track counts are of.")
    organisation = ComplianceRowSerializer()
    children = ComplianceRowSerializer(many=True)


class LevelHoursSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    hours = serializers.IntegerField()


class QuotaStandingSerializer(serializers.Serializer):
    levels = serializers.ListField(child=serializers.CharField(), help_text="The categories' names.")
    required = serializers.IntegerField()
    earned = serializers.IntegerField()
    met = serializers.BooleanField()


class StandingSerializer(serializers.Serializer):
    cycle = serializers.CharField()
    required = serializers.IntegerField()
    hours = serializers.IntegerField()
    counted = serializers.IntegerField()
    credits = serializers.DecimalField(max_digits=9, decimal_places=2)
    missing = serializers.IntegerField()
    by_level = LevelHoursSerializer(many=True)
    quotas = QuotaStandingSerializer(many=True)
    new_teacher = serializers.BooleanField()
    status = serializers.ChoiceField(choices=STATUSES)


class TranscriptClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    kind_name = serializers.CharField()
    title = serializers.CharField()
    provider = serializers.CharField(allow_blank=True)
    level_name = serializers.CharField()
    form_name = serializers.CharField()
    hours = serializers.IntegerField()
    credits = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    source = serializers.CharField()
    corrected = serializers.BooleanField()
    cycle = serializers.CharField()


class TranscriptTeacherSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    teacher_no = serializers.CharField()
    name = serializers.CharField()
    school = serializers.CharField(help_text="The school's name.")


class TranscriptSerializer(serializers.Serializer):
    teacher = TranscriptTeacherSerializer()
    rules_version = serializers.IntegerField()
    cycles = StandingSerializer(many=True, help_text="The current cycle first.")
    claims = TranscriptClaimSerializer(many=True)
    generated_at = serializers.DateTimeField()
