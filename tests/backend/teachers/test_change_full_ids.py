"""A reviewer checks a key-information change of the ID number against the full old and new values (issue 14):
`GET teachers/{id}/id-number/?submission=` for roles that may see full IDs, written to the access log like any
full view (naming the change); others get no number and no row."""

import pytest

from tests.backend.teachers.test_change_request_values import _approved_teacher
from tests.factories.teachers import resident_id
from tmis.audit.models import AccessLog
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
TEACHERS = "/api/v1/teachers/"
FULL_VIEW = "teacher.id_number.view"


def _id_change(client_for) -> tuple[int, str, str, int]:
    teacher = _approved_teacher(client_for)
    filler = client_for("demo-school-a")
    old = filler.get(f"{TEACHERS}{teacher}/id-number/").json()["id_number"]
    new = resident_id()
    etag = filler.get(f"{TEACHERS}{teacher}/")["ETag"]
    changed = filler.patch(f"{TEACHERS}{teacher}/", {"id_number": new}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 202, changed.json()
    change = Submission.objects.filter(subject_id=teacher, kind="teacher_key_change").latest("id").pk
    return teacher, old, new, change


def _views_since(mark: int):
    return AccessLog.objects.filter(action=FULL_VIEW, id__gt=mark)


def _mark() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_a_reviewer_sees_the_full_old_and_new_numbers_and_the_view_is_logged(client_for):
    teacher, old, new, change = _id_change(client_for)
    reviewer = client_for("demo-school-a-reviewer")
    mark = _mark()
    diff = reviewer.get(f"/api/v1/reviews/{change}/").json()["diff"]["fields"]["id_number"]
    assert old not in diff and new not in diff  # the diff stays masked

    response = reviewer.get(f"{TEACHERS}{teacher}/id-number/", {"submission": change}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200, response.json()
    assert response.json() == {"id_number": old, "requested": new, "open": True}
    assert "no-store" in response["Cache-Control"]
    (row,) = _views_since(mark)
    assert (row.username, row.subject_id, row.address, row.detail) == (
        "demo-school-a-reviewer",
        str(teacher),
        "10.1.2.3",
        {"submission": change},
    )


@pytest.mark.parametrize("login", ["demo-central", "demo-city"])
def test_without_the_capability_no_number_and_no_row(client_for, login):
    teacher, _old, new, change = _id_change(client_for)
    mark = _mark()
    response = client_for(login).get(f"{TEACHERS}{teacher}/id-number/", {"submission": change})
    assert response.status_code == 403
    assert new not in response.content.decode()
    assert not _views_since(mark).exists()


def test_another_archives_change_or_no_id_change_is_refused(client_for):
    teacher, _old, _new, change = _id_change(client_for)
    other = _approved_teacher(client_for)
    mark = _mark()
    reviewer = client_for("demo-school-a-reviewer")
    assert reviewer.get(f"{TEACHERS}{other}/id-number/", {"submission": change}).status_code == 404
    assert reviewer.get(f"{TEACHERS}{teacher}/id-number/", {"submission": "x"}).status_code == 400
    assert not _views_since(mark).exists()
