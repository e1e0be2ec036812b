"""Import pipeline at county scale (`make bench`, issue 6): a generated template workbook of BENCH_IMPORT_ROWS teachers
(default 100,000; 1 % bad rows) imported end to end by `run_import` in a child process — rows/s and peak RSS — then
the same rows loaded by raw COPY (the physical limit), by per-row DRF saves and by django-import-export
(BENCH_SAMPLE rows each, default 2,000).

    BENCH_IMPORT_ROWS=100000 .venv/bin/python -m tmis.devdb --database tmis_bench_imports --fresh -- \
        .venv/bin/python tests/bench/bench_imports.py

BENCH_PROFILE=/tmp/import.prof also profiles the import child (cProfile; its top functions are printed).
The child is `bench_imports.py --run-import JOB_ID`: django.setup() and run_import, nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tmis.settings")
os.environ.setdefault("TMIS_AXES", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
SAMPLE = int(os.environ.get("BENCH_SAMPLE", "2000"))
PROFILE = os.environ.get("BENCH_PROFILE", "")
SEED = 6
COUNTY = "620102"
FILLER = "bench-county-filler"
TARGET_ROWS_PER_S = 10_000
TARGET_RSS_MB = 500
CHILD_MARK = "BENCH_CHILD "
SAMPLE_SECONDS = 0.1

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


# --- the generated workbook ----------------------------------------------------------------------------------------


@dataclass
class Generated:
    path: Path
    rows: int
    bad: dict[str, int]  # kind → rows of that kind
    seconds: float
    codes: list[str]  # the sheet's column codes (school first)
    cells: list[tuple[str | None, ...]] = field(repr=False)  # every data row's cell texts (None: empty)
    samples: list[dict[str, Any]] = field(repr=False)  # the first SAMPLE good rows as API payloads (codes)


class Catalogue:
    """What the generator needs of the county's template and of each school's own catalogue."""

    def __init__(self, county: Any, schools: list[Any]) -> None:
        from tmis.catalog.selectors import effective_for_organisation
        from tmis.imports.template import _columns, code_names, template_fields

        catalogue, tables = effective_for_organisation(organisation=county)
        self.fields = template_fields(catalogue)
        self.columns = _columns(self.fields, school_required=True)  # the real template's columns and stars
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


def generate(catalogue: Catalogue, target: Path) -> Generated:
    """The workbook, written row by row with XlsxWriter (constant_memory), as the template lays it out."""
    import xlsxwriter

    from tmis.teachers.services import id_digest

    started = time.perf_counter()
    rng = random.Random(SEED)
    maker = Rows(catalogue, rng)
    plan = bad_plan(ROWS, random.Random(SEED + 1))
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
    for index in range(ROWS):
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
        elif len(samples) < SAMPLE:
            samples.append(values | {"_digest": id_digest("1", values["id_number"])})
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
    return Generated(target, ROWS, bad, time.perf_counter() - started, codes, cells_out, samples)


# --- the import, end to end in a child process ---------------------------------------------------------------------


def run_import_child(job_id: int) -> None:
    """`--run-import JOB_ID`: the job as the worker runs it. Reports its own peak RSS (VmHWM, this address space
    only: getrusage's ru_maxrss would also count the parent's memory at the time of the exec)."""
    from tmis.imports.pipeline import run_import

    connection.close()
    if PROFILE:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(run_import, job_id)
        profiler.dump_stats(PROFILE)
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
    else:
        run_import(job_id)
    print(CHILD_MARK + json.dumps({"peak_kb": peak_kb()}), flush=True)


def peak_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])


def run_child(script: str, args: list[str]) -> dict[str, Any]:
    """Runs a bench script with `args` in a child process and watches its memory: the child's own peak (VmHWM, exact)
    and the peak of the RSS (and PSS: shared pages split between the processes) summed over the child and every
    process it starts (parse processes), sampled every SAMPLE_SECONDS. Returns the child's report with seconds,
    peak_mb (the larger of its VmHWM and the summed RSS) and the single figures."""
    import tempfile

    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, script, *args], stdout=out, stderr=err, text=True)
        watched = psutil.Process(child.pid)
        tree_peak = pss_peak = processes = 0
        while child.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                tree = [watched, *watched.children(recursive=True)]
                rss = pss = 0
                for process in tree:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        memory = process.memory_full_info()  # smaps_rollup: rss and pss
                        rss, pss = rss + memory.rss, pss + memory.pss
                tree_peak, pss_peak, processes = max(tree_peak, rss), max(pss_peak, pss), max(processes, len(tree))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        report = None
        for line in out.read().splitlines():
            if line.startswith(CHILD_MARK):
                report = json.loads(line[len(CHILD_MARK) :])
            else:
                print(line)
        if child.returncode != 0 or report is None:
            sys.stderr.write(err.read())
            raise SystemExit(f"the child {' '.join(args)} failed (exit {child.returncode})")
    own_mb, tree_mb = report["peak_kb"] / 1024, tree_peak / 1024 / 1024
    return report | {
        "seconds": seconds,
        "own_mb": own_mb,
        "tree_mb": tree_mb,
        "pss_mb": pss_peak / 1024 / 1024,
        "processes": processes,
        "peak_mb": max(own_mb, tree_mb),
    }


def import_end_to_end(generated: Generated, county: Any, filler: Any) -> dict[str, Any]:
    from tmis.imports.models import ImportJob

    relative = generated.path.relative_to(settings.TMIS_FILES_DIR)
    job = ImportJob.objects.create(
        owner=filler,
        organisation=county,
        org_path=county.path,
        file_name=f"城关区教师{ROWS}.xlsx",
        file_path=str(relative),
        file_size=generated.path.stat().st_size,
    )
    result = run_child(__file__, ["--run-import", str(job.pk)])
    job.refresh_from_db()
    return result | {"job": job}


# --- the comparisons -----------------------------------------------------------------------------------------------


def raw_copy(generated: Generated) -> float:
    """The sheet's cell texts (every column as text) into an UNLOGGED table by COPY: the physical limit."""
    import psycopg
    from psycopg import sql

    columns = [f"c{n:02d}_{code}" for n, code in enumerate(generated.codes)]
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_import_raw")
        conn.execute(
            sql.SQL("CREATE UNLOGGED TABLE bench_import_raw ({})").format(
                sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
            )
        )
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(sql.SQL("COPY bench_import_raw FROM STDIN")) as copy:
            for row in generated.cells:
                copy.write_row(row)
        conn.commit()
        seconds = time.perf_counter() - started
        (count,) = conn.execute("SELECT count(*) FROM bench_import_raw").fetchone()
        assert count == generated.rows, count
        conn.execute("DROP TABLE bench_import_raw")
        conn.commit()
    return seconds


