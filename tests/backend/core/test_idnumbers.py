import pytest

from tmis.core import idnumbers
from tmis.core.check_digits import hkid_check


def with_check(first17: str) -> str:
    return first17 + idnumbers.check_char(first17)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("11010519491231002X", None),  # GB 11643's own example
        ("11010519491231002x", None),  # lower-case x accepted
        ("110105194912310021", "id_checksum"),
        ("11010519491331002X", "id_birth_date"),  # month 13
        ("1101051949123100", "id_format"),
        ("11010519491231002Y", "id_format"),
    ],
)
def test_problem(value, problem):
    assert idnumbers.problem(value) == problem


def test_birth_date_and_gender():
    number = with_check("62010219850312003")
    assert idnumbers.birth_date(number).isoformat() == "1985-03-12"
    assert idnumbers.gender_code(number) == "1"
    assert idnumbers.gender_code(with_check("62010219850312004")) == "2"


@pytest.mark.parametrize(
    ("prefix", "digits", "check"),
    [("A", "123456", "3"), ("G", "123456", "A"), ("C", "668668", "9"), ("AB", "987654", "3")],
)
def test_hong_kong_identity_card_check_character(prefix, digits, check):
    assert hkid_check(prefix, digits) == check
