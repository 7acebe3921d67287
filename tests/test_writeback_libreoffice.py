"""The annotated workbook in real applications: openpyxl's schema-aware reader and LibreOffice.

LibreOffice also rewrites the file the way an office suite does on save (renumbered styles,
shared strings, comment authors dropped); perfxl must still find and undo its annotations.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fixtures_writeback import rich_plan, rich_workbook, typical_form, typical_plan, vba_project
from perfxl.writeback import annotate_workbook, clear_annotations

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not on PATH: apt-get install libreoffice-calc"
)
RED, YELLOW, BLUE = "FFFFC7CE", "FFFFEB9C", "FF0070C0"


@pytest.fixture
def annotated(tmp_path) -> Path:
    src = rich_workbook(tmp_path / "src.xlsx")
    out = tmp_path / "annotated.xlsx"
    annotate_workbook(src, out, rich_plan())
    return out


def soffice(tmp_path: Path, src: Path, fmt: str) -> Path:
    outdir = tmp_path / f"lo-{fmt}"
    profile = tmp_path / "lo-profile"  # a private profile: parallel runs do not collide
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    return outdir / (src.stem + "." + fmt)


def test_openpyxl_sees_fills_comments_scores_and_links(annotated):
    wb = load_workbook(annotated)
    ws = wb["目标表"]
    assert ws["D7"].fill.fgColor.rgb == RED and ws["D7"].value == "=SUM(D4:D6)"
    assert ws["B5"].fill.fgColor.rgb == YELLOW
    assert ws["A9"].fill.fgColor.rgb == RED  # B10 lies in the merged range A9:B10
    assert ws["A4"].fill.fgColor.rgb != RED and "PX401" in ws["A4"].comment.text
    assert ws["D7"].comment.author == "perfxl" and "211.75" in ws["D7"].comment.text
    assert ws["C9"].comment.text == "用户自己的批注" and ws["C9"].comment.author == "会计"
    assert ws["E4"].value == 18.5 and ws["E4"].font.color.rgb == BLUE
    assert ws["F20"].value == 7.25
    assert wb.sheetnames[-2:] == ["校验结果", "_perfxl"]
    assert wb["_perfxl"].sheet_state == "veryHidden"
    res = wb["校验结果"]
    assert res.freeze_panes is not None and res.auto_filter.ref
    links = [c.hyperlink.location for row in res.iter_rows() for c in row if c.hyperlink]
    assert "'目标表'!D7" in links and len(links) == 6
    header = next(r for r in res.iter_rows(values_only=True) if r[0] == "规则")
    assert header == ("规则", "级别", "工作表", "单元格", "问题说明", "应为", "实际")


def test_openpyxl_loads_annotated_xlsm(tmp_path):
    src = rich_workbook(tmp_path / "m.xlsm", vba=vba_project(tmp_path))
    out = tmp_path / "m_out.xlsm"
    annotate_workbook(src, out, rich_plan())
    wb = load_workbook(out, keep_vba=True)
    assert wb.vba_archive is not None
    assert wb["目标表"]["D7"].fill.fgColor.rgb == RED


@needs_soffice
def test_libreoffice_renders_pdf(annotated, tmp_path):
    pdf = soffice(tmp_path, annotated, "pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000


@needs_soffice
def test_libreoffice_opens_form_that_had_no_comments(tmp_path):
    src = typical_form(tmp_path / "form.xlsx")
    out = tmp_path / "form_annotated.xlsx"
    annotate_workbook(src, out, typical_plan())
    saved = soffice(tmp_path, out, "xlsx")  # LibreOffice reads our new comment and VML parts
    ws = load_workbook(saved)["表1"]
    assert ws["D3"].comment is not None and "PX200" in ws["D3"].comment.text
    assert ws["F3"].value == 8.5


@needs_soffice
def test_annotations_undone_after_libreoffice_saved_the_file(annotated, tmp_path):
    saved = soffice(tmp_path, annotated, "xlsx")
    cleared = tmp_path / "cleared.xlsx"
    clear_annotations(saved, cleared)
    wb = load_workbook(cleared)
    assert wb.sheetnames == ["目标表", "Lists"]
    ws = wb["目标表"]
    for ref in ("D7", "B5", "A9", "A12"):
        assert ws[ref].fill.fgColor.rgb not in (RED, YELLOW), ref
        assert ws[ref].comment is None, ref
    assert ws["E4"].value is None and ws["F20"].value is None
    assert ws["C9"].comment is not None and "用户自己的批注" in ws["C9"].comment.text
    # and annotating the LibreOffice copy again does not pile up comments
    again = tmp_path / "again.xlsx"
    annotate_workbook(saved, again, rich_plan())
    ws = load_workbook(again)["目标表"]
    assert ws["D7"].fill.fgColor.rgb == RED and ws["D7"].comment.text.count("PX201") == 1
