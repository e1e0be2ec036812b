"""Teacher archive at province scale (`make bench`): load BENCH_TEACHERS teachers (default 1,000,000) across the
real county tree of one province by COPY (`teacher_load.py`), then time the hot API requests through Django's full
stack.

Prints rows/s of the load and p50/p95 latency (ms, nearest rank: `stats.percentile`) over BENCH_RUNS requests each.
TMIS_BENCH_SMOKE=1: 2,000 teachers, 3 requests each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bench_setup import size  # sets Django up
from django.core.management import call_command
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken
from stats import percentile
from teacher_load import WORKERS, check_sample, load

from tmis.accounts.models import User
from tmis.core import crypto
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import ID_CONTEXT

RUNS = size("BENCH_RUNS", 50, 3)
DEEP_PAGES = size("BENCH_DEEP_PAGES", 100, 3)  # the province's cursor page: 100 pages of 50 = 5,000 teachers deep


def client(username: str) -> APIClient:
    c = APIClient()
    token = RefreshToken.for_user(User.objects.get(username=username)).access_token
    c.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return c


def percentiles(fn: Callable[[], Any]) -> tuple[float, float]:
    """p50 and p95 (nearest rank) of RUNS timed requests after one warm-up; every response must be a 200."""
    fn()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    return percentile(samples, 50), percentile(samples, 95)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    timings = load()
    check_sample()
    total = Teacher.objects.count()
    county, province = client("demo-county-a"), client("demo-province")
    in_county = Teacher.objects.filter(org_path__startswith="/000000/620000/620100/620102/").order_by("id")
    some = in_county[min(500, in_county.count() - 1)]
    number = crypto.decrypt(some.id_key, bytes(some.id_cipher), context=ID_CONTEXT)
    deep = "/api/v1/teachers/?page_size=50"
    for _ in range(DEEP_PAGES):
        deep = province.get(deep).json()["next"]
    print(f"teachers: {total:,}; child records: {sum(m.objects.count() for m in GROUP_MODELS.values()):,}")
    if timings:
        loaded = timings["teachers"]
        print(
            f"load of {loaded:,.0f} teachers ({WORKERS} processes): teacher rows {timings['teacher rows']:.1f} s, "
            f"{timings['child rows']:,.0f} child records {timings['child records']:.1f} s, "
            f"indexes and foreign keys {timings['indexes']:.1f} s, total {timings['total']:.1f} s"
        )
        print(f"      = {loaded / timings['total']:,.0f} teachers/s with child records and indexes")
    else:
        print("load: already loaded")
    print(f"| request ({RUNS} runs) | p50 ms | p95 ms |")
    print("|---|---|---|")
    cases = [
        ("county: first page of its teachers", lambda: county.get("/api/v1/teachers/")),
        (f"province: page {DEEP_PAGES + 1} by cursor", lambda: province.get(deep)),
        ("county: name search 张", lambda: county.get("/api/v1/teachers/", {"q": "张"})),
        ("province: pinyin initials zw", lambda: province.get("/api/v1/teachers/", {"q": "zw"})),
        ("province: exact ID number", lambda: province.get("/api/v1/teachers/", {"id_number": number})),
        ("county: retrieve one teacher", lambda: county.get(f"/api/v1/teachers/{some.pk}/")),
        ("county: archive with all groups", lambda: county.get(f"/api/v1/teachers/{some.pk}/archive/")),
    ]
    for label, fn in cases:
        p50, p95 = percentiles(fn)
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
