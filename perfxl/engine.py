"""The public API: check one workbook (file or live source), build its annotation plan, write it.

``check_source`` is the one engine both the file path and Excel (xlwings) drive; ``check_file`` adds
the file concerns (opening, PX9xx errors, annotated copies); ``run_check`` is the CLI's batch entry.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.config import Config, ConfigError, apply_waivers, load_config
from perfxl.errors import PerfxlFileError
from perfxl.findings import SEVERITY_RANK, Finding, FormReport, WorkbookReport
from perfxl.model import Form, Workbook
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite, WorkbookSource



@dataclass(frozen=True)
class CheckOptions:
    out: str | None = None  # folder for annotated copies
    in_place: bool = False
    config: str | None = None  # explicit config file
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    password: str | None = None
    roots: tuple[str, ...] = ()  # folders given on the command line (sub-paths below them are kept under --out)

    @property
    def annotate(self) -> bool:
        return bool(self.out) or self.in_place


@dataclass
class FormScore:
    total: float | None = None
    grade: str | None = None
    writes: list[ScoreWrite] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Judging one workbook


_CONFIGS: dict[tuple, tuple[float, Config]] = {}
_CONFIG_TTL = 5.0  # seconds: a bulk run reuses it, a long-lived Excel session still sees edits


def resolve_config(path: str | Path | None, options: CheckOptions) -> Config:
    """The configuration for a file: perfxl.toml / [tool.perfxl] found from its folder upwards,
    an explicit --config, then --select/--ignore. Finding it means walking up the folders and
    parsing pyproject.toml files, so it is kept per folder for a few seconds: a bulk run checks
    hundreds of files per folder. The folder is the one the file is in as named (a symlinked
    file takes the configuration of the folder it is listed in), and it is resolved only when
    the configuration is looked up: resolving costs more than the rest of a cache hit."""
    folder = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
    key = (folder, options.config, options.select, options.ignore)
    now = time.monotonic()
    cached = _CONFIGS.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    explicit = Path(options.config) if options.config else None
    config = load_config(Path(folder).resolve(), explicit).with_overrides(options.select, options.ignore)
    if len(_CONFIGS) > 1024:
        _CONFIGS.clear()
    _CONFIGS[key] = (now + _CONFIG_TTL, config)
    return config


def judge(wb: Workbook, config: Config) -> WorkbookReport:
    """Rules and scores for every form of a read workbook (no file access)."""
    from perfxl.rules.registry import run_rules, run_workbook_rules

    report = WorkbookReport(path=wb.path)
    if wb.settings_sheet:
        try:
            config = config.with_sheet(wb.settings_sheet)
        except ConfigError as exc:
            report.file_findings.append(Finding("PX917", "warning", "perfxl.conf", "A1", str(exc)))
    if not wb.forms:
        report.error = PerfxlFileError("PX906").line
        return report
    for form in wb.forms:
        fr = FormReport(sheet=form.sheet, form=form.kind, findings=run_rules(form, config))
        score = score_form(form, config)
        fr.score, fr.grade = score.total, score.grade
        fr.score_writes = score.writes
        report.forms.append(fr)
    cross = run_workbook_rules(wb.forms, config)
    for finding in cross:
        report.add(finding)
    if config.waivers:
        _waive(report, config)
    report.unit = _unit_of(wb.forms)
    return report


def _waive(report: WorkbookReport, config: Config) -> None:
    all_used: set[int] = set()
    for fr in report.forms:
        kept, unused = apply_waivers(fr.findings, config.waivers)
        fr.findings = kept
        all_used |= {id(w) for w in config.waivers} - {id(w) for w in unused}
    for w in config.waivers:
        if id(w) not in all_used:
            where = f"{w.sheet}!{w.cell}" if w.sheet else w.cell
            report.file_findings.append(Finding(
                "PX917", "warning", "perfxl.conf", f"A{w.row}",
                f"豁免 {w.code} {where} 没有对应的问题，可删除此行", expected=None, actual=f"{w.code} {where}"))


def _unit_of(forms: list[Form]) -> str | None:
    return next((form.unit for form in forms if form.unit), None)


def score_form(form: Form, config: Config) -> FormScore:
    """Official scores of a self-evaluation (none for target tables) and the empty cells to fill."""
    from perfxl import scoring

    if form.kind not in ("project_selfeval", "dept_selfeval"):
        return FormScore()
    result = scoring.score_selfeval(form, config.scoring)
    out = FormScore(total=result.total, grade=result.grade)
    for row in result.rows:
        f = row.indicator.score
        if f is not None and f.cell and not f.raw.strip() and row.expected_score is not None:
            out.writes.append(ScoreWrite(f.sheet, f.cell, row.expected_score))
    if form.kind == "project_selfeval":
        total_line = scoring.fund_total_line(form)
        bf = total_line.values.get("score") if total_line else None
        if bf is not None and bf.cell and not bf.raw.strip() and result.budget_score is not None:
            out.writes.append(ScoreWrite(bf.sheet, bf.cell, result.budget_score))
        tf = form.get("total_score")
        if tf is not None and tf.cell and not tf.raw.strip() and result.total is not None:
            out.writes.append(ScoreWrite(tf.sheet, tf.cell, result.total))
    return out


def plan_for(report: WorkbookReport) -> AnnotationPlan:
    """What write-back does: one mark per flagged cell (worst severity, all messages), score writes."""
    plan = AnnotationPlan(findings=report.findings)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        if f.cell and f.sheet and f.sheet != "perfxl.conf":
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, cell), findings in by_cell.items():
        findings.sort(key=lambda f: (SEVERITY_RANK.get(f.severity, 3), f.rule))
        plan.marks.append(CellMark(sheet, cell, findings[0].severity, "\n".join(comment_line(f) for f in findings)))
    for fr in report.forms:
        plan.scores.extend(fr.score_writes)
        plan.summary.append((fr.sheet, fr.form, fr.score, fr.grade))
    return plan


def comment_line(f: Finding) -> str:
    text = f"{f.rule} {f.message}"
    if f.expected and f.expected not in f.message:
        text += f"（应为 {f.expected}）"
    return text


def check_source(source: WorkbookSource, config: Config | None = None) -> tuple[WorkbookReport, AnnotationPlan]:
    """Read and judge any workbook source (a file, live Excel, memory) — the engine of both paths."""
    from perfxl.reader import read_source

    report = judge(read_source(source), config or Config())
    return report, plan_for(report)


# ----------------------------------------------------------------------------------------------
# Files


def output_path(path: str | Path, options: CheckOptions) -> Path | None:
    """Where the annotated copy goes: --out keeps the sub-path below the folder given; .xls -> .xlsx."""
    p = Path(path)
    if options.in_place:
        return p if p.suffix.lower() != ".xls" else p.with_suffix(".xlsx")
    if not options.out:
        return None
    rel = Path(p.name)
    if options.roots:
        resolved = p.resolve()
        for root in options.roots:
            try:
                rel = resolved.relative_to(_resolved_root(root))
                break
            except ValueError:
                continue
    dst = Path(options.out) / rel
    return dst.with_suffix(".xlsx") if dst.suffix.lower() == ".xls" else dst


@functools.lru_cache(maxsize=64)
def _resolved_root(root: str) -> Path:
    """A command-line folder, resolved once per run rather than once per file."""
    return Path(root).resolve()


def check_file(path: str | Path, options: CheckOptions | None = None) -> WorkbookReport:
    """Check one file; never raises for a bad file (the report carries a PX9xx error instead)."""
    from perfxl.workbook.files import open_workbook_source

    options = options or CheckOptions()
    path = str(path)
    try:
        config = resolve_config(path, options)
    except ConfigError as exc:
        return WorkbookReport(path=path, error=f"PX917 配置错误：{exc}")
    from perfxl.reader import read_source

    try:
        source = open_workbook_source(path, password=options.password)
        try:
            report = judge(read_source(source), config)
            links = source.external_links()
            errors = source.formula_errors()
            read = source.package_bytes() if options.annotate else None
        finally:
            source.close()
        report.path = path
        for name in links:  # never fetched: untrusted input
            report.file_findings.append(Finding("PX912", "info", "", "", f"工作簿含外部链接（未读取外部数据）：{name}"))
        if errors and report.error is None:
            _add_formula_errors(report, errors)
    except PerfxlFileError as exc:
        return WorkbookReport(path=path, error=exc.line)
    except MemoryError:
        return WorkbookReport(path=path, error=PerfxlFileError("PX911", "读取时内存不足").line)
    except OSError as exc:
        return WorkbookReport(path=path, error=PerfxlFileError("PX913", str(exc)).line)
    if options.annotate and report.error is None:  # the plan only when something is written
        _annotate(path, report, plan_for(report), options, read)
    return report


def _add_formula_errors(report: WorkbookReport, errors: dict[str, list[tuple[str, str]]]) -> None:
    """PX907: a formula whose result is an error; the rules saw that cell as blank."""
    for sheet, cells in errors.items():
        for cell, value in cells:
            report.add(Finding("PX907", "error", sheet, cell, f"单元格含公式错误 {value}，请检查公式引用",
                               expected="有效数值", actual=value))


def _annotate(path: str, report: WorkbookReport, plan: AnnotationPlan, options: CheckOptions,
              read: tuple[bytes, dict[str, bytes]] | None = None) -> None:
    from perfxl.writeback import annotate_workbook

    dst = output_path(path, options)
    if dst is None:
        return
    try:
        if Path(path).suffix.lower() == ".xls":
            _annotate_legacy(path, dst, plan)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            # a re-run replaces the copies of the run before: their disk is freed in the background
            annotate_workbook(path, dst, plan, read=read, background_delete=True)
        report.annotated = str(dst)
    except PerfxlFileError as exc:
        report.file_findings.append(Finding(exc.code, "warning", "", "", exc.message))
    except OSError as exc:
        report.file_findings.append(Finding("PX914", "warning", "", "", PerfxlFileError("PX914", str(exc)).message))


def _annotate_legacy(path: str, dst: Path, plan: AnnotationPlan) -> None:
    """A legacy .xls gets an .xlsx copy: convert its values and merges, then annotate that copy."""
    from perfxl.workbook.legacy import xls_to_xlsx
    from perfxl.writeback import annotate_workbook

    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.stem + ".perfxl-tmp.xlsx")
    try:
        xls_to_xlsx(path, tmp)
        annotate_workbook(tmp, dst, plan, background_delete=True)
    finally:
        if tmp.exists():
            os.unlink(tmp)
