"""The national core set follows DOMAIN.md §1.2–1.4 (every field marked required there is core for its school kinds:
学习经历's 所学专业, 是否师范类专业 and 学习方式 join it), and 成果类型 gets its 0-无 (a record saying the teacher has none, as each of the ten sub-tables
has): bring existing databases in line with data/.
Group minimums need no schema change: they follow from the core set (tmis.catalog.effective)."""

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
    dependencies = [("catalog", "0002_load_national_catalogue")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
