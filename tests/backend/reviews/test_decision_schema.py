"""Every decision of a real review flow matches the OpenAPI document (issue 13: the submit decision's `organisation`
and `organisation_name` were null where the schema says non-null strings). A submit or withdraw names the
submitter's organisation."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.factories.teachers import complete_archive

pytestmark = pytest.mark.django_db
SCHEMA = yaml.safe_load((Path(__file__).parents[3] / "openapi" / "schema.yaml").read_text())
TEACHERS = "/api/v1/teachers/"
REVIEWS = "/api/v1/reviews/"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    """A component of the document as JSON Schema ($refs resolved against the document; OpenAPI's `nullable`)."""

    def convert(node):
        if isinstance(node, dict):
            out = {k: convert(v) for k, v in node.items() if k not in ("nullable", "readOnly", "writeOnly")}
            if "$ref" in out:
                out["$ref"] = "#/$defs/" + out["$ref"].rsplit("/", 1)[1]
            if node.get("nullable"):
                out = {"anyOf": [out, {"type": "null"}]}
            return out
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node

    defs = convert(SCHEMA["components"]["schemas"])
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": defs})


def test_every_decision_of_a_real_flow_matches_the_schema(client_for):
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    first = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    assert filler.post(f"{REVIEWS}{first}/withdraw/").status_code == 200
    second = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    returned = client_for("demo-school-a-reviewer").post(
        f"{REVIEWS}{second}/return/", {"reason": "请补充学历信息"}, format="json"
    )
    assert returned.status_code == 200
    third = filler.post(f"{TEACHERS}{teacher}/submit/").json()["id"]
    for login in ("demo-school-a-reviewer", "demo-county-a"):
        assert client_for(login).post(f"{REVIEWS}{third}/approve/").status_code == 200

    validator = _validator("SubmissionDetail")
    actions = []
    for submission in {first, second, third}:
        body = client_for("demo-county-a").get(f"{REVIEWS}{submission}/").json()
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
        assert not errors, errors
        for decision in body["decisions"]:
            actions.append(decision["action"])
            if decision["action"] in ("submit", "withdraw"):  # the submitter's organisation
                assert decision["organisation"] == "2162010201"
                assert decision["organisation_name"] == "兰州市城关区第一实验小学"
    assert {"submit", "withdraw", "return", "approve"} <= set(actions)
