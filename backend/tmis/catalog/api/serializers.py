from __future__ import annotations

from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.core.text import MULTILINE_STYLE
from tmis.orgs.models import SchoolStage

from ..models import CatalogueStatus, CodeItem, CodeTable, DataType, Indicator, IndicatorGroup, ProvinceCatalogue
from ..services import pinyin_initials


class CodeTableSerializer(serializers.ModelSerializer):
    item_count = serializers.IntegerField(read_only=True, help_text="Number of codes in the table.")

    class Meta:
        model = CodeTable
        fields = ["slug", "name", "name_en", "standard", "source", "hierarchical", "leaf_only", "version", "item_count"]
        read_only_fields = fields


class CodeItemSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_code", help_text="Code of the parent item; empty for roots.")
    initials = serializers.SerializerMethodField(
        help_text="Pinyin initials of the name (汉族 → hz), for finding an option by what one types."
    )

    class Meta:
        model = CodeItem
        fields = ["code", "name", "name_en", "parent", "initials"]
        read_only_fields = fields

    def get_initials(self, obj: CodeItem) -> str:
        return pinyin_initials(obj.name)


class IndicatorSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code", read_only=True)
    code_table = serializers.CharField(source="code_table.slug", read_only=True, allow_null=True, default=None)
    data_type = serializers.ChoiceField(choices=DataType.choices)
    stages = serializers.ListField(child=serializers.ChoiceField(choices=SchoolStage.choices))
    core_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=SchoolStage.choices),
        help_text="School kinds where the indicator is national core (required, reported nationally).",
    )
    validation = serializers.DictField(help_text="Rules: max_length, min_length, minimum, maximum, pattern, …")
    default = serializers.JSONField(allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "group",
            "name",
            "name_en",
            "data_type",
            "code_table",
            "stages",
            "core_stages",
            "validation",
            "default",
            "help",
            "help_en",
            "order",
        ]
        read_only_fields = fields


class IndicatorGroupSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, source="filtered_indicators")
    rules = serializers.ListField(child=serializers.DictField(), help_text="Cross-field rules of the group.")

    class Meta:
        model = IndicatorGroup
        fields = ["code", "name", "name_en", "many", "order", "rules", "indicators"]
        read_only_fields = fields


class SpecSelectionSerializer(serializers.Serializer):
    required = serializers.BooleanField()


class SpecCodeItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(required=False, allow_blank=True)


class SpecCodeTableSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(required=False, allow_blank=True)
    items = SpecCodeItemSerializer(many=True)


class SpecExtensionSerializer(serializers.Serializer):
    code = serializers.CharField(
        allow_blank=True,
        required=False,
        help_text="ext_ followed by lower-case letters, digits or _; empty for a new indicator: made from its name.",
    )
    group = serializers.CharField(help_text="Code of a national indicator group.")
    name = serializers.CharField()
    name_en = serializers.CharField(required=False, allow_blank=True)
    type = serializers.ChoiceField(choices=DataType.choices)
    code_table = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    required = serializers.BooleanField(required=False)
    stages = serializers.ListField(child=serializers.ChoiceField(choices=SchoolStage.choices), required=False)
    validation = serializers.DictField(required=False)
    help = serializers.CharField(required=False, allow_blank=True, style=MULTILINE_STYLE)
    help_en = serializers.CharField(required=False, allow_blank=True, style=MULTILINE_STYLE)
    order = serializers.IntegerField(required=False)


class CatalogueSpecSerializer(serializers.Serializer):
    selected = serializers.DictField(
        child=SpecSelectionSerializer(), help_text="Optional national indicators the province uses: code → {required}."
    )
    extensions = SpecExtensionSerializer(many=True)
    code_tables = SpecCodeTableSerializer(many=True, help_text="The province's own code tables.")


class ProvinceCatalogueSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    status = serializers.ChoiceField(choices=CatalogueStatus.choices, read_only=True)
    spec = CatalogueSpecSerializer(read_only=True)
    published_by = serializers.CharField(source="published_by.username", read_only=True, allow_null=True, default=None)
    etag = ETagField()

    class Meta:
        model = ProvinceCatalogue
        fields = [
            "province",
            "version",
            "status",
            "spec",
            "created_at",
            "updated_at",
            "published_at",
            "published_by",
            "etag",
        ]
        read_only_fields = fields


class CatalogueVersionSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=CatalogueStatus.choices, read_only=True)
    published_by = serializers.CharField(source="published_by.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = ProvinceCatalogue
        fields = ["version", "status", "updated_at", "published_at", "published_by"]
        read_only_fields = fields


class CatalogueDiffSerializer(serializers.Serializer):
    selected_added = serializers.ListField(child=serializers.CharField())
    selected_removed = serializers.ListField(child=serializers.CharField())
    required_changed = serializers.ListField(child=serializers.CharField())
    extensions_added = serializers.ListField(child=serializers.CharField())
    extensions_removed = serializers.ListField(child=serializers.CharField())
    extensions_changed = serializers.ListField(child=serializers.CharField())
    code_tables_added = serializers.ListField(child=serializers.CharField())
    code_tables_removed = serializers.ListField(child=serializers.CharField())
    code_tables_changed = serializers.ListField(child=serializers.CharField())


class PublishResultSerializer(serializers.Serializer):
    catalogue = ProvinceCatalogueSerializer()
    diff = CatalogueDiffSerializer()


class ProvinceCatalogueStateSerializer(serializers.Serializer):
    province = serializers.CharField()
    published = ProvinceCatalogueSerializer(allow_null=True, help_text="The version in force; null before the first.")
    draft = ProvinceCatalogueSerializer(allow_null=True, help_text="The draft being edited, if any.")
    versions = CatalogueVersionSerializer(many=True)


class EffectiveGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    many = serializers.BooleanField()
    order = serializers.IntegerField()
    schema = serializers.DictField(help_text="JSON Schema (draft 2020-12) of one row of the group.")
    ui = serializers.DictField(help_text="UI hints: `order` of fields and per field label, widget, code table …")
    rules = serializers.ListField(child=serializers.DictField(), help_text="Cross-field rules.")
    needs_record = serializers.BooleanField(
        help_text="The group holds a core indicator of the school kind: an archive needs at least one record of it "
        "(a record saying 无 where the group allows it) before it is submitted."
    )


class EffectiveSchemaSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="The organisation's code.")
    province = serializers.CharField(allow_null=True)
    catalogue_version = serializers.IntegerField(help_text="0 until the province publishes; records store it.")
    school_stage = serializers.CharField(allow_null=True)
    groups = EffectiveGroupSerializer(many=True)
    province_code_tables = SpecCodeTableSerializer(many=True)
    outside_groups = EffectiveGroupSerializer(
        many=True,
        help_text="National groups and indicators this catalogue leaves out: never asked, but named and shown "
        "where an archive holds values of them.",
    )


class ValidateRequestSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="Indicator group code, e.g. basic.")
    data = serializers.DictField(help_text="One row of the group: indicator code → value.")


class ValidateResultSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    catalogue_version = serializers.IntegerField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.DictField()))
