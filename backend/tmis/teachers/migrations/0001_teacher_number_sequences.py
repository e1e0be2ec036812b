"""One sequence per two-digit province prefix (00–99) for national teacher numbers (tmis.teachers.numbers)."""

from django.db import migrations

PREFIXES = [f"{n:02d}" for n in range(100)]


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [
        migrations.RunSQL(
            sql=[f"CREATE SEQUENCE IF NOT EXISTS teacher_no_seq_{p} MAXVALUE 999999999 NO CYCLE" for p in PREFIXES],
            reverse_sql=[f"DROP SEQUENCE IF EXISTS teacher_no_seq_{p}" for p in PREFIXES],
        )
    ]
