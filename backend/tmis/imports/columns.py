"""The columns of an uploaded sheet, and one cell read as its column's indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tmis.catalog.effective import Field
from tmis.core.memo import DistinctMemo

from .normalise import CellProblem, CodeNames, clean_text, to_bool, to_codes, to_date, to_month
from .sheets import Sheet
from .template import SCHOOL_COLUMN

SCHOOL_HEADERS = {"学校代码", "学校标识码", "学校", "school", "school code"}


@dataclass
class Column:
    index: int
    header: str
    field: Field | None  # None: the school column
    names: CodeNames | None = None


def header_key(text: str) -> str:
    return clean_text(text).lstrip("*＊").strip().replace(" ", "").lower()


def map_columns(sheet: Sheet, fields: list[Field], names: dict[str, list[tuple[str, str, str]]]) -> list[Column]:
    """Columns by the template's hidden code row, else by header names (Chinese, English or code)."""
    by_code = {f.code: f for f in fields}
    by_name: dict[str, Field] = {}
    for f in fields:
        for key in (f.name, f.name_en, f.code):
            if key:
                by_name.setdefault(header_key(key), f)
    school_keys = {header_key(h) for h in SCHOOL_HEADERS}
    columns = []
    for index, header in enumerate(sheet.headers):
        code = sheet.codes[index] if sheet.codes and index < len(sheet.codes) else ""
        if code == SCHOOL_COLUMN[0] or (not code and header_key(header) in school_keys):
            columns.append(Column(index, header, None))
            continue
        found = by_code.get(code) if code else by_name.get(header_key(header))
        if found is None:
            continue
        table = names.get(found.code)
        columns.append(Column(index, header or found.name, found, CodeNames(table) if table else None))
    return columns


def cell_value(column: Column, cell: object, text: str, names: CodeNames | None = None) -> Any:
    """A cell (and its cleaned text) as its indicator's value (raises CellProblem). `names`: the row's school's code
    list for the column, when it has its own."""
    f = column.field
    assert f is not None
    kind = f.data_type
    names = names or column.names
    if kind == "date":
        return to_date(cell)
    if kind == "year_month":
        return to_month(cell)
    if kind == "boolean":
        return to_bool(cell)
    if kind == "multi_code" and names is not None:
        return to_codes("" if cell is None else str(cell), names)  # one value per line stays splittable
    if kind == "code" and names is not None:
        return names.resolve(text)
    if kind == "integer":
        try:
            return int(float(text))
        except ValueError as exc:
            raise CellProblem("invalid_integer", _("Write a whole number.")) from exc
    return text


FORMULA_START = ("=", "+", "-", "@")
#: What reading a cell gave: nothing, a value, or a problem (the cell's shown text, the problem's code and message).
BLANK, VALUE, PROBLEM = 0, 1, 2


class CellReader:
    """Reads one column's cells as the column's indicator, for the rows of one kind of school (`names`: that kind's
    code list for the column). A column holds few distinct cells (gender, ethnicity, dates, codes), so each
    distinct cell is read once and remembered (`core.memo.DistinctMemo`: a column of names stops remembering).
    Outcomes are tuples shared between rows: never change them."""

    def __init__(self, column: Column, names: CodeNames | None = None) -> None:
        self.column = column
        self.index = column.index
        self.code = column.field.code if column.field else SCHOOL_COLUMN[0]
        self.extension = bool(column.field and column.field.extension)
        self._date = bool(column.field and column.field.data_type == "date" and not column.field.extension)
        self._names = names
        self._remembered: DistinctMemo[tuple] = DistinctMemo(self._read)

    def read(self, cell: object) -> tuple:
        """(BLANK,), (VALUE, value) or (PROBLEM, shown text, code, message)."""
        return self._remembered(cell)

    def _read(self, cell: object) -> tuple:
        text = clean_text(cell)
        if type(cell) is str and text.startswith(FORMULA_START):
            return (
                PROBLEM,
                text[:200],
                "formula_text",
                _("A value may not begin with = + - or @ (it could run as a formula). Remove that character."),
            )
        if self.column.field is None or not text:
            return (BLANK,)  # the school column is read by the pipeline
        try:
            value = cell_value(self.column, cell, text, self._names)
        except CellProblem as problem:
            return PROBLEM, text[:200], problem.code, problem.message
        if self._date:
            return VALUE, dt.date.fromisoformat(value)  # a model column takes what the API's serializer gives
        return VALUE, value  # JSON (extensions): dates stay ISO text
