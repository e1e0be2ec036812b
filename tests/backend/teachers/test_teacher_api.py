"""The teacher archive: 一人一号 (one ID document → one archive and number, nationwide), protected ID numbers,
optimistic concurrency and scope."""

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import resident_id, teacher_payload
from tmis.core import crypto, idnumbers
from tmis.orgs.models import Organisation
from tmis.teachers import numbers
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db


def create(client, **overrides):
    return client.post("/api/v1/teachers/", teacher_payload(**overrides), format="json")


@pytest.fixture
def filler_a(client_for):
    return client_for("demo-school-a")


def test_create_a_draft_with_key_information(filler_a):
    number = resident_id()
    response = create(filler_a, id_number=number.lower())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert numbers.is_valid(body["teacher_no"]) and body["teacher_no"].startswith("62")
    assert body["record_state"] == "draft"
    assert body["id_number"] == number[:6] + "********" + number[-4:]
    assert number not in response.content.decode()  # the full value never leaves unmasked
    assert response.headers["ETag"] == f'"{body["id"]}-v1"'
    assert "staff_source" in body["warnings"]  # the rest of the catalogue, as warnings
    teacher = Teacher.objects.get(pk=body["id"])
    assert number.encode() not in bytes(teacher.id_cipher)
    assert teacher.name_pinyin == "zhangwei" and teacher.name_initials == "zw"
    assert teacher.change_seq > 0


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"id_number": "620102198503120030"}, "id_number", "id_checksum"),
        ({"id_number": "62010219851312003X"}, "id_number", "id_birth_date"),
        ({"id_number": "99010219850312003" + idnumbers.check_char("99010219850312003")}, "id_number", "id_region"),
        ({"birth_date": "1985-03-13"}, "birth_date", "id_birth_date_mismatch"),
        ({"gender": "2"}, "gender", "id_gender_mismatch"),
        ({"gender": "7"}, "gender", "unknown_code"),
        ({"name": ""}, "name", "required"),
        ({"school": "2162010301"}, "school", "not_found"),  # another county's school
        ({"id_type": "A", "id_number": "E1"}, "id_number", "id_format"),
    ],
)
def test_bad_key_information_names_the_field(filler_a, change, field, code):
    if change.get("id_number", "").startswith("99"):
        code = "id_region"  # a well-formed number with an impossible province prefix
        change = {
            "id_number": "99010219850312003"
            + __import__("tmis.core.idnumbers", fromlist=["x"]).check_char("99010219850312003")
        }
    response = create(filler_a, **change)
    assert response.status_code == 400, response.json()
    assert code in {e["code"] for e in response.json()["errors"][field]}
    assert not Teacher.objects.exists()


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        ("A", "E12345678"),
        ("6", "A123456(3)"),
        ("7", "1234567(8)"),
        ("8", "12345678"),
        ("C", "H12345678"),
        ("D", "USA123456789012"),
    ],
)
def test_other_document_types(filler_a, id_type, number):
    response = create(filler_a, id_type=id_type, id_number=number, nationality="840" if id_type in "AD" else "156")
    assert response.status_code == 201, response.json()


def test_same_id_in_scope_names_the_archive(filler_a):
    number = resident_id()
    first = create(filler_a, id_number=number).json()
    again = create(filler_a, id_number=number, name="张伟伟")
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_id_document"
    assert again.json()["existing"]["teacher_no"] == first["teacher_no"]


def test_same_id_in_another_province_leaks_nothing(client_for):
    number = resident_id()
    beijing = SchoolFactory(parent=Organisation.objects.get(code="110101"))
    filler_bj = UserFactory(organisation=beijing, roles=["filler"])
    first = create(client_for(filler_bj), school=beijing.code, id_number=number, name="李秘密").json()
    response = create(client_for("demo-school-a"), id_number=number)
    assert response.status_code == 409
    body = response.json()
    assert body["province"] == {"code": "110000", "name": "北京市"}
    text = response.content.decode()
    assert "李秘密" not in text and first["teacher_no"] not in text and "existing" not in body


