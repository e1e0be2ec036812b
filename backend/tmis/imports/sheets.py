"""Opens an uploaded spreadsheet safely and yields its rows as raw cells, for the import pipeline.

The kind of file is detected by its content, never by its name: an XLSX workbook is a zip holding
`[Content_Types].xml` and `xl/workbook.xml`; an OLE compound file is a password-protected workbook or an old .xls
(refused with advice); any other file that decodes as UTF-8 or GB18030 text is CSV. Every check that can refuse
the whole file (zip bombs, too many rows, no header row) runs in `open_sheet`, before the pipeline writes anything.

Workbooks are read with python-calamine, which returns formula results rather than formulas, so the cells holding
a formula are found by streaming the worksheet's XML out of the zip. Rows are never materialised as Python lists
all at once: `Sheet.rows()` walks the loaded sheet (or re-reads the CSV) on every call. No Django models here.

The parts: `sheet_layout` (Sheet, SheetProblem, header and code rows), `xlsx_sheet`, `xlsx_formulas`, `csv_sheet`.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from django.utils.translation import gettext as _

from .csv_sheet import open_csv
from .sheet_layout import Sheet, SheetProblem
from .xlsx_sheet import open_xlsx, sheet_sizes, worksheet_names

__all__ = ["MAX_ROWS", "MAX_UNPACKED_BYTES", "Sheet", "SheetProblem", "data_sheet_names", "open_sheet", "sheet_bytes"]

MAX_ROWS = 200_000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")


def open_sheet(
    path: Path,
    *,
    known_codes: Collection[str],
    preferred_sheet: str = "教师基本信息",
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    known_headers: Collection[str] = (),
) -> Sheet:
    """Open an uploaded XLSX or CSV file, check it as a whole and return its data sheet.

    Raises SheetProblem (code: encrypted_or_xls, not_a_spreadsheet, empty, too_large_unpacked, too_many_rows)
    when the file cannot be imported at all. `known_headers`: the `header_row.header_key`s of the headers the caller
    knows, by which the header row is found below titles and notes (without them: the first row that is not empty,
    or the row before a template code row)."""
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
        return open_xlsx(path, known_codes, preferred_sheet, max_rows, max_unpacked_bytes, known_headers)
    return open_csv(path, known_codes, max_rows, known_headers)


def data_sheet_names(path: Path, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> list[str]:
    """The names of a workbook's sheets that may hold data, in order; [] for a CSV file (one unnamed sheet) or a file
    that is no workbook (`open_sheet` says why). Raises SheetProblem like `open_sheet` for a hostile workbook."""
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(8)
    if not head.startswith(ZIP_MAGICS):
        return []
    return worksheet_names(path, max_unpacked_bytes)


def sheet_bytes(path: Path) -> dict[str, int]:
    """A workbook's worksheets by name with the bytes loading each unpacks; a CSV file: {"": its size}."""
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(8)
    return sheet_sizes(path) if head.startswith(ZIP_MAGICS) else {"": path.stat().st_size}
