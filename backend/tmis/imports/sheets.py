"""Opens an uploaded spreadsheet safely and yields its rows as raw cells, for the import pipeline.

The kind of file is detected by its content, never by its name: an XLSX workbook is a zip holding
`[Content_Types].xml` and `xl/workbook.xml`; an OLE compound file is a password-protected workbook or an old .xls
(refused with advice); any other file that decodes as UTF-8 or GB18030 text is CSV. Every check that can refuse
the whole file (zip bombs, too many rows, no header row) runs in `open_sheet`, before the pipeline writes anything.

Workbooks are read with python-calamine, which returns formula results rather than formulas, so the cells holding
a formula are found by streaming the worksheet's XML out of the zip. Rows are never materialised as Python lists
all at once: `Sheet.rows()` walks the loaded sheet (or re-reads the CSV) on every call. No Django models here.
"""

from __future__ import annotations

import codecs
import csv
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetMetadata,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from tmis.core.job_services import JobError

MAX_ROWS = 200_000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
#: A zip entry inflating more than this many times, and to more than RATIO_FLOOR bytes, is a zip bomb.
MAX_RATIO = 200
RATIO_FLOOR = 10 * 1024 * 1024
#: The template's sheets that never hold data (its instructions and its hidden code lists).
NOT_DATA_SHEETS = frozenset({"填写说明", "代码"})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Chinese Excel saves "CSV" as GBK, which GB18030 includes
CSV_DELIMITERS = (",", "\t", ";")
CHUNK = 1 << 20
#: Bytes kept from one chunk of worksheet XML to the next: longer than any cell's opening tag, so a tag cut by a
#: chunk boundary is always seen whole in the next buffer.
OVERLAP = 1024
CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")

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
            cells = _fit(cells, width)
            if not _blank(cells):
                yield number, cells


