"""教育教学 and 国内培训 of a demo career: what a teacher teaches and the courses they took."""

from __future__ import annotations

from .data import TEACHING_STAGE, VOCATIONAL_FIELDS
from .life import Life, weighted, year_month


def teaching(life: Life) -> None:
    """教育教学 of the last two semesters."""
    rng, today, last_year, level, subject, major, courses, course_category, professional, leader, rows, title = (
        life.rng,
        life.today,
        life.last_year,
        life.level,
        life.subject,
        life.major,
        life.courses,
        life.course_category,
        life.professional,
        life.leader,
        life.rows,
        life.title,
    )
    school_year = today.year if today.month >= 9 else today.year - 1
    semesters = ((f"{school_year - 1}-{school_year}", "2"), (f"{school_year}-{school_year + 1}", "1"))
    if leader:
        concurrent = "00"
    elif level in {"kindergarten", "special"}:
        concurrent = "01" if rng.random() < 0.4 else "00"
    else:
        concurrent = weighted(
            rng,
            {
                "01": 0 if subject in {"体育", "音乐", "美术", "信息技术"} or professional else 35,
                "05": 8,
                "06": 5,
                "07": 2,
                "08": 20 if subject in {"物理", "化学", "生物", "科学"} else 0,
                "03": 4 if level == "primary" else 0,
                "04": 3 if level in {"junior", "senior", "vocational"} else 0,
                "00": 45,
            },
        )
    hours = {"kindergarten": (20, 30), "primary": (12, 18), "junior": (10, 16), "senior": (10, 14)}.get(level, (12, 18))
    weekly = rng.randint(2, 6) if leader else rng.randint(*hours)
    for school_year_text, semester in semesters:
        if level == "higher":
            break
        row = {
            "teaching_school_year": school_year_text,
            "teaching_semester": semester,
            "teaching_stages": [TEACHING_STAGE[level]],
            "teaching_status": "20" if level == "kindergarten" else "22" if professional else "21",
            "weekly_teaching_hours": weekly,
            "weekly_other_hours": rng.randint(4, 8) if concurrent == "01" or leader else rng.randint(1, 4),
            "concurrent_work": concurrent,
        }
        if courses.get(level):
            row["teaching_courses"] = [courses[level]]
            if level == "primary" and subject == "语文" and rng.random() < 0.3:
                row["teaching_courses"].append("102")  # 品德与社会 as well
        if level == "vocational":
            row["vocational_course_category"] = course_category
            row["vocational_subject_category"] = VOCATIONAL_FIELDS.get(subject, "公共基础课")
        if level == "special":
            row["special_courses"] = rng.choice(("生活语文、生活数学", "康复训练", "唱游与律动", "绘画与手工"))
            if rng.random() < 0.3:
                row["special_other_work"] = "送教上门"
        rows["teaching"].append(row)
    if level == "higher":
        supervisor = "2" if title in {"011", "012"} and rng.random() < 0.6 else "0"
        for semester in ("1", "2"):
            rows["teaching"].append(
                {
                    "teaching_year": last_year,
                    "teaching_semester": semester,
                    "main_discipline": major,
                    "supervisor_type": supervisor,
                    "teaches_undergraduates": True,
                    "course_teaching_hours": rng.randrange(48, 192, 16),
                    "other_work_hours": rng.randrange(10, 80, 5),
                }
            )


def training(life: Life) -> None:
    """国内培训: two to four programmes of recent years (the induction course for those who started then)."""
    rng, ctx, last_year, start, entry, level, label, county_bureau, city_bureau, rows, unit_at = (
        life.rng,
        life.ctx,
        life.last_year,
        life.start,
        life.entry,
        life.level,
        life.label,
        life.county_bureau,
        life.city_bureau,
        life.rows,
        life.unit_at,
    )
    teachers_of = "职业院校" if level in {"vocational", "higher"} else "中小学（幼儿园）"
    programmes = [
        ("1", f"国培计划（{{y}}）——{ctx.province}{label}骨干教师能力提升培训", "西北师范大学", "3", 72),
        (
            "2",
            f"{ctx.province}{teachers_of}教师信息技术应用能力提升工程2.0（{{y}}）",
            f"{ctx.province}电化教育馆",
            "2",
            50,
        ),
        ("2", f"{ctx.province}{{y}}年{label}教学能力提升培训", "天水师范学院", "1", 48),
        ("3", f"{ctx.city}{{y}}年班主任专业能力提升培训", city_bureau, "1", 36),
        ("4", f"{ctx.county}{{y}}年师德师风专题培训", county_bureau, "3", 24),
        ("5", "{y}年校本研修：大单元教学设计与实施", "", "4", 40),  # at the school of that year
    ]
    years = list(range(max(start, last_year - 3), last_year + 1))
    chosen = sorted(rng.sample(years, k=min(len(years), rng.randint(2, 4))))
    for year, programme in zip(chosen, rng.sample(programmes, k=len(chosen)), strict=True):
        category, project, institution, form, hours_done = programme
        project, institution = project.format(y=year), institution or unit_at(year_month(year, 10))
        if year == start:  # the induction course of the first year
            where = ctx.county if start == entry else ctx.city
            category, project, form, hours_done = "4", f"{where}{year}年新任教师岗前培训", "1", 120
            institution = county_bureau if start == entry else city_bureau
        rows["training"].append(
            {
                "training_year": year,
                "training_category": category,
                "training_project": project,
                "training_institution": institution,
                "training_form": form,
                "training_hours": hours_done,
                "training_credits": max(1, hours_done // 10),
            }
        )
