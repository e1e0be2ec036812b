"""The teacher list's filters: the blind index of ID number prefixes (`?id_prefix=`), computed from each stored
number, and the index of the Ministry's opening list (approved archives, newest first)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

BATCH = 2000


def fill_prefixes(apps, schema_editor):
    from tmis.core import crypto
    from tmis.teachers.writes import ID_CONTEXT, id_prefix_keys

    Teacher = apps.get_model("teachers", "Teacher")
    last = 0
    while True:
        batch = list(Teacher.objects.filter(pk__gt=last).order_by("pk").only("pk", "id_key", "id_cipher")[:BATCH])
        if not batch:
            return
        for teacher in batch:
            number = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
            teacher.id_prefixes = id_prefix_keys(number)
        Teacher.objects.bulk_update(batch, ["id_prefixes"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("teachers", "0011_surname_pinyin"),
    ]

    operations = [
        migrations.AddField(
            model_name="teacher",
            name="id_prefixes",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=16),
                blank=True,
                default=list,
                help_text="Blind index of the number's prefixes (6 characters and more): truncated keyed HMACs, "
                "written with the number, so `?id_prefix=` finds archives without decrypting any.",
                size=None,
            ),
        ),
        migrations.RunPython(fill_prefixes, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="teacher",
            index=django.contrib.postgres.indexes.GinIndex(fields=["id_prefixes"], name="teacher_id_prefix_idx"),
        ),
        migrations.AddIndex(
            model_name="teacher",
            index=models.Index(fields=["record_state", "-updated_at", "-id"], name="teacher_state_updated_idx"),
        ),
    ]
