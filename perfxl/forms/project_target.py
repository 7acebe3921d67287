"""项目支出绩效目标表 / 批复表 (seed 003: 中期 vs 年度 halves; also the single-year national layout)."""

from __future__ import annotations

import dataclasses

from perfxl.forms.common import Context, read_header, read_indicator_tables
from perfxl.forms.specs import PROJECT_TARGET_FIELDS
from perfxl.model import Form, Indicator
from perfxl.reader.fields import typed
from perfxl.reader.tables import Heading

KIND = "project_target"
_MEDIUM_WORDS = ("中期", "实施期", "实施周期", "三年")
_MEDIUM_KEYS = {"level2": "medium_level2", "level3": "medium_level3", "target": "medium_target",
                "medium_target": "medium_target"}


def read(ctx: Context) -> Form:
    form = Form(kind=KIND, sheet=ctx.view.name)
    tables = read_indicator_tables(ctx, ctx.headings)
    split = _split_halves(ctx, tables)
    if split is not None:
        form.indicators.extend(split)
    else:
        for _, rows in tables:
            form.indicators.extend(rows)
    read_header(ctx, form, ("unit_name", "project_name", "department", "implementer"))
    ctx.scalars(form, PROJECT_TARGET_FIELDS)
    _medium_period(ctx, form)
    return form


def _medium_period(ctx: Context, form: Form) -> None:
    """The period in the 中期 heading itself ("中期滚动目标（2021年--2023年）"): seed 003 states it
    nowhere else, and PX302 checks it against the form year."""
    view = ctx.view
    for r, c in view.find(("中期滚动目标", "中期目标", "实施期目标"), prefix=True):
        text = view.text(r, c)
        if "年" in text and any(ch.isdigit() for ch in text):
            form.fields["medium_period"] = typed(view, "medium_period", "text", r, c)
            return


def _period(ctx: Context, h: Heading) -> str:
    """"medium" / "annual" / "" from the words around a heading (its left margin, the rows just above)."""
    view = ctx.view
    texts = [h.text_left]
    for r in range(max(0, h.first_row - 2), h.row + 1):
        texts.extend(t for _, t in view.row_texts(r) if len(t) <= 20)
    text = "".join(texts)
    if any(w in text for w in _MEDIUM_WORDS):
        return "medium"
    if "年度" in text:
        return "annual"
    return ""


def _split_halves(ctx: Context, tables: list[tuple[Heading, list[Indicator]]]) -> list[Indicator] | None:
    """A 批复表 typed as two tables — the 中期 indicators, then the 年度 ones under their own heading —
    read as the one table of the official layout: each 年度 row with the 中期 row of the same rank."""
    if len(tables) != 2 or any(k.startswith("medium_l") for h, _ in tables for k in h.columns):
        return None
    (h1, rows1), (h2, rows2) = tables
    if not rows1 or not rows2:
        return None
    p1, p2 = _period(ctx, h1), _period(ctx, h2)
    if p1 == "medium" and p2 != "medium" or p2 == "annual" and p1 != "annual":
        medium, annual = rows1, rows2
    elif p2 == "medium" and p1 != "medium" or p1 == "annual" and p2 != "annual":
        medium, annual = rows2, rows1
    else:
        return None
    out = []
    for i in range(max(len(medium), len(annual))):
        a = annual[i] if i < len(annual) else None
        m = medium[i] if i < len(medium) else None
        if a is not None:
            ind = a
        else:
            assert m is not None  # i < max(len(medium), len(annual))
            ind = Indicator(sheet=m.sheet, row=m.row, level1=m.level1)
        if m is not None:
            for key in ("level2", "level3", "medium_target", "target"):
                f = getattr(m, key)
                if f is not None and getattr(ind, _MEDIUM_KEYS[key]) is None:
                    setattr(ind, _MEDIUM_KEYS[key], dataclasses.replace(f, key=_MEDIUM_KEYS[key]))
            if ind.level1 is None:
                ind.level1 = m.level1
        out.append(ind)
    return out
