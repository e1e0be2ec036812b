"""The five-level organisation tree: central → province → city → county → school (ARCHITECTURE §3)."""

from __future__ import annotations

from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.utils.translation import gettext_lazy as _

from tmis.core.scope import ScopedQuerySet


class Level(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    SCHOOL = "school", _("School")


LEVEL_ORDER = [Level.CENTRAL, Level.PROVINCE, Level.CITY, Level.COUNTY, Level.SCHOOL]
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVEL_ORDER)}


class SchoolStage(models.TextChoices):
    """The five school kinds the indicator catalogue distinguishes (derived from 办学类型)."""

    KINDERGARTEN = "kindergarten", _("Kindergarten")
    PRIMARY_SECONDARY = "primary_secondary", _("Primary and secondary school")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    SPECIAL = "special", _("Special education school")
    HIGHER = "higher", _("Higher education institution")


class Origin(models.TextChoices):
    LOCAL = "local", _("Local")
    MIRRORED = "mirrored", _("Mirrored from a provincial instance")


class OrganisationQuerySet(ScopedQuerySet):
    scope_path_fields = ("path",)


class Organisation(models.Model):
    code = models.CharField(
        max_length=10,
        unique=True,
        db_collation="C",
        help_text="GB/T 2260 six-digit division code for regions, ten-digit 学校标识码 for schools, "
        "000000 for the Ministry of Education.",
    )
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=200, blank=True, default="")
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # Collation "C": byte order, so the unique btree index serves both `LIKE 'prefix%'` and ORDER BY path
    # whatever the database's default collation is.
    path = models.CharField(
        max_length=255,
        unique=True,
        db_collation="C",
        help_text="Materialised path of codes, e.g. /000000/620000/",
    )
    depth = models.PositiveSmallIntegerField()
    province_code = models.CharField(
        max_length=6,
        blank=True,
        default="",
        help_text="Six-digit code of the province above (distribution key).",
    )
    # School attributes (null for regions).
    school_type = models.CharField(max_length=3, blank=True, default="", help_text="办学类型 code (JY/T 1001).")
    school_stage = models.CharField(max_length=24, blank=True, default="", choices=SchoolStage.choices)
    sponsor = models.CharField(max_length=3, blank=True, default="", help_text="学校办别 code (JY/T 1001).")
    urban_rural = models.CharField(max_length=3, blank=True, default="", help_text="城乡分类 code.")
    affiliation = models.CharField(max_length=3, blank=True, default="", help_text="举办者 code (JY/T 1001).")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.LOCAL)
    source_instance = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    etag_version_field = "updated_at"  # tmis.core.etag: every change goes through save() (auto_now)
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(OpClass("name", name="varchar_pattern_ops"), name="org_name_prefix_idx"),
            models.Index(fields=["parent", "code"], name="org_parent_code_idx"),
            models.Index(fields=["level", "path"], name="org_level_path_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[choice.value for choice in Level]), name="org_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_school(self) -> bool:
        return self.level == Level.SCHOOL


#: Levels an admin may create through the API (the Ministry root ships with the software).
CREATABLE_LEVEL_CHOICES = [choice for choice in Level.choices if choice[0] != Level.CENTRAL]
