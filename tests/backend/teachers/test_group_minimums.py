"""A complete archive has at least one record in each group of its school kind's core set (DOMAIN.md §1.4) — or a
record saying 无 where the group has it — before it is submitted: checked by the one whole-archive check."""

import pytest
from django.utils import translation

from tests.factories.teachers import add_required_records, complete_payload
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.reviewing import archive_problems

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"


def _draft(filler) -> int:
    created = filler.post(TEACHERS, complete_payload(), format="json")
    assert created.status_code == 201, created.json()
    return created.json()["id"]


def test_an_archive_without_its_required_records_cannot_be_submitted(client_for):
    filler = client_for("demo-school-a")
    teacher = _draft(filler)
    refused = filler.post(f"{TEACHERS}{teacher}/submit/")
    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert errors["study"] == [
        {
            "code": "group_required",
            "message": "学习经历至少需要一条记录；如无此项，请添加一条获得学历为“无”的记录。",
        }
    ]
    assert errors["post"][0]["code"] == "group_required" and "岗位聘任" in errors["post"][0]["message"]
    assert "work" not in errors and "contact" not in errors  # no core indicator: no minimum
    assert add_required_records(teacher)
    assert filler.post(f"{TEACHERS}{teacher}/submit/").status_code == 201


def test_a_record_saying_none_counts_and_the_rest_stays_required(client_for):
    filler = client_for("demo-school-a")
    teacher_id = _draft(filler)
    created = filler.post(
        f"{TEACHERS}{teacher_id}/study/",
        {"study_education": "0", "study_degree_level": "0"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    problems = archive_problems(Teacher.objects.get(pk=teacher_id))
    assert "study" not in problems and problems["post"][0]["code"] == "group_required"
    add_required_records(teacher_id)
    assert GROUP_MODELS["study"].objects.filter(teacher_id=teacher_id).count() == 1  # the 无 record was enough
    assert archive_problems(Teacher.objects.get(pk=teacher_id)) == {}


def test_the_group_is_named_in_the_readers_language(client_for):
    teacher = Teacher.objects.get(pk=_draft(client_for("demo-school-a")))
    with translation.override("en"):
        message = archive_problems(teacher)["treatment"][0]["message"]
    assert message == "Pay and benefits needs at least one record."
