"""Bring the quality tables (问题数据) up to date now (`--rebuild`: recompute them from the whole archive)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tmis.quality.refresh import rebuild, refresh


class Command(BaseCommand):
    help = "Apply the archive's writes since the last run to the quality issues (or rebuild them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Recompute everything from the archive.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = rebuild() if options["rebuild"] else refresh()
        self.stdout.write(f"quality: {result.teachers} archives read, {result.issues} issues found")
