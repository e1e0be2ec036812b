"""Re-encrypt every stored ID number with the current key (the first of TMIS_ID_KEYS). Resumable and safe to
run while the system is in use: rows are taken in id order, in batches, each batch in its own transaction."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tmis.core import crypto
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT


class Command(BaseCommand):
    help = "Re-encrypt teachers' ID numbers with the current key of TMIS_ID_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        current = crypto.key_ring().current
        done = 0
        last_id = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Teacher.objects.select_for_update(skip_locked=True)
                    .filter(pk__gt=last_id)
                    .exclude(id_key=current)
                    .order_by("pk")
                    .only("pk", "id_key", "id_cipher")[: options["batch"]]
                )
                if not batch:
                    break
                for teacher in batch:
                    teacher.id_key, teacher.id_cipher = crypto.reencrypt(
                        teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT
                    )
                Teacher.objects.bulk_update(batch, ["id_key", "id_cipher"])
                done += len(batch)
                last_id = batch[-1].pk
        self.stdout.write(f"re-encrypted {done} ID numbers with key {current}")
