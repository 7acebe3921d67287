"""Cross-file checks (PX6, folder scope): forms of one unit found in different files of a folder.

Workers return only reports (no grids, no forms) so the parent's memory stays flat. Here the parent
groups the readable files by unit and re-reads just the groups with two files or more — reading is
the cheap part — runs the folder-scope rules on them and, where an annotated copy was written,
annotates it again with the added findings (write-back is idempotent).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from perfxl.errors import PerfxlFileError
from perfxl.labels import norm
from perfxl.findings import BatchReport, WorkbookReport


def add_folder_findings(batch: BatchReport, options) -> None:
    from perfxl.engine import resolve_config
    from perfxl.reader import read_workbook
    from perfxl.rules.registry import run_folder_rules

    # only (index, unit) is kept per file: the reports may live on disk (perfxl.report_store)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, report in enumerate(batch.files):
        if report.error is None and report.unit:
            groups[norm(report.unit)].append(index)
    for indices in groups.values():
        if len(indices) < 2:
            continue
        reports = [batch.files[i] for i in indices]
        forms_by_file = {}
        for report in reports:
            try:
                forms_by_file[report.path] = read_workbook(report.path, password=options.password).forms
            except (PerfxlFileError, OSError):
                continue  # changed since the batch read it; its own row already says so
        if len(forms_by_file) < 2:
            continue
        config = resolve_config(reports[0].path, options)
        found = run_folder_rules(forms_by_file, config)
        for index, report in zip(indices, reports):
            extra = found.get(report.path, [])
            if not extra:
                continue
            for finding in extra:
                report.add(finding)
            if report.annotated:
                _reannotate(report)
            batch.files[index] = report  # written back: the store hands out copies


def _reannotate(report: WorkbookReport) -> None:
    from perfxl.engine import plan_for
    from perfxl.writeback import annotate_workbook

    dst = Path(report.annotated)
    try:
        annotate_workbook(dst, dst, plan_for(report))
    except (PerfxlFileError, OSError) as exc:
        report.file_findings.append(_note(exc))


def _note(exc: Exception):
    from perfxl.findings import Finding

    return Finding("PX914", "warning", "", "", f"跨文件问题未能写入标注副本：{exc}")
