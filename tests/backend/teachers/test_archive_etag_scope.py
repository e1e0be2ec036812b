"""Issue 4: ETag/If-Match and scope on the teacher endpoint and every one of the 15 group endpoints."""

from __future__ import annotations

import pytest

from tests.backend.teachers.archive_rules_support import (
    GROUPS,
    SCHOOL_A,
    SCHOOL_B,
    SIBLING_OF_A,
    TEACHERS,
    create,
    created,
    error_codes,
    etag,
)
from tests.factories.accounts import UserFactory
from tests.factories.teachers import resident_id
from tmis.orgs.models import Organisation
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.owned_groups import OWNED_GROUPS

pytestmark = pytest.mark.django_db

# --- 7. ETag / If-Match ---------------------------------------------------------------------------------------


def test_etag_flow(filler_a):
    body = created(filler_a)
    url = f"{TEACHERS}{body['id']}/"
    v1 = f'"{body["id"]}-v1"'
    assert filler_a.get(url)["ETag"] == v1

    missing = filler_a.patch(url, {"former_name": "张三"}, format="json")
    assert missing.status_code == 428
    assert missing.json()["code"] == "precondition_required"
    assert Teacher.objects.get(pk=body["id"]).former_name == ""  # nothing written without If-Match

    ok = filler_a.patch(url, {"former_name": "张三"}, format="json", HTTP_IF_MATCH=v1)
    assert ok.status_code == 200
    v2 = f'"{body["id"]}-v2"'
    assert ok["ETag"] == v2 and ok.json()["version"] == 2
    assert filler_a.get(url)["ETag"] == v2

    new_number = resident_id()
    stale = filler_a.patch(url, {"former_name": "李四", "id_number": new_number}, format="json", HTTP_IF_MATCH=v1)
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale"
    teacher = Teacher.objects.get(pk=body["id"])
    assert (teacher.former_name, teacher.version, teacher.id_masked) == ("张三", 2, body["id_number"])
    assert filler_a.get(TEACHERS, {"id_number": new_number}).json()["results"] == []

    again = filler_a.patch(url, {"former_name": "李四"}, format="json", HTTP_IF_MATCH=v2)
    assert again.status_code == 200 and again["ETag"] == f'"{body["id"]}-v3"'


@pytest.mark.parametrize("header", ["garbage", 'W/"{id}-v1"', '"{other}-v1"', '"{id}-v99"', '"{id}-v0"', 'W/"{id}-vx"'])
def test_a_foreign_or_malformed_if_match_is_412_and_writes_nothing(filler_a, header):
    body = created(filler_a)
    other = created(filler_a)
    value = header.format(id=body["id"], other=other["id"])
    response = filler_a.patch(f"{TEACHERS}{body['id']}/", {"former_name": "x"}, format="json", HTTP_IF_MATCH=value)
    assert response.status_code == 412, response.content.decode()
    assert Teacher.objects.get(pk=body["id"]).former_name == ""


def test_a_group_record_write_makes_the_old_etag_stale(filler_a):
    body = created(filler_a)
    url = f"{TEACHERS}{body['id']}/"
    assert filler_a.post(f"{url}study/", {"study_major": "数学"}, format="json").status_code == 201
    stale = filler_a.patch(url, {"former_name": "张三"}, format="json", HTTP_IF_MATCH=etag(body))
    assert stale.status_code == 412
    fresh = filler_a.get(url)
    assert fresh["ETag"] == f'"{body["id"]}-v2"'
    assert filler_a.patch(url, {"former_name": "张三"}, format="json", HTTP_IF_MATCH=fresh["ETag"]).status_code == 200


# --- 8. scope on every endpoint -------------------------------------------------------------------------------


@pytest.fixture
def county_a_filler(client_for):
    """A filler at county level (城关区): sees every school of 城关区 and nothing of 七里河区."""
    return client_for(UserFactory(organisation=Organisation.objects.get(code="620102"), roles=["filler"]))


