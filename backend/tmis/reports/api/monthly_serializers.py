from __future__ import annotations

from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField(help_text="YYYY-MM: the month it reports.")
    taken_at = serializers.DateTimeField()
    taken_by = serializers.CharField(
        source="taken_by.display_name", allow_null=True, default=None, help_text="Null: the monthly job."
    )


class FiguresSerializer(serializers.Serializer):
    schools_expected = serializers.IntegerField(help_text="应报学校数")
    schools_submitted = serializers.IntegerField(help_text="Schools with at least one archive sent for review.")
    schools_approved = serializers.IntegerField(help_text="Schools whose every archive is approved.")
    teachers_expected = serializers.IntegerField(
        allow_null=True,
        help_text="应采集教师数: the statistics headcount (教职工) of the schools that have one entered; null: none.",
    )
    collected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    returned = serializers.IntegerField()
    accounts = serializers.IntegerField(allow_null=True, help_text="Active accounts issued (every-kind rows only).")
    problems = serializers.IntegerField(
        allow_null=True, help_text="问题数据: archives with a data-quality issue; null: not counted then."
    )
    collection_rate = serializers.FloatField(allow_null=True, help_text="collected ÷ teachers_expected.")
    submission_rate = serializers.FloatField(allow_null=True, help_text="submitted ÷ collected.")
    approval_rate = serializers.FloatField(allow_null=True, help_text="approved ÷ collected.")


class KindFiguresSerializer(FiguresSerializer):
    school_type = serializers.CharField()
    school_type_name = serializers.CharField()


class MonthlyEntrySerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    contact = serializers.CharField(help_text="The working group's contact when the report was taken ('' if none).")
    total = FiguresSerializer()
    by_type = KindFiguresSerializer(many=True)


class MonthlyReportSerializer(MonthlyEntrySerializer):
    period = serializers.CharField()
    taken_at = serializers.DateTimeField()
    children = MonthlyEntrySerializer(many=True)


class OverdueMilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_date = serializers.DateField()
    owner = serializers.CharField(help_text="Who the work plan names for it.")
    plan = serializers.CharField(help_text="The work plan's title.")


class RankingEntrySerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    organisation = OrganisationRefSerializer()
    collection_rate = serializers.FloatField(allow_null=True, help_text="collected ÷ teachers_expected.")
    collection_change = serializers.FloatField(allow_null=True, help_text="Since the previous period (null: none).")
    approval_rate = serializers.FloatField(allow_null=True)
    approval_change = serializers.FloatField(allow_null=True, help_text="Since the previous period (null: none).")
    submission_rate = serializers.FloatField(allow_null=True)
    submission_change = serializers.FloatField(allow_null=True)
    teachers_expected = serializers.IntegerField(allow_null=True)
    collected = serializers.IntegerField()
    approved = serializers.IntegerField()
    problems = serializers.IntegerField(allow_null=True)
    overdue_milestones = OverdueMilestoneSerializer(
        many=True, help_text="The child's work-plan milestones past their due date and not done, as of today."
    )


class RankingSerializer(serializers.Serializer):
    period = serializers.CharField()
    previous_period = serializers.CharField(allow_null=True)
    organisation = OrganisationRefSerializer()
    children = RankingEntrySerializer(many=True)
