"""The files of training credits: a teacher's transcript (学分银行 record) as XLSX and PDF, and a school's compliance
list as XLSX. Names, never codes; column headings in the reader's language.

The PDF is written with fpdf2 (pure Python, kept up, on fontTools): it embeds a TrueType font as a CIDFontType2
subset to the glyphs used, Identity-H with a ToUnicode map (the text can be searched and copied), and its tables
wrap long cells and repeat their headings across page breaks; ReportLab would need the tables built by hand from
its lower layers for the same. The font is the project's own subset of Noto Sans CJK SC (OFL) under `fonts/`
(GB 2312 and the 通用规范汉字表; its README says how it was made): embedded in every PDF, so the transcript reads
the same on a machine without a Chinese font. No system font is ever read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import TextMode, WrapMode
from fpdf.fonts import FontFace

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


def status_names() -> dict[str, str]:
    return {"compliant": _("Compliant"), "on_track": _("On track"), "behind": _("Behind")}


def _workbook(out: io.BytesIO) -> Any:
    return xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})


def _table(sheet: Any, row: int, headers: list[str], rows: list[list[Any]], bold: Any) -> int:
    for col, header in enumerate(headers):
        sheet.write_string(row, col, header, bold)
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if isinstance(value, int | float):
                sheet.write_number(row + offset, col, value)
            else:
                sheet.write_string(row + offset, col, "" if value is None else str(value))
    return row + len(rows) + 2


def transcript_workbook(data: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    book = _workbook(out)
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet = book.add_worksheet(_("Transcript")[:31])
    teacher = data["teacher"]
    sheet.write_string(0, 0, _("Training transcript"), title)
    sheet.write_string(1, 0, f"{teacher['name']}  {teacher['teacher_no']}  {teacher['school']}")
    statuses = status_names()
    cycles = [
        [c["cycle"], c["required"], c["counted"], c["hours"], float(c["credits"]), c["missing"], statuses[c["status"]]]
        for c in data["cycles"]
    ]
    row = _table(
        sheet,
        3,
        [
            _("Cycle"),
            _("Required hours"),
            _("Hours counted"),
            _("Hours approved"),
            _("Credits"),
            _("Missing"),
            _("Status"),
        ],
        cycles,
        bold,
    )
    claims = [
        [
            c["date"].isoformat(),
            c["cycle"],
            c["kind_name"],
            c["title"],
            c["provider"],
            c["level_name"],
            c["form_name"],
            c["hours"],
            float(c["credits"]) if c["credits"] is not None else None,
        ]
        for c in data["claims"]
    ]
    _table(
        sheet,
        row,
        [
            _("Date"),
            _("Cycle"),
            _("Kind"),
            _("Title"),
            _("Provider"),
            _("Category"),
            _("Form"),
            _("Hours"),
            _("Credits"),
        ],
        claims,
        bold,
    )
    sheet.set_column(0, 1, 12)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 4, 30)
    sheet.set_column(5, 8, 12)
    book.close()
    return out.getvalue()


def compliance_workbook(*, school: str, cycle: str, rows: list[dict[str, Any]]) -> bytes:
    out = io.BytesIO()
    book = _workbook(out)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Compliance")[:31])
    sheet.write_string(0, 0, f"{school}  {cycle}", bold)
    statuses = status_names()
    _table(
        sheet,
        2,
        [
            _("Teacher number"),
            _("Name"),
            _("Required hours"),
            _("Hours counted"),
            _("Hours approved"),
            _("Credits"),
            _("Missing"),
            _("Status"),
        ],
        [
            [
                r["teacher_no"],
                r["name"],
                r["required"],
                r["counted"],
                r["hours"],
                float(r["credits"]),
                r["missing"],
                statuses[r["status"]],
            ]
            for r in rows
        ],
        bold,
    )
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 7, 12)
    book.close()
    return out.getvalue()


FONT_FILE = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular-subset.ttf"
FONT = "NotoSansSC"
HEADING = FontFace(emphasis="", fill_color=(232, 232, 232))


class _TranscriptPdf(FPDF):
    """A4 portrait, the embedded font, and a footer naming the teacher and the page on every page."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", FONT_FILE)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.set_text_color(90)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, page, align="R")
        self.set_text_color(0)


