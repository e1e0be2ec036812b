"""The monthly report's periodic job run by a real worker (issue 16: "the periodic job runs in the test with a real
worker"): the task the schedule defers on the 1st, picked up by `manage.py jobs_worker`, takes the snapshot of the
month just ended, as the job (no one's name on it), with the archive's figures."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from tests.backend.imports.test_worker import start_worker, worker_env
from tests.factories.teachers import TeacherRowFactory
from tmis.orgs.models import Level, Organisation
from tmis.reports.jobs import monthly_snapshot
from tmis.reports.models import MonthlySnapshot, SnapshotRow


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_takes_the_snapshot_of_the_month_just_ended(demo_logins, settings):
    rng = random.Random(4)
    schools = list(Organisation.objects.filter(level=Level.SCHOOL, province_code="620000").order_by("code"))
    for _ in range(12):
        school = rng.choice(schools)
        TeacherRowFactory(school=school, org_path=school.path, record_state="approved")
    first = dt.datetime(2026, 12, 1, 1, 5, tzinfo=timezone.get_current_timezone())
    job = ProcrastinateJob.objects.filter(id=monthly_snapshot.defer(timestamp=int(first.timestamp())))
    assert job.get().status == "todo"

    worker = start_worker(worker_env(Path(settings.TMIS_FILES_DIR)), "--once")
    _out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err.decode()

    assert job.get().status == "succeeded"
    snapshot = MonthlySnapshot.objects.get(period="2026-11")
    assert (snapshot.period, snapshot.taken_by_id) == ("2026-11", None)
    province = Organisation.objects.get(code="620000")
    total = SnapshotRow.objects.get(snapshot=snapshot, organisation_id=province.pk, school_type="")
    assert (total.collected, total.approved) == (12, 12)
