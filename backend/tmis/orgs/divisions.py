"""Build the region part of the tree from the vendored GB/T 2260 data (used by a data migration)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

CENTRAL = {"code": "000000", "name": "教育部", "name_en": "Ministry of Education"}
XPCC = {"code": "660000", "name": "新疆生产建设兵团", "name_en": "Xinjiang Production and Construction Corps"}


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def division_rows() -> list[dict[str, Any]]:
    """Central, provinces (+ XPCC), cities and counties as dicts in parent-before-child order."""
    central_path = f"/{CENTRAL['code']}/"
    rows: list[dict[str, Any]] = [
        {**CENTRAL, "level": "central", "parent": None, "path": central_path, "depth": 0, "province_code": ""}
    ]
    provinces = [{"code": r["code"].ljust(6, "0"), "name": r["name"], "name_en": ""} for r in _rows("provinces.csv")]
    provinces.append(XPCC)
    for province in sorted(provinces, key=lambda p: p["code"]):
        rows.append(
            {
                **province,
                "level": "province",
                "parent": CENTRAL["code"],
                "path": f"{central_path}{province['code']}/",
                "depth": 1,
                "province_code": province["code"],
            }
        )
    paths = {row["code"]: row["path"] for row in rows}
    for city in _rows("cities.csv"):
        code, parent = city["code"].ljust(6, "0"), city["provinceCode"].ljust(6, "0")
        paths[code] = f"{paths[parent]}{code}/"
        rows.append(
            {
                "code": code,
                "name": city["name"],
                "name_en": "",
                "level": "city",
                "parent": parent,
                "path": paths[code],
                "depth": 2,
                "province_code": parent,
            }
        )
    for area in _rows("areas.csv"):
        code, parent = area["code"], area["cityCode"].ljust(6, "0")
        if code == parent:  # cities without counties (东莞市, 中山市, 儋州市) repeat themselves as an area row
            continue
        rows.append(
            {
                "code": code,
                "name": area["name"],
                "name_en": "",
                "level": "county",
                "parent": parent,
                "path": f"{paths[parent]}{code}/",
                "depth": 3,
                "province_code": area["provinceCode"].ljust(6, "0"),
            }
        )
    return rows


def load_divisions(organisation_model: Any) -> int:
    """Insert the divisions that are missing (idempotent). Returns how many were added."""
    existing = set(organisation_model.objects.values_list("code", flat=True))
    ids = dict(organisation_model.objects.values_list("code", "id"))
    added = 0
    batch: list[Any] = []
    current_depth = 0
    for row in division_rows():
        if row["code"] in existing:
            continue
        if row["depth"] != current_depth and batch:  # parents of the next depth must have ids
            for obj in organisation_model.objects.bulk_create(batch):
                ids[obj.code] = obj.id
            added += len(batch)
            batch = []
        current_depth = row["depth"]
        parent_code = row.pop("parent")
        batch.append(organisation_model(parent_id=ids.get(parent_code) if parent_code else None, **row))
    if batch:
        organisation_model.objects.bulk_create(batch)
        added += len(batch)
    return added
