"""The 校验结果 sheet: a summary of each form at the top, then one row per finding with a link.

Built as text (it is a fresh part perfxl owns outright). Strings are written inline
(``t="inlineStr"``) so the workbook's shared-string table is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfxl.findings import SEVERITY_NAMES
from perfxl.model import FORM_KIND_NAMES
from perfxl.workbook.base import a1
from perfxl.writeback.comments import clean_text
from perfxl.writeback.styles import FILL_RGB, HEADER_RGB, LINK_RGB, StyleBook
from perfxl.writeback.xmlparts import MAIN, R

SHEET_NAME = "校验结果"
TITLE = "perfxl 校验结果"
COLUMNS = ("规则", "级别", "工作表", "单元格", "问题说明", "应为", "实际")
WIDTHS = (10, 7, 18, 9, 60, 16, 16)
LEVELS = SEVERITY_NAMES
FORM_NAMES = FORM_KIND_NAMES
# With many forms the summary grows; freezing more rows than this would hide the findings.
MAX_FROZEN_ROWS = 12
# what clean_text drops or escape replaces
_NEEDS_WORK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff&<>]")


@dataclass
class SheetStyles:
    title: int
    header: int
    text: int
    link: int
    error: int
    warning: int

    @classmethod
    def build(cls, book: StyleBook) -> "SheetStyles":
        return cls(
            title=book.derive(0, bold=True),
            header=book.derive(0, bold=True, fill_rgb=HEADER_RGB),
            text=book.derive(0, wrap=True),
            link=book.derive(0, font_rgb=LINK_RGB, underline=True),
            error=book.derive(0, fill_rgb=FILL_RGB["error"]),
            warning=book.derive(0, fill_rgb=FILL_RGB["warning"]),
        )


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, without importing it: that pulls in urllib.request and the
    email package, ~20 ms at the start of every batch worker."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def sheet_ref(sheet: str, cell: str) -> str:
    return "'" + sheet.replace("'", "''") + "'!" + cell


def build(plan, st: SheetStyles, sheet_names: set[str]) -> tuple[bytes, str]:
    """Worksheet XML of the 校验结果 sheet and its autofilter range (for the defined name)."""
    rows: list[str] = []
    links: list[str] = []

    def row(r: int, cells: list[tuple[object, int | None]], lines: int = 1) -> None:
        out = [_cell(r, c, v, s) for c, (v, s) in enumerate(cells) if v is not None or s]
        # wrapped messages need their row height set: neither Excel nor LibreOffice grows a row
        # written without one when the file is opened
        height = f' ht="{15 * lines}" customHeight="1"' if lines > 1 else ""
        rows.append(f'<row r="{r + 1}"{height}>{"".join(out)}</row>')

    r = 0
    row(r, [(TITLE, st.title)])
    r += 1
    counts = {k: 0 for k in LEVELS}
    for f in plan.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    row(r, [("错误 {0} 条，警告 {1} 条，提示 {2} 条".format(counts["error"], counts["warning"],
                                                     counts["info"]), None)])
    r += 1
    if plan.summary:
        # 表类型 sits under the wide 问题说明 column so the Chinese form names show in full
        row(r, [(h, st.header) for h in ("工作表", "", "", "", "表类型", "得分", "等级")])
        r += 1
        for sheet, kind, score, grade in plan.summary:
            row(r, [(sheet, None), (None, None), (None, None), (None, None),
                    (FORM_NAMES.get(kind, kind), None), (score, None), (grade, None)])
            r += 1
    r += 1
    header = r
    row(r, [(h, st.header) for h in COLUMNS])
    r += 1
    if not plan.findings:
        row(r, [("未发现问题", None)])
        r += 1
    for f in plan.findings:
        level_style = {"error": st.error, "warning": st.warning}.get(f.severity)
        linked = bool(f.cell) and f.sheet in sheet_names
        row(r, [(f.rule, None), (LEVELS.get(f.severity, f.severity), level_style), (f.sheet, None),
                (f.cell or None, st.link if linked else None), (f.message, st.text),
                (f.expected, None), (f.actual, None)], lines=_lines(f.message, WIDTHS[4]))
        if linked:
            target = escape(sheet_ref(f.sheet, f.cell)).replace('"', "&quot;")
            links.append(f'<hyperlink ref="{a1(r, 3)}" location="{target}" display="{escape(f.cell)}"/>')
        r += 1
    last = max(r - 1, header + 1)
    filter_ref = f"A{header + 1}:G{last + 1}"
    frozen = header + 1
    pane = ""
    if frozen <= MAX_FROZEN_ROWS:
        pane = (f'<pane ySplit="{frozen}" topLeftCell="A{frozen + 1}" activePane="bottomLeft" '
                f'state="frozen"/><selection pane="bottomLeft" activeCell="A{frozen + 1}" '
                f'sqref="A{frozen + 1}"/>')
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(WIDTHS))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{R}">'
        f'<dimension ref="A1:G{max(r, 1)}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f'<sheetData>{"".join(rows)}</sheetData>'
        f'<autoFilter ref="{filter_ref}"/>'
        + (f'<hyperlinks>{"".join(links)}</hyperlinks>' if links else "")
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    return xml.encode("utf-8"), filter_ref


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (a CJK character is two)."""
    # a CJK character is 3 bytes in UTF-8 and two units wide, ASCII one byte and one unit
    units = len(text) + (len(text.encode("utf-8")) - len(text)) // 2
    return max(1, min(8, -(-units // max(1, int(width - 2)))))


def _cell(r: int, c: int, value: object, style: int | None) -> str:
    ref = a1(r, c)
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, str) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return (f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_xml_text(str(value))}</t>'
                "</is></c>")
    return f'<c r="{ref}"{s}><v>{number_text(value)}</v></c>'


def _xml_text(text: str) -> str:
    """``text`` as XML character data; most texts need neither escaping nor cleaning."""
    return escape(clean_text(text)) if _NEEDS_WORK.search(text) else text


def number_text(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def text_row(r: int, values: list[str]) -> str:
    """A <row> of unstyled text cells, empty values left out: what ``_cell`` writes for each, put
    together without a call per cell (the _perfxl record is ten columns of text a cell)."""
    return f'<row r="{r + 1}">' + "".join(
        f'<c r="{a1(r, c)}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(v)}</t></is></c>'
        for c, v in enumerate(values) if v) + "</row>"


