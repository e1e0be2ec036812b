"""Synonyms that let spreadsheet imports read values and column headers as school clerks type them.

Two data files beside the code tables: `data/code_synonyms.yaml` (per code table: code -> the usual other ways to
write it, e.g. 党员 for 中共党员) and `data/header_synonyms.yaml` (per indicator: other column headers, e.g. 身份证号
for 身份证件号). The names of the catalogue always win over a synonym; matching (clean_text, case) is the importer's.
Both files are read once per process; treat the returned mappings as read-only (they are shared).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
CODE_SYNONYMS_FILE = DATA_DIR / "code_synonyms.yaml"
HEADER_SYNONYMS_FILE = DATA_DIR / "header_synonyms.yaml"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def _code_tables() -> dict[str, dict[str, list[str]]]:
    """The whole code_synonyms.yaml: slug -> {code: [synonym, ...]}."""
    return _load(CODE_SYNONYMS_FILE)


@lru_cache(maxsize=128)  # more than there are code tables
def code_synonyms(slug: str) -> dict[str, str]:
    """Synonym text -> code for the code table `slug` ({} for a table without synonyms).

    Raises ValueError when the file lists one synonym under two codes of the same table."""
    result: dict[str, str] = {}
    for code, texts in (_code_tables().get(slug) or {}).items():
        for text in texts or ():
            text = str(text)
            if result.get(text, str(code)) != str(code):
                raise ValueError(f"code_synonyms.yaml: {slug} lists {text!r} under {result[text]} and {code}")
            result[text] = str(code)
    return result


def code_synonym_slugs() -> tuple[str, ...]:
    """The slugs of the code tables that have synonyms, in file order."""
    return tuple(_code_tables())


@lru_cache(maxsize=1)
def header_synonyms() -> dict[str, tuple[str, ...]]:
    """Indicator code -> the alternative column headers of that indicator, in file order."""
    return {str(code): tuple(str(text) for text in texts or ()) for code, texts in _load(HEADER_SYNONYMS_FILE).items()}
