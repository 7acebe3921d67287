"""The reader on hand-typed variations of the five seed layouts.

Each variant is built with openpyxl in ``tmp_path`` — mostly by editing a copy of a sample workbook
(shift the form, insert a 序号 or 备注 column, a blank row, a repeated heading row, a "单位：万元"
row …), sometimes by retyping a few cells (labels with their value in the same cell, full-width
digits, %-formatted numbers, dates, formulas with cached values) — and read back through the real
file path (python-calamine). Structural variants are compared with the reading of the original
sample: the same kind, the same fields, indicators and table lines with the same values, each at its
moved cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from perfxl.labels import norm
from perfxl.reader import read_workbook
from perfxl.reader.fields import is_label
from perfxl.workbook.base import a1, parse_a1

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
S000 = SAMPLES / "000_xuzhou_dept_target.xlsx"
S001 = SAMPLES / "001_changle_dept_target.xlsx"
S002 = SAMPLES / "002_wuwei_selfeval_and_dept.xlsx"
S003 = SAMPLES / "003_dongguan_project_targets.xlsx"
S004 = SAMPLES / "004_tianhe_dept_selfeval.xlsx"


# ------------------------------------------------------------------------------------------------
# Grids: a sheet as {(r, c): value} + merged ranges, edited and written back with openpyxl


@dataclass
class Formula:
    """A formula cell with the value Excel would have cached."""

    expr: str
    cached: Any


@dataclass
class Pct:
    """A number shown with a % format (Excel stores 95% as 0.95)."""

    value: float


@dataclass
class Grid:
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    # -- editing ---------------------------------------------------------------------------------

    def remap(self, fn: Callable[[int, int], tuple[int, int]]) -> "Grid":
        cells = {fn(r, c): v for (r, c), v in self.cells.items()}
        merges = []
        for r0, c0, r1, c1 in self.merges:
            a, b = fn(r0, c0), fn(r1, c1)
            merges.append((a[0], a[1], b[0], b[1]))
        return Grid(cells, merges)

    def find(self, text: str, *, start: bool = False) -> tuple[int, int]:
        for (r, c), v in sorted(self.cells.items()):
            if isinstance(v, str) and (v == text or (start and v.startswith(text))):
                return r, c
        raise KeyError(text)

    def rows_of(self, r: int) -> dict[int, Any]:
        return {c: v for (rr, c), v in self.cells.items() if rr == r}

    def set(self, r: int, c: int, v: Any) -> None:
        if v is None:
            self.cells.pop((r, c), None)
        else:
            self.cells[(r, c)] = v

    def replace(self, old: str, new: Any) -> tuple[int, int]:
        pos = self.find(old)
        self.set(*pos, new)
        return pos

    def unmerge(self, fill: bool, cols: range | None = None) -> None:
        """Drop vertical merges (in ``cols``), repeating the text on every row when ``fill``."""
        keep = []
        for r0, c0, r1, c1 in self.merges:
            if r1 > r0 and c0 == c1 and (cols is None or c0 in cols):
                if fill and (r0, c0) in self.cells:
                    for r in range(r0 + 1, r1 + 1):
                        self.cells[(r, c0)] = self.cells[(r0, c0)]
                continue
            keep.append((r0, c0, r1, c1))
        self.merges = keep

    @property
    def height(self) -> int:
        return max(r for r, _ in self.cells) + 1

    @property
    def width(self) -> int:
        return max(c for _, c in self.cells) + 1


def insert_rows(g: Grid, at: int, n: int = 1) -> tuple[Grid, Callable]:
    fn = lambda r, c: (r + n if r >= at else r, c)  # noqa: E731
    return g.remap(fn), fn


def insert_cols(g: Grid, at: int, n: int = 1) -> tuple[Grid, Callable]:
    fn = lambda r, c: (r, c + n if c >= at else c)  # noqa: E731
    return g.remap(fn), fn


def shift(g: Grid, dr: int, dc: int) -> tuple[Grid, Callable]:
    fn = lambda r, c: (r + dr, c + dc)  # noqa: E731
    return g.remap(fn), fn


def load(path: Path) -> dict[str, Grid]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        g = Grid()
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    g.cells[(cell.row - 1, cell.column - 1)] = cell.value
        for m in ws.merged_cells.ranges:
            g.merges.append((m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1))
        out[ws.title] = g
    return out


def save(tmp_path: Path, sheets: dict[str, Grid], name: str = "variant.xlsx") -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, Any]] = {}
    for i, (title, g) in enumerate(sheets.items()):
        ws = wb.create_sheet(title)
        for (r, c), v in g.cells.items():
            cell = ws.cell(row=r + 1, column=c + 1)
            if isinstance(v, Formula):
                cell.value = "=" + v.expr
                cached.setdefault(f"sheet{i + 1}", {})[cell.coordinate] = v.cached
            elif isinstance(v, Pct):
                cell.value = v.value
                cell.number_format = "0.00%"
            else:
                cell.value = v
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"  # "=1人" typed as text, not a formula
        for r0, c0, r1, c1 in g.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    path = tmp_path / name
    wb.save(path)
    if cached:
        _fill_cached(path, cached)
    return path


def _fill_cached(path: Path, cached: dict[str, dict[str, Any]]) -> None:
    """Write the cached values openpyxl leaves out (``<f>…</f><v></v>``), as Excel would."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for sheet, values in cached.items():
        name = f"xl/worksheets/{sheet}.xml"
        xml = parts[name].decode()
        for ref, v in values.items():
            xml = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                         lambda m: f"{m.group(1)}{m.group(2)}<v>{v}</v>", xml)
        parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def read(path: Path):
    return read_workbook(path)


