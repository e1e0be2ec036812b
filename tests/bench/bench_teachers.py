"""Teacher archive at province scale (`make bench`): load BENCH_TEACHERS teachers (default 1,000,000) across the
real county tree of one province by COPY, then time the hot API requests through Django's full stack.

Prints rows/s of the load and p50/p95 latency (ms) over BENCH_RUNS requests each.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tmis.settings")
os.environ.setdefault("TMIS_AXES", "0")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from psycopg.types.json import Jsonb  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402
from rest_framework_simplejwt.tokens import RefreshToken  # noqa: E402

from tmis.accounts.models import User  # noqa: E402
from tmis.core import crypto, idnumbers  # noqa: E402
from tmis.orgs.models import Organisation  # noqa: E402
from tmis.teachers import numbers  # noqa: E402
from tmis.teachers.models import Teacher  # noqa: E402
from tmis.teachers.services import ID_CONTEXT, name_pinyin  # noqa: E402

TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "50"))
PROVINCE = "620000"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞慧琳婷雪晨宇浩然欣怡子轩佳琪文博思远"


def schools() -> list[Organisation]:
    """About 15,000 schools over 甘肃's counties (created once)."""
    existing = list(Organisation.objects.filter(level="school", province_code=PROVINCE))
    if len(existing) >= 15000:
        return existing
    counties = list(Organisation.objects.filter(level="county", province_code=PROVINCE))
    rows = []
    for n in range(15000):
        county = counties[n % len(counties)]
        code = f"21{PROVINCE[:2]}{800000 + n:06d}"
        rows.append(
            Organisation(
                code=code,
                name=f"{county.name}第{n}小学",
                level="school",
                parent=county,
                path=f"{county.path}{code}/",
                depth=4,
                province_code=PROVINCE,
                school_type="211",
                school_stage="primary_secondary",
                sponsor="11",
                urban_rural="111",
                affiliation="831",
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return list(Organisation.objects.filter(level="school", province_code=PROVINCE))


def load() -> float:
    have = Teacher.objects.count()
    if have >= TEACHERS:
        return 0.0
    all_schools = schools()
    fields = [f for f in Teacher._meta.concrete_fields if f.name != "id"]
    columns = [f.column for f in fields]
    rng = random.Random(1)
    started = time.perf_counter()
    teacher_numbers = numbers.allocate_many(prefix="62", year=2026, count=TEACHERS - have)
    now = dt.datetime.now(dt.UTC)
    with connection.cursor() as cursor, cursor.copy(f"COPY teachers_teacher ({', '.join(columns)}) FROM STDIN") as copy:
        for n in range(have, TEACHERS):
            school = all_schools[n % len(all_schools)]
            male = rng.random() < 0.3
            birth = dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
            first17 = f"62{n % 100:02d}{(n // 100) % 100:02d}{birth:%Y%m%d}{(n * 2 + male) % 1000:03d}"
            number = first17 + idnumbers.check_char(first17)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if n % 3 else "")
            key_id, cipher = crypto.encrypt(number, context=ID_CONTEXT)
            values = {
                "teacher_no": teacher_numbers[n - have],
                "school_id": school.id,
                "org_path": school.path,
                "province_code": PROVINCE,
                "name": name,
                "gender": "1" if male else "2",
                "nationality": "156",
                "id_type": "1",
                "id_key": key_id,
                "id_cipher": cipher,
                "id_digest": crypto.digest(f"1:{number}"),
                "id_masked": crypto.mask(number),
                "birth_date": birth,
                "name_pinyin": name_pinyin(name)[0],
                "name_initials": name_pinyin(name)[1],
                "extra": Jsonb({}),
                "record_state": "approved",
                "ever_approved": True,
                "catalogue_version": 0,
                "version": 1,
                "change_seq": n + 1,
                "created_at": now,
                "updated_at": now,
                "ethnicity": "01",
                "political_status": ["13"],
                "personnel_status": "100",
            }
            row = []
            for field in fields:
                if field.attname in values:
                    row.append(values[field.attname])
                elif field.null:
                    row.append(None)
                else:
                    row.append(field.get_default())
            copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE teachers_teacher")
    return (TEACHERS - have) / (time.perf_counter() - started)


def client(username: str) -> APIClient:
    c = APIClient()
    token = RefreshToken.for_user(User.objects.get(username=username)).access_token
    c.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return c


def percentiles(fn) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    rate = load()
    total = Teacher.objects.count()
    county, province = client("demo-county-a"), client("demo-province")
    some = Teacher.objects.filter(org_path__startswith="/000000/620000/620100/620102/").order_by("id")[500]
    number = crypto.decrypt(some.id_key, bytes(some.id_cipher), context=ID_CONTEXT)
    deep = "/api/v1/teachers/?page_size=50"
    for _ in range(100):
        deep = province.get(deep).json()["next"]
    print(f"teachers: {total:,}" + (f"; loaded at {rate:,.0f} teachers/s" if rate else " (already loaded)"))
    print(f"| request (median of {RUNS}) | p50 ms | p95 ms |")
    print("|---|---|---|")
    cases = [
        ("county: first page of its teachers", lambda: county.get("/api/v1/teachers/")),
        ("province: page 101 by cursor", lambda: province.get(deep)),
        ("county: name search 张", lambda: county.get("/api/v1/teachers/", {"q": "张"})),
        ("province: pinyin initials zw", lambda: province.get("/api/v1/teachers/", {"q": "zw"})),
        ("province: exact ID number", lambda: province.get("/api/v1/teachers/", {"id_number": number})),
        ("county: retrieve one archive", lambda: county.get(f"/api/v1/teachers/{some.pk}/")),
    ]
    for label, fn in cases:
        p50, p95 = percentiles(fn)
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
