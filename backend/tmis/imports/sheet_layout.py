"""What every uploaded sheet is, XLSX or CSV: its header row, the template's code row if present, its data rows;
and the problems that refuse a whole file (`SheetProblem`). No Django models here."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tmis.core.job_services import JobError

from .header_row import SCAN_ROWS, find_header

RowSource = Callable[[], Iterator[list[object]]]


class SheetProblem(JobError):
    """The file as a whole cannot be imported; nothing is written (the job fails with its code and message)."""


def _no_rows() -> Iterator[list[object]]:
    return iter(())


@dataclass
class Sheet:
    """One sheet of an uploaded file: its header row, the template's code row if present, and its data rows."""

    name: str  # sheet name ("" for CSV)
    headers: list[str]  # the header row as text, stripped; trailing empty columns dropped
    codes: list[str] | None  # the row after it when it is the template's indicator-code row, else None
    first_data_row: int  # 1-based row number of the first data row (after the header and code rows)
    formula_cells: set[tuple[int, int]]  # (1-based row number, 0-based column) of XLSX cells holding a formula
    header_row: int = 1  # 1-based row number of the header row (the lower one of a two-row header)
    hidden_columns: frozenset[int] = frozenset()  # 0-based columns hidden in the workbook (ignored by imports)
    two_row_header: bool = False
    row_count: int = 0  # data rows (not blank), counted when the sheet was opened
    # Every raw row from row 1 on, aligned to column A; a new iterator per call.
    _source: RowSource = field(default=_no_rows, repr=False, compare=False)

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        """(1-based row number, cells) for every data row in order, padded or cut to the headers; rows whose cells
        are all empty are skipped. Every call starts again from the top (an XLSX sheet stays loaded in calamine,
        a CSV file is read again), so the pipeline may iterate twice."""
        width = len(self.headers)
        first = self.first_data_row
        for number, cells in enumerate(self._source(), start=1):
            if number < first:
                continue
            cells = fit_row(cells, width)
            if not is_blank(cells):
                yield number, cells


def not_a_spreadsheet(reason: str = "") -> SheetProblem:
    """The problem of a file that is neither a readable workbook nor CSV text."""
    message = _("The file is not a readable Excel workbook (.xlsx) or CSV file. Save it as .xlsx and upload it again.")
    return SheetProblem("not_a_spreadsheet", f"{message} ({reason})" if reason else message)


def fit_row(cells: list[object], width: int) -> list[object]:
    """A row padded with empty cells or cut to `width` columns."""
    size = len(cells)
    if size == width:
        return cells
    if size > width:
        return cells[:width]
    return cells + [""] * (width - size)


def is_blank(cells: list[object]) -> bool:
    for cell in cells:
        if cell is None or cell == "":
            continue
        if isinstance(cell, str) and not cell.strip():
            continue
        return False
    return True


@dataclass(frozen=True)
class Layout:
    """Where the table is: its headers, the template's code row if present, the 1-based header row and first data
    row, and the number of data rows."""

    headers: list[str]
    codes: list[str] | None
    header_row: int
    first_data_row: int
    two_row_header: bool = False
    rows: int = 0


def read_layout(
    raw: Iterator[list[object]],
    known_codes: Collection[str],
    max_rows: int,
    known_headers: Collection[str] = (),
) -> Layout:
    """One pass over the raw rows: the header found (`header_row.find_header`: the same file and known names give
    the same header), the code row, and the data-row count (refused above max_rows)."""
    top: list[list[object]] = []
    for cells in raw:
        top.append(cells)
        if len(top) >= SCAN_ROWS:
            break
    found = find_header(top, known_codes, known_headers)
    if found is None or not found.headers:
        raise SheetProblem("empty", _("The sheet holds no row of column headers; the file has nothing to import."))
    width = len(found.headers)
    codes = [str(text) for text in fit_row(list(found.codes), width)] if found.codes is not None else None
    first = found.index + (2 if codes is not None else 1)  # 0-based index of the first data row
    count = 0
    for index, cells in enumerate(top):
        if index >= first and not is_blank(cells[:width]):
            count += 1
    for cells in raw:
        if not is_blank(cells[:width]):
            count += 1
    if count > max_rows:
        raise SheetProblem(
            "too_many_rows",
            _("The sheet has %(count)s data rows; at most %(limit)s can be imported at once. Split the file.")
            % {"count": count, "limit": max_rows},
        )
    return Layout(found.headers, codes, found.index + 1, first + 1, found.two_rows, count)
