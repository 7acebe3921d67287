"""The readable text report of `perfxl check`: grouped by file and sheet, worst first."""

from __future__ import annotations

from perfxl.findings import SEVERITY_NAMES, BatchReport, WorkbookReport
from perfxl.model import FORM_KIND_NAMES

STATUS_NAMES = {"ok": "通过", "findings": "有问题", "error": "无法读取"}


def render_workbook(report: WorkbookReport) -> str:
    head = f"{report.path}"
    if report.error:
        return f"{head}\n  无法读取：{report.error}"
    counts = report.counts()
    kinds = "、".join(dict.fromkeys(FORM_KIND_NAMES.get(f.form, f.form) for f in report.forms))
    lines = [f"{head}  [{kinds}]  {STATUS_NAMES[report.status]}：错误 {counts['error']}，警告 {counts['warning']}，"
             f"提示 {counts['info']}"]
    for fr in report.forms:
        if fr.score is not None:
            lines.append(f"  工作表「{fr.sheet}」得分 {fr.score:.2f}，等级 {fr.grade or '—'}")
    current = None
    for f in report.findings:
        if f.sheet != current:
            current = f.sheet
            lines.append(f"  工作表「{f.sheet or '（整个文件）'}」")
        extra = []
        if f.expected is not None and f.expected not in f.message:
            extra.append(f"应为 {f.expected}")
        if f.actual is not None and f.actual not in f.message:
            extra.append(f"实际 {f.actual}")
        tail = f"（{'，'.join(extra)}）" if extra else ""
        lines.append(f"    {f.cell or '-':>6}  {SEVERITY_NAMES.get(f.severity, f.severity)}  {f.rule}  {f.message}{tail}")
    if report.annotated:
        lines.append(f"  已写出标注副本：{report.annotated}")
    return "\n".join(lines)


def tally(batch: BatchReport, seconds: float | None = None) -> str:
    """The closing line of a run, on the terminal (CLI and progress bar) alike:
    "共 8 个文件：通过 5，有问题 1，无法读取 2；错误 3 处，警告 1 处；用时 1.2 秒".
    A file "有问题" has any finding; errors and warnings are counted over all files."""
    n = len(batch.files)
    by_status = {"ok": 0, "findings": 0, "error": 0}
    errors = warnings = 0
    for r in batch.files:
        by_status[r.status] += 1
        c = r.counts()
        errors += c["error"]
        warnings += c["warning"]
    text = (f"共 {n} 个文件：通过 {by_status['ok']}，有问题 {by_status['findings']}，无法读取 {by_status['error']}；"
            f"错误 {errors} 处，警告 {warnings} 处")
    if seconds is not None:
        text += f"；用时 {seconds:.1f} 秒"
    return text
