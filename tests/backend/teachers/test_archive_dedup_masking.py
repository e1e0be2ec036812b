"""Issue 4: 一人一号 across provinces (a 409 that leaks nothing out of scope), masking and the access log."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.backend.teachers.archive_rules_support import (
    GROUPS,
    SCHOOL_A,
    SCHOOL_B,
    TEACHERS,
    create,
    created,
    etag,
    resident_ids_ending_in_x,
    response_text,
)
from tests.factories.accounts import UserFactory
from tests.factories.teachers import resident_id, teacher_payload
from tmis.audit.models import AccessLog
from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher
from tmis.teachers.owned_groups import OWNED_GROUPS

pytestmark = pytest.mark.django_db

# --- 3 and 4. 一人一号 across provinces; the 409 out of scope leaks nothing ----------------------------------


def assert_leaks_nothing(response, hidden: Teacher, province_code: str, province_name: str) -> None:
    assert response.status_code == 409, response.content.decode()
    body = response.json()
    assert body["code"] == "duplicate_id_document"
    assert set(body) == {"status", "code", "message", "province"}
    assert body["province"] == {"code": province_code, "name": province_name}
    assert province_name in body["message"]
    assert "ETag" not in response and "Location" not in response
    text = response_text(response)
    secrets = {
        hidden.name,
        hidden.teacher_no,
        hidden.school.code,
        hidden.school.name,
        hidden.school.parent.code,  # the county
        hidden.school.parent.name,
        hidden.former_name,
        hidden.mobile,
        hidden.email,
        hidden.id_masked,
        hidden.name_pinyin,
    } - {""}
    for secret in secrets:
        assert secret not in text, secret
    assert str(hidden.pk) not in body["message"]  # the keys and the province are exact above; no id hides here


def _hidden(client, **overrides) -> Teacher:
    body = created(client, former_name="秘密曾用名", mobile="13912345678", email="secret@example.cn", **overrides)
    return Teacher.objects.select_related("school__parent").get(pk=body["id"])


def test_beijing_number_created_in_gansu_is_409_with_only_the_province(client_for, beijing):
    school, filler_bj = beijing
    number = resident_id()
    hidden = _hidden(filler_bj, school=school.code, id_number=number, name="李秘密")
    response = create(client_for("demo-school-a"), id_number=number)
    assert_leaks_nothing(response, hidden, "110000", "北京市")
    assert "调动" in response.json()["message"]  # a transfer is the way
    assert Teacher.objects.count() == 1


def test_gansu_number_created_in_beijing_is_409_and_says_transfer(filler_a, beijing):
    school, filler_bj = beijing
    number = next(resident_ids_ending_in_x())
    hidden = _hidden(filler_a, id_number=number.lower(), name="王秘密")
    response = filler_bj.post(
        TEACHERS, teacher_payload(school=school.code, id_number=number), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_leaks_nothing(response, hidden, "620000", "甘肃省")
    assert "transfer" in response.json()["message"]
    assert Teacher.objects.count() == 1
    assert not Teacher.objects.filter(school=school).exists()


def test_a_normalised_variant_from_another_province_is_the_same_document(filler_a, beijing):
    school, filler_bj = beijing
    number = next(resident_ids_ending_in_x(male=True))
    hidden = _hidden(filler_a, id_number=number)
    full_width = number.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789x"})
    response = create(filler_bj, school=school.code, id_number=full_width)
    assert_leaks_nothing(response, hidden, "620000", "甘肃省")


def test_changing_the_id_to_one_held_in_another_province_leaks_nothing(filler_a, beijing):
    school, filler_bj = beijing
    number = resident_id()
    hidden = _hidden(filler_a, id_number=number)
    mine = created(filler_bj, school=school.code)
    response = filler_bj.patch(
        f"{TEACHERS}{mine['id']}/", {"id_number": number}, format="json", HTTP_IF_MATCH=etag(mine)
    )
    assert_leaks_nothing(response, hidden, "620000", "甘肃省")
    teacher = Teacher.objects.get(pk=mine["id"])
    assert (teacher.version, teacher.id_masked) == (1, mine["id_number"])


def test_another_countys_archive_in_the_same_province_is_not_named(filler_a, filler_b):
    number = resident_id()
    hidden = _hidden(filler_b, school=SCHOOL_B, id_number=number)
    assert_leaks_nothing(create(filler_a, id_number=number), hidden, "620000", "甘肃省")


def test_the_same_number_in_scope_names_the_archive(client_for, filler_b):
    """The counterpart: a caller who may see the archive is told which one it is."""
    number = resident_id()
    first = created(filler_b, school=SCHOOL_B, id_number=number)
    county_filler = client_for(UserFactory(organisation=Organisation.objects.get(code="620103"), roles=["filler"]))
    response = create(county_filler, school="3162010302", id_number=number)
    assert response.status_code == 409
    existing = response.json()["existing"]
    assert existing == {"id": first["id"], "teacher_no": first["teacher_no"], "name": "张伟", "school": SCHOOL_B}


# --- 5. masking -----------------------------------------------------------------------------------------------


def test_no_masked_response_ever_contains_the_full_number(filler_a, client_for):
    number = next(resident_ids_ending_in_x())
    masked = number[:6] + "********" + number[-4:]
    variants = (number, number.lower())
    responses = []

    def keep(response, status=200):
        assert response.status_code == status, response.content.decode()
        responses.append(response)
        return response

    body = keep(create(filler_a, id_number=number.lower()), 201).json()
    url = f"{TEACHERS}{body['id']}/"
    for params in (
        {},
        {"fields": "id_number"},
        {"fields": "id,id_number,name"},
        {"brief": "1"},
        {"id_number": number},
        {"id_number": number.lower(), "fields": "id_number"},
        {"q": "张"},
        {"teacher_no": body["teacher_no"]},
        {"ordering": "-name", "page_size": 1},
    ):
        keep(filler_a.get(TEACHERS, params))
    for params in ({}, {"fields": "id_number"}, {"brief": "1"}):
        keep(filler_a.get(url, params))
    for login in ("demo-school-a-reviewer", "demo-county-a", "demo-city", "demo-province", "demo-central"):
        keep(client_for(login).get(TEACHERS))
        keep(client_for(login).get(url))
    updated = keep(filler_a.patch(url, {"former_name": "张三"}, format="json", HTTP_IF_MATCH=etag(body))).json()
    keep(create(filler_a, id_number=number, name="重复"), 409)  # in scope: names the archive, not the number
    keep(create(filler_a, id_number=number, birth_date="1985-03-13"), 400)
    keep(filler_a.patch(url, {"gender": "2"}, format="json", HTTP_IF_MATCH=etag(updated)), 400)
    keep(filler_a.patch(url, {"former_name": "x"}, format="json", HTTP_IF_MATCH=etag(body)), 412)
    for group in (g for g in GROUPS if g not in OWNED_GROUPS):  # owned groups take no person's writes
        record = keep(filler_a.post(f"{url}{group}/", {}, format="json"), 201).json()
        keep(filler_a.get(f"{url}{group}/"))
        keep(filler_a.get(f"{url}{group}/{record['id']}/"))
        keep(filler_a.patch(f"{url}{group}/{record['id']}/", {}, format="json", HTTP_IF_MATCH=record["etag"]))
    current = filler_a.get(url).json()
    assert current["id_number"] == masked
    # A new number through an update: neither the old nor the new one comes back.
    new_number = resident_id()
    changed = keep(filler_a.patch(url, {"id_number": new_number}, format="json", HTTP_IF_MATCH=etag(current)))
    assert changed.json()["id_number"] == new_number[:6] + "********" + new_number[-4:]
    keep(filler_a.get(url))
    keep(filler_a.get(TEACHERS, {"id_number": new_number}))

    for response in responses:
        text = response_text(response)
        for value in (*variants, new_number):
            assert value not in text, (response.request["PATH_INFO"], response.request.get("QUERY_STRING"))
    shown = [r for r in responses if r.status_code in (200, 201) and "id_number" in r.content.decode()]
    assert len(shown) >= 20  # the masked value really was in most of these responses
    assert any(masked in r.content.decode() for r in shown)


# --- 6. the access log ----------------------------------------------------------------------------------------


def test_each_full_view_writes_one_row_who_when_which_where(filler_a, client_for):
    number = resident_id()
    teacher = created(filler_a, id_number=number)
    other = created(filler_a)
    url = f"{TEACHERS}{teacher['id']}/id-number/"
    filler_a.get(TEACHERS)
    filler_a.get(f"{TEACHERS}{teacher['id']}/")
    assert not AccessLog.objects.filter(action="teacher.id_number.view").exists()  # masked reads are not full views

    before = timezone.now()
    first = filler_a.get(url, REMOTE_ADDR="10.20.30.40")
    assert first.status_code == 200
    assert first.json() == {"id_number": number}
    assert "no-store" in first["Cache-Control"]
    reviewer = client_for("demo-school-a-reviewer").get(url, REMOTE_ADDR="2001:db8::7")
    assert reviewer.json() == {"id_number": number}
    filler_a.get(f"{TEACHERS}{other['id']}/id-number/", REMOTE_ADDR="10.20.30.40")
    after = timezone.now()

    rows = list(AccessLog.objects.filter(action="teacher.id_number.view").order_by("id"))
    assert [(r.username, r.action, r.subject_type, r.subject_id, r.address) for r in rows] == [
        ("demo-school-a", "teacher.id_number.view", "teacher", str(teacher["id"]), "10.20.30.40"),
        ("demo-school-a-reviewer", "teacher.id_number.view", "teacher", str(teacher["id"]), "2001:db8::7"),
        ("demo-school-a", "teacher.id_number.view", "teacher", str(other["id"]), "10.20.30.40"),
    ]
    assert [r.user.username for r in rows] == ["demo-school-a", "demo-school-a-reviewer", "demo-school-a"]
    assert all(before <= r.at <= after for r in rows)
    assert all(number not in json.dumps(r.detail) for r in rows)  # the log does not keep the number either


@pytest.mark.parametrize(
    "login",
    ["demo-central", "demo-city", "viewer-at-school-a", "anonymous"],  # demo-province also reviews: it may
)
def test_no_capability_no_number_and_no_row(filler_a, client_for, api, login):
    number = resident_id()
    teacher = created(filler_a, id_number=number)
    if login == "anonymous":
        client, expected = api, 401
    elif login == "viewer-at-school-a":
        viewer = UserFactory(organisation=Organisation.objects.get(code=SCHOOL_A), roles=["viewer"])
        client, expected = client_for(viewer), 403
    else:
        client, expected = client_for(login), 403
    assert client.get(f"{TEACHERS}{teacher['id']}/").status_code == (401 if login == "anonymous" else 200)
    response = client.get(f"{TEACHERS}{teacher['id']}/id-number/")
    assert response.status_code == expected
    assert number not in response_text(response)
    assert not AccessLog.objects.filter(action="teacher.id_number.view").exists()


def test_out_of_scope_full_view_is_404_and_no_row(filler_a, filler_b):
    number = resident_id()
    teacher = created(filler_b, school=SCHOOL_B, id_number=number)
    response = filler_a.get(f"{TEACHERS}{teacher['id']}/id-number/")
    assert response.status_code == 404
    assert number not in response_text(response)
    assert not AccessLog.objects.filter(action="teacher.id_number.view").exists()
