"""A workbook annotated in Excel (the add-in's perfxl_state record) and then checked on the
command line: the file path undoes the add-in's fills, scores, notes and 校验结果 sheet first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from perfxl.writeback import clear_annotations

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx"


def annotated_in_excel(path: Path) -> None:
    """What XlwingsWriter leaves: a red cell with a perfxl note, a blue score, 校验结果, perfxl_state."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["项目自评"]
    ws["F5"].fill = PatternFill("solid", fgColor="FFC7CE")
    ws["F5"].comment = Comment("perfxl:\nPX501 预算执行率的分值应为 10 分", "perfxl")
    ws["G5"].fill = PatternFill("solid", fgColor="FFEB9C")  # a yellow mark over the user's grey fill
    ws["I20"] = 9.5
    ws["I20"].font = Font(color="0070C0")
    res = wb.create_sheet("校验结果")
    res.append(["规则", "级别", "工作表", "单元格", "问题说明"])
    res.append(["PX501", "错误", "项目自评", "F5", "预算执行率的分值应为 10 分"])
    state = wb.create_sheet("perfxl_state")
    state.sheet_state = "veryHidden"
    for row in (["perfxl_state v1", "cell", "kind", "original", "written"],
                ["项目自评", "F5", "fill", None, None], ["项目自评", "F5", "note", None, None],
                ["项目自评", "G5", "fill", "#D9D9D9", None], ["项目自评", "I20", "score", None, 9.5]):
        state.append(row)
    wb.save(path)


def test_command_line_undoes_the_excel_annotations(tmp_path):
    src, dst = tmp_path / "excel.xlsx", tmp_path / "clean.xlsx"
    annotated_in_excel(src)
    clear_annotations(src, dst)
    wb = openpyxl.load_workbook(dst)
    assert "perfxl_state" not in wb.sheetnames and "校验结果" not in wb.sheetnames
    ws = wb["项目自评"]
    assert ws["F5"].fill.fill_type in (None, "none")
    assert ws["F5"].comment is None
    assert ws["G5"].fill.fgColor.rgb.upper().endswith("D9D9D9")  # the user's own grey is back
    assert ws["I20"].value is None
    assert ws["F5"].value == 100  # the user's values are untouched