def forms_by_sheet(path: Path):
    return {f.sheet: f for f in read(path).forms}


# ------------------------------------------------------------------------------------------------
# The oracle: a variant reads as the original, every cell moved by ``fn``


def _moved(cell: str, fn) -> str:
    if not cell:
        return cell
    r, c = parse_a1(cell)
    return a1(*fn(r, c))


def _sig(f, fn):
    return None if f is None else (f.key, f.value, _moved(f.cell, fn))


def form_signature(form, fn=lambda r, c: (r, c), row_fn=None):
    row_fn = row_fn or (lambda row: fn(row - 1, 0)[0] + 1)
    fields = {k: _sig(f, fn) for k, f in form.fields.items()}
    inds = [(row_fn(i.row), i.block, tuple(_sig(f, fn) for f in i.fields())) for i in form.indicators]
    tables = {k: [(row_fn(l.row), l.role, _sig(l.name, fn),
                   tuple(sorted((k2, _sig(v, fn)) for k2, v in l.values.items() if not k2.startswith("_"))))
                  for l in lines]
              for k, lines in form.tables.items()}
    return form.kind, fields, inds, tables


def assert_reads_as_original(original: Path, variant: Path, fn, *, sheets_renamed: dict | None = None,
                             skip_fields: tuple[str, ...] = ()):
    orig = forms_by_sheet(original)
    var = forms_by_sheet(variant)
    renamed = sheets_renamed or {}
    assert sorted(renamed.get(s, s) for s in orig) == sorted(var), (list(orig), list(var))
    for sheet, form in orig.items():
        got = var[renamed.get(sheet, sheet)]
        want_sig = form_signature(form, fn)
        got_sig = form_signature(got)
        assert got_sig[0] == want_sig[0], (sheet, "kind")
        for key in skip_fields:
            want_sig[1].pop(key, None)
            got_sig[1].pop(key, None)
        assert got_sig[1] == want_sig[1], (sheet, "fields")
        assert len(got_sig[2]) == len(want_sig[2]), (sheet, "indicator count", len(got_sig[2]), len(want_sig[2]))
        for a, b in zip(got_sig[2], want_sig[2]):
            assert a == b, (sheet, "indicator")
        assert got_sig[3] == want_sig[3], (sheet, "tables")


def one(path: Path):
    (form,) = read(path).forms
    return form


def inds_by_name(form):
    return {i.level3.value: i for i in form.indicators if i.level3 is not None}


# ------------------------------------------------------------------------------------------------
# Structural variants of the samples, compared with the original reading


@pytest.mark.parametrize("sample,dr,dc", [(S000, 3, 2), (S001, 5, 1), (S002, 2, 3), (S003, 4, 4), (S004, 1, 2)],
                         ids=["000", "001", "002", "003", "004"])
