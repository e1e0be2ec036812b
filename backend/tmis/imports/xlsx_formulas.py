"""What python-calamine does not tell about an XLSX worksheet, read from the worksheet's XML in the zip: the cells
that hold a formula (calamine returns formula results, not formulas; streamed) and the hidden columns."""

from __future__ import annotations

import re
import zipfile
import zlib

from .sheet_layout import not_a_spreadsheet

CHUNK = 1 << 20
#: Bytes kept from one chunk of worksheet XML to the next: longer than any cell's opening tag, so a tag cut by a
#: chunk boundary is always seen whole in the next buffer.
OVERLAP = 1024
CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
COL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\s[^>]*>")
COL_ATTR = re.compile(rb'\s(min|max|hidden)="([^"]*)"')
SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]")


def hidden_columns(archive: zipfile.ZipFile, member: str | None) -> frozenset[int]:
    """0-based columns of a worksheet that are hidden (`<col hidden="1">` in `<cols>`, which comes before the
    sheet's data: only the XML up to `<sheetData>` is read)."""
    if member is None:
        return frozenset()
    head = b""
    try:
        with archive.open(member) as stream:
            while len(head) < 16 * CHUNK and not SHEET_DATA.search(head):
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                head += chunk
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise not_a_spreadsheet() from error
    end = SHEET_DATA.search(head)
    hidden: set[int] = set()
    for tag in COL_TAG.finditer(head, 0, end.start() if end else len(head)):
        attrs = {key: value for key, value in COL_ATTR.findall(tag.group(0))}
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"min", b"").isdigit():
            first = int(attrs[b"min"])
            last = int(attrs[b"max"]) if attrs.get(b"max", b"").isdigit() else first
            hidden.update(range(first - 1, min(last, first + 16384)))
    return frozenset(hidden)


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


def formula_cells(archive: zipfile.ZipFile, member: str | None) -> set[tuple[int, int]]:
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
        raise not_a_spreadsheet() from error
