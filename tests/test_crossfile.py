"""Cross-file checks (PX6, folder scope): forms of one unit in different files, reported on both."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from perfxl.check_command import check_paths
from perfxl.engine import CheckOptions

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx"


def split_sample(folder: Path) -> tuple[Path, Path]:
    """002 holds a project self-evaluation and the unit's 部门整体 table: one file each."""
    out = []
    for keep, name in (("项目自评", "项目自评.xlsx"), ("部门整体目标", "部门整体.xlsx")):
        wb = openpyxl.load_workbook(SAMPLE)
        for ws in list(wb.worksheets):
            if ws.title != keep:
                wb.remove(ws)
        wb.save(folder / name)
        out.append(folder / name)
    return out[0], out[1]


def _comments(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if "comments" in n and n.endswith(".xml"))


def test_contradicting_targets_in_two_files_are_reported_on_both(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    project, dept = split_sample(src)
    batch = check_paths([str(src)], CheckOptions(out=str(tmp_path / "out")), jobs=1, progress=False)
    by_name = {Path(r.path).name: r for r in batch.files}
    for name in ("项目自评.xlsx", "部门整体.xlsx"):
        cross = [f for f in by_name[name].findings if f.rule == "PX610"]
        assert cross, f"no cross-file finding on {name}"
    dept_cells = {f.cell for f in by_name["部门整体.xlsx"].findings if f.rule == "PX610"}
    project_cells = {f.cell for f in by_name["项目自评.xlsx"].findings if f.rule == "PX610"}
    assert "F31" in dept_cells  # 组织5-8家企业参加展会
    assert "E14" in project_cells  # 组织参展企业数 3-5家
    # the annotated copies carry them too (written after the folder pass)
    assert "PX610" in _comments(tmp_path / "out" / "项目自评.xlsx")
    assert "PX610" in _comments(tmp_path / "out" / "部门整体.xlsx")


def test_forms_of_different_units_are_not_compared(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    project, dept = split_sample(src)
    wb = openpyxl.load_workbook(dept)
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "市对外经济贸易发展服务中心":
                cell.value = "市图书馆"
    wb.save(dept)
    batch = check_paths([str(src)], CheckOptions(), jobs=1, progress=False)
    assert not [f for r in batch.files for f in r.findings if f.rule in ("PX609", "PX610", "PX611")]
