"""ExportJob derives from tmis.core.models.Job (issue 12, one job runner): its progress columns take the base's
names (rows written of the rows selected), and it gains the base's organisation (the owner's, filled in for the
exports there are), title, language, error code, attempts, cancel request and timings."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0001_initial"),
        ("orgs", "0002_load_divisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("exportjob", "rows_total", "progress_total"),
        migrations.RenameField("exportjob", "rows_written", "progress_done"),
        migrations.AddField(
            model_name="exportjob",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, help_text="Starts, retries included."),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="cancel_requested_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="error_code",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="language",
            field=models.CharField(default="zh-hans", help_text="The owner's language: of its messages.", max_length=10),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="organisation",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.organisation"
            ),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="timings",
            field=models.JSONField(blank=True, default=dict, help_text="Seconds per step."),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="title",
            field=models.CharField(
                default="", help_text="What a person reads: a file name, a description.", max_length=255
            ),
        ),
        migrations.RunSQL(
            """UPDATE exports_exportjob e SET organisation_id = u.organisation_id,
                      title = '教师名单（' || upper(e.format) || '）'
                 FROM accounts_user u WHERE u.id = e.owner_id""",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.organisation"
            ),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="error_message",
            field=models.CharField(blank=True, default="", help_text="In the owner's language.", max_length=500),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="org_path",
            field=models.CharField(db_collation="C", help_text="The organisation's path: the scope.", max_length=255),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="progress_done",
            field=models.PositiveIntegerField(default=0, help_text="Units of work done and committed."),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="progress_total",
            field=models.PositiveIntegerField(blank=True, help_text="Units of work, once known.", null=True),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="state",
            field=models.CharField(
                choices=[
                    ("queued", "排队中"),
                    ("running", "处理中"),
                    ("done", "已完成"),
                    ("failed", "失败"),
                    ("cancelled", "已取消"),
                    ("downloaded", "已下载"),
                ],
                default="queued",
                max_length=10,
            ),
        ),
        migrations.AddIndex(
            model_name="exportjob",
            index=models.Index(fields=["owner", "-created_at", "-id"], name="exports_exportjob_recent"),
        ),
    ]
