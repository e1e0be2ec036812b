"""An uploaded XLSX workbook opened safely: zip bombs refused by the sizes the archive declares, the data sheet
chosen (the template's 教师基本信息 first) and loaded by python-calamine, its formula cells found alongside."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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

from .sheet_layout import RowSource, Sheet, SheetProblem, not_a_spreadsheet, read_layout
from .xlsx_formulas import formula_cells, hidden_columns

#: A zip entry inflating more than this many times, and to more than RATIO_FLOOR bytes, is a zip bomb.
MAX_RATIO = 200
RATIO_FLOOR = 10 * 1024 * 1024
#: The template's sheets that never hold data (its instructions and its hidden code lists).
NOT_DATA_SHEETS = frozenset({"填写说明", "代码"})

XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise not_a_spreadsheet() from error
    names = set(archive.namelist())
    if not all(part in names for part in XLSX_PARTS):
        archive.close()
        raise not_a_spreadsheet()
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


@contextmanager
def _calamine_problems() -> Iterator[None]:
    """calamine's errors as the SheetProblems an uploader reads."""
    try:
        yield
    except PasswordError as error:
        raise SheetProblem(
            "encrypted_or_xls", _("The workbook is password-protected. Remove the password and upload it again.")
        ) from error
    except CalamineError as error:
        raise not_a_spreadsheet() from error


def worksheet_names(path: Path, max_unpacked_bytes: int) -> list[str]:
    """The workbook's visible worksheets that may hold data, in order (not the template's instructions and codes);
    checked as a whole first (`open_xlsx` raises the same SheetProblems)."""
    with _open_zip(path) as archive:
        _check_unpacked(archive, max_unpacked_bytes)
    with _calamine_problems(), CalamineWorkbook.from_path(str(path)) as workbook:
        return [
            sheet.name
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet
            and sheet.visible == SheetVisibleEnum.Visible
            and sheet.name not in NOT_DATA_SHEETS
        ]


def sheet_sizes(path: Path) -> dict[str, int]:
    """Each worksheet's unpacked XML in bytes, by sheet name (what loading it costs); {} if the zip cannot say."""
    try:
        with _open_zip(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            return {name: sizes[member] for name, member in _sheet_paths(archive).items() if member in sizes}
    except SheetProblem:
        return {}


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


def _load(
    path: Path, archive: zipfile.ZipFile, preferred: str
) -> tuple[str, CalamineSheet, set[tuple[int, int]], frozenset[int]]:
    """The chosen sheet loaded by calamine, its formula cells and hidden columns. calamine releases the GIL while it
    parses, so the formula scan (inflating the same XML again) runs alongside in a thread and costs no extra time."""
    with (
        _calamine_problems(),
        CalamineWorkbook.from_path(str(path)) as workbook,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        name = _choose_sheet(workbook.sheets_metadata, preferred)
        member = _sheet_paths(archive).get(name)
        scan = pool.submit(formula_cells, archive, member)
        loaded = workbook.get_sheet_by_name(name)
        return name, loaded, scan.result(), hidden_columns(archive, member)


def open_xlsx(
    path: Path,
    known_codes: Collection[str],
    preferred: str,
    max_rows: int,
    max_unpacked_bytes: int,
    known_headers: Collection[str] = (),
) -> Sheet:
    """The data sheet of an XLSX workbook (see `sheets.open_sheet`); raises SheetProblem."""
    with _open_zip(path) as archive:
        _check_unpacked(archive, max_unpacked_bytes)
        name, loaded, formulas, hidden = _load(path, archive, preferred)
    start, end = loaded.start, loaded.end
    if start is None or end is None:
        raise SheetProblem("empty", _("The sheet holds no row of column headers; the file has nothing to import."))
    first = next(loaded.iter_rows(), [])
    source = _calamine_source(loaded, end[1] + 1 - len(first))
    layout = read_layout(source(), known_codes, max_rows, known_headers)
    return Sheet(
        name=name,
        headers=layout.headers,
        codes=layout.codes,
        first_data_row=layout.first_data_row,
        formula_cells=formulas,
        header_row=layout.header_row,
        hidden_columns=hidden,
        two_row_header=layout.two_row_header,
        row_count=layout.rows,
        _source=source,
    )
