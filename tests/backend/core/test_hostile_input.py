"""Malformed input is a 400 in the one error format, never a 500 (issue 13): NUL bytes in query parameters and
paths, non-integer ids, numbers and datetimes out of range, malformed bodies, JSON nested too deep, bodies too big.
Each test covers the whole class: every parameter the OpenAPI document declares, every id route."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from django.test import override_settings
from rest_framework.test import APIClient

from tests.factories.teachers import teacher_payload

pytestmark = pytest.mark.django_db
SCHEMA = yaml.safe_load((Path(__file__).parents[3] / "openapi" / "schema.yaml").read_text())


def _operations(method: str) -> list[tuple[str, dict]]:
    return [(path, ops[method]) for path, ops in SCHEMA["paths"].items() if method in ops]


def _quiet(client: APIClient) -> APIClient:
    client.raise_request_exception = False  # a 500 is a status to assert on, not an exception in the test
    return client


def _is_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["status"] == status and body["code"] and body["message"], body
    return body


def _concrete(path: str) -> str | None:
    """A path of the document with its parameters filled by values that exist for demo-province (None: skip)."""
    values = {"code": "620000", "slug": "GB-T-2261.1", "kind": "teacher_info", "id": "1", "teacher_pk": "1"}
    out = path
    for name in re.findall(r"{(\w+)}", path):
        if name not in values:
            return None
        out = out.replace("{" + name + "}", values[name])
    return out


def test_nul_in_any_query_parameter_is_a_400_naming_it(client_for):
    """Every query parameter of every GET operation (q and org among them), as the province administrator."""
    client = _quiet(client_for("demo-province"))
    tried = 0
    for path, op in _operations("get"):
        url = _concrete(path)
        if url is None:
            continue
        for parameter in op.get("parameters", []):
            if parameter["in"] != "query":
                continue
            name = parameter["name"]
            response = client.get(url, {name: "62\x00"}, HTTP_ACCEPT_LANGUAGE="en")
            body = _is_error(response, 400)
            assert body["errors"][name][0]["code"] == "null_character", (url, name, body)
            tried += 1
    assert tried >= 40


@pytest.mark.parametrize("url", ["/api/v1/orgs/62%00/", "/api/v1/catalog/provinces/62%00/", "/api/v1/reviews/1%00/"])
def test_nul_in_a_path_is_a_400(client_for, url):
    _is_error(_quiet(client_for("demo-province")).get(url), 400)


def test_nul_in_q_and_org_of_the_lists(client_for):
    """The reported cases: q and org of the teacher, org and user lists, org of the catalogue and progress."""
    client = _quiet(client_for("demo-province"))
    for url, name in [
        ("/api/v1/teachers/", "q"),
        ("/api/v1/teachers/", "org"),
        ("/api/v1/orgs/", "q"),
        ("/api/v1/users/", "q"),
        ("/api/v1/catalog/schema/", "org"),
        ("/api/v1/reviews/progress/", "org"),
        ("/api/v1/imports/template/", "org"),
    ]:
        body = _is_error(client.get(url, {name: "a\x00b"}), 400)
        assert name in body["errors"]
    body = _is_error(
        client.post("/api/v1/catalog/validate/?org=62%00", {"group": "basic", "data": {}}, format="json"), 400
    )
    assert "org" in body["errors"]


@pytest.mark.parametrize("bad", ["abc", "1.5", "-1", "99999999999999999999", "1e3", "١"])
def test_a_non_integer_id_is_a_400(client_for, bad):
    """Every route of the document with an integer id, GET and POST alike."""
    client = _quiet(client_for("demo-province"))
    tried = 0
    for method in ("get", "post", "patch", "delete"):
        for path, op in _operations(method):
            names = [p["name"] for p in op.get("parameters", []) if p["in"] == "path" and p["name"] in ("id",)]
            if not names:
                continue
            url = path.replace("{id}", bad).replace("{kind}", "import")
            url = url.replace("{teacher_pk}", "1").replace("{plan_pk}", "1")
            response = getattr(client, method)(url, {}, format="json")
            # 403: a route the province administrator may not use at all (refused before its input is read)
            assert response.status_code in (400, 403, 404), (method, url, response.status_code)
            if response.status_code == 404:
                assert response.json()["code"] == "not_found"
            if response.status_code == 400:
                assert "id" in response.json()["errors"] or "pk" in response.json()["errors"], response.json()
            tried += 1
    assert tried > 20


@pytest.mark.parametrize(
    ("action", "login"), [("approve", "demo-county-a"), ("withdraw", "demo-school-a"), ("return", "demo-county-a")]
)
def test_review_decisions_with_a_non_integer_id_are_400(client_for, action, login):
    client = _quiet(client_for(login))
    body = _is_error(client.post(f"/api/v1/reviews/abc/{action}/", {"reason": "不合格的理由"}, format="json"), 400)
    assert "id" in body["errors"]


@pytest.mark.parametrize("value", ["-2.5e+95", "1e400", "9" * 40, "NaN", "Infinity", "-1", "1000"])
@pytest.mark.parametrize("name", ["age_min", "age_max"])
def test_ages_out_of_range_are_a_400(client_for, name, value):
    body = _is_error(_quiet(client_for("demo-province")).get("/api/v1/teachers/", {name: value}), 400)
    assert name in body["errors"]


def test_ages_in_range_still_filter(client_for):
    response = client_for("demo-province").get("/api/v1/teachers/", {"age_min": "25", "age_max": "60"})
    assert response.status_code == 200


DATETIME_FILTERS = [
    ("demo-county-a", "/api/v1/reviews/", "submitted_before"),
    ("demo-school-a", "/api/v1/reviews/mine/", "submitted_before"),
    ("demo-province", "/api/v1/teachers/", "updated_since"),
]


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-01T00:00:00+23:59:59.999999",  # parses, but PostgreSQL refuses the offset (was a 500)
        "2024-01-01T00:00:00-15:00",
        "2024-01-01T00:00:00+08:00:30",
        "2024-13-45T00:00:00",
        "not a date",
        "2024-01-01T25:61:00Z",
        "+99999-01-01T00:00:00",
    ],
)
def test_malformed_datetimes_are_a_400(client_for, value):
    for login, url, name in DATETIME_FILTERS:
        body = _is_error(_quiet(client_for(login)).get(url, {name: value}), 400)
        assert name in body["errors"], (url, body)


@pytest.mark.parametrize(
    "value", ["0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999", "2024-06-01T08:00:00+08:00"]
)
def test_datetimes_at_the_edges_are_answered(client_for, value):
    for login, url, name in DATETIME_FILTERS:
        response = _quiet(client_for(login)).get(url, {name: value})
        assert response.status_code in (200, 400), (url, value, response.status_code)
    assert client_for("demo-province").get("/api/v1/teachers/", {"updated_since": value}).status_code in (200, 400)


def test_every_filterset_uses_the_checked_datetime_and_bounded_number_filters():
    """The class of the bug: a FilterSet declaring a plain datetime filter or an unbounded number filter."""
    import django_filters

    from tmis.core.filters import IsoDateTimeFilter

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    checked = 0
    for filterset in subclasses(django_filters.FilterSet):
        if not filterset.__module__.startswith("tmis."):
            continue
        for name, declared in filterset.base_filters.items():
            if isinstance(declared, django_filters.DateTimeFilter | django_filters.IsoDateTimeFilter):
                assert isinstance(declared, IsoDateTimeFilter), (filterset, name)
            if isinstance(declared, django_filters.NumberFilter):
                assert {"min_value", "max_value"} <= set(declared.extra), (filterset, name)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "ids", [[{}], ["x"], [None], [1.5], [[1]], [2**70], "1", {"a": 1}, [True]], ids=lambda v: json.dumps(v)
)
def test_notification_ids_must_be_integers(client_for, ids):
    body = _is_error(
        _quiet(client_for("demo-county-a")).post("/api/v1/notifications/read/", {"ids": ids}, format="json"), 400
    )
    assert any(key.startswith("ids") for key in body["errors"]), body


def test_notification_ids_still_mark_read(client_for):
    client = client_for("demo-county-a")
    assert client.post("/api/v1/notifications/read/", {"ids": [1, 2]}, format="json").json() == {"marked": 0}
    assert client.post("/api/v1/notifications/read/", {}, format="json").status_code == 200


def _nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize("depth", [5000, 100_000])
def test_json_nested_too_deep_is_a_400(api, client_for, depth):
    body = _nested(depth)
    for client, url in [
        (api, "/api/v1/auth/token/"),  # unauthenticated
        (client_for("demo-county-a"), "/api/v1/catalog/validate/"),
        (client_for("demo-school-a"), "/api/v1/teachers/"),
        (client_for("demo-school-a"), "/api/v1/notifications/read/"),
    ]:
        response = _quiet(client).post(url, body, content_type="application/json")
        assert _is_error(response, 400)["code"] == "invalid_json", url
    arrays = b"[" * depth + b"]" * depth
    response = _quiet(client_for("demo-school-a")).post("/api/v1/teachers/", arrays, content_type="application/json")
    assert _is_error(response, 400)["code"] == "invalid_json"


def test_json_nested_within_the_limit_is_parsed(client_for):
    """A normal body: deep enough for any real request, read as before."""
    response = client_for("demo-school-a").post("/api/v1/teachers/", teacher_payload(), format="json")
    assert response.status_code == 201, response.json()
    response = client_for("demo-county-a").post(
        "/api/v1/catalog/validate/", {"group": "basic", "data": {"extra": {"a": [[[[1]]]]}}}, format="json"
    )
    assert response.status_code in (200, 400)
    assert response.json().get("code") != "invalid_json"


@pytest.mark.parametrize("raw", [b"{", b'{"a":}', b"\xff\xfe", b"[1,2", b"NaN", b'"\\ud800"'])
def test_malformed_json_is_a_400(client_for, raw):
    response = _quiet(client_for("demo-school-a")).post("/api/v1/teachers/", raw, content_type="application/json")
    assert _is_error(response, 400)["code"] in ("invalid_json", "invalid", "parse_error")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_json_413(api, client_for):
    big = json.dumps({"username": "x" * 2000, "password": "y"})
    body = _is_error(_quiet(api).post("/api/v1/auth/token/", big, content_type="application/json"), 413)
    assert body["code"] == "too_large"
    body = _is_error(
        _quiet(client_for("demo-school-a")).post(
            "/api/v1/teachers/", json.dumps(teacher_payload(remarks="x" * 2000)), content_type="application/json"
        ),
        413,
    )
    form = _quiet(client_for("demo-school-a")).post("/api/v1/teachers/", {"remarks": "x" * 2000})
    _is_error(form, 413)


def _cursor(raw: str) -> str:
    import base64

    return base64.b64encode(raw.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    ["!!!", _cursor("p=abc"), _cursor("p=\x00"), _cursor("p=" + "9" * 30), _cursor("o=" + "9" * 30), _cursor("r=x")],
)
def test_a_forged_cursor_is_a_client_error(client_for, cursor):
    """Every list with a cursor: a forged one is DRF's invalid-cursor 404 (or the first page), never a 500."""
    client = _quiet(client_for("demo-province"))
    tried = 0
    for path, op in _operations("get"):
        if not any(p["name"] == "cursor" for p in op.get("parameters", [])):
            continue
        url = _concrete(path)
        if url is None:
            continue
        response = client.get(url, {"cursor": cursor})
        assert response.status_code in (200, 400, 403, 404), (url, response.status_code, response.content[:200])
        if response.status_code != 200:  # "!!!" decodes to an empty cursor: the first page
            _is_error(response, response.status_code)
        tried += 1
    assert tried >= 8


