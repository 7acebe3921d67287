"""The defect catalogue of ``inject.py``: one function per defect, covering every DOMAIN.md §9 family.

An injector takes one read form (``perfxl.model.Form``) and returns a ``Plan`` (cells to change and
where the finding must land) or None when the form has nothing to break that way.
"""

from __future__ import annotations

import re

from inject import Plan
from perfxl.classify import is_cost, is_satisfaction, level1_of, level2_of, vkind, vnum, vsign, vunit  # noqa: F401 (re-exported)
from perfxl.model import Field, Form, Indicator

DT, PT, PS, DS = "dept_target", "project_target", "project_selfeval", "dept_selfeval"
INJECTORS = []
WORKBOOK = None  # the read workbook being injected (set by inject.plans_for), for cross-form injectors


def injector(fn):
    INJECTORS.append(fn)
    return fn


# ------------------------------------------------------------------------------------------------
# helpers


def _t(f: Field | None) -> str:
    return (f.raw if f is not None else "").strip()


def _ok(f: Field | None) -> bool:
    return f is not None and bool(f.cell) and _t(f) not in ("", "—")


def _num(f: Field | None) -> float | None:
    try:
        return float(str(f.raw).replace("%", "").strip()) if f is not None else None
    except ValueError:
        return None


def _g(x: float) -> str:
    return f"{x:g}"


def rows_of(form: Form, block: str | None = None) -> list[Indicator]:
    out = [i for i in form.indicators if _ok(i.level3) and _ok(i.target)]
    if form.kind == DS:
        out = [i for i in out if i.block == (block or "performance")]
    return out


def pick(form: Form, pred, block: str | None = None) -> Indicator | None:
    return next((i for i in rows_of(form, block) if pred(i)), None)


def numeric(i: Indicator, f: str = "target") -> bool:
    fld = getattr(i, f)
    return _ok(fld) and vkind(fld.value) == "numeric" and vnum(fld.value) is not None


def l1(i: Indicator) -> str | None:
    return level1_of(_t(i.level1))


def l2(i: Indicator) -> str | None:
    return level2_of(_t(i.level2))


def count_row(i: Indicator, f: str = "target") -> bool:
    fld = getattr(i, f)
    return numeric(i, f) and vsign(fld.value) == "≥" and vunit(fld.value) not in (None, "%") \
        and not is_cost(i.name(), l1(i), l2(i)) and "万元" not in _t(fld)


def rate_row(i: Indicator, f: str = "target") -> bool:
    fld = getattr(i, f)
    return numeric(i, f) and vunit(fld.value) == "%" and vsign(fld.value) in ("≥", "=", "＝")


def cost_row(i: Indicator) -> bool:
    return numeric(i) and vsign(i.target.value) == "≤" and is_cost(i.name(), l1(i), l2(i))


def pick_at(form: Form, pred, f: str, value, family: str, note: str) -> Plan | None:
    """The first indicator ``pred`` accepts, with its field ``f`` set to ``value(i)``; None when none fits."""
    i = pick(form, pred)
    return i and at(i, f, value(i), family, note)


def scaled(v, k: float) -> str:
    """A numeric target's number times k, with its unit ("≥15场次", 2 -> "30场次")."""
    return f"{_g(vnum(v) * k)}{vunit(v)}"


def plan(form: Form, family: str, edits: dict, cells=(), rows=(), note="") -> Plan:
    return Plan("", family, form.sheet, edits, set(cells), set(rows), note)


def at(i: Indicator, f: str, value, family: str, note: str, extra_cells=()) -> Plan:
    fld = getattr(i, f)
    return Plan("", family, i.sheet, {fld.cell: value}, {fld.cell, *extra_cells}, {i.row}, note)


def line(form: Form, table: str, role: str | None = None, key: str | None = None):
    for ln in form.table(table):
        if (role is None or ln.role == role) and (key is None or _ok(ln.get(key))):
            return ln
    return None


# ------------------------------------------------------------------------------------------------
# PX1 completeness


@injector
def blank_target(form):
    i = pick(form, lambda i: True)
    return i and at(i, "target", None, "PX1", "指标值清空")


@injector
def blank_level3(form):
    i = pick(form, lambda i: i.level3.cell != (i.level2.cell if i.level2 else ""))
    return i and at(i, "level3", None, "PX1", "三级指标名称清空")


@injector
def blank_header(form):
    title = form.get("title")
    for key in ("project_name", "unit_name", "implementer"):
        f = form.get(key)
        if _ok(f) and (title is None or f.cell != title.cell):
            return plan(form, "PX1", {f.cell: None}, note=f"表头{key}清空")
    return None


