"""Demo teacher changes in every state (idempotent): run after load_demo_reviews."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tmis.changes.demo import load_demo_changes


class Command(BaseCommand):
    help = "Demo transfers in every state, a retirement and a secondment."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"demo data: {load_demo_changes()} teacher changes")
