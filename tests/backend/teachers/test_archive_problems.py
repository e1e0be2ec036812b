"""`GET /teachers/{id}/problems/`: the one list of what an archive still lacks, asked at any time — the same check a
submit runs, so the list a filler works through and the submit's refusal never disagree."""

import pytest

from tests.factories.teachers import add_required_records, complete_payload, teacher_payload

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"


def _draft(filler, payload: dict) -> int:
    created = filler.post(TEACHERS, payload, format="json")
    assert created.status_code == 201, created.json()
    return created.json()["id"]


def test_the_list_is_what_a_submit_would_refuse(client_for):
    filler = client_for("demo-school-a")
    teacher = _draft(filler, teacher_payload())  # key information only
    listed = filler.get(f"{TEACHERS}{teacher}/problems/")
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == len(body["errors"]) > 2
    assert body["errors"]["study"][0]["code"] == "group_required"
    assert "学习经历" in body["errors"]["study"][0]["message"]
    refused = filler.post(f"{TEACHERS}{teacher}/submit/")
    assert refused.status_code == 400
    assert refused.json()["errors"] == body["errors"]


def test_a_record_problem_is_keyed_by_its_position_and_fixed_items_leave_the_list(client_for):
    filler = client_for("demo-school-a")
    teacher = _draft(filler, complete_payload())
    add_required_records(teacher)
    assert filler.get(f"{TEACHERS}{teacher}/problems/").json() == {"count": 0, "errors": {}}
    # A second 学习经历 record without its required indicators is a draft's gap, listed at its place.
    added = filler.post(f"{TEACHERS}{teacher}/study/", {"study_major": "数学"}, format="json")
    assert added.status_code == 201, added.json()
    errors = filler.get(f"{TEACHERS}{teacher}/problems/").json()["errors"]
    assert errors and all(key.startswith("study[1].") for key in errors), errors
    removed = filler.delete(f"{TEACHERS}{teacher}/study/{added.json()['id']}/", HTTP_IF_MATCH=added.json()["etag"])
    assert removed.status_code == 204, removed.content
    assert filler.get(f"{TEACHERS}{teacher}/problems/").json()["count"] == 0


def test_another_countys_archive_is_not_found(client_for):
    teacher = _draft(client_for("demo-school-b"), teacher_payload("2162010301"))
    assert client_for("demo-school-a").get(f"{TEACHERS}{teacher}/problems/").status_code == 404
    assert client_for("demo-county-b").get(f"{TEACHERS}{teacher}/problems/").status_code == 200


def test_the_check_reads_a_bounded_number_of_rows(client_for, django_assert_max_num_queries):
    filler = client_for("demo-school-a")
    teacher = _draft(filler, complete_payload())
    add_required_records(teacher)
    filler.get(f"{TEACHERS}{teacher}/problems/")  # the catalogue is cached after the first read
    for _more in range(3):  # more records, the same reads: one query per group, not per record
        assert filler.post(f"{TEACHERS}{teacher}/study/", {"study_major": "数学"}, format="json").status_code == 201
    # the user, the archive, the province's catalogue (twice) and one read per group model
    with django_assert_max_num_queries(21):
        assert filler.get(f"{TEACHERS}{teacher}/problems/").status_code == 200
