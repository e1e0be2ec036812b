"""The one rule of visibility, as a matrix: every demo login × organisations inside and outside its subtree
× list / retrieve / update, and the same for user accounts."""

import pytest

pytestmark = pytest.mark.django_db

SCHOOL_A, SCHOOL_B = "2162010201", "2162010301"
TARGETS = ["000000", "620000", "620100", "620102", "620103", SCHOOL_A, SCHOOL_B, "110000"]

VISIBLE = {
    "demo-central": set(TARGETS),
    "demo-province": {"620000", "620100", "620102", "620103", SCHOOL_A, SCHOOL_B},
    "demo-city": {"620100", "620102", "620103", SCHOOL_A, SCHOOL_B},
    "demo-county-a": {"620102", SCHOOL_A},
    "demo-county-b": {"620103", SCHOOL_B},
    "demo-school-a": {SCHOOL_A},
    "demo-school-a-reviewer": {SCHOOL_A},
    "demo-school-b": {SCHOOL_B},
}
OWN = {
    "demo-central": "000000",
    "demo-province": "620000",
    "demo-city": "620100",
    "demo-county-a": "620102",
    "demo-county-b": "620103",
    "demo-school-a": SCHOOL_A,
    "demo-school-a-reviewer": SCHOOL_A,
    "demo-school-b": SCHOOL_B,
}
ADMINS = {"demo-central", "demo-province", "demo-city", "demo-county-a", "demo-county-b"}
CASES = [(login, target) for login in VISIBLE for target in TARGETS]


@pytest.mark.parametrize(("login", "target"), CASES)
def test_retrieve(client_for, login, target):
    response = client_for(login).get(f"/api/v1/orgs/{target}/")
    assert response.status_code == (200 if target in VISIBLE[login] else 404)


@pytest.mark.parametrize(("login", "target"), CASES)
def test_list(client_for, login, target):
    response = client_for(login).get("/api/v1/orgs/", {"code": target})
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()["results"]]
    assert codes == ([target] if target in VISIBLE[login] else [])


@pytest.mark.parametrize(("login", "target"), CASES)
def test_update(client_for, login, target):
    response = client_for(login).patch(
        f"/api/v1/orgs/{target}/", {"name_en": "Renamed"}, format="json", HTTP_IF_MATCH="*"
    )
    if login not in ADMINS:
        expected = 403  # no orgs.manage capability
    elif target not in VISIBLE[login]:
        expected = 404
    elif target == OWN[login]:
        expected = 403  # only units below one's own organisation
    else:
        expected = 200
    assert response.status_code == expected, response.json()


@pytest.mark.parametrize("login", sorted(VISIBLE))
def test_children_of_own_root_stay_inside(client_for, login):
    client = client_for(login)
    roots = client.get("/api/v1/orgs/roots/").json()
    assert [r["code"] for r in roots] == [OWN[login]]


# 三员分立: the separated administrators of the Ministry and of the province (tests/backend/audit/test_separation.py).
SEPARATED_CENTRAL = {"demo-sysadmin", "demo-secadmin", "demo-auditor"}
SEPARATED_PROVINCE = {"demo-province-sysadmin", "demo-province-secadmin", "demo-province-auditor"}
# Logins of the second demo province (北京, for transfers across provinces) and 建兰路小学's reviewer.
BEIJING = {"demo-province-bj", "demo-county-bj", "demo-school-bj", "demo-school-bj-reviewer"}
SCHOOL_B_REVIEWER = "demo-school-b-reviewer"
# The exchange rotation's plan maker of 城关区 and the city's reviewer (a plan is reviewed county → city).
ROTATION = {"demo-county-a-admin", "demo-city-reviewer"}
USERS_VISIBLE = {
    "demo-central": set(OWN) | SEPARATED_CENTRAL | SEPARATED_PROVINCE | BEIJING | ROTATION | {SCHOOL_B_REVIEWER},
    "demo-province": set(OWN) - {"demo-central"} | SEPARATED_PROVINCE | ROTATION | {SCHOOL_B_REVIEWER},
    "demo-city": set(OWN) - {"demo-central", "demo-province"} | ROTATION | {SCHOOL_B_REVIEWER},
    "demo-county-a": {"demo-county-a", "demo-county-a-admin", "demo-school-a", "demo-school-a-reviewer"},
    "demo-county-b": {"demo-county-b", "demo-school-b", SCHOOL_B_REVIEWER},
}


@pytest.mark.parametrize("login", sorted(VISIBLE))
def test_user_list(client_for, login):
    response = client_for(login).get("/api/v1/users/", {"q": "demo-", "page_size": 100})
    if login not in USERS_VISIBLE:
        assert response.status_code == 403
        return
    assert {u["username"] for u in response.json()["results"]} == USERS_VISIBLE[login]


@pytest.mark.parametrize(("login", "other"), [(a, b) for a in sorted(USERS_VISIBLE) for b in sorted(OWN)])
def test_user_retrieve(client_for, login, other):
    from tmis.accounts.models import User

    pk = User.objects.get(username=other).pk
    response = client_for(login).get(f"/api/v1/users/{pk}/")
    assert response.status_code == (200 if other in USERS_VISIBLE[login] else 404)
