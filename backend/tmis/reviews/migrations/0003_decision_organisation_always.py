"""Every decision names an organisation: submits and withdrawals recorded before this named none; they get their
submitter's organisation (a user belongs to exactly one), and the column becomes NOT NULL."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Decision = apps.get_model("reviews", "Decision")
    User = apps.get_model("accounts", "User")
    organisation = User.objects.filter(pk=models.OuterRef("actor_id")).values("organisation_id")[:1]
    Decision.objects.filter(organisation__isnull=True).update(organisation_id=models.Subquery(organisation))
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks left for the ALTER TABLE below


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("orgs", "0001_initial"),
        ("reviews", "0002_kinds_from_registry"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decision",
            name="organisation",
            field=models.ForeignKey(
                help_text="The organisation of the step decided; of the submitter for a submit or withdraw.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.organisation",
            ),
        ),
    ]
