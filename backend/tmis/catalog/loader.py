"""Load the national code tables and indicator catalogue shipped in data/ (used by data migrations).

Idempotent: tables and indicators are matched by slug/code and brought in line with the files; a table whose
items change gets a new version (clients re-fetch it: the ETag changes).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_code_tables() -> list[dict[str, Any]]:
    tables = yaml.safe_load((DATA_DIR / "code_tables.yaml").read_text(encoding="utf-8"))
    for table in tables:
        with (DATA_DIR / "code_tables" / table["file"]).open(encoding="utf-8") as handle:
            table["items"] = [
                {
                    "code": row["code"].strip(),
                    "name": row["name"].strip(),
                    "name_en": row["name_en"].strip(),
                    "parent_code": (row.get("parent") or "").strip(),
                }
                for row in csv.DictReader(handle)
            ]
    return tables


def read_indicators() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA_DIR / "indicators.yaml").read_text(encoding="utf-8"))["groups"]


def load_code_tables(code_table_model: Any, code_item_model: Any) -> None:
    for spec in read_code_tables():
        items = spec.pop("items")
        spec.pop("file", None)
        fields = {
            key: spec.get(key, default)
            for key, default in (
                ("name", ""),
                ("name_en", ""),
                ("standard", ""),
                ("source", ""),
                ("hierarchical", False),
                ("leaf_only", False),
            )
        }
        table, created = code_table_model.objects.get_or_create(slug=spec["slug"], defaults=fields)
        current = list(table.items.order_by("order").values("code", "name", "name_en", "parent_code"))
        if not created:
            for key, value in fields.items():
                setattr(table, key, value)
        if current != items:
            table.items.all().delete()
            code_item_model.objects.bulk_create(
                code_item_model(table=table, order=index, **item) for index, item in enumerate(items)
            )
            if not created:
                table.version += 1
        table.save()


def load_indicators(group_model: Any, indicator_model: Any, code_table_model: Any) -> None:
    tables = {table.slug: table for table in code_table_model.objects.all()}
    seen: set[str] = set()
    for group_spec in read_indicators():
        group, _ = group_model.objects.update_or_create(
            code=group_spec["code"],
            defaults={
                "name": group_spec["name"],
                "name_en": group_spec["name_en"],
                "many": group_spec["many"],
                "order": group_spec["order"],
                "rules": group_spec.get("rules") or [],
            },
        )
        for position, spec in enumerate(group_spec["indicators"], start=1):
            seen.add(spec["code"])
            indicator_model.objects.update_or_create(
                code=spec["code"],
                defaults={
                    "group": group,
                    "name": spec["name"],
                    "name_en": spec["name_en"],
                    "data_type": spec["type"],
                    "code_table": tables[spec["code_table"]] if spec.get("code_table") else None,
                    "code_table_by_stage": {
                        stage: tables[slug].slug for stage, slug in (spec.get("code_table_by_stage") or {}).items()
                    },
                    "stages": spec["stages"],
                    "core_stages": spec.get("core_stages") or [],
                    "validation": spec.get("validation") or {},
                    "default": spec.get("default"),
                    "help": spec.get("help") or "",
                    "help_en": spec.get("help_en") or "",
                    "order": spec.get("order", position),
                },
            )
    indicator_model.objects.exclude(code__in=seen).delete()
