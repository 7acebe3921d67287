"""The sheet writer shared by the four template layouts: styles, labels, inputs, validations.

Every label the reader looks for comes from ``perfxl.forms.specs``: ``spec_label`` refuses a label
whose normalised text is not one of the declared ones, so a template cannot drift from the reader.
Label cells are grey and locked, input cells white and unlocked, computed cells grey and locked;
the sheet is protected without a password. Validations are classic (no x14 extension), which WPS
and LibreOffice keep.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from perfxl.labels import norm

MONEY, PCT, SCORE, YEAR, INT, TEXT = "0.00", "0.00%", "0.00", "0", "0", "@"
VALUE_HINT = "填写：符号＋数值＋单位，如 ≥10000份、≤1.5万元、＝100%；定性指标填 健全、规范、达成 等。"

_THIN = Side(style="thin", color="FF000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = Font(name="宋体", size=10)
BOLD = Font(name="宋体", size=10, bold=True)
TITLE = Font(name="宋体", size=18, bold=True)
GREY = PatternFill("solid", fgColor="FFF2F2F2")
_HEAD = PatternFill("solid", fgColor="FFDDEBF7")
_CALC = PatternFill("solid", fgColor="FFEDEDED")
WRAP = {"wrap_text": True, "vertical": "center"}


def spec_label(group, key: str, shown: str | None = None) -> str:
    """The canonical label of ``key`` in a spec group, or ``shown`` if the reader accepts it."""
    if isinstance(group, dict):
        labels = group[key]
    else:
        labels = next(s.labels for s in group if s.key == key)
    if shown is None:
        return labels[0]
    if norm(shown) not in {norm(label) for label in labels}:
        raise ValueError(f"模板标签“{shown}”不在 {key} 的声明标签 {labels} 中")
    return shown


class SheetWriter:
    """Writes one form sheet and records the address of every input/formula cell by key."""

    def __init__(self, ws, widths: str):
        """``widths``: column widths from column A on, separated by spaces."""
        self.ws, self.cells, self._dvs = ws, {}, {}
        widths = widths.split()
        self.last_col = chr(64 + len(widths))
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = float(width)

    def put(self, ref: str, value, *, font=FONT, fill=None, align=None, fmt=None,
             locked=True, border=_BOX):
        first = ref.split(":")[0]
        cell = self.ws[first]
        cell.value = value
        cell.font = font
        cell.alignment = Alignment(**(align or {"horizontal": "center", **WRAP}))
        if fill is not None:
            cell.fill = fill
        if fmt:
            cell.number_format = fmt
        cell.protection = Protection(locked=locked)
        if border is not None:
            cell.border = border
        if ":" in ref:
            self.ws.merge_cells(ref)
        return first

    def label(self, ref, text, *, head=False, left=False):
        align = {"horizontal": "left" if left else "center", **WRAP}
        if head:  # two-line headings such as 单项分值（权重） need the room
            self.heights([self.ws[ref.split(":")[0]].row], 27)
        self.put(ref, text, font=BOLD if head else FONT, fill=_HEAD if head else GREY, align=align)

    def entry(self, ref, key, fmt=TEXT, *, left=True, prompt=None):
        align = {"horizontal": "left" if left else "right", **WRAP}
        self.cells[key] = self.put(ref, None, fmt=fmt, align=align, locked=False)
        if prompt:
            self.validate(ref, None, prompt=prompt)

    def calc(self, ref, key, formula, fmt=MONEY):
        self.cells[key] = self.put(ref, formula, fill=_CALC, fmt=fmt,
                                   align={"horizontal": "right", **WRAP})

    def fixed(self, ref, value, fmt=None):
        self.put(ref, value, fill=GREY, fmt=fmt)

    def text(self, ref, value, *, font=FONT, horizontal="center"):
        self.put(ref, value, font=font, align={"horizontal": horizontal, "vertical": "center"},
                 border=None)

    def title(self, text, row=1):
        self.text(f"A{row}:{self.last_col}{row}", text, font=TITLE)
        self.ws.row_dimensions[row].height = 36

    def year_line(self, label_ref, year_ref):
        """ "年度：| 2025": the reader takes the year from the cell right of a 年度 label."""
        self.text(label_ref, "年度：", font=BOLD, horizontal="right")
        self.cells["year"] = self.put(year_ref, None, font=BOLD, fmt=YEAR, locked=False)
        self.validate(year_ref, "whole", formula1="2000", formula2="2100",
                      prompt="填写四位年度，如 2025", error="年度应为 2000—2100 之间的四位数字")

    def unit_note(self, ref):
        self.text(ref, "金额单位：万元", horizontal="right")

    def heights(self, rows, height):
        for r in rows:
            self.ws.row_dimensions[r].height = height

    def validate(self, ref, kind, *, formula1=None, formula2=None, prompt=None, error=None):
        """Add ``ref`` to a shared classic validation (one per distinct rule)."""
        key = (kind, formula1, formula2, prompt, error)
        dv = self._dvs.get(key)
        if dv is None:
            dv = DataValidation(type=kind, formula1=formula1, formula2=formula2,
                                allow_blank=True, showInputMessage=bool(prompt), prompt=prompt,
                                showErrorMessage=kind is not None, error=error,
                                errorStyle="warning" if kind in ("list", "custom") else None,
                                operator="between" if formula2 else None)
            self._dvs[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)

    def choose(self, ref, options, error=None):
        formula = '"' + ",".join(options) + '"'
        if len(formula) > 255:  # Excel's limit for an inline list
            raise ValueError(f"下拉列表过长：{formula}")
        self.validate(ref, "list", formula1=formula,
                      error=error or "请从下拉列表中选择：" + "、".join(options))

    def indicators(self, top, blocks, columns, *, level2=None, table="ind", level1_col="A"):
        """Indicator rows under a heading row: 一级 pre-printed and merged per block.

        ``columns``: (column letter, key, number format). 二级 columns (keys ending in ``level2``)
        get the block's 二级 list (``level2`` maps the 一级 name to its list), value columns
        (targets and actuals) a prompt with the notation. Returns the row after the last block.
        """
        row, i = top, 0
        for name, count in blocks:
            last = row + count - 1
            self.label(f"{level1_col}{row}:{level1_col}{last}", name)
            for r in range(row, last + 1):
                i += 1
                self.cells[f"{table}.{i}.level1"] = f"{level1_col}{row}"
                for col, key, fmt in columns:
                    self.entry(f"{col}{r}", f"{table}.{i}.{key}", fmt, left=fmt == TEXT)
            for col, key, _ in columns:
                if key.endswith("level2") and level2 is not None:
                    self.choose(f"{col}{row}:{col}{last}", level2[name.split("（")[0]])
                elif key.endswith("target") or key == "actual":
                    self.validate(f"{col}{row}:{col}{last}", None, prompt=VALUE_HINT)
            row = last + 1
        self.heights(range(top, row), 30)
        return row

    def finish(self, header_rows, freeze, last_row, breaks=()):
        ws = self.ws
        ws.freeze_panes = freeze
        ws.print_title_rows = header_rows
        ws.print_area = f"A1:{self.last_col}{last_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5
        for r in breaks:
            ws.row_breaks.append(Break(id=r - 1))
        ws.sheet_view.showGridLines = False
        # Users may resize and insert rows; structure and labels stay locked.
        ws.protection.sheet = True
        ws.protection.formatRows = ws.protection.formatColumns = False
        ws.protection.insertRows = ws.protection.deleteRows = False
