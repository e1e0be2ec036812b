"""Change requests of an approved archive store every value type a record holds (issue 13): money (Decimal), dates,
lists and booleans go into the request and come back out, exactly, when it is approved."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from tests.backend.teachers.test_group_records import _sample_row
from tests.factories.teachers import complete_archive
from tmis.core.jsonable import jsonable
from tmis.reviews.models import Submission
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.owned_groups import OWNED_GROUPS

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
REVIEWS = "/api/v1/reviews/"


def test_jsonable_turns_every_value_type_into_json():
    value = {
        "money": Decimal("1234.50"),
        "day": dt.date(2020, 1, 2),
        "moment": dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "time": dt.time(8, 30),
        "span": dt.timedelta(days=1, seconds=3),
        "uid": uuid.UUID(int=1),
        "list": [Decimal("1.10"), "a", 2, None, True],
        "tuple": (1, 2),
        "set": {"b", "a"},
        "nested": {"deep": [{"d": dt.date(2021, 5, 6)}]},
    }
    assert jsonable(value) == {
        "money": "1234.50",
        "day": "2020-01-02",
        "moment": "2020-01-02T03:04:05+00:00",
        "time": "08:30:00",
        "span": "P1DT00H00M03S",
        "uid": "00000000-0000-0000-0000-000000000001",
        "list": ["1.10", "a", 2, None, True],
        "tuple": [1, 2],
        "set": ["a", "b"],
        "nested": {"deep": [{"d": "2021-05-06"}]},
    }


def _approved_teacher(client_for) -> int:
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    submission = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    for login in ("demo-school-a-reviewer", "demo-county-a"):
        assert client_for(login).post(f"{REVIEWS}{submission}/approve/").status_code == 200
    return teacher


def _approve(client_for, change: int) -> None:
    for login in ("demo-school-a-reviewer", "demo-county-a"):
        response = client_for(login).post(f"{REVIEWS}{change}/approve/")
        assert response.status_code == 200, response.json()


TREATMENT = {"annual_salary": "98765.40", "basic_salary": "4321.05", "five_insurance": ["1", "2"]}


def test_a_treatment_record_of_an_approved_archive_is_a_change_request_with_its_money(client_for):
    """Decimal and list values: POST (create) and PATCH (change) of 基本待遇 are 202, approved exactly."""
    filler = client_for("demo-school-a")
    teacher = _approved_teacher(client_for)
    url = f"{TEACHERS}{teacher}/treatment/"
    created = filler.post(url, TREATMENT, format="json")
    assert created.status_code == 202, created.json()
    diff = client_for("demo-school-a-reviewer").get(f"{REVIEWS}{created.json()['change_request']}/").json()["diff"]
    assert diff["group"]["data"]["annual_salary"] == "98765.40"
    _approve(client_for, created.json()["change_request"])
    row = filler.get(url).json()["results"][-1]  # after the record the archive was submitted with
    record = GROUP_MODELS["treatment"].objects.get(pk=row["id"])
    assert record.annual_salary == Decimal("98765.40") and record.five_insurance == ["1", "2"]

    changed = filler.patch(f"{url}{row['id']}/", {"basic_salary": "5000.10"}, format="json", HTTP_IF_MATCH=row["etag"])
    assert changed.status_code == 202, changed.json()
    diff = client_for("demo-school-a-reviewer").get(f"{REVIEWS}{changed.json()['change_request']}/").json()["diff"]
    assert diff["group"]["old"]["basic_salary"] == "4321.05" and diff["group"]["data"]["basic_salary"] == "5000.10"
    _approve(client_for, changed.json()["change_request"])
    record.refresh_from_db()
    assert record.basic_salary == Decimal("5000.10") and record.annual_salary == Decimal("98765.40")


def test_dates_of_an_approved_archives_record_survive_the_change_request(client_for):
    filler = client_for("demo-school-a")
    teacher = _approved_teacher(client_for)
    url = f"{TEACHERS}{teacher}/overseas/"
    created = filler.post(url, {"overseas_start_date": "2019-03-04", "overseas_end_date": "2019-09-30"}, format="json")
    assert created.status_code == 202, created.json()
    _approve(client_for, created.json()["change_request"])
    record = GROUP_MODELS["overseas"].objects.filter(teacher_id=teacher).latest("id")  # the submitted one is older
    assert record.overseas_start_date == dt.date(2019, 3, 4) and record.overseas_end_date == dt.date(2019, 9, 30)


def test_every_group_accepts_a_change_request(client_for):
    """Every group's every column type, created on an approved archive: 202, never a 500."""
    filler = client_for("demo-school-a")
    teacher = _approved_teacher(client_for)
    for group, model in GROUP_MODELS.items():
        response = filler.post(f"{TEACHERS}{teacher}/{group}/", _sample_row(model), format="json")
        if group in OWNED_GROUPS:  # 国内培训: only its module writes it, so no change request either
            assert response.status_code == 409 and response.json()["code"] == "group_owned", group
            continue
        assert response.status_code == 202, (group, response.content)
        Submission.objects.filter(pk=response.json()["change_request"]).update(state="withdrawn")
        Teacher.objects.filter(pk=teacher).update(pending_change=False)


def test_a_202_names_the_change_request_the_write_opened_without_looking_it_up_again(client_for):
    """The view answers with the change request the service returned (it used to query the latest one again)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    teacher = _approved_teacher(client_for)
    filler = client_for("demo-school-a")
    with CaptureQueriesContext(connection) as queries:
        response = filler.post(f"{TEACHERS}{teacher}/work/", {}, format="json")
    assert response.status_code == 202, response.json()
    pending = Submission.objects.filter(subject_id=teacher).order_by("-id").first()
    assert response.json() == {"pending_change": True, "change_request": pending.pk}
    lookups = [q["sql"] for q in queries.captured_queries if 'FROM "reviews_submission"' in q["sql"]]
    assert len(lookups) <= 1, lookups  # the service's own check for an open request, no second lookup