def test_whole_form_shifted_right_and_down(tmp_path, sample, dr, dc):
    sheets = load(sample)
    moved = {}
    for name, g in sheets.items():
        moved[name], fn = shift(g, dr, dc)
    assert_reads_as_original(sample, save(tmp_path, moved), fn)


def test_000_blank_column_between_label_and_blocks(tmp_path):
    (name, g), = load(S000).items()
    g2, fn = insert_cols(g, 1)
    assert_reads_as_original(S000, save(tmp_path, {name: g2}), fn)


def test_001_blank_column_between_label_column_and_tables(tmp_path):
    (name, g), = load(S001).items()
    g2, fn = insert_cols(g, 1)
    assert_reads_as_original(S001, save(tmp_path, {name: g2}), fn)


def test_000_serial_number_column_before_level1(tmp_path):
    (name, g), = load(S000).items()
    g2, fn = insert_cols(g, 0)
    heading_rows = sorted(r for (r, c), v in g2.cells.items() if v == "一级指标")
    n = 0
    for hr in heading_rows:
        g2.set(hr, 0, "序号")
        r = hr + 1
        while r < g2.height and not any(isinstance(v, str) and v.endswith("指标值") for v in g2.rows_of(r).values()):
            if any(c >= 3 for c in g2.rows_of(r)) and (r, 3) in g2.cells or (r, 4) in g2.cells:
                n += 1
                g2.set(r, 0, n)
            r += 1
    assert_reads_as_original(S000, save(tmp_path, {name: g2}), fn)


def test_002_serial_number_column_in_both_tables(tmp_path):
    sheets = load(S002)
    out = {}
    for name, g in sheets.items():
        hr, c1 = g.find("一级指标")
        g2, fn = insert_cols(g, c1)
        g2.set(hr, c1, "序号")
        r, n = hr + 1, 0
        while (r, c1 + 3) in g2.cells or (r, c1 + 2) in g2.cells:
            n += 1
            g2.set(r, c1, float(n))
            r += 1
        out[name] = g2
    assert_reads_as_original(S002, save(tmp_path, out), fn)


def test_003_remark_column_after_the_table_and_note_below(tmp_path):
    sheets = load(S003)
    out = {}
    for name, g in sheets.items():
        hr, _ = g.find("一级指标")
        w = g.width
        g.set(hr, w, "备注")
        g.set(hr + 1, w, "与上年一致")
        g.set(hr + 3, w, "按季度统计")
        g.set(g.height, 0, "注：本表金额单位为万元，指标值请写明符号和单位。")
        out[name] = g
    assert_reads_as_original(S003, save(tmp_path, out), lambda r, c: (r, c))


def test_003_blank_row_inside_the_indicator_table(tmp_path):
    sheets = load(S003)
    out = {}
    for name, g in sheets.items():
        hr, _ = g.find("一级指标")
        out[name], fn = insert_rows(g, hr + 3)
    assert_reads_as_original(S003, save(tmp_path, out), fn)


def test_002_blank_row_and_repeated_heading_inside_the_indicator_table(tmp_path):
    sheets = load(S002)
    g = sheets["项目自评"]
    hr, c1 = g.find("一级指标")
    heading = g.rows_of(hr)
    at, _ = g.find("效益指标")  # a page break before the 效益 block repeats the heading row
    g2, fn = insert_rows(g, at, 2)
    for c, v in heading.items():
        if c >= c1:
            g2.set(at + 1, c, v)
    sheets["项目自评"] = g2
    # the 绩效指标 label merged down the left column covers the inserted rows too
    orig = forms_by_sheet(S002)["项目自评"]
    var = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    assert var.kind == "project_selfeval"
    assert form_signature(var)[2] == form_signature(orig, fn)[2]
    assert form_signature(var)[1] == form_signature(orig, fn)[1]


def test_000_repeated_heading_row_at_a_page_break(tmp_path):
    (name, g), = load(S000).items()
    hr, _ = g.find("一级指标")
    heading = g.rows_of(hr)
    at, _ = g.find("过程")
    g2, fn = insert_rows(g, at)
    for c, v in heading.items():
        g2.set(at, c, v)
    assert_reads_as_original(S000, save(tmp_path, {name: g2}), fn)


