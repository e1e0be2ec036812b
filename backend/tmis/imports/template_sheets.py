"""Which data sheets a template workbook has (`GET /imports/template/?group=`): `basic` — 教师基本信息 (基本信息 +
联系方式); a many-valued group's code — that group's sheet (`group_sheets`); `all` — the basic sheet, then one sheet
per importable group. Groups a business module owns (国内培训, 交流轮岗) have no template: their module writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tmis.catalog.effective import EffectiveCatalogue
from tmis.core.errors import field_error
from tmis.teachers.models import GROUP_MODELS
from tmis.teachers.owned_groups import OWNED_GROUPS

from .group_sheets import KEY_COLUMNS, GroupSheet, group_sheet, group_sheets
from .template import TEMPLATE_SHEET, Column, template_columns, template_fields

BASIC, ALL = "basic", "all"
#: What `?group=` accepts: basic, all, or a group's code (GROUP_MODELS, in the national order).
TEMPLATE_CHOICES = (BASIC, ALL, *GROUP_MODELS)


@dataclass(frozen=True)
class TemplateSheet:
    """One data sheet of a template: its name, its columns and, for a group's sheet, the group."""

    name: str
    columns: list[Column]
    group: GroupSheet | None = None  # None: the basic sheet (one teacher per row)


def basic_sheet(catalogue: EffectiveCatalogue, *, school_code: str | None) -> TemplateSheet:
    """教师基本信息: 学校代码 (required in a region's template), then the template's fields."""
    return TemplateSheet(
        TEMPLATE_SHEET, template_columns(template_fields(catalogue), school_required=school_code is None)
    )


def group_template_sheet(sheet: GroupSheet) -> TemplateSheet:
    """A group's sheet: the key columns (neither required alone: either finds the archive), then the group's."""
    keys = [Column(f.code, f.name, False, f) for f in KEY_COLUMNS]
    return TemplateSheet(sheet.name, [*keys, *(Column(f.code, f.name, f.required, f) for f in sheet.fields)], sheet)


def template_sheets(catalogue: EffectiveCatalogue, *, group: str, school_code: str | None) -> list[TemplateSheet]:
    """The data sheets of the template `group` asks for; 400 (field `group`) for a code that has no template."""
    if group == BASIC:
        return [basic_sheet(catalogue, school_code=school_code)]
    if group == ALL:
        sheets = [sheet for sheet in group_sheets(catalogue, importable=True) if sheet.fields]
        groups = [group_template_sheet(sheet) for sheet in sheets]
        return [basic_sheet(catalogue, school_code=school_code), *groups]
    return [group_template_sheet(template_group(catalogue, group))]


def template_choice_check(group: str) -> None:
    """400 `unsupported_group` for a `?group=` that names no template (checked before any look-up)."""
    if group not in TEMPLATE_CHOICES:
        raise field_error(
            "group",
            "unsupported_group",
            _("Unknown group %(code)s: use basic, all or a many-valued group's code.") % {"code": group[:50]},
        )


def template_group(catalogue: EffectiveCatalogue, code: str) -> GroupSheet:
    """The importable group sheet of `code`, or the 400 that says why there is none."""
    template_choice_check(code)
    if code in OWNED_GROUPS:
        raise field_error(
            "group",
            "group_owned",
            _("This group has no import template: its records are written by their own module. %(instead)s")
            % {"instead": OWNED_GROUPS[code]},
        )
    sheet = group_sheet(catalogue, code)
    if sheet is None or not sheet.fields:  # a school kind may have nothing to fill in a group
        raise field_error(
            "group",
            "group_not_in_catalogue",
            _("The organisation's indicator catalogue has no group %(code)s.") % {"code": code},
        )
    return sheet


def template_file_name(organisation_code: str, group: str) -> str:
    """template-<org>.xlsx for the basic template (as before), template-<org>-<group>.xlsx otherwise."""
    return f"template-{organisation_code}.xlsx" if group == BASIC else f"template-{organisation_code}-{group}.xlsx"
