"""The national code tables ship with their real codes (spot-checked against the standards)."""

import pytest

from tmis.catalog.models import CodeTable

pytestmark = pytest.mark.django_db


def items(slug):
    return dict(CodeTable.objects.get(slug=slug).items.values_list("code", "name"))


def test_ethnicity_is_gb_3304():
    codes = items("ethnicity")
    assert codes["01"] == "汉族"
    assert codes["56"] == "基诺族"
    assert codes["97"] == "其他"
    assert codes["98"].startswith("外国血统")
    assert "81" not in codes  # 穿青人族 is a local addition, not GB/T 3304
    assert len([c for c in codes if c.isdigit() and 1 <= int(c) <= 56]) == 56


@pytest.mark.parametrize(
    ("slug", "code", "name"),
    [
        ("gender", "1", "男"),
        ("gender", "2", "女"),
        ("political-status", "01", "中共党员"),
        ("political-status", "13", "群众"),
        ("education", "11", "博士研究生毕业"),
        ("id-type", "1", "居民身份证"),
        ("nationality", "156", "中国"),
        ("health", "1", "健康或良好"),
        ("marital-status", "21", "初婚"),
        ("school-type", "211", "小学"),
        ("personnel-status", "100", "在本单位任职"),
        ("teacher-qualification-type", "7", "高等学校"),
    ],
)
def test_spot_checks(slug, code, name):
    assert items(slug)[code].startswith(name[:2]), (slug, code, items(slug).get(code))


def test_required_tables_exist():
    required = {
        "gender",
        "ethnicity",
        "political-status",
        "education",
        "degree",
        "id-type",
        "nationality",
        "health",
        "marital-status",
        "professional-title",
        "post-category",
        "post-grade",
        "teacher-qualification-type",
        "school-type",
        "urban-rural",
        "personnel-status",
        "change-type",
        "training-category",
        "training-form",
        "assessment-result",
    }
    assert required <= set(CodeTable.objects.values_list("slug", flat=True))


def test_hierarchy_is_kept():
    table = CodeTable.objects.get(slug="marital-status")
    assert table.hierarchical
    assert table.items.get(code="21").parent_code == "20"
    school_types = CodeTable.objects.get(slug="school-type")
    assert school_types.leaf_only
    assert school_types.items.get(code="211").parent_code == "21"


def test_every_item_has_an_english_name():
    for table in CodeTable.objects.prefetch_related("items"):
        assert table.name_en
        assert all(item.name_en for item in table.items.all()), table.slug


def test_code_table_api_lists_and_searches(client_for):
    client = client_for("demo-school-a")
    tables = client.get("/api/v1/catalog/code-tables/").json()
    ethnicity = next(t for t in tables if t["slug"] == "ethnicity")
    assert ethnicity["item_count"] == 58
    found = client.get("/api/v1/catalog/code-tables/ethnicity/items/", {"q": "汉"}).json()
    han = next(item for item in found if item["code"] == "01")
    assert han == {"code": "01", "name": "汉族", "name_en": han["name_en"], "parent": "", "initials": han["initials"]}
    assert han["initials"].lower().startswith("hz")  # 汉族: searchable by pinyin initials


def test_items_carry_an_etag_and_answer_304(client_for):
    client = client_for("demo-school-a")
    first = client.get("/api/v1/catalog/code-tables/gender/items/")
    etag = first.headers["ETag"]
    assert first.status_code == 200
    again = client.get("/api/v1/catalog/code-tables/gender/items/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    other = client.get("/api/v1/catalog/code-tables/gender/items/", {"q": "男"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200  # another query is another representation


def test_item_children_by_parent(client_for):
    rows = client_for("demo-school-a").get("/api/v1/catalog/code-tables/school-type/items/", {"parent": "21"}).json()
    assert {row["code"] for row in rows} >= {"211", "218", "219"}


def test_unknown_table_is_404(client_for):
    assert client_for("demo-school-a").get("/api/v1/catalog/code-tables/nope/items/").status_code == 404


def test_code_tables_need_a_login(api):
    assert api.get("/api/v1/catalog/code-tables/").status_code == 401


def test_code_table_detail(client_for):
    body = client_for("demo-school-a").get("/api/v1/catalog/code-tables/ethnicity/").json()
    assert body["slug"] == "ethnicity"
    assert body["standard"].startswith("GB")
    assert body["item_count"] == 58
