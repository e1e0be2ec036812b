"""Issue 4: GB 11643 resident-ID vectors and the other document types, through the HTTP stack."""

from __future__ import annotations

import pytest

from tests.backend.teachers.archive_rules_support import (
    TEACHERS,
    create,
    created,
    error_codes,
    etag,
    full_number,
    resident_ids_ending_in_x,
    response_text,
    with_check,
    wrong_check,
)
from tests.factories.teachers import resident_id
from tmis.core import idnumbers
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db

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