@pytest.mark.parametrize("ids", [[2**63], [2**64 - 1], [-1], [0]])
def test_review_bulk_ids_out_of_range_are_answered(client_for, ids):
    response = _quiet(client_for("demo-county-a")).post(
        "/api/v1/reviews/bulk/", {"action": "approve", "ids": ids}, format="json"
    )
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:
        assert [r["ok"] for r in response.json()] == [False]


def test_an_unknown_api_path_is_a_json_404(client_for, api):
    for client in (api, client_for("demo-province")):
        for url in ("/api/v1/nope/", "/api/v1/reviews/1.5/", "/api/v2/teachers/"):
            assert _is_error(_quiet(client).get(url), 404)["code"] == "not_found"


def test_the_handlers_answer_in_the_one_format(rf):
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    from tmis.core.views import bad_request, server_error

    big = bad_request(rf.post("/api/v1/teachers/"), RequestDataTooBig("too big"))
    assert big.status_code == 413 and json.loads(big.content)["code"] == "too_large"
    many = bad_request(rf.post("/api/v1/teachers/"), TooManyFieldsSent("many"))
    assert many.status_code == 400 and json.loads(many.content)["code"] == "bad_request"
    crashed = server_error(rf.get("/api/v1/teachers/"))
    assert crashed.status_code == 500 and json.loads(crashed.content)["code"] == "server_error"
    assert server_error(rf.get("/teachers")).status_code == 500  # the SPA's paths keep Django's page
