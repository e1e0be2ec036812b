"""Writes to a province's catalogue: one editable draft, published into immutable versions."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.core.errors import AppError
from tmis.core.etag import Precondition, stale
from tmis.orgs.models import Level, Organisation

from .models import STAGES, CatalogueStatus, CodeTable, DataType, Indicator, IndicatorGroup, ProvinceCatalogue
from .selectors import published_catalogue

EXTENSION_CODE = re.compile(r"^ext_[a-z0-9_]{1,40}$")
TABLE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")
VALIDATION_KEYS = {"max_length", "min_length", "minimum", "maximum", "pattern", "decimals"}
CODED = {DataType.CODE, DataType.MULTI_CODE}


class SpecErrors:
    def __init__(self) -> None:
        self.errors: dict[str, list[dict[str, str]]] = {}

    def add(self, path: str, code: str, message: str) -> None:
        self.errors.setdefault(path, []).append({"code": code, "message": message})

    def raise_if_any(self) -> None:
        if self.errors:
            raise AppError(_("The catalogue has errors."), code="invalid", errors=self.errors)


def _ensure_own_province(actor: Any, province: Organisation) -> None:
    if province.level != Level.PROVINCE or actor.organisation_id != province.id:
        raise AppError(
            _("Only the province's own administrators edit its catalogue."),
            code="not_own_province",
            status_code=status.HTTP_403_FORBIDDEN,
        )


def _check_selected(selected: Any, out: SpecErrors) -> dict[str, dict[str, bool]]:
    if not isinstance(selected, dict):
        out.add("selected", "invalid", _("Expected an object of indicator codes."))
        return {}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(selected))}
    clean: dict[str, dict[str, bool]] = {}
    for code, choice in selected.items():
        indicator = indicators.get(code)
        if indicator is None:
            out.add(
                f"selected.{code}", "unknown_indicator", _("%(code)s is not a national indicator.") % {"code": code}
            )
            continue
        if not indicator.is_optional_somewhere:
            out.add(
                f"selected.{code}",
                "core_indicator",
                _("%(name)s is a national core indicator: it is always included and required.")
                % {"name": indicator.name},
            )
            continue
        clean[code] = {"required": bool((choice or {}).get("required"))}
    return clean


def _check_tables(tables: Any, out: SpecErrors) -> list[dict[str, Any]]:
    if not isinstance(tables, list):
        out.add("code_tables", "invalid", _("Expected a list of code tables."))
        return []
    national = set(CodeTable.objects.values_list("slug", flat=True))
    seen: set[str] = set()
    clean = []
    for index, table in enumerate(tables):
        path = f"code_tables.{index}"
        slug = str(table.get("slug", ""))
        if not TABLE_SLUG.match(slug):
            out.add(f"{path}.slug", "invalid_format", _("Use 2–41 lower-case letters, digits and hyphens."))
        elif slug in national or slug in seen:
            out.add(f"{path}.slug", "duplicate", _("The code table %(slug)s already exists.") % {"slug": slug})
        seen.add(slug)
        if not str(table.get("name", "")).strip():
            out.add(f"{path}.name", "required", _("A code table needs a name."))
        items = table.get("items") or []
        if not items:
            out.add(f"{path}.items", "required", _("A code table needs at least one code."))
        codes: set[str] = set()
        clean_items = []
        for position, item in enumerate(items):
            code, name = str(item.get("code", "")).strip(), str(item.get("name", "")).strip()
            if not code or not name:
                out.add(f"{path}.items.{position}", "required", _("Each code needs a code and a name."))
            elif code in codes:
                out.add(f"{path}.items.{position}", "duplicate", _("Code %(code)s appears twice.") % {"code": code})
            codes.add(code)
            clean_items.append({"code": code, "name": name, "name_en": str(item.get("name_en") or name).strip()})
        clean.append(
            {
                "slug": slug,
                "name": str(table.get("name", "")).strip(),
                "name_en": str(table.get("name_en") or table.get("name", "")).strip(),
                "items": clean_items,
            }
        )
    return clean


@lru_cache(maxsize=8192)
def pinyin_initials(text: str) -> str:
    """The pinyin initials of a name's Chinese characters, its letters and digits as they are, lower-case:
    女 → n, 汉族 → hz, 中国 → zg (what a person types to find an option)."""
    letters = "".join(part.lower() for part in lazy_pinyin(text.strip(), style=Style.FIRST_LETTER))
    return re.sub(r"[^a-z0-9]", "", letters)


def extension_code(name: str, *, taken: set[str]) -> str:
    """The code of a new extension indicator, made from its name: `ext_` + its pinyin initials, `_2`, `_3` … when
    taken (普通话证书编号 → ext_pthzsbh)."""
    stem = "ext_" + (pinyin_initials(name)[:36] or "field")
    code, n = stem, 1
    while code in taken:
        n += 1
        code = f"{stem}_{n}"
    return code


def _check_extensions(extensions: Any, tables: list[dict[str, Any]], out: SpecErrors) -> list[dict[str, Any]]:
    if not isinstance(extensions, list):
        out.add("extensions", "invalid", _("Expected a list of extension indicators."))
        return []
    groups = set(IndicatorGroup.objects.values_list("code", flat=True))
    table_slugs = set(CodeTable.objects.values_list("slug", flat=True)) | {t["slug"] for t in tables}
    national = set(Indicator.objects.values_list("code", flat=True))
    seen: set[str] = set()
    clean = []
    given = {str(e.get("code") or "").strip() for e in extensions if isinstance(e, dict)}
    for index, ext in enumerate(extensions):
        path = f"extensions.{index}"
        code = str(ext.get("code") or "").strip()
        if not code:  # a new indicator: the administrator types its name, the code is made from it
            code = extension_code(str(ext.get("name", "")), taken=national | given | seen)
        if not EXTENSION_CODE.match(code):
            out.add(
                f"{path}.code",
                "invalid_format",
                _("An extension's code starts with ext_ followed by lower-case letters, digits or _."),
            )
        elif code in national or code in seen:
            out.add(f"{path}.code", "duplicate", _("The indicator %(code)s already exists.") % {"code": code})
        seen.add(code)
        if not str(ext.get("name", "")).strip():
            out.add(f"{path}.name", "required", _("An indicator needs a name."))
        if ext.get("group") not in groups:
            out.add(f"{path}.group", "unknown_group", _("Choose one of the national indicator groups."))
        if ext.get("type") not in DataType.values:
            out.add(f"{path}.type", "unknown_type", _("Choose one of the data types."))
        if ext.get("type") in CODED and ext.get("code_table") not in table_slugs:
            out.add(f"{path}.code_table", "unknown_code_table", _("A coded indicator needs an existing code table."))
        stages = ext.get("stages") or list(STAGES)
        if not isinstance(stages, list) or not set(stages) <= set(STAGES):
            out.add(f"{path}.stages", "unknown_stage", _("Unknown school kind."))
        validation = ext.get("validation") or {}
        if not isinstance(validation, dict) or not set(validation) <= VALIDATION_KEYS:
            out.add(f"{path}.validation", "unknown_rule", _("Unknown validation rule."))
        clean.append(
            {
                "code": code,
                "group": ext.get("group"),
                "name": str(ext.get("name", "")).strip(),
                "name_en": str(ext.get("name_en") or ext.get("name", "")).strip(),
                "type": ext.get("type"),
                "code_table": ext.get("code_table") if ext.get("type") in CODED else None,
                "required": bool(ext.get("required")),
                "stages": stages,
                "validation": validation,
                "help": str(ext.get("help") or ""),
                "help_en": str(ext.get("help_en") or ""),
                "order": int(ext.get("order") or 1000 + index),
            }
        )
    return clean


def catalogue_spec_clean(spec: dict[str, Any]) -> dict[str, Any]:
    """Check a province spec against the national catalogue; field errors name the path (extensions.0.code)."""
    out = SpecErrors()
    selected = _check_selected(spec.get("selected") or {}, out)
    tables = _check_tables(spec.get("code_tables") or [], out)
    extensions = _check_extensions(spec.get("extensions") or [], tables, out)
    out.raise_if_any()
    return {"selected": selected, "code_tables": tables, "extensions": extensions}


def _locked_draft(province: Organisation, precondition: Precondition | None) -> ProvinceCatalogue | None:
    """The province's draft under its row lock, checked against the client's If-Match / If-None-Match: *."""
    draft = (
        ProvinceCatalogue.objects.select_for_update().filter(province=province, status=CatalogueStatus.DRAFT).first()
    )
    if precondition is not None:
        precondition.check(draft)
    return draft


@transaction.atomic
def catalogue_draft_save(
    *, actor: Any, province: Organisation, spec: dict[str, Any], precondition: Precondition | None = None
) -> ProvinceCatalogue:
    """Replace the draft's spec, or start a draft (If-None-Match: * — two admins starting one at once: one wins,
    the other gets 412)."""
    _ensure_own_province(actor, province)
    clean = catalogue_spec_clean(spec)
    draft = _locked_draft(province, precondition)
    if draft is not None:
        draft.spec = clean
        draft.save()
        _audit_draft_saved(actor, province, draft)
        return draft
    latest = ProvinceCatalogue.objects.filter(province=province).order_by("-version").first()
    draft = ProvinceCatalogue(
        province=province, version=(latest.version if latest else 0) + 1, created_by=actor, spec=clean
    )
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as exc:  # another draft (or version number) was created meanwhile
        raise stale() from exc
    _audit_draft_saved(actor, province, draft)
    return draft


def _audit_draft_saved(actor: Any, province: Organisation, draft: ProvinceCatalogue) -> None:
    spec = draft.spec or {}
    audit_record(
        action="catalog.draft_save",
        actor=actor,
        subject_type="catalogue",
        subject_id=f"{province.code}:v{draft.version}",
        detail={
            "province": province.code,
            "version": draft.version,
            "selected": len(spec.get("selected") or {}),
            "extensions": len(spec.get("extensions") or []),
            "code_tables": len(spec.get("code_tables") or []),
        },
    )


@transaction.atomic
def catalogue_draft_discard(*, actor: Any, province: Organisation, precondition: Precondition | None = None) -> None:
    _ensure_own_province(actor, province)
    draft = _locked_draft(province, precondition)
    if draft is not None:
        version = draft.version
        draft.delete()
        audit_record(
            action="catalog.draft_discard",
            actor=actor,
            subject_type="catalogue",
            subject_id=f"{province.code}:v{version}",
            detail={"province": province.code, "version": version},
        )


def catalogue_diff(*, old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """What publishing `new` changes against `old` (both specs)."""
    old_sel, new_sel = old.get("selected") or {}, new.get("selected") or {}
    old_ext = {e["code"]: e for e in old.get("extensions") or []}
    new_ext = {e["code"]: e for e in new.get("extensions") or []}
    old_tab = {t["slug"]: t for t in old.get("code_tables") or []}
    new_tab = {t["slug"]: t for t in new.get("code_tables") or []}
    return {
        "selected_added": sorted(set(new_sel) - set(old_sel)),
        "selected_removed": sorted(set(old_sel) - set(new_sel)),
        "required_changed": sorted(c for c in set(old_sel) & set(new_sel) if old_sel[c] != new_sel[c]),
        "extensions_added": sorted(set(new_ext) - set(old_ext)),
        "extensions_removed": sorted(set(old_ext) - set(new_ext)),
        "extensions_changed": sorted(c for c in set(old_ext) & set(new_ext) if old_ext[c] != new_ext[c]),
        "code_tables_added": sorted(set(new_tab) - set(old_tab)),
        "code_tables_removed": sorted(set(old_tab) - set(new_tab)),
        "code_tables_changed": sorted(s for s in set(old_tab) & set(new_tab) if old_tab[s] != new_tab[s]),
    }


@transaction.atomic
def catalogue_publish(
    *, actor: Any, province: Organisation, precondition: Precondition | None = None
) -> tuple[ProvinceCatalogue, dict[str, list[Any]]]:
    """Publish the draft; with If-Match, only the version of the draft the caller reviewed."""
    _ensure_own_province(actor, province)
    draft = _locked_draft(province, None)
    if draft is not None and precondition is not None:
        precondition.check(draft)
    if draft is None:
        raise AppError(_("There is no draft to publish."), code="no_draft", status_code=status.HTTP_409_CONFLICT)
    previous = published_catalogue(province=province)
    diff = catalogue_diff(old=previous.spec if previous else {}, new=draft.spec)
    draft.status = CatalogueStatus.PUBLISHED
    draft.published_by = actor
    draft.published_at = timezone.now()
    draft.save()
    audit_record(
        action="catalog.publish",
        actor=actor,
        subject_type="catalogue",
        subject_id=f"{province.code}:v{draft.version}",
        detail={"province": province.code, "version": draft.version, "diff": diff},
    )
    return draft, diff
