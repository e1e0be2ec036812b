"""The benches' one percentile: nearest rank, so a reported p95 is a measured value (tests/bench/stats.py)."""

from __future__ import annotations

import random

import pytest

from tests.bench.stats import percentile


def test_p95_of_50_samples_is_the_48th_smallest_not_the_47th():
    values = list(range(1, 51))
    random.Random(12).shuffle(values)
    assert percentile(values, 95) == 48  # ceil(0.95 · 50) = 48; the bench took the 47th, which is p94
    assert percentile(values, 94) == 47


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        (range(1, 51), 50, 25),  # ceil(25) = 25th
        (range(1, 16), 50, 8),  # an odd count: the median
        (range(1, 5), 50, 2),  # an even count: the lower middle value, which was measured
        (range(1, 21), 95, 19),
        (range(1, 101), 99, 99),
        (range(1, 11), 100, 10),
        (range(1, 11), 0, 1),
        (range(1, 11), 1, 1),
        ([7.5], 95, 7.5),
        ([3.0, 1.0, 2.0], 95, 3.0),
    ],
)
def test_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected


def test_no_values_and_impossible_percentiles_are_refused():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)
    with pytest.raises(ValueError):
        percentile([1, 2], -1)
