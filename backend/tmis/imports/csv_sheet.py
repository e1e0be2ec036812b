"""An uploaded CSV file: UTF-8 or GB18030 (Chinese Excel saves "CSV" as GBK), its delimiter taken from row 1."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Collection, Iterator
from pathlib import Path

from .sheet_layout import RowSource, Sheet, not_a_spreadsheet, read_layout

CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Chinese Excel saves "CSV" as GBK, which GB18030 includes
CSV_DELIMITERS = (",", "\t", ";")
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


def open_csv(path: Path, known_codes: Collection[str], max_rows: int) -> Sheet:
    """A CSV file as a sheet (see `sheets.open_sheet`); raises SheetProblem."""
    encoding = next((encoding for encoding in CSV_ENCODINGS if _decodes(path, encoding)), None)
    if encoding is None:
        raise not_a_spreadsheet()
    source = _csv_source(path, encoding, _delimiter(path, encoding))
    try:
        headers, codes = read_layout(source(), known_codes, max_rows)
    except csv.Error as error:
        raise not_a_spreadsheet(str(error)) from error
    return Sheet(
        name="",
        headers=headers,
        codes=codes,
        first_data_row=3 if codes is not None else 2,
        formula_cells=set(),
        _source=source,
    )
