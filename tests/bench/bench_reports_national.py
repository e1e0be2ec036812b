"""The dashboards' reads at national size (`make bench`, on bench_orgs.py's database: the real division tree and
500,000 schools): summary rows generated directly for 19,000,000 teachers — every organisation above the schools
(Ministry, 31 provinces, their cities and counties) and the schools of one province (甘肃) with their values — then
the national dashboard's requests and a province's drill-down through Django's full stack.

The archive itself is not generated (the reports never read it). Schools outside 甘肃 get no rows of their own:
no request measured here reads a school's rows (they are index lookups by organisation or parent), and 500,000
schools' rows (~45,000,000) do not fit this machine's session; 甘肃's ~17,000 schools' rows are there for the
county drill-down. Prints p50/p95 (ms) over RUNS requests. TMIS_BENCH_SMOKE=1: tiny.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bench_orgs import client, fill
from bench_setup import SMOKE, size  # sets Django up
from django.db import connection
from stats import percentile

from tmis.reports.dimensions import AGE_BANDS, SCHOOL_TYPES

RUNS = size("BENCH_RUNS", 50, 3)
TEACHERS = 19_000_000
#: values per dimension as a national archive shows them (the codes only need to be distinct)
VALUES = {
    "gender": ["1", "2"],
    "age_band": list(AGE_BANDS),
    "ethnicity": ["han", "minority", ""],
    "political_status": ["01", "02", "03", "04", "05", "12", "13", ""],
    "education": ["11", "14", "21", "31", "41", "44", "61", "71", ""],
    "title": ["0", "011", "012", "013", "020", "021", "022", "023", "024", "030", "031", ""],
    "post_level": [str(n) for n in range(1, 14)],
    "staff_category": [f"staff-category:{c}" for c in ("A1", "A2", "B1", "B2", "C1", "D1", "")],
    "employment_status": ["11", "12", "13", "15", "16"],
    "personnel_status": ["100", "201", "202", "204", "205", "299"],
    "urban_rural": ["111", "112", "121", "122", "210", "220"],
    "record_state": ["draft", "submitted", "in_review", "approved", "returned"],
}


def _generate() -> None:
    """Summary rows for every organisation but the schools outside 甘肃: each (school kind, 专任) share of the
    organisation's teachers spread over each dimension's values, the age pyramid's pairs, and the headcount."""
    cells = [("total", "", "")]
    cells += [(dimension, value, "") for dimension, values in VALUES.items() for value in values]
    cells += [("gender.age_band", g, a) for g in VALUES["gender"] for a in VALUES["age_band"]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reports_summary")
        if cursor.fetchone()[0] > 0:
            return
        started = time.perf_counter()
        cursor.execute("CREATE TEMP TABLE bench_cells (dimension text, value text, value2 text, share float)")
        with cursor.copy("COPY bench_cells FROM STDIN") as copy:
            for dimension, value, value2 in cells:
                count = len(VALUES.get(dimension.split(".")[0], [""])) * (len(VALUES["age_band"]) if value2 else 1)
                copy.write_row((dimension, value, value2, 1.0 / count))
        cursor.execute("CREATE TEMP TABLE bench_kinds (school_type text, fulltime bool, share float)")
        for kind, share in zip(SCHOOL_TYPES, (0.17, 0.66, 0.05, 0.02, 0.10), strict=True):
            cursor.execute(
                "INSERT INTO bench_kinds VALUES (%s, true, %s), (%s, false, %s)", [kind, share * 0.8, kind, share * 0.2]
            )
        # Each organisation's teachers: the national figure × its share of the schools (counted up their paths).
        cursor.execute(
            """
            CREATE TEMP TABLE bench_weights AS
            SELECT a.id, a.parent_id, count(*)::float / (SELECT count(*) FROM orgs_organisation WHERE level = 'school')
                   AS weight
            FROM orgs_organisation s
            CROSS JOIN LATERAL generate_series(2, array_length(string_to_array(s.path, '/'), 1) - 1) AS i
            JOIN orgs_organisation a ON a.path = array_to_string((string_to_array(s.path, '/'))[1:i], '/') || '/'
            WHERE s.level = 'school' AND (a.level <> 'school' OR a.province_code = '620000')
              AND (%(full)s OR a.level IN ('central', 'province') OR a.province_code = '620000')
            GROUP BY a.id, a.parent_id
            """,
            {"full": not SMOKE},  # smoke: the Ministry, the provinces and 甘肃's subtree only
        )
        cursor.execute(
            """
            INSERT INTO reports_summary
                (organisation_id, parent_id, school_type, fulltime, dimension, value, value2, count)
            SELECT w.id, w.parent_id, k.school_type, k.fulltime, c.dimension, c.value, c.value2,
                   greatest(1, round(%(teachers)s * w.weight * k.share * c.share))::bigint
            FROM bench_weights w CROSS JOIN bench_kinds k CROSS JOIN bench_cells c
            """,
            {"teachers": TEACHERS},
        )
        cursor.execute("ANALYZE reports_summary")
        cursor.execute("SELECT count(*) FROM reports_summary")
        print(f"generated {cursor.fetchone()[0]:,} summary rows in {time.perf_counter() - started:.0f} s")


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    return percentile(samples, 50), percentile(samples, 95)


def main() -> None:
    fill()
    _generate()
    central, province = client("demo-central"), client("demo-province")
    requests = {
        "national: headcount": (central, "/api/v1/reports/summary/", {}),
        "national: age pyramid (gender × age band)": (central, "/api/v1/reports/summary/", {"by": "gender,age_band"}),
        "national: education, 专任 only": (
            central,
            "/api/v1/reports/summary/",
            {"by": "education", "staff": "fulltime"},
        ),
        "national: provinces by record state (drill-down)": (
            central,
            "/api/v1/reports/children/",
            {"by": "record_state"},
        ),
        "甘肃: cities by record state (drill-down)": (province, "/api/v1/reports/children/", {"by": "record_state"}),
        "甘肃 城关区: schools by record state": (
            province,
            "/api/v1/reports/children/",
            {"org": "620102", "by": "record_state"},
        ),
    }
    print(f"| request ({RUNS} runs) | p50 ms | p95 ms |")
    print("|---|---|---|")
    for label, (user, url, params) in requests.items():
        p50, p95 = _timed(lambda user=user, url=url, params=params: user.get(url, params))
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
