import pytest

from tests.factories.accounts import UserFactory
from tmis.accounts.models import User
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def create(client, **overrides):
    payload = {
        "username": "new-filler",
        "display_name": "新填报员",
        "password": "Str0ng!pass",
        "roles": ["filler"],
        "organisation": "2162010201",
    } | overrides
    return client.post("/api/v1/users/", payload, format="json")


def test_admin_creates_a_user_in_the_subtree(client_for):
    response = create(client_for("demo-county-a"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == {
        "code": "2162010201",
        "name": "兰州市城关区第一实验小学",
        "level": "school",
    }
    user = User.objects.get(username="new-filler")
    assert user.check_password("Str0ng!pass")
    assert user.password.startswith("argon2")


def test_admin_cannot_create_outside_the_subtree(client_for):
    response = create(client_for("demo-county-a"), organisation="2162010301")
    assert response.status_code == 400
    assert response.json()["errors"]["organisation"][0]["code"] == "not_found"
    assert not User.objects.filter(username="new-filler").exists()


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditor", "service"])
def test_admin_cannot_grant_roles_above_their_own(client_for, role):
    response = create(client_for("demo-province"), roles=[role])
    assert response.status_code == 400
    assert response.json()["errors"]["roles"][0]["code"] == "role_not_grantable"


def test_teacher_role_needs_a_school(client_for):
    response = create(client_for("demo-province"), organisation="620102", roles=["teacher"])
    assert response.json()["errors"]["roles"][0]["code"] == "teacher_needs_school"


@pytest.mark.parametrize(
    ("password", "fragment"), [("short1!", "password_too_short"), ("alllowercase", "password_too_simple")]
)
def test_weak_passwords_are_refused(client_for, password, fragment):
    response = create(client_for("demo-county-a"), password=password)
    assert response.status_code == 400
    assert fragment in {e["code"] for e in response.json()["errors"]["password"]}


def test_duplicate_username_conflicts(client_for):
    response = create(client_for("demo-county-a"), username="demo-school-b")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_username"


def test_filler_cannot_manage_users(client_for):
    assert create(client_for("demo-school-a")).status_code == 403


def test_admin_updates_roles_and_resets_password(client_for):
    user = UserFactory(organisation=Organisation.objects.get(code="2162010201"))
    client = client_for("demo-county-a")
    response = client.patch(
        f"/api/v1/users/{user.pk}/",
        {"roles": ["filler", "reviewer"], "password": "N3w!password"},
        format="json",
        HTTP_IF_MATCH=client.get(f"/api/v1/users/{user.pk}/")["ETag"],
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.roles == ["filler", "reviewer"]
    assert user.check_password("N3w!password")


def test_admin_cannot_change_own_roles(client_for):
    me = User.objects.get(username="demo-county-a")
    response = client_for(me).patch(f"/api/v1/users/{me.pk}/", {"roles": ["admin"]}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 403
    assert response.json()["code"] == "self_change_forbidden"


def test_admin_cannot_edit_a_user_with_higher_roles(client_for):
    auditor = UserFactory(roles=["auditor"], organisation=Organisation.objects.get(code="620102"))
    response = client_for("demo-county-a").patch(
        f"/api/v1/users/{auditor.pk}/", {"is_active": False}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_manageable"


def test_user_list_filters(client_for):
    client = client_for("demo-city")
    rows = client.get("/api/v1/users/", {"organisation": "2162010201"}).json()["results"]
    assert {r["username"] for r in rows} == {"demo-school-a", "demo-school-a-reviewer"}
    rows = client.get("/api/v1/users/", {"role": "reviewer"}).json()["results"]
    assert {"demo-county-a", "demo-county-b", "demo-school-a-reviewer"} <= {r["username"] for r in rows}
