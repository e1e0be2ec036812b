"""Entry points of an import's parse processes. Importable before Django is set up (a spawned process unpickles
these functions first), so Django and the pipeline are loaded inside `start`.

A failing `start` must not raise: multiprocessing would replace the process and run `start` again, forever. The
failure is kept and raised by `run`, which fails the job in the main process."""

from __future__ import annotations

import traceback
from typing import Any

_failure: str | None = None


def start(*args: Any) -> None:
    global _failure
    try:
        import django

        django.setup()
        from .pipeline import ParseProcess

        ParseProcess.current = ParseProcess(*args)
    except Exception:
        _failure = traceback.format_exc()


def run(chunk: list[tuple[int, list[object]]]) -> list[tuple]:
    if _failure is not None:
        raise RuntimeError(f"the parse process did not start:\n{_failure}")
    from .pipeline import ParseProcess

    assert ParseProcess.current is not None, "start() runs first in every parse process"
    return ParseProcess.current.parse(chunk)
