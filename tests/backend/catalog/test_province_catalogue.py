"""统一规划、地方定制: a province selects optional national indicators, adds its own, and publishes versions."""

import pytest

from tests.factories.orgs import SchoolFactory
from tmis.catalog.models import Indicator, ProvinceCatalogue
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db

GANSU_SCHOOL = "2162010201"
KINDERGARTEN = "1162010203"
EXTENSION = {
    "code": "ext_mandarin_cert",
    "group": "basic",
    "name": "普通话证书编号",
    "name_en": "Putonghua certificate number",
    "type": "text",
    "required": True,
    "validation": {"max_length": 20},
}
DIALECT_TABLE = {
    "slug": "gs-dialect",
    "name": "方言区",
    "name_en": "Dialect area",
    "items": [{"code": "1", "name": "中原官话"}, {"code": "2", "name": "兰银官话"}],
}


def optional_indicator(stage="primary_secondary"):
    """A national indicator that is optional for primary/secondary schools."""
    return (
        Indicator.objects.filter(stages__contains=[stage])
        .exclude(core_stages__contains=[stage])
        .exclude(validation__has_key="derived")
        .order_by("group__order", "order")
        .first()
    )


def fields(client, org):
    schema = client.get("/api/v1/catalog/schema/", {"org": org}).json()
    return schema, {f: g["ui"]["fields"][f] | {"group": g["code"]} for g in schema["groups"] for f in g["ui"]["fields"]}


def spec(**overrides):
    return {"selected": {}, "extensions": [], "code_tables": []} | overrides


@pytest.fixture
def province(client_for):
    return client_for("demo-province")


def test_publish_extends_the_schema_of_the_provinces_schools_only(province, client_for):
    optional = optional_indicator()
    other_school = SchoolFactory(parent=Organisation.objects.get(code="110101"))
    central = client_for("demo-central")
    before, before_fields = fields(central, GANSU_SCHOOL)
    assert before["catalogue_version"] == 0
    assert optional.code not in before_fields

    body = spec(
        selected={optional.code: {"required": True}},
        extensions=[
            EXTENSION,
            {
                **EXTENSION,
                "code": "ext_dialect",
                "name": "方言区",
                "type": "code",
                "code_table": "gs-dialect",
                "required": False,
            },
        ],
        code_tables=[DIALECT_TABLE],
    )
    saved = province.put("/api/v1/catalog/provinces/620000/draft/", body, format="json", HTTP_IF_NONE_MATCH="*")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["status"] == "draft"
    assert fields(central, GANSU_SCHOOL)[0]["catalogue_version"] == 0  # a draft changes nothing yet

    diff = province.get("/api/v1/catalog/provinces/620000/draft/diff/").json()
    assert diff["extensions_added"] == ["ext_dialect", "ext_mandarin_cert"]
    assert diff["selected_added"] == [optional.code]
    published = province.post("/api/v1/catalog/provinces/620000/publish/")
    assert published.status_code == 200, published.json()
    assert published.json()["catalogue"]["version"] == 1

    after, after_fields = fields(central, GANSU_SCHOOL)
    assert after["catalogue_version"] == 1
    assert after_fields[optional.code]["required"] is True
    assert after_fields["ext_mandarin_cert"]["extension"] is True
    assert after_fields["ext_mandarin_cert"]["required"] is True
    basic = next(g for g in after["groups"] if g["code"] == "basic")
    assert "ext_mandarin_cert" in basic["schema"]["required"]
    assert basic["schema"]["properties"]["ext_dialect"]["enum"] == ["1", "2"]
    assert after["province_code_tables"][0]["slug"] == "gs-dialect"

    elsewhere, elsewhere_fields = fields(central, other_school.code)
    assert elsewhere["catalogue_version"] == 0
    assert "ext_mandarin_cert" not in elsewhere_fields
    assert optional.code not in elsewhere_fields


def test_the_validator_follows_the_published_catalogue(province, client_for):
    province.put(
        "/api/v1/catalog/provinces/620000/draft/", spec(extensions=[EXTENSION]), format="json", HTTP_IF_NONE_MATCH="*"
    )
    province.post("/api/v1/catalog/provinces/620000/publish/")
    result = (
        client_for("demo-school-a")
        .post(
            f"/api/v1/catalog/validate/?org={GANSU_SCHOOL}",
            {"group": "basic", "data": {"ext_mandarin_cert": "x" * 21}},
            format="json",
        )
        .json()
    )
    assert result["catalogue_version"] == 1
    assert result["errors"]["ext_mandarin_cert"][0]["code"] == "max_length"


