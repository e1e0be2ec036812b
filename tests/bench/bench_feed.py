"""The change feed (`GET /api/v1/changes-feed/`) on the province-scale archive (`make bench`, after bench_teachers.py
on its database). The load runs with triggers off (as pg_restore does), so the bench first records every row as a
`create` event (`tmis.feed.services.record_existing`, timed), then one consumer, the province's login, replays the feed
from 0 through Django's full stack in pages of 5,000 and reports events a second (median of BENCH_FEED_RUNS replays
of BENCH_FEED_PAGES pages). Target (issue 20): ≥ 20,000 changes/s.

TMIS_BENCH_SMOKE=1: 1 replay of 2 pages of 50.
"""

from __future__ import annotations

import statistics
import time

from bench_setup import size  # sets Django up
from bench_teachers import client
from django.db import connection, transaction

from tmis.feed.models import FeedEvent
from tmis.feed.services import record_existing

RUNS = size("BENCH_FEED_RUNS", 3, 1)
PAGES = size("BENCH_FEED_PAGES", 60, 2)  # 60 × 5,000 = 300,000 events a replay
PAGE = size("BENCH_FEED_PAGE", 5000, 50)
CAPTURED = size("BENCH_FEED_CAPTURED", 50_000, 100)  # archives one UPDATE changes, to time the capture's cost


def capture_cost() -> tuple[float, float]:
    """Seconds of one UPDATE of CAPTURED archives (a real change of one column) with the feed's trigger and without
    it (median of 3 each, every run rolled back): what the capture adds to a bulk write."""
    timings: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(3):
        for captured in (True, False):
            with transaction.atomic(), connection.cursor() as cursor:
                if not captured:
                    cursor.execute("ALTER TABLE teachers_teacher DISABLE TRIGGER tmis_feed_update")
                started = time.perf_counter()
                cursor.execute(
                    "UPDATE teachers_teacher SET remarks = md5(id::text) WHERE id IN "
                    "(SELECT id FROM teachers_teacher ORDER BY id LIMIT %s)",
                    [CAPTURED],
                )
                timings[captured].append(time.perf_counter() - started)
                transaction.set_rollback(True)
    return statistics.median(timings[True]), statistics.median(timings[False])


def replay(consumer) -> tuple[int, float]:
    after, events, started = "0", 0, time.perf_counter()
    for _ in range(PAGES):
        response = consumer.get("/api/v1/changes-feed/", {"after": after, "page_size": PAGE, "types": "teacher"})
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        events += len(body["results"])
        after = body["next"]
        if not body["has_more"]:
            break
    return events, time.perf_counter() - started


def main() -> None:
    if not FeedEvent.objects.filter(kind="teacher").exists():
        started = time.perf_counter()
        written = record_existing()
        seconds = time.perf_counter() - started
        print(f"recorded {written:,} existing rows as events in {seconds:.1f} s ({written / seconds:,.0f}/s)")
    stored = FeedEvent.objects.count()
    consumer = client("demo-province")
    rates, counts = [], []
    for _ in range(RUNS):
        events, seconds = replay(consumer)
        rates.append(events / seconds)
        counts.append(events)
    print(f"| change feed replay, one consumer (pages of {PAGE:,}) | events a replay | events/s (median of {RUNS}) |")
    print("|---|---|---|")
    print(f"| {stored:,} events stored | {statistics.median(counts):,.0f} | {statistics.median(rates):,.0f} |")
    with_feed, without = capture_cost()
    print(
        f"capture cost: UPDATE of {CAPTURED:,} archives {with_feed:.2f} s with the feed's trigger, {without:.2f} s "
        f"without (+{(with_feed / without - 1) * 100:.0f} %)"
    )


if __name__ == "__main__":
    main()