def calamine_read(path: Path) -> float:
    """The workbook loaded by python-calamine and its rows walked, nothing else: the reading floor."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    with CalamineWorkbook.from_path(str(path)) as workbook:
        count = sum(1 for _row in workbook.get_sheet_by_name("教师基本信息").iter_rows())
    assert count == ROWS + 2, count
    return time.perf_counter() - started


def archive_copy(filler: Any) -> tuple[int, float]:
    """The imported archives written again by COPY of their stored rows, batched as the pipeline batches them (1,000 a
    transaction, synchronous_commit off) into the real table — its 13 indexes, the row-history trigger, the
    foreign-key checks at commit: PostgreSQL's own time for the import's writes, with no Python work before it."""
    import psycopg

    from tmis.teachers.models import Teacher

    columns = ", ".join(f'"{f.column}"' for f in Teacher._meta.concrete_fields)
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        data = bytearray()
        mine = f"created_by_id = {int(filler.pk)}"
        query = f"COPY (SELECT {columns} FROM teachers_teacher WHERE {mine} ORDER BY id) TO STDOUT"
        with conn.cursor().copy(query) as copy:
            for chunk in copy:
                data += chunk
        lines = bytes(data).split(b"\n")[:-1]
        conn.execute("DELETE FROM teachers_teacher WHERE created_by_id = %s", [filler.pk])
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE teachers_teacher")
        conn.autocommit = False
        started = time.perf_counter()
        for start in range(0, len(lines), 1000):
            with conn.transaction():
                conn.execute("SET LOCAL synchronous_commit = off")
                with conn.cursor().copy(f"COPY teachers_teacher ({columns}) FROM STDIN") as copy:
                    copy.write(b"\n".join(lines[start : start + 1000]) + b"\n")
        seconds = time.perf_counter() - started
    return len(lines), seconds


STORED_EXCLUDE = {"id", "teacher_no", "id_key", "id_cipher", "change_seq", "created_at", "updated_at", "version"}


def stored(digests: list[str]) -> dict[str, dict[str, Any]]:
    """What the archive holds for these ID documents (all but numbers, ciphertext and stamps)."""
    from tmis.teachers.models import Teacher

    names = [f.attname for f in Teacher._meta.concrete_fields if f.name not in STORED_EXCLUDE]
    return {row["id_digest"]: row for row in Teacher.objects.filter(id_digest__in=digests).values(*names)}


def forget(digests: list[str]) -> None:
    from tmis.teachers.models import Teacher

    Teacher.objects.filter(id_digest__in=digests).delete()


def compare(label: str, reference: dict[str, dict[str, Any]], digests: list[str]) -> str:
    got = stored(digests)
    differing = [d for d in digests if got.get(d) != reference.get(d)]
    if not differing:
        return "same archives as the pipeline's"
    first = differing[0]
    changed = {
        k: (reference.get(first, {}).get(k), got.get(first, {}).get(k))
        for k in set(reference.get(first, {})) | set(got.get(first, {}))
        if reference.get(first, {}).get(k) != got.get(first, {}).get(k)
    }
    print(f"  {label}: {len(differing)} of {len(digests)} archives differ from the pipeline's, e.g. {changed}")
    return f"{len(differing)} archives differ from the pipeline's"


def drf_saves(samples: list[dict[str, Any]], filler: Any) -> float:
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import RefreshToken

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(filler).access_token}")
    payloads = [{k: v for k, v in s.items() if k != "_digest"} for s in samples]
    started = time.perf_counter()
    for payload in payloads:
        response = client.post("/api/v1/teachers/", payload, format="json")
        assert response.status_code == 201, (response.status_code, response.content[:500])
    return time.perf_counter() - started


def import_export(samples: list[dict[str, Any]], filler: Any) -> tuple[float | None, str]:
    """django-import-export: a ModelResource whose hooks check each row with teacher_check and fill the protected
    columns as `_new_teacher` does, fed a tablib Dataset built in memory (its import speed alone, no file)."""
    try:
        import import_export
        import tablib
        from import_export import fields, resources, widgets
    except ImportError as error:
        return None, f"django-import-export is not installed ({error}); `pip install -e './backend[dev,bench]'`"
    from django.core.exceptions import ValidationError

    from tmis.imports.pipeline import Catalogues
    from tmis.orgs.models import Organisation
    from tmis.teachers import numbers
    from tmis.teachers.models import Teacher
    from tmis.teachers.services import COLUMN_FIELDS, _new_teacher, _number_prefix, teacher_check

    codes = [c for c in dict.fromkeys(k for s in samples for k in s) if c in COLUMN_FIELDS]
    kinds = {f.name: f.get_internal_type() for f in Teacher._meta.concrete_fields}
    protected = [
        "teacher_no", "school", "org_path", "province_code", "id_key", "id_cipher", "id_digest", "id_masked", "extra",
        "name_pinyin", "name_initials", "catalogue_version", "created_by", "updated_by",
    ]  # fmt: skip
    year = dt.date.today().year

    class TeacherResource(resources.ModelResource):
        school = fields.Field(
            attribute="school", column_name="school", widget=widgets.ForeignKeyWidget(Organisation, "code")
        )

        class Meta:
            model = Teacher
            fields = ("school", "id_digest", *codes)
            import_id_fields = ("id_digest",)  # 一人一号: an existing archive is looked up by its ID document

        def __init__(self) -> None:
            super().__init__()
            self.catalogues = Catalogues()
            self.schools = {
                s.code: s for s in Organisation.objects.filter(level="school", code__in={s["school"] for s in samples})
            }
            self.checked: dict[str, Any] = {}

        def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
            school = self.schools[row["school"]]
            data: dict[str, Any] = {"id_number": row["id_number"]}
            for code in codes:
                value = row.get(code)
                if value in (None, ""):
                    continue
                if kinds[code] == "DateField":
                    value = dt.date.fromisoformat(value)
                elif kinds[code] == "ArrayField":
                    value = value.split(",")
                data[code] = value
            checked = teacher_check(school=school, data=data, catalogue=self.catalogues.of(school))
            if checked.errors:
                raise ValidationError({k: [e["message"] for e in v] for k, v in checked.errors.items()})
            row["id_digest"] = checked.digest
            self.checked[checked.digest] = checked

        def before_save_instance(self, instance: Teacher, row: dict[str, Any], **kwargs: Any) -> None:
            checked = self.checked.pop(instance.id_digest)
            number = numbers.allocate(prefix=_number_prefix(checked.school), year=year)
            new = _new_teacher(checked, actor=filler, teacher_no=number)
            for name in protected:
                setattr(instance, name, getattr(new, name))
            with connection.cursor() as cursor:  # teacher_create's _stamp_change
                cursor.execute("SELECT nextval('teacher_change_seq')")
                (instance.change_seq,) = cursor.fetchone()

    headers = ["school", "id_number", "id_digest", *codes]
    dataset = tablib.Dataset(headers=headers)
    for s in samples:
        row = []
        for code in headers:
            value = s.get(code, "")
            row.append(",".join(value) if isinstance(value, list) else value)
        dataset.append(row)
    try:
        resource = TeacherResource()
        started = time.perf_counter()
        result = resource.import_data(dataset, dry_run=False, use_transactions=True)
        seconds = time.perf_counter() - started
    except Exception as error:  # any failure of the library on this Django is the result
        return None, f"django-import-export {import_export.__version__} failed: {type(error).__name__}: {error}"
    if result.has_errors() or result.has_validation_errors():
        first = (result.base_errors or [e for _n, errors in result.row_errors() for e in errors] or [None])[0]
        invalid = result.invalid_rows[:1]
        return None, (
            f"django-import-export {import_export.__version__}: {result.totals} — "
            f"{getattr(first, 'error', '') or (invalid[0].error_dict if invalid else '')}"
        )
    assert result.totals["new"] == len(samples), result.totals
    return seconds, f"django-import-export {import_export.__version__}"


# --- the run -------------------------------------------------------------------------------------------------------


def setup() -> tuple[Any, Any, list[Any]]:
    from django.core.management import call_command

    from tmis.accounts.models import User
    from tmis.accounts.services import user_create
    from tmis.core.scope import SYSTEM
    from tmis.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    county = Organisation.objects.get(code=COUNTY)
    filler = User.objects.filter(username=FILLER).first() or user_create(
        actor=SYSTEM,
        username=FILLER,
        password=f"Bench-{uuid.uuid4().hex[:12]}!",
        organisation_code=COUNTY,
        roles=["filler"],
        display_name="城关区教育局填报员（基准测试）",
    )
    schools = list(Organisation.objects.filter(level="school", path__startswith=county.path).order_by("code"))
    return county, filler, schools


def main() -> None:
    county, filler, schools = setup()
    catalogue = Catalogue(county, schools)
    target = Path(settings.TMIS_FILES_DIR) / "imports" / f"bench-{uuid.uuid4().hex}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"county {county.code} {county.name}; schools in the file: {', '.join(catalogue.by_school)}")
    for note in catalogue.skipped:
        print(f"  left out (its required codes are not in the county template's lists): {note}")
    try:
        generated = generate(catalogue, target)
        size_mb = target.stat().st_size / 1024 / 1024
        bad_total = sum(generated.bad.values())
        print(
            f"workbook: {ROWS:,} rows × {len(generated.codes)} columns, {size_mb:.1f} MB, generated in "
            f"{generated.seconds:.1f} s (not part of the import figure); bad rows {bad_total:,} "
            f"({', '.join(f'{k} {v}' for k, v in sorted(generated.bad.items()))})"
        )
        pipeline = import_end_to_end(generated, county, filler)
        read_seconds = calamine_read(target)
    finally:
        target.unlink(missing_ok=True)
    job = pipeline["job"]
    seconds, peak = pipeline["seconds"], pipeline["peak_mb"]
    print(
        f"import job {job.pk}: state {job.state} {job.error_code}; rows_total {job.progress_total:,}, written "
        f"{job.rows_written:,}, failed {job.rows_failed:,}, warned {job.rows_warned:,} (expected {bad_total:,} "
        f"failed)"
    )
    from django.db.models import Count

    from tmis.imports.models import ImportProblem

    found = ImportProblem.objects.filter(job=job).values_list("severity", "code").annotate(n=Count("id"))
    print(f"  problems by code: {', '.join(f'{severity} {code} {n}' for severity, code, n in sorted(found))}")
    job_seconds = (job.finished_at - job.started_at).total_seconds()
    print(
        f"  child wall {seconds:.1f} s = job {job_seconds:.1f} s + start-up {seconds - job_seconds:.1f} s; timings "
        f"{json.dumps(job.timings)} (read, then parsing and writing side by side: the writer thread commits a batch "
        "while the next is parsed, so they add up to more than the job)"
    )
    print(
        f"  peak RSS {peak:.0f} MB: import process {pipeline['own_mb']:.0f} MB (VmHWM), its process tree "
        f"({pipeline['processes']} processes at most) {pipeline['tree_mb']:.0f} MB "
        f"RSS summed ({pipeline['pss_mb']:.0f} MB PSS; sampled every {SAMPLE_SECONDS} s)"
    )
    assert job.state == "done", (job.state, job.error_code, job.error_message)
    assert job.progress_total == ROWS, job.progress_total
    assert job.rows_written + job.rows_failed == ROWS, (job.rows_written, job.rows_failed)
    assert job.rows_failed == bad_total, (job.rows_failed, bad_total)

    copy_seconds = raw_copy(generated)
    archive_rows, archive_seconds = archive_copy(filler)
    digests = [s["_digest"] for s in generated.samples]
    reference = stored(digests)
    assert len(reference) == len(digests), "the pipeline did not write every sample row"
    forget(digests)
    drf_seconds = drf_saves(generated.samples, filler)
    drf_note = compare("DRF", reference, digests)
    forget(digests)
    iie_seconds, iie_label = import_export(generated.samples, filler)
    iie_note = compare("django-import-export", reference, digests) if iie_seconds else iie_label
    if iie_seconds is None:
        print(f"django-import-export: {iie_label}")

    pipeline_rate = ROWS / seconds
    cases = [
        ("raw COPY of the cell texts into an UNLOGGED table (physical limit)", ROWS, copy_seconds, ""),
        ("python-calamine: load the workbook and walk its rows, nothing else", ROWS, read_seconds, "reading floor"),
        (
            "COPY of the written archives' stored rows into the archive table, 1,000 a transaction",
            archive_rows,
            archive_seconds,
            "writing floor: 13 indexes, history trigger, FK checks",
        ),
        ("**import pipeline, end to end** (child process: start-up, read, validate, write)", ROWS, seconds, ""),
        ("per-row DRF saves: POST /api/v1/teachers/ (APIClient, JWT)", len(digests), drf_seconds, drf_note),
        (iie_label + " ModelResource, import_data", len(digests), iie_seconds, iie_note),
    ]
    print()
    print("| method | rows | seconds | rows/s | ratio to the pipeline | note |")
    print("|---|---|---|---|---|---|")
    for label, rows, secs, note in cases:
        if secs:
            ratio = rows / secs / pipeline_rate
            print(f"| {label} | {rows:,} | {secs:.2f} | {rows / secs:,.0f} | {ratio:.3g}× | {note} |")
        else:
            print(f"| {label} | {rows:,} | — | — | — | {note} |")
    print()
    print("| issue 6 target | measured | met |")
    print("|---|---|---|")
    met = "yes" if pipeline_rate >= TARGET_ROWS_PER_S else "no"
    print(f"| ≥ {TARGET_ROWS_PER_S:,} rows/s end to end | {pipeline_rate:,.0f} rows/s | {met} |")
    print(f"| peak RSS < {TARGET_RSS_MB} MB | {peak:.0f} MB | {'yes' if peak < TARGET_RSS_MB else 'no'} |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run-import":
        run_import_child(int(sys.argv[2]))
    else:
        main()
