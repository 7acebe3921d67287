"""The Excel path through the recording fake: reading, batched writing, idempotency, main()."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import openpyxl
import pytest

from perfxl import excel
from perfxl.findings import Finding, FormReport, WorkbookReport
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite, SheetGrid
from perfxl.workbook.files import open_workbook_source
from perfxl.workbook.xlwings_book import (
    FILLS,
    RESULT_SHEET,
    SCORE_FONT,
    STATE_SHEET,
    XlwingsSource,
    XlwingsWriter,
    union_addresses,
)
from perfxl.workbook.xlwings_merges import merges_from_xml
from tests.fake_xlwings import FakeBook

RED, YELLOW = FILLS["error"], FILLS["warning"]


def _workbook(path: Path) -> Path:
    """A form-like workbook: data from B2 (padding matters), merges across and down, numbers,
    a merged area with no text, a hidden second sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目目标表"
    ws["B2"] = "项目支出绩效目标表"
    ws.merge_cells("B2:F2")
    ws["B3"], ws["C3"], ws["E3"] = "项目名称", "办公楼维修", "资金总额"
    ws.merge_cells("C3:D3")
    ws["F3"] = 233.35
    ws["B4"] = "绩效指标"
    ws.merge_cells("B4:B7")
    for r, (name, value) in enumerate([("数量", 12), ("质量", "≥95%"), ("时效", "2024年底")], 5):
        ws.cell(r, 3, name)
        ws.cell(r, 4, value)
    ws.merge_cells("E5:F6")  # empty merged area
    ws["B9"] = "合计"
    ws["D9"] = 100
    hidden = wb.create_sheet("说明")
    hidden["A1"] = "填表说明"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def _file_grids(path: Path) -> list[SheetGrid]:
    with open_workbook_source(path) as src:
        return [src.grid(n) for n in src.sheet_names()]


def _norm(grid: SheetGrid):
    rows = [list(r) for r in grid.rows]
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    width = max((i + 1 for r in rows for i, v in enumerate(r) if v is not None), default=0)
    rows = [(r + [None] * width)[:width] for r in rows]
    return grid.name, rows, sorted(grid.merged), grid.hidden


def test_reading_through_xlwings_equals_the_file_read(tmp_path):
    grids = _file_grids(_workbook(tmp_path / "form.xlsx"))
    book = FakeBook.from_grids(grids)
    src = XlwingsSource(book)
    assert src.sheet_names() == [g.name for g in grids]
    for g in grids:
        assert _norm(src.grid(g.name)) == _norm(g)


def test_merge_probe_fallback_finds_every_merge_with_a_value(tmp_path):
    grids = _file_grids(_workbook(tmp_path / "form.xlsx"))
    book = FakeBook.from_grids(grids)
    book.xml_merges = False  # macOS: no Value(11)
    got = XlwingsSource(book).grid("项目目标表")
    with_value = [m for m in grids[0].merged if grids[0].get(m[0], m[1]) is not None]
    assert sorted(got.merged) == sorted(with_value)
    assert _norm(got)[1] == _norm(grids[0])[1]


def test_a_sheet_is_read_in_a_few_bulk_calls(tmp_path):
    grids = _file_grids(_workbook(tmp_path / "form.xlsx"))
    book = FakeBook.from_grids(grids)
    src = XlwingsSource(book)
    src.sheet_names()
    book.calls.clear()
    src.grid("项目目标表")
    reads = [c for c in book.calls if c[0] == "read"]
    # row, column, value, Value(11), visible — independent of the number of cells and merges
    assert len(reads) <= 5, reads


def test_merges_from_xml_spreadsheet_indexes():
    xml = ('<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
           '<Row><Cell ss:MergeAcross="2"><Data ss:Type="String">t</Data></Cell><Cell/></Row>'
           '<Row ss:Index="3"><Cell ss:Index="2" ss:MergeDown="1"/></Row>'
           "</Table></Worksheet></Workbook>")
    assert merges_from_xml(xml, 1, 1) == [(1, 1, 1, 3), (3, 2, 4, 2)]


def test_union_addresses_chunks_stay_under_excel_limit():
    cells = [f"AB{r}" for r in range(1, 400)]
    chunks = union_addresses(cells)
    assert all(len(c) <= 255 for c in chunks)
    assert sorted(",".join(chunks).split(","), key=len) == sorted(cells, key=len)


# ----------------------------------------------------------------------------------------------
# Writing


def _book() -> FakeBook:
    rows = [[None] * 6 for _ in range(20)]
    rows[0][0] = "标题"
    return FakeBook.from_grids([SheetGrid("表1", rows), SheetGrid("表2", [["x"]])])


