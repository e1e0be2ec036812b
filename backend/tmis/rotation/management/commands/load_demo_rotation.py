"""Demo exchange rotation (idempotent): run after load_demo_training."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tmis.rotation.demo import load_demo_rotation


class Command(BaseCommand):
    help = "甘肃's rotation rules, 城关区's approved plan of the year in progress and 七里河区's draft (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_demo_rotation()
        self.stdout.write(
            "demo data: {rules} rotation rules, {backbone} backbone teachers, {plans} plans".format(**added)
        )
