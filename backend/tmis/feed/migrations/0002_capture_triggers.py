"""The feed's capture: statement-level triggers with transition tables (one INSERT … SELECT per statement, so a bulk
import of a million rows is one set-based insert, not a million calls) on the archive, its group records, the
organisations and the review items. A group added later needs its table listed here in a new migration (a test
checks that every group model's table has the three triggers)."""

from django.db import migrations

GROUP_TABLES = {
    "study": "teachers_studyrecord",
    "work": "teachers_workrecord",
    "post": "teachers_postrecord",
    "title": "teachers_titlerecord",
    "treatment": "teachers_treatmentrecord",
    "assessment": "teachers_assessmentrecord",
    "qualification": "teachers_qualificationrecord",
    "ethics": "teachers_ethicsrecord",
    "teaching": "teachers_teachingrecord",
    "achievements": "teachers_achievementrecord",
    "talent": "teachers_talentrecord",
    "training": "teachers_trainingrecord",
    "overseas": "teachers_overseasrecord",
    "skills": "teachers_skillrecord",
    "rotation": "teachers_rotationrecord",
}
#: Columns whose change alone is no event: bookkeeping, derived search keys, the ID number's cipher and key (a change of
#: the number itself shows as `id_digest`).
IGNORED = {
    "teacher": "{version,change_seq,updated_by_id,updated_at,created_at,created_by_id,name_pinyin,name_initials,"
    "id_key,id_cipher,id_prefixes,id_masked,catalogue_version}",
    "group_record": "{updated_at,created_at}",
    "organisation": "{updated_at,created_at}",
    "review": "{}",
}

FUNCTION = r"""
CREATE OR REPLACE FUNCTION tmis_feed_capture() RETURNS trigger LANGUAGE plpgsql
-- Transition tables carry no statistics: the planner would pair old and new rows by a nested loop, quadratic in the
-- rows of the statement (an UPDATE of 50,000 archives ran for minutes). A hash join pairs them in one pass.
SET enable_nestloop = off SET enable_mergejoin = off AS $$
DECLARE
    kind text := TG_ARGV[0];
    grp text := TG_ARGV[1];
    ignored text[] := TG_ARGV[2]::text[];
    state_col text := TG_ARGV[3];
    tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
    -- Each row is turned into jsonb once (MATERIALIZED): a plain subquery would be inlined and to_jsonb() run again
    -- for every reference, once per column compared (2.26 s → 0.10 s for 1,000 archives).
    IF TG_OP = 'INSERT' THEN
        INSERT INTO feed_feedevent (txid, kind, op, object_id, teacher_id, "group", org_path, old_path, fields, state, at)
        WITH r AS MATERIALIZED (SELECT to_jsonb(n) AS j FROM new_rows n)
        SELECT tx, kind, 'create', (j->>'id')::bigint, tmis_feed_teacher(kind, j), grp,
               coalesce(tmis_feed_path(kind, j), ''), '', '{}', coalesce(j->>state_col, ''), clock_timestamp()
        FROM r;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO feed_feedevent (txid, kind, op, object_id, teacher_id, "group", org_path, old_path, fields, state, at)
        WITH r AS MATERIALIZED (SELECT to_jsonb(o) AS j FROM old_rows o)
        SELECT tx, kind, 'delete', (j->>'id')::bigint, tmis_feed_teacher(kind, j), grp,
               coalesce(tmis_feed_path(kind, j), ''), '', '{}', '', clock_timestamp()
        FROM r;
    ELSE
        INSERT INTO feed_feedevent (txid, kind, op, object_id, teacher_id, "group", org_path, old_path, fields, state, at)
        WITH pairs AS MATERIALIZED (
            SELECT to_jsonb(n) AS jn, to_jsonb(o) AS jo FROM new_rows n JOIN old_rows o ON o.id = n.id
        ), diffs AS MATERIALIZED (
            SELECT jn, tmis_feed_path(kind, jn) AS pn, tmis_feed_path(kind, jo) AS po, ARRAY(
                SELECT e.key FROM jsonb_each(jn) e
                WHERE NOT (e.key = ANY(ignored)) AND (jo->e.key) IS DISTINCT FROM e.value ORDER BY e.key
            ) AS changed
            FROM pairs
        )
        SELECT tx, kind,
               CASE WHEN pn IS DISTINCT FROM po THEN 'move'
                    WHEN state_col <> '' AND state_col = ANY(changed) THEN 'state'
                    ELSE 'update' END,
               (jn->>'id')::bigint, tmis_feed_teacher(kind, jn), grp, coalesce(pn, ''),
               CASE WHEN pn IS DISTINCT FROM po THEN coalesce(po, '') ELSE '' END,
               changed, coalesce(jn->>state_col, ''), clock_timestamp()
        FROM diffs
        WHERE cardinality(changed) > 0;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tmis_feed_teacher(kind text, j jsonb) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT CASE kind WHEN 'teacher' THEN (j->>'id')::bigint
                     WHEN 'group_record' THEN (j->>'teacher_id')::bigint END
$$;

CREATE OR REPLACE FUNCTION tmis_feed_path(kind text, j jsonb) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE kind
        WHEN 'organisation' THEN j->>'path'
        WHEN 'group_record' THEN (SELECT t.org_path FROM teachers_teacher t WHERE t.id = (j->>'teacher_id')::bigint)
        ELSE j->>'org_path' END
$$;
"""


