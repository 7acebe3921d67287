"""Workbooks for the write-back tests and benchmark, built with xlsxwriter.

``rich_workbook`` holds everything an openpyxl round trip is known to lose: an image, a chart,
a text box, a sized user comment, conditional formatting, a dropdown whose list lives on another
sheet, defined names and formulas with cached values. ``typical_form`` is the benchmark's form:
~120 rows, ~90 merged ranges, 3 sheets.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter

from perfxl.findings import Finding
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite

SITE_XLSM = Path(xlsxwriter.__file__).parent.parent / "xlwings" / "quickstart.xlsm"


def tiny_png(size: int = 4) -> bytes:
    """A size×size red PNG, made by hand so the tests need no image library."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def vba_project(tmp: Path) -> Path:
    """vbaProject.bin taken from an .xlsm shipped in site-packages (xlwings' quickstart)."""
    out = tmp / "vbaProject.bin"
    with zipfile.ZipFile(SITE_XLSM) as zf:
        out.write_bytes(zf.read("xl/vbaProject.bin"))
    return out


def rich_workbook(path: Path, *, vba: Path | None = None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if vba is not None:
        wb.add_vba_project(str(vba))
    bold = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter"})
    money = wb.add_format({"num_format": "#,##0.00", "border": 1})
    boxed = wb.add_format({"border": 1})
    ws = wb.add_worksheet("目标表")
    lists = wb.add_worksheet("Lists")
    ws.merge_range("A1:E1", "部门整体支出绩效目标表", bold)
    ws.write_row("A3", ["项目", "年初预算", "调整", "合计", "得分"], bold)
    for i, (name, a, b) in enumerate([("基本支出", 100.5, 20), ("项目支出", 80.25, -5), ("其他", 12, 3)]):
        r = 3 + i
        ws.write(r, 0, name, boxed)
        ws.write_number(r, 1, a, money)
        ws.write_number(r, 2, b, money)
        ws.write_formula(r, 3, f"=B{r + 1}+C{r + 1}", money, a + b)
        ws.write_blank(r, 4, None, boxed)  # empty score cell with a border
    ws.write_formula("D7", "=SUM(D4:D6)", money, 210.75)
    ws.write("A7", "合计", boxed)
    ws.merge_range("A9:B10", "合并说明", boxed)
    ws.write("C9", "等级")
    ws.write_comment("C9", "用户自己的批注", {"author": "会计", "x_scale": 2.5, "y_scale": 1.5})
    ws.conditional_format("B4:B6", {"type": "cell", "criteria": ">", "value": 90,
                                    "format": wb.add_format({"font_color": "#9C0006"})})
    for i, v in enumerate(["优", "良", "中", "差"]):
        lists.write(i, 0, v)
    ws.data_validation("D9", {"validate": "list", "source": "=Lists!$A$1:$A$4"})
    wb.define_name("预算合计", "=目标表!$D$7")
    wb.define_name("Lists!本地名", "=Lists!$A$1")
    ws.insert_image("G3", "dot.png", {"image_data": io.BytesIO(tiny_png())})
    ws.insert_textbox("G10", "文本框内容", {"width": 160, "height": 40})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=目标表!$B$4:$B$6", "categories": "=目标表!$A$4:$A$6"})
    ws.insert_chart("G14", chart)
    wb.close()
    return path


def rich_plan() -> AnnotationPlan:
    marks = [
        CellMark("目标表", "D7", "error", "PX201 合计不等于各项之和（应为 211.75）"),
        CellMark("目标表", "B5", "warning", "PX204 调整幅度偏大"),
        CellMark("目标表", "B10", "error", "PX101 合并单元格内的值缺失"),  # inside A9:B10
        CellMark("目标表", "C9", "error", "PX503 等级与得分不符（应为 良）"),  # has a user comment
        CellMark("目标表", "A12", "warning", "PX102 缺少说明"),  # no such cell yet
        CellMark("目标表", "A4", "info", "PX401 提示：名称可更具体"),
    ]
    scores = [ScoreWrite("目标表", "E4", 18.5), ScoreWrite("目标表", "E5", 20),
              ScoreWrite("目标表", "F20", 7.25),  # neither row nor cell exists
              ScoreWrite("目标表", "B4", 99)]  # not empty: must not be overwritten
    findings = [Finding(m.cell and "PX" + m.comment[2:5], m.severity, m.sheet, m.cell, m.comment[6:],
                        "211.75" if m.cell == "D7" else None, "210.75" if m.cell == "D7" else None)
                for m in marks]
    findings.append(Finding("PX906", "info", "", "", "文件级提示"))
    return AnnotationPlan(marks=marks, scores=scores, findings=findings,
                          summary=[("目标表", "dept_target", 91.0, "优")])


def typical_form(path: Path, seed: int = 0) -> Path:
    """~120 rows, ~90 merged ranges over 3 sheets, the shape of a real target form."""
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    cell = wb.add_format({"border": 1, "text_wrap": True})
    num = wb.add_format({"border": 1, "num_format": "0.00"})
    for s, rows in enumerate((60, 40, 20)):
        ws = wb.add_worksheet(f"表{s + 1}")
        ws.merge_range(0, 0, 0, 7, f"项目支出绩效目标表 {seed}-{s}", head)
        ws.write_row(1, 0, ["一级指标", "二级指标", "三级指标", "指标值", "权重", "得分", "备注", "来源"], head)
        for r in range(2, rows):
            if r % 2 == 0 and r + 1 < rows:
                ws.merge_range(r, 0, r + 1, 0, "产出指标", cell)
            if r % 4 == 0 and r + 1 < rows:
                ws.merge_range(r, 6, r + 1, 7, "说明文字", cell)
            ws.write(r, 1, "数量指标", cell)
            ws.write(r, 2, f"完成数量{r}", cell)
            ws.write_number(r, 3, r * 1.5, num)
            ws.write_number(r, 4, 10, num)
            ws.write_blank(r, 5, None, num)
        ws.write_formula(rows, 4, f"=SUM(E3:E{rows})", num, 10 * (rows - 2))
    wb.close()
    return path


def typical_plan() -> AnnotationPlan:
    marks = [CellMark("表1", f"D{3 + 4 * i}", "error" if i % 2 else "warning",
                      f"PX20{i} 指标值与合计不符（应为 {i}.00）") for i in range(10)]
    scores = [ScoreWrite("表1", f"F{3 + i}", 8.5 + i) for i in range(3)]
    findings = [Finding(m.comment[:5], m.severity, m.sheet, m.cell, m.comment[6:]) for m in marks]
    return AnnotationPlan(marks=marks, scores=scores, findings=findings,
                          summary=[("表1", "project_target", 88.0, "良")])
