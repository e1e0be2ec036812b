"""The columns of an uploaded sheet, and one cell read as its column's indicator."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from tmis.catalog.effective import EffectiveCatalogue, Field
from tmis.catalog.synonyms import code_synonyms, header_synonyms
from tmis.core.crypto import is_masked
from tmis.core.memo import DistinctMemo
from tmis.core.messages import Message

from .code_values import CodeNames, to_codes
from .header_row import header_key, loose_header_key
from .normalise import CellProblem, clean_text, to_bool, to_date, to_month, to_number
from .sheets import Sheet
from .template import SCHOOL_COLUMN, code_names

SCHOOL_HEADERS = ("学校代码", "学校标识码", "学校", "school", "school code")
SCHOOL = SCHOOL_COLUMN[0]
#: A header matched with at least this confidence is used without asking; below it, it is only proposed.
SURE = 0.8


class Source:
    """How a column was matched (what the dry run reports for each column)."""

    CODE_ROW = "code_row"  # the template's hidden indicator-code row
    NAME = "name"  # the indicator's Chinese or English name, or its code
    SYNONYM = "synonym"  # a common alternative header kept as data (catalog/data/header_synonyms.yaml)
    LOOSE = "loose"  # the name with a bracketed remark: 出生日期（年-月-日）
    MAPPING = "mapping"  # the upload's mapping, or the organisation's remembered one
    PROPOSAL = "proposal"  # a similar name, not used until someone confirms it
    HIDDEN = "hidden"  # a hidden column: ignored
    DUPLICATE = "duplicate"  # a second column for an indicator already matched: ignored
    SYSTEM = "system"  # a column the system's exports write and the import does not read (全国教师编号, 信息状态)
    NONE = "none"  # nothing like it


SOURCE_CHOICES = (
    Source.CODE_ROW,
    Source.NAME,
    Source.SYNONYM,
    Source.LOOSE,
    Source.MAPPING,
    Source.PROPOSAL,
    Source.HIDDEN,
    Source.DUPLICATE,
    Source.SYSTEM,
    Source.NONE,
)

#: The columns an export writes beside the indicators (code row → header): read back as what they are, never asked
#: about. The national teacher number is the system's to give; a group sheet reads it as a key instead.
SYSTEM_COLUMNS = {"teacher_no": "全国教师编号", "school_name": "学校名称", "record_state": "信息状态"}
#: Headers known without a code row (a CSV export); 学校名称 is left to the school column's own matching.
_SYSTEM_HEADERS = frozenset(header_key(h) for code, h in SYSTEM_COLUMNS.items() if code != "school_name") | frozenset(
    header_key(h) for h in ("teacher number", "record state")
)


@dataclass
class Column:
    index: int
    header: str
    field: Field | None  # None: the school column
    names: CodeNames | None = None


@dataclass(frozen=True)
class ColumnMatch:
    """One column of the sheet as the dry run reports it: its indicator (`school` for 学校代码; None: ignored)."""

    index: int
    header: str
    field: str | None
    confidence: float
    source: str


class HeaderIndex:
    """Every header the import knows for the template's fields: names in zh-CN and en, codes, synonyms, 学校代码."""

    def __init__(self, fields: list[Field]) -> None:
        self.fields = {f.code: f for f in fields}
        self._keys: dict[str, tuple[str, str, float]] = {}  # header key -> (field or "school", source, confidence)
        for f in fields:
            for text in (f.name, f.name_en, f.code):
                self._add(text, f.code, Source.NAME, 1.0)
        for text in SCHOOL_HEADERS:
            self._add(text, SCHOOL, Source.NAME, 1.0)
        synonyms = header_synonyms()
        for f in fields:
            for text in synonyms.get(f.code, ()):
                self._add(text, f.code, Source.SYNONYM, 0.95)

    def _add(self, text: str, target: str, source: str, confidence: float) -> None:
        key = header_key(text or "")
        if key:
            self._keys.setdefault(key, (target, source, confidence))

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._keys)

    def match(self, header: str) -> tuple[str | None, str, float]:
        """(field code, "school" or None; source; confidence) of a header."""
        found = self._keys.get(header_key(header))
        if found is not None:
            return found
        found = self._keys.get(loose_header_key(header))
        if found is not None:
            return found[0], Source.LOOSE, round(found[2] * 0.9, 2)
        key = header_key(header)
        close = difflib.get_close_matches(key, list(self._keys), n=1, cutoff=0.6) if key else []
        if close:
            ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
            return self._keys[close[0]][0], Source.PROPOSAL, round(min(ratio * 0.75, SURE - 0.01), 2)
        return None, Source.NONE, 0.0


