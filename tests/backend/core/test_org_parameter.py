"""An `org` query parameter naming no organisation in the caller's scope is a 400 naming `org` (issue 13), the same
whether the code exists elsewhere or not at all; without it the caller's own organisation is used."""

import pytest

pytestmark = pytest.mark.django_db

OTHER_COUNTY_SCHOOL = "2162010301"  # exists, under demo-county-b (demo-school-a sees only its school)
NO_SUCH = "9999999999"


def _requests(client, org):
    yield "imports/template", client.get("/api/v1/imports/template/", {"org": org})
    yield "catalog/schema", client.get("/api/v1/catalog/schema/", {"org": org})
    yield (
        "catalog/validate",
        client.post(f"/api/v1/catalog/validate/?org={org}", {"group": "basic", "data": {}}, format="json"),
    )
    yield "reviews/progress", client.get("/api/v1/reviews/progress/", {"org": org})


@pytest.mark.parametrize("org", [OTHER_COUNTY_SCHOOL, NO_SUCH, "abc"])
def test_an_org_outside_the_scope_is_a_400_naming_org(client_for, org):
    client = client_for("demo-school-a")
    for name, response in _requests(client, org):
        assert response.status_code == 400, (name, response.status_code)
        body = response.json()
        assert body["code"] == "invalid" and body["errors"]["org"][0]["code"] == "not_found", (name, body)


def test_an_org_in_scope_is_answered(client_for):
    client = client_for("demo-school-a")
    for name, response in _requests(client, "2162010201"):
        assert response.status_code == 200, (name, response.status_code)
