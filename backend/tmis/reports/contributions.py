"""What the apps above the reports add to the monthly report (附件3) and the 通报 — the reports module names the
columns, the apps that own the data fill them (they register in their `AppConfig.ready`, as business modules do with
the review engine), so the reports import none of them:

- a **school figure** (`teachers_expected` from the statistics headcounts, `problems` from the data-quality
  worklist): SQL selecting `(school_id, value)` for the snapshot's year (`%(year)s`; a literal percent sign is
  `%%`); the snapshot sums it up every school's path, per school kind and in all, in the same statement as its own
  figures, after running the figure's `prepare` (bringing its own tables up to date, as the summary is);
- an **organisation text** (`contact` from the working groups): a function giving the text of each organisation that
  has one, copied into the snapshot when it is taken;
- a **ranking note** (`overdue_milestones` from the work plans): a function giving, for the ranked organisations, the
  items the 通报 lists beside each (read when the 通报 is read: a milestone done since still shows as done).

A column nobody fills stays null (or empty): the report shows "not entered".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

#: The snapshot's columns a school figure may fill.
SCHOOL_FIGURES = ("teachers_expected", "problems")
#: The snapshot's columns an organisation text may fill.
ORG_TEXTS = ("contact",)
#: The 通报's notes.
RANKING_NOTES = ("overdue_milestones",)


@dataclass(frozen=True)
class SchoolFigure:
    column: str
    sql: str  # SELECT school_id, value … (one row per school at most), may use %(year)s
    prepare: Callable[[], object] | None = None
    missing: int | None = None  # a school the SQL has no row for (None: not known, e.g. no headcount entered)


_school_figures: dict[str, SchoolFigure] = {}
_org_texts: dict[str, Callable[[], dict[int, str]]] = {}
_ranking_notes: dict[str, Callable[[Iterable[int], date], dict[int, list[dict[str, Any]]]]] = {}


def _check(column: str, allowed: tuple[str, ...]) -> None:
    if column not in allowed:
        raise ValueError(f"{column!r} is not one of the report's columns {allowed}")


def register_school_figure(
    column: str, sql: str, *, prepare: Callable[[], object] | None = None, missing: int | None = None
) -> None:
    _check(column, SCHOOL_FIGURES)
    _school_figures[column] = SchoolFigure(column, sql, prepare, missing)


def register_org_text(column: str, texts: Callable[[], dict[int, str]]) -> None:
    _check(column, ORG_TEXTS)
    _org_texts[column] = texts


def register_ranking_note(key: str, notes: Callable[[Iterable[int], date], dict[int, list[dict[str, Any]]]]) -> None:
    _check(key, RANKING_NOTES)
    _ranking_notes[key] = notes


def school_figures() -> dict[str, SchoolFigure]:
    return dict(_school_figures)


def org_texts(column: str) -> dict[int, str]:
    texts = _org_texts.get(column)
    return texts() if texts else {}


def ranking_notes(key: str, org_ids: Iterable[int], on: date) -> dict[int, list[dict[str, Any]]]:
    notes = _ranking_notes.get(key)
    return notes(org_ids, on) if notes else {}