@pytest.fixture
def archive_b(filler_b) -> dict:
    """A teacher of 七里河区 with one record in each of the 15 groups."""
    body = created(filler_b, school=SCHOOL_B)
    records = {}
    for group in GROUPS:
        if group in OWNED_GROUPS:  # written by its module (国内培训: an approved claim), never through the archive
            owner = Teacher.objects.get(pk=body["id"])
            records[group] = GROUP_MODELS[group].objects.create(teacher=owner, province_code=owner.province_code).pk
            continue
        response = filler_b.post(f"{TEACHERS}{body['id']}/{group}/", {}, format="json")
        assert response.status_code == 201, (group, response.content.decode())
        records[group] = response.json()["id"]
    teacher = filler_b.get(f"{TEACHERS}{body['id']}/")
    return {"teacher": teacher.json(), "etag": teacher["ETag"], "records": records}


def test_another_countys_teacher_is_404_on_the_teacher_endpoints(filler_a, county_a_filler, archive_b, client_for):
    teacher = archive_b["teacher"]
    url = f"{TEACHERS}{teacher['id']}/"
    for client in (filler_a, county_a_filler):
        listed = client.get(TEACHERS, {"page_size": 500}).json()["results"]
        assert teacher["id"] not in [t["id"] for t in listed]
        for params in (
            {"teacher_no": teacher["teacher_no"]},
            {"school": SCHOOL_B},
            {"org": "620103"},
            {"q": "张"},
            {"name": "张伟"},
        ):
            assert client.get(TEACHERS, params).json()["results"] == [], params
        assert client.get(url).status_code == 404
        assert client.get(url, {"fields": "id"}).status_code == 404
        assert client.get(f"{url}id-number/").status_code == 404
        assert client.patch(url, {"name": "改名"}, format="json", HTTP_IF_MATCH=archive_b["etag"]).status_code == 404
        assert client.delete(url).status_code == 404
    saved = Teacher.objects.get(pk=teacher["id"])
    assert (saved.name, saved.version) == ("张伟", teacher["version"])
    for login in ("demo-school-b", "demo-county-b", "demo-city", "demo-province", "demo-central"):
        assert client_for(login).get(url).status_code == 200, login


@pytest.mark.parametrize("group", GROUPS)
def test_another_countys_child_records_are_404(filler_a, county_a_filler, archive_b, client_for, group):
    teacher_id = archive_b["teacher"]["id"]
    record_id = archive_b["records"][group]
    base = f"{TEACHERS}{teacher_id}/{group}/"
    item = f"{base}{record_id}/"
    mine = created(filler_a)
    through_mine = f"{TEACHERS}{mine['id']}/{group}/{record_id}/"  # someone else's record under my teacher
    for client in (filler_a, county_a_filler):
        assert client.get(base).status_code == 404
        assert client.get(item).status_code == 404
        assert client.patch(item, {}, format="json").status_code == 404
        assert client.delete(item).status_code == 404
        assert client.post(base, {}, format="json").status_code == 404
        assert client.get(through_mine).status_code == 404
        assert client.patch(through_mine, {}, format="json").status_code == 404
        assert client.delete(through_mine).status_code == 404
        assert client.get(f"{TEACHERS}{mine['id']}/{group}/").json()["results"] == []
    model = GROUP_MODELS[group]
    assert list(model.objects.filter(teacher_id=teacher_id).values_list("id", flat=True)) == [record_id]
    assert Teacher.objects.get(pk=teacher_id).version == archive_b["teacher"]["version"]  # no write went through
    for login in ("demo-school-b", "demo-county-b", "demo-province"):
        insider = client_for(login)
        assert [r["id"] for r in insider.get(base).json()["results"]] == [record_id], login
        assert insider.get(item).status_code == 200, login


