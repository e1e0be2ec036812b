"""Reading the change feed (docs/API.md, "Change feed").

Order and completeness: events are served in (txid, id) order and only those of transactions that have finished —
every txid below the oldest transaction still running (`pg_snapshot_xmin`). A transaction that started earlier but
commits later than another is therefore never passed by a reader's cursor: until it ends, the feed stops short of it.
(A long transaction holds the feed back for as long as it runs.)

Scope: an event is the reader's when its organisation path lies in the reader's subtree (an API token's narrower
one included). An archive moved between schools is stored once with both paths; each reader sees it as what it is
for them: `create` (moved in), `delete` (moved out) or `update` (moved within their scope).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from tmis.core.errors import field_error

from .models import EventType, FeedEvent

#: What each event type needs: the archive's and group records' readers see teachers, and so on.
TYPE_CAPABILITIES = {
    EventType.TEACHER: "teachers.view",
    EventType.GROUP_RECORD: "teachers.view",
    EventType.ORGANISATION: "orgs.view",
    EventType.REVIEW: "reviews.view",
}
MAX_PAGE = 5_000
DEFAULT_PAGE = 1_000


@dataclass(frozen=True)
class Cursor:
    txid: int
    id: int

    def __str__(self) -> str:
        return f"{self.txid}.{self.id}" if self.txid or self.id else "0"

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        if not text or text == "0":
            return cls(0, 0)
        txid, _sep, event = text.partition(".")
        if not (txid.isdigit() and event.isdigit() and len(text) <= 41):
            raise field_error("after", "invalid", _("Not a feed cursor: send the `next` of the previous page, or 0."))
        return cls(int(txid), int(event))


@dataclass(frozen=True)
class FeedPage:
    events: list[dict[str, Any]]
    next: Cursor
    has_more: bool


def readable_types(*, user: Any, wanted: Sequence[str] | None) -> list[str]:
    """The event types asked for (all the caller may read when none are named); one the caller may not read is a
    400 naming it, so that a sync never silently misses a type."""
    if not wanted:
        return [kind for kind, capability in TYPE_CAPABILITIES.items() if user.has_capability(capability)]
    unknown = [kind for kind in wanted if kind not in TYPE_CAPABILITIES]
    if unknown:
        raise field_error(
            "types", "invalid_choice", _("Unknown event types: %(types)s.") % {"types": ", ".join(unknown)}
        )
    refused = [kind for kind in wanted if not user.has_capability(TYPE_CAPABILITIES[kind])]
    if refused:
        raise field_error(
            "types", "not_permitted", _("Your roles do not allow reading: %(types)s.") % {"types": ", ".join(refused)}
        )
    return list(dict.fromkeys(wanted))


_PAGE_SQL = f"""
    SELECT id, txid, kind, op, object_id, teacher_id, "group", org_path, old_path, fields, state, at
      FROM {FeedEvent._meta.db_table}
     WHERE (txid, id) > (%(txid)s, %(id)s)
       AND txid < %(horizon)s
       AND kind = ANY(%(kinds)s)
       AND (starts_with(org_path, %(scope)s) OR (old_path <> '' AND starts_with(old_path, %(scope)s)))
     ORDER BY txid, id
     LIMIT %(limit)s
"""


def _as_seen(row: tuple, scope: str) -> dict[str, Any]:
    event_id, txid, kind, op, object_id, teacher_id, group, org_path, old_path, fields, state, at = row
    reason = ""
    if op == "move":
        inside_now, inside_before = org_path.startswith(scope), old_path.startswith(scope)
        op, reason = (
            ("update", "moved")
            if inside_now and inside_before
            else (("create", "moved_in") if inside_now else ("delete", "moved_out"))
        )
    return {
        "cursor": f"{txid}.{event_id}",
        "type": kind,
        "op": op,
        "reason": reason,
        "id": object_id,
        "teacher_id": teacher_id,
        "group": group or None,
        "fields": fields,
        "state": state or None,
        "at": at,
    }


def feed_page(*, user: Any, after: Cursor, types: Sequence[str], limit: int = DEFAULT_PAGE) -> FeedPage:
    """One page of the caller's events after the cursor (see the module's description)."""
    scope = getattr(user, "scope_path", None) or "\x00"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        horizon = cursor.fetchone()[0]
        cursor.execute(
            _PAGE_SQL,
            {
                "txid": after.txid,
                "id": after.id,
                "horizon": horizon,
                "kinds": list(types),
                "scope": scope,
                "limit": limit + 1,
            },
        )
        rows = cursor.fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    events = [_as_seen(row, scope) for row in rows]
    last = Cursor(rows[-1][1], rows[-1][0]) if rows else after
    return FeedPage(events=events, next=last, has_more=has_more)


def latest_cursor() -> Cursor:
    """Where a reader that wants only what happens from now on starts (`?after=latest`)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT txid, id FROM {FeedEvent._meta.db_table} ORDER BY txid DESC, id DESC LIMIT 1")
        row = cursor.fetchone()
    return Cursor(row[0], row[1]) if row else Cursor(0, 0)
