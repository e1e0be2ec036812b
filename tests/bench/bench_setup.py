"""What every bench script shares: Django set up for a script run from tests/bench, and its sizes — the full size
of `make bench` or, with TMIS_BENCH_SMOKE=1, a tiny one that runs the same code paths in seconds (`make test`).

An explicit BENCH_* variable wins over both: `BENCH_TEACHERS=100000 .venv/bin/python tests/bench/bench_teachers.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tmis.settings")
os.environ.setdefault("TMIS_LOGIN_DELAYS", "0")
# The look-up limiter still counts every request, but a bench makes more than a clerk's hourly allowance.
os.environ.setdefault("TMIS_LOOKUP_RATE", "1000000/hour")

import django

django.setup()

SMOKE = os.environ.get("TMIS_BENCH_SMOKE") == "1"


def size(variable: str, full: int, smoke: int) -> int:
    """The environment variable's value if it is set, else `smoke` in a smoke run and `full` otherwise."""
    return int(os.environ.get(variable) or (smoke if SMOKE else full))
