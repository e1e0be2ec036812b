"""Each rule of the registry on an offending and a clean archive, boundaries included (rebuild at a fixed date)."""

from __future__ import annotations

import datetime as dt

import pytest

from tmis.catalog.effective import build
from tmis.orgs.models import SchoolStage
from tmis.quality.refresh import rebuild
from tmis.quality.rules import RULES, TITLE_TIERS, required_groups
from tmis.teachers.owned_groups import OWNED_GROUPS

from .helpers import OTHER_COUNTY_SCHOOL, OTHER_SCHOOL, TODAY, archive, fill_required_groups, findings, rules_of

pytestmark = pytest.mark.django_db


def _run() -> None:
    rebuild(today=TODAY)


def test_the_registry_names_every_rule_with_a_severity_and_a_message():
    assert list(RULES) == ["Q001", "Q002", "Q003", "Q004", "Q005", "Q006"]
    for rule in RULES.values():
        assert rule.severity in {"error", "warning"} and str(rule.name) and str(rule.description)
        assert rule.cross or rule.condition or rule.select


@pytest.mark.parametrize(
    ("birth", "flagged"),
    [
        (dt.date(1929, 12, 31), True),
        (dt.date(1930, 1, 1), False),
        (dt.date(2010, 6, 15), False),  # 16 today exactly
        (dt.date(2010, 6, 16), True),  # 16 tomorrow
        (dt.date(2027, 1, 1), True),  # born in the future
    ],
)
def test_q001_impossible_age(birth, flagged):
    teacher = archive(birth_date=birth, work_start_month="", school_entry_month="")
    _run()
    assert ("Q001" in rules_of(teacher)) is flagged
    if flagged:
        assert findings(teacher)[(teacher.pk, "Q001")] == {"birth_date": birth.isoformat()}


@pytest.mark.parametrize(
    ("work_start", "flagged"),
    [
        ("2001-04", True),  # 15 years 11 months
        ("2001-05", False),  # the month of the 16th birthday: fine
        ("2001-06", False),
        ("1984-09", True),  # before birth
        ("", False),  # not filled: nothing to compare
        ("2001-13", False),  # malformed: another check's business
    ],
)
def test_q002_work_before_sixteen(work_start, flagged):
    teacher = archive(birth_date=dt.date(1985, 5, 20), work_start_month=work_start, school_entry_month="")
    _run()
    assert ("Q002" in rules_of(teacher)) is flagged
    if flagged:
        assert findings(teacher)[(teacher.pk, "Q002")] == {"work_start_month": work_start, "birth_date": "1985-05-20"}


@pytest.mark.parametrize(("entry", "flagged"), [("2008-08", True), ("2008-09", False), ("2010-01", False), ("", False)])
def test_q003_school_entry_before_work_start(entry, flagged):
    teacher = archive(work_start_month="2008-09", school_entry_month=entry)
    _run()
    assert ("Q003" in rules_of(teacher)) is flagged


def test_q004_same_name_and_birth_in_one_county():
    first = archive(name="王芳", birth_date=dt.date(1980, 1, 2))
    second = archive(OTHER_SCHOOL, name="王芳", birth_date=dt.date(1980, 1, 2))  # same county, other school
    elsewhere = archive(OTHER_COUNTY_SCHOOL, name="王芳", birth_date=dt.date(1980, 1, 2))  # another county
    other_day = archive(name="王芳", birth_date=dt.date(1980, 1, 3))
    other_name = archive(name="王方", birth_date=dt.date(1980, 1, 2))
    _run()
    assert findings(first)[(first.pk, "Q004")] == {"others": 1}
    assert "Q004" in rules_of(second)
    assert not {"Q004"} & (rules_of(elsewhere) | rules_of(other_day) | rules_of(other_name))


def test_q004_ignores_a_leaver():
    archive(name="李静", birth_date=dt.date(1990, 7, 7))
    archive(name="李静", birth_date=dt.date(1990, 7, 7), active=False)
    _run()
    assert not findings()


def test_q005_required_groups_empty_after_approval():
    approved = archive(record_state="approved")
    complete = archive(record_state="approved")
    fill_required_groups(complete)
    draft = archive(record_state="draft")  # not approved: the submission check's business
    _run()
    missing = findings(approved)[(approved.pk, "Q005")]["groups"]
    assert missing == list(required_groups()["primary_secondary"])
    assert "Q005" not in rules_of(complete) | rules_of(draft)


def test_required_groups_are_the_catalogues_needs_record_but_the_owned_ones():
    assert "training" in OWNED_GROUPS  # 国内培训: approved training claims write it, nobody fills it in
    expected = {
        stage.value: tuple(
            g.code
            for g in build(province=None, version=0, spec={}, stage=stage.value).groups
            if g.needs_record and g.code not in OWNED_GROUPS
        )
        for stage in SchoolStage
    }
    assert {stage: groups for stage, groups in required_groups().items() if groups} == {
        stage: groups for stage, groups in expected.items() if groups
    }


@pytest.mark.parametrize(
    ("title", "grade", "flagged"),
    [
        ("061", "104", False),  # 正高级教师, grade 4: the lowest that goes with it
        ("061", "105", True),  # 正高级教师 below grade 4
        ("062", "104", True),  # 高级教师 at a 正高 grade
        ("062", "107", False),
        ("064", "111", False),
        ("063", "112", True),
        ("061", "201", False),  # a management grade: not compared
        ("413", "112", False),  # a legacy 小学 title: not mapped
        ("", "104", False),
    ],
)
def test_q006_title_against_post_grade(title, grade, flagged):
    teacher = archive(current_professional_title=title, current_post_grade=grade)
    _run()
    assert ("Q006" in rules_of(teacher)) is flagged
    if flagged:
        assert findings(teacher)[(teacher.pk, "Q006")] == {"title": title, "post_grade": grade}


def test_the_title_mapping_names_real_codes():
    from tmis.catalog.models import CodeItem

    known = set(CodeItem.objects.filter(table__slug="professional-title").values_list("code", flat=True))
    assert set(TITLE_TIERS) <= known


def test_a_clean_archive_has_no_issue():
    teacher = archive(record_state="approved", current_professional_title="063", current_post_grade="109")
    fill_required_groups(teacher)
    _run()
    assert not findings()