def test_002_unit_line_above_the_fund_table_and_indicator_heading(tmp_path):
    sheets = load(S002)
    g = sheets["项目自评"]
    hr, _ = g.find("项目资金（万元）")
    g2, fn = insert_rows(g, hr)
    g2.set(hr, g.width - 1, "单位：万元")
    sheets["项目自评"] = g2
    orig = forms_by_sheet(S002)["项目自评"]
    var = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    assert form_signature(var) == form_signature(orig, fn)


def test_000_unit_line_above_the_funds_block(tmp_path):
    (name, g), = load(S000).items()
    hr, _ = g.find("部门整体\n资金（万\n元）")
    g2, fn = insert_rows(g, hr)
    g2.set(hr, g.width - 1, "单位：万元")
    assert_reads_as_original(S000, save(tmp_path, {name: g2}), fn)


def test_003_value_heading_split_over_two_rows(tmp_path):
    sheets = load(S003)
    out = {}
    for name, g in sheets.items():
        hr, _ = g.find("一级指标")
        g2, fn = insert_rows(g, hr + 1)
        for c, v in list(g2.rows_of(hr).items()):
            if isinstance(v, str) and v.endswith("）") and "指标值" in v:
                head, _, tail = v.partition("（")
                g2.set(hr, c, head)
                g2.set(hr + 1, c, "（" + tail)
            elif isinstance(v, str) and "指标" in v:
                g2.merges.append((hr, c, hr + 1, c))
        out[name] = g2
    path = save(tmp_path, out)
    orig = forms_by_sheet(S003)
    for name, form in forms_by_sheet(path).items():
        assert form.kind == "project_target"
        want = form_signature(orig[name], fn)
        got = form_signature(form)
        assert got[2] == want[2], name
        assert got[1] == want[1], name


def test_003_sheets_named_sheet1(tmp_path):
    sheets = load(S003)
    renamed = {name: f"Sheet{i + 1}" for i, name in enumerate(sheets)}
    path = save(tmp_path, {renamed[n]: g for n, g in sheets.items()})
    assert_reads_as_original(S003, path, lambda r, c: (r, c), sheets_renamed=renamed)


def test_000_categories_repeated_on_every_row_not_merged(tmp_path):
    (name, g), = load(S000).items()
    hr, c1 = g.find("一级指标")
    g.unmerge(fill=True, cols=range(c1, c1 + 2))
    form = one(save(tmp_path, {name: g}))
    orig = one(S000)
    assert form.kind == "dept_target"
    assert len(form.indicators) == len(orig.indicators)
    for a, b in zip(form.indicators, orig.indicators):
        assert (a.level1.value, a.level2.value if a.level2 else None, a.name()) == \
               (b.level1.value, b.level2.value if b.level2 else None, b.name())
        assert a.target.cell == b.target.cell and a.target.value == b.target.value


def test_002_categories_typed_once_then_blank_not_merged(tmp_path):
    sheets = load(S002)
    for g in sheets.values():
        hr, c1 = g.find("一级指标")
        g.unmerge(fill=False, cols=range(c1, c1 + 2))
    wb = forms_by_sheet(save(tmp_path, sheets))
    for name, orig in forms_by_sheet(S002).items():
        form = wb[name]
        assert form.kind == orig.kind
        assert [(i.level1.value, i.level2.value if i.level2 else None, i.name(), i.target.cell)
                for i in form.indicators] == \
               [(i.level1.value, i.level2.value if i.level2 else None, i.name(), i.target.cell)
                for i in orig.indicators]


# ------------------------------------------------------------------------------------------------
# Labels and values typed differently


def test_labels_with_their_value_in_the_same_cell(tmp_path):
    sheets = load(S002)
    g = sheets["项目自评"]
    g.replace("项目名称", "项目名称：服务外向型经济工作经费")
    g.set(1, 1, None)
    g.replace("主管部门", "主管部门：市商务局")
    g.set(2, 1, None)
    g.replace("实施单位", "实施单位：市对外经济贸易发展服务中心")
    g.set(2, 5, None)
    form = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    assert form.kind == "project_selfeval"
    assert (form.value("project_name"), form.get("project_name").cell) == ("服务外向型经济工作经费", "A2")
    assert (form.value("department"), form.get("department").cell) == ("市商务局", "A3")
    assert (form.value("implementer"), form.get("implementer").cell) == ("市对外经济贸易发展服务中心", "E3")
    assert len(form.indicators) == 13


