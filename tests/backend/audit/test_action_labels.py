"""The auditor reads names, never codes: every action the code records has a translated label."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from tmis.audit.actions import action_label
from tmis.reviews.models import Action

BACKEND = Path(__file__).resolve().parents[3] / "backend" / "tmis"
RECORDED = re.compile(r'audit_record\(\s*(?:[^)]*?\s)?action="([a-z_.]+)"', re.S)


def recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in BACKEND.rglob("*.py"):
        found |= set(RECORDED.findall(path.read_text()))
    return found


def test_every_recorded_action_has_a_label_in_both_languages():
    actions = recorded_actions()
    assert {"auth.login", "auth.tokens_revoked", "catalog.publish", "import.finish"} <= actions
    actions |= {f"review.{action}" for action in Action.values}  # recorded as f"review.{action}"
    for language in ("zh-hans", "en"):
        with translation.override(language):
            unnamed = sorted(a for a in actions if action_label(a) == a)
            assert not unnamed, f"{language}: actions shown as codes: {unnamed}"
    with translation.override("zh-hans"):
        assert action_label("auth.login") == "登录"