def test_other_county_teacher_is_404(client_for):
    created = create(client_for("demo-school-b"), school="2162010301").json()
    other = client_for("demo-school-a")
    assert other.get(f"/api/v1/teachers/{created['id']}/").status_code == 404
    assert (
        other.patch(
            f"/api/v1/teachers/{created['id']}/", {"name": "x"}, format="json", HTTP_IF_MATCH=f'"{created["id"]}-v1"'
        ).status_code
        == 404
    )
    assert created["id"] not in [t["id"] for t in other.get("/api/v1/teachers/").json()["results"]]
    assert client_for("demo-county-b").get(f"/api/v1/teachers/{created['id']}/").status_code == 200


def test_update_needs_the_current_etag(filler_a):
    created = create(filler_a).json()
    url = f"/api/v1/teachers/{created['id']}/"
    assert filler_a.patch(url, {"former_name": "张三"}, format="json").status_code == 428
    ok = filler_a.patch(url, {"former_name": "张三"}, format="json", HTTP_IF_MATCH=f'"{created["id"]}-v1"')
    assert ok.status_code == 200, ok.json()
    assert ok.headers["ETag"] == f'"{created["id"]}-v2"'
    stale = filler_a.patch(url, {"former_name": "李四"}, format="json", HTTP_IF_MATCH=f'"{created["id"]}-v1"')
    assert stale.status_code == 412
    assert Teacher.objects.get(pk=created["id"]).former_name == "张三"  # nothing overwritten


def test_changing_the_id_number_is_deduplicated(filler_a):
    first = create(filler_a).json()
    second = create(filler_a).json()
    taken = Teacher.objects.get(pk=first["id"])
    number = crypto.decrypt(taken.id_key, bytes(taken.id_cipher), context=ID_CONTEXT)
    response = filler_a.patch(
        f"/api/v1/teachers/{second['id']}/", {"id_number": number}, format="json", HTTP_IF_MATCH=f'"{second["id"]}-v1"'
    )
    assert response.status_code == 409


def test_list_search_by_name_pinyin_initials_and_id(filler_a):
    number = resident_id()
    created = create(filler_a, id_number=number).json()
    create(filler_a, name="王芳", gender="2", id_number=resident_id(male=False))
    for params in (
        {"q": "张"},
        {"q": "zhangwei"},
        {"q": "zw"},
        {"name": "张"},
        {"id_number": number},
        {"teacher_no": created["teacher_no"]},
    ):
        rows = filler_a.get("/api/v1/teachers/", params).json()["results"]
        assert [r["id"] for r in rows] == [created["id"]], params


def test_viewer_cannot_create(client_for):
    assert create(client_for("demo-school-a-reviewer")).status_code == 403


def test_list_query_count(filler_a, django_assert_max_num_queries):
    for _ in range(5):
        create(filler_a, id_number=resident_id())
    with django_assert_max_num_queries(3):
        assert len(filler_a.get("/api/v1/teachers/").json()["results"]) == 5


def test_full_id_number_is_logged(filler_a, client_for):
    from tmis.audit.models import AccessLog

    number = resident_id()
    created = create(filler_a, id_number=number).json()
    response = filler_a.get(f"/api/v1/teachers/{created['id']}/id-number/")
    assert response.json() == {"id_number": number}
    log = AccessLog.objects.get(action="teacher.id_number.view")
    assert (log.username, log.subject_id, log.address) == ("demo-school-a", str(created["id"]), "127.0.0.1")
    viewer = client_for("demo-city")  # an admin: may see the archive, not the full number
    assert viewer.get(f"/api/v1/teachers/{created['id']}/").status_code == 200
    assert viewer.get(f"/api/v1/teachers/{created['id']}/id-number/").status_code == 403
    assert AccessLog.objects.filter(action="teacher.id_number.view").count() == 1


def test_only_never_approved_drafts_are_deleted(filler_a):
    draft = create(filler_a).json()
    assert filler_a.delete(f"/api/v1/teachers/{draft['id']}/", HTTP_IF_MATCH=draft["etag"]).status_code == 204
    approved = create(filler_a).json()
    Teacher.objects.filter(pk=approved["id"]).update(record_state="approved", ever_approved=True)
    response = filler_a.delete(f"/api/v1/teachers/{approved['id']}/", HTTP_IF_MATCH="*")
    assert response.status_code == 409
    assert response.json()["code"] == "not_deletable"


