"""The import template: which columns it has and what their coded values are called — what the template
workbook (`template_workbook`), the import pipeline and the export (a file exported imports again) share.

Sheet 教师基本信息 (active): row 1 the Chinese column names (required ones marked *), row 2 hidden, the indicator
codes the pipeline maps columns by; one teacher per row from row 3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tmis.catalog.effective import EffectiveCatalogue, Field
from tmis.catalog.models import CodeItem, CodeTable

TEMPLATE_SHEET = "教师基本信息"
INSTRUCTIONS_SHEET = "填写说明"
CODES_SHEET = "代码"
SCHOOL_COLUMN = ("school", "学校代码")  # (code, Chinese header)
#: The one-per-teacher groups the template (and the import) covers, in column order.
TEMPLATE_GROUPS = ("basic", "contact")
CODED = frozenset({"code", "multi_code"})
MULTI_SEPARATOR = "、"
YES_NO = ["是", "否"]
FORMULA_START = ("=", "+", "-", "@")

Names = dict[str, list[tuple[str, str, str]]]


def template_fields(catalogue: EffectiveCatalogue) -> list[Field]:
    """The fields the template has a column for (after 学校代码) and the pipeline imports: those of 基本信息 then
    联系方式 in catalogue order, without the derived ones (最高学历, 现任岗位 …, filled from the records)."""
    fields: list[Field] = []
    for code in TEMPLATE_GROUPS:
        group = catalogue.group(code)
        if group is not None:
            fields += [f for f in group.fields if not f.validation.get("derived")]
    return fields


@lru_cache(maxsize=512)
def _national_items(slug: str, version: int) -> tuple[tuple[str, str, str], ...]:
    """A national table's items in table order; cached per version (a change of the items bumps it)."""
    return tuple(
        CodeItem.objects.filter(table__slug=slug).order_by("order", "id").values_list("code", "name", "name_en")
    )


def _province_items(table: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (str(item["code"]), str(item["name"]), str(item.get("name_en") or item["name"]))
        for item in table.get("items") or []
    ]


def code_names(catalogue: EffectiveCatalogue, province_tables: list[dict[str, Any]]) -> Names:
    """Field code -> [(code, name, name_en)] for every coded field of the catalogue, in table order, limited to
    the codes the field allows. Province tables (from the published spec) come before national ones."""
    coded = [f for group in catalogue.groups for f in group.fields if f.data_type in CODED and f.code_table]
    province = {str(table.get("slug")): table for table in province_tables}
    slugs = {f.code_table for f in coded} - set(province)
    versions = dict(CodeTable.objects.filter(slug__in=slugs).values_list("slug", "version")) if slugs else {}
    out: Names = {}
    for f in coded:
        slug = f.code_table or ""
        if slug in province:
            items: Iterable[tuple[str, str, str]] = _province_items(province[slug])
        elif slug in versions:
            items = _national_items(slug, versions[slug])
        else:
            items = ()
        allowed = frozenset(f.codes) if f.codes is not None else None
        out[f.code] = [item for item in items if allowed is None or item[0] in allowed]
    return out


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    required: bool
    field: Field | None  # None for 学校代码


def template_columns(fields: list[Field], *, school_required: bool) -> list[Column]:
    """学校代码, then a column per template field; the school column is required in a region's template."""
    school = Column(SCHOOL_COLUMN[0], SCHOOL_COLUMN[1], school_required, None)
    return [school, *(Column(f.code, f.name, f.required, f) for f in fields)]


def school_hint(school_code: str | None) -> str:
    """What the 学校代码 column asks for, in the cell prompt and the instructions."""
    if school_code:
        return f"本校学校代码为 {school_code}；可留空，留空即为本校。"
    return "填写教师所在学校的学校代码（10位学校标识码），须为本单位所辖学校。"


def escape(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (the import drops it)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unambiguous_names(names: dict[str, str]) -> dict[str, str]:
    """Code → what a cell says for it: its name, or "code name" where the list gives several codes that name (编辑
    is an 中级 and an 初级 title), which the import reads back as that one code."""
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    return {code: f"{code} {name}" if seen[name] > 1 else name for code, name in names.items()}


def cell_writer(field: Field, names: dict[str, str]) -> Callable[[Any], str]:
    """How an export writes a field's stored value so that the import reads it back: a code as its name, several
    joined by 、, 是/否, dates in ISO form, other text escaped (`escape`); None as an empty cell."""
    kind = field.data_type
    if kind in CODED:
        names = unambiguous_names(names)
    if kind == "code":
        return lambda v: names.get(v, v) if v else ""
    if kind == "multi_code":
        return lambda v: MULTI_SEPARATOR.join(names.get(c, c) for c in (v or []))
    if kind == "boolean":
        return lambda v: "" if v is None else YES_NO[0] if v else YES_NO[1]
    return lambda v: "" if v is None else escape(v.isoformat() if hasattr(v, "isoformat") else str(v))
