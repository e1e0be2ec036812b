"""Reads of the catalogue: which catalogue applies to an organisation, its effective form, and the names of a
national code table's codes in the reader's language."""

from __future__ import annotations

import time
from dataclasses import replace
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from tmis.orgs.models import Level, Organisation

from .effective import EffectiveCatalogue, Group, build, table_codes
from .models import CatalogueStatus, CodeItem, CodeTable, Indicator, IndicatorGroup, ProvinceCatalogue


def code_table_list(*, text: str = "") -> QuerySet[CodeTable]:
    tables = CodeTable.objects.annotate(item_count=Count("items"))
    if text.strip():
        tables = tables.filter(Q(slug__contains=text) | Q(name__contains=text) | Q(name_en__icontains=text))
    return tables


def choosable_codes(slug: str) -> tuple[str, ...]:
    """The codes a value of the national table `slug` may take now (leaf codes only where the table says so)."""
    return table_codes(slug, CodeTable.objects.values_list("version", flat=True).get(slug=slug))


def code_item_list(*, table: CodeTable, text: str = "", parent: str | None = None) -> QuerySet[Any]:
    items = table.items.all()
    if parent is not None:
        items = items.filter(parent_code=parent)
    if text.strip():
        items = items.filter(Q(code__startswith=text) | Q(name__contains=text) | Q(name_en__icontains=text))
    return items


def national_groups(*, text: str = "", stage: str | None = None) -> list[IndicatorGroup]:
    """Groups with their indicators prefetched (filtered by a search text and a school kind)."""
    indicators = Indicator.objects.select_related("code_table").order_by("order")
    if text.strip():
        indicators = indicators.filter(Q(code__contains=text) | Q(name__contains=text) | Q(name_en__icontains=text))
    if stage:
        indicators = indicators.filter(stages__contains=[stage])
    groups = list(IndicatorGroup.objects.order_by("order"))
    by_group: dict[int, list[Indicator]] = {g.id: [] for g in groups}
    for indicator in indicators:
        by_group[indicator.group_id].append(indicator)
    for group in groups:
        group.filtered_indicators = by_group[group.id]  # type: ignore[attr-defined]
    return [g for g in groups if by_group[g.id] or not text.strip()]


def province_of(organisation: Organisation) -> Organisation | None:
    """The province-level unit above (or equal to) an organisation; None under the Ministry only."""
    if organisation.level == Level.PROVINCE:
        return organisation
    if not organisation.province_code:
        return None
    return Organisation.objects.filter(code=organisation.province_code).first()


def published_catalogue(*, province: Organisation) -> ProvinceCatalogue | None:
    return (
        ProvinceCatalogue.objects.filter(province=province, status=CatalogueStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def draft_catalogue(*, province: Organisation) -> ProvinceCatalogue | None:
    return ProvinceCatalogue.objects.filter(province=province, status=CatalogueStatus.DRAFT).first()


@lru_cache(maxsize=1024)
def _effective_published(catalogue_id: int | None, stage: str | None) -> EffectiveCatalogue:
    """Published catalogues never change, so their effective form is cached per (catalogue row, school kind)."""
    if catalogue_id is None:
        return build(province=None, version=0, spec={}, stage=stage)
    catalogue = ProvinceCatalogue.objects.select_related("province").get(pk=catalogue_id)
    return build(province=catalogue.province.code, version=catalogue.version, spec=catalogue.spec, stage=stage)


def effective_for_organisation(*, organisation: Organisation) -> tuple[EffectiveCatalogue, list[dict[str, Any]]]:
    """The published catalogue that applies to an organisation (national defaults before a province publishes),
    filtered by the school kind when it is a school; plus the province's own code tables."""
    province = province_of(organisation)
    published = published_catalogue(province=province) if province else None
    stage = organisation.school_stage or None
    if published is None:  # national defaults until the province publishes
        catalogue = _effective_published(None, stage)
        catalogue = EffectiveCatalogue(province.code if province else None, 0, stage, catalogue.groups)
    else:
        catalogue = _effective_published(published.pk, stage)
    return catalogue, list((published.spec if published else {}).get("code_tables") or [])


@lru_cache(maxsize=1)
def _every_national_indicator() -> EffectiveCatalogue:
    """The whole national catalogue, every indicator of every school kind: names for whatever an archive holds."""
    codes = Indicator.objects.values_list("code", flat=True)
    return build(province=None, version=0, spec={"selected": {code: {} for code in codes}}, stage=None)


def outside_groups(catalogue: EffectiveCatalogue) -> list[Group]:
    """The national groups and indicators an effective catalogue leaves out (an archive may still hold values
    of them: data from before a catalogue change, or imported): each group with only the fields outside, none
    of them required — so every screen can name and show what is held."""
    out: list[Group] = []
    for group in _every_national_indicator().groups:
        inside = catalogue.group(group.code)
        known = {f.code for f in inside.fields} if inside else set()
        extra = tuple(replace(f, required=False) for f in group.fields if f.code not in known)
        if extra:
            out.append(replace(group, fields=extra, rules=()))
    return out


#: Names read in the last CODE_NAMES_TTL seconds: a review queue of 100 items asks for the same tables 100 times. The
#: national tables change only with a release (a migration), so a few minutes' memory is safe.
CODE_NAMES_TTL = 300.0
_REMEMBERED_NAMES: dict[tuple[str, bool], tuple[float, dict[str, str]]] = {}


def code_names(slug: str) -> dict[str, str]:
    """code → name of one national code table, in the reader's language (one query, then remembered a while)."""
    english = (get_language() or "").startswith("en")
    now = time.monotonic()
    found = _REMEMBERED_NAMES.get((slug, english))
    if found is not None and now - found[0] < CODE_NAMES_TTL:
        return found[1]
    rows = CodeItem.objects.filter(table__slug=slug).values_list("code", "name", "name_en")
    names = {code: (name_en or name) if english else name for code, name, name_en in rows}
    _REMEMBERED_NAMES[(slug, english)] = (now, names)
    return names


def name_of(names: dict[str, str], code: str) -> str:
    """A code's name from `code_names` (the code itself when the table lacks it; "" for no code)."""
    return names.get(code, code) if code else ""
