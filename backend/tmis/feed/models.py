"""The change feed's outbox (docs/API.md, "Change feed"): one row per created, changed or deleted archive, group
record, organisation or review item, written by database triggers (migrations 0001) in the writing transaction
itself — a bulk import, a cascade or a raw UPDATE are captured alike, and a rolled-back write leaves no event."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class EventType(models.TextChoices):
    TEACHER = "teacher", "teacher"
    GROUP_RECORD = "group_record", "group_record"
    ORGANISATION = "organisation", "organisation"
    REVIEW = "review", "review"


class Op(models.TextChoices):
    CREATE = "create", "create"
    UPDATE = "update", "update"
    STATE = "state", "state"
    MOVE = "move", "move"  # stored only: a reader sees create, update or delete by where it stands (selectors)
    DELETE = "delete", "delete"


class FeedEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    #: The writing transaction's id (pg_current_xact_id()): the feed serves events of finished transactions only, in
    #: (txid, id) order, so a reader never passes an event a slower transaction commits later.
    txid = models.BigIntegerField()
    kind = models.CharField(max_length=16, choices=EventType.choices)
    op = models.CharField(max_length=8, choices=Op.choices)
    object_id = models.BigIntegerField()
    teacher_id = models.BigIntegerField(null=True)
    group = models.CharField(max_length=32, blank=True, default="")
    org_path = models.CharField(max_length=255, db_collation="C")
    old_path = models.CharField(max_length=255, db_collation="C", blank=True, default="")
    fields = ArrayField(models.CharField(max_length=64), default=list)
    state = models.CharField(max_length=16, blank=True, default="")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["txid", "id"], name="feed_order_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.op}"
