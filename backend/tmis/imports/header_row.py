"""Finding the table in a sheet as a school makes it: the header row below title rows, notes, blank rows and merged
cells; a two-row header (a group name merged over its columns); the template's hidden indicator-code row. And the
normalised form of a header that matching compares (`header_key`). No Django models here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

#: How many rows from the top may hold titles and notes before the header row.
SCAN_ROWS = 30
#: A row is a header row when at least this many of its cells are known headers.
MIN_KNOWN = 2

_BRACKETED = re.compile(r"[(\[{【〔〖《<][^)\]}】〕〗》>]*[)\]}】〕〗》>]")


def cell_text(cell: object) -> str:
    """A header or code cell as text: 2020.0 -> "2020", None -> ""."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def header_key(text: str) -> str:
    """A header as matching compares it: width-folded (NFKC: full-width letters, digits and brackets as ASCII),
    lower case, without spaces, line breaks, `*` required marks or punctuation. 身份证件号* and " 身份证件号 " meet."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def loose_header_key(text: str) -> str:
    """The key without bracketed remarks: 出生日期（YYYY-MM-DD） and 身份证件号(必填) meet their names."""
    return header_key(_BRACKETED.sub("", unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class HeaderFound:
    index: int  # 0-based row of the header (the lower row of a two-row header)
    headers: list[str]  # one text per column, trailing empty columns dropped
    codes: list[str] | None  # the template's indicator codes (the row after the header), when present
    two_rows: bool = False


#: The share of a row's cells that must be known indicator codes for it to be a template's code row: a template of
#: another version, or an export's extra columns (学校名称, 全国教师编号, 信息状态), has codes this catalogue lacks.
CODE_ROW_SHARE = 0.8


def _is_code_row(texts: list[str], known_codes: Collection[str]) -> bool:
    filled = [text for text in texts if text]
    known = sum(1 for text in filled if text in known_codes)
    return known >= MIN_KNOWN and known >= CODE_ROW_SHARE * len(filled)


def _known(texts: list[str], known_headers: Collection[str]) -> int:
    return sum(1 for text in texts if text and is_known_header(text, known_headers))


def is_known_header(text: str, known_headers: Collection[str]) -> bool:
    return header_key(text) in known_headers or loose_header_key(text) in known_headers


def _trimmed(texts: list[str]) -> list[str]:
    texts = list(texts)
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _combined(upper: list[str], lower: list[str]) -> list[str]:
    """A two-row header read as one: the lower row's text, or the upper one's where a cell merged down over both
    rows leaves the lower empty (姓名 over an empty cell; 联系方式 over 手机号码 | 电子邮箱 gives the lower names)."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    return [low or up for up, low in zip(upper, lower, strict=True)]


def find_header(
    rows: list[list[object]], known_codes: Collection[str], known_headers: Collection[str]
) -> HeaderFound | None:
    """The header among the first rows: before a template code row, else the row (or pair of rows) with the most
    known headers (at least MIN_KNOWN; the first of equals), else — no known headers given, or none found — the
    first row that is not empty. None when every scanned row is empty."""
    texts = [[cell_text(cell) for cell in row] for row in rows[:SCAN_ROWS]]
    for index, row in enumerate(texts):
        if index and _is_code_row(row, known_codes):
            header = _trimmed(texts[index - 1])
            pair = _trimmed(_combined(texts[index - 2], header)) if index >= 2 else header
            if _known(pair, known_headers) > _known(header, known_headers):
                return HeaderFound(index - 1, pair, row, two_rows=True)
            return HeaderFound(index - 1, header, row)
    best: HeaderFound | None = None
    best_score = MIN_KNOWN - 1
    if known_headers:
        for index, row in enumerate(texts):
            score = _known(row, known_headers)
            if score > best_score:
                best, best_score = HeaderFound(index, _trimmed(row), None), score
            if index:
                pair = _combined(texts[index - 1], row)
                pair_score = _known(pair, known_headers)
                if pair_score > best_score and pair_score > score:
                    best, best_score = HeaderFound(index, _trimmed(pair), None, two_rows=True), pair_score
    if best is not None:
        return best
    for index, row in enumerate(texts):
        if any(row):
            return HeaderFound(index, _trimmed(row), None)
    return None
