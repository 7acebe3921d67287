"""Odd and hostile workbooks through the whole check: each gets findings or a one-line reason,
nothing crashes and nothing is written half (issue: bulk checks of untrusted folders)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from perfxl.engine import CheckOptions, check_file

HEADING = ["一级指标", "二级指标", "三级指标", "指标值"]


def test_a_100k_row_sheet_is_read_and_checked(tmp_path):
    path = tmp_path / "十万行.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("表")
    ws.write_row(0, 0, ["部门整体支出绩效目标表"])
    ws.write_row(1, 0, ["（2024年度）"])
    ws.write_row(2, 0, HEADING)
    for r in range(3, 100_003):
        ws.write_row(r, 0, ["产出指标", "数量指标", f"培训场次{r}", "≥1场"])
    wb.close()
    report = check_file(path)
    assert report.error is None
    assert report.form == "dept_target"


def test_thousands_of_merged_ranges(tmp_path):
    path = tmp_path / "合并单元格.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    ws.write_row(0, 0, ["部门整体支出绩效目标表"])
    ws.write_row(1, 0, HEADING)
    for r in range(2, 8002, 2):
        ws.merge_range(r, 0, r + 1, 0, "产出指标")
        ws.merge_range(r, 1, r + 1, 1, "数量指标")
        ws.write_row(r, 2, [f"指标{r}", "≥1次"])
        ws.write_row(r + 1, 2, [f"指标{r}b", "2次"])
    wb.close()
    report = check_file(path)
    assert report.error is None and report.form == "dept_target"
    # every second row lacks its sign, and each finding points at its own cell
    missing = [f for f in report.findings if f.rule == "PX407"]
    assert len(missing) == 4000 and missing[0].cell == "D4"


def test_external_links_are_reported_and_never_fetched(tmp_path):
    plain = tmp_path / "plain.xlsx"
    wb = xlsxwriter.Workbook(str(plain))
    ws = wb.add_worksheet("表")
    ws.write_row(0, 0, HEADING)
    ws.write_row(1, 0, ["产出指标", "数量指标", "培训场次", "≥1场"])
    wb.close()
    path = tmp_path / "外部链接.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
        dst.writestr("xl/externalLinks/_rels/externalLink1.xml.rels",
                     '<Relationships><Relationship Id="rId1" Target="http://10.255.255.1/budget.xlsx" '
                     'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                     'externalLinkPath" TargetMode="External"/></Relationships>')
    report = check_file(path)
    assert report.error is None
    infos = [f for f in report.findings if f.rule == "PX912"]
    assert infos and infos[0].severity == "info"


def test_a_locked_file_gets_a_clear_reason(tmp_path, monkeypatch):
    path = tmp_path / "被占用.xlsx"
    path.write_bytes(b"PK")

    def locked(*args, **kwargs):
        raise PermissionError(13, "另一个程序正在使用此文件", str(path))

    monkeypatch.setattr("perfxl.workbook.files.open_workbook_source", locked)
    report = check_file(path)
    assert report.status == "error" and report.error.startswith("PX913")


def test_an_unannotatable_file_is_reported_and_nothing_half_written(tmp_path, monkeypatch):
    src = Path(__file__).resolve().parents[1] / "samples" / "002_wuwei_selfeval_and_dept.xlsx"
    out = tmp_path / "out"

    def boom(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr("perfxl.writeback.annotate_workbook", boom)
    report = check_file(src, CheckOptions(out=str(out)))
    assert report.annotated is None
    assert any(f.rule == "PX914" for f in report.findings)
    assert not any(out.rglob("*.xlsx"))


def test_a_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))  # compresses ~1000:1
    report = check_file(path)
    assert report.status == "error" and report.error.startswith("PX908")


@pytest.mark.parametrize("error_value", ["#DIV/0!", "#REF!"])
def test_formula_errors_do_not_crash_the_check(tmp_path, error_value):
    path = tmp_path / "公式错误.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    ws.write_row(0, 0, ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"])
    ws.write_row(1, 0, ["", "年度资金总额", 10, 0, 5])
    ws.write_formula("F2", "=E2/D2", None, error_value)
    ws.write_row(3, 0, ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.write_row(4, 0, ["", "产出指标", "数量指标", "培训场次", "≥2场", "2场", 90, 90])
    wb.close()
    report = check_file(path)
    assert report.error is None and report.form == "project_selfeval"
    errors = [f for f in report.findings if f.rule == "PX907"]
    assert [(f.sheet, f.cell, f.actual, f.severity) for f in errors] == [("表", "F2", error_value, "error")]
    assert error_value in errors[0].message
