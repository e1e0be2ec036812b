"""Issue 4, "Done when": the archive's rules proved through the HTTP stack — GB 11643 vectors, the other document
types, 一人一号 across provinces (and a 409 that leaks nothing out of scope), masking, the access log, ETag/412, and
scope on the teacher endpoint and every one of the 15 group endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import resident_id, teacher_payload
from tmis.audit.models import AccessLog
from tmis.core import idnumbers
from tmis.orgs.models import Organisation
from tmis.teachers.models import GROUP_MODELS, Teacher

pytestmark = pytest.mark.django_db

TEACHERS = "/api/v1/teachers/"
SCHOOL_A = "2162010201"  # 城关区 (620102): demo-school-a
SIBLING_OF_A = "3162010202"  # also 城关区, no demo login
SCHOOL_B = "2162010301"  # 七里河区 (620103): demo-school-b
GROUPS = list(GROUP_MODELS)


# --- helpers ------------------------------------------------------------------------------------------------


def create(client, **overrides):
    return client.post(TEACHERS, teacher_payload(**overrides), format="json")


def created(client, **overrides) -> dict:
    response = create(client, **overrides)
    assert response.status_code == 201, response.content.decode()
    return response.json()


def etag(body: dict) -> str:
    return f'"{body["id"]}-v{body["version"]}"'


def error_codes(response, field: str) -> set[str]:
    return {e["code"] for e in response.json().get("errors", {}).get(field, [])}


def with_check(first17: str) -> str:
    return first17 + idnumbers.check_char(first17)


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def resident_ids_ending_in_x(birth: str = "19850312", region: str = "620102", male: bool = True) -> Iterator[str]:
    """Valid GB 11643 numbers whose check character is X."""
    for sequence in range(1 if male else 2, 1000, 2):
        first17 = f"{region}{birth}{sequence:03d}"
        if idnumbers.check_char(first17) == "X":
            yield first17 + "X"


def response_text(response) -> str:
    """Everything a client receives: headers and body (raw bytes, and the parsed JSON re-dumped without escapes,
    so a search for Chinese text cannot pass just because the renderer escaped it)."""
    parts = [f"{k}: {v}" for k, v in response.items()]
    parts.append(response.content.decode())
    if response.content and response.get("Content-Type", "").startswith("application/json"):
        parts.append(json.dumps(response.json(), ensure_ascii=False))
    return "\n".join(parts)


def full_number(client, teacher_id: int) -> str:
    return client.get(f"{TEACHERS}{teacher_id}/id-number/").json()["id_number"]


@pytest.fixture
def filler_a(client_for):
    return client_for("demo-school-a")


@pytest.fixture
def filler_b(client_for):
    return client_for("demo-school-b")


@pytest.fixture
def beijing(client_for):
    """A school in another province (北京市东城区 110101) and a filler there."""
    school = SchoolFactory(parent=Organisation.objects.get(code="110101"))
    return school, client_for(UserFactory(organisation=school, roles=["filler"]))


# --- 1. GB 11643 through the API -----------------------------------------------------------------------------

GB_EXAMPLE = "11010519491231002X"  # the standard's own example: 1949-12-31, sequence 002 (female)


@pytest.mark.parametrize(
    ("number", "birth_date", "gender"),
    [
        (GB_EXAMPLE, "1949-12-31", "2"),
        (GB_EXAMPLE.lower(), "1949-12-31", "2"),
        (with_check("62010219840229001"), "1984-02-29", "1"),  # 29 February of a leap year
        (with_check("81000019900101001"), "1990-01-01", "1"),  # Hong Kong resident (居住证) prefix 81
        (with_check("71000019900101002"), "1990-01-01", "2"),  # Taiwan resident prefix 71
    ],
    ids=["gb-example", "gb-example-lower-x", "leap-day", "prefix-81", "prefix-71"],
)
def test_valid_resident_ids_are_accepted(filler_a, number, birth_date, gender):
    response = create(filler_a, id_number=number, birth_date=birth_date, gender=gender)
    assert response.status_code == 201, response.content.decode()
    assert full_number(filler_a, response.json()["id"]) == number.upper()


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (wrong_check(GB_EXAMPLE), "id_checksum"),
        ("11010519491231002Y", "id_format"),
        (wrong_check(with_check("62010219850312001")), "id_checksum"),
        (with_check("62010219851312001"), "id_birth_date"),  # month 13 (with a correct check character)
        (with_check("62010219850230001"), "id_birth_date"),  # 30 February
        (with_check("62010219850229001"), "id_birth_date"),  # 29 February of a common year
        (with_check("62010219850000001"), "id_birth_date"),  # month 00
        (with_check("99010219850312001"), "id_region"),  # no province 99
        (with_check("00010219850312001"), "id_region"),
        (with_check("10010219850312001"), "id_region"),
        (with_check("62010219850312001")[:17], "id_format"),  # 17 characters
        (with_check("62010219850312001") + "1", "id_format"),  # 19 characters
        ("6201021985031A0011", "id_format"),  # a letter inside
    ],
    ids=[
        "gb-example-wrong-check",
        "check-Y",
        "wrong-check",
        "month-13",
        "feb-30",
        "feb-29-common-year",
        "month-00",
        "region-99",
        "region-00",
        "region-10",
        "17-chars",
        "19-chars",
        "letter-inside",
    ],
)
def test_invalid_resident_ids_name_the_problem(filler_a, number, code):
    response = create(filler_a, id_number=number)
    assert response.status_code == 400, response.content.decode()
    assert error_codes(response, "id_number") == {code}
    assert not Teacher.objects.exists()


def test_a_birth_date_in_the_future_is_refused(filler_a):
    """GB 11643's date code is a date of birth: a number born in 2099 is not a valid resident ID."""
    number = with_check("62010220990312001")
    response = create(filler_a, id_number=number, birth_date="2099-03-12")
    assert response.status_code == 400, response.content.decode()
    assert error_codes(response, "id_number") | error_codes(response, "birth_date")
    assert not Teacher.objects.exists()


