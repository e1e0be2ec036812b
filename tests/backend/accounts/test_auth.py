import jwt
import pytest

from tmis.accounts.models import User
from tmis.accounts.throttling import LoginRateThrottle

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "demo-central",
    "demo-province",
    "demo-city",
    "demo-county-a",
    "demo-county-b",
    "demo-school-a",
    "demo-school-a-reviewer",
    "demo-school-b",
]


@pytest.fixture(autouse=True)
def _demo_on(settings):
    settings.TMIS_DEMO = True


def login(api, username, password="Demo@2016", **extra):
    return api.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_every_demo_login_gets_a_token_with_org_claims(api, username):
    response = login(api, username)
    assert response.status_code == 200, response.json()
    claims = jwt.decode(response.json()["access"], options={"verify_signature": False})
    user = User.objects.select_related("organisation").get(username=username)
    assert claims["org_code"] == user.organisation.code
    assert claims["org_level"] == user.organisation.level
    assert claims["roles"] == user.roles


def test_passwords_are_argon2_hashed():
    assert User.objects.get(username="demo-central").password.startswith("argon2")


def test_demo_logins_are_refused_outside_demo_mode(api, settings):
    settings.TMIS_DEMO = False
    settings.DEBUG = False
    response = login(api, "demo-county-a")
    assert response.status_code == 401
    assert response.json()["code"] == "no_active_account"


def test_wrong_password_is_401_in_the_error_format(api):
    body = login(api, "demo-county-a", "wrong", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == 401
    assert body["code"] == "no_active_account"
    assert body["message"]


def test_three_failures_delay_the_next_login(api):
    statuses = [login(api, "demo-county-b", "wrong").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]  # the third failure delays the next attempt
    locked = login(api, "demo-county-b")  # even the right password
    assert locked.status_code == 429
    assert locked.json()["code"] == "login_locked"
    assert login(api, "demo-county-a").status_code == 200  # another account is unaffected


def test_login_requests_are_rate_limited(api, monkeypatch):
    monkeypatch.setattr(LoginRateThrottle, "THROTTLE_RATES", {"login": "3/min"})
    statuses = [login(api, f"nobody{i}", "x").status_code for i in range(4)]
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429


def test_refresh_rotates_and_the_old_token_dies(api):
    tokens = login(api, "demo-city").json()
    rotated = api.post("/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != tokens["refresh"]
    again = api.post("/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["code"] == "token_not_valid"


def test_logout_blacklists_the_refresh_token(api):
    tokens = login(api, "demo-city").json()
    assert api.post("/api/v1/auth/logout/", {"refresh": tokens["refresh"]}, format="json").status_code == 204
    after = api.post("/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert after.status_code == 401
    assert api.post("/api/v1/auth/logout/", {"refresh": "garbage"}, format="json").status_code == 401


def test_me_describes_the_user_and_organisation(api):
    access = login(api, "demo-county-a").json()["access"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    body = api.get("/api/v1/auth/me/").json()
    assert body["username"] == "demo-county-a"
    assert body["display_name"] == "城关区审核员"
    assert body["roles"] == ["reviewer", "admin"]
    assert {"orgs.view", "orgs.manage", "users.manage", "reviews.decide"} <= set(body["capabilities"])
    assert body["organisation"]["code"] == "620102"
    assert body["organisation"]["name"] == "城关区"
    assert body["organisation"]["level"] == "county"
    assert [o["name"] for o in body["organisation_path"]] == ["甘肃省", "兰州市", "城关区"]


def test_me_for_a_filler_has_no_admin_capabilities(client_for):
    body = client_for("demo-school-a").get("/api/v1/auth/me/").json()
    assert body["roles"] == ["filler"]
    assert "users.view" not in body["capabilities"]
    assert body["organisation"]["level"] == "school"


def test_inactive_user_token_stops_working(client_for):
    client = client_for("demo-school-b")
    User.objects.filter(username="demo-school-b").update(is_active=False)
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_me_query_count(client_for, django_assert_num_queries):
    client = client_for("demo-county-a")
    with django_assert_num_queries(4):  # user with organisation, its parent, is_leaf, ancestors by path
        assert client.get("/api/v1/auth/me/").status_code == 200


def test_user_list_query_count_is_flat(client_for, django_assert_num_queries):
    client = client_for("demo-central")
    with django_assert_num_queries(2):  # caller, page with organisations joined
        rows = client.get("/api/v1/users/", {"page_size": 100}).json()["results"]
    assert len(rows) >= 8


def test_login_and_password_messages_are_translated(api, client_for):
    zh = login(api, "demo-county-a", "wrong", HTTP_ACCEPT_LANGUAGE="zh-CN").json()
    assert zh["message"] == "用户名或密码错误，或账号已停用。"
    response = client_for("demo-county-a").post(
        "/api/v1/users/",
        {"username": "shorty", "password": "Ab1!", "roles": ["filler"], "organisation": "2162010201"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-CN",
    )
    assert response.json()["errors"]["password"][0]["message"] == "密码太短：至少需要 8 个字符。"
