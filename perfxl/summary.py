"""The reviewer's summary workbook ``校验汇总.xlsx``: one row per file, rule counts, grade chart.

A new file, so openpyxl is the right tool (DESIGN.md keeps it away only from rewriting the
departments' workbooks).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from perfxl.batch import SUMMARY_NAME
from perfxl.errors import FILE_ERRORS
from perfxl.findings import SEVERITY_NAMES, BatchReport, WorkbookReport
from perfxl.model import FORM_KIND_NAMES

GRADES = ("优", "良", "中", "差")
NO_GRADE = "无评分"
STATUS_NAMES = {"ok": "通过", "warnings": "有警告", "errors": "有错误", "error": "无法读取"}
_STATUS_FILLS = {"通过": "C6EFCE", "有警告": "FFEB9C", "有错误": "FFC7CE", "无法读取": "D9D9D9"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

FILE_COLUMNS = [("文件", 48), ("单位", 28), ("表种", 26), ("状态", 10), ("得分", 8), ("等级", 6),
                ("错误数", 8), ("警告数", 8), ("批注副本", 14), ("说明", 60)]


def write_summary(report: BatchReport, out_dir: Path, roots: dict[str, Path] | None = None) -> Path:
    """Write ``out_dir/校验汇总.xlsx`` and return its path.

    ``roots`` maps a report's path to the folder it was found under, to show short relative
    names (as ``discover`` gives them); without it the paths are shown as given.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / SUMMARY_NAME
    wb = Workbook()
    _files_sheet(wb.active, report, out_dir, roots or {})
    _rules_sheet(wb.create_sheet("规则统计"), report)
    _grades_sheet(wb.create_sheet("等级分布"), report)
    tmp = target.with_name(f".{target.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, target)  # a reader never sees a half-written summary
    return target


def file_status(r: WorkbookReport) -> str:
    if r.error:
        return STATUS_NAMES["error"]
    counts = r.counts()
    if counts.get("error"):
        return STATUS_NAMES["errors"]
    return STATUS_NAMES["warnings"] if counts.get("warning") else STATUS_NAMES["ok"]


def _header(ws, columns: list[tuple[str, int]]) -> None:
    for c, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"


def _display_path(path: str, roots: dict[str, Path]) -> str:
    root = roots.get(path)
    if root is not None:
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            pass
    return path


def _files_sheet(ws, report: BatchReport, out_dir: Path, roots: dict[str, Path]) -> None:
    ws.title = "汇总"
    _header(ws, FILE_COLUMNS)
    for row, r in enumerate(report.files, start=2):
        counts = r.counts()
        status = file_status(r)
        values = [
            _display_path(r.path, roots),
            r.unit,
            "、".join(dict.fromkeys(FORM_KIND_NAMES.get(f.form, f.form) for f in r.forms)) or None,
            status,
            r.score,
            r.grade,
            counts.get("error", 0),
            counts.get("warning", 0),
            None,
            r.error,
        ]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        ws.cell(row=row, column=4).fill = PatternFill("solid", fgColor=_STATUS_FILLS[status])
        if r.annotated:
            link = ws.cell(row=row, column=9, value="打开")
            link.hyperlink = _relative_link(r.annotated, out_dir)
            link.style = "Hyperlink"
    last = max(1, len(report.files) + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FILE_COLUMNS))}{last}"


def _relative_link(annotated: str, out_dir: Path) -> str:
    # Relative links keep working when the reviewer moves or zips the whole output folder.
    try:
        rel = os.path.relpath(annotated, out_dir)
    except ValueError:  # another drive on Windows
        return Path(annotated).resolve().as_uri()
    return rel.replace(os.sep, "/")


def _error_code(r: WorkbookReport) -> str | None:
    code = (r.error or "").split(" ", 1)[0]
    return code if code in FILE_ERRORS else ("PX9xx" if r.error else None)


def _rules_sheet(ws, report: BatchReport) -> None:
    _header(ws, [("规则", 10), ("级别", 8), ("出现次数", 10), ("涉及文件数", 12), ("示例说明", 70)])
    hits: Counter = Counter()
    files: Counter = Counter()
    example: dict[tuple[str, str], str] = {}
    for r in report.files:
        seen = set()
        items = [(f.rule, f.severity, f.message) for f in r.findings]
        code = _error_code(r)
        if code:
            items.append((code, "error", r.error or ""))
        for rule, severity, message in items:
            key = (rule, severity)
            hits[key] += 1
            example.setdefault(key, message)
            if key not in seen:
                seen.add(key)
                files[key] += 1
    order = {"error": 0, "warning": 1, "info": 2}
    keys = sorted(hits, key=lambda k: (order.get(k[1], 9), -hits[k], k[0]))
    for row, key in enumerate(keys, start=2):
        rule, severity = key
        values = [rule, SEVERITY_NAMES.get(severity, severity), hits[key], files[key], example[key]]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    ws.auto_filter.ref = f"A1:E{max(1, len(keys) + 1)}"


def _grades_sheet(ws, report: BatchReport) -> None:
    _header(ws, [("等级", 10), ("文件数", 10)])
    counts = Counter(r.grade if r.grade in GRADES else NO_GRADE for r in report.files)
    labels = [*GRADES, NO_GRADE]
    for row, grade in enumerate(labels, start=2):
        ws.cell(row=row, column=1, value=grade)
        ws.cell(row=row, column=2, value=counts.get(grade, 0))
    chart = BarChart()
    chart.type = "col"
    chart.title = "等级分布"
    chart.y_axis.title = "文件数"
    chart.x_axis.title = "等级"
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=1, max_row=len(labels) + 1)
    cats = Reference(ws, min_col=1, min_row=2, max_row=len(labels) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.width, chart.height = 16, 9
    ws.add_chart(chart, "D2")