def _plan(n_errors=6, n_warnings=4) -> AnnotationPlan:
    marks, findings = [], []
    for i in range(n_errors + n_warnings):
        sev = "error" if i < n_errors else "warning"
        cell = f"{'CE'[i % 2]}{i + 2}"
        marks.append(CellMark("表1", cell, sev, f"PX2{i:02d} 金额不符（应为 {i}）"))
        findings.append(Finding(f"PX2{i:02d}", sev, "表1", cell, f"金额不符{i}", str(i), "0"))
    return AnnotationPlan(marks=marks, scores=[ScoreWrite("表1", "F20", 8.5)], findings=findings,
                          summary=[("表1", "project_selfeval", 91.0, "优")])


def test_a_plan_of_ten_marks_is_written_in_batches():
    book = _book()
    XlwingsWriter(book).apply(_plan())
    sheet = book.sheets._items[0]
    assert sheet.fills[(1, 2)] == RED and sheet.fills[(10, 4)] == YELLOW
    assert len(sheet.fills) == 10
    assert sheet.note_at("C2").startswith("perfxl:\n") and "PX200" in sheet.note_at("C2")
    assert sheet.value_at("F20") == 8.5 and sheet.fonts[(19, 5)] == SCORE_FONT
    # fills: one read (all unfilled) + one write per colour; never one per cell
    assert book.count("write", "color") == 2
    assert book.count("read", "color") == 1
    # the 校验结果 sheet and the state record: one bulk .value each (plus the score cell)
    assert book.count("write", "value") == 3
    per_cell = book.count("write", "add_note")
    assert per_cell == 10  # notes have no batch API: one call each, nothing else per cell
    others = [c for c in book.calls if c[0] == "write" and c[1] not in ("add_note",)]
    assert len(others) <= 10, others


def test_results_sheet_lists_findings_with_links_and_safe_text():
    book = _book()
    plan = _plan(1, 0)
    plan.findings.append(Finding("PX101", "warning", "表'1", "B3", "=SUM(A1)", None, "001"))
    XlwingsWriter(book).apply(plan)
    res = book.sheets[RESULT_SHEET]
    rows = {r: res.cells.get((r, 0)) for r in range(12)}
    assert rows[0] == "perfxl 校验结果"
    link_rows = [v for (r, c), v in res.cells.items() if c == 3 and str(v).startswith("=HYPERLINK")]
    assert '=HYPERLINK("#\'表1\'!C2","C2")' in link_rows
    assert '=HYPERLINK("#\'表\'\'1\'!B3","B3")' in link_rows
    # user text is stored as text, never as a formula or a number
    assert "=SUM(A1)" in res.cells.values() and "001" in res.cells.values()
    assert [s.name for s in book.sheets._items].index(RESULT_SHEET) == 2
    state = book.sheets[STATE_SHEET]
    assert state.api.Visible == 2  # veryHidden


def test_rerun_replaces_annotations_and_restores_original_fills():
    book = _book()
    sheet = book.sheets._items[0]
    sheet.fills[(1, 2)] = (217, 217, 217)  # C2: the template's grey input fill
    sheet.notes_by_cell[(3, 2)] = _user_note(sheet, (3, 2), "请财务科核对")  # C4
    writer = XlwingsWriter(book)
    writer.apply(_plan())
    assert sheet.fills[(1, 2)] == RED
    assert sheet.note_at("C4").endswith("请财务科核对") and sheet.note_at("C4").startswith("perfxl:")

    # second run: C2 is fixed now; only E3 is still wrong
    writer.clear()
    assert sheet.fills[(1, 2)] == (217, 217, 217) and (2, 4) not in sheet.fills
    assert sheet.note_at("C4") == "请财务科核对" and sheet.note_at("C2") is None
    assert sheet.value_at("F20") is None and (19, 5) not in sheet.fonts
    assert RESULT_SHEET not in book.sheets
    plan = AnnotationPlan(marks=[CellMark("表1", "E3", "error", "PX201 x")],
                          findings=[Finding("PX201", "error", "表1", "E3", "x")])
    writer.apply(plan)
    assert sheet.fills == {(1, 2): (217, 217, 217), (2, 4): RED}
    assert [a for a in book.sheets._items if a.name == RESULT_SHEET]
    assert len(sheet.notes_by_cell) == 2  # E3's and the user's own on C4

    writer.clear()
    assert sheet.fills == {(1, 2): (217, 217, 217)}
    assert {k: n.text_ for k, n in sheet.notes_by_cell.items()} == {(3, 2): "请财务科核对"}


def test_a_score_the_user_typed_over_is_kept():
    book = _book()
    writer = XlwingsWriter(book)
    writer.apply(_plan())
    sheet = book.sheets._items[0]
    sheet.cells[(19, 5)] = 9.0
    writer.clear()
    assert sheet.value_at("F20") == 9.0


def _user_note(sheet, cell, text):
    from tests.fake_xlwings import FakeNote

    return FakeNote(sheet, cell, text)


# ----------------------------------------------------------------------------------------------
# main()


def _engine(monkeypatch, check_source):
    fake = types.ModuleType("perfxl.engine")
    fake.check_source = check_source
    fake.resolve_config = lambda path, options: None
    fake.CheckOptions = lambda: None
    monkeypatch.setitem(sys.modules, "perfxl.engine", fake)
    import perfxl

    monkeypatch.setattr(perfxl, "engine", fake, raising=False)


