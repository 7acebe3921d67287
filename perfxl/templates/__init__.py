"""Standard blank workbooks (模板) for the four form kinds, written from the field declarations.

``build_template(kind)`` returns an openpyxl workbook: the form sheet (named after the form) and a
``填表说明`` sheet. ``write_template`` saves it deterministically (fixed document times and zip
timestamps), so regenerating gives the same bytes. ``template_cells(kind)`` maps stable keys to
the input and formula cells, for scripts and tests that fill a template. ``template_command`` is
what ``perfxl template KIND [-o FILE]`` calls.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from perfxl.model import FORM_KIND_NAMES, FORM_KINDS
from perfxl.templates.layouts import BUILDERS
from perfxl.templates.notes import add_notes_sheet
from perfxl.templates.sheet import SheetWriter

__all__ = ["build_template", "template_cells", "write_template", "save_workbook",
           "template_command", "FIXED_TIME"]

# A fixed timestamp keeps regenerated templates identical to the checked-in ones.
FIXED_TIME = datetime.datetime(2025, 1, 1, 0, 0, 0)
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def _unknown(kind: str) -> str:
    valid = "、".join(f"{k}（{FORM_KIND_NAMES[k]}）" for k in FORM_KINDS)
    return f"未知的表格类型“{kind}”，可选：{valid}"


def _build(kind: str) -> tuple[Workbook, dict[str, str]]:
    if kind not in BUILDERS:
        raise ValueError(_unknown(kind))
    layout, widths = BUILDERS[kind]
    wb = Workbook()
    wb.security = None  # no empty <workbookProtection/>: only the sheets are protected
    ws = wb.active
    ws.title = FORM_KIND_NAMES[kind]
    sheet = SheetWriter(ws, widths)
    layout(sheet)
    add_notes_sheet(wb, kind)
    props = wb.properties
    props.creator = props.lastModifiedBy = "perfxl"
    props.created = props.modified = FIXED_TIME
    props.title = FORM_KIND_NAMES[kind]
    return wb, sheet.cells


def build_template(kind: str) -> Workbook:
    """A blank standard workbook for ``kind`` (one of ``perfxl.model.FORM_KINDS``)."""
    return _build(kind)[0]


def template_cells(kind: str) -> dict[str, str]:
    """Key -> A1 address (on the form sheet) of every input and formula cell of a template.

    Scalar fields use the reader's keys (``year``, ``unit_name``, ``total_funds`` …); table rows
    are ``<table>.<n>.<column key>`` (``ind.3.level3``, ``funds.fiscal.full``, ``tasks.2.amount``);
    ``<table>.<n>.level1`` is the pre-printed (merged) 一级 cell of that row.
    """
    return _build(kind)[1]


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save with fixed document times and zip timestamps, so equal content gives equal bytes."""
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # openpyxl's save_workbook() would stamp the current time into docProps/core.xml
        ExcelWriter(wb, archive).write_data()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return path


def write_template(kind: str, path: str | Path) -> Path:
    """Write the blank ``kind`` template to ``path``; returns the path."""
    return save_workbook(build_template(kind), path)


def template_command(kind: str, out: str | Path | None = None) -> Path:
    """``perfxl template KIND [-o FILE]``: write a blank template and return the file written.

    ``kind`` is a kind id or the form's Chinese name; ``out`` a file, an existing folder (the file
    is then named after the form) or None (the current folder). An unknown kind raises
    ``ValueError`` whose message (Chinese) lists the valid kinds; the CLI maps it to exit code 2.
    """
    by_name = {name: k for k, name in FORM_KIND_NAMES.items()}
    kind = by_name.get(kind.strip(), kind.strip())
    if kind not in FORM_KINDS:
        raise ValueError(_unknown(kind))
    default = f"{FORM_KIND_NAMES[kind]}.xlsx"
    target = Path(out) if out is not None else Path(default)
    if target.is_dir():
        target = target / default
    elif target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    return write_template(kind, target)
