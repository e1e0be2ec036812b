"""API tokens (`/api/v1/tokens/`, `Authorization: Token <key>`): shown once, stored hashed, narrowed to capabilities
and an organisation subtree, expiring, revocable, rate-limited, last use recorded, audited."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories.accounts import UserFactory
from tests.factories.teachers import TeacherRowFactory
from tmis.accounts.models import ApiToken
from tmis.audit.models import AccessLog
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def in_days(days: float) -> str:
    return (timezone.now() + dt.timedelta(days=days)).isoformat()


def make_token(client: APIClient, **overrides: object):
    payload = {"name": "花名册同步", "capabilities": ["teachers.view", "orgs.view"], "expires_at": in_days(30)}
    return client.post("/api/v1/tokens/", payload | overrides, format="json")


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_is_shown_once_and_stored_hashed(client_for):
    owner = client_for("demo-city")
    response = make_token(owner)
    assert response.status_code == 201, response.json()
    body = response.json()
    key = body["key"]
    assert key.startswith("tmis_") and len(key) >= 40
    assert body["state"] == "active" and body["user"] == "demo-city"
    assert body["organisation"]["code"] == "620100"
    assert body["capabilities"] == ["orgs.view", "teachers.view"]
    token = ApiToken.objects.get(pk=body["id"])
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().first())  # only the digest and the prefix
    assert key.startswith(token.prefix) and len(token.prefix) < 16
    # Read again: never the key.
    again = owner.get(f"/api/v1/tokens/{token.pk}/").json()
    assert "key" not in again and again["prefix"] == token.prefix
    listed = owner.get("/api/v1/tokens/").json()["results"]
    assert [row["id"] for row in listed] == [token.pk] and "key" not in listed[0]
    # Audited, by name, never with the key.
    event = AccessLog.objects.get(action="token.create", subject_id=str(token.pk))
    assert event.detail["name"] == "花名册同步" and key not in str(event.detail)


def test_a_token_authenticates_and_records_its_last_use(client_for):
    key = make_token(client_for("demo-city")).json()["key"]
    response = token_client(key).get("/api/v1/orgs/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200, response.json()
    token = ApiToken.objects.get()
    assert token.last_used_at is not None and token.last_used_address == "203.0.113.9"
    assert response["RateLimit-Limit"] == "600" and response["RateLimit-Remaining"] == "599"
    assert 1 <= int(response["RateLimit-Reset"]) <= 60


def test_a_token_sees_only_its_organisation_subtree(client_for):
    TeacherRowFactory(name="城关甲")
    TeacherRowFactory(name="七里河乙", school=Organisation.objects.get(code="2162010301"))
    key = make_token(client_for("demo-city"), organisation="620102").json()["key"]
    api = token_client(key)
    names = {row["name"] for row in api.get("/api/v1/teachers/").json()["results"]}
    assert names == {"城关甲"}
    outside = api.get("/api/v1/orgs/620103/")
    assert outside.status_code == 404
    # The login itself still sees both counties.
    both = {row["name"] for row in client_for("demo-city").get("/api/v1/teachers/").json()["results"]}
    assert both >= {"城关甲", "七里河乙"}


def test_a_token_may_do_only_what_it_names(client_for):
    key = make_token(client_for("demo-county-a"), capabilities=["orgs.view"]).json()["key"]
    api = token_client(key)
    assert api.get("/api/v1/orgs/").status_code == 200
    refused = api.get("/api/v1/teachers/")
    assert refused.status_code == 403
    me = api.get("/api/v1/auth/me/").json()
    assert me["capabilities"] == ["orgs.view"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"capabilities": ["users.manage"]}, "capabilities", "not_held"),  # a filler holds no such thing
        ({"capabilities": []}, "capabilities", None),
        ({"organisation": "2162010301"}, "organisation", "outside_scope"),  # another county's school
        ({"organisation": "620102"}, "organisation", "outside_scope"),  # above the filler's school
        ({"expires_at": in_days(-1)}, "expires_at", "in_the_past"),
        ({"expires_at": in_days(400)}, "expires_at", "too_far"),
        ({"rate_limit": 0}, "rate_limit", None),
        ({"name": ""}, "name", None),
    ],
)
def test_bad_requests_name_the_field_and_make_nothing(client_for, overrides, field, code):
    response = make_token(client_for("demo-school-a"), **overrides)
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"][field]
    if code:
        assert errors[0]["code"] == code
    assert not ApiToken.objects.exists()


def test_unknown_revoked_and_expired_keys_are_401(client_for):
    owner = client_for("demo-county-a")
    body = make_token(owner).json()
    api = token_client(body["key"])
    assert api.get("/api/v1/orgs/").status_code == 200

    unknown = token_client("tmis_" + "x" * 43).get("/api/v1/orgs/")
    assert unknown.status_code == 401 and unknown.json()["code"] == "token_unknown"
    assert unknown["WWW-Authenticate"].startswith("Bearer") or unknown["WWW-Authenticate"].startswith("Token")

    revoked = owner.post(f"/api/v1/tokens/{body['id']}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    answer = api.get("/api/v1/orgs/")
    assert answer.status_code == 401 and answer.json()["code"] == "token_revoked"
    assert owner.post(f"/api/v1/tokens/{body['id']}/revoke/").status_code == 200  # again: no change, no error
    assert AccessLog.objects.filter(action="token.revoke").count() == 1

    other = make_token(owner).json()
    ApiToken.objects.filter(pk=other["id"]).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = token_client(other["key"]).get("/api/v1/orgs/")
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"

    malformed = APIClient()
    malformed.credentials(HTTP_AUTHORIZATION="Token two words")
    assert malformed.get("/api/v1/orgs/").status_code == 401


def test_a_deactivated_users_token_stops(client_for):
    user = UserFactory(roles=["filler"])
    key = make_token(client_for(user), capabilities=["orgs.view"]).json()["key"]
    assert token_client(key).get("/api/v1/orgs/").status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert token_client(key).get("/api/v1/orgs/").status_code == 401


def test_a_role_taken_away_is_taken_from_the_token(client_for):
    user = UserFactory(roles=["filler"])
    key = make_token(client_for(user), capabilities=["teachers.view"]).json()["key"]
    assert token_client(key).get("/api/v1/teachers/").status_code == 200
    user.roles = ["teacher"]
    user.save(update_fields=["roles"])
    assert token_client(key).get("/api/v1/teachers/").status_code == 403


def test_the_rate_limit_answers_429_with_headers(client_for):
    key = make_token(client_for("demo-county-a"), rate_limit=3).json()["key"]
    api = token_client(key)
    answers = [api.get("/api/v1/orgs/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert int(answers[3]["Retry-After"]) >= 1 and answers[3]["RateLimit-Limit"] == "3"
    # Another token of the same user has its own window.
    other = make_token(client_for("demo-county-a"), rate_limit=3).json()["key"]
    assert token_client(other).get("/api/v1/orgs/").status_code == 200


def test_a_token_cannot_issue_or_revoke_tokens(client_for):
    owner = client_for("demo-county-a")
    body = make_token(owner).json()
    api = token_client(body["key"])
    refused = make_token(api)
    assert refused.status_code == 403 and refused.json()["code"] == "token_cannot_issue"
    assert api.post(f"/api/v1/tokens/{body['id']}/revoke/").status_code == 403
    assert ApiToken.objects.count() == 1


def test_users_see_only_their_own_tokens(client_for):
    mine = make_token(client_for("demo-county-a")).json()
    theirs = make_token(client_for("demo-county-b")).json()
    api = client_for("demo-county-a")
    assert [row["id"] for row in api.get("/api/v1/tokens/").json()["results"]] == [mine["id"]]
    assert api.get(f"/api/v1/tokens/{theirs['id']}/").status_code == 404
    assert api.post(f"/api/v1/tokens/{theirs['id']}/revoke/").status_code == 404
    assert token_client(theirs["key"]).get("/api/v1/orgs/").status_code == 200  # untouched


def test_the_security_administrator_issues_service_account_tokens(client_for):
    gansu = Organisation.objects.get(code="620000")
    service = UserFactory(roles=["service"], organisation=gansu, username="svc-sync")
    clerk = UserFactory(roles=["filler"], organisation=gansu)
    secadmin = client_for("demo-province-secadmin")
    response = make_token(secadmin, user=service.pk, capabilities=["teachers.view"])
    assert response.status_code == 201, response.json()
    assert response.json()["user"] == "svc-sync"
    assert token_client(response.json()["key"]).get("/api/v1/teachers/").status_code == 200
    # Only service accounts; only by tokens.manage; only in scope.
    refused = make_token(secadmin, user=clerk.pk, capabilities=["teachers.view"])
    assert refused.status_code == 400 and refused.json()["errors"]["user"][0]["code"] == "not_service_account"
    assert make_token(client_for("demo-province"), user=service.pk).status_code == 403
    beijing = UserFactory(roles=["service"], organisation=Organisation.objects.get(code="110000"))
    assert make_token(secadmin, user=beijing.pk, capabilities=["teachers.view"]).status_code == 404
    # The secadmin sees and revokes the service account's token.
    token_id = response.json()["id"]
    assert token_id in [row["id"] for row in secadmin.get("/api/v1/tokens/").json()["results"]]
    assert secadmin.post(f"/api/v1/tokens/{token_id}/revoke/").json()["state"] == "revoked"
