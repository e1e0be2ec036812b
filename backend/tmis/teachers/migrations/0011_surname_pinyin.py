"""Names are read as surname + given name (tmis.teachers.pinyin): archives whose surname reads otherwise as a
surname (曾 zeng, 单 shan …) or that start with a compound surname get their pinyin again."""

from django.db import migrations


def repinyin(apps, schema_editor):
    from tmis.teachers.pinyin import COMPOUND_SURNAMES, SURNAME_READINGS, name_pinyin

    Teacher = apps.get_model("teachers", "Teacher")
    starts = sorted({key[:1] for key in SURNAME_READINGS} | {key[:1] for key in COMPOUND_SURNAMES})
    pattern = "^[" + "".join(starts) + "]"
    changed = []
    for teacher in Teacher.objects.filter(name__regex=pattern).only("id", "name", "name_pinyin", "name_initials"):
        full, initials = name_pinyin(teacher.name)
        if (full, initials) != (teacher.name_pinyin, teacher.name_initials):
            teacher.name_pinyin, teacher.name_initials = full, initials
            changed.append(teacher)
    Teacher.objects.bulk_update(changed, ["name_pinyin", "name_initials"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("teachers", "0010_teacher_history_statement_level")]

    operations = [migrations.RunPython(repinyin, migrations.RunPython.noop)]
