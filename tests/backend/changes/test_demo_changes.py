"""`make run`'s teacher changes: a transfer in each state, one across provinces, a retirement, a secondment."""

import pytest

from tmis.changes.demo import load_demo_changes
from tmis.changes.models import TeacherChange
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.demo_reviews import load_demo_reviews

pytestmark = pytest.mark.django_db


def test_demo_changes_in_every_state_once():
    load_demo_teachers(per_school=36)
    load_demo_reviews()
    assert load_demo_changes() == 8
    assert load_demo_changes() == 0
    transfers = TeacherChange.objects.filter(kind="transfer").select_related("submission", "to_school")
    states = sorted(change.state for change in transfers)
    assert states == ["approved", "in_review", "in_review", "returned", "submitted", "withdrawn"]
    to_beijing = transfers.get(to_school__code="2111010101")
    assert to_beijing.submission.step_levels[to_beijing.submission.current_step] == "province"
    assert set(TeacherChange.objects.exclude(kind="transfer").values_list("kind", "state")) == {
        ("retire", "approved"),
        ("secondment", "approved"),
    }
