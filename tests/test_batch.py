"""Bulk runs: discovery, isolation of bad files (crash, time-out, killed worker), order, summary."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from perfxl.batch import discover, run_batch
from perfxl.report_text import tally
from perfxl.errors import PerfxlFileError
from perfxl.findings import BatchReport, Finding, FormReport, WorkbookReport
from perfxl.summary import write_summary
from perfxl.workbook.files import open_workbook_source

# --------------------------------------------------------------------------------------------
# Per-file functions standing in for the engine (module level: workers import them by name).


def read_worker(path: str) -> WorkbookReport:
    """Read every grid; grade by the value in B2 so that reports differ from file to file."""
    name = Path(path).name
    if "崩溃" in name:
        raise ValueError("模拟的检查错误")
    if "慢" in name:
        time.sleep(60)
    if "段错误" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "内存" in name:
        _ = bytearray(8 * 1024**3)  # over the worker's address-space cap: MemoryError
    if "删除者" in name:
        Path(path).with_name("被删.xlsx").unlink()
    with open_workbook_source(path) as src:
        grids = [src.grid(n) for n in src.sheet_names()]
    score = grids[0].get(1, 1)
    findings = []
    if isinstance(score, (int, float)) and score < 60:
        findings.append(Finding("PX501", "error", grids[0].name, "B2", "得分低于 60", "≥60",
                                str(score)))
    elif isinstance(score, (int, float)) and score < 80:
        findings.append(Finding("PX402", "warning", grids[0].name, "B2", "指标值偏低"))
    grade = None if not isinstance(score, (int, float)) else (
        "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差")
    form = FormReport(grids[0].name, "dept_target", findings, float(score) if grade else None,
                      grade)
    report = WorkbookReport(path=path, forms=[form])
    report.unit = f"单位{score:g}"  # the lead adds `unit` to WorkbookReport; see summary
    return report


def gc_worker(path: str) -> WorkbookReport:
    import gc

    report = WorkbookReport(path=path)
    report.unit = repr(gc.get_threshold())
    return report


def open_only_worker(path: str) -> WorkbookReport:
    with open(path, "rb") as fh:  # a raw open: FileNotFoundError reaches the runner
        fh.read(4)
    return WorkbookReport(path=path)


def _book(path: Path, score: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("目标表")
    ws.write("A2", "得分")
    ws.write("B2", score)
    ws.merge_range("A4:C5", "一级指标")
    wb.close()
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "收到的表"
    _book(root / "a好.xlsx", 95)
    _book(root / "b良.xlsx", 85)
    _book(root / "子目录" / "深层" / "c中.xlsx", 70)
    _book(root / "子目录" / "d差.xlsx", 40)
    _book(root / "测试 表(1).xlsx", 91)
    _book(root / "表😀.xlsx", 88)
    _book(root / "e崩溃.xlsx", 90)
    (root / "f伪装.xlsx").write_text("单位,得分\n甲,90\n", encoding="utf-8")
    _book(root / "~$a好.xlsx", 1)  # Excel lock file: skipped
    _book(root / "校验汇总.xlsx", 1)  # our own output: skipped
    (root / "说明.txt").write_text("不是工作簿")
    return root


def _names(batch: BatchReport) -> list[str]:
    return [Path(f.path).name for f in batch.files]


def test_discover_recursive_with_roots(folder):
    found = discover([str(folder)])
    rel = [str(f.relative_to(root)) for f, root in found]
    assert rel == ["a好.xlsx", "b良.xlsx", "e崩溃.xlsx", "f伪装.xlsx", "子目录/d差.xlsx",
                   "子目录/深层/c中.xlsx", "测试 表(1).xlsx", "表😀.xlsx"]
    assert all(root == folder for _, root in found)
    # a file named directly is kept (even missing), once
    single = discover([str(folder / "a好.xlsx"), str(folder), str(folder / "无.xlsx")])
    assert single[0] == (folder / "a好.xlsx", folder)
    assert len(single) == 9 and single[-1][0].name == "无.xlsx"


def test_batch_isolates_bad_files_in_order(folder):
    files = discover([str(folder)])
    batch = run_batch(files, read_worker, jobs=1, progress=False)
    assert [f.path for f in batch.files] == [str(f) for f, _ in files]
    by_name = {Path(f.path).name: f for f in batch.files}
    assert by_name["e崩溃.xlsx"].error.startswith("PX910")
    assert "ValueError" in by_name["e崩溃.xlsx"].error
    assert by_name["f伪装.xlsx"].error.startswith("PX902")
    assert by_name["测试 表(1).xlsx"].grade == "优"
    assert by_name["表😀.xlsx"].grade == "良"
    assert by_name["d差.xlsx"].has_errors
    assert batch.exit_code == 2
    # one wording for the CLI and the progress bar: a file with only a warning "有问题" too
    assert tally(batch, 1.25) == "共 8 个文件：通过 4，有问题 2，无法读取 2；错误 1 处，警告 1 处；用时 1.2 秒"


def test_jobs_2_gives_the_same_results(folder):
    files = discover([str(folder)])
    one = run_batch(files, read_worker, jobs=1, progress=False)
    two = run_batch(files, read_worker, jobs=2, progress=False)
    assert [f.to_dict() for f in one.files] == [f.to_dict() for f in two.files]


def test_timeout_kills_only_the_slow_file(tmp_path):
    files = [_book(tmp_path / "1.xlsx", 90), _book(tmp_path / "2慢.xlsx", 90),
             _book(tmp_path / "3.xlsx", 90)]
    t0 = time.perf_counter()
    batch = run_batch(files, read_worker, jobs=2, timeout=1.5, progress=False)
    assert time.perf_counter() - t0 < 20
    assert batch.files[1].error.startswith("PX909") and "1.5" in batch.files[1].error
    assert batch.files[0].grade == "优" and batch.files[2].grade == "优"


def test_the_file_queued_behind_a_timed_out_one_is_still_checked(tmp_path):
    # one worker holds two tasks at a time (perfxl.pool.PIPELINE_DEPTH): the second must not
    # share the first's fate, and its own clock starts only when the worker reaches it
    files = [_book(tmp_path / "1慢.xlsx", 90), _book(tmp_path / "2.xlsx", 70), _book(tmp_path / "3.xlsx", 50)]
    batch = run_batch(files, read_worker, jobs=1, timeout=1.5, progress=False)
    assert batch.files[0].error.startswith("PX909")
    assert [f.grade for f in batch.files[1:]] == ["中", "差"]


def test_killed_worker_is_replaced(tmp_path):
    files = [_book(tmp_path / "1段错误.xlsx", 90), _book(tmp_path / "2.xlsx", 90),
             _book(tmp_path / "3段错误.xlsx", 90), _book(tmp_path / "4.xlsx", 90)]
    batch = run_batch(files, read_worker, jobs=1, progress=False)
    assert batch.files[0].error.startswith("PX911") and "SIGSEGV" in batch.files[0].error
    assert batch.files[2].error.startswith("PX911")
    assert batch.files[1].grade == "优" and batch.files[3].grade == "优"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="address-space limits are POSIX")
def test_memory_cap(tmp_path):
    files = [_book(tmp_path / "1内存.xlsx", 90), _book(tmp_path / "2.xlsx", 90)]
    batch = run_batch(files, read_worker, jobs=1, progress=False, memory_limit=1024**3)
    assert batch.files[0].error.startswith("PX911")
    assert batch.files[1].grade == "优"


def test_file_deleted_mid_run(tmp_path):
    files = [_book(tmp_path / "1删除者.xlsx", 90), _book(tmp_path / "被删.xlsx", 90)]
    batch = run_batch(files, read_worker, jobs=1, progress=False)
    assert batch.files[1].error.startswith("PX913")
    # a worker that meets FileNotFoundError itself
    gone = tmp_path / "没了.xlsx"
    batch = run_batch([gone], open_only_worker, jobs=1, progress=False)
    assert batch.files[0].error.startswith("PX913")


def test_missing_from_the_start_is_px901(tmp_path):
    batch = run_batch([tmp_path / "无.xlsx"], read_worker, progress=False)
    assert batch.files[0].error.startswith("PX901")


def test_workers_collect_young_garbage_less_often(tmp_path):
    batch = run_batch([_book(tmp_path / "1.xlsx", 90)], gc_worker, jobs=1, progress=False)
    assert batch.files[0].unit == repr((10_000, 50, 100))


def test_empty_batch():
    assert run_batch([], read_worker, progress=False).files == []


def test_perfxl_error_raised_by_worker_is_its_line(tmp_path):
    batch = run_batch([tmp_path / "x.xlsx"], _raise_px904, progress=False)
    assert batch.files[0].error == PerfxlFileError("PX904", "密码不正确").line


def _raise_px904(path: str) -> WorkbookReport:
    raise PerfxlFileError("PX904", "密码不正确")


# --------------------------------------------------------------------------------------------
# summary workbook


def test_summary_workbook(folder, tmp_path):
    files = discover([str(folder)])
    batch = run_batch(files, read_worker, jobs=2, progress=False)
    out = tmp_path / "已校验"
    batch.files[0].annotated = str(out / "a好.xlsx")
    path = write_summary(batch, out, roots={str(f): r for f, r in files})
    assert path == out / "校验汇总.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "规则统计", "等级分布"]
    ws = wb["汇总"]
    header = [c.value for c in ws[1]]
    assert header[:9] == ["文件", "单位", "表种", "状态", "得分", "等级", "错误数", "警告数",
                          "批注副本"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["a好.xlsx"][1:6] == ("单位95", "部门整体支出绩效目标表", "通过", 95, "优")
    assert rows["子目录/d差.xlsx"][3] == "有错误" and rows["子目录/d差.xlsx"][6] == 1
    assert rows["f伪装.xlsx"][3] == "无法读取" and rows["f伪装.xlsx"][9].startswith("PX902")
    assert ws["I2"].hyperlink.target == "a好.xlsx"
    rules = {r[0]: r for r in wb["规则统计"].iter_rows(min_row=2, values_only=True)}
    assert rules["PX501"][1:4] == ("错误", 1, 1)
    assert rules["PX910"][2] == 1 and rules["PX902"][2] == 1
    grades = wb["等级分布"]
    assert [tuple(r) for r in grades.iter_rows(min_row=2, values_only=True)] == [
        ("优", 2), ("良", 2), ("中", 1), ("差", 1), ("无评分", 2)]
    assert len(grades._charts) == 1  # openpyxl reads charts back


def test_findings_cross_the_process_boundary_whole():
    # Finding.__reduce__ stands in for dataclasses' slotted state: every field, None or not,
    # comes back, and the copy is still frozen
    import dataclasses
    import pickle

    for f in (Finding("PX201", "error", "目标表", "B3", "消息", "≥95%", "90%", "dept_target"),
              Finding("PX912", "info", "", "", "外部链接")):
        back = pickle.loads(pickle.dumps(f))
        assert back == f and type(back) is Finding
        assert [getattr(back, x.name) for x in dataclasses.fields(Finding)] == \
               [getattr(f, x.name) for x in dataclasses.fields(Finding)]
        with pytest.raises(dataclasses.FrozenInstanceError):
            back.rule = "PX000"
