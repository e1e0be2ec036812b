"""An uploaded CSV file: UTF-8 or GB18030 (Chinese Excel saves "CSV" as GBK), its delimiter taken from row 1."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Collection, Iterator
from pathlib import Path

from .sheet_layout import RowSource, Sheet, not_a_spreadsheet, read_layout

CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Chinese Excel saves "CSV" as GBK, which GB18030 includes
CSV_DELIMITERS = (",", "\t", ";")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CHUNK = 1 << 20


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


def open_csv(path: Path, known_codes: Collection[str], max_rows: int, known_headers: Collection[str] = ()) -> Sheet:
    """A CSV file as a sheet (see `sheets.open_sheet`); raises SheetProblem."""
    with path.open("rb") as file:
        bom = file.read(2)
    # Excel's "Unicode text" is UTF-16 with a byte-order mark (and tabs); without the mark UTF-16 is not guessed.
    candidates = ("utf-16",) if bom in UTF16_BOMS else CSV_ENCODINGS
    encoding = next((encoding for encoding in candidates if _decodes(path, encoding)), None)
    if encoding is None:
        raise not_a_spreadsheet()
    source = _csv_source(path, encoding, _delimiter(path, encoding))
    try:
        layout = read_layout(source(), known_codes, max_rows, known_headers)
    except csv.Error as error:
        raise not_a_spreadsheet(str(error)) from error
    return Sheet(
        name="",
        headers=layout.headers,
        codes=layout.codes,
        first_data_row=layout.first_data_row,
        formula_cells=set(),
        header_row=layout.header_row,
        two_row_header=layout.two_row_header,
        row_count=layout.rows,
        _source=source,
    )
