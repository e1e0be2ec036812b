"""ImportJob derives from tmis.core.models.Job (issue 12, one job runner): its progress columns take the base's
names (rows read of the file's rows), and it gains a title (the file name, for the `/jobs/` list) and a cancel
request."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("imports", "0002_import_language")]

    operations = [
        migrations.RenameField("importjob", "rows_total", "progress_total"),
        migrations.RenameField("importjob", "rows_read", "progress_done"),
        migrations.AddField(
            model_name="importjob",
            name="cancel_requested_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importjob",
            name="title",
            field=models.CharField(
                default="", help_text="What a person reads: a file name, a description.", max_length=255
            ),
        ),
        migrations.RunSQL("UPDATE imports_importjob SET title = file_name", migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="importjob",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, help_text="Starts, retries included."),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="error_message",
            field=models.CharField(blank=True, default="", help_text="In the owner's language.", max_length=500),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="language",
            field=models.CharField(default="zh-hans", help_text="The owner's language: of its messages.", max_length=10),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="org_path",
            field=models.CharField(db_collation="C", help_text="The organisation's path: the scope.", max_length=255),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="progress_done",
            field=models.PositiveIntegerField(default=0, help_text="Units of work done and committed."),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="progress_total",
            field=models.PositiveIntegerField(blank=True, help_text="Units of work, once known.", null=True),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="state",
            field=models.CharField(
                choices=[
                    ("queued", "排队中"),
                    ("running", "处理中"),
                    ("done", "已完成"),
                    ("failed", "失败"),
                    ("cancelled", "已取消"),
                ],
                default="queued",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="timings",
            field=models.JSONField(blank=True, default=dict, help_text="Seconds per step."),
        ),
        migrations.AddIndex(
            model_name="importjob",
            index=models.Index(fields=["owner", "-created_at", "-id"], name="imports_importjob_recent"),
        ),
    ]
