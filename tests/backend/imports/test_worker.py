"""A real procrastinate worker: an import interrupted by killing the worker mid-file is finished by the next
worker, and every row is written exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tmis.imports.models import ImportJob, ImportProblem
from tmis.teachers.models import Teacher

ROWS = 12_000
REPO = Path(__file__).resolve().parents[3]


def start_worker(env: dict[str, str], *once: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "backend" / "manage.py"), "jobs_worker", *once],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def worker_env(files: Path) -> dict[str, str]:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    env = dict(os.environ)
    env |= {
        "DATABASE_URL": f"{base}/{connection.settings_dict['NAME']}",
        "PYTHONPATH": str(REPO / "backend"),
        "TMIS_FILES_DIR": str(files),
        "TMIS_JOB_HEARTBEAT_SECONDS": "0.5",
        "TMIS_JOB_STALLED_SECONDS": "2",
        "TMIS_JOB_POLL_SECONDS": "0.2",
    }
    env.pop("TMIS_JOBS_INLINE", None)
    return env


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_killed_mid_file_resumes_without_writing_a_row_twice(demo_logins, client_for, settings):
    settings.TMIS_JOBS_INLINE = False  # queued in procrastinate's tables, run by the worker processes below
    files = Path(settings.TMIS_FILES_DIR)
    client = client_for("demo-school-a")
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(20_000 + i) for i in range(ROWS)])
    response = client.post("/api/v1/imports/", {"file": SimpleUploadedFile("big.xlsx", content)}, format="multipart")
    assert response.status_code == 202, response.json()
    job_id = response.json()["id"]
    assert response.json()["state"] == "queued"

    env = worker_env(files)
    first = start_worker(env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if job.checkpoint >= 1000:
            break
        assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    interrupted = ImportJob.objects.get(pk=job_id)
    assert interrupted.state == "running" and 0 < interrupted.checkpoint < ROWS, interrupted.checkpoint

    time.sleep(float(env["TMIS_JOB_STALLED_SECONDS"]) + 1)  # the dead worker's heartbeat goes stale
    second = start_worker(env, "--once")
    _out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()

    job = ImportJob.objects.get(pk=job_id)
    assert job.state == "done", (job.error_code, job.error_message, err.decode()[-2000:])
    assert job.attempts == 2
    assert (job.progress_total, job.progress_done, job.rows_written, job.rows_failed) == (ROWS, ROWS, ROWS, 0)
    assert not ImportProblem.objects.filter(job_id=job_id, severity="error").exists()
    assert Teacher.objects.filter(name__startswith="教师").count() == ROWS
    # no batch was recorded twice: every row has the same problems; the columns the plain sheet lacks are
    # warnings of the job (its layout), not of each row
    per_row = ImportProblem.objects.filter(job_id=job_id, row=2).count()
    assert ImportProblem.objects.filter(job_id=job_id).count() == per_row * ROWS
    assert any(absent["required"] for absent in job.layout["absent"])
