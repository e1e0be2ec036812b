"""ETag on read, If-Match on every write of a resource two people can edit (tmis.core.etag): teachers, the fifteen
groups' records, users, organisations, the province catalogue draft, review chains."""

import re

import pytest

from tests.backend.core.etag_resources import RESOURCES, build
from tmis.catalog.models import ProvinceCatalogue
from tmis.teachers.models import GROUP_MODELS
from tmis.teachers.owned_groups import OWNED_GROUPS

pytestmark = pytest.mark.django_db

STRONG = re.compile(r'^"[^"]+"$')


@pytest.fixture(params=RESOURCES)
def resource(request, client_for):
    return build(request.param, client_for)


def test_get_gives_a_strong_etag(resource, client_for):
    etag = resource.etag(client_for(resource.login))
    assert STRONG.match(etag), etag


def test_a_write_without_if_match_is_428_and_changes_nothing(resource, client_for):
    client = client_for(resource.login)
    before = resource.state()
    response = resource.write(client, 1)
    assert response.status_code == 428, response.content
    body = response.json()
    assert body["code"] == "precondition_required" and body["status"] == 428
    assert "If-Match" in body["message"]
    assert resource.state() == before


def test_a_stale_etag_is_412_and_changes_nothing(resource, client_for):
    client = client_for(resource.login)
    base = resource.etag(client)
    assert resource.write(client, 1, HTTP_IF_MATCH=base).status_code == resource.status
    after_first = resource.state()
    for stale in (base, '"0-v0"', f"W/{resource.etag(client)}"):  # an old version, a stranger, a weak tag
        response = resource.write(client, 2, HTTP_IF_MATCH=stale)
        assert response.status_code == 412, (stale, response.content)
        assert response.json()["code"] == "stale"
        assert resource.state() == after_first


def test_the_current_etag_succeeds_and_answers_a_new_one(resource, client_for):
    client = client_for(resource.login)
    base = resource.etag(client)
    before = resource.state()
    response = resource.write(client, 1, HTTP_IF_MATCH=base)
    assert response.status_code == 200, response.content
    assert resource.state() != before
    assert response["ETag"] != base
    assert response["ETag"] == response.json()["etag"] == resource.etag(client)


def test_two_writers_with_the_same_etag_one_wins(resource, client_for):
    first, second = client_for(resource.login), client_for(resource.login)
    etag = resource.etag(first)
    assert resource.write(first, 1, HTTP_IF_MATCH=etag).status_code == 200
    won = resource.state()
    assert resource.write(second, 2, HTTP_IF_MATCH=etag).status_code == 412
    assert resource.state() == won


def test_if_match_star_and_a_list_of_tags(resource, client_for):
    """RFC 9110 §13.1.1: `*` matches any current version; a list matches when one of its tags does."""
    client = client_for(resource.login)
    assert resource.write(client, 1, HTTP_IF_MATCH="*").status_code == 200
    current = resource.etag(client)
    assert resource.write(client, 2, HTTP_IF_MATCH=f'"0-v0", {current}').status_code == 200


@pytest.mark.parametrize("group", ["study", "title", "skills"])
def test_deleting_a_group_record_needs_the_current_etag(group, client_for):
    resource = build(f"delete:{group}", client_for)
    client = client_for(resource.login)
    etag = resource.etag(client)
    assert resource.write(client, 0).status_code == 428
    assert resource.write(client, 0, HTTP_IF_MATCH='"0-v0"').status_code == 412
    assert resource.state() is True
    assert resource.write(client, 0, HTTP_IF_MATCH=etag).status_code == 204
    assert resource.state() is False


