"""项目支出绩效目标表 / 批复表 (seed 003: 中期 vs 年度 halves; also the single-year national layout)."""

from __future__ import annotations

from perfxl.forms.common import Context, read_header, read_indicator_tables
from perfxl.forms.specs import PROJECT_TARGET_FIELDS
from perfxl.model import Form

KIND = "project_target"


def read(ctx: Context) -> Form:
    form = Form(kind=KIND, sheet=ctx.view.name)
    for _, rows in read_indicator_tables(ctx, ctx.headings):
        form.indicators.extend(rows)
    read_header(ctx, form, ("unit_name", "project_name", "department", "implementer"))
    ctx.scalars(form, PROJECT_TARGET_FIELDS)
    return form
