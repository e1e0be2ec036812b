"""The one catalogue validator: each kind of bad value is rejected with the right field and machine code."""

import pytest

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"  # a primary school in 城关区


def check(client_for, row, group="basic"):
    response = client_for("demo-school-a").post(
        f"/api/v1/catalog/validate/?org={SCHOOL}",
        {"group": group, "data": row},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_complete_row_is_valid(client_for, valid_row):
    result = check(client_for, valid_row)
    assert result == {"valid": True, "catalogue_version": 0, "errors": {}}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"name": None}, "name", "required"),
        ({"name": "张" * 60}, "name", "max_length"),
        ({"gender": "7"}, "gender", "unknown_code"),
        ({"birth_date": "1985-02-30"}, "birth_date", "invalid_date"),
        ({"birth_date": "1985/03/12"}, "birth_date", "invalid_date"),
        ({"work_start_month": "2008-13"}, "work_start_month", "invalid_year_month"),
        ({"work_start_month": "1980-01"}, "work_start_month", "must_be_after"),
        ({"political_status": ["01", "13"]}, "political_status", "exclusive_code"),
        ({"political_status": ["01", "01"]}, "political_status", "duplicate_code"),
        ({"id_number": "620102198503120031"}, "id_number", "id_checksum"),
        ({"id_number": "6201021985031200"}, "id_number", "id_format"),
        ({"ethnicity": None}, "ethnicity", "required"),
        ({"no_such_indicator": "x"}, "no_such_indicator", "unknown_field"),
        ({"on_establishment": "yes"}, "on_establishment", "invalid_type"),
    ],
)
def test_bad_values_name_the_field_and_code(client_for, valid_row, change, field, code):
    result = check(client_for, {**valid_row, **change})
    assert result["valid"] is False
    assert code in {e["code"] for e in result["errors"].get(field, [])}, result["errors"]


def test_ethnicity_is_not_required_for_foreign_nationals(client_for, valid_row):
    row = {
        **valid_row,
        "nationality": "840",
        "id_type": "A",
        "id_number": "E12345678",
        "ethnicity": None,
        "political_status": None,
    }
    assert "ethnicity" not in check(client_for, row)["errors"]


def test_messages_are_in_the_request_language(client_for, valid_row):
    row = {**valid_row, "birth_date": "1985-02-30"}
    zh = (
        client_for("demo-school-a")
        .post(
            f"/api/v1/catalog/validate/?org={SCHOOL}",
            {"group": "basic", "data": row},
            format="json",
            HTTP_ACCEPT_LANGUAGE="zh-CN",
        )
        .json()
    )
    assert zh["errors"]["birth_date"][0]["message"] == "出生日期不是有效日期（YYYY-MM-DD）。"
    en = check(client_for, row)
    assert en["errors"]["birth_date"][0]["message"] == "Date of birth is not a valid date (YYYY-MM-DD)."


def test_contact_formats(client_for):
    selected = {"mobile": {"required": False}, "email": {"required": False}}
    province = client_for("demo-province")
    province.put(
        "/api/v1/catalog/provinces/620000/draft/",
        {"selected": selected, "extensions": [], "code_tables": []},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    province.post("/api/v1/catalog/provinces/620000/publish/")
    result = check(client_for, {"mobile": "12345", "email": "not-an-email"}, group="contact")
    assert result["errors"]["mobile"][0]["code"] == "invalid_phone"
    assert result["errors"]["email"][0]["code"] == "invalid_email"


def test_unknown_group_and_out_of_scope_org(client_for):
    client = client_for("demo-school-a")
    bad = client.post(f"/api/v1/catalog/validate/?org={SCHOOL}", {"group": "nope", "data": {}}, format="json")
    assert bad.json()["errors"]["group"][0]["code"] == "unknown_group"
    other = client.post("/api/v1/catalog/validate/?org=2162010301", {"group": "basic", "data": {}}, format="json")
    assert other.status_code == 400 and other.json()["errors"]["org"][0]["code"] == "not_found"


def test_school_entry_not_before_work_start(client_for, valid_row):
    row = {**valid_row, "work_start_month": "2010-09", "school_entry_month": "2009-09"}
    assert "must_not_be_before" in {e["code"] for e in check(client_for, row)["errors"]["school_entry_month"]}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"treatment_year": __import__("datetime").date.today().year}, "treatment_year", "current_year_not_allowed"),
        ({"annual_salary": 12.345}, "annual_salary", "too_many_decimals"),
        ({"basic_salary": -1}, "basic_salary", "minimum"),
        ({"five_insurance": ["0", "1"]}, "five_insurance", "exclusive_code"),
    ],
)
def test_treatment_rules(client_for, change, field, code):
    row = {"treatment_year": 2020, "annual_salary": 60000, "basic_salary": 3000, **change}
    assert code in {e["code"] for e in check(client_for, row, group="treatment")["errors"].get(field, [])}


@pytest.fixture
def with_optional_fields(client_for):
    chosen = ["weekly_teaching_hours", "overseas_start_date", "overseas_end_date", "overseas_country"]
    province = client_for("demo-province")
    province.put(
        "/api/v1/catalog/provinces/620000/draft/",
        {"selected": {c: {"required": False} for c in chosen}, "extensions": [], "code_tables": []},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert province.post("/api/v1/catalog/provinces/620000/publish/").status_code == 200


@pytest.mark.usefixtures("with_optional_fields")
@pytest.mark.parametrize(
    ("group", "row", "field", "code"),
    [
        ("teaching", {"weekly_teaching_hours": 200}, "weekly_teaching_hours", "maximum"),
        ("teaching", {"teaching_status": "20"}, "weekly_teaching_hours", "required"),
        ("overseas", {"overseas_flag": False, "overseas_country": "840"}, "overseas_country", "must_be_empty"),
        ("overseas", {"overseas_flag": True, "overseas_country": "156"}, "overseas_country", "must_differ"),
        (
            "overseas",
            {"overseas_flag": True, "overseas_start_date": "2020-05-01", "overseas_end_date": "2020-04-01"},
            "overseas_end_date",
            "must_be_after",
        ),
        ("teaching", {"teaching_stages": ["0"], "weekly_teaching_hours": 10}, "weekly_teaching_hours", "must_be_empty"),
    ],
)
def test_cross_field_rules_of_many_row_groups(client_for, group, row, field, code):
    assert code in {e["code"] for e in check(client_for, row, group=group)["errors"].get(field, [])}