def value_names(catalogue: EffectiveCatalogue, tables: list[dict[str, Any]]) -> dict[str, CodeNames]:
    """Field code -> what its cells may say: the code list's codes, names and the table's synonyms."""
    tables_of = {f.code: f.code_table or "" for group in catalogue.groups for f in group.fields}
    return {
        code: CodeNames(items, synonyms=code_synonyms(tables_of.get(code, "")))
        for code, items in code_names(catalogue, tables).items()
        if items
    }


def map_columns(
    sheet: Sheet,
    index: HeaderIndex,
    names: dict[str, CodeNames],
    mapping: dict[str, str] | None = None,
) -> tuple[list[Column], list[ColumnMatch]]:
    """The sheet's columns as indicators: by the upload's (or remembered) `mapping` (header → field code, "" to
    ignore), else the template's hidden code row, else the header's name, synonym or bracketed name. Returns the
    columns to read and, for the dry run, what became of every column (proposals for the unknown ones)."""
    mapping = mapping or {}
    columns: list[Column] = []
    matches: list[ColumnMatch] = []
    taken: set[str] = set()
    for position, header in enumerate(sheet.headers):
        code = sheet.codes[position] if sheet.codes and position < len(sheet.codes) else ""
        if header in mapping:
            target: str | None = mapping[header] or None
            source, confidence = Source.MAPPING, 1.0
        elif position in sheet.hidden_columns:
            target, source, confidence = None, Source.HIDDEN, 0.0
        elif code and (code == SCHOOL or code in index.fields):
            target, source, confidence = code, Source.CODE_ROW, 1.0
        elif code in SYSTEM_COLUMNS and code not in index.fields:
            target, source, confidence = None, Source.SYSTEM, 1.0
        elif not header.strip():
            continue
        else:
            target, source, confidence = index.match(header)
            if source in (Source.NONE, Source.PROPOSAL) and header_key(header) in _SYSTEM_HEADERS:
                target, source, confidence = None, Source.SYSTEM, 1.0
        if target is not None and target in taken:
            target, source = None, Source.DUPLICATE
        matches.append(ColumnMatch(position, header, target, confidence, source))
        if target is None or confidence < SURE:
            continue
        taken.add(target)
        f = index.fields.get(target)
        if target != SCHOOL and f is None:
            continue
        columns.append(Column(position, header or (f.name if f else header), f, names.get(target)))
    return columns, matches


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
    if kind == "id_number" and text.startswith("'"):
        text = text.lstrip("'").strip()  # the apostrophe an export puts before a number to keep it text
    if kind == "id_number" and is_masked(text):
        raise CellProblem(
            "id_masked",
            Message(
                gettext_noop(
                    "This ID number is masked (the file was exported without full ID numbers): export again with "
                    "full ID numbers, or type the whole number."
                )
            ),
        )
    if kind == "id_number" and (
        (isinstance(cell, int | float) and not isinstance(cell, bool)) or SCIENTIFIC.match(text)
    ):
        return id_from_number(cell, text)
    if kind == "decimal":
        return to_number(text)
    if kind == "integer":
        try:
            return int(float(text))
        except ValueError as exc:
            raise CellProblem(
                "invalid_integer",
                Message(
                    gettext_noop("Write a whole number."),
                ),
            ) from exc
    return text


#: Excel keeps 15 significant digits: an ID number of 16 digits or more typed into a number cell has lost its last.
EXACT_DIGITS = 15
SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")  # 6.20102E+17: a number cell saved to CSV


def id_from_number(cell: object, text: str) -> str:
    """An ID number that Excel stored as a number: kept when it still has every digit (a 15-digit first-generation
    number), refused precisely when Excel has rounded away its last digits (an 18-digit number)."""
    digits = text.split(".")[0].lstrip("-")
    if SCIENTIFIC.match(text) or (isinstance(cell, float) and not cell.is_integer()) or len(digits) > EXACT_DIGITS:
        raise CellProblem(
            "id_as_number",
            Message(
                gettext_noop(
                    "Excel has turned this ID into a number and lost its last digits; format the column as text "
                    "and type the ID again."
                )
            ),
        )
    return digits


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
                Message(
                    gettext_noop(
                        "A value may not begin with = + - or @ (it could run as a formula). Remove that character."
                    )
                ),
            )
        if self.column.field is None or not text:
            return (BLANK,)  # the school column is read by the pipeline
        if text.startswith("'") and text[1:2] in FORMULA_START:
            text = cell = text[1:]  # an export's escape of text that begins like a formula (`template.escape`)
        try:
            value = cell_value(self.column, cell, text, self._names)
        except CellProblem as problem:
            return PROBLEM, text[:200], problem.code, problem.message
        if self._date:
            return VALUE, dt.date.fromisoformat(value)  # a model column takes what the API's serializer gives
        return VALUE, value  # JSON (extensions): dates stay ISO text
