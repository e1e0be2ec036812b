"""The queue's views (issue 14): `decided` — what the caller approved or returned, with their decision and its
date; `scope` — everything in the caller's scope in any state; `waiting` (default) unchanged."""

import pytest

from tests.factories.teachers import add_required_records, complete_payload
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
REVIEWS = "/api/v1/reviews/"


def _results(client, **params):
    response = client.get(REVIEWS, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_decided_and_scope_views(client_for):
    filler = client_for("demo-school-a")
    reviewer = client_for("demo-school-a-reviewer")
    ids = []
    for name in ("张伟", "李娜", "王芳"):
        created = filler.post(TEACHERS, complete_payload(name=name, gender="1"), format="json")
        assert created.status_code == 201, created.json()
        add_required_records(created.json()["id"])
        ids.append(created.json()["id"])
        assert filler.post(f"{TEACHERS}{created.json()['id']}/submit/").status_code == 201
    first, second, third = (Submission.objects.filter(subject_id=i).latest("id").pk for i in ids)
    assert reviewer.post(f"{REVIEWS}{first}/approve/").status_code == 200
    assert reviewer.post(f"{REVIEWS}{second}/return/", {"reason": "缺少毕业院校"}, format="json").status_code == 200

    waiting = _results(reviewer)
    assert [item["id"] for item in waiting] == [third]
    assert waiting[0]["my_decision"] is None
    assert [item["id"] for item in _results(reviewer, view="waiting")] == [third]

    decided = _results(reviewer, view="decided")
    assert [(item["id"], item["my_decision"]["action"]) for item in decided] == [(second, "return"), (first, "approve")]
    assert all(item["my_decision"]["at"] for item in decided)
    assert [item["id"] for item in _results(reviewer, view="decided", state="returned")] == [second]

    everything = {item["id"]: item["state"] for item in _results(reviewer, view="scope")}
    assert {first: "in_review", second: "returned", third: "submitted"}.items() <= everything.items()

    # The county decided nothing yet; another county's reviewer sees none of it in their scope.
    county = client_for("demo-county-a")
    assert _results(county, view="decided") == []
    assert {first, second, third} <= {item["id"] for item in _results(county, view="scope")}
    assert not {first, second, third} & {item["id"] for item in _results(client_for("demo-county-b"), view="scope")}

    assert reviewer.get(REVIEWS, {"view": "bogus"}).status_code == 400
