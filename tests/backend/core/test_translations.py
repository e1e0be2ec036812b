"""Every message the backend marks for translation has a zh-CN translation (issue 13: `not_province` came out in
English under zh-CN). The msgids are read from the code itself, so a new message without a translation fails here."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

BACKEND = Path(__file__).parents[3] / "backend" / "tmis"
PO = BACKEND / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MARKERS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}


def _msgids() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in BACKEND.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in MARKERS:
                continue
            first = node.args[1] if name.startswith("pgettext") else node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found[first.value] = f"{path.relative_to(BACKEND.parent)}:{node.lineno}"
    return found


def test_every_marked_message_is_translated():
    """Through the compiled catalogue Django serves (django.mo), as a zh-CN request reads it."""
    with translation.override("zh-hans"):
        missing = [
            f"{where}: {msgid!r}"
            for msgid, where in sorted(_msgids().items(), key=lambda item: item[1])
            if translation.gettext(msgid) == msgid
        ]
    assert not missing, "untranslated (add them to django.po, then msgfmt):\n" + "\n".join(missing)


def test_the_compiled_catalogue_is_current(tmp_path):
    compiled = tmp_path / "django.mo"
    try:
        result = subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("msgfmt is not installed")
    assert result.returncode == 0, result.stderr
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), (
        "django.mo is stale: msgfmt -o django.mo django.po"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-CN", "zh-CN,zh;q=0.9,en;q=0.8", "zh", "zh-Hans", "zh-TW", ""])
def test_not_province_is_in_chinese(client_for, language):
    response = client_for("demo-county-a").get("/api/v1/reviews/flows/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403, response.json()
    assert response.json()["code"] == "not_province"
    assert response.json()["message"] == "审核流程由省级管理员配置。"
