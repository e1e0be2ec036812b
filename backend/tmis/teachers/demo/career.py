"""A demo teacher's career: one step per group, run in a fixed order on one random stream."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from .data import (
    BASIC_PAY,
    DUTY_NAMES,
    EARLIER_UNITS,
    POST_GRADES,
    QUALIFICATION,
    UNIT_NATURE,
)
from .distinctions import achievements, overseas, rotation, skills, talent
from .life import Life, month_before, year_month
from .people import SchoolContext
from .studies import study_history, title_steps
from .teaching import teaching, training


def study(life: Life) -> None:
    """学习经历 (the diploma before work, perhaps an in-service upgrade)."""
    rng, today, born, start, level, subject, rows = (
        life.rng,
        life.today,
        life.born,
        life.start,
        life.level,
        life.subject,
        life.rows,
    )
    rows["study"] = study_history(rng, born, start, level, subject, today)


def work(life: Life) -> None:
    """工作经历: earlier schools (when the teacher came later), then this one."""
    rng, person, ctx, duty, start, entry, level, subject, leader, rows = (
        life.rng,
        life.person,
        life.ctx,
        life.duty,
        life.start,
        life.entry,
        life.level,
        life.subject,
        life.leader,
        life.rows,
    )
    post_name = "幼儿教师" if level == "kindergarten" else f"{subject}教师"
    earlier = rng.sample(EARLIER_UNITS[level], k=2 if entry - start >= 6 and rng.random() < 0.3 else 1)
    moves = [start] + ([start + (entry - start) // 2] if len(earlier) == 2 else []) + [entry]
    if entry > start:
        for unit, (begin, end) in zip(earlier, pairwise(moves), strict=True):
            rows["work"].append(
                {
                    "work_unit": unit,
                    "work_start": year_month(begin, 9),
                    "work_end": year_month(end, 8),
                    "work_unit_nature": UNIT_NATURE.get(level, "263"),
                    "work_post": post_name,
                }
            )
    rows["work"].append(
        {
            "work_unit": ctx.name,
            "work_start": person["school_entry_month"],
            "work_unit_nature": UNIT_NATURE.get(level, "263"),
            "work_post": f"{DUTY_NAMES[duty]}、{post_name}" if leader else post_name,
        }
    )


def titles_and_post(life: Life) -> None:
    """专业技术职务聘任 and the 岗位聘任 that goes with the current title."""
    rng, duty, last_year, start, entry, level, leader, rows, unit_at = (
        life.rng,
        life.duty,
        life.last_year,
        life.start,
        life.entry,
        life.level,
        life.leader,
        life.rows,
        life.unit_at,
    )
    titles = title_steps(rng, level, start, last_year)
    for i, (code, month) in enumerate(titles):
        row = {"title_appointed": code, "title_start_month": month}
        row["title_unit"] = unit_at(month)
        if i + 1 < len(titles):
            row["title_end_month"] = month_before(titles[i + 1][1])
        if level == "higher":
            row["title_has_qualification"] = True
        rows["title"].append(row)
    title, title_month = titles[-1]
    grade = rng.choice(POST_GRADES[title])
    post = {"post_category": "1", "post_grade": grade, "post_start_month": title_month, "post_has_concurrent": False}
    post["school_duty"] = [duty]
    if leader:
        post["school_duty_start_month"] = year_month(min(last_year, max(entry, start + 12) + rng.randint(0, 4)), 9)
    if duty in {"11", "12", "21"}:
        post |= {
            "post_has_concurrent": True,
            "post_concurrent_category": "3",
            "post_concurrent_grade": "207" if duty != "21" else "208",
        }
    rows["post"].append(post)
    life.title = title
    life.title_month = title_month
    life.grade = grade


def treatment(life: Life) -> None:
    """基本待遇 of last year (未满一年的下年度填报: everyone here has worked all of it)."""
    rng, ctx, today, last_year, start, leader, rows, grade = (
        life.rng,
        life.ctx,
        life.today,
        life.last_year,
        life.start,
        life.leader,
        life.rows,
        life.grade,
    )
    basic_pay = BASIC_PAY[int(grade[1:])] + 25 * (today.year - start)
    monthly = {
        "basic_salary": basic_pay,
        "performance_pay": rng.randrange(1800, 3400, 50),
        "rural_teacher_allowance": rng.randrange(300, 600, 50) if ctx.rural else 0,
        "other_allowances": rng.randrange(400, 1400, 20) + (300 if leader else 0),
        "other_income": rng.choice((0, 0, 100, 200, 300)),
    }
    rows["treatment"].append(
        {"treatment_year": last_year, "annual_salary": 12 * sum(monthly.values()) + basic_pay}
        | monthly
        | {"five_insurance": ["1", "2", "3", "4", "5", "6", "7"]}
    )


def assessment(life: Life) -> None:
    """年度考核 of up to three past years (the first full year of work on)."""
    rng, last_year, start, rows, unit_at = life.rng, life.last_year, life.start, life.rows, life.unit_at
    for year in range(max(start + 1, last_year - 2), last_year + 1):
        result = "1" if rng.random() < 0.22 else "3" if rng.random() < 0.02 else "2"
        rows["assessment"].append(
            {"assessment_year": year, "assessment_result": result, "assessment_unit": unit_at(year_month(year, 12))}
        )


def qualification(life: Life) -> None:
    """教师资格 of the stage taught (some lower-secondary teachers also hold the senior one)."""
    (
        rng,
        ctx,
        last_year,
        start,
        level,
        subject,
        professional,
        label,
        county_bureau,
        city_bureau,
        province_bureau,
        rows,
    ) = (
        life.rng,
        life.ctx,
        life.last_year,
        life.start,
        life.level,
        life.subject,
        life.professional,
        life.label,
        life.county_bureau,
        life.city_bureau,
        life.province_bureau,
        life.rows,
    )
    kinds = [QUALIFICATION[level]]
    if level == "junior" and rng.random() < 0.15:
        kinds.append("4")
    if level == "vocational" and professional and rng.random() < 0.2:
        kinds.append("6")  # 中等职业学校实习指导教师资格
    for i, kind in enumerate(kinds):
        issued = dt.date(min(start + 2 * i, last_year), rng.randint(10, 12), rng.randint(1, 28))
        issuer = (
            county_bureau if kind in {"1", "2", "3"} else city_bureau if kind in {"4", "5", "6"} else province_bureau
        )
        rows["qualification"].append(
            {
                "qualification_type": kind,
                "qualification_cert_no": f"{issued.year}{ctx.region}{kind}{rng.randint(1, 999999):06d}",
                "qualification_subject": label if kind != "6" else f"{subject}实习指导",
                "qualification_issue_date": issued,
                "qualification_issuer": issuer,
            }
        )


def ethics(life: Life) -> None:
    """师德信息: the yearly ethics assessment; some with an honour (on Teachers' Day)."""
    rng, last_year, county_bureau, city_bureau, province_bureau, rows, unit_at, title = (
        life.rng,
        life.last_year,
        life.county_bureau,
        life.city_bureau,
        life.province_bureau,
        life.rows,
        life.unit_at,
        life.title,
    )
    honoured = rng.random() < (0.25 if title in {"062", "061", "022", "012", "011"} else 0.12)
    for year in (last_year - 1, last_year):
        row = {
            "ethics_month": year_month(year, 12),
            "ethics_result": "1" if rng.random() < 0.2 else "2",
            "ethics_unit": unit_at(year_month(year, 12)),
            "honour_level": "0",
            "sanction_category": "0",
        }
        if honoured and year == last_year:
            level_code = rng.choice(("4", "4", "3", "2"))
            honour = rng.choice(("53", "53", "54", "04"))
            names = {"53": "优秀教师", "54": "优秀教育工作者", "04": "先进工作者"}
            unit = {"4": county_bureau, "3": city_bureau, "2": province_bureau}[level_code]
            row |= {
                "honour_level": level_code,
                "honour_title": honour,
                "honour_date": dt.date(year, 9, 10),
                "honour_description": f"{year}年度{unit.removesuffix('教育局').removesuffix('教育厅')}{names[honour]}",
                "honour_unit": unit,
            }
        rows["ethics"].append(row)


#: The steps of a career in the order they draw from the random stream: the same order gives the same people.
STEPS: tuple[Callable[[Life], None], ...] = (
    study,
    work,
    titles_and_post,
    treatment,
    assessment,
    qualification,
    ethics,
    teaching,
    training,
    talent,
    overseas,
    skills,
    rotation,
    achievements,
)


def career(rng: random.Random, person: dict[str, Any], ctx: SchoolContext, duty: str = "00") -> dict[str, Any]:
    """One teacher's records, group code → rows (model column → value), oldest first. `duty` is a 校级职务 code."""
    life = Life.draw(rng, person, ctx, duty)
    for run in STEPS:
        run(life)
    return dict(life.rows)
