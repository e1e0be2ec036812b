"""ID-number encryption cost per ID (`make bench`; figures in docs/BENCHMARKS.md): AES-256-GCM, AES-128-GCM and SM4-GCM
(GB/T 32907) through tmis.core.crypto's public encrypt/decrypt (key-ring lookup included), one process, and the
key rotation `rotate_id_keys` from AES to SM4 over the demo teachers (rows per second, database writes included).
"""

from __future__ import annotations

import base64
import io
import os
import time

from bench_setup import size  # sets Django up
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from stats import percentile

from tmis.core import crypto
from tmis.core.idnumbers import check_char
from tmis.teachers.demo.loader import load_demo_teachers
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

IDS = size("BENCH_IDS", 100_000, 500)
RUNS = size("BENCH_RUNS", 5, 1)
ROTATE_PER_SCHOOL = size("BENCH_ROTATE_PER_SCHOOL", 250, 2)  # × 8 demo schools
KEYS = {
    "AES-256-GCM": f"b-aes256:aes:{base64.b64encode(os.urandom(32)).decode()}",
    "AES-128-GCM": f"b-aes128:aes:{base64.b64encode(os.urandom(16)).decode()}",
    "SM4-GCM": f"b-sm4:sm4:{base64.b64encode(os.urandom(16)).decode()}",
}


def use_keys(entries: str) -> None:
    settings.TMIS_ID_KEYS = entries
    settings.TMIS_ID_HMAC_KEY = base64.b64encode(b"h" * 32).decode()
    crypto.key_ring.cache_clear()


def per_id() -> None:
    numbers = [f"62010219{80 + n % 20}0312{n % 1000:03d}" for n in range(IDS)]
    numbers = [first17 + check_char(first17) for first17 in numbers]
    print(f"ID-number encryption, {IDS:,} IDs, median of {RUNS} runs, one process:")
    print("| algorithm | encrypt µs/ID | decrypt µs/ID | encrypt IDs/s | decrypt IDs/s |")
    print("|---|---|---|---|---|")
    for name, entry in KEYS.items():
        use_keys(entry)
        encrypt_runs, decrypt_runs = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            tokens = [crypto.encrypt(number, context=ID_CONTEXT) for number in numbers]
            encrypt_runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            plain = [crypto.decrypt(kid, token, context=ID_CONTEXT) for kid, token in tokens]
            decrypt_runs.append(time.perf_counter() - started)
            assert plain == numbers
        encrypt, decrypt = percentile(encrypt_runs, 50), percentile(decrypt_runs, 50)
        print(
            f"| {name} | {encrypt / IDS * 1e6:.1f} | {decrypt / IDS * 1e6:.1f} | {IDS / encrypt:,.0f}"
            f" | {IDS / decrypt:,.0f} |"
        )


def rotation() -> None:
    """Rotations back and forth between an AES and an SM4 key over the same rows; the first one after loading pays
    for cold pages (reported apart), the median of the others is the steady figure."""
    use_keys(KEYS["AES-256-GCM"])
    Teacher.objects.all().delete()
    load_demo_teachers(per_school=ROTATE_PER_SCHOOL)
    with connection.cursor() as cursor:  # as autovacuum would: fresh statistics after the bulk load
        cursor.execute(f'ANALYZE "{Teacher._meta.db_table}"')
    rows = Teacher.objects.count()
    order = [KEYS["SM4-GCM"], KEYS["AES-256-GCM"]]
    runs = []
    for n in range(RUNS + 1):
        use_keys(",".join(order if n % 2 == 0 else order[::-1]))
        started = time.perf_counter()
        out = io.StringIO()
        call_command("rotate_id_keys", stdout=out)
        runs.append(time.perf_counter() - started)
        assert " 0 still under older keys" in out.getvalue(), out.getvalue()
    median = percentile(runs[1:], 50)
    print(
        f"rotate_id_keys between AES-256-GCM and SM4-GCM, {rows:,} rows: first {runs[0]:.2f} s, then median"
        f" {median:.2f} s = {rows / median:,.0f} rows/s ({RUNS} runs)"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    per_id()
    rotation()


if __name__ == "__main__":
    main()
