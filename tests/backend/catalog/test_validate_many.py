"""Many rows at once (imports) give exactly what one row at a time gives: column-wise checking, remembered values and
cross-field rules never carry one row's problem into another."""

import datetime as dt

import pytest

from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import GroupValidator
from tmis.core import idnumbers
from tmis.orgs.models import Organisation
from tmis.teachers.checks import teacher_check, teachers_check

from .test_validator import SCHOOL

pytestmark = pytest.mark.django_db

CHANGES = [
    {"name": None},
    {"name": "张" * 60},
    {"gender": "7"},
    {"birth_date": "1985-02-30"},
    {"work_start_month": "2008-13"},
    {"work_start_month": "1980-01"},
    {"political_status": ["01", "13"]},
    {"id_number": "620102198503120031"},
    {"id_number": "6201021985031200"},
    {"ethnicity": None},
    {"no_such_indicator": "x"},
    {"on_establishment": "yes"},
    {"work_start_month": "2010-09", "school_entry_month": "2009-09"},
    {"nationality": "840", "id_type": "A", "id_number": "E12345678", "ethnicity": None, "political_status": None},
    {"nationality": "840", "id_type": "A", "id_number": "E12345678"},  # ethnicity given to a foreigner
]


@pytest.fixture
def group():
    catalogue, _tables = effective_for_organisation(organisation=Organisation.objects.get(code=SCHOOL))
    return catalogue.group("basic")


def test_many_rows_give_each_row_its_own_errors(group, valid_row):
    rows = []
    for change in CHANGES:
        rows += [dict(valid_row), {**valid_row, **change}]
    validator = GroupValidator(group)
    many = validator.validate_many(rows)
    one_by_one = [GroupValidator(group).validate(row) for row in rows]  # fresh: nothing remembered
    assert many == one_by_one
    assert [bool(errors) for errors in many[0::2]] == [False] * len(CHANGES)
    assert all(many[1::2][:-2]), [i for i, errors in enumerate(many[1::2]) if not errors]
    assert validator.validate_many(rows) == many  # remembered values give the same answers again


def test_a_rule_on_one_row_leaves_its_neighbours_alone(group, valid_row):
    late = {**valid_row, "work_start_month": "2010-09", "school_entry_month": "2009-09"}
    errors = GroupValidator(group).validate_many([valid_row, late, valid_row])
    assert errors[0] == errors[2] == {}
    assert [e["code"] for e in errors[1]["school_entry_month"]] == ["must_not_be_before"]


def test_teachers_checked_together_as_one_by_one(valid_row):
    school = Organisation.objects.get(code=SCHOOL)
    base = {**valid_row, "birth_date": dt.date(1985, 3, 12)}
    male = "62010219850312003" + idnumbers.check_char("62010219850312003")
    female = "62010219850312004" + idnumbers.check_char("62010219850312004")
    rows = [
        base | {"id_number": male},
        base | {"id_number": female},  # gender differs from the number's
        base | {"id_number": male, "birth_date": dt.date(1985, 3, 13)},  # birth date differs
        base | {"id_number": male, "extra": {"no_such_extension": "1"}},
        base | {"id_number": male, "email": "not-an-address"},  # a warning only
    ]
    together = teachers_check(school=school, rows=rows)
    alone = [teacher_check(school=school, data=row) for row in rows]
    assert [(c.values, c.extra, c.number, c.errors, c.warnings) for c in together] == [
        (c.values, c.extra, c.number, c.errors, c.warnings) for c in alone
    ]
    assert together[0].errors == {} and together[4].errors == {}
    assert "gender" in together[1].errors and "birth_date" in together[2].errors
    assert "extra.no_such_extension" in together[3].errors
