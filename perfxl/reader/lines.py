"""Small line tables (tasks, funds, prior year, shares …): a heading row, then one Line per row.

The heading row is found like an indicator table's (``tables.heading_rows``); rows follow until a
blank row, a label of another block or a 合计 row.
"""

from __future__ import annotations

from perfxl.forms.specs import ColumnSpec
from perfxl.labels import norm
from perfxl.model import Line
from perfxl.reader.fields import is_label, typed
from perfxl.reader.sheet import SheetView
from perfxl.reader.tables import STOP_WORDS, heading_rows


def find_heading_row(view: SheetView, columns: tuple[ColumnSpec, ...], *, min_matches: int = 2,
                     rows: range | None = None, require: tuple[str, ...] = ()) -> tuple[int, dict[str, int]] | None:
    by_row = heading_rows(view, columns)
    for r in rows or range(view.height):
        cells = by_row.get(r)
        if not cells:  # neither a heading row nor the sub-heading row of one
            continue
        keys: dict[str, int] = {}
        for c0, _, k in cells:
            keys.setdefault(k, c0)
        if len(keys) >= min_matches and all(k in keys for k in require):
            return r, keys
        # a two-row heading typed without merges (002: "任务名称 | 当年预算金额" above
        # "总额 | 财政拨款 | 其他资金"): the sub-heading row borrows the row above's labels
        if r > 0 and len(keys) >= 2 and require and not all(k in keys for k in require):
            used = set(keys.values())
            merged = dict(keys)
            for c0, _, k in by_row.get(r - 1, ()):
                if c0 not in used and not view.own_text(r, c0):
                    merged.setdefault(k, c0)
            if len(merged) >= min_matches and all(k in merged for k in require):
                return r, merged
    return None


def read_lines(view: SheetView, r0: int, colmap: dict[str, int], kinds: dict[str, str], *,
               name_col: int | None, stop: int | None = None, max_rows: int = 60,
               roles: dict[str, tuple[str, ...]] | None = None, stop_on_label: bool = True) -> list[Line]:
    """Rows below a heading row r0 as Lines; stops at a blank row or a label outside ``roles``."""
    out: list[Line] = []
    stop = min(stop or view.height, r0 + 1 + max_rows)
    first_value_col = min(colmap.values()) if colmap else view.width
    last_col = max(colmap.values()) if colmap else view.width
    for r in range(view.end_row(r0, first_value_col) + 1, stop):
        if view.is_blank_row(r):
            break
        name = None
        role = ""
        # the row's name: the rightmost non-empty text left of the value columns
        for c in range(first_value_col - 1, -1, -1):
            # a block label merged down from above ("年度履职目标") is not this row's name
            if view.ntext(r, c) and view.anchor(r, c)[0] == r and (name_col is None or c >= name_col):
                ar, ac = view.anchor(r, c)
                name = typed(view, "name", "text", ar, ac)
                break
        nname = norm(name.raw) if name else ""
        if roles:
            for role_key, variants in roles.items():
                if nname in {norm(v) for v in variants}:
                    role = role_key
                    break
        if stop_on_label and not role and nname and is_label(nname) and nname not in STOP_WORDS:
            break
        values = {k: typed(view, k, kinds.get(k, "text"), r, c) for k, c in colmap.items()}
        own_texts = [t for c0, _, t in view.own_row_cells[r] if c0 <= last_col]
        closing = not role and any(t in STOP_WORDS or t.startswith(("合计", "金额合计", "总计")) for t in own_texts)
        if closing:  # the 合计 label merged over text columns is not a value of those columns
            values = {k: v for k, v in values.items() if not _is_total_word(norm(v.raw))}
        out.append(Line(sheet=view.name, row=r + 1, name=name, values=values, role="total" if closing else role))
        if closing:  # 金额合计 / 合计 closes the table
            break
    return out


def _is_total_word(t: str) -> bool:
    return t in STOP_WORDS or t.startswith(("合计", "金额合计", "总计"))