def test_rotate_id_keys(filler_a, settings):
    import base64

    from django.core.management import call_command

    number = resident_id()
    created = create(filler_a, id_number=number).json()
    old = crypto.key_ring()
    old_keys = ",".join(f"{kid}:{base64.b64encode(key).decode()}" for kid, key in old.keys.items())
    settings.TMIS_ID_KEYS = f"new1:{base64.b64encode(b'k' * 32).decode()},{old_keys}"
    settings.TMIS_ID_HMAC_KEY = base64.b64encode(old.hmac_key).decode()
    crypto.key_ring.cache_clear()
    try:
        call_command("rotate_id_keys", verbosity=0)
        teacher = Teacher.objects.get(pk=created["id"])
        assert teacher.id_key == "new1"
        assert filler_a.get(f"/api/v1/teachers/{created['id']}/id-number/").json()["id_number"] == number
    finally:
        crypto.key_ring.cache_clear()


def test_filters_and_ordering(filler_a):
    old = create(filler_a, name="安老师", birth_date="1965-03-12", id_number=resident_id(birth="19650312")).json()
    young = create(filler_a, name="周老师", birth_date="1998-03-12", id_number=resident_id(birth="19980312")).json()

    def ids(**params):
        return [r["id"] for r in filler_a.get("/api/v1/teachers/", params).json()["results"]]

    assert ids(age_min=50) == [old["id"]]
    assert ids(age_max=30) == [young["id"]]
    assert ids(school_stage="primary_secondary", ordering="-name") == [young["id"], old["id"]]
    assert ids(ordering="name") == [old["id"], young["id"]]
    assert ids(school_stage="kindergarten") == []


def test_count_and_id_prefix(filler_a, django_assert_max_num_queries):
    number = resident_id()
    created = create(filler_a, id_number=number).json()
    create(filler_a, name="王芳", gender="2", id_number=resident_id(male=False))
    with django_assert_max_num_queries(4):  # the page and the count (bounded at 10,001 keys)
        body = filler_a.get("/api/v1/teachers/", {"count": "true"}).json()
    assert (body["count"], body["count_estimated"]) == (2, False)
    assert "count" not in filler_a.get("/api/v1/teachers/").json()
    assert filler_a.get("/api/v1/teachers/", {"id_prefix": number[:6], "count": "true"}).json()["count"] == 2
    assert filler_a.get("/api/v1/teachers/", {"id_prefix": number[:14], "count": "true"}).json()["count"] == 2
    for prefix in (number[:17], number):
        rows = filler_a.get("/api/v1/teachers/", {"id_prefix": prefix}).json()["results"]
        assert [r["id"] for r in rows] == [created["id"]], prefix
    other = number[:10] + ("1" if number[10] != "1" else "2")
    assert filler_a.get("/api/v1/teachers/", {"id_prefix": other}).json()["results"] == []
    assert filler_a.get("/api/v1/teachers/", {"id_prefix": number[:5]}).status_code == 400


def test_id_prefix_stays_in_scope(filler_a, beijing):
    number = resident_id()
    create(filler_a, id_number=number)
    _school, other = beijing
    assert other.get("/api/v1/teachers/", {"id_prefix": number[:8], "count": "true"}).json()["count"] == 0


def test_count_above_the_limit_is_estimated(filler_a, monkeypatch):
    from tmis.core import pagination

    for _ in range(3):
        create(filler_a, id_number=resident_id())
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 2)
    body = filler_a.get("/api/v1/teachers/", {"count": "true"}).json()
    assert body["count_estimated"] is True and body["count"] >= 3


def test_coded_state_kind_and_full_time_filters(filler_a):
    teacher = create(filler_a, ethnicity="01", staff_category="A1").json()
    other = create(filler_a, name="王芳", gender="2", id_number=resident_id(male=False), ethnicity="02").json()
    Teacher.objects.filter(pk=other["id"]).update(record_state="approved", backbone_teacher=True)

    def ids(**params):
        response = filler_a.get("/api/v1/teachers/", params)
        assert response.status_code == 200, response.json()
        return [r["id"] for r in response.json()["results"]]

    assert ids(ethnicity="01") == [teacher["id"]]
    assert ids(gender="2") == [other["id"]]
    assert ids(record_state="approved") == [other["id"]]
    assert ids(backbone_teacher="true") == [other["id"]]
    assert ids(full_time_teacher="true") == [teacher["id"]]
    assert ids(full_time_teacher="false") == [other["id"]]
    assert ids(school_stage="primary_secondary", staff_category="A1") == [teacher["id"]]
    assert ids(political_status="01") == []
    assert ids(ordering="-updated_at", record_state="approved") == [other["id"]]