def _triggers(table: str, kind: str, group: str, state: str) -> str:
    statements = []
    for event, tables in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        name = f"tmis_feed_{event.lower()}"
        statements.append(
            f"DROP TRIGGER IF EXISTS {name} ON {table};"
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION tmis_feed_capture('{kind}', '{group}', '{IGNORED[kind]}', '{state}');"
        )
    return "\n".join(statements)


def _all() -> list[tuple[str, str, str, str]]:
    tables = [("teachers_teacher", "teacher", "", "record_state"), ("orgs_organisation", "organisation", "", "")]
    tables.append(("reviews_submission", "review", "", "state"))
    tables += [(table, "group_record", group, "") for group, table in GROUP_TABLES.items()]
    return tables


def _backfill(table: str, kind: str, group: str, state: str) -> str:
    """What exists before the capture begins, as `create` events: a replay from 0 sees every row."""
    state_sql = f"coalesce(j->>'{state}', '')" if state else "''"
    return (
        'INSERT INTO feed_feedevent (txid, kind, op, object_id, teacher_id, "group", org_path, old_path, fields, '
        f"state, at) SELECT pg_current_xact_id()::text::bigint, '{kind}', 'create', (j->>'id')::bigint, "
        f"tmis_feed_teacher('{kind}', j), '{group}', coalesce(tmis_feed_path('{kind}', j), ''), '', '{{}}', "
        f"{state_sql}, clock_timestamp() FROM (SELECT to_jsonb(r) AS j FROM {table} r ORDER BY r.id) rows;"
    )


FORWARD = (
    FUNCTION
    + "\n".join(_backfill(*row) for row in _all())
    + "\n".join(_triggers(*row) for row in _all())
)
BACKWARD = "\n".join(
    f"DROP TRIGGER IF EXISTS tmis_feed_{event} ON {table};"
    for table, *_ in _all()
    for event in ("insert", "update", "delete")
) + "DROP FUNCTION IF EXISTS tmis_feed_capture(); DROP FUNCTION IF EXISTS tmis_feed_teacher(text, jsonb);" + (
    "DROP FUNCTION IF EXISTS tmis_feed_path(text, jsonb);"
)


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0001_initial"),
        ("teachers", "0017_group_history_statement_triggers"),
        ("orgs", "0002_load_divisions"),
        ("reviews", "0005_two_sided_chains"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
