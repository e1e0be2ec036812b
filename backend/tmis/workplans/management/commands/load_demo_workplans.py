"""Demo work plans and working groups of the demo provinces (idempotent): run after load_demo."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tmis.workplans.demo import load_demo_workplans


class Command(BaseCommand):
    help = "This year's work plan (a milestone done, one overdue, one coming up) and a working group per demo province."

    def handle(self, *args: Any, **options: Any) -> None:
        plans, members = load_demo_workplans()
        self.stdout.write(f"demo data: {plans} work plans and {members} working-group members")