def test_unit_name_and_project_name_with_colon_in_the_label_cell(tmp_path):
    (name, g), = load(S000).items()
    g.replace("单位名称", "单位名称：市图书馆")
    g.set(2, 1, None)
    form = one(save(tmp_path, {name: g}))
    assert (form.value("unit_name"), form.get("unit_name").cell) == ("市图书馆", "A3")
    assert form.value("total_funds") == 233.35

    sheets = load(S003)
    first = next(iter(sheets))
    g = sheets[first]
    r, c = g.replace("项目名称", "项目名称：CA证书费用")
    g.set(r, c + 1, None)
    form = forms_by_sheet(save(tmp_path, sheets, "p.xlsx"))[first]
    assert form.kind == "project_target"
    assert (form.value("project_name"), form.get("project_name").cell) == ("CA证书费用", "A4")
    assert form.value("medium_funds") == 0.75 and form.value("annual_funds") == 0.25


def test_money_labels_with_units_subtotal_words_and_number_spellings(tmp_path):
    (name, g), = load(S000).items()
    g.replace("资金总额", "资金总额（万元）")
    g.replace("小计", "合计")
    g.replace("一般公共预算资金", "其中：一般公共预算资金")
    g.replace("政府性基金", "政府性基金(万元)")
    r, c = g.find("资金总额（万元）")
    vc = max(cc for (rr, cc) in g.cells if rr == r)
    g.set(r, vc, "２３３．３５")
    g.set(r + 1, vc, "1,233.35")
    g.set(r + 2, vc, "233.35万元")
    form = one(save(tmp_path, {name: g}))
    col = get_column_letter(vc + 1)
    assert (form.value("total_funds"), form.get("total_funds").cell) == (233.35, f"{col}{r + 1}")
    assert (form.value("fiscal_subtotal"), form.get("fiscal_subtotal").cell) == (1233.35, f"{col}{r + 2}")
    assert (form.value("general_budget"), form.get("general_budget").cell) == (233.35, f"{col}{r + 3}")
    assert (form.value("gov_fund"), form.get("gov_fund").cell) == (0, f"{col}{r + 4}")


def test_001_budget_block_with_unit_in_labels(tmp_path):
    (name, g), = load(S001).items()
    g.replace("资金总额", "资金总额(万元)")
    g.replace("项目支出", "项目支出（万元）")
    g.replace("部门(单位)名称", "部门（单位）名称：")
    form = one(save(tmp_path, {name: g}))
    assert form.kind == "dept_target"
    assert (form.value("total_funds"), form.get("total_funds").cell) == (80.01, "F4")
    assert form.value("unit_name") == "中国国际贸易促进委员会福州市长乐区委员会"
    spending = {l.role: l for l in form.table("spending")}
    assert spending["project"].values["full"].value == 9.5 and spending["project"].values["full"].cell == "F5"


def test_formulas_with_cached_values_and_percent_formats(tmp_path):
    (name, g), = load(S000).items()
    r, _ = g.find("资金总额")
    vc = max(cc for (rr, cc) in g.cells if rr == r)
    col = get_column_letter(vc + 1)
    g.set(r, vc, Formula(f"{col}{r + 2}+{col}{r + 5}", 233.35))
    form = one(save(tmp_path, {name: g}))
    assert (form.value("total_funds"), form.get("total_funds").cell) == (233.35, f"{col}{r + 1}")

    sheets = load(S002)
    p = sheets["项目自评"]
    r, c = p.find("执行率")
    p.set(r + 1, c, Pct(1.0))
    d = sheets["部门整体目标"]
    r2, c2 = d.find("指标1:预算资金到位率")
    vcol = max(cc for (rr, cc) in d.cells if rr == r2)
    d.set(r2, vcol, Pct(1.0))
    r3, _ = d.find("指标1:人员编制合规性")
    d.set(r3, vcol, Pct(0.95))
    forms = forms_by_sheet(save(tmp_path, sheets, "p.xlsx"))
    total = forms["项目自评"].table("funds")[0]
    assert total.role == "total" and total.values["rate"].value == 100
    inds = forms["部门整体目标"].indicators
    by_row = {i.row: i for i in inds}
    t = by_row[r2 + 1].target.value
    assert (t.kind, t.low, t.unit) == ("numeric", 100, "%")
    assert by_row[r3 + 1].target.value.low == 0.95  # not a rate name: the number as typed
    r4, c4 = p.find("满意度指标")
    tcol = p.find("年度指标值")[1]
    p.set(r4, tcol, Pct(0.95))
    form = forms_by_sheet(save(tmp_path, sheets, "q.xlsx"))["项目自评"]
    sat = form.indicators[-1]
    assert sat.level3 is None and (sat.target.value.low, sat.target.value.unit) == (95, "%")


