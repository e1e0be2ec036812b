"""A corpus of messy spreadsheets as school clerks send them, each with the expected outcome of every data row.

A case is one upload (or a prelude upload and then the case's own): the file's bytes and name, optional mapping,
and for each data row its sheet row number, the teacher's name and either "imported" (with values to find on the
saved archive) or the problems (field code, problem code) it must fail with. The builders are in corpus_xlsx.py and
corpus_csv.py; `cases()` collects them. Every case uses its own names and ID numbers (`Person.of(case, i)`)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter

from tests.factories.imports import id_for
from tmis.core import idnumbers

#: The columns of a school's own sheet (no 学校代码: a school imports into itself).
COLUMNS = ["姓名", "性别", "国籍/地区", "身份证件类型", "身份证件号", "出生日期", "民族", "政治面貌"]
#: A region the demo data does not use, so the corpus's ID numbers never meet a demo teacher's.
REGION = "622901"
STEMS = "甲乙丙丁戊己庚辛壬癸子丑"  # the 12 people a case may have: 语料07甲, 语料07乙, …
ID_BASE = 20_000  # id_for indexes from here: ids differ from those of test_import_api.py (0..10,000)


@dataclass(frozen=True)
class Person:
    """A teacher of a case: a name and a valid resident ID number that agrees with the birth date and gender."""

    name: str
    id_number: str
    birth: dt.date
    male: bool

    @classmethod
    def of(cls, case: int, index: int, *, male: bool | None = None, sequence_step: int = 0) -> Person:
        """The `index`th person of case number `case` (unique across the corpus). `sequence_step` moves the ID's
        sequence number on while keeping its birth date (two colleagues born the same day)."""
        male = index % 3 != 1 if male is None else male
        number, birth = id_for(ID_BASE + case * 12 + index + sequence_step * 12_000, region=REGION, male=male)
        return cls(f"语料{case:02d}{STEMS[index]}", number, dt.date.fromisoformat(birth), male)

    def renamed(self, name: str) -> Person:
        return dataclasses.replace(self, name=name)

    def with_x(self) -> Person:
        """The same person with the next ID number (same birth date and gender) whose check character is X."""
        stem = self.id_number[:14]
        for sequence in range(int(self.id_number[14:17]) + 2, 1000, 2):
            first17 = f"{stem}{sequence:03d}"
            if idnumbers.check_char(first17) == "X":
                return dataclasses.replace(self, id_number=first17 + "X")
        raise AssertionError(self)

    @property
    def gender(self) -> str:
        return "男" if self.male else "女"

    @property
    def gender_code(self) -> str:
        return "1" if self.male else "2"

    def cells(self, **overrides: object) -> list[object]:
        """The row of COLUMNS, with some cells replaced (by column header)."""
        row: dict[str, object] = {
            "姓名": self.name,
            "性别": self.gender,
            "国籍/地区": "中国",
            "身份证件类型": "居民身份证",
            "身份证件号": self.id_number,
            "出生日期": self.birth.isoformat(),
            "民族": "汉族",
            "政治面貌": "群众",
        }
        assert set(overrides) <= set(row), overrides
        return list((row | overrides).values())


@dataclass
class Row:
    """The expected outcome of one data row: imported (with `values` to find on the archive) or failed with
    exactly the `fails` problems (field code, problem code) at severity error."""

    number: int  # 1-based sheet row number
    name: str
    fails: frozenset[tuple[str, str]] = frozenset()
    values: dict[str, Any] = field(default_factory=dict)
    hint: str = ""  # a text the row's problem message must hold (the closest names of an unknown value)

    @property
    def imported(self) -> bool:
        return not self.fails


@dataclass
class Case:
    name: str
    content: bytes
    filename: str
    rows: list[Row]
    header_row: int | None = None  # the 1-based header row the layout must report (the lower one of two)
    two_row_header: bool = False
    needs_mapping: bool = False  # a key column is missing: nothing is read
    missing: tuple[str, ...] = ()  # the key columns the layout reports missing
    #: 0-based column -> (the indicator, how it was matched) the layout must report
    columns: dict[int, tuple[str | None, str]] = field(default_factory=dict)
    mapping: dict[str, str] | None = None
    prelude: Case | None = None  # uploaded (and checked) first, in the same test
    #: Optional indicators the province selects first (the demo catalogue has no 联系方式 and no 教职工号).
    selected: tuple[str, ...] = ()

    @property
    def imported(self) -> list[Row]:
        return [] if self.needs_mapping else [row for row in self.rows if row.imported]

    @property
    def failed(self) -> list[Row]:
        return [] if self.needs_mapping else [row for row in self.rows if not row.imported]


def people(case: int, count: int) -> list[Person]:
    return [Person.of(case, index) for index in range(count)]


def ok(number: int, person: Person, **values: Any) -> Row:
    return Row(number, person.name, values=values)


def bad(number: int, person: Person, *problems: tuple[str, str], hint: str = "") -> Row:
    assert problems
    return Row(number, person.name, fails=frozenset(problems), hint=hint)


# Writing files ------------------------------------------------------------------------------------------------------


class Book:
    """An XlsxWriter workbook in memory with one sheet 教师基本信息 (or `sheet`), and typed cell writing: str as a
    text cell, int/float as a number cell, bool as a boolean cell, date/datetime as a date cell, None left empty."""

    def __init__(self, sheet: str = "教师基本信息") -> None:
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True, "strings_to_numbers": False})
        self.sheet = self.book.add_worksheet(sheet)
        self.date_format = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime_format = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.title_format = self.book.add_format({"bold": True, "align": "center", "font_size": 16})

    def cell(self, row: int, column: int, value: object) -> None:
        """Row and column 0-based, as XlsxWriter counts."""
        if value is None:
            return
        if isinstance(value, str):
            self.sheet.write_string(row, column, value)
        elif isinstance(value, bool):
            self.sheet.write_boolean(row, column, value)
        elif isinstance(value, int | float):
            self.sheet.write_number(row, column, value)
        elif isinstance(value, dt.datetime):
            self.sheet.write_datetime(row, column, value, self.datetime_format)
        elif isinstance(value, dt.date):
            self.sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), self.date_format)
        else:
            raise TypeError(value)

    def row(self, row: int, values: Sequence[object], first_column: int = 0) -> None:
        for offset, value in enumerate(values):
            self.cell(row, first_column + offset, value)

    def data(self, first_number: int, rows: Iterable[Sequence[object] | None]) -> None:
        """Rows from the 1-based sheet row `first_number` on (None: a blank row)."""
        for offset, values in enumerate(rows):
            if values is not None:
                self.row(first_number - 1 + offset, values)

    def hide_column(self, column: int) -> None:
        self.sheet.set_column(column, column, None, None, {"hidden": True})

    def title(self, row: int, text: str, width: int) -> None:
        """A title merged across `width` columns."""
        self.sheet.merge_range(row, 0, row, width - 1, text, self.title_format)

    def bytes(self) -> bytes:
        self.book.close()
        return self._buffer.getvalue()


def table(headers: Sequence[str], rows: Iterable[Sequence[object] | None], *, book: Book | None = None) -> bytes:
    """A plain sheet: headers in row 1, then the rows (None: a blank row)."""
    book = book or Book()
    book.row(0, headers)
    book.data(2, rows)
    return book.bytes()


def csv_text(rows: Iterable[Sequence[object]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


# The corpus ---------------------------------------------------------------------------------------------------------

Builder = Callable[[], Case]


def cases() -> list[Case]:
    from . import corpus_csv, corpus_values, corpus_xlsx

    found = [build() for module in (corpus_xlsx, corpus_values, corpus_csv) for build in module.BUILDERS]
    assert len({case.name for case in found}) == len(found), "case names are unique"
    names = [row.name for case in found for row in case.rows + (case.prelude.rows if case.prelude else [])]
    assert len(set(names)) == len(names), "no two cases share a teacher"
    return found