def test_lower_case_x_is_normalised_to_upper_case(filler_a):
    number = next(resident_ids_ending_in_x())
    response = create(filler_a, id_number=number.lower())
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["id_number"] == number[:6] + "********" + number[-4:]
    assert body["id_number"].endswith("X")
    assert full_number(filler_a, body["id"]) == number  # stored with an upper-case X
    assert [r["id"] for r in filler_a.get(TEACHERS, {"id_number": number}).json()["results"]] == [body["id"]]
    assert [r["id"] for r in filler_a.get(TEACHERS, {"id_number": number.lower()}).json()["results"]] == [body["id"]]
    again = create(filler_a, id_number=number, name="张伟伟")  # upper case: the same document
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_id_document"
    assert again.json()["existing"]["id"] == body["id"]


def test_full_width_and_spaced_numbers_are_the_same_document(filler_a):
    number = resident_id()
    full_width = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    first = created(filler_a, id_number=full_width)
    assert full_number(filler_a, first["id"]) == number
    for variant in (number, f" {number[:6]} {number[6:14]} {number[14:]} "):
        again = create(filler_a, id_number=variant)
        assert again.status_code == 409, variant
        assert again.json()["existing"]["id"] == first["id"]
    assert Teacher.objects.count() == 1


@pytest.mark.parametrize(
    ("birth_date", "gender", "named"),
    [
        ("1985-03-12", "1", set()),
        ("1985-03-13", "1", {"birth_date"}),
        ("1985-03-12", "2", {"gender"}),
        ("1986-03-12", "2", {"birth_date", "gender"}),
    ],
    ids=["both-agree", "birth-date-differs", "gender-differs", "both-differ"],
)
def test_birth_date_and_gender_must_agree_and_the_error_says_which(filler_a, birth_date, gender, named):
    number = resident_id(birth="19850312", male=True)
    response = create(filler_a, id_number=number, birth_date=birth_date, gender=gender)
    if not named:
        assert response.status_code == 201, response.content.decode()
        return
    assert response.status_code == 400, response.content.decode()
    errors = response.json()["errors"]
    assert set(errors) == named
    if "birth_date" in named:
        assert error_codes(response, "birth_date") == {"id_birth_date_mismatch"}
    if "gender" in named:
        assert error_codes(response, "gender") == {"id_gender_mismatch"}
    assert not Teacher.objects.exists()


def test_a_female_number_needs_gender_2(filler_a):
    number = resident_id(male=False)
    assert error_codes(create(filler_a, id_number=number, gender="1"), "gender") == {"id_gender_mismatch"}
    assert create(filler_a, id_number=number, gender="2").status_code == 201


def test_updates_keep_birth_date_and_gender_in_agreement(filler_a):
    body = created(filler_a)
    url = f"{TEACHERS}{body['id']}/"
    gender = filler_a.patch(url, {"gender": "2"}, format="json", HTTP_IF_MATCH=etag(body))
    assert gender.status_code == 400
    assert set(gender.json()["errors"]) == {"gender"}
    assert error_codes(gender, "gender") == {"id_gender_mismatch"}
    other_birth = resident_id(birth="19900101")
    number = filler_a.patch(url, {"id_number": other_birth}, format="json", HTTP_IF_MATCH=etag(body))
    assert number.status_code == 400
    assert set(number.json()["errors"]) == {"birth_date"}
    assert error_codes(number, "birth_date") == {"id_birth_date_mismatch"}
    bad = filler_a.patch(url, {"id_number": wrong_check(other_birth)}, format="json", HTTP_IF_MATCH=etag(body))
    assert error_codes(bad, "id_number") == {"id_checksum"}
    teacher = Teacher.objects.get(pk=body["id"])
    assert (teacher.gender, teacher.version, teacher.id_masked) == ("1", 1, body["id_number"])  # nothing written
    both = filler_a.patch(
        url, {"id_number": other_birth, "birth_date": "1990-01-01"}, format="json", HTTP_IF_MATCH=etag(body)
    )
    assert both.status_code == 200, both.content.decode()
    assert full_number(filler_a, body["id"]) == other_birth