def test_time_target_as_a_date_and_review_as_boolean(tmp_path):
    sheets = load(S003)
    first = next(iter(sheets))
    g = sheets[first]
    r, c = g.find("计划进度完成时效")
    g.set(r, c + 1, dt.datetime(2021, 12, 31))
    form = forms_by_sheet(save(tmp_path, sheets))[first]
    ind = inds_by_name(form)["计划进度完成时效"]
    assert ind.target.value.kind == "time" and ind.target.value.low == 12
    assert ind.target.cell == f"{get_column_letter(c + 2)}{r + 1}"

    (name, g), = load(S001).items()
    for (rr, cc), v in list(g.cells.items()):
        if v == "是" and rr > 14:
            g.set(rr, cc, True)
    form = one(save(tmp_path, {name: g}, "b.xlsx"))
    reviews = [i.extra["review"].value for i in form.indicators if "review" in i.extra]
    assert reviews and set(reviews) <= {"是", None}
    assert "是" in reviews


@pytest.mark.parametrize("style", ["1.", "（1）", "(1)", "1、", "指标1："])
def test_level3_numbering_is_stripped_from_the_name(tmp_path, style):
    sheets = load(S002)
    g = sheets["项目自评"]
    for (r, c), v in list(g.cells.items()):
        if isinstance(v, str) and re.match(r"指标\d：", v):
            n = v[2]
            g.set(r, c, style.replace("1", n) + v[4:])
    form = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    names = [i.level3.value for i in form.indicators if i.level3]
    assert names[:3] == ["外出考察次数", "举行培训班次数", "组织参展企业数"]
    assert len(form.indicators) == 13


# ------------------------------------------------------------------------------------------------
# 002 self-evaluation variants


def _swap_cols(g: Grid, a: int, b: int, rows: range) -> None:
    for r in rows:
        va, vb = g.cells.get((r, a)), g.cells.get((r, b))
        g.set(r, a, vb)
        g.set(r, b, va)


def test_002_ab_headings_score_before_weight_total_spelled_heji_no_deviation(tmp_path):
    sheets = load(S002)
    g = sheets["项目自评"]
    g.replace("全年预算数", "全年预算数（A）")
    g.replace("全年执行数", "全年执行数（B）")
    g.replace("执行率", "执行率（B/A）")
    g.replace("年度指标值", "年度指标值（A）")
    g.replace("实际完成值", "实际完成值（B）")
    g.replace("总分", "合计")
    hr, _ = g.find("一级指标")
    fr, fwc = g.find("分值")
    fsc = g.find("得分")[1]
    _swap_cols(g, fwc, fsc, range(fr, fr + 5))  # 得分 before 分值, in both tables
    wc = max(c for (r, c), v in g.cells.items() if r == hr and v == "分值")
    sc = max(c for (r, c), v in g.cells.items() if r == hr and v == "得分")
    _swap_cols(g, wc, sc, range(hr, g.height))
    dc = g.find("偏差原因分析及改进措施")[1]
    for r in range(g.height):
        g.set(r, dc, None)
    g.merges = [m for m in g.merges if not (m[1] <= dc <= m[3] and m[0] == hr)]
    r_rate, c_rate = g.find("执行率（B/A）")
    g.set(r_rate + 1, c_rate, 1.0)
    form = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    assert form.kind == "project_selfeval"
    funds = {l.role: l for l in form.table("funds")}
    assert funds["total"].values["full"].value == 8.6 and funds["total"].values["executed"].value == 8.6
    assert funds["total"].values["rate"].value == 100
    assert funds["total"].values["weight"].value == 100 and funds["total"].values["weight"].cell == f"{get_column_letter(fsc + 1)}5"
    assert len(form.indicators) == 13
    first = form.indicators[0]
    assert first.weight.value == 10 and first.score.value == 8
    assert first.weight.cell[0] == get_column_letter(sc + 1) and first.score.cell[0] == get_column_letter(wc + 1)
    assert first.target.value.kind == "range" and first.actual.value.low == 1
    assert first.deviation is None
    assert form.value("total_weight") == 100 and form.value("total_score") == 90


