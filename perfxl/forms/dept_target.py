"""部门整体支出绩效目标表 (seeds 000, 001, 002's second table)."""

from __future__ import annotations

import re

from perfxl.forms.common import Context, read_header, read_indicator_tables
from perfxl.forms.specs import (
    DEPT_TARGET_FIELDS, PRIOR_YEAR_COLUMNS, SPENDING_COLUMNS, SPENDING_ROLES, TASK_COLUMNS,
)
from perfxl.labels import norm
from perfxl.model import Field, Form, Line
from perfxl.reader.fields import is_label, text_field, typed
from perfxl.reader.lines import find_heading_row, read_lines
from perfxl.reader.tables import heading_cells
from perfxl.values import parse_number
from perfxl.workbook.base import parse_a1

KIND = "dept_target"
_QUOTA_RE = re.compile(r"编制(?:数|人数)?(?:为)?\s*(\d+)\s*(?:人|名)")
_ACTUAL_RE = re.compile(r"实有(?:在职)?(?:人数|人员)?(?:为)?\s*(\d+)\s*(?:人|名)")


def read(ctx: Context) -> Form:
    form = Form(kind=KIND, sheet=ctx.view.name)
    general = [h for h in ctx.headings if "一般性支出" in h.text_left]
    for h, rows in read_indicator_tables(ctx, ctx.headings):
        if h in general:
            form.tables.setdefault("general_spending", []).extend(
                Line(sheet=ind.sheet, row=ind.row, name=ind.level3,
                     values={k: v for k, v in [("target", ind.target), *ind.extra.items()] if v is not None})
                for ind in rows)
        else:
            form.indicators.extend(rows)
    read_header(ctx, form, ("unit_name", "budget_code", "contact", "phone"))
    _read_tasks(ctx, form)
    _read_prior_year(ctx, form)
    _read_spending(ctx, form)
    ctx.scalars(form, DEPT_TARGET_FIELDS)
    _staffing_from_text(ctx, form)
    return form


def _read_tasks(ctx: Context, form: Form) -> None:
    view = ctx.view
    found = None
    for req in (("task",), ("project", "amount"), ("function", "amount")):
        found = find_heading_row(view, TASK_COLUMNS, min_matches=2, require=req,
                                 rows=range(view.height))
        if found and found[0] not in ctx.table_rows:
            break
        found = None
    if not found:
        return
    r0, colmap = found
    kinds = {c.key: c.kind for c in TASK_COLUMNS}
    lines = read_lines(view, r0, colmap, kinds, name_col=None, max_rows=40)
    for line in lines:
        if line.role != "total":
            line.name = line.values.get("task") or line.values.get("project") or line.name
    form.tables["tasks"] = lines
    ctx.table_rows.update(range(r0, r0 + 1 + len(lines)))
    for c in colmap.values():
        ctx.taken.add(view.anchor(r0, c))


def _read_prior_year(ctx: Context, form: Form) -> None:
    view = ctx.view
    found = find_heading_row(view, PRIOR_YEAR_COLUMNS, min_matches=3)
    if not found:
        return
    r0, colmap = found
    r1 = max(view.end_row(r0, c) for c in colmap.values()) + 1
    kinds = {c.key: c.kind for c in PRIOR_YEAR_COLUMNS}
    for key, c in colmap.items():
        if r1 < view.height:
            form.fields[key] = typed(view, key, kinds[key], r1, c)
    ctx.table_rows.update(range(r0, r1 + 1))


def _read_spending(ctx: Context, form: Form) -> None:
    """基本支出 / 项目支出 (+ its named project lines) / 其他支出, by 半年 and 全年 columns."""
    view = ctx.view
    role_cells: list[tuple[int, int, str]] = []
    for role, variants in SPENDING_ROLES.items():
        for r, c in view.find(variants):
            if r not in ctx.table_rows and (r, c) not in ctx.taken:
                role_cells.append((r, c, role))
                break
    if not role_cells:
        return
    role_cells.sort()
    top = role_cells[0][0]
    colmap = _spending_columns(ctx, top)
    lines: list[Line] = []
    done_rows: set[int] = set()
    for r, c, role in role_cells:
        lines.append(_spending_line(ctx, r, c, role, colmap))
        done_rows.add(r)
        if role == "project":
            rr = view.end_row(r, c) + 1
            while rr < view.height and rr not in done_rows and not view.is_blank_row(rr):
                name_pos = _name_cell(ctx, rr, c, colmap)
                if name_pos is None:
                    break
                nt = view.ntext(*name_pos)
                if is_label(nt) or any(nt == norm(v) for vs in SPENDING_ROLES.values() for v in vs):
                    break
                if any(view.own_ntext(rr, cc) for cc in range(0, c)):
                    break  # a new block starts in a column left of the project names (中长期目标 …)
                if colmap and not any(view.ntext(rr, col) for col in colmap.values()):
                    break
                lines.append(_spending_line(ctx, rr, name_pos[1], "project_line", colmap))
                done_rows.add(rr)
                rr += 1
    lines.sort(key=lambda l: l.row)
    form.tables["spending"] = lines
    ctx.table_rows.update(l.row - 1 for l in lines)


def _spending_columns(ctx: Context, top: int) -> dict[str, int]:
    view = ctx.view
    for r in range(top, max(-1, top - 8), -1):
        cells = heading_cells(view, r, SPENDING_COLUMNS)
        cols: dict[str, int] = {}
        for c0, _, key in cells:
            cols.setdefault(key, c0)
        if "half" in cols:
            return cols
    return {}


def _name_cell(ctx: Context, r: int, c: int, colmap: dict[str, int]) -> tuple[int, int] | None:
    view = ctx.view
    first_value = min(colmap.values()) if colmap else view.width
    for cc in range(c, first_value):
        if view.ntext(r, cc) and view.anchor(r, cc)[0] == r:
            return view.anchor(r, cc)
    return None


def _spending_line(ctx: Context, r: int, c: int, role: str, colmap: dict[str, int]) -> Line:
    view = ctx.view
    values: dict[str, Field] = {}
    if colmap:
        for key, col in colmap.items():
            values[key] = typed(view, key, "money", r, col)
    else:
        pos = view.next_right(r, c)
        if pos is not None and parse_number(view.raw(*pos)) is not None:
            values["full"] = typed(view, "full", "money", *pos)
    return Line(sheet=view.name, row=r + 1, name=typed(view, "name", "text", r, c), values=values, role=role)


def _staffing_from_text(ctx: Context, form: Form) -> None:
    """"人员编制数5人，实有在职人数7人" inside 机构设置及人员配置 (000)."""
    text_field_ = form.get("staffing")
    if text_field_ is None or not text_field_.raw:
        return
    r, c = parse_a1(text_field_.cell)
    for key, rx in (("staff_quota", _QUOTA_RE), ("staff_actual", _ACTUAL_RE)):
        if key not in form.fields:
            m = rx.search(text_field_.raw.replace(" ", ""))
            if m:
                form.fields[key] = text_field(ctx.view, key, "int", m.group(1), r, c)
