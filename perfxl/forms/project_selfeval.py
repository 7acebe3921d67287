"""项目支出绩效自评表 (财预〔2020〕10号; seed 002's first table)."""

from __future__ import annotations

from perfxl.forms.common import Context, read_header, read_indicator_tables
from perfxl.forms.specs import PROJECT_SELFEVAL_FIELDS, SELFEVAL_FUND_COLUMNS, SELFEVAL_FUND_ROWS
from perfxl.model import Form
from perfxl.reader.fields import typed
from perfxl.reader.lines import find_heading_row, read_lines

KIND = "project_selfeval"


def read(ctx: Context) -> Form:
    form = Form(kind=KIND, sheet=ctx.view.name)
    tables = read_indicator_tables(ctx, ctx.headings)
    for _, rows in tables:
        form.indicators.extend(rows)
    read_header(ctx, form, ("project_name", "department", "implementer", "unit_name"))
    _read_funds(ctx, form)
    _read_total(ctx, form, tables)
    ctx.scalars(form, PROJECT_SELFEVAL_FIELDS)
    return form


def _read_funds(ctx: Context, form: Form) -> None:
    view = ctx.view
    found = None
    for req in (("full",), ("executed",), ("initial",)):
        found = find_heading_row(view, SELFEVAL_FUND_COLUMNS, min_matches=3, require=req)
        if found:
            break
    if not found:
        return
    r0, colmap = found
    kinds = {c.key: c.kind for c in SELFEVAL_FUND_COLUMNS}
    lines = read_lines(view, r0, colmap, kinds, name_col=None, max_rows=8, roles=SELFEVAL_FUND_ROWS)
    form.tables["funds"] = [l for l in lines if l.role]
    ctx.table_rows.update(range(r0, r0 + 1 + len(lines)))
    for c in colmap.values():
        ctx.taken.add(view.anchor(r0, c))


def _read_total(ctx: Context, form: Form, tables) -> None:
    """The 总分 row below the indicator table: its 分值 and 得分 cells."""
    view = ctx.view
    if not tables:
        return
    h = tables[-1][0]
    for r, c in view.find(("总分", "合计", "总计")):
        if r <= h.row:
            continue
        if "weight" in h.columns:
            form.fields["total_weight"] = typed(view, "total_weight", "score", r, h.columns["weight"])
        if "score" in h.columns:
            form.fields["total_score"] = typed(view, "total_score", "score", r, h.columns["score"])
        ctx.table_rows.add(r)
        return
