"""Demo training credits (idempotent): run after load_demo_teachers, load_demo_reviews and load_demo_changes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tmis.training.demo import load_demo_training


class Command(BaseCommand):
    help = (
        "甘肃's training rules, a programme at each level with its completion list confirmed, and claims of "
        "城关区第一实验小学 approved, returned and waiting (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_demo_training()
        self.stdout.write(
            "demo data: {rules} training rules, {programmes} programmes, {completions} confirmed completions, "
            "claims {approved} approved / {returned} returned / {waiting} waiting".format(**added)
        )
