"""Benchmarks use only public names of tmis (ARCHITECTURE: modules use each other's public names), so that a
refactor which renames a private helper cannot break `make bench` unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
# Django's documented model metadata API is public despite its underscore.
PUBLIC_UNDERSCORE = {"_meta"}


def private_uses(source: str) -> list[str]:
    """`line: name` for every underscore name a script takes from tmis: imported from a tmis module, a tmis module
    of that name, or read as an attribute of a tmis module or of a name imported from tmis."""
    found: list[str] = []
    from_tmis: set[str] = set()  # local names bound to tmis modules or to names imported from them

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__") and name not in PUBLIC_UNDERSCORE

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tmis":
            found += [f"{node.lineno}: {node.module}.{p}" for p in node.module.split(".") if private(p)]
            for alias in node.names:
                if private(alias.name):
                    found.append(f"{node.lineno}: {node.module}.{alias.name}")
                from_tmis.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "tmis":
                    found += [f"{node.lineno}: {alias.name}" for p in alias.name.split(".") if private(p)]
                    from_tmis.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in from_tmis:
                found.append(f"{node.lineno}: {root.id}….{node.attr}")
    return found


@pytest.mark.parametrize("script", sorted(BENCH_DIR.glob("*.py")), ids=lambda path: path.name)
def test_benches_use_only_public_names_of_tmis(script):
    assert private_uses(script.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from tmis.teachers.services import _number_prefix",
        "from tmis.teachers.services import teacher_check, _new_teacher as new",
        "from tmis.teachers import services\nservices._stamp_change(t)",
        "import tmis.teachers.services\ntmis.teachers.services._conflict(a, b)",
        "from tmis.imports import _private_module",
        "from tmis.teachers.services import CheckedTeacher\nCheckedTeacher._hidden",
    ],
)
def test_the_check_finds_private_names(source):
    assert private_uses(source)


@pytest.mark.parametrize(
    "source",
    [
        "from tmis.teachers.models import Teacher\nTeacher._meta.concrete_fields",
        "from tmis.teachers.services import number_prefix",
        "import random\nrandom._inst",  # not ours
        "def _local():\n    pass\n_local()",
    ],
)
def test_the_check_lets_public_names_pass(source):
    assert private_uses(source) == []
