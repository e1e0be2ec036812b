import pytest

from tmis.teachers import numbers

pytestmark = pytest.mark.django_db


def test_format_and_check_character():
    number = numbers.format_number("62", 2026, 1)
    assert len(number) == 16
    assert number.startswith("622026000000001")
    assert numbers.is_valid(number)
    assert not numbers.is_valid(number[:15] + ("0" if number[15] != "0" else "1"))
    assert not numbers.is_valid("62202600000000")


def test_allocation_never_repeats_and_is_per_province():
    gansu = numbers.allocate_many(prefix="62", year=2026, count=50)
    assert len(set(gansu)) == 50
    assert all(numbers.is_valid(n) and n.startswith("622026") for n in gansu)
    one_more = numbers.allocate(prefix="62", year=2026)
    assert one_more not in gansu
    assert numbers.allocate(prefix="00", year=2026).startswith("002026")


def test_bad_prefix():
    with pytest.raises(ValueError):
        numbers.allocate(prefix="6", year=2026)
