"""An export may include the many-valued groups, a sheet each (issue 19: the whole-archive workbook)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("exports", "0002_job_base")]

    operations = [
        migrations.AddField(
            model_name="exportjob",
            name="groups",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Many-valued groups with a sheet each (codes, or ["all"]): the whole archive (XLSX only).',
            ),
        ),
    ]
