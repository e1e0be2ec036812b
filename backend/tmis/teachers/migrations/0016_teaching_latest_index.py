"""A covering index for a teacher's latest 教育教学 record (the exchange rotation's 任教学段), built concurrently: a
province's table of millions of records keeps taking writes while it is built."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("teachers", "0015_archivereadgrant"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="teachingrecord",
            index=models.Index(
                models.F("teacher"),
                models.OrderBy(models.F("teaching_year"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                include=("teaching_stages",),
                name="teaching_latest_idx",
            ),
        ),
    ]
