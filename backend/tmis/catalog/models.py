"""The indicator catalogue (统一规划、地方定制, ARCHITECTURE §5): national code tables and indicators shipped with
the software, and each province's versioned selection and extensions."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tmis.orgs.models import Organisation, SchoolStage


class DataType(models.TextChoices):
    TEXT = "text", _("Text")
    INTEGER = "integer", _("Integer")
    DECIMAL = "decimal", _("Decimal")
    DATE = "date", _("Date")
    YEAR_MONTH = "year_month", _("Year and month")
    BOOLEAN = "boolean", _("Yes/no")
    CODE = "code", _("Code")
    MULTI_CODE = "multi_code", _("Several codes")
    ID_NUMBER = "id_number", _("ID document number")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    ORG_REF = "org_ref", _("Organisation")


STAGES = [choice.value for choice in SchoolStage]


class CodeTable(models.Model):
    slug = models.SlugField(max_length=64, unique=True, help_text="Stable address of the table, e.g. ethnicity.")
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=200)
    standard = models.CharField(max_length=100, blank=True, default="")
    source = models.CharField(max_length=300, blank=True, default="")
    hierarchical = models.BooleanField(default=False)
    leaf_only = models.BooleanField(default=False, help_text="Only codes without children may be chosen.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped whenever the items change (ETag).")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class CodeItem(models.Model):
    table = models.ForeignKey(CodeTable, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=20, db_collation="C")
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=300)
    parent_code = models.CharField(max_length=20, blank=True, default="", db_collation="C")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["table", "order"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="codeitem_table_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorGroup(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=200)
    many = models.BooleanField(help_text="True when a teacher has several rows of this group.")
    order = models.PositiveSmallIntegerField()
    rules = models.JSONField(default=list, blank=True, help_text="Cross-field rules of the group.")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.code


class Indicator(models.Model):
    code = models.SlugField(max_length=60, unique=True, help_text="snake_case; the field's JSON key.")
    group = models.ForeignKey(IndicatorGroup, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=200)
    data_type = models.CharField(max_length=12, choices=DataType.choices)
    code_table = models.ForeignKey(CodeTable, null=True, blank=True, on_delete=models.PROTECT)
    code_table_by_stage = models.JSONField(
        default=dict, blank=True, help_text="School kind → code table slug where a kind uses its own list."
    )
    stages = ArrayField(models.CharField(max_length=24), help_text="School kinds the indicator applies to.")
    core_stages = ArrayField(
        models.CharField(max_length=24),
        blank=True,
        default=list,
        help_text="School kinds where it is a national core indicator (required, reported nationally).",
    )
    validation = models.JSONField(default=dict, blank=True)
    default = models.JSONField(null=True, blank=True)
    help = models.CharField(max_length=300, blank=True, default="")
    help_en = models.CharField(max_length=400, blank=True, default="")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["group__order", "order"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_optional_somewhere(self) -> bool:
        return set(self.stages) != set(self.core_stages)


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ProvinceCatalogue(models.Model):
    """One version of a province's catalogue. `spec` = {"selected": {code: {"required": bool}},
    "extensions": [...], "code_tables": [...]}. Published versions never change; edits go to the one draft."""

    province = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="catalogues")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT)
    spec = models.JSONField(default=dict)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    published_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    etag_version_field = "updated_at"  # tmis.core.etag (`version` is the catalogue's number, not an edit count)

    class Meta:
        ordering = ["province", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["province", "version"], name="catalogue_province_version_uniq"),
            models.UniqueConstraint(
                fields=["province"], condition=Q(status="draft"), name="catalogue_one_draft_per_province"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province.code} v{self.version} ({self.status})"
