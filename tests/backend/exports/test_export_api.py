"""Exports over HTTP: filters and scope, masking, formula escaping, the access log, download once."""

from __future__ import annotations

import csv
import io

import pytest
from python_calamine import CalamineWorkbook

from tests.factories.teachers import complete_payload
from tmis.audit.models import AccessLog
from tmis.core import crypto
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"


@pytest.fixture
def teachers(client_for):
    filler = client_for("demo-school-a")
    made = []
    for name in ("导出甲", "导出乙", "=导出丙"):
        response = filler.post("/api/v1/teachers/", complete_payload(SCHOOL, name=name), format="json")
        assert response.status_code == 201, response.json()
        made.append(response.json())
    other = client_for("demo-school-b").post(
        "/api/v1/teachers/", complete_payload("2162010301", name="导出别县"), format="json"
    )
    assert other.status_code == 201, other.json()
    return made


def export(client, **body):
    response = client.post("/api/v1/exports/", body, format="json")
    assert response.status_code == 202, response.json()
    job = client.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert job["state"] == "done", job
    return job


def download_rows(client, job) -> list[list[str]]:
    response = client.get(f"/api/v1/exports/{job['id']}/download/")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if job["format"] == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    return [[str(cell) for cell in row] for row in rows]


def test_export_is_scoped_filtered_masked_and_logged(client_for, teachers):
    county = client_for("demo-county-a")
    job = export(county, filters={"q": "导出"}, fields=["teacher_no", "name", "id_number", "ethnicity", "school"])
    assert job["rows_written"] == 3 and job["percent"] == 100.0
    rows = download_rows(county, job)
    assert rows[0] == ["全国教师编号", "姓名", "身份证件号", "民族", "学校代码"]
    assert rows[1] == ["teacher_no", "name", "id_number", "ethnicity", "school"]  # hidden code row
    body = rows[2:]
    assert sorted(r[1] for r in body) == ["'=导出丙", "导出乙", "导出甲"]  # escaped, and 导出别县 is another county's
    for row in body:
        teacher = Teacher.objects.get(teacher_no=row[0])
        full = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
        assert row[2] == teacher.id_masked and full not in row[2]
        assert row[3] == "汉族" and row[4] == SCHOOL
    log = AccessLog.objects.filter(action="teachers.export").latest("id")
    assert log.username == "demo-county-a"
    assert log.detail["rows"] == 3 and log.detail["filters"] == {"q": "导出"} and log.detail["full_id"] is False


def test_full_id_numbers_need_the_capability(client_for, teachers):
    viewer = client_for("demo-city")  # a city admin: sees teachers, not their full ID numbers
    response = viewer.post("/api/v1/exports/", {"filters": {"q": "导出"}, "full_id": True}, format="json")
    assert response.status_code == 403
    filler = client_for("demo-school-a")
    job = export(filler, filters={"name": "导出甲"}, fields=["name", "id_number"], full_id=True, format="csv")
    rows = download_rows(filler, job)
    teacher = Teacher.objects.get(name="导出甲")
    assert rows[1] == ["导出甲", crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)]
    assert AccessLog.objects.filter(action="teachers.export", detail__full_id=True).count() == 1


def test_download_once_and_privately(client_for, teachers):
    filler = client_for("demo-school-a")
    job = export(filler, filters={"q": "导出"}, format="csv")
    assert client_for("demo-county-a").get(f"/api/v1/exports/{job['id']}/download/").status_code == 404
    assert len(download_rows(filler, job)) == 4
    again = filler.get(f"/api/v1/exports/{job['id']}/download/")
    assert (again.status_code, again.json()["code"]) == (410, "already_downloaded")


def test_bad_requests(client_for):
    filler = client_for("demo-school-a")
    response = filler.post("/api/v1/exports/", {"fields": ["name", "salary"]}, format="json")
    assert response.status_code == 400 and "fields" in response.json()["errors"]
    response = filler.post("/api/v1/exports/", {"filters": {"record_state": "lost"}}, format="json")
    assert response.status_code == 400 and "filters.record_state" in response.json()["errors"]
    columns = filler.get("/api/v1/exports/columns/").json()
    assert {"code": "name", "name": "姓名"} in columns and columns[0]["code"] == "teacher_no"
