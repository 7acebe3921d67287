"""Write-back loses nothing: parts perfxl does not own stay byte for byte, values, formulas,
cached values and user comments survive, re-annotating changes nothing, clearing restores."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from fixtures_writeback import rich_plan, rich_workbook, vba_project
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite
from perfxl.writeback import annotate_workbook, clear_annotations

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Parts perfxl may edit for a plan flagging only the first sheet (目标表 = sheet1.xml).
OWNED = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
         "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/comments1.xml",
         "xl/drawings/vmlDrawing1.vml"}
SCORES = {(3, 4): 18.5, (4, 4): 20.0, (19, 5): 7.25}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def grid(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def styled_cells(path: Path) -> dict[str, tuple]:
    from perfxl.writeback.styles import StyleBook
    from perfxl.writeback.xmlparts import XmlPart

    data = parts(path)
    book = StyleBook(XmlPart("xl/styles.xml", data["xl/styles.xml"]))
    root = etree.fromstring(data["xl/worksheets/sheet1.xml"])
    return {c.get("r"): (book.describe(int(c.get("s", "0"))), c.findtext(MAIN + "v"))
            for c in root.iter(MAIN + "c")}


def formulas(xml: bytes) -> list[tuple]:
    root = etree.fromstring(xml)
    return [(c.get("r"), c.findtext(MAIN + "f"), c.findtext(MAIN + "v"))
            for c in root.iter(MAIN + "c") if c.find(MAIN + "f") is not None]


@pytest.fixture(params=["xlsx", "xlsm"])
def book(request, tmp_path) -> Path:
    vba = vba_project(tmp_path) if request.param == "xlsm" else None
    return rich_workbook(tmp_path / f"rich.{request.param}", vba=vba)


@pytest.fixture
def annotated(book, tmp_path) -> Path:
    out = tmp_path / ("out" + book.suffix)
    annotate_workbook(book, out, rich_plan())
    return out


def test_parts_not_owned_are_byte_identical(book, annotated):
    before, after = parts(book), parts(annotated)
    for name, data in before.items():
        assert name in after, f"{name} lost"
        if name not in OWNED:
            assert after[name] == data, f"{name} changed"
    # zip order of the original parts is kept; new parts follow
    assert [n for n in after if n in before] == list(before)


def test_values_formulas_and_cached_values_survive(book, annotated):
    for sheet in ("目标表", "Lists"):
        old, new = grid(book, sheet), grid(annotated, sheet)
        for r, row in enumerate(old):
            for c, value in enumerate(row):
                got = new[r][c] if r < len(new) and c < len(new[r]) else ""
                expected = SCORES.get((r, c), value) if sheet == "目标表" and value == "" else value
                assert got == expected, (sheet, r, c)
    assert grid(annotated, "目标表")[19][5] == 7.25
    assert grid(annotated, "目标表")[3][1] == 100.5  # B4 held a value: the score was not written
    before, after = parts(book), parts(annotated)
    f_old = formulas(before["xl/worksheets/sheet1.xml"])
    assert f_old and all(v is not None for _, _, v in f_old)
    assert formulas(after["xl/worksheets/sheet1.xml"]) == f_old


def test_user_comment_kept_and_perfxl_comments_added(book, annotated):
    comments = etree.fromstring(parts(annotated)["xl/comments1.xml"])
    authors = [a.text for a in comments.iter(MAIN + "author")]
    assert authors == ["会计", "perfxl"]
    by_ref = {c.get("ref"): c for c in comments.iter(MAIN + "comment")}
    assert "".join(by_ref["C9"].itertext()) == "用户自己的批注"  # untouched, no second comment
    assert by_ref["C9"].get("authorId") == "0"
    assert {"D7", "B5", "A9", "A12", "A4"} <= set(by_ref)  # B10 went to its merged anchor A9
    vml = parts(annotated)["xl/drawings/vmlDrawing1.vml"]
    original_vml = parts(book)["xl/drawings/vmlDrawing1.vml"]
    assert vml.startswith(original_vml[: original_vml.rfind(b"</xml>")])  # user's box byte-exact
    assert vml.count(b'ObjectType="Note"') == 6


def test_vba_project_and_content_type_kept(tmp_path):
    src = rich_workbook(tmp_path / "m.xlsm", vba=vba_project(tmp_path))
    out = tmp_path / "m_out.xlsm"
    annotate_workbook(src, out, rich_plan())
    before, after = parts(src), parts(out)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    ct = after["[Content_Types].xml"]
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in ct
    assert b"application/vnd.ms-office.vbaProject" in ct
    assert b"vbaProject" in after["xl/_rels/workbook.xml.rels"]


def test_reannotate_changes_nothing(annotated, tmp_path):
    again = tmp_path / ("again" + annotated.suffix)
    annotate_workbook(annotated, again, rich_plan())
    assert parts(again) == parts(annotated)


def test_clear_restores_original(book, annotated, tmp_path):
    cleared = tmp_path / ("cleared" + book.suffix)
    clear_annotations(annotated, cleared)
    before, after = parts(book), parts(cleared)
    assert list(after) == list(before)
    for name in before:
        if name != "xl/styles.xml":  # keeps perfxl's appended (now unused) formats
            assert after[name] == before[name], name
    for sheet in ("目标表", "Lists"):
        assert grid(cleared, sheet) == grid(book, sheet)


def test_cell_now_correct_gets_original_style_back(book, annotated, tmp_path):
    plan = rich_plan()
    plan.marks = [m for m in plan.marks if m.cell != "D7"]
    second = tmp_path / ("second" + book.suffix)
    annotate_workbook(annotated, second, plan)
    first = tmp_path / ("first" + book.suffix)
    annotate_workbook(book, first, plan)
    # The user's sheet means what a first run with this plan gives (styles.xml keeps the now
    # unused format, so style numbers may differ, not what they stand for).
    assert styled_cells(second) == styled_cells(first)
    style = {c.get("r"): c.get("s") for c in etree.fromstring(parts(second)["xl/worksheets/sheet1.xml"]).iter(MAIN + "c")}
    orig = {c.get("r"): c.get("s") for c in etree.fromstring(parts(book)["xl/worksheets/sheet1.xml"]).iter(MAIN + "c")}
    assert style["D7"] == orig["D7"]


def test_user_edits_after_annotation_are_kept(annotated, tmp_path):
    data = parts(annotated)
    sheet = data["xl/worksheets/sheet1.xml"]
    # The user types over perfxl's score in E4 and gives D7 a style of their own (xf 0 → none).
    sheet = sheet.replace(b"<v>18.5</v>", b"<v>17</v>")
    root = etree.fromstring(sheet)
    d7 = next(c for c in root.iter(MAIN + "c") if c.get("r") == "D7")
    d7.set("s", "1")
    data["xl/worksheets/sheet1.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                      standalone=True)
    edited = tmp_path / ("edited" + annotated.suffix)
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in data.items():
            zf.writestr(name, body)
    cleared = tmp_path / ("cleared2" + annotated.suffix)
    clear_annotations(edited, cleared)
    assert grid(cleared, "目标表")[3][4] == 17.0  # the user's value stays
    assert grid(cleared, "目标表")[4][4] == ""  # perfxl's own score went
    root = etree.fromstring(parts(cleared)["xl/worksheets/sheet1.xml"])
    d7 = next(c for c in root.iter(MAIN + "c") if c.get("r") == "D7")
    assert d7.get("s") == "1"


def test_in_place_success_and_no_temp_left(book):
    folder = book.parent
    annotate_workbook(book, book, rich_plan())
    assert "校验结果" in CalamineWorkbook.from_path(str(book)).sheet_names
    assert not [p for p in folder.iterdir() if p.name.startswith(".~perfxl")]


def test_failure_midway_leaves_original_untouched(book, monkeypatch):
    from perfxl.writeback.zipio import ZipWriter

    original = book.read_bytes()
    real = ZipWriter.add
    calls = {"n": 0}

    def flaky(zw, name, data):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(zw, name, data)

    monkeypatch.setattr(ZipWriter, "add", flaky)
    with pytest.raises(OSError):
        annotate_workbook(book, book, rich_plan())
    assert book.read_bytes() == original
    assert [p.name for p in book.parent.iterdir() if p.name.startswith(".~perfxl")] == []


def test_merged_range_marks_go_to_the_anchor(book, annotated):
    def styles(path):
        root = etree.fromstring(parts(path)["xl/worksheets/sheet1.xml"])
        return {c.get("r"): c.get("s") for c in root.iter(MAIN + "c")}

    before, after = styles(book), styles(annotated)
    assert after.get("B10") == before.get("B10")  # the flagged cell inside A9:B10 is untouched
    assert after["A9"] != before["A9"]  # its anchor carries the fill


def test_empty_plan_still_writes_findings_sheet(book, tmp_path):
    out = tmp_path / ("empty" + book.suffix)
    annotate_workbook(book, out, AnnotationPlan())
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names[-2:] == ["校验结果", "_perfxl"]  # _perfxl is veryHidden
    rows = wb.get_sheet_by_name("校验结果").to_python()
    assert any("未发现问题" in str(v) for row in rows for v in row)


def test_score_in_cell_with_only_a_style_keeps_its_border(annotated, book):
    from openpyxl import load_workbook

    src = load_workbook(book)["目标表"]["E4"]
    got = load_workbook(annotated)["目标表"]["E4"]
    assert got.value == 18.5
    assert got.font.color.rgb == "FF0070C0"
    assert got.border.left.style == src.border.left.style == "thin"
    assert got.number_format == src.number_format


def test_scores_only_plan_on_untouched_sheet(book, tmp_path):
    out = tmp_path / ("s" + book.suffix)
    annotate_workbook(book, out, AnnotationPlan(scores=[ScoreWrite("Lists", "B1", 3)]))
    assert grid(out, "Lists")[0][1] == 3.0
    again = tmp_path / ("s2" + book.suffix)
    annotate_workbook(out, again, AnnotationPlan(scores=[ScoreWrite("Lists", "B1", 3)],
                                                 marks=[CellMark("Lists", "A1", "info", "提示")]))
    clear_annotations(again, tmp_path / ("s3" + book.suffix))
    assert parts(tmp_path / ("s3" + book.suffix))["xl/worksheets/sheet2.xml"] == parts(book)["xl/worksheets/sheet2.xml"]