def _section(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)


def _pdf_table(pdf: FPDF, widths: tuple[int, ...], aligns: tuple[str, ...], rows: list[list[str]]) -> None:
    with pdf.table(
        col_widths=widths,
        text_align=aligns,
        headings_style=HEADING,
        wrapmode=WrapMode.CHAR,  # Chinese has no spaces to break at
        line_height=5,
        padding=(1, 1.2),
        repeat_headings=1,
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)


def _number(value: Any) -> str:
    return "" if value is None else str(value)


def transcript_pdf(data: dict[str, Any]) -> bytes:
    """The transcript as an official record: title, the teacher, a table of the standing in each cycle (newest
    first), a table of every approved claim (oldest first), when it was generated; page n of m on each page."""
    teacher = data["teacher"]
    title = _("Teacher training record (credit bank)")
    pdf = _TranscriptPdf(f"{teacher['name']}  {teacher['teacher_no']}  {teacher['school']}")
    pdf.set_title(f"{title} - {teacher['name']}")
    pdf.set_lang(get_language() or "zh-hans")
    pdf.set_creator("TMIS")
    pdf.add_page()

    pdf.set_font(FONT, size=17)
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.25):  # one weight: stroked outline is bold
        pdf.cell(0, 11, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, size=10)
    name, number, school = (
        _("%(label)s:") % {"label": label} for label in (_("Name"), _("Teacher number"), _("School"))
    )
    label_width = max(pdf.get_string_width(label) for label in (name, number, school)) + 3
    pdf.cell(label_width, 6.5, name)
    pdf.cell(90 - label_width, 6.5, teacher["name"])
    pdf.cell(label_width, 6.5, number)
    pdf.cell(0, 6.5, teacher["teacher_no"], new_x="LMARGIN", new_y="NEXT")
    pdf.cell(label_width, 6.5, school)
    pdf.multi_cell(0, 6.5, teacher["school"], new_x="LMARGIN", new_y="NEXT")

    statuses = status_names()
    _section(pdf, _("Standing by cycle"))
    headings = [_("Cycle"), _("Required hours"), _("Hours counted"), _("Missing"), _("Credits"), _("Status")]
    cycles = [
        [c["cycle"], str(c["required"]), str(c["counted"]), str(c["missing"]), str(c["credits"]), statuses[c["status"]]]
        for c in data["cycles"]
    ]
    _pdf_table(pdf, (5, 4, 4, 4, 4, 4), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "CENTER"), [headings, *cycles])

    _section(pdf, _("Approved training"))
    if data["claims"]:
        headings = [
            _("Date"),
            _("Kind"),
            _("Title"),
            _("Provider"),
            _("Category"),
            _("Form"),
            _("Hours"),
            _("Credits"),
        ]
        claims = [
            [
                c["date"].isoformat(),
                c["kind_name"],
                c["title"],
                c["provider"],
                c["level_name"],
                c["form_name"],
                _number(c["hours"]),
                _number(c["credits"]),
            ]
            for c in data["claims"]
        ]
        aligns = ("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT")
        _pdf_table(pdf, (21, 18, 44, 32, 16, 16, 11, 12), aligns, [headings, *claims])
    else:
        pdf.cell(0, 6, _("No approved training yet."), new_x="LMARGIN", new_y="NEXT")

    pdf.ln(5)
    pdf.set_font(FONT, size=9)
    generated = timezone.localtime(data["generated_at"]).strftime("%Y-%m-%d %H:%M")
    pdf.cell(0, 6, _("Generated at %(time)s") % {"time": generated}, align="R")
    return bytes(pdf.output())
