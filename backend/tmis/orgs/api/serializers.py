from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.core.serializers import TrimmableSerializer

from ..models import CREATABLE_LEVEL_CHOICES, Organisation, SchoolStage

SCHOOL_FIELDS = ("school_type", "school_stage", "sponsor", "urban_rural", "affiliation")


class OrganisationSerializer(TrimmableSerializer):
    school_type = serializers.CharField(read_only=True, allow_null=True, help_text="办学类型 code; null for regions.")
    school_stage = serializers.ChoiceField(
        choices=SchoolStage.choices,
        read_only=True,
        allow_null=True,
        help_text="The catalogue's school kind, derived from school_type; null for regions.",
    )
    sponsor = serializers.CharField(read_only=True, allow_null=True, help_text="学校办别 code; null if not set.")
    urban_rural = serializers.CharField(read_only=True, allow_null=True, help_text="城乡分类 code; null if not set.")
    affiliation = serializers.CharField(read_only=True, allow_null=True, help_text="举办者 code; null if not set.")
    parent_code = serializers.CharField(
        source="parent.code",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Code of the parent unit.",
    )
    is_leaf = serializers.SerializerMethodField(help_text="True when the unit has no units below it.")
    etag = ETagField()

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "name_en",
            "level",
            "parent_code",
            "path",
            "depth",
            "is_leaf",
            "province_code",
            "school_type",
            "school_stage",
            "sponsor",
            "urban_rural",
            "affiliation",
            "origin",
            "etag",
        ]
        read_only_fields = fields
        brief_fields = ["code", "name", "level", "parent_code", "is_leaf"]
        extra_kwargs = {
            "name": {"help_text": "Official Chinese name."},
            "name_en": {"help_text": "English name where one is kept."},
            "level": {"help_text": "central, province, city, county or school."},
            "path": {"help_text": "Materialised path of codes from the root, e.g. /000000/620000/620100/."},
            "depth": {"help_text": "0 for the Ministry, 4 for a school under a county."},
            "origin": {"help_text": "local, or mirrored from a provincial instance."},
        }

    def to_representation(self, instance: Organisation) -> dict:
        data = super().to_representation(instance)
        for name in SCHOOL_FIELDS:
            if data.get(name) == "":
                data[name] = None
        return data

    @extend_schema_field(serializers.BooleanField())
    def get_is_leaf(self, obj: Organisation) -> bool:
        has_children = getattr(obj, "has_children", None)
        if has_children is None:
            has_children = obj.children.exists()
        return not has_children


class OrganisationRefSerializer(serializers.ModelSerializer):
    """A compact reference used inside other resources."""

    class Meta:
        model = Organisation
        fields = ["code", "name", "level"]
        read_only_fields = fields


class OrganisationCreateSerializer(serializers.Serializer):
    parent = serializers.CharField(max_length=10, help_text="Code of the unit to create the new one under.")
    code = serializers.RegexField(
        r"^\d{6}$|^\d{10}$",
        help_text="Six-digit division code for a region, ten-digit 学校标识码 for a school.",
    )
    name = serializers.CharField(max_length=100)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(choices=CREATABLE_LEVEL_CHOICES)
    school_type = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    sponsor = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    urban_rural = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    affiliation = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")


class OrganisationUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    school_type = serializers.CharField(max_length=3, required=False)
    sponsor = serializers.CharField(max_length=3, required=False, allow_blank=True)
    urban_rural = serializers.CharField(max_length=3, required=False, allow_blank=True)
    affiliation = serializers.CharField(max_length=3, required=False, allow_blank=True)


class SubtreeCountsSerializer(serializers.Serializer):
    province = serializers.IntegerField()
    city = serializers.IntegerField()
    county = serializers.IntegerField()
    school = serializers.IntegerField()


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SchoolCodeListsSerializer(serializers.Serializer):
    school_type = CodeNameSerializer(many=True, help_text="办学类型 (JY/T 1001), three-digit codes.")
    sponsor = CodeNameSerializer(many=True, help_text="学校办别.")
    urban_rural = CodeNameSerializer(many=True, help_text="城乡分类, three-digit codes.")
    affiliation = CodeNameSerializer(many=True, help_text="举办者.")