# --- 2. the other document types -----------------------------------------------------------------------------

# (type, nationality, valid, invalid). The type codes are the id-type code table (JY/T 1001) minus 1 (resident ID).
OTHER_DOCUMENTS = [
    ("2", "156", "JG2019001", "1#"),  # 军官证
    ("3", "156", "SB20190012", "ab"),  # 士兵证
    ("4", "156", "WZ123456", "文职123456"),  # 文职干部证
    ("5", "156", "LT00012345", "123"),  # 部队离退休证
    ("6", "156", "A123456(3)", "A12345"),  # 香港身份证 / 回乡证: too few digits
    ("7", "156", "1234567(8)", "2234567(8)"),  # 澳门身份证 starts with 1, 5 or 7
    ("8", "156", "12345678", "1234567"),  # 台湾居民来往大陆通行证: 8 or 10 digits
    ("9", "840", "USA123456789012", "US1234567890123"),  # 境外永久居住证: three letters + 12 digits
    ("A", "840", "E12345678", "E1"),  # 护照: 5-17 letters and digits
    ("B", "156", "HK0012345", "户口123"),  # 户口簿
    ("C", "156", "H12345678", "A12345678"),  # 港澳居民来往内地通行证 starts with H or M
    ("D", "840", "USA123456789012", "USA12345678901"),  # 外国人永久居留身份证 (2017): 14 characters is too short
    ("Z", "156", "QT-2019-01", "?"),  # 其他
    ("6", "156", "G123456(A)", "A123456(7)"),  # 香港身份证: the check character must agree
]


@pytest.mark.parametrize(
    ("id_type", "nationality", "valid", "invalid"), OTHER_DOCUMENTS, ids=[f"{d[0]}-{d[2]}" for d in OTHER_DOCUMENTS]
)
def test_other_document_type_valid(filler_a, id_type, nationality, valid, invalid):
    response = create(filler_a, id_type=id_type, id_number=valid.lower(), nationality=nationality)
    assert response.status_code == 201, response.content.decode()
    assert valid not in response_text(response)  # masked like any other number
    assert full_number(filler_a, response.json()["id"]) == valid
    again = create(filler_a, id_type=id_type, id_number=valid, nationality=nationality, name="李四")
    assert again.status_code == 409  # one document, one archive — for every type
    assert again.json()["code"] == "duplicate_id_document"


@pytest.mark.parametrize(
    ("id_type", "nationality", "valid", "invalid"), OTHER_DOCUMENTS, ids=[f"{d[0]}-{d[2]}" for d in OTHER_DOCUMENTS]
)
def test_other_document_type_invalid(filler_a, id_type, nationality, valid, invalid):
    response = create(filler_a, id_type=id_type, id_number=invalid, nationality=nationality)
    assert response.status_code == 400, response.content.decode()
    assert error_codes(response, "id_number") == {"id_checksum" if id_type == "6" and "(" in invalid else "id_format"}
    assert not Teacher.objects.exists()


def _new_permanent_residence_card(*, wrong: bool) -> str:
    """2023 外国人永久居留身份证: 9, province (62), country (840), birth date, 3-digit sequence, and a check character
    computed as in GB 11643 (ISO 7064 MOD 11-2), which may be X."""
    for sequence in range(1000):
        first17 = f"96284019850312{sequence:03d}"
        correct = idnumbers.check_char(first17)
        if not wrong and correct == "X":
            return first17 + "X"
        if wrong and correct != "X":
            return first17 + ("0" if correct != "0" else "1")
    raise AssertionError("no such number")


def test_new_permanent_residence_card_with_check_character_x_is_accepted(filler_a):
    number = _new_permanent_residence_card(wrong=False)
    response = create(filler_a, id_type="D", id_number=number, nationality="840")
    assert response.status_code == 201, response.content.decode()


def test_new_permanent_residence_card_with_a_wrong_check_character_is_refused(filler_a):
    number = _new_permanent_residence_card(wrong=True)
    response = create(filler_a, id_type="D", id_number=number, nationality="840")
    assert response.status_code == 400, response.content.decode()
    assert error_codes(response, "id_number")


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
    for group in GROUPS:
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
