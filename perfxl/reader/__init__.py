"""The label-anchored reader: workbook -> typed forms whose every value remembers its cell."""

from __future__ import annotations

from pathlib import Path

from perfxl.forms import dept_selfeval, dept_target, project_selfeval, project_target
from perfxl.forms.common import Context
from perfxl.model import Form, Workbook
from perfxl.reader.detect import classify
from perfxl.reader.sheet import SheetView
from perfxl.reader.tables import find_indicator_headings
from perfxl.workbook.base import SheetGrid, WorkbookSource

READERS = {
    "dept_target": dept_target.read,
    "project_target": project_target.read,
    "project_selfeval": project_selfeval.read,
    "dept_selfeval": dept_selfeval.read,
}
# sheets perfxl writes or reads as settings, never forms
RESERVED_SHEETS = ("校验结果", "perfxl.conf", "_perfxl", "perfxl_state")


def read_sheet(grid: SheetGrid) -> Form | None:
    """The form on one sheet, or None when the sheet holds no recognisable form."""
    view = SheetView(grid)
    headings = find_indicator_headings(view)
    kind = classify(view, headings)
    if kind is None:
        return None
    return READERS[kind](Context(view, headings))


def read_source(source: WorkbookSource) -> Workbook:
    wb = Workbook(path=source.path, sheets=list(source.sheet_names()))
    for name in wb.sheets:
        if name == "perfxl.conf":
            grid = source.grid(name)
            wb.settings_sheet = [[("" if v is None else str(v)) for v in row] for row in grid.rows]
            continue
        if name in RESERVED_SHEETS:
            continue
        form = read_sheet(source.grid(name))
        if form is not None:
            wb.forms.append(form)
    return wb


def read_workbook(path: str | Path, password: str | None = None) -> Workbook:
    """Read a workbook file (.xlsx/.xlsm/.xls). Raises ``PerfxlFileError`` for unreadable files."""
    from perfxl.workbook.files import open_workbook_source

    source = open_workbook_source(path, password=password)
    try:
        return read_source(source)
    finally:
        source.close()
