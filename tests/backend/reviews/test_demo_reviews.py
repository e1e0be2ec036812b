import pytest
from django.db.models import Count

from tmis.reviews.models import Submission
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.demo_reviews import load_demo_reviews
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def test_demo_teachers_in_every_review_state():
    load_demo_teachers(per_school=36)
    assert load_demo_reviews() == 33
    assert load_demo_reviews() == 0  # once
    school = Teacher.objects.filter(school__code="2162010201")
    states = dict(school.values_list("record_state").annotate(n=Count("id")))
    assert states == {"approved": 20, "in_review": 5, "submitted": 5, "returned": 3, "draft": 3}
    assert school.filter(pending_change=True).count() == 3
    key = Submission.objects.get(kind="teacher_key_change")
    assert key.step_levels[key.current_step] == "province" and key.state == "in_review"
    assert Submission.objects.filter(state="returned").exclude(return_reason="").count() == 3


def test_progress_counts_by_state_and_level(client_for, django_assert_max_num_queries):
    load_demo_teachers(per_school=36)
    load_demo_reviews()
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(6):  # + the province's overdue days
        body = county.get("/api/v1/reviews/progress/", {"org": "2162010201"}).json()
    assert body["states"] == {
        "draft": 3,
        "submitted": 5,
        "in_review": 5,
        "approved": 20,
        "returned": 3,
        "pending_change": 3,
    }
    # Waiting: 5 new + 2 changes at the school, 5 at the county, the key change at the province.
    assert body["in_review_by_level"] == {"school": 7, "county": 5, "province": 1}
    whole = county.get("/api/v1/reviews/progress/").json()
    assert whole["org"] == "620102" and whole["states"]["approved"] == 20
    assert client_for("demo-county-b").get("/api/v1/reviews/progress/", {"org": "2162010201"}).status_code == 400
