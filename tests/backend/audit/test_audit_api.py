"""The auditor's API: the list (filters, newest first, cursor pages, names not codes, scope) and the XLSX export
(filtered, bounded, itself audited)."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from tmis.accounts.models import User
from tmis.audit.models import AccessLog
from tmis.audit.services import audit_record

pytestmark = pytest.mark.django_db
EVENTS = "/api/v1/audit/events/"


@pytest.fixture
def events() -> list[AccessLog]:
    filler = User.objects.get(username="demo-school-a")
    beijing = User.objects.create_user("bj-admin", "x", organisation_id=_org("110000"), roles=["admin"])
    made = [
        audit_record(
            action="teacher.id_number.view", actor=filler, subject_type="teacher", subject_id=7, address="10.0.0.7"
        ),
        audit_record(
            action="teachers.export",
            actor=filler,
            subject_type="export",
            subject_id=3,
            address="10.0.0.8",
            detail={"rows": 12, "full_id": False},
        ),
        audit_record(action="org.update", actor=beijing, subject_type="organisation", subject_id="110000"),
        audit_record(action="login.failed", username="nobody", address="192.0.2.1"),
    ]
    return made


def _org(code: str) -> int:
    from tmis.orgs.models import Organisation

    return Organisation.objects.get(code=code).pk


def test_newest_first_with_names(client_for, events):
    body = client_for("demo-auditor").get(EVENTS).json()
    ids = [row["id"] for row in body["results"]]
    assert ids == sorted(ids, reverse=True)
    first = next(row for row in body["results"] if row["id"] == events[0].pk)
    assert first["action_label"] == "查看完整身份证件号"
    assert first["subject_label"] == "教师"
    assert first["username"] == "demo-school-a" and first["display_name"] == "城关区第一实验小学填报员"
    assert first["address"] == "10.0.0.7"
    unknown = next(row for row in body["results"] if row["id"] == events[3].pk)
    assert unknown["action_label"] == "login.failed"  # an action no module named shows its code


def test_english_labels(client_for, events):
    body = client_for("demo-auditor").get(EVENTS, {"action": "teachers.export"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [row["action_label"] for row in body["results"]] == ["Teachers exported"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"user": "demo-school-a"}, [0, 1]),
        ({"action": "org.update"}, [2]),
        ({"subject_type": "teacher", "subject_id": "7"}, [0]),
        ({"address": "192.0.2.1"}, [3]),
    ],
)
def test_filters(client_for, events, params, expected):
    body = client_for("demo-auditor").get(EVENTS, params).json()
    assert sorted(row["id"] for row in body["results"]) == sorted(events[i].pk for i in expected)


def test_time_range_and_request_id_filters(client_for, events):
    auditor = client_for("demo-auditor")
    listed = auditor.get(EVENTS, HTTP_X_REQUEST_ID="probe-123")
    assert listed.status_code == 200
    later = events[-1].at.isoformat()
    after = auditor.get(EVENTS, {"at_after": later}).json()["results"]
    assert events[-1].pk in [row["id"] for row in after] and events[0].pk not in [row["id"] for row in after]
    before = auditor.get(EVENTS, {"at_before": events[1].at.isoformat()}).json()["results"]
    assert events[1].pk not in [row["id"] for row in before]
    # The request id is the one the client sent (tmis.core.request_context); an export carries it.
    auditor.get(f"{EVENTS}export/", HTTP_X_REQUEST_ID="probe-456")
    found = auditor.get(EVENTS, {"request_id": "probe-456"}).json()["results"]
    assert [row["action"] for row in found] == ["audit.export"]


@pytest.mark.parametrize(
    "params",
    [{"address": "not-an-ip"}, {"at_after": "yesterday"}, {"at_before": "2026-13-45T99:00"}, {"user": "a\x00b"}],
)
def test_malformed_filters_are_400(client_for, params):
    response = client_for("demo-auditor").get(EVENTS, params)
    assert response.status_code == 400
    assert set(response.json()) >= {"status", "code", "message", "errors"}


def test_cursor_pages(client_for):
    for n in range(7):
        audit_record(action="org.update", username=f"paged{n}")
    auditor = client_for("demo-auditor")
    seen, url, query = [], EVENTS, {"action": "org.update", "page_size": 3}
    while url:
        body = auditor.get(url, query).json()
        seen += [row["id"] for row in body["results"]]
        url, query = body["next"], None
    assert len(seen) == 7 and seen == sorted(seen, reverse=True)


def test_the_provincial_auditor_reads_its_province_only(client_for, events):
    ids = {row["id"] for row in client_for("demo-province-auditor").get(EVENTS).json()["results"]}
    assert {events[0].pk, events[1].pk} <= ids
    assert events[2].pk not in ids and events[3].pk not in ids  # 北京, and an anonymous event
    assert client_for("demo-province-auditor").get(f"{EVENTS}{events[2].pk}/").status_code == 404
    assert client_for("demo-auditor").get(f"{EVENTS}{events[2].pk}/").status_code == 200


def test_actions_list_for_the_filter(client_for):
    body = client_for("demo-auditor").get(f"{EVENTS}actions/").json()
    assert {"code": "review.approve", "label": "审核通过"} in body


def test_export_is_filtered_and_audited(client_for, events):
    auditor = client_for("demo-auditor")
    response = auditor.get(f"{EVENTS}export/", {"user": "demo-school-a"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["时间", "账号", "姓名", "操作"]
    assert [row[3] for row in rows[1:]] == ["导出教师", "查看完整身份证件号"]  # newest first, names not codes
    logged = AccessLog.objects.filter(action="audit.export").latest("id")
    assert logged.username == "demo-auditor"
    assert logged.detail == {"filters": {"user": "demo-school-a"}, "rows": 2}


def test_export_is_bounded(client_for, events, settings):
    settings.TMIS_AUDIT_EXPORT_MAX_ROWS = 2
    response = client_for("demo-auditor").get(f"{EVENTS}export/")
    assert response.status_code == 400 and response.json()["code"] == "too_many_rows"
    ok = client_for("demo-auditor").get(f"{EVENTS}export/", {"user": "demo-school-a"})
    assert ok.status_code == 200
