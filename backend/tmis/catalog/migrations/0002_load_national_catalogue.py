"""Load the national code tables and the indicator catalogue shipped in tmis/catalog/data/."""

from django.db import migrations


def forwards(apps, schema_editor):
    from tmis.catalog.loader import load_code_tables, load_indicators

    load_code_tables(apps.get_model("catalog", "CodeTable"), apps.get_model("catalog", "CodeItem"))
    load_indicators(
        apps.get_model("catalog", "IndicatorGroup"),
        apps.get_model("catalog", "Indicator"),
        apps.get_model("catalog", "CodeTable"),
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