def test_a_school_user_cannot_see_a_sibling_school(filler_a, county_a_filler, client_for):
    sibling = created(county_a_filler, school=SIBLING_OF_A)
    own = created(filler_a)
    url = f"{TEACHERS}{sibling['id']}/"
    assert [t["id"] for t in filler_a.get(TEACHERS).json()["results"]] == [own["id"]]
    assert filler_a.get(TEACHERS, {"school": SIBLING_OF_A}).json()["results"] == []
    assert filler_a.get(TEACHERS, {"org": "620102"}).json()["results"] == []  # the county is outside its scope
    assert filler_a.get(url).status_code == 404
    assert filler_a.get(f"{url}study/").status_code == 404
    reviewer = client_for("demo-school-a-reviewer")
    assert reviewer.get(url).status_code == 404
    county = client_for("demo-county-a")
    assert {t["id"] for t in county.get(TEACHERS).json()["results"]} == {own["id"], sibling["id"]}
    assert county.get(url).status_code == 200


def test_a_province_user_sees_every_teacher_under_it_and_nothing_else(
    filler_a, filler_b, county_a_filler, beijing, client_for
):
    school_bj, filler_bj = beijing
    gansu = {
        created(filler_a)["id"],
        created(filler_b, school=SCHOOL_B)["id"],
        created(county_a_filler, school=SIBLING_OF_A)["id"],
    }
    outside = created(filler_bj, school=school_bj.code)["id"]
    province = client_for("demo-province")
    assert {t["id"] for t in province.get(TEACHERS, {"page_size": 500}).json()["results"]} == gansu
    for teacher_id in gansu:
        assert province.get(f"{TEACHERS}{teacher_id}/").status_code == 200
        assert province.get(f"{TEACHERS}{teacher_id}/study/").status_code == 200
    assert province.get(f"{TEACHERS}{outside}/").status_code == 404
    assert province.get(f"{TEACHERS}{outside}/study/").status_code == 404
    assert len(province.get(TEACHERS, {"org": "620103"}).json()["results"]) == 1
    assert province.get(TEACHERS, {"org": "110000"}).json()["results"] == []
    central = client_for("demo-central")
    assert {t["id"] for t in central.get(TEACHERS, {"page_size": 500}).json()["results"]} == gansu | {outside}


@pytest.mark.parametrize("school", [SIBLING_OF_A, SCHOOL_B, "620102", "2111900000", ""])
def test_a_school_filler_cannot_create_in_another_school(filler_a, school):
    number = resident_id()
    response = create(filler_a, school=school, id_number=number)
    assert response.status_code == 400, response.content.decode()
    assert "school" in response.json()["errors"]
    assert not Teacher.objects.exists()
    assert create(filler_a, id_number=number).status_code == 201  # the refused number was not taken


def test_a_county_filler_creates_only_in_its_own_schools(county_a_filler):
    assert create(county_a_filler, school=SIBLING_OF_A).status_code == 201
    for school in (SCHOOL_B, "620102"):  # another county's school; the county itself is no school
        response = create(county_a_filler, school=school)
        assert response.status_code == 400
        assert error_codes(response, "school") == {"not_found"}
    assert Teacher.objects.count() == 1


def test_an_update_cannot_move_a_teacher_to_another_school(filler_a):
    body = created(filler_a)
    response = filler_a.patch(
        f"{TEACHERS}{body['id']}/", {"school": SCHOOL_B, "former_name": "张三"}, format="json", HTTP_IF_MATCH=etag(body)
    )
    assert response.status_code in (200, 400)
    assert Teacher.objects.get(pk=body["id"]).school.code == SCHOOL_A


def test_not_every_role_writes(client_for, filler_a):
    """Writes are for fillers: a reviewer or an admin in scope gets 403 and nothing changes."""
    body = created(filler_a)
    url = f"{TEACHERS}{body['id']}/"
    for login in ("demo-school-a-reviewer", "demo-county-a", "demo-province"):
        client = client_for(login)
        assert create(client).status_code == 403
        assert client.patch(url, {"former_name": "x"}, format="json", HTTP_IF_MATCH=etag(body)).status_code == 403
        assert client.delete(url).status_code == 403
        assert client.post(f"{url}study/", {}, format="json").status_code == 403
    teacher = Teacher.objects.get(pk=body["id"])
    assert (teacher.version, teacher.former_name) == (1, "")
    assert Teacher.objects.count() == 1
