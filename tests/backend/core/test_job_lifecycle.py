"""The job lifecycle (tmis.core.job_services): the start locks the job's row only and is tried again after a
transient database error; the task is queued when the start commits; the stall check fails a job that nothing will
run, with a reason its owner reads. (test_job_worker.py runs the same against a real worker.)"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections
from django.test.utils import CaptureQueriesContext
from procrastinate.contrib.django.models import ProcrastinateJob

from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tests.factories.jobs import ExportJobFactory, ImportJobFactory
from tmis.accounts.models import User
from tmis.core.job_services import job_start, jobs_fail_stuck
from tmis.imports.models import ImportJob

pytestmark = pytest.mark.django_db

FAIL_STARTS = """
    CREATE SEQUENCE test_start_tries;
    CREATE FUNCTION test_fail_start() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF nextval('test_start_tries') <= %s THEN
            RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER test_fail_start BEFORE UPDATE ON imports_importjob FOR EACH ROW
        WHEN (OLD.state = 'queued' AND NEW.state = 'running') EXECUTE FUNCTION test_fail_start();
"""


def fail_starts(times: int) -> None:
    """PostgreSQL answers the start's update with "deadlock detected" (SQLSTATE 40P01) `times` times."""
    with connection.cursor() as cursor:
        cursor.execute(FAIL_STARTS % int(times))


def start_tries() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM test_start_tries")
        return cursor.fetchone()[0]


def upload(client, rows: int = 3):
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(40_000 + i) for i in range(rows)])
    return client.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.xlsx", content)}, format="multipart")


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.TMIS_JOB_RETRY_WAIT_SECONDS = 0.01


def test_a_deadlock_on_start_is_retried_and_the_job_completes(client_for):
    fail_starts(2)
    response = upload(client_for("demo-school-a"))
    assert response.status_code == 202, response.json()
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert (job.state, job.rows_written, job.attempts) == ("done", 3, 1)
    assert start_tries() == 3  # two deadlocks, then the start that went through


def test_without_the_retry_the_deadlock_would_stop_the_start(client_for, settings):
    settings.TMIS_JOB_START_ATTEMPTS = 1
    fail_starts(1)
    with pytest.raises(OperationalError, match="deadlock detected"):
        upload(client_for("demo-school-a"))


def test_the_start_locks_only_the_job_row(client_for, settings):
    """The start of the import that stayed queued locked the joined user and organisation rows too, so a login
    (which updates the user's row) could deadlock it. Another transaction holding the owner's row now leaves it be."""
    job = ImportJobFactory(owner=User.objects.get(username="demo-school-a"))
    with CaptureQueriesContext(connection) as queries:
        job_start(model=ImportJob, job_id=job.pk)
    [locking] = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert locking.endswith('FOR UPDATE OF "imports_importjob"'), locking

    other = ImportJobFactory(owner=User.objects.get(username="demo-school-b"))
    settings.TMIS_JOB_START_ATTEMPTS = 1
    rival = connections.create_connection("default")  # another session holds the owner's and the school's rows
    try:
        with rival.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT 1 FROM accounts_user WHERE username = 'demo-school-b' FOR UPDATE")
            cursor.execute("SELECT 1 FROM orgs_organisation WHERE id = %s FOR UPDATE", [other.organisation_id])
            with connection.cursor() as ours:
                ours.execute("SET LOCAL lock_timeout = '500ms'")  # waiting for them would fail the start
            started = job_start(model=ImportJob, job_id=other.pk)
            cursor.execute("ROLLBACK")
    finally:
        rival.close()
    assert started is not None and started.state == "running" and started.owner.username == "demo-school-b"


def test_the_task_is_queued_when_the_start_commits(client_for, settings, django_capture_on_commit_callbacks):
    settings.TMIS_JOBS_INLINE = False
    client = client_for("demo-school-a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client)
    assert response.status_code == 202 and response.json()["state"] == "queued"
    queued = ProcrastinateJob.objects.filter(task_name="imports.run", args__job_id=response.json()["id"])
    assert len(callbacks) == 1 and not queued.exists()  # nothing is queued before the job's row commits
    callbacks[0]()
    assert queued.get().status == "todo"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # a refused upload queues nothing
        assert upload(client, rows=1).status_code == 202
        response = client.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.pdf", b"x")}, format="multipart")
        assert response.status_code == 400
    assert len(callbacks) == 1


def test_the_stall_check_fails_a_job_that_nothing_will_run(client_for, settings, django_capture_on_commit_callbacks):
    settings.TMIS_JOBS_INLINE = False
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_for("demo-school-a"))
    alive = ImportJob.objects.get(pk=response.json()["id"])  # its task waits in the queue
    lost = ImportJobFactory(owner=alive.owner, language="zh-hans")  # its task was never queued
    gone = ExportJobFactory(owner=alive.owner, state="running", language="en")  # its worker gave up on it

    assert jobs_fail_stuck(grace_seconds=3600) == 0  # all younger than the grace period
    assert jobs_fail_stuck(grace_seconds=0) == 2
    for job in (alive, lost, gone):
        job.refresh_from_db()
    assert alive.state == "queued"
    assert (lost.state, lost.error_code, lost.error_message) == ("failed", "not_started", "任务未能启动，请重新发起。")
    assert (gone.state, gone.error_code) == ("failed", "stopped")
    assert gone.error_message == "The job stopped and could not be resumed. Start it again; what it saved is kept."
    assert jobs_fail_stuck(grace_seconds=0) == 0