def test_deleting_a_teacher_needs_the_current_etag(client_for):
    resource = build("teacher", client_for)
    client = client_for(resource.login)
    etag = resource.etag(client)
    assert resource.write(client, 1, HTTP_IF_MATCH=etag).status_code == 200
    assert client.delete(resource.url).status_code == 428
    assert client.delete(resource.url, HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(resource.url, HTTP_IF_MATCH=resource.etag(client)).status_code == 204
    assert client.get(resource.url).status_code == 404


def test_list_rows_carry_the_etag_of_their_get(client_for):
    resource = build("group:study", client_for)
    client = client_for(resource.login)
    rows = client.get(resource.url.rsplit("/", 2)[0] + "/").json()["results"]
    assert len(rows) == 1 and rows[0]["etag"] == client.get(resource.url)["ETag"]
    users = client_for("demo-county-a").get("/api/v1/users/").json()["results"]
    one = users[0]
    assert one["etag"] == client_for("demo-county-a").get(f"/api/v1/users/{one['id']}/")["ETag"]


def test_messages_are_translated(client_for):
    resource = build("user", client_for)
    client = client_for(resource.login)
    missing = resource.write(client, 1, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert missing.status_code == 428 and "If-Match" in missing.json()["message"] and "请" in missing.json()["message"]
    stale = resource.write(client, 1, HTTP_IF_MATCH='"0-v0"', HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert stale.status_code == 412 and "重新加载" in stale.json()["message"]


def test_a_draft_is_started_with_if_none_match_star_once(client_for):
    province = client_for("demo-province")
    url = "/api/v1/catalog/provinces/620000/draft/"
    spec = {"selected": {}, "code_tables": [], "extensions": []}
    assert province.get(url).status_code == 404
    assert province.put(url, spec, format="json").status_code == 428
    assert province.put(url, spec, format="json", HTTP_IF_MATCH="*").status_code == 412  # no draft to match
    started = province.put(url, spec, format="json", HTTP_IF_NONE_MATCH="*")
    assert started.status_code == 200 and started["ETag"] == started.json()["etag"]
    again = province.put(url, spec, format="json", HTTP_IF_NONE_MATCH="*")  # a second admin starting one too
    assert again.status_code == 412
    assert ProvinceCatalogue.objects.filter(province__code="620000", status="draft").count() == 1
    assert province.get("/api/v1/catalog/provinces/620000/").json()["draft"]["etag"] == started["ETag"]


def test_publishing_with_a_stale_etag_publishes_nothing(client_for):
    province = client_for("demo-province")
    url = "/api/v1/catalog/provinces/620000/draft/"
    spec = {"selected": {}, "code_tables": [], "extensions": []}
    first = province.put(url, spec, format="json", HTTP_IF_NONE_MATCH="*")["ETag"]
    province.put(url, spec, format="json", HTTP_IF_MATCH=first)
    stale = province.post("/api/v1/catalog/provinces/620000/publish/", HTTP_IF_MATCH=first)
    assert stale.status_code == 412
    assert not ProvinceCatalogue.objects.filter(province__code="620000", status="published").exists()
    ok = province.post("/api/v1/catalog/provinces/620000/publish/", HTTP_IF_MATCH=province.get(url)["ETag"])
    assert ok.status_code == 200


def test_a_default_review_chain_has_the_default_etag(client_for):
    flows = client_for("demo-province").get("/api/v1/reviews/flows/").json()
    assert {flow["etag"] for flow in flows} == {'"default"'}


def test_the_teachers_etag_format_is_kept(client_for):
    resource = build("teacher", client_for)
    client = client_for(resource.login)
    teacher_id = resource.url.rstrip("/").rsplit("/", 1)[1]
    assert resource.etag(client) == f'"{teacher_id}-v1"'


def test_every_group_is_covered():
    covered = {name.removeprefix("group:") for name in RESOURCES if name.startswith("group:")}
    assert covered == set(GROUP_MODELS) - set(OWNED_GROUPS)  # an owned group takes no person's writes


def test_the_openapi_document_declares_the_preconditions():
    from pathlib import Path

    import yaml

    schema = yaml.safe_load((Path(__file__).parents[3] / "openapi" / "schema.yaml").read_text())
    guarded = [
        ("/api/v1/teachers/{id}/", "patch"),
        ("/api/v1/teachers/{id}/", "delete"),
        *(
            (f"/api/v1/teachers/{{teacher_pk}}/{group}/{{id}}/", method)
            for group in GROUP_MODELS
            for method in ("patch", "delete")
        ),
        ("/api/v1/users/{id}/", "patch"),
        ("/api/v1/orgs/{code}/", "patch"),
        ("/api/v1/catalog/provinces/{code}/draft/", "put"),
        ("/api/v1/catalog/provinces/{code}/draft/", "delete"),
        ("/api/v1/reviews/flows/{kind}/", "patch"),
    ]
    for path, method in guarded:
        operation = schema["paths"][path][method]
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert "If-Match" in headers, (path, method)
        assert {"412", "428"} <= set(operation["responses"]), (path, method)
        if method != "delete":
            assert "ETag" in operation["responses"]["200"]["headers"], (path, method)
    assert "ETag" in schema["paths"]["/api/v1/users/{id}/"]["get"]["responses"]["200"]["headers"]
