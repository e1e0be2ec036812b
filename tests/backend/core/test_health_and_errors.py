import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_database(api):
    response = api.get("/api/v1/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unauthenticated_error_has_the_one_format(api):
    body = api.get("/api/v1/orgs/").json()
    assert body["status"] == 401
    assert body["code"] == "not_authenticated"
    assert body["message"]


def test_not_found_message_follows_accept_language(client_for):
    client = client_for("demo-county-a")
    zh = client.get("/api/v1/orgs/620103/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    en = client.get("/api/v1/orgs/620103/", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 404
    assert zh.json()["code"] == en.json()["code"] == "not_found"
    assert en.json()["message"] == "Not found."
    assert zh.json()["message"] != en.json()["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.json()["message"])


def test_validation_error_lists_fields_with_codes(client_for):
    response = client_for("demo-county-a").post(
        "/api/v1/orgs/",
        {"parent": "620102", "name": "", "level": "school"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert {"code", "name"} <= set(body["errors"])
    assert body["errors"]["code"][0]["code"] == "required"


def test_method_not_allowed_uses_the_format(client_for):
    body = client_for("demo-county-a").put("/api/v1/orgs/620102/", {}, format="json").json()
    assert body["status"] == 405
    assert body["code"] == "method_not_allowed"


def test_spa_index_is_served_for_client_routes(api, settings, tmp_path):
    (tmp_path / "index.html").write_text("<html>tmis spa</html>")
    settings.FRONTEND_DIST = tmp_path
    response = api.get("/orgs/620102")
    assert response.status_code == 200
    assert b"tmis spa" in response.content


def test_business_rule_messages_are_translated(client_for):
    payload = {"parent": "620102", "code": "2163010299", "name": "新学校", "level": "school", "school_type": "211"}
    client = client_for("demo-county-a")
    zh = client.post("/api/v1/orgs/", payload, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN").json()
    en = client.post("/api/v1/orgs/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert zh["errors"]["code"][0]["message"] == "学校标识码第 3–4 位应为省份代码 62。"
    assert en["errors"]["code"][0]["message"] == "Digits 3–4 of a school code must be the province code 62."
    assert zh["message"] == "提交的数据有误。"


@pytest.mark.parametrize("form", ["multipart", None])
def test_a_form_body_is_refused_where_json_is_expected(client_for, form):
    """JSON-only request bodies (issue 20): a generated client that sent form data would silently double list items;
    now it is told, in the one error format. Only the upload endpoints take multipart."""
    client = client_for("demo-county-a")
    data = {"parent": "620102", "name": "新学校", "level": "school"}
    if form:
        response = client.post("/api/v1/orgs/", data, format=form)
    else:
        response = client.post("/api/v1/orgs/", "parent=620102", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415, response.content
    assert response.json()["code"] == "unsupported_media_type"


def test_the_schema_declares_json_bodies_and_multipart_only_for_uploads():
    from pathlib import Path

    import yaml

    schema = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi" / "schema.yaml").read_text())
    kinds: dict[str, set[str]] = {}
    for path_item in schema["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                kinds[operation["operationId"]] = set(operation["requestBody"]["content"])
    uploads = {op for op, media in kinds.items() if "multipart/form-data" in media}
    assert uploads == {
        "headcounts_import",
        "imports_create",
        "training_claims_evidence_create",
        "training_programmes_completions_create",
    }
    assert all(media == {"application/json"} for op, media in kinds.items() if op not in uploads), kinds


def test_the_schema_declares_the_statuses_of_bodies_and_retries():
    """Issue 20: a generated client parses every answer it can get — a body too large or not JSON, a reused
    Idempotency-Key — as the one error format, not as "unparsed"."""
    from pathlib import Path

    import yaml

    schema = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi" / "schema.yaml").read_text())
    for path_item in schema["paths"].values():
        for method, operation in path_item.items():
            declared = set(operation["responses"])
            if "requestBody" in operation:
                assert {"413", "415"} <= declared, operation["operationId"]
            if method == "post":
                assert "422" in declared, operation["operationId"]
                headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
                assert "Idempotency-Key" in headers, operation["operationId"]


def test_the_schema_declares_fields_and_brief_where_the_answer_trims_itself(client_for):
    from pathlib import Path

    import yaml

    schema = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi" / "schema.yaml").read_text())
    trimming = {
        operation["operationId"]
        for path_item in schema["paths"].values()
        for operation in path_item.values()
        if {"fields", "brief"} <= {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    }
    assert {"teachers_list", "teachers_retrieve", "orgs_list", "users_list", "teachers_study_list"} <= trimming
    assert not {"reviews_list", "imports_retrieve"} & trimming
    trimmed = client_for("demo-county-a").get("/api/v1/orgs/", {"fields": "code,name", "page_size": 2}).json()
    assert all(set(row) == {"code", "name"} for row in trimmed["results"])