# ------------------------------------------------------------------------------------------------
# 003 variants


def test_003_both_value_headings_spelled_zhibiaozhi(tmp_path):
    sheets = load(S003)
    for g in sheets.values():
        for (r, c), v in list(g.cells.items()):
            if isinstance(v, str) and v.startswith(("指标值", "计划指标值")):
                g.set(r, c, "指标值")
    wb = forms_by_sheet(save(tmp_path, sheets))
    orig = forms_by_sheet(S003)
    for name, form in wb.items():
        assert form.kind == "project_target"
        assert form_signature(form)[2] == form_signature(orig[name])[2], name


def test_003_annual_half_as_its_own_table_below(tmp_path):
    """Some units split the 批复表: first the 中期 indicators, then the 年度 ones with their own heading."""
    sheets = load(S003)
    first = next(iter(sheets))
    g = sheets[first]
    hr, c1 = g.find("一级指标")
    ar, _ = g.find("市财政局批复意见")
    body = range(hr + 1, ar)
    n = len(body)
    g2, fn = insert_rows(g, ar, n + 2)
    # the 年度 half (二级/三级/计划指标值 columns) moves below, under its own heading
    top = ar + 1
    g2.set(top, 0, "年度绩效指标")
    for k, label in enumerate(("一级指标", "二级指标", "三级指标", "指标值（或计划水平）")):
        g2.set(top, c1 + k, label)
    for i, r in enumerate(body):
        g2.set(top + 1 + i, c1, g2.cells.get((r, c1)))
        for k in range(3):
            g2.set(top + 1 + i, c1 + 1 + k, g2.cells.pop((r, c1 + 4 + k), None))
    for k in range(3):
        g2.set(hr, c1 + 4 + k, None)
    g2.merges = [m for m in g2.merges if not (m[1] >= c1 + 4 and hr <= m[0] < ar)]
    g2.merges += [(top + 1 + (m[0] - hr - 1), m[1], top + 1 + (m[2] - hr - 1), m[3]) for m in g2.merges
                  if m[1] == c1 and hr < m[0] < ar]
    g2.set(hr - 1 if (hr - 1, 0) not in g2.cells else hr, 0, g2.cells.get((hr, 0)))
    sheets[first] = g2
    form = forms_by_sheet(save(tmp_path, sheets))[first]
    orig = forms_by_sheet(S003)[first]
    assert form.kind == "project_target"
    assert len(form.indicators) == len(orig.indicators)
    for a, b in zip(form.indicators, orig.indicators):
        assert (a.level1.value, a.medium_level3 and a.medium_level3.value, a.medium_target and a.medium_target.value) == \
               (b.level1.value, b.medium_level3 and b.medium_level3.value, b.medium_target and b.medium_target.value)
        assert (a.level3 and a.level3.value, a.target and a.target.value) == \
               (b.level3 and b.level3.value, b.target and b.target.value)
    assert form.get("approval") is not None and form.get("approval").value == orig.get("approval").value


# ------------------------------------------------------------------------------------------------
# 004 report variants

_004_SENTENCES = ("B9", "B11", "B19", "B34", "B36", "F38", "A41", "A48", "C55", "F62")


