"""How far an import has got in opening its file (`opened_percent`, issue 19: progress moves at least once a second):
measured between sheets by what each unpacks, estimated while a large sheet loads, 100 once every sheet is open."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tmis.accounts.models import User
from tmis.imports.models import ImportJob
from tmis.imports.opening import ESTIMATE_CAP, LOAD_BYTES_PER_SECOND, OpeningProgress
from tmis.imports.sheets import sheet_bytes


def a_job() -> ImportJob:
    owner = User.objects.get(username="demo-school-a")
    return ImportJob.objects.create(
        owner=owner,
        organisation=owner.organisation,
        org_path=owner.organisation.path,
        file_name="教师.xlsx",
        file_path="x",
        file_size=1,
    )


def stored(job: ImportJob) -> int | None:
    return ImportJob.objects.values_list("opened_percent", flat=True).get(pk=job.pk)


@pytest.mark.django_db
def test_each_sheet_weighs_what_it_unpacks():
    job = a_job()
    sizes = {"教师基本信息": 300, "学习经历": 100, "ignored": 10_000}
    opening = OpeningProgress(job, sizes, ["教师基本信息", "学习经历"], first_pass=False)
    assert stored(job) is None
    with opening.loading("教师基本信息"):
        assert stored(job) is None
    assert stored(job) == 75
    with opening.loading("学习经历"):
        pass
    assert stored(job) == 100


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_sheet_moves_while_it_loads_but_never_claims_its_end(demo_logins):
    job = a_job()
    size = 20 * LOAD_BYTES_PER_SECOND  # estimated at 20 s
    seen: list[int | None] = []
    stop = threading.Event()

    def watch() -> None:
        from django.db import connection

        try:
            while not stop.wait(0.05):
                seen.append(stored(job))
        finally:
            connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()
    opening = OpeningProgress(job, {"教师基本信息": size}, ["教师基本信息"], first_pass=False)
    try:
        with opening.loading("教师基本信息"):
            time.sleep(1.6)
            stop.set()  # watched while the sheet loads, not after
            watcher.join()
    finally:
        stop.set()
        watcher.join()
    moving = sorted({value for value in seen if value is not None})
    assert len(moving) >= 3, seen  # moved several times in 1.6 s (a tick is 0.25 s, 1 % is 0.2 s here)
    assert max(moving) < 100 * ESTIMATE_CAP
    assert stored(job) == 100


@pytest.mark.django_db
def test_the_first_pass_over_the_rows_ends_the_opening():
    job = a_job()
    opening = OpeningProgress(job, {"教师基本信息": 700}, ["教师基本信息"], first_pass=True)
    with opening.loading("教师基本信息"):
        pass
    assert stored(job) == 76  # 700 of 700 + 210
    for row in range(1, 12_001):
        opening.passed(row, 12_000)
        if row == 5_000:
            assert stored(job) == 86
    assert stored(job) == 100


@pytest.mark.django_db
def test_an_import_reports_its_file_opened(client_for):
    client = client_for("demo-school-a")
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(30_000 + i) for i in range(3)])
    response = client.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")
    assert response.status_code == 202, response.json()
    job = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert job["opened_percent"] == 100 and job["rows_total"] == 3


def test_sheet_bytes_of_a_workbook_and_of_a_csv_file(tmp_path):
    workbook = tmp_path / "t.xlsx"
    workbook.write_bytes(xlsx_bytes(PLAIN_HEADERS, [plain_row(30_000)]))
    sizes = sheet_bytes(workbook)
    assert list(sizes) and all(size > 0 for size in sizes.values())
    text = tmp_path / "t.csv"
    text.write_text("姓名\n张三\n", encoding="utf-8")
    assert sheet_bytes(text) == {"": text.stat().st_size}
