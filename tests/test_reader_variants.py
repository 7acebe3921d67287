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

from perfxl.reader import read_workbook
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
