"""Q004, the cross-archive rule: current archives of one county with the same name and birth date (under different
ID documents — two archives never share one, `id_digest` is unique). The county is the schools' parent
organisation (a county in the usual tree; the city for a school a city runs directly).

A group is named by its key, `birth date|parent path|name` (archive text holds no control characters and the
first two parts hold no '|', so the key splits back). An issue stores its group's key (`QualityIssue.group_key`):
when an archive changes, the refresh re-evaluates both its new group and — from its issue — the group it left.
An archive that carried no Q004 issue was alone in its group, so leaving it changes no one else's finding.
"""

from __future__ import annotations

CODE = "Q004"
REGION_SQL = "regexp_replace(t.org_path, '[^/]+/$', '')"
KEY_SQL = f"(t.birth_date::text || '|' || {REGION_SQL} || '|' || t.name)"


def full_sql() -> str:
    """Every current archive that shares its group: teacher_id, detail, group_key (one scan and sort)."""
    return f"""
        SELECT teacher_id, jsonb_build_object('others', n - 1) AS detail, group_key FROM (
            SELECT t.id AS teacher_id, {KEY_SQL} AS group_key,
                   count(*) OVER (PARTITION BY t.birth_date, {REGION_SQL}, t.name) AS n
            FROM teachers_teacher t WHERE t.active
        ) grouped WHERE n > 1
    """


def touched_keys_sql(changed: str) -> str:
    """The groups to re-evaluate after the archives of the table `changed` (column id) were written: the groups
    they are in now and the groups their Q004 issues say they were in. Columns group_key, birth_date, region,
    name."""
    return f"""
        SELECT DISTINCT group_key, split_part(group_key, '|', 1)::date AS birth_date,
               split_part(group_key, '|', 2) AS region,
               substr(group_key, length(split_part(group_key, '|', 1)) + length(split_part(group_key, '|', 2)) + 3)
                   AS name
        FROM (
            SELECT {KEY_SQL} AS group_key FROM teachers_teacher t
            WHERE t.active AND t.id IN (SELECT id FROM {changed})
            UNION ALL
            SELECT group_key FROM quality_issue WHERE rule = '{CODE}' AND teacher_id IN (SELECT id FROM {changed})
        ) keys
    """


def groups_sql(keys: str) -> str:
    """The members of the groups of the table `keys` (touched_keys_sql's columns) that share their group now:
    teacher_id, detail, group_key. Archives are matched on name and birth date, then on the region: the region's
    expression stays out of the join (OFFSET 0 fences the subquery), so a hash join over the archive computes it
    only for the few matches, not for every row."""
    return f"""
        SELECT teacher_id, jsonb_build_object('others', n - 1) AS detail, group_key FROM (
            SELECT m.teacher_id, m.group_key, count(*) OVER (PARTITION BY m.group_key) AS n FROM (
                SELECT t.id AS teacher_id, t.org_path, k.group_key, k.region
                FROM {keys} k JOIN teachers_teacher t ON t.name = k.name AND t.birth_date = k.birth_date
                WHERE t.active OFFSET 0
            ) m WHERE regexp_replace(m.org_path, '[^/]+/$', '') = m.region
        ) grouped WHERE n > 1
    """
