"""A programme's completion list: the owner (a county: the programme comes out 县级) uploads it as XLSX or CSV, every
bad row is reported with its row, column and code while the good rows are saved, a dry run saves nothing, someone
who sees the programme but does not run it is refused; confirming turns the completed rows into approved claims,
国内培训 records and standings — once."""

from __future__ import annotations

import io

import pytest

from tests.factories.imports import csv_bytes, xlsx_bytes
from tests.factories.teachers import TeacherRowFactory, resident_id
from tmis.core.idnumbers import check_char
from tmis.orgs.models import Organisation
from tmis.teachers.models.groups import TrainingRecord
from tmis.teachers.writes import id_dedup_key
from tmis.training.models import Claim, Participant, Standing

from .support import PROGRAMMES, SCHOOL_A2, SCHOOL_B

pytestmark = pytest.mark.django_db
WRONG_CHECK = "1" if check_char("62010219850312123") == "0" else "0"
HEADERS = ["教师编号", "身份证件号", "姓名", "完成学时", "完成日期"]


def _programme(client_for, **more) -> dict:
    body = {
        "name": "城关区2026年骨干教师培训",
        "form": "1",
        "hours": 24,
        "start_date": "2026-03-01",
        "end_date": "2026-06-30",
        "provider": "城关区教师发展中心",
    } | more
    created = client_for("demo-county-a").post(PROGRAMMES, body, format="json")
    assert created.status_code == 201, created.json()
    return created.json()


def _upload(client, programme: dict, content: bytes, name: str = "名单.xlsx", dry_run: bool = False):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(
        f"{PROGRAMMES}{programme['id']}/completions/",
        {"file": upload, "dry_run": "true" if dry_run else "false"},
        format="multipart",
    )


def _teachers(count: int, school: str = "2162010201") -> list:
    org = Organisation.objects.get(code=school)
    return [TeacherRowFactory(school=org) for _ in range(count)]


def _good_rows(teachers: list, by_id: dict) -> list[list[object]]:
    """30 good rows: most by teacher number with hours, some by ID number only, three enrolled only."""
    rows = []
    for index, teacher in enumerate(teachers):
        hours = "" if index >= 27 else str(12 + index % 13)
        date = "2026-05-20" if index % 2 else ""
        if teacher.pk in by_id:
            rows.append(["", by_id[teacher.pk], teacher.name, hours, date])
        else:
            rows.append([teacher.teacher_no, "", teacher.name if index % 3 else "", hours, date])
    return rows


