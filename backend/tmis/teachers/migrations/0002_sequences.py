"""Sequences: one per two-digit province prefix (00–99) for national teacher numbers (tmis.teachers.numbers),
and teacher_change_seq, stamped on every write to an archive (ARCHITECTURE §6)."""

from django.db import migrations

PREFIXES = [f"{n:02d}" for n in range(100)]


class Migration(migrations.Migration):
    dependencies = [("teachers", "0001_initial")]
    operations = [
        migrations.RunSQL(
            sql=[f"CREATE SEQUENCE IF NOT EXISTS teacher_no_seq_{p} MAXVALUE 999999999 NO CYCLE" for p in PREFIXES]
            + ["CREATE SEQUENCE IF NOT EXISTS teacher_change_seq"],
            reverse_sql=[f"DROP SEQUENCE IF EXISTS teacher_no_seq_{p}" for p in PREFIXES]
            + ["DROP SEQUENCE IF EXISTS teacher_change_seq"],
        )
    ]
