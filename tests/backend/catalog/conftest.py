"""Fixtures of the catalogue tests: a school's basic group and a complete valid row of it."""

import pytest

from tmis.core import idnumbers

SCHOOL = "2162010201"  # a primary school in 城关区


def sample(schema):
    """A valid value for a field's JSON Schema."""
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "array":
        return [schema["items"]["enum"][-1]]
    if kind == "boolean":
        return False
    if kind in {"integer", "number"}:
        return max(schema.get("minimum", 0), 1)
    if schema.get("format") == "date":
        return "1985-03-12"
    if schema.get("format") == "email":
        return "teacher@example.cn"
    if "pattern" in schema and "(0[1-9]|1[0-2])" in schema["pattern"]:
        return "2008-09"
    if "pattern" in schema and "1[3-9]" in schema["pattern"]:
        return "13912345678"
    if "pattern" in schema:
        return "620102"
    return "测试"


@pytest.fixture
def basic(client_for):
    schema = client_for("demo-school-a").get("/api/v1/catalog/schema/", {"org": SCHOOL}).json()
    return next(g for g in schema["groups"] if g["code"] == "basic")


@pytest.fixture
def valid_row(basic):
    props = basic["schema"]["properties"]
    row = {code: sample(props[code]) for code in basic["schema"]["required"]}
    row.update(
        name="张伟",
        gender="1",
        nationality="156",
        id_type="1",
        birth_date="1985-03-12",
        id_number="62010219850312003" + idnumbers.check_char("62010219850312003"),
        ethnicity="01",
        political_status=["13"],
        on_establishment=True,
        grassroots_project="0",  # 否: its dates (required by a rule for a project) stay empty
    )
    return row
