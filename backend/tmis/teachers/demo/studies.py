"""学习经历 and the steps of 专业技术职务: a demo teacher's diplomas and titles."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .data import COLLEGES, K12_TITLES, NORMAL_SCHOOLS, NORMAL_UNIVERSITIES, OTHER_UNIVERSITIES, SUBJECTS, TITLE_SERIES
from .life import year_month


def study_row(
    education: str,
    institution: str,
    major: str,
    normal: bool,
    start: str,
    end: str,
    mode: str,
    unit: str,
    degree: tuple[str, str] | None,
) -> dict[str, Any]:
    row = {
        "study_education": education,
        "study_country": "156",
        "study_institution": institution,
        "study_major": major,
        "study_is_normal_major": normal,
        "study_start_month": start,
        "study_end_month": end,
        "study_mode": mode,
        "study_unit_category": unit,
        "study_degree_level": degree[0] if degree else "0",
    }
    if degree:
        row |= {
            "study_degree": degree[1],
            "study_degree_country": "156",
            "study_degree_institution": institution,
            "study_degree_month": end,
        }
    return row


def study_history(rng: random.Random, born: int, start: int, level: str, subject: str, today: dt.date) -> list[dict]:
    """学习经历: the diploma before work (ending the July before it), then perhaps an in-service upgrade."""
    major, bachelor, master, normal, _courses, _category = SUBJECTS[subject]
    if level == "primary" and subject in {"语文", "数学"} and rng.random() < 0.3:
        major, bachelor = "小学教育", "404"
    school = rng.choice(NORMAL_UNIVERSITIES if normal else OTHER_UNIVERSITIES)
    master_school = rng.choice(("西北师范大学", "陕西师范大学", "兰州大学") if normal else ("兰州大学", "兰州理工大学"))
    last_year = today.year - 1
    young = born >= 1983
    full_time_master = level == "higher" or (young and level in {"senior", "vocational"} and rng.random() < 0.4)
    if full_time_master and start - born >= 24:
        return [  # 本科 then a full-time master's
            study_row(
                "21",
                school,
                major,
                normal,
                year_month(start - 7, 9),
                year_month(start - 3, 7),
                "1",
                "14",
                ("4", bachelor),
            ),
            study_row(
                "14",
                master_school,
                major,
                normal,
                year_month(start - 3, 9),
                year_month(start, 7),
                "1",
                "14",
                ("3", master),
            ),
        ]
    diploma = rng.random() < (0.45 if level == "kindergarten" else 0.8 if young else 0.55)
    if level in {"senior", "vocational", "higher"}:
        diploma = diploma or level == "higher" or rng.random() < 0.7
    if diploma:
        rows = [
            study_row(
                "21", school, major, normal, year_month(start - 4, 9), year_month(start, 7), "1", "14", ("4", bachelor)
            )
        ]
    elif born <= 1972 and level in {"kindergarten", "primary", "special"}:
        normal_major = "幼儿教育" if level == "kindergarten" else "普通师范"
        rows = [
            study_row(
                "91",
                rng.choice(NORMAL_SCHOOLS),
                normal_major,
                True,
                year_month(start - 3, 9),
                year_month(start, 7),
                "1",
                "13",
                None,
            )
        ]
    else:
        rows = [
            study_row(
                "31",
                rng.choice(COLLEGES),
                major,
                normal,
                year_month(start - 3, 9),
                year_month(start, 7),
                "1",
                "14",
                None,
            )
        ]
    first = rows[0]["study_education"]
    if first != "21" and rng.random() < 0.8:  # 专升本 / 中师 → 本科, part-time
        begin = start + rng.randint(2, 8)
        if begin + 3 <= last_year:
            by_exam = rng.random() < 0.3
            place = "甘肃省高等教育自学考试委员会" if by_exam else rng.choice(NORMAL_UNIVERSITIES[:3])
            degree = ("4", bachelor) if rng.random() < 0.5 else None
            rows.append(
                study_row(
                    "21",
                    place,
                    major,
                    normal,
                    year_month(begin, 3),
                    year_month(begin + 3, 1),
                    "3",
                    "28" if by_exam else "14",
                    degree,
                )
            )
    elif first == "21" and (young or level == "higher") and rng.random() < (0.8 if level == "higher" else 0.15):
        # in-service 教育硕士 (a university's own master's for a young lecturer)
        begin = start + rng.randint(3, 6)
        if begin + 3 <= last_year:
            rows.append(
                study_row(
                    "14",
                    master_school,
                    "教育管理" if normal else major,
                    normal,
                    year_month(begin, 9),
                    year_month(begin + 3, 6),
                    "2",
                    "14",
                    ("3", "342"),
                )
            )
    return rows


def title_steps(rng: random.Random, level: str, start: int, last_year: int) -> list[tuple[str, str]]:
    """(title, appointment month) from the first step on: 二级 after a year, 一级 about five years later …"""
    series = TITLE_SERIES.get(level, K12_TITLES)
    steps = [(series[0], start + 1)]
    gaps = ((5, 7, 1.0), (5, 9, 0.6), (8, 12, 0.05 if level != "higher" else 0.3))
    for code, (low, high, chance) in zip(series[1:], gaps, strict=False):
        year = steps[-1][1] + rng.randint(low, high)
        if year > last_year or rng.random() >= chance:
            break
        steps.append((code, year))
    return [(code, year_month(year, rng.choice((1, 7, 9, 12)))) for code, year in steps]
