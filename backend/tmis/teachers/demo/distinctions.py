"""The rarer groups of a demo career: talent programmes, study abroad, skills, exchange and achievements."""

from __future__ import annotations

import datetime as dt

from .data import JOURNALS, OVERSEAS, PAPER_TOPICS, RURAL_UNITS
from .life import Life, weighted, year_month


def talent(life: Life) -> None:
    """入选人才项目: 地市级/省部级专家 for some senior teachers, 00 无 for the rest."""
    rng, last_year, rows, title_month, senior_title = (
        life.rng,
        life.last_year,
        life.rows,
        life.title_month,
        life.senior_title,
    )
    if senior_title and rng.random() < 0.35:
        since = int(title_month[:4])
        rows["talent"].append(
            {"talent_program": "30" if rng.random() < 0.25 else "40", "talent_year": rng.randint(since, last_year)}
        )
    else:
        rows["talent"].append({"talent_program": "00"})


def overseas(life: Life) -> None:
    """海外研修(访学): a few weeks abroad for some (English teachers most), 否 for the rest."""
    rng, ctx, last_year, start, level, subject, stage_name, province_bureau, rows = (
        life.rng,
        life.ctx,
        life.last_year,
        life.start,
        life.level,
        life.subject,
        life.stage_name,
        life.province_bureau,
        life.rows,
    )
    if last_year - start >= 5 and rng.random() < (0.35 if subject == "英语" or level == "higher" else 0.09):
        year = rng.randint(start + 4, last_year)
        begin = dt.date(year, rng.choice((1, 4, 7)), rng.randint(1, 20))  # back within the year
        country, institution = rng.choice(OVERSEAS)
        rows["overseas"].append(
            {
                "overseas_flag": True,
                "overseas_start_date": begin,
                "overseas_end_date": begin + dt.timedelta(days=rng.choice((21, 28, 42, 90))),
                "overseas_country": country,
                "overseas_institution": institution,
                "overseas_project": f"{ctx.province}{stage_name}骨干教师海外研修项目",
                "overseas_organizer": "国家留学基金管理委员会" if rng.random() < 0.4 else province_bureau,
            }
        )
    else:
        rows["overseas"].append({"overseas_flag": False})


def skills(life: Life) -> None:
    """技能及证书: everyone's 普通话 certificate; a second skill or certificate for some."""
    rng, ctx, last_year, start, level, subject, professional, rows = (
        life.rng,
        life.ctx,
        life.last_year,
        life.start,
        life.level,
        life.subject,
        life.professional,
        life.rows,
    )
    putonghua = "103" if subject == "语文" or level == "kindergarten" else rng.choice(("103", "104", "104"))
    if subject == "语文" and rng.random() < 0.15:
        putonghua = "102"
    tested = start - 1
    rows["skills"].append(
        {
            "skill_language": "zh",
            "skill_language_proficiency": "1",
            "certificate_type": "2",
            "language_certificate": putonghua,
            "certificate_name": "普通话水平测试等级证书",
            "certificate_month": year_month(tested, rng.choice((5, 6, 11, 12))),
            "certificate_issuer": f"{ctx.province}语言文字工作委员会",
            "certificate_no": f"62{tested}{rng.randint(0, 10**9 - 1):09d}",
        }
    )
    second = {
        "英语": (0.7, "1" if rng.random() < 0.4 else "2", "9", "英语专业八级证书", "高等学校外语专业教学指导委员会"),
        "信息技术": (0.6, "4", "3", "全国计算机等级考试二级证书", "教育部教育考试院"),
        "音乐": (0.4, "4", "9", "钢琴演奏等级证书（十级）", "中国音乐家协会"),
    }.get(subject, (0.15, "3", "9", "全国大学英语六级证书", "教育部教育考试院"))
    if professional:
        skill = {
            "机械加工": "数控车工（高级）",
            "计算机应用": "计算机程序设计员（三级）",
            "会计": "会计专业技术资格（中级）",
        }
        name = skill.get(subject, "电子商务师（三级）" if subject == "电子商务" else "汽车维修工（高级）")
        second = (0.75, "4", "1", f"{name}证书", f"{ctx.province}人力资源和社会保障厅")
    chance, english, kind, name, issuer = second
    if rng.random() < chance:
        month = year_month(rng.randint(start - 2, last_year), rng.choice((3, 6, 9, 12)))
        rows["skills"].append(
            {
                "skill_language": "en",
                "skill_language_proficiency": english,
                "certificate_type": kind,
                "certificate_name": name,
                "certificate_month": month,
                "certificate_issuer": issuer,
                "certificate_no": f"{month[:4]}{rng.randint(0, 10**10 - 1):010d}",
            }
        )
        if subject == "音乐":
            rows["skills"][-1] |= {"skill_other_name": "钢琴", "skill_other_proficiency": "2"}


