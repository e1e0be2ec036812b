"""The import bench's workbook (`bench_imports.py`): realistic teachers of one county's schools written into its
real import template as a clerk fills it in (names, "01 汉族", mixed date spellings, 是/否), 1 % of the rows made bad
in known ways (wrong check digit, impossible date, unknown code, an ID twice in the file).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 6
COUNTY = "620102"  # 城关区: its template is filled with the teachers of its schools
# Common surnames with their rough shares (per cent of the population), two compound ones.
SURNAMES = {
    "王": 7.1, "李": 7.0, "张": 6.6, "刘": 5.4, "陈": 4.5, "杨": 3.1, "黄": 2.2, "赵": 2.2, "吴": 2.0, "周": 1.9,
    "徐": 1.5, "孙": 1.5, "马": 1.4, "朱": 1.3, "胡": 1.2, "郭": 1.2, "何": 1.1, "高": 1.0, "林": 1.0, "罗": 0.9,
    "郑": 0.9, "梁": 0.8, "谢": 0.7, "宋": 0.6, "唐": 0.6, "许": 0.6, "韩": 0.6, "冯": 0.6, "邓": 0.6, "曹": 0.5,
    "彭": 0.5, "曾": 0.5, "肖": 0.5, "田": 0.5, "董": 0.5, "袁": 0.4, "潘": 0.4, "于": 0.4, "蒋": 0.4, "蔡": 0.4,
    "余": 0.4, "杜": 0.4, "叶": 0.4, "程": 0.4, "苏": 0.3, "魏": 0.3, "吕": 0.3, "丁": 0.3, "任": 0.3, "沈": 0.3,
    "姚": 0.3, "卢": 0.3, "牛": 0.2, "包": 0.1, "欧阳": 0.05, "司马": 0.01,
}  # fmt: skip
FEMALE = "芳娜敏静丽艳娟霞秀英华玉兰萍红梅琳婷雪慧欣怡佳琪颖晶燕丹洁倩璐瑶晓春凤云莉荣"
MALE = "伟强磊军洋勇杰涛明超平刚鹏飞宇浩然博文斌辉建国华峰龙波鑫亮林俊东海成志"
# Birthplaces (GB/T 2260): mostly 甘肃 (兰州's districts and other prefectures), some neighbouring provinces.
REGIONS = {
    "620102": 14, "620103": 10, "620104": 4, "620105": 6, "620111": 2, "620121": 4, "620122": 3, "620123": 4,
    "620302": 2, "620402": 3, "620421": 3, "620502": 5, "620521": 3, "620602": 4, "620702": 2, "620802": 3,
    "620902": 2, "621002": 3, "621102": 4, "621121": 3, "621202": 3, "622901": 3, "623001": 2,
    "610102": 2, "640104": 1, "632122": 1, "410102": 1,
}  # fmt: skip


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Generated:
    path: Path
    rows: int
    bad: dict[str, int]  # kind → rows of that kind
    seconds: float
    codes: list[str]  # the sheet's column codes (school first)
    cells: list[tuple[str | None, ...]] = field(repr=False)  # every data row's cell texts (None: empty)
    samples: list[dict[str, Any]] = field(repr=False)  # the first good rows as API payloads (codes)


class Catalogue:
    """What the generator needs of the county's template and of each school's own catalogue."""

    def __init__(self, county: Any, schools: list[Any]) -> None:
        from tmis.catalog.selectors import effective_for_organisation
        from tmis.imports.template import code_names, template_columns, template_fields

        catalogue, tables = effective_for_organisation(organisation=county)
        self.fields = template_fields(catalogue)
        self.columns = template_columns(self.fields, school_required=True)  # the real template's columns and stars
        self.names = {code: {c: n for c, n, _en in items} for code, items in code_names(catalogue, tables).items()}
        self.by_school: dict[str, dict[str, Any]] = {}
        self.skipped: list[str] = []
        for school in schools:
            own, _tables = effective_for_organisation(organisation=school)
            fields = {f.code: f for f in template_fields(own)}
            # A coded field of the school's kind whose codes the county's template cannot name (a kindergarten's
            # 教职工类别 has its own table): its rows could not be filled in through the county's template.
            unnameable = [
                f.name
                for f in fields.values()
                if f.required and f.codes is not None and not set(f.codes) & set(self.names.get(f.code, {}))
            ]
            if unnameable:
                self.skipped.append(f"{school.code} {school.name}: {'、'.join(unnameable)}")
                continue
            self.by_school[school.code] = fields


class Rows:
    """Realistic teachers for the county's schools: values as codes (the API's payload) and as a clerk writes
    them in the template (names, "01 汉族", mixed date spellings, 是/否)."""

    def __init__(self, catalogue: Catalogue, rng: random.Random) -> None:
        self.catalogue = catalogue
        self.rng = rng
        self.schools = list(catalogue.by_school)
        self.school_weights = [6, 4, 3][: len(self.schools)] + [2] * max(0, len(self.schools) - 3)
        self.used: set[str] = set()
        self.today = dt.date.today()

    def allowed(self, school: str, code: str, weights: dict[str, float]) -> str:
        """A code by weight among those the school's kind allows and the county's template names."""
        f = self.catalogue.by_school[school][code]
        ok = set(f.codes or ()) & set(self.catalogue.names.get(code, {}))
        usable = {c: w for c, w in weights.items() if c in ok}
        return pick(self.rng, usable) if usable else sorted(ok)[0]

    def id_number(self, birth: dt.date, male: bool) -> str:
        from tmis.core import idnumbers

        while True:
            first17 = f"{pick(self.rng, REGIONS)}{birth:%Y%m%d}{self.rng.randrange(500) * 2 + male:03d}"
            if first17 not in self.used:
                self.used.add(first17)
                return first17 + idnumbers.check_char(first17)

    def month(self, date: dt.date) -> str:
        return f"{date.year:04d}-{date.month:02d}"

    def teacher(self) -> dict[str, Any]:
        """One teacher's values as codes (what POST /api/v1/teachers/ takes)."""
        rng = self.rng
        school = rng.choices(self.schools, weights=self.school_weights)[0]
        fields = self.catalogue.by_school[school]
        male = rng.random() < 0.3  # 专任教师 are about 70 % women
        birth = dt.date(1962, 1, 1) + dt.timedelta(
            days=rng.randrange((dt.date(2001, 12, 31) - dt.date(1962, 1, 1)).days)
        )
        given = MALE if male else FEMALE
        name = pick(rng, SURNAMES) + "".join(rng.choice(given) for _ in range(1 if rng.random() < 0.3 else 2))
        age = self.today.year - birth.year
        work = dt.date(min(birth.year + rng.randint(19, 24), self.today.year - 1), rng.choice((7, 8, 9)), 1)
        entry_year = rng.randint(work.year, max(work.year, min(self.today.year - 1, work.year + 20)))
        entry = dt.date(entry_year, 9 if entry_year > work.year else work.month, 1)
        on_establishment = rng.random() < 0.88
        political = pick(rng, {"01": 35, "02": 2, "03": 40 if age < 28 else 1, "05": 0.4, "07": 0.4, "10": 0.2})
        political = political if rng.random() < 0.55 else "13"
        values: dict[str, Any] = {
            "school": school,
            "name": name,
            "gender": "1" if male else "2",
            "nationality": "156",
            "id_type": "1",
            "id_number": self.id_number(birth, male),
            "birth_date": birth.isoformat(),
            "ethnicity": pick(rng, {"01": 90, "03": 6, "26": 1.5, "04": 1.5, "30": 0.5, "35": 0.3, "47": 0.2}),
            "political_status": [political],
            "work_start_month": self.month(work),
            "school_entry_month": self.month(entry),
            "staff_source": self.allowed(school, "staff_source", {"101": 60, "102": 10, "30": 20, "106": 5, "40": 3}),
            "staff_category": self.allowed(school, "staff_category", {"A1": 85, "A2": 5, "A3": 6, "A4": 4}),
            "on_establishment": on_establishment,
            "contract_status": ("1" if rng.random() < 0.95 else "0") if on_establishment else "2",
            "normal_major_graduate": rng.random() < 0.6,
            "special_ed_trained": rng.random() < 0.05,
            "special_ed_certificate": rng.random() < 0.02,
            "preschool_major_graduate": rng.random() < 0.7,
            "preschool_trained": rng.random() < 0.8,
            "it_ability": pick(rng, {"1": 10, "2": 35, "3": 40, "4": 13, "5": 2}),
            "free_normal_student": pick(rng, {"0": 93, "2": 5, "1": 2}),
            "grassroots_project": pick(rng, {"0": 96, "101": 2.5, "102": 1.5}),
            "special_grade_teacher": rng.random() < 0.005,
            "backbone_teacher": rng.random() < 0.12,
            "mental_health_teacher": pick(rng, {"0": 95, "2": 4, "1": 1}),
            "personnel_status": pick(rng, {"100": 96, "205": 2, "204": 1, "203": 1}),
        }
        if not on_establishment:
            values["employment_form"] = pick(rng, {"1": 50, "2": 30, "9": 20})
        return {k: v for k, v in values.items() if k in ("school", "id_number") or k in fields}

    # -- cells as a clerk writes them ------------------------------------------------------------------------------
    def code_cell(self, code: str, value: str, *, plain: bool = False) -> str:
        name = self.catalogue.names[code][value]
        if plain:  # gender, nationality, ID type: typed as names
            return name if self.rng.random() < 0.95 else value
        r = self.rng.random()
        return f"{value} {name}" if r < 0.6 else name if r < 0.9 else value  # drop-down, name, bare code

    def date_cell(self, iso: str) -> str | dt.date:
        y, m, d = (int(p) for p in iso.split("-"))
        r = self.rng.random()
        if r < 0.35:
            return dt.date(y, m, d)  # a real date cell (the template's date columns are date-formatted)
        if r < 0.7:
            return iso
        return f"{y}/{m}/{d}" if r < 0.85 else f"{y}年{m}月{d}日"

    def month_cell(self, text: str) -> str:
        y, m = text.split("-")
        r = self.rng.random()
        return text if r < 0.6 else f"{y}.{m}" if r < 0.75 else f"{y}年{int(m)}月" if r < 0.9 else y + m

    def cells(self, values: dict[str, Any]) -> list[object]:
        out: list[object] = []
        for column in self.catalogue.columns:
            f = column.field
            value = values.get(column.code)
            if f is None:
                out.append(values["school"])
            elif value is None or value == []:
                out.append(None)
            elif f.data_type == "date":
                out.append(self.date_cell(value))
            elif f.data_type == "year_month":
                out.append(self.month_cell(value))
            elif f.data_type == "boolean":
                out.append("是" if value else "否")
            elif f.data_type == "multi_code":
                out.append("、".join(self.code_cell(column.code, v) for v in value))
            elif f.data_type == "code":
                out.append(
                    self.code_cell(column.code, value, plain=column.code in ("gender", "nationality", "id_type"))
                )
            else:
                out.append(str(value))
        return out


