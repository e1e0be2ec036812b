"""A bench's job run in a child process exactly as the worker runs it, its time and memory watched from outside
(`bench_imports.py`, `bench_exports.py`). The child prints one line, CHILD_MARK + JSON, with its own figures."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILD_MARK = "BENCH_CHILD "
SAMPLE_SECONDS = 0.1


def peak_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])


def run_child(script: str, args: list[str]) -> dict[str, Any]:
    """Runs a bench script with `args` in a child process and watches its memory: the child's own peak (VmHWM, exact)
    and the peak of the RSS (and PSS: shared pages split between the processes) summed over the child and every
    process it starts (parse processes), sampled every SAMPLE_SECONDS. Returns the child's report with seconds,
    peak_mb (the larger of its VmHWM and the summed RSS) and the single figures."""
    import tempfile

    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, script, *args], stdout=out, stderr=err, text=True)
        watched = psutil.Process(child.pid)
        tree_peak = pss_peak = processes = 0
        while child.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                tree = [watched, *watched.children(recursive=True)]
                rss = pss = 0
                for process in tree:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        memory = process.memory_full_info()  # smaps_rollup: rss and pss
                        rss, pss = rss + memory.rss, pss + memory.pss
                tree_peak, pss_peak, processes = max(tree_peak, rss), max(pss_peak, pss), max(processes, len(tree))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        report = None
        for line in out.read().splitlines():
            if line.startswith(CHILD_MARK):
                report = json.loads(line[len(CHILD_MARK) :])
            else:
                print(line)
        if child.returncode != 0 or report is None:
            sys.stderr.write(err.read())
            raise SystemExit(f"the child {' '.join(args)} failed (exit {child.returncode})")
    own_mb, tree_mb = report["peak_kb"] / 1024, tree_peak / 1024 / 1024
    return report | {
        "seconds": seconds,
        "own_mb": own_mb,
        "tree_mb": tree_mb,
        "pss_mb": pss_peak / 1024 / 1024,
        "processes": processes,
        "peak_mb": max(own_mb, tree_mb),
    }
