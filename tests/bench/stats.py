"""Percentiles for every bench: the nearest-rank definition, so a reported p95 is a latency that was measured."""

from __future__ import annotations

import math
from collections.abc import Iterable


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