def bad_plan(rows: int, rng: random.Random) -> dict[int, tuple[str, int | None]]:
    """Exactly 1 % of the rows made bad: row index → (kind, the row a duplicate copies). In-file duplicates come in
    pairs and both rows of a pair fail."""
    total = rows // 100
    duplicates = (total // 4) // 2 * 2
    indexes = rng.sample(range(rows), total)
    plan: dict[int, tuple[str, int | None]] = {}
    pairs = sorted(indexes[:duplicates])
    rng.shuffle(pairs)
    for first, second in zip(pairs[0::2], pairs[1::2], strict=True):
        first, second = sorted((first, second))
        plan[first] = ("duplicate", None)
        plan[second] = ("duplicate", first)
    kinds = ("check_digit", "impossible_date", "unknown_code")
    for n, index in enumerate(indexes[duplicates:]):
        plan[index] = (kinds[n % 3], None)
    return plan


def spoil(kind: str, values: dict[str, Any], cells: list[object], codes: list[str], rng: random.Random) -> None:
    from tmis.core import idnumbers

    if kind == "check_digit":
        number = values["id_number"]
        wrong = rng.choice([c for c in "0123456789X" if c != idnumbers.check_char(number[:17])])
        cells[codes.index("id_number")] = number[:17] + wrong
    elif kind == "impossible_date":
        year = values["birth_date"][:4]
        cells[codes.index("birth_date")] = rng.choice((f"{year}-02-30", f"{year}年4月31日", f"{year}/13/05"))
    elif kind == "unknown_code":
        column, text = rng.choice(
            [("ethnicity", "60 火星族"), ("staff_category", "Z9 外聘人员"), ("personnel_status", "999 待定")]
        )
        cells[codes.index(column)] = text


def generate(catalogue: Catalogue, target: Path, *, rows: int, sample: int) -> Generated:
    """The workbook of `rows` teachers (1 % bad), written row by row with XlsxWriter (constant_memory), as the
    template lays it out; the first `sample` good rows are also kept as API payloads."""
    import xlsxwriter

    from tmis.teachers.writes import id_dedup_key

    started = time.perf_counter()
    rng = random.Random(SEED)
    maker = Rows(catalogue, rng)
    plan = bad_plan(rows, random.Random(SEED + 1))
    codes = [c.code for c in catalogue.columns]
    book = xlsxwriter.Workbook(
        str(target),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet("教师基本信息")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, [("*" if c.required else "") + c.name for c in catalogue.columns])
    sheet.write_row(1, 0, codes)
    sheet.set_row(1, None, None, {"hidden": True})
    cells_out: list[tuple[str | None, ...]] = []
    samples: list[dict[str, Any]] = []
    identities: dict[int, dict[str, Any]] = {}
    bad: dict[str, int] = {}
    for index in range(rows):
        values = maker.teacher()
        kind, copies = plan.get(index, (None, None))
        if kind == "duplicate":
            if copies is None:
                identities[index] = values
            else:  # the same teacher entered twice, the second time with the name spelt otherwise
                values = dict(identities.pop(copies))
                if rng.random() < 0.3:
                    values["name"] = values["name"][:1] + "晓" + values["name"][1:2]
        cells = maker.cells(values)
        if kind is not None:
            bad[kind] = bad.get(kind, 0) + 1
            if kind != "duplicate":
                spoil(kind, values, cells, codes, rng)
        elif len(samples) < sample:
            samples.append(values | {"_digest": id_dedup_key("1", values["id_number"])})
        row = index + 2
        texts: list[str | None] = []
        for column, cell in enumerate(cells):
            if cell is None or cell == "":
                texts.append(None)
            elif isinstance(cell, dt.date):
                sheet.write_datetime(row, column, dt.datetime(cell.year, cell.month, cell.day), date_format)
                texts.append(cell.isoformat())
            else:
                sheet.write_string(row, column, cell)
                texts.append(cell)
        cells_out.append(tuple(texts))
    book.close()
    return Generated(target, rows, bad, time.perf_counter() - started, codes, cells_out, samples)
