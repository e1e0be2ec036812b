"""Reads of the teacher archive."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.db import connection, models

from .models import GROUP_MODELS, GroupRecord, RecordState, Teacher

# Fields whose JSON form (row_to_json) is not already the Python value the model holds.
_PARSED = (models.DateField, models.DateTimeField, models.TimeField, models.UUIDField)


def _union_sql() -> str:
    parts = [
        f"SELECT %s AS grp, row_to_json(r)::text FROM "
        f"(SELECT * FROM {model._meta.db_table} WHERE teacher_id = %s ORDER BY id) r"
        for model in GROUP_MODELS.values()
    ]
    return " UNION ALL ".join(f"({part})" for part in parts)


def _record(model: type[GroupRecord], row: dict[str, object]) -> GroupRecord:
    values = []
    for field in model._meta.concrete_fields:
        value = row[field.column]
        if value is not None and isinstance(field, _PARSED):
            value = field.to_python(value)
        values.append(value)
    return model.from_db(connection.alias, None, values)


def teacher_group_records(teacher: Teacher) -> dict[str, list[GroupRecord]]:
    """Every many-valued group's records of one archive, in entry order — in one round trip (UNION ALL of each
    group's rows as JSON; fifteen ORM queries cost 14 ms, this one about 2). Rows come back as model instances,
    so the group serializers render them exactly as the per-group endpoints do (a test compares the two)."""
    records: dict[str, list[GroupRecord]] = {group: [] for group in GROUP_MODELS}
    params: list[object] = []
    for group in GROUP_MODELS:
        params += [group, teacher.pk]
    with connection.cursor() as cursor:
        cursor.execute(_union_sql(), params)
        for group, text in cursor.fetchall():
            model = GROUP_MODELS[group]
            records[group].append(_record(model, json.loads(text, parse_float=Decimal)))
    return records


_EVENT_ACTIONS = {"insert": "filled", "update": "changed", "delete": "removed"}


def teacher_timeline(*, teacher: Teacher) -> list[dict[str, Any]]:
    """Oldest first: every row change of the archive and its group records (django-pghistory: who, when, which
    fields from what to what, and the review item that applied it), and every review event (submit, approve,
    return, withdraw) with who, when, level and reason."""
    import pghistory.models

    from tmis.accounts.models import User
    from tmis.reviews.registry import get_kind, handler_for, kind_keys
    from tmis.reviews.selectors import submission_history

    events = list(pghistory.models.Events.objects.references(teacher).order_by("pgh_created_at", "pgh_id"))
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    groups = {model._meta.label: code for code, model in GROUP_MODELS.items()}
    entries: list[dict[str, Any]] = []
    for event in events:
        context = event.pgh_context or {}
        model = event.pgh_model.replace("Event", "")
        group = groups.get(model)
        diff = event.pgh_diff or {}
        if event.pgh_label == "update" and not diff:
            continue
        entries.append(
            {
                "at": event.pgh_created_at,
                "action": _EVENT_ACTIONS.get(event.pgh_label, event.pgh_label),
                "actor": _person(users.get(context.get("user"))),
                "kind": None,
                "submission": context.get("submission"),
                "level": "",
                "organisation": None,
                "reason": "",
                "group": group,
                "record": event.pgh_obj_id if group else None,
                "changes": {field: {"old": pair[0], "new": pair[1]} for field, pair in diff.items()},
                "kind_name": "",
                "diff": None,
                "imports": [],
            }
        )
    if not entries:  # loaded in bulk, before history: the creation is still shown
        entries.append(_created(teacher))
    for submission in submission_history(subject_type="teacher", subject_id=teacher.pk):
        changes = {
            field: {"old": pair[0], "new": pair[1]} for field, pair in submission.payload.get("fields", {}).items()
        }
        if operation := submission.payload.get("group"):
            changes[f"{operation['group']}:{operation['op']}"] = {
                "old": operation.get("old"),
                "new": operation.get("data"),
            }
        imports = [
            {
                "group": operation["group"],
                "mode": operation["mode"],
                "records": len(operation.get("data") or []),
                "replaced": len(operation.get("old") or []),
            }
            for operation in submission.payload.get("groups", [])
        ]
        kind = get_kind(submission.kind) if submission.kind in kind_keys() else None
        # A related subject (a change of the teacher) is told by its description: what, from where to where, when.
        diff = (
            handler_for(submission.kind).describe(submission) if kind and submission.subject_type != "teacher" else None
        )
        for decision in submission.decisions.all():
            entries.append(
                {
                    "at": decision.at,
                    "action": decision.action,
                    "actor": _person(decision.actor),
                    "kind": submission.kind,
                    "submission": submission.pk,
                    "level": decision.level,
                    "organisation": decision.organisation.code if decision.organisation else None,
                    "reason": decision.reason,
                    "group": None,
                    "record": None,
                    "changes": changes if decision.action == "submit" else {},
                    "kind_name": str(kind.label) if kind else submission.kind,
                    "diff": diff if decision.action == "submit" else None,
                    "imports": imports if decision.action == "submit" else [],
                }
            )
    entries.sort(key=lambda entry: entry["at"])
    return entries


def _created(teacher: Teacher) -> dict[str, Any]:
    return {
        "at": teacher.created_at,
        "action": "filled",
        "actor": _person(teacher.created_by),
        "kind": None,
        "submission": None,
        "level": "",
        "organisation": None,
        "reason": "",
        "group": None,
        "record": None,
        "changes": {},
        "kind_name": "",
        "diff": None,
        "imports": [],
    }


def _person(user: Any) -> dict[str, Any] | None:
    return {"id": user.pk, "display_name": user.display_name} if user else None


def record_state_counts(*, path: str) -> dict[str, int]:
    """Teachers under an organisation path by record state, plus `pending_change` (open change requests): one
    aggregate over the (org_path, record_state) index. The reports issue reuses it."""
    from django.db.models import Count, Q

    rows = (
        Teacher.objects.filter(org_path__startswith=path)
        .values("record_state")
        .annotate(n=Count("id"), pending=Count("id", filter=Q(pending_change=True)))
    )
    counts = {state: 0 for state in RecordState.values}
    counts["pending_change"] = 0
    for row in rows:
        counts[row["record_state"]] = row["n"]
        counts["pending_change"] += row["pending"]
    return counts


#: Lists count exactly up to this many rows; above it the planner's estimate is given (and marked so).
def latest_change_seq() -> int:
    """The highest `change_seq` stamped on an archive or a deleted draft's tombstone (0 before any): where a reader
    that follows the archive's writes (the report summaries, the data-quality worklist) has caught up to."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest((SELECT max(change_seq) FROM teachers_teacher), "
            "(SELECT max(change_seq) FROM teachers_deletedteacher), 0)"
        )
        return int(cursor.fetchone()[0])
