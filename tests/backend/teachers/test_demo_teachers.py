import pytest

from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import validate_row
from tmis.core import crypto
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.services import ID_CONTEXT, _json_value

pytestmark = pytest.mark.django_db


def test_demo_teachers_are_valid_and_load_once():
    assert load_demo_teachers(per_school=3) == 24
    assert load_demo_teachers(per_school=3) == 0
    assert GROUP_MODELS["study"].objects.count() == 24
    for teacher in Teacher.objects.select_related("school"):
        basic = effective_for_organisation(organisation=teacher.school)[0].group("basic")
        row = {f.code: _json_value(getattr(teacher, f.code)) for f in basic.fields if hasattr(teacher, f.code)}
        row["id_number"] = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
        assert validate_row(basic, row) == {}, (teacher.school.school_stage, teacher.name)
