"""三员分立 over HTTP: the system, security and audit administrators (the demo logins of the Ministry and of 甘肃省)
against every kind of data and action — teacher data, reviews, exports, imports, catalogue writes, accounts, roles,
the audit log — and no account can hold two of the three (nor one of them and a business role)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.factories.teachers import complete_payload
from tmis.accounts.models import User
from tmis.accounts.roles import CAPABILITIES, SEPARATED_ROLES, TEACHER_DATA_CAPABILITIES

pytestmark = pytest.mark.django_db

THREE = {
    "sysadmin": ("demo-sysadmin", "demo-province-sysadmin"),
    "secadmin": ("demo-secadmin", "demo-province-secadmin"),
    "auditor": ("demo-auditor", "demo-province-auditor"),
}
LOGINS = [login for pair in THREE.values() for login in pair]


@pytest.fixture
def teacher_id(client_for) -> int:
    created = client_for("demo-school-a").post("/api/v1/teachers/", complete_payload(name="三员测试"), format="json")
    assert created.status_code == 201, created.json()
    return created.json()["id"]


def test_the_demo_logins_hold_exactly_one_separated_role():
    for role, logins in THREE.items():
        for login in logins:
            assert User.objects.get(username=login).roles == [role]


def test_no_separated_role_reaches_teacher_data():
    for role in SEPARATED_ROLES:
        assert not CAPABILITIES[role] & TEACHER_DATA_CAPABILITIES, role
    assert CAPABILITIES["auditor"] == frozenset({"audit.view"})


# (method, url, body) reaching teacher data or business actions: 403 for each of the three.
def _teacher_data_probes(teacher: int) -> list[tuple[str, str, dict | None]]:
    return [
        ("get", "/api/v1/teachers/", None),
        ("get", f"/api/v1/teachers/{teacher}/", None),
        ("get", f"/api/v1/teachers/{teacher}/archive/", None),
        ("get", f"/api/v1/teachers/{teacher}/id-number/", None),
        ("get", f"/api/v1/teachers/{teacher}/timeline/", None),
        ("post", "/api/v1/teachers/", complete_payload(name="越权")),
        ("post", f"/api/v1/teachers/{teacher}/submit/", {}),
        ("get", "/api/v1/reviews/", None),
        ("get", "/api/v1/reviews/progress/", None),
        ("get", "/api/v1/reviews/history/", None),
        ("get", "/api/v1/reviews/mine/", None),
        ("post", "/api/v1/reviews/1/approve/", {}),
        ("post", "/api/v1/reviews/bulk/", {"ids": [1], "action": "approve"}),
        ("get", "/api/v1/exports/", None),
        ("post", "/api/v1/exports/", {"filters": {}, "fields": ["name", "id_number"], "full_id": True}),
        ("get", "/api/v1/imports/", None),
        ("get", "/api/v1/imports/template/", None),
    ]


@pytest.mark.parametrize("login", LOGINS)
def test_none_of_the_three_reaches_teacher_data(client_for, teacher_id, login):
    client = client_for(login)
    for method, url, body in _teacher_data_probes(teacher_id):
        response = getattr(client, method)(url, body, format="json") if body is not None else client.get(url)
        assert response.status_code == 403, (login, method, url, response.status_code)
    upload = client.post("/api/v1/imports/", {"file": SimpleUploadedFile("t.csv", b"a,b\n1,2\n")}, format="multipart")
    assert upload.status_code == 403


@pytest.mark.parametrize("login", ["demo-secadmin", "demo-auditor", "demo-province-secadmin", "demo-province-auditor"])
def test_only_the_sysadmin_of_the_three_writes_configuration(client_for, login):
    client = client_for(login)
    assert client.put("/api/v1/catalog/provinces/620000/draft/", {}, format="json").status_code == 403
    assert client.post("/api/v1/catalog/provinces/620000/publish/").status_code == 403
    assert client.patch("/api/v1/reviews/flows/teacher_info/", {"levels": ["school"]}, format="json").status_code in (
        403,
        404,
    )
    assert client.post("/api/v1/orgs/", {"parent": "620102", "code": "x"}, format="json").status_code == 403


def test_the_sysadmin_writes_configuration(client_for):
    client = client_for("demo-province-sysadmin")
    draft = client.put(
        "/api/v1/catalog/provinces/620000/draft/",
        {"selected": {}, "extensions": [], "code_tables": []},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert draft.status_code == 200, draft.json()
    flows = client.get("/api/v1/reviews/flows/")
    assert flows.status_code == 200, flows.json()


@pytest.mark.parametrize(
    "login", ["demo-sysadmin", "demo-secadmin", "demo-province-sysadmin", "demo-province-secadmin"]
)
def test_administrators_other_than_the_auditor_cannot_read_the_audit_log(client_for, login):
    client = client_for(login)
    assert client.get("/api/v1/audit/events/").status_code == 403
    assert client.get("/api/v1/audit/events/export/").status_code == 403
    assert client.get("/api/v1/audit/events/actions/").status_code == 403


@pytest.mark.parametrize("login", ["demo-auditor", "demo-province-auditor"])
def test_the_auditor_reads_the_audit_log_and_nothing_else(client_for, login):
    client = client_for(login)
    assert client.get("/api/v1/audit/events/").status_code == 200
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert client.get("/api/v1/auth/me/").json()["capabilities"] == ["audit.view"]
    for url in ("/api/v1/users/", "/api/v1/orgs/", "/api/v1/reviews/flows/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/api/v1/users/", {}, format="json").status_code == 403


NEW_USER = {
    "username": "opened-by-sysadmin",
    "display_name": "新账号",
    "password": "Str0ng!pass",
    "roles": ["filler"],
    "organisation": "2162010201",
}


def test_the_sysadmin_cannot_open_an_account_with_roles(client_for):
    """Else a sysadmin could open a filler's account with a password of their own and read teacher data through it."""
    sysadmin = client_for("demo-province-sysadmin")
    for roles in (["filler"], ["admin"], ["viewer"]):
        response = sysadmin.post("/api/v1/users/", {**NEW_USER, "roles": roles}, format="json")
        assert response.status_code == 403 and response.json()["code"] == "roles_not_assignable", roles
    assert not User.objects.filter(username=NEW_USER["username"]).exists()


