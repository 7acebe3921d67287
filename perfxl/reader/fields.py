"""Scalar fields: a label cell and the value beside it, typed and remembering its cell.

``convert`` memoises its results per (kind, cell value, indicator name) for the whole process:
the same amounts, rates and 指标值 texts recur across the rows, sheets and files of a bulk check,
and parsing a 指标值 is the costliest step of making a Field. Safe because every result is
immutable (float, int, str, or a frozen ``perfxl.values.Value``). Bounded: cleared when full.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any, Iterable

from perfxl.forms.specs import (
    HEADER_FIELDS, DEPT_TARGET_FIELDS, PROJECT_TARGET_FIELDS, PROJECT_SELFEVAL_FIELDS,
    DEPT_SELFEVAL_FIELDS, INDICATOR_COLUMNS, PRIOR_YEAR_COLUMNS, SPENDING_COLUMNS, TASK_COLUMNS,
    SELFEVAL_FUND_COLUMNS, SELFEVAL_FUND_ROWS, SPENDING_ROLES, FieldSpec,
)
from perfxl.labels import clean_text, norm, norm_labels
from perfxl.model import Field
from perfxl.reader.sheet import SheetView
from perfxl.values import parse_number, parse_percent, parse_value

# Short words between a label and its value that are not the value ("财政拨款 | 小计 | 233.35").
_CONNECTORS = {"小计", "合计", "其中", "万元", "元", "金额", "全年预算数", "预算数"}


def _all_label_norms() -> frozenset[str]:
    labels: set[str] = set()
    for group in (HEADER_FIELDS, DEPT_TARGET_FIELDS, PROJECT_TARGET_FIELDS, PROJECT_SELFEVAL_FIELDS,
                  DEPT_SELFEVAL_FIELDS):
        for spec in group:
            labels.update(norm(l) for l in spec.labels)
    for columns in (INDICATOR_COLUMNS, PRIOR_YEAR_COLUMNS, SPENDING_COLUMNS, TASK_COLUMNS, SELFEVAL_FUND_COLUMNS):
        for col in columns:
            labels.update(norm(l) for l in col.labels)
    for variants in list(SELFEVAL_FUND_ROWS.values()) + list(SPENDING_ROLES.values()):
        labels.update(norm(l) for l in variants)
    labels.update(norm(x) for x in ("收入", "支出", "绩效指标", "总体目标", "年度绩效指标", "项目资金万元",
                                     "年度总体目标", "上年预算执行情况", "年度主要任务及预算构成",
                                     "一般性支出情况", "年度履职目标", "总分", "说明", "受访人群满意度",
                                     "指标得分", "自评得分", "履职效能", "管理效率", "部门预算资金支出率"))
    labels.discard("")
    return frozenset(labels)


KNOWN_LABELS = _all_label_norms()


def is_label(ntext: str) -> bool:
    return ntext in KNOWN_LABELS


def _field_maker():
    """``new_field(key, kind, value, raw, sheet, cell)``: the same object as ``Field(...)``.

    A frozen dataclass's ``__init__`` sets each attribute through ``object.__setattr__``; filling
    ``__dict__`` at once takes half the time, and the reader makes a Field for every cell it
    reads. Used only while Field is the plain six-field dataclass this assumes.
    """
    names = tuple(f.name for f in dataclasses.fields(Field))
    plain = (names == ("key", "kind", "value", "raw", "sheet", "cell")
             and not hasattr(Field, "__post_init__") and "__slots__" not in vars(Field)
             and "__mypyc_attrs__" not in vars(Field))  # compiled by mypyc: no instance __dict__
    if not plain:
        return lambda key, kind, value, raw, sheet, cell: Field(key, kind, value, raw, sheet, cell)
    new = object.__new__

    def new_field(key: str, kind: str, value, raw: str, sheet: str, cell: str) -> Field:
        f = new(Field)
        # item by item into the instance's own __dict__: quicker than replacing it with a new dict
        d = f.__dict__
        d["key"] = key
        d["kind"] = kind
        d["value"] = value
        d["raw"] = raw
        d["sheet"] = sheet
        d["cell"] = cell
        return f

    return new_field


new_field = _field_maker()


def typed(view: SheetView, key: str, kind: str, r: int, c: int, *, name: str | None = None,
          raw_override: str | None = None) -> Field:
    """A Field for the cell at (r, c) typed by ``kind``."""
    ref, cell_value, raw = view.source(r, c)
    if raw_override is not None:
        cell_value = raw = raw_override
    return new_field(key, kind, convert(kind, cell_value, name=name), raw, view.name, ref)


def text_field(view: SheetView, key: str, kind: str, text: str, r: int, c: int, *, name: str | None = None) -> Field:
    """A Field whose value comes from part of a cell's text (a sentence, "预算单位：XX")."""
    return new_field(key, kind, convert(kind, text, name=name), text, view.name, view.ref(r, c))


