"""The whole archive round trip (issue 19): a school's archives exported with every group and full ID numbers,
imported into the school emptied of them, and exported again — the two workbooks are identical but for the national
teacher numbers, which the new archives get anew (一人一号 keeps the number only for the same archive)."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from tests.backend.imports.test_import_api import finished, problems, upload
from tests.factories.teachers import complete_payload, required_record
from tmis.accounts.models import User
from tmis.catalog.selectors import effective_for_organisation
from tmis.imports.group_sheets import TEACHER_NO, group_sheets
from tmis.orgs.models import Organisation
from tmis.teachers.group_records import group_record_save
from tmis.teachers.models import GROUP_MODELS, Teacher

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"
PREFIX = "往返"


def export_archive(client, full_id: bool = True) -> bytes:
    body = {"filters": {"q": PREFIX}, "groups": ["all"], "full_id": full_id}
    response = client.post("/api/v1/exports/", body, format="json")
    assert response.status_code == 202, response.json()
    job = client.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert job["state"] == "done", job
    download = client.get(f"/api/v1/exports/{job['id']}/download/")
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def sheets_of(content: bytes) -> dict[str, list[list[str]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {
        name: [[str(cell) for cell in row] for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        for name in book.sheet_names
    }


def renumbered(sheets: dict[str, list[list[str]]], numbers: dict[str, str]) -> dict[str, list[list[str]]]:
    """The workbook with every teacher number (the columns coded teacher_no) replaced through `numbers`."""
    out = {}
    for name, rows in sheets.items():
        codes = rows[1] if len(rows) > 1 else []
        columns = [i for i, code in enumerate(codes) if code == TEACHER_NO]
        out[name] = [
            [numbers.get(cell, cell) if i in columns and index > 1 else cell for i, cell in enumerate(row)]
            for index, row in enumerate(rows)
        ]
    return out


def teacher_numbers(sheets: dict[str, list[list[str]]]) -> list[str]:
    basic = sheets["教师基本信息"]
    column = basic[1].index(TEACHER_NO)
    return [row[column] for row in basic[2:]]


def test_a_schools_whole_archive_round_trips(client_for):
    filler_user = User.objects.get(username="demo-school-a")
    filler = client_for(filler_user)
    school = Organisation.objects.get(code=SCHOOL)
    catalogue, _tables = effective_for_organisation(organisation=school)
    names = [f"{PREFIX}甲", f"{PREFIX}乙", f"={PREFIX}丙"]  # the last is escaped by the export, unescaped by the import
    teachers = []
    for name in names:
        created = filler.post("/api/v1/teachers/", complete_payload(SCHOOL, name=name), format="json")
        assert created.status_code == 201, created.json()
        teachers.append(Teacher.objects.get(pk=created.json()["id"]))
    written = 0
    for position, sheet in enumerate(group_sheets(catalogue, importable=True)):
        record = required_record(sheet.group)
        extensions = {f.code for f in sheet.group.fields if f.extension}
        data = {k: v for k, v in record.items() if k not in extensions}
        data["extra"] = {k: v for k, v in record.items() if k in extensions}
        for teacher in teachers[: 1 + position % 3]:  # one, two or three teachers have a record of the group
            for _copy in range(1 + position % 2):  # and one or two records each
                group_record_save(actor=filler_user, teacher=teacher, group_code=sheet.code, data=data)
                written += 1
    assert written > 20

    exported = export_archive(filler)
    first = sheets_of(exported)
    groups = [s for s in group_sheets(catalogue) if not s.owned]
    assert all(len(first[s.name]) > 2 for s in groups)  # every importable group has records to carry

    ids = [t.pk for t in teachers]
    for model in GROUP_MODELS.values():
        model.objects.filter(teacher_id__in=ids).delete()
    Teacher.objects.filter(pk__in=ids).delete()  # the school emptied of them

    job = finished(filler, upload(filler, exported, "档案.xlsx"))  # the downloaded file, as it is
    assert job["state"] == "done", job
    sources = {c["header"]: c["source"] for c in job["layout"]["columns"]}
    assert (sources["全国教师编号"], sources["信息状态"], sources["学校名称"]) == ("system",) * 3  # never asked about
    assert "none" not in sources.values() and not job["layout"]["needs_mapping"]
    assert [
        (p["sheet"], p["row"], p["column"], p["value"], p["message"]) for p in problems(filler, job, severity="error")
    ] == []
    assert (job["rows_failed"], job["rows_written"]) == (0, len(names) + written), job

    second = sheets_of(export_archive(filler))
    assert list(second) == list(first)
    numbers = dict(zip(teacher_numbers(first), teacher_numbers(second), strict=True))
    assert len(set(numbers.values())) == len(names)
    assert renumbered(first, numbers) == second


def test_an_export_with_masked_id_numbers_is_refused_row_by_row_saying_why(client_for):
    filler = client_for(User.objects.get(username="demo-school-a"))
    for name in (f"{PREFIX}丁", f"{PREFIX}戊"):
        created = filler.post("/api/v1/teachers/", complete_payload(SCHOOL, name=name), format="json")
        assert created.status_code == 201, created.json()

    job = finished(filler, upload(filler, export_archive(filler, full_id=False), "档案.xlsx", dry_run=True))

    found = problems(filler, job, severity="error")
    assert {(p["sheet"], p["column"], p["code"]) for p in found} == {("", "身份证件号", "id_masked")}
    assert len(found) == 2
    assert "exported without full ID numbers" in found[0]["message"] or "未勾选完整证件号" in found[0]["message"]
    assert job["rows_failed"] == 2
