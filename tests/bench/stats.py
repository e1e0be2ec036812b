"""Percentiles for every bench: the nearest-rank definition, so a reported p95 is a latency that was measured."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable


def percentile(values: Iterable[float], p: float) -> float:
    """The nearest-rank p-th percentile: the ceil(p/100 · n)-th smallest of the n values (the smallest for p = 0).
    p95 of 50 samples is the 48th smallest, p50 of 50 the 25th."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0…100")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(p50, p95) in milliseconds of `runs` calls of `fn`."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return percentile(samples, 50) * 1000, percentile(samples, 95) * 1000