def test_an_account_the_sysadmin_opens_reaches_nothing_until_the_secadmin_gives_it_roles(client_for):
    sysadmin = client_for("demo-province-sysadmin")
    created = sysadmin.post("/api/v1/users/", {**NEW_USER, "roles": []}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["roles"] == []
    opened = User.objects.get(username=NEW_USER["username"])
    as_opened = client_for(opened)
    assert as_opened.get("/api/v1/teachers/").status_code == 403
    secadmin = client_for("demo-province-secadmin")
    etag = secadmin.get(f"/api/v1/users/{opened.pk}/")["ETag"]
    assigned = secadmin.put(
        f"/api/v1/users/{opened.pk}/roles/", {"roles": ["filler"]}, format="json", HTTP_IF_MATCH=etag
    )
    assert assigned.status_code == 200, assigned.json()
    assert client_for(User.objects.get(pk=opened.pk)).get("/api/v1/teachers/").status_code == 200


def test_the_sysadmin_edits_an_account_when_the_form_sends_its_roles_back_unchanged(client_for):
    sysadmin = client_for("demo-province-sysadmin")
    target = User.objects.get(username="demo-school-b")
    etag = sysadmin.get(f"/api/v1/users/{target.pk}/")["ETag"]
    renamed = sysadmin.patch(
        f"/api/v1/users/{target.pk}/",
        {"display_name": "改名", "roles": list(target.roles)},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert renamed.status_code == 200, renamed.json()
    assert User.objects.get(pk=target.pk).display_name == "改名"


def test_the_sysadmin_opens_and_deactivates_accounts_but_does_not_change_roles(client_for):
    sysadmin = client_for("demo-province-sysadmin")
    created = sysadmin.post("/api/v1/users/", {**NEW_USER, "roles": []}, format="json")
    assert created.status_code == 201, created.json()
    user = created.json()
    changed = sysadmin.patch(
        f"/api/v1/users/{user['id']}/", {"roles": ["reviewer"]}, format="json", HTTP_IF_MATCH=user["etag"]
    )
    assert changed.status_code == 403 and changed.json()["code"] == "roles_not_assignable"
    assert (
        sysadmin.put(
            f"/api/v1/users/{user['id']}/roles/", {"roles": ["reviewer"]}, format="json", HTTP_IF_MATCH=user["etag"]
        ).status_code
        == 403
    )
    off = sysadmin.patch(
        f"/api/v1/users/{user['id']}/", {"is_active": False}, format="json", HTTP_IF_MATCH=user["etag"]
    )
    assert off.status_code == 200 and off.json()["is_active"] is False
    assert User.objects.get(pk=user["id"]).roles == []


def test_the_secadmin_assigns_roles_but_does_not_open_or_deactivate_accounts(client_for):
    secadmin = client_for("demo-province-secadmin")
    assert secadmin.post("/api/v1/users/", NEW_USER, format="json").status_code == 403
    target = User.objects.get(username="demo-school-b")
    etag = secadmin.get(f"/api/v1/users/{target.pk}/")["ETag"]
    assert (
        secadmin.patch(
            f"/api/v1/users/{target.pk}/", {"is_active": False}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 403
    )
    assert secadmin.put(f"/api/v1/users/{target.pk}/roles/", {"roles": ["reviewer"]}, format="json").status_code == 428
    assigned = secadmin.put(
        f"/api/v1/users/{target.pk}/roles/", {"roles": ["filler", "reviewer"]}, format="json", HTTP_IF_MATCH=etag
    )
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["roles"] == ["filler", "reviewer"]
    assert assigned["ETag"] != etag
    stale = secadmin.put(f"/api/v1/users/{target.pk}/roles/", {"roles": ["filler"]}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    # Out of the secadmin's scope (another province's account) is a 404.
    outside = User.objects.create_user("bj-filler", "x", organisation_id=_org_id("110000"), roles=["filler"])
    assert (
        secadmin.put(
            f"/api/v1/users/{outside.pk}/roles/", {"roles": ["viewer"]}, format="json", HTTP_IF_MATCH="*"
        ).status_code
        == 404
    )


def _org_id(code: str) -> int:
    from tmis.orgs.models import Organisation

    return Organisation.objects.get(code=code).pk


@pytest.mark.parametrize(
    "roles",
    [["sysadmin"], ["secadmin"], ["auditor"], ["auditor", "filler"], ["sysadmin", "secadmin"], ["admin", "auditor"]],
)
@pytest.mark.parametrize("login", ["demo-central", "demo-sysadmin", "demo-secadmin"])
def test_no_one_grants_a_separated_role_through_the_api(client_for, login, roles):
    client = client_for(login)
    created = client.post("/api/v1/users/", NEW_USER | {"roles": roles, "organisation": "620000"}, format="json")
    assert created.status_code in (400, 403), created.json()
    target = User.objects.get(username="demo-school-b")
    etag = client.get(f"/api/v1/users/{target.pk}/")["ETag"]
    assigned = client.put(f"/api/v1/users/{target.pk}/roles/", {"roles": roles}, format="json", HTTP_IF_MATCH=etag)
    assert assigned.status_code in (400, 403), assigned.json()
    assert User.objects.get(pk=target.pk).roles == ["filler"]


@pytest.mark.parametrize("roles", ["sysadmin,auditor", "secadmin,sysadmin", "auditor,filler", "admin,secadmin"])
def test_create_user_refuses_two_separated_roles(roles):
    with pytest.raises(CommandError, match="三员分立"):
        call_command("create_user", "two-hats", organisation="000000", roles=roles, password="Str0ng!pass", verbosity=0)
    assert not User.objects.filter(username="two-hats").exists()


def test_create_user_creates_one_separated_administrator():
    call_command("create_user", "one-hat", organisation="000000", roles="auditor", password="Str0ng!pass")
    assert User.objects.get(username="one-hat").roles == ["auditor"]


def test_the_security_settings_are_the_secadmins(client_for):
    body = client_for("demo-secadmin").get("/api/v1/security/settings/").json()
    assert body["audit_retention_days"] >= 180 and body["full_id_alert_per_hour"] == 50
    for login in ("demo-sysadmin", "demo-auditor", "demo-central", "demo-school-a"):
        assert client_for(login).get("/api/v1/security/settings/").status_code == 403, login
