"""Load the GB/T 2260 divisions, the Ministry of Education root and the XPCC (data: tmis/orgs/data/)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from tmis.orgs.divisions import load_divisions

    load_divisions(apps.get_model("orgs", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