def test_004_report_typed_as_sentences_only(tmp_path):
    (name, g), = load(S004).items()
    keep = {parse_a1(a) for a in _004_SENTENCES + ("A1", "A9", "A11", "A19", "A34", "A36", "A38", "A54", "A62")}
    g.cells = {k: v for k, v in g.cells.items() if k in keep}
    g.merges = []
    g.cells[parse_a1("F62")] = "指标得分 50 分，自评得分 50 分。" + g.cells[parse_a1("F62")]
    form = one(save(tmp_path, {name: g}))
    assert form.kind == "dept_selfeval"
    assert form.year == 2023
    want = {"spend_initial": (616.96, "B19"), "spend_adjusted": (603.17, "B19"), "spend_final": (602.05, "B19"),
            "exec_rate": (99.81, "B19"), "income_initial": (616.96, "B11"), "income_adjusted": (603.17, "B11"),
            "income_final": (602.05, "B11"), "grade_stated": ("优", "B36"), "duty_weight": (50, "F38"),
            "duty_score": (49.98, "F38"), "rate_weight": (10, "C55"), "rate_score": (9.98, "C55"),
            "rate_initial": (616.96, "C55"), "rate_adjusted": (603.17, "C55"), "rate_actual": (602.05, "C55"),
            "rate_stated": (99.81, "C55"), "mgmt_weight": (50, "F62"), "mgmt_score": (50, "F62")}
    got = {k: (form.value(k), form.get(k).cell) for k in want if form.get(k) is not None}
    assert got == want
    shares = form.table("shares")
    assert [l.name.value for l in shares][:2] == ["基本支出", "项目支出"] and shares[0].values["share"].value == 95.36
    assert {l.name.value: l.values["count"].value for l in form.table("declared_counts")}["产出指标"] == 2
    assert form.indicators == []


def test_004_report_typed_as_tables_only(tmp_path):
    (name, g), = load(S004).items()
    for a in _004_SENTENCES:
        g.cells.pop(parse_a1(a), None)
    form = one(save(tmp_path, {name: g}))
    orig = one(S004)
    assert form.kind == "dept_selfeval"
    sentence_cells = set(_004_SENTENCES)
    want = {k: (f.value, f.cell) for k, f in orig.fields.items() if f.cell not in sentence_cells}
    got = {k: (f.value, f.cell) for k, f in form.fields.items()}
    assert got == want
    assert form_signature(form)[2] == form_signature(orig)[2]
    assert [l.values.get("score") and l.values["score"].value for l in form.table("blocks")] == [20, 20]
    assert len(form.table("shares")) == 6 and len(form.table("management")) == 30


# ------------------------------------------------------------------------------------------------
# Odd cells never crash the reader and never change the kind

ODD = [None, True, False, dt.datetime(2024, 12, 31), dt.date(2021, 1, 1), "#N/A", "#DIV/0!", "#REF!",
       "x" * 5000, "——", "　", "\n", 0.0, -1.5, 1e20, "=1人", Formula("1/0", "#DIV/0!"), Pct(0.999)]


@pytest.mark.parametrize("sample", [S000, S001, S002, S003, S004], ids=["000", "001", "002", "003", "004"])
def test_odd_cells_everywhere_in_value_positions(tmp_path, sample):
    sheets = load(sample)
    kinds = {f.sheet: f.kind for f in read(sample).forms}
    i = 0
    for g in sheets.values():
        for (r, c), v in sorted(g.cells.items()):
            if isinstance(v, (int, float)) or (isinstance(v, str) and len(v) < 12 and r % 3 == 0
                                               and not is_label(norm(v)) and "指标" not in v):
                g.cells[(r, c)] = ODD[i % len(ODD)]
                i += 1
        for k, v in list(g.cells.items()):
            if v is None:
                del g.cells[k]
    wb = read(save(tmp_path, sheets))
    got = {f.sheet: f.kind for f in wb.forms}
    for sheet, kind in kinds.items():
        assert got.get(sheet) == kind, sheet
    for form in wb.forms:
        list(form.all_fields())


def test_odd_cells_as_indicator_values_are_kept_raw(tmp_path):
    sheets = load(S002)
    g = sheets["项目自评"]
    hr, _ = g.find("年度指标值")
    tc = g.find("年度指标值")[1]
    odd = ["#N/A", True, dt.datetime(2021, 12, 31), "y" * 3000, 0.95]
    for k, v in enumerate(odd):
        g.set(hr + 1 + k, tc, v)
    form = forms_by_sheet(save(tmp_path, sheets))["项目自评"]
    assert form.kind == "project_selfeval" and len(form.indicators) == 13
    targets = [i.target for i in form.indicators[:5]]
    assert all(t is not None for t in targets)
    assert targets[2].value.kind == "time"
    assert targets[3].value.kind in ("text", "nonvalue")
