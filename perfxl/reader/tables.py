"""Indicator tables, found by their heading rows (see ``perfxl.reader.lines`` for the small line tables).

A heading row is recognised by the column labels it holds (``specs.INDICATOR_COLUMNS`` …), wherever
it sits and in whatever column order. Data rows follow until a stop row (总分, 说明, 批复意见, the
next heading row, a scalar label) or three blank rows. 一级/二级 category cells are merged
vertically in the official layouts and simply left blank in many hand-typed copies: both are read
as "same as above".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perfxl.forms.specs import INDICATOR_COLUMNS, INDICATOR_EXTRA_KEYS, ColumnSpec
from perfxl.labels import norm, strip_indicator_number
from perfxl.model import Field, Indicator
from perfxl.reader.fields import is_label, new_field, typed
from perfxl.reader.sheet import SheetView

LEVELS = ("level1", "level2", "level3")
VALUE_KEYS = ("target", "half_target", "medium_target", "actual", "weight", "score")
STOP_WORDS = frozenset(norm(w) for w in (
    "总分", "合计", "总计", "说明", "备注", "市财政局批复意见", "财政局批复意见", "批复意见", "财政部门审核意见",
    "综合得分", "金额合计", "填表说明", "审核意见",
))
# A heading merged over the three level columns, as in 004 ("根据《部门预算绩效目标申报表》填列…")
_LEVELS_HEADING_STEMS = ("根据部门预算绩效目标申报表填列", "指标名称一级二级三级")
_MAX_HEADING_LEN = 24


class _ColumnMatcher:
    """Exact label lookup plus longest-prefix fallback, precomputed once per column set."""

    def __init__(self, columns: tuple[ColumnSpec, ...]):
        self.exact: dict[str, str] = {}
        stems: list[tuple[str, str]] = []
        for col in columns:
            for lab in col.labels:
                nl = norm(lab)
                self.exact.setdefault(nl, col.key)
                if len(nl) >= 3:
                    stems.append((nl, col.key))
        self.stems = sorted(stems, key=lambda s: -len(s[0]))
        self.memo: dict[str, str | None] = {}

    def __call__(self, ntext: str) -> str | None:
        hit = self.memo.get(ntext, "")
        if hit != "":
            return hit
        key = self._match(ntext)
        if len(self.memo) < 50000:
            self.memo[ntext] = key
        return key

    def _match(self, ntext: str) -> str | None:
        if not ntext:
            return None
        if any(ntext.startswith(s) for s in _LEVELS_HEADING_STEMS):
            return "levels"
        if len(ntext) > _MAX_HEADING_LEN:
            return None
        if ntext in self.exact:
            return self.exact[ntext]
        for stem, key in self.stems:
            # a truncated or qualified heading ("计划指标值（或平）", "分值（10分）"), never a longer
            # label that merely begins like one ("年度主要任务及预算构成")
            if ntext.startswith(stem) and len(ntext) - len(stem) <= 4:
                return key
        return None


_MATCHERS: dict[int, _ColumnMatcher] = {}


def _matcher(columns: tuple[ColumnSpec, ...]) -> _ColumnMatcher:
    """The matcher of a column set (the specs' constant tuples), built on first use."""
    matcher = _MATCHERS.get(id(columns))
    if matcher is None:
        matcher = _MATCHERS[id(columns)] = _ColumnMatcher(columns)
    return matcher


@dataclass
class Heading:
    row: int  # last row of the heading block
    first_row: int
    columns: dict[str, int] = field(default_factory=dict)  # key -> column
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    first_col: int = 0
    last_col: int = 0
    text_left: str = ""  # normalised text left of the table on the heading row ("一般性支出情况")


def heading_cells(view: SheetView, r: int, columns: tuple[ColumnSpec, ...]) -> list[tuple[int, int, str]]:
    """(first_col, last_col, key) of every recognised heading on row r (merged cells resolved)."""
    return list(heading_rows(view, columns).get(r, ()))


def heading_rows(view: SheetView, columns: tuple[ColumnSpec, ...]) -> dict[int, list[tuple[int, int, str]]]:
    """Row -> ``heading_cells`` of that row, for the rows that hold a heading of ``columns``, in
    sheet order. A heading merged down over several rows counts on each of them.

    Found once per sheet and column set (memoised in ``view.memo``) from the sheet's distinct cell
    texts: most cells are no heading, and the form readers look for the same headings row by row
    several times (task tables: three tries over every row).
    """
    memo_key = ("heading_rows", id(columns))
    by_row = view.memo.get(memo_key)
    if by_row is not None:
        return by_row
    matcher = _matcher(columns)
    known = matcher.memo
    span = view.span
    last_row = view.height - 1
    hits: list[tuple[int, int, int, str, str]] = []
    for t, cells in view.cells_by_text.items():
        key = known.get(t, "")
        if key == "":
            key = matcher(t)
        if not key:
            continue
        for r, c in cells:
            end_row, end_col = span.get((r, c), (r, c))
            for rr in range(r, min(end_row, last_row) + 1):
                hits.append((rr, c, end_col, t, key))
    hits.sort()  # by row, then by column, last column and text, as ever
    by_row = {}
    for r, c0, c1, _, key in hits:
        cells_of_row = by_row.get(r)
        if cells_of_row is None:
            by_row[r] = [(c0, c1, key)]
        else:
            cells_of_row.append((c0, c1, key))
    view.memo[memo_key] = by_row
    return by_row


_LEVEL_KEYS = frozenset(("level1", "level2", "level3", "levels"))
_VALUE_KEYS = frozenset(VALUE_KEYS)


def find_indicator_headings(view: SheetView) -> list[Heading]:
    headings: list[Heading] = []
    next_row = 0  # below the last heading block found
    for r, cells in heading_rows(view, INDICATOR_COLUMNS).items():
        if r < next_row or len(cells) < 2:  # a heading row names a level column and a value column
            continue
        keys = {k for _, _, k in cells}
        if not keys.isdisjoint(_LEVEL_KEYS) and not keys.isdisjoint(_VALUE_KEYS):
            h = _build_heading(view, r, cells)
            headings.append(h)
            next_row = h.row + 1
    return headings


def _build_heading(view: SheetView, r: int, cells: list[tuple[int, int, str]]) -> Heading:
    h = Heading(row=r, first_row=r)
    # A heading block may be two rows deep (merged vertically): the data starts below the deepest.
    h.row = max(view.end_row(r, c0) for c0, _, _ in cells)
    level2_cols = [c0 for c0, _, k in cells if k == "level2"]
    level3_cols = [c0 for c0, _, k in cells if k == "level3"]
    split = None  # project_target: the second 二级/三级 group is the 年度 half
    if len(level2_cols) >= 2:
        split = level2_cols[1]
    elif len(level3_cols) >= 2:
        split = level3_cols[1]
    for c0, c1, key in cells:
        if split is not None and c0 < split and key in ("level2", "level3", "target"):
            key = {"level2": "medium_level2", "level3": "medium_level3", "target": "medium_target"}[key]
        if key == "levels":
            taken_cols = {a for a, _, _ in cells}
            for i, lk in enumerate(LEVELS):
                # merged over the three level columns (004), or typed once with the next
                # heading cells left blank: the blank columns are the lower levels
                if c0 + i <= c1 or (i and c0 + i < view.width and c0 + i not in taken_cols
                                    and _blank_heading(view, r, c0 + i, h.row)):
                    h.columns.setdefault(lk, c0 + i)
                else:
                    break
            continue
        if key in h.columns:
            continue
        h.columns[key] = c0
        h.spans[key] = (c0, c1)
    # "一级指标" merged over the 一级/二级/三级 columns (001): spread the missing levels over the span
    if "level1" in h.spans:
        c0, c1 = h.spans["level1"]
        nxt = c0 + 1
        for lk in ("level2", "level3"):
            if lk not in h.columns and "medium_" + lk not in h.columns and nxt <= c1:
                h.columns[lk] = nxt
                nxt += 1
        # ... or written once with the 二级/三级 heading cells simply left blank: the blank
        # columns between 一级指标 and the next heading are the missing levels
        taken = set(h.columns.values())
        for lk in ("level2", "level3"):
            if lk in h.columns or "medium_" + lk in h.columns:
                continue
            if nxt in taken or nxt >= view.width or not _blank_heading(view, r, nxt, h.row):
                break
            h.columns[lk] = nxt
            nxt += 1
    h.first_col = min(h.columns.values())
    h.last_col = max(max(h.columns.values()), max(c1 for _, c1, _ in cells))
    h.text_left = "".join(view.ntext(r, c) for c in range(0, h.first_col))
    return h


def _stop_params(h: Heading) -> tuple[tuple[int, int] | None, int]:
    """(name..value column span, 一级 column) of heading ``h``, as ``is_stop_row`` uses them."""
    name_col = h.columns.get("level3", h.columns.get("level2"))
    value_col = next((h.columns[k] for k in ("target", "medium_target", "actual") if k in h.columns), None)
    span = (min(name_col, value_col), max(name_col, value_col)) if name_col is not None and value_col is not None else None
    return span, h.columns.get("level1", h.first_col)


def _blank_heading(view: SheetView, r: int, c: int, last_row: int) -> bool:
    """No heading text in column c on the heading row(s) r..last_row."""
    return all(not view.ntext(rr, c) for rr in range(r, last_row + 1))


def is_stop_row(view: SheetView, r: int, h: Heading,
                params: tuple[tuple[int, int] | None, int] | None = None) -> bool:
    """``params``: ``_stop_params(h)``, computed once per table by ``read_indicators``."""
    span, level1_col = params or _stop_params(h)
    first_col = h.first_col
    # a cell spans the name..value columns when c0 <= span_first and c1 >= span_last
    span_first, span_last = span if span is not None else (-1, -1)
    classes = _TEXT_CLASSES
    for c0, c1, t in view.own_row_cells[r]:  # not the cells merged down from a row above
        cls = classes.get(t)
        if cls is None:
            cls = _text_class(t)
        if not cls and c0 >= first_col and (c0 > span_first or c1 < span_last):
            continue  # an indicator's name or value: none of the tests below can stop the table
        # a new block starts left of a table that has no margin column of its own ("绩效指标",
        # "自评指标"); a 序号 number there is still part of the row
        if c0 < first_col and not cls & _NUMBER:
            if not h.text_left:
                return True
            # the table's margin label ("绩效指标") is merged down beside it or typed on its first
            # row; a text of its own in that margin further down starts the next block
            # ("部门整体收支情况" under 004's target table)
            if r > h.row + 1 and t != view.ntext(h.first_row, c0):
                return True
        # one cell spanning the name and value columns is a paragraph, not an indicator row
        if c0 <= span_first and c1 >= span_last:
            return True
        if c0 > h.last_col:
            continue
        if cls & _STOP:
            return True
        # a scalar label (年度总体目标, 市财政局批复意见 …) left of the table or in its 一级 column
        if c0 <= level1_col and cls & _SCALAR_LABEL:
            return True
    return False


# what is_stop_row asks of a cell's normalised text, as bits
_NUMBER = 1  # a 序号 ("3", "1.2")
_STOP = 2  # a closing word (总分, 说明, 合计 …)
_SCALAR_LABEL = 4  # a scalar label, not an indicator category
_TEXT_CLASSES: dict[str, int] = {}  # by text: the same labels recur on every sheet; bounded
_TEXT_CLASSES_MAX = 20_000


def _text_class(t: str) -> int:
    cls = ((_NUMBER if t.replace(".", "").isdigit() else 0)
           | (_STOP if t in STOP_WORDS or t.endswith("综合得分") or t.startswith(("合计", "总分")) else 0)
           | (_SCALAR_LABEL if is_label(t) and not _is_category(t) else 0))
    if len(_TEXT_CLASSES) >= _TEXT_CLASSES_MAX:
        _TEXT_CLASSES.clear()
    _TEXT_CLASSES[t] = cls
    return cls


def _is_category(t: str) -> bool:
    return t.endswith("指标") or t.endswith("效益") or t in ("满意度", "受访人群满意度")


def read_indicators(view: SheetView, h: Heading, end_row: int, *, block: str = "") -> tuple[list[Indicator], int]:
    """Indicator rows below heading ``h`` up to ``end_row`` (exclusive); returns (rows, stop_row)."""
    out: list[Indicator] = []
    carry: dict[str, Field | None] = {"level1": None, "level2": None, "medium_level2": None}
    params = _stop_params(h)
    plan = _RowPlan(h)
    blanks = 0
    r = h.row + 1
    while r < end_row:
        if view.is_blank_row(r):
            blanks += 1
            if blanks >= 3:
                break
            r += 1
            continue
        blanks = 0
        if is_stop_row(view, r, h, params):
            break
        ind = _read_row(view, plan, r, carry, block)
        if ind is not None:
            out.append(ind)
        r += 1
    return out, r


class _RowPlan:
    """Which columns of a heading ``_read_row`` reads, and how — worked out once per table."""

    __slots__ = ("content", "level1", "levels", "names", "values", "typed", "extra")

    def __init__(self, h: Heading):
        cols = h.columns
        self.content = [c for k, c in cols.items() if k != "level1"]
        self.level1 = cols.get("level1")
        self.levels: list[tuple[str, int]] = [(lk, cols[lk]) for lk in ("level1", "level2", "medium_level2") if lk in cols]
        self.names: list[tuple[str, int]] = [(lk, cols[lk]) for lk in ("level3", "medium_level3") if lk in cols]
        self.values: list[tuple[str, int]] = [(k, cols[k]) for k in ("target", "half_target", "medium_target", "actual") if k in cols]
        self.typed = [(k, kind, cols[k]) for k, kind in (("completion_rate", "pct"), ("weight", "score"),
                                                        ("score", "score"), ("deviation", "text")) if k in cols]
        self.extra = [(k, "enum" if k == "review" else "text", cols[k]) for k in INDICATOR_EXTRA_KEYS if k in cols]


def _read_row(view: SheetView, plan: _RowPlan, r: int, carry: dict, block: str) -> Indicator | None:
    if not view.has_own_text(r, plan.content):
        # only a category cell (merged down or a lone 一级 label): update the carry, no indicator
        if plan.level1 is not None and view.own_text(r, plan.level1):
            carry["level1"] = typed(view, "level1", "text", r, plan.level1)
            carry["level2"] = carry["medium_level2"] = None
        return None
    # the row's fields, gathered first: one Indicator(...) call instead of a setattr per column
    found: dict[str, Any] = {}  # Field, or the dict of extra columns
    ntext = view.ntext_row(r)
    width = len(ntext)
    for lk, c in plan.levels:
        if c < width and ntext[c]:
            prev = carry[lk]
            if prev is None or prev.cell != view.ref(r, c):  # merged down: the same Field again
                f = typed(view, lk, "text", r, c)
                if lk == "level1":
                    carry["level2"] = carry["medium_level2"] = None
                carry[lk] = f
        found[lk] = carry[lk]
    name = ""
    for lk, c in plan.names:
        if c < width and ntext[c]:
            ref, _, raw = view.source(r, c)
            value = strip_indicator_number(raw) or None
            found[lk] = new_field(lk, "text", value, raw, view.name, ref)
            if lk == "level3" or not name:
                name = value or ""
    medium_level3 = found.get("medium_level3")
    if not name and medium_level3 is not None:
        name = medium_level3.value or ""
    for key, c in plan.values:
        nm = name
        if key == "medium_target" and medium_level3 is not None:
            nm = medium_level3.value or name
        if not nm and found.get("level2") is not None and type(view.raw(r, c)) is float:
            # a 0.95 cell on a row without a 三级 name: "服务对象满意度指标" gives the unit
            nm = (found["level2"].value or "").removesuffix("指标")
        found[key] = typed(view, key, "value", r, c, name=nm or None)
    for key, kind, c in plan.typed:
        found[key] = typed(view, key, kind, r, c)
    if plan.extra:
        found["extra"] = {key: typed(view, key, kind, r, c) for key, kind, c in plan.extra}
    return Indicator(view.name, r + 1, block=block, **found)
