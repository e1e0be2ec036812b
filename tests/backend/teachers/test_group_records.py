"""Many-valued groups under /teachers/{id}/<group>/: typed rows, catalogue warnings, scope, archive version."""

import pytest

from tests.factories.teachers import teacher_payload
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.owned_groups import OWNED_GROUPS

pytestmark = pytest.mark.django_db

STUDY = {
    "study_education": "21",
    "study_country": "156",
    "study_institution": "西北师范大学",
    "study_major": "数学",
    "study_is_normal_major": True,
    "study_start_month": "2003-09",
    "study_end_month": "2007-07",
}


@pytest.fixture
def teacher(client_for):
    return client_for("demo-school-a").post("/api/v1/teachers/", teacher_payload(), format="json").json()


def test_the_fifteen_groups_have_endpoints():
    assert list(GROUP_MODELS) == [
        "study",
        "work",
        "post",
        "title",
        "treatment",
        "assessment",
        "qualification",
        "ethics",
        "teaching",
        "achievements",
        "talent",
        "training",
        "overseas",
        "skills",
        "rotation",
    ]


def test_two_study_rows(client_for, teacher):
    client = client_for("demo-school-a")
    url = f"/api/v1/teachers/{teacher['id']}/study/"
    first = client.post(url, STUDY, format="json")
    assert first.status_code == 201, first.json()
    second = client.post(
        url,
        {**STUDY, "study_education": "14", "study_start_month": "2007-09", "study_end_month": "2010-07"},
        format="json",
    )
    assert second.status_code == 201
    rows = client.get(url).json()["results"]
    assert [r["id"] for r in rows] == [first.json()["id"], second.json()["id"]]
    assert Teacher.objects.get(pk=teacher["id"]).version == 3  # each row write is a new archive version
    changed = client.patch(
        f"{url}{first.json()['id']}/", {"study_major": "物理"}, format="json", HTTP_IF_MATCH=first["ETag"]
    )
    assert changed.json()["study_major"] == "物理"
    assert client.delete(f"{url}{second.json()['id']}/", HTTP_IF_MATCH=second.json()["etag"]).status_code == 204
    assert len(client.get(url).json()["results"]) == 1


def test_catalogue_problems_are_warnings_and_unknown_extras_errors(client_for, teacher):
    client = client_for("demo-school-a")
    url = f"/api/v1/teachers/{teacher['id']}/study/"
    saved = client.post(url, {"study_education": "99x"}, format="json")
    assert saved.status_code == 201
    warnings = saved.json()["warnings"]
    assert warnings["study_education"][0]["code"] == "unknown_code"
    refused = client.post(url, {"extra": {"ext_nope": 1}}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["extra.ext_nope"][0]["code"] == "unknown_field"


def test_another_countys_records_are_404(client_for, teacher):
    client_for("demo-school-a").post(f"/api/v1/teachers/{teacher['id']}/work/", {}, format="json")
    other = client_for("demo-school-b")
    assert other.get(f"/api/v1/teachers/{teacher['id']}/work/").status_code == 404
    assert other.post(f"/api/v1/teachers/{teacher['id']}/work/", {}, format="json").status_code == 404
    record = GROUP_MODELS["work"].objects.get(teacher_id=teacher["id"])
    assert other.delete(f"/api/v1/teachers/{teacher['id']}/work/{record.pk}/").status_code == 404
    assert client_for("demo-county-a").get(f"/api/v1/teachers/{teacher['id']}/work/").status_code == 200


def test_archive_holds_every_group_in_one_response(client_for, teacher, django_assert_max_num_queries):
    client = client_for("demo-school-a")
    for start in ("2003-09", "2007-09"):
        client.post(f"/api/v1/teachers/{teacher['id']}/study/", {**STUDY, "study_start_month": start}, format="json")
    client.post(f"/api/v1/teachers/{teacher['id']}/assessment/", {"assessment_year": 2024}, format="json")
    with django_assert_max_num_queries(2 + len(GROUP_MODELS)):  # user, teacher, one per group
        response = client.get(f"/api/v1/teachers/{teacher['id']}/archive/")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{teacher["id"]}-v4"'
    assert body["name"] == teacher["name"] and body["id_number"] == teacher["id_number"]  # masked, as on retrieve
    assert list(body["groups"]) == list(GROUP_MODELS)
    assert [row["study_start_month"] for row in body["groups"]["study"]] == ["2003-09", "2007-09"]
    assert body["groups"]["assessment"][0]["assessment_year"] == 2024
    assert body["groups"]["work"] == []
    assert client_for("demo-school-b").get(f"/api/v1/teachers/{teacher['id']}/archive/").status_code == 404
    assert client_for("demo-county-b").get(f"/api/v1/teachers/{teacher['id']}/archive/").status_code == 404
    assert client_for("demo-province").get(f"/api/v1/teachers/{teacher['id']}/archive/").status_code == 200


def _sample_row(model) -> dict:
    """A value of the right type for every column of a group (catalogue problems only warn)."""
    from django.contrib.postgres.fields import ArrayField
    from django.db import models

    row: dict = {"extra": {}}
    for field in model._meta.concrete_fields:
        if field.name in {"id", "teacher", "province_code", "extra", "created_at", "updated_at"}:
            continue
        if isinstance(field, ArrayField):
            row[field.name] = ["1", "2"]
        elif isinstance(field, models.BooleanField):
            row[field.name] = True
        elif isinstance(field, models.DecimalField):
            row[field.name] = "1234.50"
        elif isinstance(field, models.IntegerField):
            row[field.name] = 2024
        elif isinstance(field, models.DateField):
            row[field.name] = "2020-01-02"
        elif isinstance(field, models.CharField):
            row[field.name] = "1"[: field.max_length]
    return row


def test_archive_rows_are_exactly_the_group_endpoints_rows(client_for, teacher):
    client = client_for("demo-school-a")
    for group, model in GROUP_MODELS.items():
        for _ in range(2):
            if group in OWNED_GROUPS:  # written by its module, as an approved training claim does
                model.objects.create(teacher_id=teacher["id"], province_code="620000", **_sample_row(model))
                continue
            response = client.post(f"/api/v1/teachers/{teacher['id']}/{group}/", _sample_row(model), format="json")
            assert response.status_code == 201, (group, response.json())
    archive = client.get(f"/api/v1/teachers/{teacher['id']}/archive/").json()["groups"]
    for group in GROUP_MODELS:
        listed = client.get(f"/api/v1/teachers/{teacher['id']}/{group}/").json()["results"]
        assert len(listed) == 2
        assert archive[group] == listed, group
