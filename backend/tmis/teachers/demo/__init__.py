"""Demo teachers for `make run`: about 300 complete archives over the 8 demo schools, valid for each school's catalogue
and holding only what it shows (the indicators of the catalogue in force; no records of a group it has none of).

Every teacher gets the key information and 基本信息 (with 最高学历/学位 and 现任岗位/职务 taken from the records
below), and records in every many-valued group the school's effective catalogue contains, told as one career:
学习经历 (a full-time diploma ending the summer before work starts, for many an in-service upgrade or 教育硕士
later), 工作经历 (earlier schools, then this one), 岗位聘任 (grade matching the title; a few leaders with their
school duty and a concurrent management post), 专业技术职务聘任 (二级 → 一级 → 高级 … as service grows; 中专
titles in the vocational school, 高校 titles for a university), 基本待遇 of last year, 年度考核 for up to three past
years, 教师资格 matching the school kind (幼儿园 / 小学 / 初中 / 高中 / 中职 / 高等学校), 师德信息 (some with an
honour), 教育教学 for the last two semesters (courses of the subject and stage), 国内培训 with hours and credits,
and 技能及证书 (普通话 certificate, plus another for some). The rarer groups are real for a minority — 入选人才项目,
海外研修, 交流轮岗 for roughly 5–20 % of teachers, everyone else has the table's 无 row (00 / 否 / 0) as the national
system records it — and 教学科研成果及获奖 (papers, awards, projects, students' prizes, artworks) for about a third,
a 成果类型 0-无 row for the rest (each group of the core set needs a record before an archive is submitted).
Months are YYYY-MM, every date lies in the past, codes come from the national tables.

Each row is checked with the catalogue validator (`validate_row`, on the row the services build) before it is
written, and a row with any finding stops the load. Records go in with one bulk insert per group and one change
stamp per teacher (what `group_record_save` does row by row). People are seeded per person, so loading twice adds
nothing: a teacher whose ID number exists is skipped with all their records."""

from .career import STEPS, career
from .life import Life
from .loader import load_demo_teachers
from .people import SchoolContext, demo_person, school_context

__all__ = ["STEPS", "Life", "SchoolContext", "career", "demo_person", "load_demo_teachers", "school_context"]
