"""The home page's to-dos (issue 14): a school's returned archives with their reasons, drafts, items waiting for
others and at whom, failed imports; a reviewer's queue age profile; upper levels see the same for their scope. The
number of queries does not grow with the items (N+1 fails here)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.teachers import add_required_records, complete_payload
from tmis.accounts.models import User
from tmis.imports.models import ImportJob
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
HOME = "/api/v1/home/todos/"
MAX_QUERIES = 13  # fixed: one count + one page per section, the queue profile, the settings, auth


def _teacher(client, name: str, school: str) -> int:
    created = client.post(TEACHERS, complete_payload(school=school, name=name, gender="1"), format="json")
    assert created.status_code == 201, created.json()
    add_required_records(created.json()["id"])
    return created.json()["id"]


def _submit(client, teacher_id: int) -> int:
    submitted = client.post(f"{TEACHERS}{teacher_id}/submit/")
    assert submitted.status_code == 201, submitted.json()
    return submitted.json()["id"]


def test_a_school_fillers_home_lists_their_todos(client_for, school_b_unattended, django_assert_max_num_queries):
    filler = client_for("demo-school-b")
    school = "2162010301"
    draft = _teacher(filler, "草稿甲", school)
    waiting = _submit(filler, _teacher(filler, "送审乙", school))
    to_return = _submit(filler, _teacher(filler, "退回丙", school))
    county = client_for("demo-county-b")
    returned = county.post(f"/api/v1/reviews/{to_return}/return/", {"reason": "请补充学习经历"}, format="json")
    assert returned.status_code == 200, returned.json()
    Submission.objects.filter(pk=waiting).update(submitted_at=timezone.now() - timedelta(days=9))
    owner = User.objects.get(username="demo-school-b")
    ImportJob.objects.create(
        owner=owner,
        organisation=owner.organisation,
        org_path=owner.organisation.path,
        state="failed",
        file_name="教师名单.xlsx",
        file_path="x",
        file_size=1,
        error_message="文件无法读取",
    )

    with django_assert_max_num_queries(MAX_QUERIES):
        body = filler.get(HOME).json()
    assert body["drafts"]["count"] >= 1 and draft in [item["id"] for item in body["drafts"]["items"]]
    returned = next(item for item in body["returned"]["items"] if item["id"] == to_return)
    assert returned["return_reason"] == "请补充学习经历" and returned["subject"]["name"] == "退回丙"
    item = next(item for item in body["waiting"]["items"] if item["id"] == waiting)
    assert "建兰路小学" in item["current_org_name"] and item["unattended"] is True and item["level"] == "school"
    assert item["overdue"] is True and item["waiting_days"] == 9
    assert body["failed_imports"]["count"] == 1 and body["failed_imports"]["items"][0]["file_name"] == "教师名单.xlsx"
    assert body["queue_age"] is None  # a filler reviews nothing

    # The county reviewer: the unattended school item is in its queue (its age profile), not "waiting for others".
    with django_assert_max_num_queries(MAX_QUERIES):
        upper = county.get(HOME).json()
    assert upper["queue_age"]["total"] >= 1 and upper["queue_age"]["over_7d"] >= 1
    assert upper["queue_age"]["overdue"] >= 1 and upper["queue_age"]["unattended"] >= 1
    assert upper["drafts"]["count"] >= 1  # the same to-dos for its scope
    assert to_return in [row["id"] for row in upper["returned"]["items"]]
    assert waiting not in [row["id"] for row in upper["waiting"]["items"]]  # it is the county's to decide


def test_the_query_count_does_not_grow_with_the_items(client_for, django_assert_max_num_queries):
    filler = client_for("demo-school-a")
    for index in range(12):
        teacher = _teacher(filler, f"教师{index}", "2162010201")
        if index % 2:
            _submit(filler, teacher)
    for login in ("demo-school-a", "demo-school-a-reviewer", "demo-county-a", "demo-province", "demo-central"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client_for(login).get(HOME).status_code == 200


def test_separated_administrators_get_no_teacher_data(client_for):
    body = client_for("demo-sysadmin").get(HOME).json()
    assert body["drafts"] is None and body["returned"] is None and body["waiting"] is None
    assert body["queue_age"] is None and body["failed_imports"] is None
