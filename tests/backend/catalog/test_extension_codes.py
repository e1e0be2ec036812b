"""A province's administrator types only an extension indicator's name: its code is made from it (ext_ + pinyin
initials), unique within the catalogue, and kept once made."""

import pytest

from tmis.catalog.services import extension_code

pytestmark = pytest.mark.django_db
DRAFT = "/api/v1/catalog/provinces/620000/draft/"


def _ext(name, **more):
    return {"code": "", "group": "basic", "name": name, "type": "text", "required": False} | more


def test_the_code_comes_from_the_name():
    assert extension_code("普通话证书编号", taken=set()) == "ext_pthzsbh"
    assert extension_code("普通话证书编号", taken={"ext_pthzsbh"}) == "ext_pthzsbh_2"
    assert extension_code("CET-4 成绩", taken=set()) == "ext_cet4cj"
    assert extension_code("！！", taken=set()) == "ext_field"


def test_a_draft_gives_new_extensions_their_codes_and_keeps_the_old_ones(client_for):
    province = client_for("demo-province")
    body = {"selected": {}, "code_tables": [], "extensions": [_ext("普通话证书编号"), _ext("普通话证书编号")]}
    saved = province.put(DRAFT, body, format="json", HTTP_IF_NONE_MATCH="*")
    assert saved.status_code == 200, saved.json()
    codes = [e["code"] for e in saved.json()["spec"]["extensions"]]
    assert codes == ["ext_pthzsbh", "ext_pthzsbh_2"]
    # renamed later: the code stays (records hold their values under it); a new one next to it gets a free code
    extensions = saved.json()["spec"]["extensions"]
    extensions[0]["name"] = "普通话水平测试证书编号"
    extensions.append(_ext("普通话证书编号"))
    again = province.put(DRAFT, body | {"extensions": extensions}, format="json", HTTP_IF_MATCH=saved["ETag"])
    assert again.status_code == 200, again.json()
    assert [e["code"] for e in again.json()["spec"]["extensions"]] == ["ext_pthzsbh", "ext_pthzsbh_2", "ext_pthzsbh_3"]


def test_code_items_carry_their_pinyin_initials(client_for):
    items = client_for("demo-school-a").get("/api/v1/catalog/code-tables/ethnicity/items/").json()
    items = items["results"] if isinstance(items, dict) else items
    han = next(item for item in items if item["code"] == "01")
    assert (han["name"], han["initials"]) == ("汉族", "hz")