def test_published_versions_are_immutable(province):
    province.put(
        "/api/v1/catalog/provinces/620000/draft/", spec(extensions=[EXTENSION]), format="json", HTTP_IF_NONE_MATCH="*"
    )
    province.post("/api/v1/catalog/provinces/620000/publish/")
    second = province.put(
        "/api/v1/catalog/provinces/620000/draft/", spec(), format="json", HTTP_IF_NONE_MATCH="*"
    ).json()
    assert second["version"] == 2
    assert second["status"] == "draft"
    v1 = ProvinceCatalogue.objects.get(province__code="620000", version=1)
    assert v1.status == "published"
    assert [e["code"] for e in v1.spec["extensions"]] == ["ext_mandarin_cert"]
    state = province.get("/api/v1/catalog/provinces/620000/").json()
    assert state["published"]["version"] == 1
    assert state["draft"]["version"] == 2
    assert [v["version"] for v in state["versions"]] == [2, 1]
    assert province.delete("/api/v1/catalog/provinces/620000/draft/", HTTP_IF_MATCH="*").status_code == 204
    assert province.post("/api/v1/catalog/provinces/620000/publish/").json()["code"] == "no_draft"


def test_core_indicators_cannot_be_selected_or_made_optional(province):
    core = Indicator.objects.filter(core_stages__len=5).first()
    response = province.put(
        "/api/v1/catalog/provinces/620000/draft/",
        spec(selected={core.code: {"required": False}}),
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert response.status_code == 400
    assert response.json()["errors"][f"selected.{core.code}"][0]["code"] == "core_indicator"


@pytest.mark.parametrize(
    ("extension", "path", "code"),
    [
        ({"code": "mandarin"}, "extensions.0.code", "invalid_format"),
        ({"code": "ext_x", "group": "nope"}, "extensions.0.group", "unknown_group"),
        ({"code": "ext_x", "type": "code", "code_table": "missing"}, "extensions.0.code_table", "unknown_code_table"),
    ],
)
def test_bad_extensions_name_the_path(province, extension, path, code):
    response = province.put(
        "/api/v1/catalog/provinces/620000/draft/",
        spec(extensions=[{**EXTENSION, **extension}]),
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert response.status_code == 400
    assert response.json()["errors"][path][0]["code"] == code
    assert not ProvinceCatalogue.objects.filter(province__code="620000").exists()


def test_national_code_clash_and_duplicate_table(province):
    national = Indicator.objects.first().code
    response = province.put(
        "/api/v1/catalog/provinces/620000/draft/",
        spec(
            extensions=[{**EXTENSION, "code": f"ext_{national}"}, {**EXTENSION, "code": f"ext_{national}"}],
            code_tables=[{**DIALECT_TABLE, "slug": "gender"}],
        ),
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    errors = response.json()["errors"]
    assert errors["extensions.1.code"][0]["code"] == "duplicate"
    assert errors["code_tables.0.slug"][0]["code"] == "duplicate"


@pytest.mark.parametrize(
    ("login", "status"),
    [("demo-city", 404), ("demo-school-a", 403), ("demo-central", 403)],
)
def test_only_the_provinces_own_admins_edit_it(client_for, login, status):
    response = client_for(login).put(
        "/api/v1/catalog/provinces/620000/draft/", spec(), format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert response.status_code == status


def test_kindergarten_and_university_forms_differ(client_for):
    university = SchoolFactory(code="4162019999", school_type="411", name="兰州测试大学")
    client = client_for("demo-city")
    kindergarten, k_fields = fields(client, KINDERGARTEN)
    higher, h_fields = fields(client, university.code)
    assert kindergarten["school_stage"] == "kindergarten"
    assert higher["school_stage"] == "higher"
    k_labels = {f["label"] for f in k_fields.values()}
    h_labels = {f["label"] for f in h_fields.values()}
    assert "是否全日制学前教育专业毕业" in k_labels
    assert "是否全日制学前教育专业毕业" not in h_labels
    assert not any("特教" in label for label in k_labels)  # special-education fields are for 特教 schools
    assert "teaching_year" in h_fields and "teaching_year" not in k_fields  # 高校 records 年度, not 学年
    assert "preschool_trained" in k_fields and "preschool_trained" not in h_fields
    assert k_fields["staff_source"]["code_table"] == "staff-source-kindergarten"
    assert h_fields["staff_source"]["code_table"] == "staff-source-higher-education"


def test_schema_defaults_to_the_callers_organisation(client_for):
    body = client_for("demo-school-a").get("/api/v1/catalog/schema/").json()
    assert body["organisation"] == GANSU_SCHOOL
    assert body["school_stage"] == "primary_secondary"
    assert body["groups"][0]["code"] == "basic"


def test_national_groups_browser(client_for):
    groups = client_for("demo-school-a").get("/api/v1/catalog/groups/").json()
    assert len(groups) == 17
    assert groups[0]["code"] == "basic"
    assert {"name", "birth_date", "id_number"} <= {i["code"] for i in groups[0]["indicators"]}
    found = client_for("demo-school-a").get("/api/v1/catalog/groups/", {"q": "出生日期"}).json()
    assert [i["code"] for g in found for i in g["indicators"]] == ["birth_date"]


@pytest.mark.parametrize("org", ["000000", "620000", "620102"])
def test_regions_get_every_school_kinds_indicators(client_for, org):
    body = client_for("demo-central").get("/api/v1/catalog/schema/", {"org": org}).json()
    assert body["school_stage"] is None
    codes = {f for g in body["groups"] for f in g["ui"]["fields"]}
    assert {"preschool_trained", "teaching_year", "name"} <= codes  # kindergarten-only, 高校-only, everywhere
    basic = next(g for g in body["groups"] if g["code"] == "basic")
    assert "name" in basic["schema"]["required"]
    assert "preschool_trained" not in basic["schema"]["required"]  # core only for kindergartens


def test_schema_query_count(client_for, django_assert_max_num_queries):
    client = client_for("demo-school-a")
    client.get("/api/v1/catalog/schema/")  # warm the per-version cache
    with django_assert_max_num_queries(4):  # user, organisation, its province, the published version
        assert client.get("/api/v1/catalog/schema/").status_code == 200


def test_schema_outside_scope_is_400_naming_org(client_for):
    response = client_for("demo-school-a").get("/api/v1/catalog/schema/", {"org": "2162010301"})
    assert response.status_code == 400 and response.json()["errors"]["org"][0]["code"] == "not_found"


def test_preview_shows_the_draft_then_the_version_in_force(province):
    url = "/api/v1/catalog/provinces/620000/draft/preview/"
    before = province.get(url, {"stage": "kindergarten"}).json()
    assert before["catalogue_version"] == 0
    province.put(
        "/api/v1/catalog/provinces/620000/draft/", spec(extensions=[EXTENSION]), format="json", HTTP_IF_NONE_MATCH="*"
    )
    draft = province.get(url, {"stage": "kindergarten"}).json()
    assert "ext_mandarin_cert" in draft["groups"][0]["ui"]["fields"]
    province.post("/api/v1/catalog/provinces/620000/publish/")
    after = province.get(url, {"stage": "kindergarten"}).json()
    assert after["catalogue_version"] == 1
    assert "ext_mandarin_cert" in after["groups"][0]["ui"]["fields"]
    assert province.get(url, {"stage": "nursery"}).json()["errors"]["stage"][0]["code"] == "invalid_choice"


def test_schema_names_what_the_catalogue_leaves_out(client_for):
    """Whatever an archive holds is named: the national groups and indicators outside the catalogue in force come
    as `outside_groups` (never required), and nothing is in both."""
    body = client_for("demo-school-a").get("/api/v1/catalog/schema/").json()
    inside = {(g["code"], f) for g in body["groups"] for f in g["ui"]["fields"]}
    outside = {(g["code"], f) for g in body["outside_groups"] for f in g["ui"]["fields"]}
    assert outside and not inside & outside
    assert all(not g["schema"].get("required") for g in body["outside_groups"])
    every = {(i.group.code, i.code) for i in Indicator.objects.select_related("group")}
    assert every <= inside | outside
    assert all(g["name"] and g["name_en"] for g in body["outside_groups"])