def test_main_with_a_failing_engine_shows_a_chinese_alert(monkeypatch, tmp_path):
    def broken(source, config):
        raise RuntimeError("boom")

    _engine(monkeypatch, broken)
    monkeypatch.setattr(excel, "LOG_FILE", tmp_path / "perfxl-excel.log")
    book = _book()
    message = excel.main(book)  # must not raise
    (prompt, title), = book.app.alerts
    assert prompt == message and "操作未完成" in prompt and "boom" in prompt
    assert str(tmp_path / "perfxl-excel.log") in prompt
    assert "RuntimeError" in (tmp_path / "perfxl-excel.log").read_text(encoding="utf-8")
    assert book.app.screen_updating is True


def test_main_writes_the_plan_and_summarises(monkeypatch):
    def check(source, config):
        grids = [source.grid(n) for n in source.sheet_names()]
        assert grids[0].get(0, 0) == "标题"
        fr = FormReport("表1", "project_selfeval", score=91.0, grade="优",
                        findings=[Finding("PX201", "error", "表1", "C2", "a"),
                                  Finding("PX402", "warning", "表1", "E3", "b")])
        return WorkbookReport(path=source.path, forms=[fr]), _plan(1, 1)

    _engine(monkeypatch, check)
    book = _book()
    message = excel.main(book)
    assert message.splitlines()[0] == "错误 1 个，警告 1 个，得分 91，等级 优"
    assert book.app.alerts[0][0] == message
    assert book.sheets._items[0].fills[(1, 2)] == RED


def test_clear_button(monkeypatch):
    book = _book()
    XlwingsWriter(book).apply(_plan())
    message = excel.clear(book)
    assert "已清除" in message and not book.sheets._items[0].fills


def test_caller_that_is_the_addin_means_the_active_book(monkeypatch):
    import xlwings as xw

    user = _book()
    addin = FakeBook("perfxl.xlam", app=user.app)
    user.app.books.remove(user)
    user.app.books.append(user)  # the active book is the last one
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: addin))
    assert excel._caller_or_active() is user


def test_no_book_at_all_still_answers_in_chinese(monkeypatch, tmp_path):
    monkeypatch.setattr(excel, "LOG_FILE", tmp_path / "log.txt")
    monkeypatch.setattr(excel, "_caller_or_active", lambda: (_ for _ in ()).throw(OSError("no")))
    monkeypatch.setattr(excel, "_active_app", lambda: (_ for _ in ()).throw(OSError("no Excel")))
    message = excel.main()
    assert "没有找到打开的工作簿" in message


def test_template_button_opens_a_new_blank_form():
    book = _book()
    message = excel.template(book)
    assert "已生成空白模板" in message
    opened = Path(book.app.books.opened[0])
    assert opened.is_file() and opened.suffix == ".xlsx"


def test_one_click_also_undoes_what_the_command_line_wrote(tmp_path):
    """A bureau ran `perfxl check --in-place`; the accountant opens the file and clicks 一键校验:
    the fills, notes and scores of that run are undone from its _perfxl record first."""
    from perfxl.engine import CheckOptions, check_file
    from perfxl.workbook.files import open_workbook_source
    from perfxl.workbook.base import parse_a1
    from perfxl.workbook.xlwings_book import FILE_RECORD_SHEET, XlwingsWriter

    ROOT = Path(__file__).resolve().parents[1]

    path = tmp_path / "自评.xlsx"
    path.write_bytes((ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx").read_bytes())
    report = check_file(path, CheckOptions(in_place=True))
    marked = {(f.sheet, f.cell) for f in report.findings if f.severity in ("error", "warning") and f.cell}
    with open_workbook_source(path) as src:
        grids = [src.grid(n) for n in src.sheet_names()]
    book = FakeBook.from_grids(grids)
    sheet = book.sheets["项目自评"]
    for s, cell in marked:  # what Excel shows: perfxl's red on the flagged cells, with its notes
        if s == "项目自评":
            sheet.fills[parse_a1(cell)] = RED
    XlwingsWriter(book).clear()
    assert not sheet.fills, sheet.fills
    assert FILE_RECORD_SHEET not in [s.name for s in book.sheets]
    assert "校验结果" not in [s.name for s in book.sheets]


@pytest.mark.parametrize("xml,expected", [
    ('<fill xmlns="x"><patternFill></patternFill></fill>', None),
    ('<fill><patternFill patternType="none"/></fill>', None),
    ('<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>',
     "#D9D9D9"),
    ('<fill><patternFill patternType="solid"><fgColor theme="4" tint="0.6"/></patternFill></fill>', None),
])
def test_original_fills_of_the_file_record_become_colours(xml, expected):
    from perfxl.workbook.xlwings_book import fill_rgb_of

    assert fill_rgb_of(xml) == expected