def rotation(life: Life) -> None:
    """交流轮岗: a school year of exchange, rotation or 支教 for some, 0 无 for the rest."""
    rng, ctx, last_year, entry, level, rows = life.rng, life.ctx, life.last_year, life.entry, life.level, life.rows
    if last_year - entry >= 3 and rng.random() < 0.18:
        year = rng.randint(entry + 1, last_year - 1)
        kind = weighted(rng, {"3": 5, "2": 2, "1": 2, "4": 1})
        rows["rotation"].append(
            {
                "rotation_type": kind,
                "rotation_transfers_relation": kind == "1" and rng.random() < 0.3,
                "rotation_start_month": year_month(year, 9),
                "rotation_end_month": year_month(year + 1, 7),
                "rotation_origin_unit": ctx.name,
                "rotation_unit": rng.choice(RURAL_UNITS[level]),
            }
        )
    else:
        rows["rotation"].append({"rotation_type": "0"})


def achievements(life: Life) -> None:
    """教学科研成果及获奖 (no 无 code): papers, awards, projects, students' prizes, artworks for about a third."""
    rng, ctx, last_year, start, level, subject, label, county_bureau, city_bureau, rows, title, senior_title = (
        life.rng,
        life.ctx,
        life.last_year,
        life.start,
        life.level,
        life.subject,
        life.label,
        life.county_bureau,
        life.city_bureau,
        life.rows,
        life.title,
        life.senior_title,
    )
    chance = 0.36 if senior_title else 0.25 if title in {"063", "023", "013"} else 0.1
    if last_year - start >= 3 and rng.random() < chance:
        kinds = {"3": 45, "4": 30, "1": 12}
        kinds |= {
            "10": 13 if level not in {"kindergarten", "special"} else 0,
            "5": 15 if subject in {"音乐", "美术"} else 0,
        }
        for i in range(rng.choice((1, 1, 2, 3))):
            kind = weighted(rng, kinds)
            year = rng.randint(start + 2, last_year)
            row = {"achievement_kind": kind, "achievement_representative": i == 0}
            if kind == "3":
                page = rng.randint(8, 90)
                row |= {
                    "paper_title": f"核心素养视域下{label}{rng.choice(PAPER_TOPICS)}",
                    "paper_journal": rng.choice(JOURNALS),
                    "paper_publish_month": year_month(year, rng.randint(1, 12)),
                    "paper_issue": str(rng.randint(1, 24)),
                    "paper_pages": f"{page}-{page + rng.randint(1, 3)}",
                    "paper_role": rng.choice(("04", "09")),
                    "paper_discipline": label,
                    "paper_indexing": ["0"],
                }
            elif kind == "4":
                unit = rng.choice((county_bureau, city_bureau))
                contest = "青年教师课堂教学大赛" if start >= last_year - 15 else "优质课评比"
                row |= {
                    "award_category": "1",
                    "award_month": year_month(year, rng.randint(4, 12)),
                    "award_name": f"{unit.removesuffix('教育局')}{label}{contest}",
                    "award_grade": rng.choice(("2", "3", "4")),
                    "award_rank": 1,
                    "award_country": "156",
                    "award_unit": unit,
                }
            elif kind == "1":
                year = min(year, last_year - 2)
                lead = rng.random() < 0.5
                city_level = rng.random() < 0.5
                row |= {
                    "project_type": "3",
                    "project_name": f"{label}{rng.choice(PAPER_TOPICS)}",
                    "project_approval_no": f"GS[{year}]GHB{rng.randint(1, 3999):04d}"
                    if not city_level
                    else f"LZ{year}{rng.randint(1, 999):03d}",
                    "project_discipline": label,
                    "project_funding": rng.choice((0.3, 0.5, 1.0)),
                    "project_start_month": year_month(year, 3),
                    "project_end_month": year_month(year + 2, 6),
                    "project_role": "01" if lead else "02",
                    "project_rank": 1 if lead else rng.randint(2, 5),
                    "project_commissioner": f"{ctx.city}教育科学研究所"
                    if city_level
                    else f"{ctx.province}教育科学规划领导小组办公室",
                    "project_source": "17" if city_level else "05",
                }
            elif kind == "10":
                contest = {
                    "体育": f"{ctx.city}中小学生田径运动会",
                    "音乐": f"{ctx.province}中小学生艺术展演",
                    "美术": f"{ctx.province}中小学生书画大赛",
                    "信息技术": "全国青少年科技创新大赛（甘肃赛区）",
                }.get(subject, f"{ctx.city}中小学生{subject}素养展示活动")
                row |= {
                    "student_award_name": contest,
                    "student_award_role": "14",
                    "student_award_grade": rng.choice(("2", "3", "4")),
                    "student_award_month": year_month(year, rng.randint(4, 12)),
                    "student_award_description": "指导学生参赛并获奖",
                }
            else:  # "5": 音乐 and 美术 teachers' own works
                category, work = (
                    ("1", "校园歌曲《春到陇原》")
                    if subject == "音乐"
                    else rng.choice((("3", "国画《黄河铁桥》"), ("2", "书法《沁园春·雪》")))
                )
                row |= {
                    "artwork_category": category,
                    "artwork_name": work,
                    "artwork_role": "04",
                    "artwork_completed_month": year_month(year, rng.randint(1, 12)),
                    "artwork_place": ctx.city,
                    "artwork_description": "独立创作，入选区教师作品展",
                }
            rows["achievements"].append(row)