def open_sheet(
    path: Path,
    *,
    known_codes: Collection[str],
    preferred_sheet: str = "教师基本信息",
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> Sheet:
    """Open an uploaded XLSX or CSV file, check it as a whole and return its data sheet.

    Raises SheetProblem (code: encrypted_or_xls, not_a_spreadsheet, empty, too_large_unpacked, too_many_rows)
    when the file cannot be imported at all."""
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(8)
    if not head:
        raise SheetProblem("empty", _("The file is empty."))
    if head.startswith(OLE_MAGIC):
        raise SheetProblem(
            "encrypted_or_xls",
            _(
                "The file is a password-protected workbook or an old Excel 97-2003 (.xls) file. Remove the "
                "password and save it as an Excel workbook (.xlsx), then upload it again."
            ),
        )
    if head.startswith(ZIP_MAGICS):
        return _open_xlsx(path, known_codes, preferred_sheet, max_rows, max_unpacked_bytes)
    return _open_csv(path, known_codes, max_rows)


# --- cells ---------------------------------------------------------------------------------------------------------


def _fit(cells: list[object], width: int) -> list[object]:
    """A row padded with empty cells or cut to `width` columns."""
    size = len(cells)
    if size == width:
        return cells
    if size > width:
        return cells[:width]
    return cells + [""] * (width - size)


def _blank(cells: list[object]) -> bool:
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
    return [str(text) for text in _fit(texts, width)]


def _layout(
    raw: Iterator[list[object]], known_codes: Collection[str], max_rows: int
) -> tuple[list[str], list[str] | None]:
    """One pass over the raw rows: headers, code row and the data-row count (refused above max_rows)."""
    headers = _headers(next(raw, None))
    width = len(headers)
    second = next(raw, None)
    codes = _codes(second, known_codes, width)
    count = 0 if codes is not None or second is None or _blank(_fit(second, width)) else 1
    for cells in raw:
        if not _blank(cells[:width]):
            count += 1
    if count > max_rows:
        raise SheetProblem(
            "too_many_rows",
            _("The sheet has %(count)s data rows; at most %(limit)s can be imported at once. Split the file.")
            % {"count": count, "limit": max_rows},
        )
    return headers, codes


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _not_xlsx(reason: str = "") -> SheetProblem:
    message = _("The file is not a readable Excel workbook (.xlsx) or CSV file. Save it as .xlsx and upload it again.")
    return SheetProblem("not_a_spreadsheet", f"{message} ({reason})" if reason else message)


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise _not_xlsx() from error
    names = set(archive.namelist())
    if not all(part in names for part in XLSX_PARTS):
        archive.close()
        raise _not_xlsx()
    return archive


def _check_unpacked(archive: zipfile.ZipFile, limit: int) -> None:
    """Refuse zip bombs by the sizes the archive declares, before anything is inflated."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SheetProblem(
                "too_large_unpacked",
                _("The workbook holds a part that unpacks %(ratio)s times larger than it is stored; it is refused.")
                % {"ratio": info.file_size // max(info.compress_size, 1)},
            )
    if total > limit:
        raise SheetProblem(
            "too_large_unpacked",
            _("The workbook unpacks to %(size)s MB, more than the limit of %(limit)s MB.")
            % {"size": total // (1024 * 1024), "limit": limit // (1024 * 1024)},
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML inside the zip, through xl/workbook.xml and xl/_rels/workbook.xml.rels."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter() if _local(rel.tag) == "Relationship"}
    paths = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((value for key, value in sheet.attrib.items() if key.startswith("{") and _local(key) == "id"), "")
        target = targets.get(rel_id)
        if target:
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            paths[sheet.get("name", "")] = resolved
    return paths


def _column(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _cell_ref(buffer: bytes, start: int) -> tuple[int, int] | None:
    """(row, column) of the cell whose opening tag starts at `start`; None if it has no r attribute."""
    end = buffer.find(b">", start)
    found = CELL_REF.search(buffer, start, end if end != -1 else len(buffer))
    return (int(found.group(2)), _column(found.group(1))) if found else None


def _formula_cells(archive: zipfile.ZipFile, member: str | None) -> set[tuple[int, int]]:
    """Cells of a worksheet that hold a formula (an <f> element), streamed from the zip in chunks.

    Each hit is mapped to the last cell opening tag before it. A buffer keeps the last OVERLAP bytes of the
    previous one, so tags cut by a chunk boundary are seen whole; hits found twice land in the same set."""
    found: set[tuple[int, int]] = set()
    if member is None:
        return found
    try:
        with archive.open(member) as stream:
            tail = stream.read(CHUNK)
            root = ROOT_TAG.search(tail)
            prefix = (root.group(1) + b":") if root and root.group(1) else b""
            cell_tag = b"<" + prefix + b"c "
            formula = re.compile(b"<" + re.escape(prefix) + b"f[ >/]")
            before: tuple[int, int] | None = None  # the last cell that opened before the current buffer
            chunk = b""
            while True:
                buffer = tail + chunk
                for hit in formula.finditer(buffer):
                    start = buffer.rfind(cell_tag, 0, hit.start())
                    ref = _cell_ref(buffer, start) if start != -1 else before
                    if ref is not None:
                        found.add(ref)
                chunk = stream.read(CHUNK)
                if not chunk:
                    return found
                keep = max(len(buffer) - OVERLAP, 0)
                start = buffer.rfind(cell_tag, 0, keep + len(cell_tag) - 1)  # opening tags that start before `keep`
                if start != -1:
                    before = _cell_ref(buffer, start)
                tail = buffer[keep:]
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _not_xlsx() from error


def _choose_sheet(sheets: list[SheetMetadata], preferred: str) -> str:
    names = [sheet.name for sheet in sheets]
    if preferred in names:
        return preferred
    for sheet in sheets:
        if (
            sheet.typ == SheetTypeEnum.WorkSheet
            and sheet.visible == SheetVisibleEnum.Visible
            and sheet.name not in NOT_DATA_SHEETS
        ):
            return sheet.name
    raise SheetProblem("empty", _("The workbook has no worksheet to import."))


def _calamine_source(sheet: CalamineSheet, offset: int) -> RowSource:
    """Raw rows from row 1, aligned to column A (calamine starts its rows at the first used column)."""

    def read() -> Iterator[list[object]]:
        if not offset:
            yield from sheet.iter_rows()
            return
        padding: list[object] = [""] * offset
        for row in sheet.iter_rows():
            yield padding + row

    return read


def _load(path: Path, archive: zipfile.ZipFile, preferred: str) -> tuple[str, CalamineSheet, set[tuple[int, int]]]:
    """The chosen sheet loaded by calamine, and its formula cells. calamine releases the GIL while it parses, so
    the formula scan (inflating the same XML again) runs alongside in a thread and costs no extra time."""
    try:
        with CalamineWorkbook.from_path(str(path)) as workbook, ThreadPoolExecutor(max_workers=1) as pool:
            name = _choose_sheet(workbook.sheets_metadata, preferred)
            scan = pool.submit(_formula_cells, archive, _sheet_paths(archive).get(name))
            loaded = workbook.get_sheet_by_name(name)
            return name, loaded, scan.result()
    except PasswordError as error:
        raise SheetProblem(
            "encrypted_or_xls", _("The workbook is password-protected. Remove the password and upload it again.")
        ) from error
    except CalamineError as error:
        raise _not_xlsx() from error


def _open_xlsx(
    path: Path, known_codes: Collection[str], preferred: str, max_rows: int, max_unpacked_bytes: int
) -> Sheet:
    with _open_zip(path) as archive:
        _check_unpacked(archive, max_unpacked_bytes)
        name, loaded, formulas = _load(path, archive, preferred)
    start, end = loaded.start, loaded.end
    if start is None or end is None or start[0] != 0:  # nothing in row 1
        raise SheetProblem("empty", _("Row 1 holds no column headers; the file has nothing to import."))
    first = next(loaded.iter_rows(), [])
    source = _calamine_source(loaded, end[1] + 1 - len(first))
    headers, codes = _layout(source(), known_codes, max_rows)
    return Sheet(
        name=name,
        headers=headers,
        codes=codes,
        first_data_row=3 if codes is not None else 2,
        formula_cells=formulas,
        _source=source,
    )


# --- CSV -----------------------------------------------------------------------------------------------------------


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file is text in `encoding` (decoded in chunks; NUL bytes mean binary)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as file:
        try:
            while chunk := file.read(CHUNK):
                if "\x00" in decoder.decode(chunk):
                    return False
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _delimiter(path: Path, encoding: str) -> str:
    """The delimiter used most in the first line (comma when none is)."""
    with path.open(encoding=encoding, newline="") as file:
        line = file.readline(64 * 1024)
    counts = [(line.count(delimiter), -index, delimiter) for index, delimiter in enumerate(CSV_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


def _csv_source(path: Path, encoding: str, delimiter: str) -> RowSource:
    def read() -> Iterator[list[object]]:
        with path.open(encoding=encoding, newline="") as file:
            yield from csv.reader(file, delimiter=delimiter)

    return read


def _open_csv(path: Path, known_codes: Collection[str], max_rows: int) -> Sheet:
    encoding = next((encoding for encoding in CSV_ENCODINGS if _decodes(path, encoding)), None)
    if encoding is None:
        raise _not_xlsx()
    source = _csv_source(path, encoding, _delimiter(path, encoding))
    try:
        headers, codes = _layout(source(), known_codes, max_rows)
    except csv.Error as error:
        raise _not_xlsx(str(error)) from error
    return Sheet(
        name="",
        headers=headers,
        codes=codes,
        first_data_row=3 if codes is not None else 2,
        formula_cells=set(),
        _source=source,
    )
