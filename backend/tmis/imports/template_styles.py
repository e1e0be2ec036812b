"""The cell formats of the import template workbook, and the text measures its sheets need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook


@dataclass(frozen=True)
class Styles:
    title: Format
    heading: Format
    wrap: Format
    table_head: Format
    star: Format
    bold: Format
    required_head: Format
    optional_head: Format
    code_row: Format
    text: Format
    date: Format
    integer: Format


def template_styles(book: Workbook) -> Styles:
    """The workbook's formats (xlsxwriter registers a format with its workbook)."""

    def fmt(**props: Any) -> Format:
        return book.add_format({"valign": "vcenter", **props})

    head = {"bold": True, "border": 1, "align": "center", "text_wrap": True, "num_format": "@"}
    return Styles(
        title=fmt(bold=True, font_size=16),
        heading=fmt(bold=True, font_size=12),
        wrap=fmt(text_wrap=True, valign="top", border=1),
        table_head=fmt(bold=True, border=1, bg_color="#D9E1F2", text_wrap=True),
        star=fmt(bold=True, font_color="#C00000"),
        bold=fmt(bold=True),
        required_head=fmt(**head, bg_color="#FCE4D6"),
        optional_head=fmt(**head, bg_color="#DDEBF7"),
        code_row=fmt(font_color="#808080", font_size=9, num_format="@"),
        text=fmt(num_format="@"),
        date=fmt(num_format="yyyy-mm-dd"),
        integer=fmt(num_format="0"),
    )


def clip(text: str, limit: int) -> str:
    """Cut to Excel's limit, which counts UTF-16 code units."""
    encoded = text.encode("utf-16-le")
    if len(encoded) <= limit * 2:
        return text
    return encoded[: (limit - 1) * 2].decode("utf-16-le", errors="ignore") + "…"


def display_width(text: str) -> int:
    """Width in Latin characters: a CJK character takes two."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)
