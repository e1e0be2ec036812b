"""Organisation-tree benchmarks at national size (`make bench`; figures go to docs/BENCHMARKS.md).

Fills a separate database (tmis_bench) with the real division tree plus BENCH_SCHOOLS schools (default 500,000,
about the national number) spread over the 2,975 counties, then times hot endpoints through Django's full request
stack (middleware, JWT, scope, serialisation) and prints the median of several runs.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from bench_setup import size  # sets Django up
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken
from stats import percentile

from tmis.accounts.models import User
from tmis.orgs.models import Organisation

SCHOOLS = size("BENCH_SCHOOLS", 500_000, 2_000)
RUNS = size("BENCH_RUNS", 15, 2)
DEEP_PAGES = size("BENCH_DEEP_PAGES", 200, 5)  # the cursor page requested: 200 pages of 50 = 10,000 rows deep
TYPES = ["211", "311", "342", "111", "365", "511", "312"]


def fill() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    have = Organisation.objects.filter(level="school").count()
    if have >= SCHOOLS:
        return
    counties = list(Organisation.objects.filter(level="county").values_list("id", "code", "path", "province_code"))
    rng = random.Random(20261128)
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY orgs_organisation (code, name, name_en, level, parent_id, path, depth, province_code, school_type,"
            " school_stage, sponsor, urban_rural, affiliation, origin, source_instance, created_at, updated_at)"
            " FROM STDIN"
        ) as copy,
    ):
        for n in range(have, SCHOOLS):
            county_id, county_code, path, province = counties[n % len(counties)]
            school_type = rng.choice(TYPES)
            code = f"{school_type[:2]}{province[:2]}{(n * 7919) % 1000000:06d}"
            name = f"{county_code}第{n}学校"
            copy.write_row(
                (
                    code,
                    name,
                    "",
                    "school",
                    county_id,
                    f"{path}{code}/",
                    4,
                    province,
                    school_type,
                    "primary_secondary",
                    "11",
                    "111",
                    "831",
                    "local",
                    "",
                    "now()",
                    "now()",
                )
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orgs_organisation")
    print(f"filled {SCHOOLS - have:,} schools in {time.perf_counter() - started:.1f} s")


def client(username: str) -> APIClient:
    c = APIClient()
    c.credentials(
        HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(User.objects.get(username=username)).access_token}"
    )
    return c


def median_ms(fn: Callable[[], Any]) -> float:
    """The median (nearest-rank p50) of RUNS timed requests after one warm-up; every response must be a 200."""
    fn()  # warm
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (response.status_code, response.content[:300])
    return percentile(samples, 50)


def main() -> None:
    fill()
    total = Organisation.objects.count()
    central, province, county = client("demo-central"), client("demo-province"), client("demo-county-a")

    def deep_page() -> str:
        url = "/api/v1/orgs/?level=school&page_size=50"
        for _ in range(DEEP_PAGES):
            url = central.get(url).json()["next"]
        return url

    deep = deep_page()
    cases = [
        ("county admin: schools, first page (50)", lambda: county.get("/api/v1/orgs/?level=school")),
        ("province admin: schools, first page (50)", lambda: province.get("/api/v1/orgs/?level=school")),
        ("Ministry: schools, first page (50)", lambda: central.get("/api/v1/orgs/?level=school")),
        (f"Ministry: schools, page {DEEP_PAGES + 1} via cursor", lambda: central.get(deep)),
        ("province admin: name search '第1234'", lambda: province.get("/api/v1/orgs/?q=第1234")),
        ("Ministry: code-prefix search '2162'", lambda: central.get("/api/v1/orgs/?q=2162")),
        ("county: children of 城关区", lambda: county.get("/api/v1/orgs/620102/children/")),
        ("province: subtree counts of 甘肃省", lambda: province.get("/api/v1/orgs/620000/counts/")),
        ("Ministry: subtree counts of the whole tree", lambda: central.get("/api/v1/orgs/000000/counts/")),
        ("GET /auth/me/", lambda: county.get("/api/v1/auth/me/")),
    ]
    print(f"organisations in the tree: {total:,}; median of {RUNS} runs")
    print("| request | median ms |")
    print("|---|---|")
    for label, fn in cases:
        print(f"| {label} | {median_ms(fn):.1f} |")


if __name__ == "__main__":
    main()
