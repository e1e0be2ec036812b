"""Load the demo teachers (idempotent): run after load_demo."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tmis.teachers.demo import load_demo_teachers


class Command(BaseCommand):
    help = "Load about 300 demo teachers over the demo schools (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"demo data: {load_demo_teachers()} teachers added")
