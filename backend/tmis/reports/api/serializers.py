from __future__ import annotations

from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer


class DimensionRefSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The dimension (`gender`, `age_band` …).")
    name = serializers.CharField(help_text="Its name in the reader's language.")


class SummaryRowSerializer(serializers.Serializer):
    codes = serializers.ListField(
        child=serializers.CharField(allow_blank=True), help_text="One code per `by`; '' is not filled."
    )
    names = serializers.ListField(child=serializers.CharField(), help_text="The codes' names in the reader's language.")
    count = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    by = DimensionRefSerializer(many=True)
    total = serializers.IntegerField(help_text="Current teachers of the subtree (within school_type and staff).")
    rows = SummaryRowSerializer(many=True, help_text="Counts per value (or pair of values) of `by`.")
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the summary tables were last brought up to date."
    )


class ChildSummarySerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    total = serializers.IntegerField()
    rows = SummaryRowSerializer(many=True)


class ChildrenSummarySerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    by = DimensionRefSerializer(many=True)
    children = ChildSummarySerializer(many=True, help_text="Every child organisation, largest first.")
    refreshed_at = serializers.DateTimeField(allow_null=True)


class DimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    pairs_with = serializers.ListField(
        child=serializers.CharField(), help_text="Dimensions it may be combined with in `by`."
    )
