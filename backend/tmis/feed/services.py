"""Writes to the change feed besides its triggers."""

from __future__ import annotations

from django.db import connection, transaction

from tmis.teachers.models import GROUP_MODELS

from .models import EventType, FeedEvent


def _sources() -> list[tuple[str, str, str, str]]:
    """(table, event type, group key, state column) of every captured table."""
    rows = [
        ("teachers_teacher", EventType.TEACHER, "", "record_state"),
        ("orgs_organisation", EventType.ORGANISATION, "", ""),
    ]
    rows.append(("reviews_submission", EventType.REVIEW, "", "state"))
    rows += [(model._meta.db_table, EventType.GROUP_RECORD, key, "") for key, model in GROUP_MODELS.items()]
    return rows


@transaction.atomic
def record_existing() -> int:
    """Every row that exists as a `create` event, so that a replay from 0 sees it: for rows written while the capture
    was off (a bulk load with triggers disabled, as pg_restore does). Events already there for the same rows are
    repeated; a consumer applies a `create` idempotently. Returns the events written."""
    written = 0
    with connection.cursor() as cursor:
        for table, kind, group, state in _sources():
            state_sql = f"coalesce(j->>'{state}', '')" if state else "''"
            cursor.execute(
                f'INSERT INTO {FeedEvent._meta.db_table} (txid, kind, op, object_id, teacher_id, "group", org_path, '
                "old_path, fields, state, at) "
                f"SELECT pg_current_xact_id()::text::bigint, %s, 'create', (j->>'id')::bigint, "
                f"tmis_feed_teacher(%s, j), %s, coalesce(tmis_feed_path(%s, j), ''), '', '{{}}', {state_sql}, "
                f"clock_timestamp() FROM (SELECT to_jsonb(r) AS j FROM {table} r ORDER BY r.id) rows",
                [kind, kind, group, kind],
            )
            written += cursor.rowcount
    return written
