"""Legacy .xls: perfxl cannot edit the binary format in place, so it annotates an .xlsx copy.

The copy keeps every sheet's values and merged ranges (read with python-calamine); formatting of
the .xls is not carried over — the summary and the report say the copy is an .xlsx rendering.
"""

from __future__ import annotations

from pathlib import Path

from perfxl.workbook.base import col_letter


def xls_to_xlsx(src: str | Path, dst: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from perfxl.workbook.files import open_workbook_source

    source = open_workbook_source(src)
    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="center")
    try:
        for name in source.sheet_names():
            grid = source.grid(name)
            ws = wb.create_sheet(title=name[:31])
            for r, row in enumerate(grid.rows, start=1):
                for c, value in enumerate(row, start=1):
                    if value is not None and value != "":
                        cell = ws.cell(row=r, column=c, value=value)
                        if isinstance(value, str) and len(value) > 20:
                            cell.alignment = wrap
            for r0, c0, r1, c1 in grid.merged:
                if (r0, c0) != (r1, c1):
                    ws.merge_cells(f"{col_letter(c0)}{r0 + 1}:{col_letter(c1)}{r1 + 1}")
    finally:
        source.close()
    if not wb.sheetnames:
        wb.create_sheet("Sheet1")
    dst = Path(dst)
    wb.save(dst)
    return dst
