"""SheetView's precomputed structures against their plain definitions, on random grids.

The view builds its cell indexes in one pass for speed (``all_anchors``, ``own_row_cells``,
the label index, padded ``ntext`` rows, heading rows per column set); each must
say exactly what the cell-by-cell accessors say, including on ragged rows, merges reaching past the
grid, overlapping merges and merges too large to resolve (hostile files).
"""

from __future__ import annotations

import random

import pytest

from perfxl.forms.specs import INDICATOR_COLUMNS, TASK_COLUMNS
from perfxl.reader.sheet import SheetView
from perfxl.reader.tables import _matcher, heading_cells, heading_rows
from perfxl.workbook.base import SheetGrid

_WORDS = ("一级指标", "二级指标", "三级指标", "指标值", "任务名称", "金额合计", "其中：财政拨款", "资金总额（万元）",
          "其中：其他资金（万元）", "备注", "总分", "12", "≥95%", " ", "")


def _random_grid(seed: int) -> SheetGrid:
    rnd = random.Random(seed)
    height, width = rnd.randint(1, 14), rnd.randint(1, 7)
    rows = []
    for _ in range(height):
        n = width if rnd.random() < 0.7 else rnd.randint(0, width)  # some ragged rows
        rows.append([rnd.choice(_WORDS + (None, None, None, 3.5, 1.0)) for _ in range(n)])
    merged = []
    for _ in range(rnd.randint(0, 6)):
        r0, c0 = rnd.randrange(height + 2), rnd.randrange(width + 2)  # some reach past the grid
        merged.append((r0, c0, r0 + rnd.randint(0, 3), c0 + rnd.randint(0, 2)))
    if rnd.random() < 0.2:  # too large to resolve cell by cell
        r0, c0 = rnd.randrange(height), rnd.randrange(width)
        merged.append((r0, c0, r0 + 30000, c0))
    return SheetGrid("表", rows, merged)


def _row_cells(view: SheetView) -> list[list[tuple[int, int, str]]]:
    """The definition: a row's anchor cells, and the cells merged down onto it from above."""
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(view.height)]
    for r in range(view.height):
        for c in range(view.width):
            t = view.own_ntext(r, c)
            if t:
                end_row, end_col = view.span.get((r, c), (r, c))
                for rr in range(r, min(end_row, view.height - 1) + 1):
                    out[rr].append((c, end_col, t))
    return [sorted(cells) for cells in out]


@pytest.mark.parametrize("seed", range(300))
def test_indexes_say_what_the_cell_accessors_say(seed):
    view = SheetView(_random_grid(seed))
    assert view.all_anchors == [(r, c, view.own_ntext(r, c)) for r in range(view.height)
                                for c in range(view.width) if view.own_ntext(r, c)]
    row_cells = _row_cells(view)
    for r in range(view.height):
        assert view.own_row_cells[r] == [cell for cell in row_cells[r] if view.anchor(r, cell[0])[0] == r]
        row = view.ntext_row(r)
        for c in range(view.width + 3):
            assert (row[c] if c < len(row) else "") == view.ntext(r, c)
        cols = list(range(view.width + 1))
        for i in range(len(cols)):
            assert view.has_own_text(r, cols[i:]) == any(view.own_text(r, c) for c in cols[i:])


@pytest.mark.parametrize("seed", range(300))
def test_heading_rows_match_a_row_by_row_scan(seed):
    view = SheetView(_random_grid(seed))
    for columns in (INDICATOR_COLUMNS, TASK_COLUMNS):
        match = _matcher(columns)
        expected = {}
        for r, cells in enumerate(_row_cells(view)):
            found = [(c0, c1, match(t)) for c0, c1, t in cells if match(t)]
            if found:
                expected[r] = found
        assert heading_rows(view, columns) == expected
        for r in range(view.height + 1):
            assert heading_cells(view, r, columns) == expected.get(r, [])


def test_find_files_unit_and_qizhong_texts_under_their_label():
    rows = [["资金总额（万元）", "其中：财政拨款", "其中：其他资金（万元）", "其中：财政拨款"]]
    view = SheetView(SheetGrid("表", rows, []))
    assert view.find(("资金总额",)) == [(0, 0)]
    assert view.find(("资金总额（万元）",)) == []  # filed under its label only
    assert view.find(("财政拨款",)) == [(0, 1), (0, 3)]
    assert view.find(("其中财政拨款",)) == [(0, 1), (0, 3)]
    assert view.find(("其他资金",)) == [(0, 2)]
    assert view.find(("其中其他资金",)) == [(0, 2)]
    assert view.find(("资金",), prefix=True) == [(0, 0)]


@pytest.mark.parametrize("text", ["3", "1.2", "总分", "合计金额", "部门综合得分", "说明", "年度总体目标", "产出指标",
                                  "经济效益", "满意度", "指标值", "外出考察次数", ""])
def test_stop_row_text_classes_say_what_the_predicates_say(text):
    from perfxl.reader import tables

    tables._TEXT_CLASSES.clear()
    expected = ((tables._NUMBER if text.replace(".", "").isdigit() else 0)
                | (tables._STOP if text in tables.STOP_WORDS or text.endswith("综合得分")
                   or text.startswith(("合计", "总分")) else 0)
                | (tables._SCALAR_LABEL if tables.is_label(text) and not tables._is_category(text) else 0))
    assert tables._text_class(text) == expected
    assert tables._TEXT_CLASSES[text] == expected  # memoised for the next sheet
