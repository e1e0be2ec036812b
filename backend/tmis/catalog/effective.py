"""The effective catalogue of one organisation: national core + the province's selected optional indicators +
its extensions, filtered by school kind. The JSON Schema, the UI hints and the validator all come from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .models import STAGES, CodeTable, Indicator, IndicatorGroup

ALL_STAGES = frozenset(STAGES)


@dataclass(frozen=True, eq=False)  # identity: compiled validators are cached per object
class Field:
    code: str
    group: str
    name: str
    name_en: str
    data_type: str
    required: bool
    core: bool
    extension: bool
    order: int
    code_table: str | None = None
    codes: tuple[str, ...] | None = None  # allowed codes for code / multi_code
    validation: dict[str, Any] = field(default_factory=dict)
    default: Any = None
    help: str = ""
    help_en: str = ""


@dataclass(frozen=True, eq=False)  # identity: compiled validators are cached per object
class Group:
    code: str
    name: str
    name_en: str
    many: bool
    order: int
    fields: tuple[Field, ...]
    rules: tuple[dict[str, Any], ...]
    #: a multi-record group holding a core indicator of the school kind: an archive needs at least one record
    #: (a record saying 无 where the group's key indicator has that code) before it is submitted
    needs_record: bool = False

    def field(self, code: str) -> Field | None:
        return next((f for f in self.fields if f.code == code), None)


@dataclass(frozen=True, eq=False)  # identity: compiled validators are cached per object
class EffectiveCatalogue:
    province: str | None  # province code, None for organisations under the Ministry only
    version: int  # the province catalogue version (0 = national defaults, nothing published yet)
    stage: str | None  # school kind, None for a region (all kinds)
    groups: tuple[Group, ...]

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)


@lru_cache(maxsize=256)
def table_codes(slug: str, version: int) -> tuple[str, ...]:
    """The choosable codes of a national table at a version (leaf codes only where the table says so)."""
    table = CodeTable.objects.get(slug=slug)
    items = list(table.items.values_list("code", "parent_code"))
    if table.leaf_only:
        parents = {parent for _, parent in items if parent}
        return tuple(code for code, _ in items if code not in parents)
    return tuple(code for code, _ in items)


def _national() -> tuple[list[IndicatorGroup], dict[str, list[Indicator]], dict[int, CodeTable]]:
    groups = list(IndicatorGroup.objects.order_by("order"))
    by_group: dict[str, list[Indicator]] = {g.code: [] for g in groups}
    for indicator in Indicator.objects.select_related("group").order_by("group__order", "order"):
        by_group[indicator.group.code].append(indicator)
    tables = {t.id: t for t in CodeTable.objects.all()}
    return groups, by_group, tables


def _national_field(
    indicator: Indicator, tables: dict[int, CodeTable], *, required: bool, core: bool, stage: str | None
) -> Field:
    table = tables.get(indicator.code_table_id) if indicator.code_table_id else None
    if stage and stage in (indicator.code_table_by_stage or {}):  # e.g. 教职工来源 has a kindergarten list
        slug = indicator.code_table_by_stage[stage]
        table = next(t for t in tables.values() if t.slug == slug)
    return Field(
        code=indicator.code,
        group=indicator.group.code,
        name=indicator.name,
        name_en=indicator.name_en,
        data_type=indicator.data_type,
        required=required,
        core=core,
        extension=False,
        order=indicator.order,
        code_table=table.slug if table else None,
        codes=table_codes(table.slug, table.version) if table else None,
        validation=indicator.validation or {},
        default=indicator.default,
        help=indicator.help,
        help_en=indicator.help_en,
    )


def _extension_field(
    ext: dict[str, Any], province_tables: dict[str, dict[str, Any]], tables_by_slug: dict[str, CodeTable]
) -> Field:
    slug = ext.get("code_table") or None
    codes: tuple[str, ...] | None = None
    if slug in province_tables:
        codes = tuple(item["code"] for item in province_tables[slug]["items"])
    elif slug in tables_by_slug:
        codes = table_codes(slug, tables_by_slug[slug].version)
    return Field(
        code=ext["code"],
        group=ext["group"],
        name=ext["name"],
        name_en=ext.get("name_en") or ext["name"],
        data_type=ext["type"],
        required=bool(ext.get("required")),
        core=False,
        extension=True,
        order=int(ext.get("order") or 1000),
        code_table=slug,
        codes=codes,
        validation=ext.get("validation") or {},
        default=ext.get("default"),
        help=ext.get("help") or "",
        help_en=ext.get("help_en") or "",
    )


def _shown(indicator: Indicator, stage: str | None, selected: dict[str, Any]) -> bool:
    """Whether an indicator of the school kind is in the form: core here, selected by the province, or (for a
    region, all kinds at once) core for some kind."""
    if stage is None:
        return bool(indicator.core_stages) or selected.get(indicator.code) is not None
    return stage in indicator.core_stages or selected.get(indicator.code) is not None


def _rule_required(rules: Any, available: set[str], shown: set[str]) -> set[str]:
    """The fields a required_if rule can require although the province did not select them: a rule whose condition
    field is in the form can apply, so the field it requires is shown too (and then its own rules, in turn)."""
    added: set[str] = set()
    changed = True
    while changed:
        changed = False
        for rule in rules:
            field, other = rule.get("field"), rule.get("other")
            if rule.get("rule") != "required_if" or field not in available or field in shown | added:
                continue
            if other is None or other in shown | added:
                added.add(field)
                changed = True
    return added


def build(*, province: str | None, version: int, spec: dict[str, Any], stage: str | None) -> EffectiveCatalogue:
    """Apply a province spec (or {} for national defaults) to the national catalogue for one school kind."""
    groups, by_group, tables = _national()
    tables_by_slug = {t.slug: t for t in tables.values()}
    selected: dict[str, dict[str, Any]] = spec.get("selected") or {}
    province_tables = {t["slug"]: t for t in spec.get("code_tables") or []}
    extensions = [e for e in spec.get("extensions") or [] if stage is None or stage in (e.get("stages") or [])]
    out: list[Group] = []
    for group in groups:
        # A field with a required_if rule is required only when the rule says so (民族 only for 国籍 156).
        conditional = {r.get("field") for r in group.rules or () if r.get("rule") == "required_if"}
        candidates = [i for i in by_group[group.code] if stage is None or stage in i.stages]
        shown = {i.code for i in candidates if _shown(i, stage, selected)}
        shown |= _rule_required(group.rules or (), {i.code for i in candidates}, shown)
        fields: list[Field] = []
        needs_record = False
        for indicator in candidates:
            if indicator.code not in shown:
                continue
            core_here = (
                stage in indicator.core_stages if stage is not None else set(indicator.core_stages) >= ALL_STAGES
            )
            needs_record = needs_record or (stage is not None and core_here)
            chosen = selected.get(indicator.code)
            required = (core_here or bool(chosen and chosen.get("required"))) and indicator.code not in conditional
            fields.append(
                _national_field(indicator, tables, required=required, core=bool(indicator.core_stages), stage=stage)
            )
        fields += [_extension_field(e, province_tables, tables_by_slug) for e in extensions if e["group"] == group.code]
        fields.sort(key=lambda f: (f.order, f.code))
        out.append(
            Group(
                group.code,
                group.name,
                group.name_en,
                group.many,
                group.order,
                tuple(fields),
                tuple(group.rules or ()),
                needs_record=group.many and needs_record,
            )
        )
    return EffectiveCatalogue(province=province, version=version, stage=stage, groups=tuple(out))
