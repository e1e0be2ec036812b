"""What every uploaded sheet is, XLSX or CSV: its header row, the template's code row if present, its data rows;
and the problems that refuse a whole file (`SheetProblem`). No Django models here."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tmis.core.job_services import JobError

RowSource = Callable[[], Iterator[list[object]]]


class SheetProblem(JobError):
    """The file as a whole cannot be imported; nothing is written (the job fails with its code and message)."""


def _no_rows() -> Iterator[list[object]]:
    return iter(())


@dataclass
class Sheet:
    """One sheet of an uploaded file: its header row, the template's code row if present, and its data rows."""

    name: str  # sheet name ("" for CSV)
    headers: list[str]  # row 1 as text, stripped; trailing empty columns dropped
    codes: list[str] | None  # row 2 when it is the template's indicator-code row, else None
    first_data_row: int  # 1-based row number of the first data row (3 with a code row, else 2)
    formula_cells: set[tuple[int, int]]  # (1-based row number, 0-based column) of XLSX cells holding a formula
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


def _text(cell: object) -> str:
    """A header or code cell as text: 2020.0 -> "2020", None -> ""."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _headers(row: list[object] | None) -> list[str]:
    headers = [_text(cell) for cell in row or ()]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise SheetProblem("empty", _("Row 1 holds no column headers; the file has nothing to import."))
    return headers


def _codes(row: list[object] | None, known_codes: Collection[str], width: int) -> list[str] | None:
    """Row 2 as the template's indicator codes, when every non-empty cell is a known code (at least two)."""
    if row is None:
        return None
    texts = [_text(cell) for cell in row]
    filled = [text for text in texts if text]
    if len(filled) < 2 or any(text not in known_codes for text in filled):
        return None
    return [str(text) for text in fit_row(texts, width)]


def read_layout(
    raw: Iterator[list[object]], known_codes: Collection[str], max_rows: int
) -> tuple[list[str], list[str] | None]:
    """One pass over the raw rows: headers, code row and the data-row count (refused above max_rows)."""
    headers = _headers(next(raw, None))
    width = len(headers)
    second = next(raw, None)
    codes = _codes(second, known_codes, width)
    count = 0 if codes is not None or second is None or is_blank(fit_row(second, width)) else 1
    for cells in raw:
        if not is_blank(cells[:width]):
            count += 1
    if count > max_rows:
        raise SheetProblem(
            "too_many_rows",
            _("The sheet has %(count)s data rows; at most %(limit)s can be imported at once. Split the file.")
            % {"count": count, "limit": max_rows},
        )
    return headers, codes
