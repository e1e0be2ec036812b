"""Put the demo teachers of one school through review (idempotent): run after load_demo_teachers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tmis.teachers.demo_reviews import load_demo_reviews


class Command(BaseCommand):
    help = "Demo teachers in every review state: approved, in review, returned, draft, with open change requests."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"demo data: {load_demo_reviews()} teachers put through review")
