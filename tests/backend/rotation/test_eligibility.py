"""Who may rotate (DOMAIN decision 7), read through GET /api/v1/rotation/eligible/: compulsory-education teachers with
≥ 6 years at the school on 1 September of the plan year, not within 5 years of retirement (men 60, women 55), serving
at the school — each other teacher with the reason, as a sentence. Each test has a school of its own."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.factories.orgs import SchoolFactory

from .support import ELIGIBLE, teacher_at, teaching

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def judged(client_for, school, year: int = 2026, login: str = "demo-county-a", **params) -> dict:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    answer = client_for(login).get(f"{ELIGIBLE}?org={school.code}&year={year}&page_size=200&{query}")
    assert answer.status_code == 200, answer.json()
    return answer.json()


def by_name(body: dict) -> dict[str, dict]:
    return {row["name"]: row for row in body["results"]}


def test_six_years_on_1_september_is_the_boundary(client_for):
    school = SchoolFactory()
    for name, month in [("八月", "2020-08"), ("九月", "2020-09"), ("十月", "2020-10"), ("去年", "2025-09")]:
        teacher_at(school, name=name, school_entry_month=month)
    body = judged(client_for, school)
    rows = by_name(body)
    assert body["reference_date"] == "2026-09-01"
    assert rows["八月"]["eligible"] and rows["九月"]["eligible"]
    assert rows["九月"]["years_at_school"] == 6 and rows["十月"]["years_at_school"] == 5
    assert (rows["十月"]["eligible"], rows["十月"]["reason"]) == (False, "too_few_years")
    assert rows["去年"]["reason"] == "too_few_years"
    assert "2020-10" in rows["十月"]["reason_text"]  # the sentence names the month it judged
    assert body["summary"]["eligible"] == 2 and body["summary"]["reasons"]["too_few_years"] == 2
    # A year later the October teacher has had six years too.
    assert by_name(judged(client_for, school, year=2027))["十月"]["eligible"]


@pytest.mark.parametrize(
    ("gender", "born", "eligible"),
    [
        ("1", dt.date(1971, 9, 1), True),  # a man retires at 60 on 2031-09-01: exactly 5 years after 2026-09-01
        ("1", dt.date(1971, 8, 31), False),
        ("2", dt.date(1976, 9, 1), True),  # a woman retires at 55
        ("2", dt.date(1976, 8, 31), False),
        ("2", dt.date(1971, 9, 1), False),  # the man's boundary is long past for a woman
        ("1", dt.date(1976, 8, 31), True),
    ],
)
def test_near_retirement_by_birth_date_and_gender(client_for, gender, born, eligible):
    school = SchoolFactory()
    teacher_at(school, name="老师", gender=gender, birth_date=born)
    row = judged(client_for, school)["results"][0]
    assert row["eligible"] is eligible
    assert row["reason"] == ("" if eligible else "near_retirement")


def test_compulsory_education_by_the_latest_teaching_record_else_the_school_type(client_for):
    primary, senior, kindergarten = SchoolFactory(), SchoolFactory(school_type="342"), SchoolFactory(school_type="111")
    junior_in_senior = teacher_at(senior, name="高中校初中课")
    teaching(junior_in_senior, ["3"], 2025)
    teaching(junior_in_senior, ["4"], 2023)  # older: the latest record decides
    now_senior = teacher_at(primary, name="改教高中")
    teaching(now_senior, ["2"], 2023)
    teaching(now_senior, ["4"], 2025)
    vocational = teacher_at(senior, name="职业初中")
    teaching(vocational, ["5"], 2025)
    mixed = teacher_at(kindergarten, name="学前兼小学")
    teaching(mixed, ["1", "2"], 2025)
    undated = teacher_at(primary, name="无年度")
    teaching(undated, ["4"], None)  # a record without 年度 is older than any dated one
    teaching(undated, ["2"], 2024)
    teacher_at(primary, name="小学无记录")
    teacher_at(senior, name="高中无记录")
    teacher_at(kindergarten, name="幼儿园无记录")
    empty = teacher_at(kindergarten, name="空学段")
    teaching(empty, [], 2025)  # no stage filled: the school's 办学类型 decides

    reasons = {}
    for school in (primary, senior, kindergarten):
        reasons |= {name: row["reason"] for name, row in by_name(judged(client_for, school)).items()}
    assert reasons == {
        "高中校初中课": "",
        "改教高中": "not_compulsory",
        "职业初中": "",
        "学前兼小学": "",
        "无年度": "",
        "小学无记录": "",
        "高中无记录": "not_compulsory",
        "幼儿园无记录": "not_compulsory",
        "空学段": "not_compulsory",
    }


@pytest.mark.parametrize(
    ("school_type", "compulsory"),
    [
        *[(code, True) for code in ("211", "218", "311", "312", "341", "345")],
        *[(code, False) for code in ("111", "342", "365", "511")],
    ],
)
def test_the_school_type_decides_without_a_teaching_record(client_for, school_type, compulsory):
    school = SchoolFactory(school_type=school_type)
    teacher_at(school, name="老师")
    assert judged(client_for, school)["results"][0]["eligible"] is compulsory


def test_away_missing_entry_month_and_left_teachers(client_for):
    school = SchoolFactory()
    teacher_at(school, name="在岗", personnel_status="100")
    teacher_at(school, name="轮岗中", personnel_status="205")  # away on a rotation: still judged at the school
    teacher_at(school, name="长病假", personnel_status="203")
    teacher_at(school, name="借调", personnel_status="201")
    teacher_at(school, name="待退休", personnel_status="209")
    teacher_at(school, name="无进校年月", school_entry_month="")
    teacher_at(school, name="已调出", active=False)
    body = judged(client_for, school)
    reasons = {name: row["reason"] for name, row in by_name(body).items()}
    assert reasons == {
        "在岗": "",
        "轮岗中": "",
        "长病假": "away",
        "借调": "away",
        "待退休": "away",
        "无进校年月": "no_entry_month",
    }
    assert body["summary"] == {
        "teachers": 6,
        "eligible": 2,
        "eligible_backbone": 0,
        "reasons": {"not_compulsory": 0, "away": 3, "no_entry_month": 1, "too_few_years": 0, "near_retirement": 0},
    }


def test_every_reason_is_a_readable_sentence_and_filters_work(client_for):
    school, kindergarten = SchoolFactory(), SchoolFactory(school_type="111")
    teacher_at(kindergarten, name="幼儿园")
    teacher_at(school, name="病假", personnel_status="203")
    teacher_at(school, name="无月份", school_entry_month="")
    teacher_at(school, name="新来", school_entry_month="2024-03")
    teacher_at(school, name="将退休", birth_date=dt.date(1968, 1, 1))
    teacher_at(school, name="骨干", backbone_teacher=True)
    teacher_at(school, name="合格")
    rows = by_name(judged(client_for, school)) | by_name(judged(client_for, kindergarten))
    for name, row in rows.items():
        if row["eligible"]:
            assert row["reason_text"] == "", name
            continue
        text = row["reason_text"]
        assert (len(text) > 15 and " " in text.strip()) or CJK.search(text), (name, text)  # a sentence
        assert row["reason"] not in text and "_" not in text, (name, text)  # no machine code
    assert len({row["reason_text"] for row in rows.values() if not row["eligible"]}) == 5
    english = client_for("demo-county-a").get(
        f"{ELIGIBLE}?org={school.code}&year=2026&reason=too_few_years", HTTP_ACCEPT_LANGUAGE="en"
    )
    row = english.json()["results"]
    assert [r["name"] for r in row] == ["新来"] and "2024-03" in row[0]["reason_text"]

    only = judged(client_for, school, eligible="true")
    assert {r["name"] for r in only["results"]} == {"骨干", "合格"} and only["count"] == 2
    assert only["summary"]["eligible_backbone"] == 1  # the summary is the whole organisation's, not the page's
    assert [r["name"] for r in judged(client_for, school, eligible="true", backbone="true")["results"]] == ["骨干"]
    assert [r["name"] for r in judged(client_for, school, reason="near_retirement")["results"]] == ["将退休"]
    bad = client_for("demo-county-a").get(f"{ELIGIBLE}?org={school.code}&year=2026&reason=too_old")
    assert bad.status_code == 400


def test_the_list_is_per_county_or_school_and_in_scope(client_for):
    school = SchoolFactory()
    teacher_at(school, name="老师")
    county = client_for("demo-county-a").get(f"{ELIGIBLE}?org=620102&year=2026")
    assert county.status_code == 200 and county.json()["summary"]["eligible"] >= 1
    assert client_for("demo-county-a").get(f"{ELIGIBLE}?org=620100&year=2026").status_code == 400  # a city
    assert client_for("demo-county-b").get(f"{ELIGIBLE}?org={school.code}&year=2026").status_code in (400, 404)
    other = client_for("demo-county-b").get(f"{ELIGIBLE}?org=620103&year=2026").json()
    assert "老师" not in {row["name"] for row in other["results"]}


def test_reasons_are_in_the_readers_language(client_for):
    """zh-CN by default (the whole API answers in Chinese), English when the reader asks for it."""
    school, kindergarten = SchoolFactory(), SchoolFactory(school_type="111")
    teacher_at(kindergarten, name="幼儿园")
    teacher_at(school, name="病假", personnel_status="203")
    teacher_at(school, name="无月份", school_entry_month="")
    teacher_at(school, name="新来", school_entry_month="2024-03")
    teacher_at(school, name="将退休", birth_date=dt.date(1968, 1, 1))
    rows = by_name(judged(client_for, school)) | by_name(judged(client_for, kindergarten))
    untranslated = {name: row["reason_text"] for name, row in rows.items() if not CJK.search(row["reason_text"])}
    assert untranslated == {}
    english = client_for("demo-county-a").get(f"{ELIGIBLE}?org={school.code}&year=2026", HTTP_ACCEPT_LANGUAGE="en")
    assert all(not CJK.search(row["reason_text"]) for row in english.json()["results"])


def test_pages_past_the_matches_keep_the_count_and_the_whole_summary(client_for):
    """The page, its count and the organisation's summary come from one statement: a page past the last match, a
    filter matching nobody and a page past every teacher still give the true count and the same summary."""
    school = SchoolFactory()
    for index in range(5):
        teacher_at(school, name=f"合格{index}")
    teacher_at(school, name="新来", school_entry_month="2024-03")
    whole = judged(client_for, school)["summary"]
    assert (whole["teachers"], whole["eligible"], whole["reasons"]["too_few_years"]) == (6, 5, 1)

    def page(**params) -> dict:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        answer = client_for("demo-county-a").get(f"{ELIGIBLE}?org={school.code}&year=2026&{query}")
        assert answer.status_code == 200, answer.json()
        return answer.json()

    first, second = page(eligible="true", page_size=3), page(eligible="true", page_size=3, page=2)
    assert (first["count"], second["count"]) == (5, 5) and first["summary"] == second["summary"] == whole
    assert len(first["results"]) == 3 and [r["eligible"] for r in second["results"]] == [True, True]
    assert {r["name"] for r in first["results"] + second["results"]} == {f"合格{i}" for i in range(5)}
    for beyond, count in ((page(eligible="true", page_size=3, page=3), 5), (page(page_size=3, page=9), 6)):
        assert (beyond["count"], beyond["results"], beyond["summary"]) == (count, [], whole)
    nobody = page(q="无此人")
    assert (nobody["count"], nobody["results"], nobody["summary"]) == (0, [], whole)
    past = page(reason="too_few_years", page_size=1)
    assert [r["name"] for r in past["results"]] == ["新来"] and past["count"] == 1 and past["summary"] == whole
