"""What goes into the audit trail, each event with its user, address, request id and time: imports (start and
finish, file name, rows), every review decision, configuration changes (catalogue, review chains, organisations)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.teachers import complete_archive
from tmis.audit.models import AccessLog
from tmis.reviews.models import Submission

pytestmark = pytest.mark.django_db
CLIENT = {"REMOTE_ADDR": "10.1.2.3", "HTTP_X_REQUEST_ID": "req-audit-1"}


def _events(action: str) -> list[AccessLog]:
    """This test's events of an action (the demo loader's, recorded when the session's database was set up, have no
    request id)."""
    return list(AccessLog.objects.filter(action=action).exclude(request_id="").order_by("id"))


def _assert_context(event: AccessLog, username: str, request_id: str = "req-audit-1") -> None:
    assert event.username == username
    assert event.user is not None and event.user.username == username
    assert event.address == "10.1.2.3"
    assert event.request_id == request_id
    assert event.at is not None


def test_every_review_decision_is_recorded(client_for):
    filler, reviewer = client_for("demo-school-a"), client_for("demo-school-a-reviewer")
    ids = [complete_archive(filler, name=name) for name in ("审计甲", "审计乙", "审计丙")]
    for teacher in ids:
        assert filler.post(f"/api/v1/teachers/{teacher}/submit/", **CLIENT).status_code == 201
    first, second, third = (Submission.objects.filter(subject_id=i).latest("id").pk for i in ids)
    assert reviewer.post(f"/api/v1/reviews/{first}/approve/", **CLIENT).status_code == 200
    returned = reviewer.post(f"/api/v1/reviews/{second}/return/", {"reason": "学历信息有误"}, format="json", **CLIENT)
    assert returned.status_code == 200
    assert filler.post(f"/api/v1/reviews/{third}/withdraw/", **CLIENT).status_code == 200

    submits = _events("review.submit")
    assert len(submits) == 3
    _assert_context(submits[0], "demo-school-a")
    (approve,) = _events("review.approve")
    _assert_context(approve, "demo-school-a-reviewer")
    assert approve.subject_type == "submission" and approve.subject_id == str(first)
    assert approve.detail["level"] == "school" and approve.detail["subject"] == f"teacher:{ids[0]}"
    (back,) = _events("review.return")
    assert back.detail["reason"] == "学历信息有误"
    (withdrawn,) = _events("review.withdraw")
    _assert_context(withdrawn, "demo-school-a")


def test_imports_are_recorded_at_start_and_finish(client_for):
    filler = client_for("demo-school-a")
    upload = SimpleUploadedFile("名单.csv", "姓名,身份证件号\n张三,1\n李四,2\n".encode())
    response = filler.post("/api/v1/imports/", {"file": upload, "dry_run": "true"}, format="multipart", **CLIENT)
    assert response.status_code == 202, response.json()
    job = response.json()["id"]
    (start,) = _events("import.start")
    _assert_context(start, "demo-school-a")
    assert start.subject_id == str(job) and start.detail["file_name"] == "名单.csv"
    (finish,) = _events("import.finish")
    assert finish.username == "demo-school-a" and finish.subject_id == str(job)
    assert finish.detail["file_name"] == "名单.csv" and finish.detail["state"] in ("done", "failed")
    assert "rows" in finish.detail and "rows_failed" in finish.detail


def test_catalogue_changes_are_recorded(client_for):
    admin = client_for("demo-province")
    spec = {"selected": {}, "extensions": [], "code_tables": []}
    draft = admin.put("/api/v1/catalog/provinces/620000/draft/", spec, format="json", HTTP_IF_NONE_MATCH="*", **CLIENT)
    assert draft.status_code == 200, draft.json()
    assert admin.post("/api/v1/catalog/provinces/620000/publish/", **CLIENT).status_code == 200
    (saved,) = _events("catalog.draft_save")
    _assert_context(saved, "demo-province")
    (published,) = _events("catalog.publish")
    _assert_context(published, "demo-province")
    assert published.subject_type == "catalogue" and published.detail["province"] == "620000"
    assert "diff" in published.detail


def test_review_chain_changes_are_recorded(client_for):
    admin = client_for("demo-province")
    changed = admin.patch(
        "/api/v1/reviews/flows/teacher_info/",
        {"levels": ["school", "county", "city"]},
        format="json",
        HTTP_IF_MATCH="*",
        **CLIENT,
    )
    assert changed.status_code == 200, changed.json()
    (event,) = _events("flow.update")
    _assert_context(event, "demo-province")
    assert event.detail["after"] == ["school", "county", "city"] and event.detail["kind"] == "teacher_info"


def test_organisation_changes_are_recorded(client_for):
    county = client_for("demo-county-a")
    school = {
        "parent": "620102",
        "code": "1162010298",
        "name": "审计幼儿园",
        "level": "school",
        "school_type": "111",
        "sponsor": "11",
        "urban_rural": "111",
    }
    created = county.post("/api/v1/orgs/", school, format="json", **CLIENT)
    assert created.status_code == 201, created.json()
    (made,) = _events("org.create")
    _assert_context(made, "demo-county-a")
    assert made.subject_id == "1162010298" and made.detail["name"] == "审计幼儿园"
    etag = county.get("/api/v1/orgs/1162010298/")["ETag"]
    renamed = county.patch(
        "/api/v1/orgs/1162010298/", {"name": "审计第二幼儿园"}, format="json", HTTP_IF_MATCH=etag, **CLIENT
    )
    assert renamed.status_code == 200, renamed.json()
    (update,) = _events("org.update")
    _assert_context(update, "demo-county-a")
    assert update.detail == {"name": "审计第二幼儿园", "changes": {"name": ["审计幼儿园", "审计第二幼儿园"]}}
