"""Load the demo statistics figures (idempotent): run after load_demo_teachers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tmis.headcounts.demo import load_demo_headcounts


class Command(BaseCommand):
    help = "Give the demo schools (all but one) statistics figures of the current year (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"demo data: {load_demo_headcounts()} statistics figures added")
