"""The change feed (`GET /api/v1/changes-feed/`) on the province-scale archive (`make bench`, after bench_teachers.py
on its database, whose load made a `create` event per archive): one consumer, the province's login, replays the feed
from 0 through Django's full stack in pages of 5,000 and reports events a second (median of BENCH_FEED_RUNS replays
of BENCH_FEED_PAGES pages). Target (issue 20): ≥ 20,000 changes/s.

TMIS_BENCH_SMOKE=1: 1 replay of 2 pages of 50.
"""

from __future__ import annotations

import statistics
import time

from bench_setup import size  # sets Django up
from bench_teachers import client

from tmis.feed.models import FeedEvent

RUNS = size("BENCH_FEED_RUNS", 3, 1)
PAGES = size("BENCH_FEED_PAGES", 60, 2)  # 60 × 5,000 = 300,000 events a replay
PAGE = size("BENCH_FEED_PAGE", 5000, 50)


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
    stored = FeedEvent.objects.count()
    assert stored, "run bench_teachers.py first (its load writes the feed's events)"
    consumer = client("demo-province")
    rates, counts = [], []
    for _ in range(RUNS):
        events, seconds = replay(consumer)
        rates.append(events / seconds)
        counts.append(events)
    print(f"| change feed replay, one consumer (pages of {PAGE:,}) | events a replay | events/s (median of {RUNS}) |")
    print("|---|---|---|")
    print(f"| {stored:,} events stored | {statistics.median(counts):,.0f} | {statistics.median(rates):,.0f} |")


if __name__ == "__main__":
    main()