@injector
def blank_explanation(form):
    i = pick(form, lambda i: _ok(i.extra.get("explain")))
    return i and Plan("", "PX1", i.sheet, {i.extra["explain"].cell: None}, set(), {i.row}, "内涵解释清空")


@injector
def blank_actual(form):
    if form.kind != PS:
        return None
    i = pick(form, lambda i: _ok(i.actual))
    return i and at(i, "actual", None, "PX1", "实际完成值清空")


@injector
def blank_subrow_execution(form):
    ln = line(form, "funds", "fiscal", "executed")
    return ln and plan(form, "PX1", {ln.get("executed").cell: None}, note="当年财政拨款全年执行数清空")


# ------------------------------------------------------------------------------------------------
# PX2 money


def _bump(form: Form, f: Field | None, delta: float, family: str, note: str, extra=()):
    v = _num(f)
    if v is None or not _ok(f):
        return None
    return plan(form, family, {f.cell: round(v + delta, 2)}, cells={f.cell, *extra}, note=note)


@injector
def total_funds_off(form):
    if form.kind != DT or not _ok(form.get("fiscal_subtotal")):
        return None
    return _bump(form, form.get("total_funds"), 10, "PX2", "资金总额+10")


@injector
def general_budget_off(form):
    sub = form.get("fiscal_subtotal")
    return _bump(form, form.get("general_budget"), 5, "PX2", "一般公共预算资金+5", extra=[sub.cell] if sub else ())


@injector
def basic_spending_off(form):
    ln = line(form, "spending", "basic", "full")
    tot = form.get("total_funds")
    return ln and _bump(form, ln.get("full"), 7, "PX2", "基本支出+7", extra=[tot.cell] if tot else ())


@injector
def project_line_off(form):
    ln, pr = line(form, "spending", "project_line", "full"), line(form, "spending", "project", "full")
    return ln and pr and _bump(form, ln.get("full"), 3, "PX2", "项目明细+3", extra=[pr.get("full").cell])


@injector
def task_amount_off(form):
    ln = next((x for x in form.table("tasks") if x.role != "total" and _ok(x.get("amount"))), None)
    if ln is None:
        return None
    tot = line(form, "tasks", "total", "amount")
    extra = [tot.get("amount").cell] if tot else [form.get("total_funds").cell] if _ok(form.get("total_funds")) else []
    return _bump(form, ln.get("amount"), 2, "PX2", "任务金额+2", extra=extra)


@injector
def fund_subrow_off(form):
    ln, tot = line(form, "funds", "fiscal", "full"), line(form, "funds", "total", "full")
    return ln and tot and _bump(form, ln.get("full"), 1, "PX2", "当年财政拨款全年预算+1", extra=[tot.get("full").cell])


@injector
def execution_rate_off(form):
    tot = line(form, "funds", "total", "rate")
    f = tot.get("rate") if tot else form.get("rate_stated")
    v = _num(f)
    if v is None or not _ok(f):
        return None
    new = f"{v * 100 - 6:.2f}%" if v <= 1.5 else f"{v - 6:.2f}%"
    return plan(form, "PX2", {f.cell: new}, note="执行率-6pp")


@injector
def share_off(form):
    ln = next((x for x in form.table("shares") if _ok(x.get("share")) and _num(x.get("share"))), None)
    if ln is None:
        return None
    f = ln.get("share")
    return plan(form, "PX2", {f.cell: round(_num(f) + 0.05, 4)}, note="占比+5pp")


@injector
def change_pct_off(form):
    ln = next((x for x in form.table("changes") if _ok(x.get("pct"))), None)
    if ln is None:
        return None
    f = ln.get("pct")
    old, new = _t(f), f"{_num(f) + 1:.2f}%"
    return plan(form, "PX2", {f.cell: replace_in(old, new)}, note="文中下降幅度+1pp")


@injector
def goal_money_off(form):
    goal, budget = form.get("annual_goal"), _num(form.get("annual_funds"))
    if form.kind != PT or not _ok(goal) or budget is None:
        return None
    m = re.search(rf"(?<![\d.]){re.escape(_g(budget))}\s*万元", goal.raw)
    if not m:
        return None
    new = goal.raw[:m.start()] + f"{_g(budget + 10)}万元" + goal.raw[m.end():]
    return plan(form, "PX2", {goal.cell: new}, note="目标文字金额+10万元")


def replace_in(old: str, new: str):
    """An edit that rewrites part of a cell's text (sentences, goal texts)."""
    return lambda v: str(v).replace(old, new, 1)


import injectors_periods  # noqa: E402,F401  (registers the PX3/PX4 injectors)
import injectors_scoring  # noqa: E402,F401  (registers the PX5/PX6 injectors)
