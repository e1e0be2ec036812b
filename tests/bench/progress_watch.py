"""Watches a running job's progress from outside, as the SPA's poll does (issue 19: progress moves at least once a
second on a large file): the job row is read every POLL_SECONDS in a thread with its own connection; the report is
how often `progress_done`/`progress_total` changed while the job ran and the longest spell without a change."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

POLL_SECONDS = 0.05
TARGET_STILL_SECONDS = 1.0


@dataclass
class ProgressWatch:
    model: Any
    pk: int
    extra: tuple[str, ...] = ()  # more fields whose change is progress too (an import's opened_percent)
    moves: int = 0
    longest_still: float = 0.0
    where: str = ""  # the progress at the start of the longest still spell
    error: BaseException | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> ProgressWatch:
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        if self.error is not None:
            raise RuntimeError("the progress watch failed") from self.error

    def _watch(self) -> None:
        try:
            last: tuple | None = None
            since = 0.0
            while not self._stop.is_set():
                row = self.model.objects.filter(pk=self.pk).values_list(
                    "state", "progress_done", "progress_total", *self.extra
                )[0]
                now = time.perf_counter()
                state, progress = row[0], row[1:]
                if state == "running":
                    if last is None or progress != last:
                        if last is not None:
                            self.moves += 1
                            self._still(now - since, last)
                        last, since = progress, now
                elif last is not None:  # ended: the spell up to the end counts too
                    self._still(now - since, last)
                    return
                time.sleep(POLL_SECONDS)
        except Exception as exc:  # re-raised by __exit__: a watch that broke must not report "met"
            self.error = exc
        finally:
            connection.close()

    def _still(self, seconds: float, progress: tuple) -> None:
        if seconds > self.longest_still:
            rows = f"{progress[0] or 0:,}/{progress[1] or 0:,}"
            extra = ", ".join(f"{name} {value}" for name, value in zip(self.extra, progress[2:], strict=True))
            self.longest_still, self.where = seconds, f"{rows}; {extra}" if extra else rows

    def line(self) -> str:
        met = "met" if self.longest_still <= TARGET_STILL_SECONDS else "NOT met"
        return (
            f"progress moved {self.moves} times while the job ran; longest spell without movement "
            f"{self.longest_still:.2f} s (at {self.where}; target ≤ {TARGET_STILL_SECONDS:.0f} s: {met}; polled every "
            f"{POLL_SECONDS} s)"
        )