def test_upload_reports_bad_rows_saves_good_ones_and_confirms_once(client_for):
    programme = _programme(client_for)
    assert (programme["level"], programme["level_name"]) == ("4", "县级")
    teachers = _teachers(30)
    by_id = {}
    for teacher in teachers[:5]:  # found by the ID document
        number = resident_id()
        teacher.id_digest = id_dedup_key("1", number)
        teacher.save(update_fields=["id_digest"])
        by_id[teacher.pk] = number
    elsewhere = _teachers(1, SCHOOL_B)[0]
    rows = _good_rows(teachers, by_id)
    bad = [
        (["62999999999999X", "", "", "10", ""], "教师编号", "unknown_teacher"),
        (["", "62010219850312123", "", "10", ""], "身份证件号", "id_format"),
        (["", f"62010219850312123{WRONG_CHECK}", "", "10", ""], "身份证件号", "id_checksum"),
        ([elsewhere.teacher_no, "", elsewhere.name, "10", ""], "教师编号", "unknown_teacher"),
        ([teachers[0].teacher_no, "", "", "25", ""], "完成学时", "invalid_hours"),
        ([teachers[1].teacher_no, "", "", "十", ""], "完成学时", "invalid_hours"),
        ([teachers[2].teacher_no, "", "", "10", "2026-13-45"], "完成日期", "invalid_date"),
        ([teachers[3].teacher_no, "", "", "10", "2026-01-15"], "完成日期", "out_of_range"),  # before it started
        ([teachers[10].teacher_no, "", "", "10", ""], "教师编号", "duplicate"),
        ([teachers[11].teacher_no, "", "李四", "10", ""], "姓名", "name_mismatch"),
    ]
    content = xlsx_bytes(HEADERS, rows + [row for row, _c, _code in bad])
    county = client_for("demo-county-a")

    dry = _upload(county, programme, content, dry_run=True)
    assert dry.status_code == 200, dry.json()
    assert (dry.json()["rows"], dry.json()["valid"], dry.json()["bad_rows"], dry.json()["saved"]) == (40, 30, 10, 0)
    assert not Participant.objects.exists()

    refused = _upload(client_for("demo-city"), programme, content)
    assert refused.status_code == 403 and refused.json()["code"] == "not_own_organisation"
    assert client_for("demo-city").get(f"{PROGRAMMES}{programme['id']}/").status_code == 200  # it sees it
    assert not Participant.objects.exists()

    saved = _upload(county, programme, content)
    assert saved.status_code == 200, saved.json()
    body = saved.json()
    assert (body["valid"], body["bad_rows"], body["saved"], body["problem_total"]) == (30, 10, 30, 10)
    problems = [(p["row"], p["column"], p["code"]) for p in body["problems"]]
    first_bad = len(rows) + 2  # row 1 is the header row
    assert problems == [(first_bad + index, column, code) for index, (_row, column, code) in enumerate(bad)]
    assert Participant.objects.filter(programme_id=programme["id"]).count() == 30
    participants = client_for("demo-county-a").get(f"{PROGRAMMES}{programme['id']}/participants/?page_size=100")
    assert len(participants.json()["results"]) == 30
    assert Participant.objects.filter(programme_id=programme["id"], hours__isnull=True).count() == 3

    assert client_for("demo-city").post(f"{PROGRAMMES}{programme['id']}/completions/confirm/").status_code == 403
    assert not Claim.objects.exists()
    confirmed = county.post(f"{PROGRAMMES}{programme['id']}/completions/confirm/")
    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json() == {"confirmed": 27, "skipped_inactive": 0}
    claims = Claim.objects.filter(programme_id=programme["id"])
    assert claims.count() == 27
    assert set(claims.values_list("state", "source", "level", "form")) == {("approved", "completion", "4", "1")}
    first = claims.get(teacher=teachers[0])
    assert (first.hours, str(first.credits), first.date.isoformat()) == (12, "1.20", "2026-06-30")
    assert claims.get(teacher=teachers[1]).date.isoformat() == "2026-05-20"
    records = TrainingRecord.objects.filter(teacher__in=teachers)
    assert records.count() == 27
    record = records.get(pk=first.record_id)
    assert (record.training_category, record.training_hours, record.training_year) == ("4", 12, 2026)
    assert record.training_project == "城关区2026年骨干教师培训" and record.training_credits == 1
    assert Standing.objects.filter(teacher_id__in=[t.pk for t in teachers]).count() == 27
    assert Standing.objects.get(teacher_id=teachers[0].pk).by_level == {"4": 12}
    listed = county.get(f"{PROGRAMMES}{programme['id']}/").json()
    assert (listed["enrolled"], listed["completed"], listed["confirmed"]) == (30, 27, 27)

    again = county.post(f"{PROGRAMMES}{programme['id']}/completions/confirm/")
    assert again.json() == {"confirmed": 0, "skipped_inactive": 0}
    assert Claim.objects.count() == 27 and records.count() == 27
    # Uploading the list again keeps the confirmed rows as they are.
    assert _upload(county, programme, content).json()["saved"] == 3
    assert county.post(f"{PROGRAMMES}{programme['id']}/completions/confirm/").json()["confirmed"] == 0


def test_a_csv_list_works_too_and_leavers_are_skipped(client_for):
    programme = _programme(client_for, hours=12, form="2")
    teachers = _teachers(3) + _teachers(2, SCHOOL_A2)
    rows = [[t.teacher_no, "", t.name, "12", "2026-04-01"] for t in teachers]
    uploaded = _upload(client_for("demo-county-a"), programme, csv_bytes(HEADERS, rows), name="名单.csv")
    assert uploaded.status_code == 200, uploaded.json()
    assert (uploaded.json()["valid"], uploaded.json()["saved"], uploaded.json()["problems"]) == (5, 5, [])
    teachers[4].active = False
    teachers[4].save(update_fields=["active"])
    confirmed = client_for("demo-county-a").post(f"{PROGRAMMES}{programme['id']}/completions/confirm/")
    assert confirmed.json() == {"confirmed": 4, "skipped_inactive": 1}
    assert set(Claim.objects.values_list("teacher_id", flat=True)) == {t.pk for t in teachers[:4]}


def test_other_files_are_refused(client_for):
    programme = _programme(client_for)
    refused = _upload(client_for("demo-county-a"), programme, b"MZ\x90\x00", name="名单.exe")
    assert refused.status_code == 400 and refused.json()["errors"]["file"][0]["code"] == "unsupported_file"
    missing = _upload(client_for("demo-county-a"), programme, csv_bytes(["姓名"], [["张三"]]), name="名单.csv")
    assert missing.status_code == 400 and missing.json()["errors"]["file"][0]["code"] == "missing_columns"
    assert not Participant.objects.exists()