def convert(kind: str, value: Any, *, name: str | None = None) -> Any:
    if value is None:
        return None
    vtype = type(value)
    if vtype is str and kind not in _NON_TEXT_KINDS:  # the common case, without the chain below
        return value.strip() or None
    # Memoised for str and non-zero float cells (see the module docstring); the key holds the type
    # because True == 1 == 1.0, and zero is left out because -0.0 == 0.0 parse to different signs.
    if (vtype is str or (vtype is float and value)) and (name is None or type(name) is str):
        key = (kind, vtype, value, name)
        hit = _CONVERTED.get(key, _MISS)
        if hit is _MISS:
            hit = _convert(kind, value, name)
            if len(_CONVERTED) >= _CONVERTED_MAX:
                _CONVERTED.clear()
            _CONVERTED[key] = hit
        return hit
    return _convert(kind, value, name)


_MISS = object()
_CONVERTED: dict[tuple, object] = {}
_CONVERTED_MAX = 10_000


def _convert(kind: str, value: object, name: str | None):
    if isinstance(value, str) and not value.strip():
        return None
    if kind in ("money", "score"):
        return parse_number(value)
    if kind == "pct":
        return parse_percent(value)
    if kind in ("int", "year"):
        n = parse_number(value)
        return int(n) if n is not None and abs(n - round(n)) < 1e-9 else None
    if kind == "value":
        return parse_value(value, name=name)
    text = value if isinstance(value, str) else clean_text(value)
    text = text.strip()
    return text or None


_NON_TEXT_KINDS = frozenset(("money", "score", "pct", "int", "year", "value"))


_EARLY_COLON = re.compile(r"^([^:：]{1,24}?)\s*(?:[（(]\s*万?元\s*[)）])?\s*[:：]")


def _colon_cells(view: SheetView) -> dict[str, list[tuple[int, int]]]:
    """Cells that start "label：" by their normalised label (built once per sheet)."""
    index = view.memo.get("colon_cells")
    if index is None:
        index = view.memo["colon_cells"] = {}
        for r, c, text in view.anchors_containing("：", ":"):
            m = _EARLY_COLON.match(text)
            if m:
                index.setdefault(norm(m.group(1)), []).append((r, c))
    return index


def find_scalar(view: SheetView, spec: FieldSpec, *, taken: set[tuple[int, int]] | None = None,
                rows: range | None = None, skip_rows: set[int] | frozenset[int] = frozenset(),
                direction: str = "auto") -> Field | None:
    """Find ``spec``'s label and read the value next to it.

    ``direction``: "right" (label | value), "below" (heading over value) or "auto" (right, unless
    the right neighbour is another label or nothing, then below).
    """
    taken = taken if taken is not None else set()
    hits = view.find(spec.labels, prefix=spec.prefix or spec.heading, rows=rows)
    if not spec.prefix:
        # "项目名称：XX", "主管部门：市商务局" — any label may be typed with its value after a colon
        # (only the few cells holding a colon are candidates: no prefix scan of the whole sheet)
        index = _colon_cells(view)
        colon = [(r, c) for nl in norm_labels(spec.labels) for r, c in index.get(nl, ())
                 if (rows is None or r in rows) and (r, c) not in hits
                 and _colon_value(view.text(r, c), spec.labels)]
        if colon:
            hits = sorted(hits + colon)
    for r, c in hits:
        if (r, c) in taken or r in skip_rows:
            continue
        f = read_beside(view, spec.key, spec.kind, r, c, spec=spec, direction=direction)
        if f is not None:
            taken.add((r, c))
            return f
    return None


def read_beside(view: SheetView, key: str, kind: str, r: int, c: int, *, spec: FieldSpec | None = None,
                direction: str = "auto") -> Field | None:
    label_text = view.text(r, c)
    ntext = view.ntext(r, c)
    # "预算单位：中国国际贸易促进委员会东莞市委员会" — label and value in one cell
    if spec is not None and spec.prefix:
        for lab, nl in zip(spec.labels, norm_labels(spec.labels)):
            if ntext.startswith(nl) and len(ntext) > len(nl):
                rest = _after_label(label_text, lab)
                if rest:
                    return text_field(view, key, kind, rest, r, c)
    elif spec is not None:
        rest = _colon_value(label_text, spec.labels)
        if rest:
            return text_field(view, key, kind, rest, r, c)
    numeric = kind in ("money", "int", "pct", "score", "year")
    adj = view.adjacent_right(r, c)
    if direction in ("auto", "right"):
        pos = view.next_right(r, c)
        while pos is not None and numeric and view.ntext(*pos) in _CONNECTORS:
            pos = view.next_right(*pos)  # "财政拨款 | 小计 | 233.35"
        if pos is not None and not is_label(view.ntext(*pos)):
            # the first filled cell is the value when it is adjacent, a number where a number is due,
            # or text at most two blank columns away; anything further belongs to another block
            near = adj is not None and pos[1] - adj[1] <= 2
            if pos == adj or (numeric and parse_number(view.raw(*pos)) is not None) or (not numeric and near):
                return typed(view, key, kind, *pos)
        left = view.anchor(r, c - 1) if c > 0 else None
        # "… | 指标得分 | 自评得分": a label on the same row just before this one (not a block label
        # merged down from above)
        in_heading_row = left is not None and left[0] == r and is_label(view.ntext(*left))
        if direction == "auto" and adj is not None and not view.ntext(*adj) and _value_box_below(view, r, c):
            pass  # "年度目标" over its text box, a blank cell (a 备注 column …) to its right
        elif direction == "right" or (adj is not None and not is_label(view.ntext(*adj)) and not in_heading_row):
            return typed(view, key, kind, *_blank_box(view, adj)) if adj else None
    if direction in ("auto", "below"):
        # a column heading ("预期目标 | 实际完成情况", "年初预算金额 | 调整后预算金额"): the value is
        # the cell right under it, filled or not
        row = view.end_row(r, c) + 1
        if row < view.height:
            below = view.anchor(row, c)
            if not is_label(view.ntext(*below)):
                return typed(view, key, kind, *below)
    if adj is not None and not is_label(view.ntext(*adj)):
        return typed(view, key, kind, *adj)
    return None


def _value_box_below(view: SheetView, r: int, c: int) -> bool:
    """A filled, non-label cell right under the label cell with the same columns (heading over value)."""
    row = view.end_row(r, c) + 1
    if row >= view.height:
        return False
    below = view.anchor(row, c)
    t = view.ntext(*below)
    if not t or is_label(t) or below[1] != view.anchor(r, c)[1] or view.end_col(*below) != view.end_col(r, c):
        return False
    # a block label of the next rows ("年度预算安排（万元） | 资金总额 | 80.01") is no value box: its
    # right neighbour is a label
    nxt = view.next_right(*below, limit=3)
    return nxt is None or nxt[0] != below[0] or not is_label(view.ntext(*nxt))


def _blank_box(view: SheetView, adj: tuple[int, int]) -> tuple[int, int]:
    """The value box of a blank value: a single blank cell (an inserted 序号 column) right before a
    blank merged box is not the box; the box is."""
    r, c = adj
    if view.ntext(r, c) or view.end_col(r, c) != c or view.end_row(r, c) != r:
        return adj
    nxt = view.anchor(r, c + 1)
    if c + 1 < view.width and nxt == (r, c + 1) and not view.ntext(*nxt) and view.end_col(*nxt) > c + 1:
        return nxt
    return adj


def _colon_value(text: str, labels: tuple[str, ...]) -> str:
    """'项目名称：XX' -> 'XX' when the cell starts with one of ``labels`` and a colon; else ''."""
    if ":" not in text and "：" not in text:
        return ""
    return next((rest for lab in labels if (rest := _after_label(text, lab, colon=True))), "")


_UNIT_THEN_COLON = r"\s*(?:[（(]\s*万?元\s*[)）])?\s*[:：]\s*"  # "资金总额（万元）：…"
_OPTIONAL_COLON = r"\s*[:：]?\s*"


def _after_label(text: str, label: str, *, colon: bool = False) -> str:
    """'预算单位：XX' -> 'XX' (tolerating spaces inside the label); with ``colon`` a colon is
    required and may follow a "（万元）"."""
    m = _label_pattern(label, colon).match(text)
    return text[m.end():].strip() if m else ""


@lru_cache(maxsize=4096)  # the specs' labels: a few hundred
def _label_pattern(label: str, colon: bool) -> re.Pattern[str]:
    pattern = r"\s*".join(re.escape(ch) for ch in label if not ch.isspace())
    return re.compile(r"\s*" + pattern + (_UNIT_THEN_COLON if colon else _OPTIONAL_COLON))


YEAR_RE = re.compile(r"(20\d{2})\s*年")


def find_title_and_year(view: SheetView, title_words: Iterable[str]) -> tuple[Field | None, Field | None]:
    """The form title (a top cell naming the form) and the year.

    The year comes from a short "(2024 年度)" / "2024年度" line in the top rows, else from the title
    ("2021年…自评表"), else from a "年度 | 2025" pair (the templates).
    """
    words = [norm(w) for w in title_words]
    top = range(0, min(view.height, 12))
    title = None
    year_line = None
    for r, c, t in view.all_anchors:  # in sheet order, like row_anchors() row by row
        if r >= top.stop:
            break
        if title is None and any(w in t for w in words):
            title = (r, c)
        if year_line is None and "年度" in t and len(t) <= 40 and YEAR_RE.search(t):
            year_line = (r, c)
    year = None
    for pos in (year_line, title):
        if pos is not None:
            m = YEAR_RE.search(view.ntext(*pos))
            if m:
                year = text_field(view, "year", "year", m.group(1), *pos)
                break
    if year is None:
        for r, c in view.find(("年度", "填报年度", "预算年度"), rows=top):
            pos = view.next_right(r, c)
            n = parse_number(view.raw(*pos)) if pos else None
            if pos is not None and n is not None and 2000 <= n < 2100:
                year = typed(view, "year", "year", pos[0], pos[1])
                break
    return (typed(view, "title", "text", *title) if title else None), year
