"""PX5 (scoring) and PX6 (cross-reference) injectors of the defect catalogue (see injectors.py)."""

from __future__ import annotations

import re

import injectors
from injectors import (DS, DT, PS, Plan, _g, _num, _ok, _t, at, count_row, injector, line, numeric, pick, pick_at, plan,
                       replace_in, scaled)

# ------------------------------------------------------------------------------------------------
# PX5 scoring


def _full_marks(i) -> bool:
    return _ok(i.weight) and _ok(i.score) and _num(i.weight) and _num(i.score) == _num(i.weight)


@injector
def budget_weight_100(form):
    ln = line(form, "funds", "total", "weight")
    return ln and plan(form, "PX5", {ln.get("weight").cell: 100}, note="预算执行率分值100")


@injector
def budget_score_off(form):
    ln = line(form, "funds", "total", "score")
    f = ln.get("score") if ln else form.get("rate_score")
    if not _ok(f) or _num(f) is None:
        return None
    return plan(form, "PX5", {f.cell: round(_num(f) - 2, 2)}, note="预算执行率得分-2")


@injector
def weight_sum_off(form):
    if form.kind != PS:
        return None
    i = pick(form, _full_marks)
    if i is None:
        return None
    tw = form.get("total_weight")
    w = _num(i.weight) + 5
    return Plan("", "PX5", i.sheet, {i.weight.cell: w, i.score.cell: w}, {i.weight.cell, tw.cell if tw else ""}, {i.row},
                "一个分值+5（得分同步）")


@injector
def score_above_weight(form):
    i = pick(form, _full_marks)
    return i and at(i, "score", _num(i.weight) + 2, "PX5", "得分>分值")


@injector
def score_cut_without_reason(form):
    i = pick(form, lambda i: _full_marks(i) and not _ok(i.deviation))
    return i and at(i, "score", _num(i.weight) - 1, "PX5", "达标却扣1分，无偏差原因")


@injector
def shortfall_score_wrong(form):
    if form.kind != PS:
        return None
    i = pick(form, lambda i: numeric(i) and _ok(i.deviation) and _ok(i.score) and _num(i.weight)
             and _num(i.score) < _num(i.weight) - 1.5)
    return i and at(i, "score", round(_num(i.score) + 1, 2), "PX5", "重算得分不符（+1）")


@injector
def deviation_blanked(form):
    i = pick(form, lambda i: _ok(i.deviation) and _ok(i.score))
    return i and Plan("", "PX5", i.sheet, {i.deviation.cell: None}, {i.deviation.cell, i.score.cell}, {i.row}, "偏差原因清空")


@injector
def qualitative_out_of_band(form):
    i = pick(form, lambda i: _ok(i.actual) and "部分达成" in _t(i.actual))
    return i and at(i, "score", round(_num(i.weight) * 0.9, 2), "PX5", "部分达成给90%")


@injector
def over_achievement(form):
    if form.kind != PS:
        return None
    return pick_at(form, lambda i: count_row(i) and _full_marks(i), "actual", lambda i: scaled(i.target.value, 1.6),
                   "PX5", "实际 = 1.6×目标")


@injector
def total_score_off(form):
    f = form.get("total_score") or form.get("duty_score")
    if not _ok(f) or _num(f) is None:
        return None
    return plan(form, "PX5", {f.cell: round(_num(f) + 3, 2)}, note="总分/自评得分+3")


@injector
def total_weight_off(form):
    f = form.get("total_weight")
    return _ok(f) and plan(form, "PX5", {f.cell: 90}, note="总分值90") or None


@injector
def grade_wrong(form):
    f = form.get("grade_stated")
    if not _ok(f):
        return None
    return plan(form, "PX5", {f.cell: "良" if _t(f) == "优" else "优"}, note="等级与总分不符")


@injector
def completion_rate_off(form):
    i = pick(form, lambda i: _ok(i.completion_rate))
    return i and at(i, "completion_rate", round(_num(i.completion_rate) + 0.2, 4), "PX5", "完成率+20pp")


@injector
def band_count_off(form):
    blk = next((b for b in form.table("blocks") if _ok(b.get("n_100_150"))), None)
    if blk is None:
        return None
    f = blk.get("n_100_150")
    n = _t(f)
    return plan(form, "PX5", {f.cell: replace_in(f"100-150%的指标有 {n} 个", f"100-150%的指标有 {int(n) + 1} 个")},
                note="分档个数+1")


@injector
def management_sub_weight_off(form):
    lines = form.table("management")
    at_ = next((k for k, ln in enumerate(lines) if ln.role == "sub" and _ok(ln.get("weight"))), None)
    if at_ is None:
        return None
    sub = lines[at_]
    item = next((ln for ln in reversed(lines[:at_]) if ln.role == "item"), None)  # its 小计 is what no longer adds up
    w, s = sub.get("weight"), sub.get("score")
    cells = {w.cell, s.cell} | ({f.cell for f in item.values.values()} if item else set())
    return Plan("", "PX5", form.sheet, {w.cell: _num(w) + 1, s.cell: _num(s) + 1}, cells, {sub.row}, "管理效率小项分值+1")


# ------------------------------------------------------------------------------------------------
# PX6 cross-references


@injector
def goal_equals_task(form):
    goal = form.get("annual_goal")
    # the 001 layout's 年度目标任务 is a text; the 002 layout's 任务名称 is a short label
    task = next((ln.get("task") for ln in form.table("tasks") if _ok(ln.get("task")) and _ok(ln.get("function"))), None)
    if form.kind != DT or not _ok(goal) or task is None or len(task.raw) < 8:
        return None
    return plan(form, "PX6", {goal.cell: task.raw}, note="年度总体目标 = 年度目标任务")


@injector
def goal_number_mismatch(form):
    goal = form.get("goal_expected" if form.kind == PS else "annual_goal")
    if not _ok(goal) or form.kind == DS:
        return None
    for i in form.indicators:
        if count_row(i):
            from perfxl.classify import vnum
            n = _g(vnum(i.target.value))
            m = re.search(rf"(不少于|大于等于|不低于|≥)\s*{re.escape(n)}(?![\d.])", goal.raw)
            taken = {vnum(j.target.value) for j in form.indicators if numeric(j)}
            k = next(k for k in range(3, 20) if float(n) * k not in taken)  # a number no other target has
            if m:
                new = m.group(0).replace(n, _g(float(n) * k))
                return plan(form, "PX6", {goal.cell: replace_in(m.group(0), new)}, cells={goal.cell, i.target.cell},
                            rows={i.row}, note=f"目标文字{n}→×2")
    return None


@injector
def staff_over_quota(form):
    if form.kind != DT:
        return None
    quota, actual = form.get("staff_quota"), form.get("staff_actual")
    rate = pick(form, lambda i: "在职人员控制率" in i.name())
    if rate is None:  # the check needs the unit's own 在职人员控制率 target
        return None
    if _ok(quota) and _ok(actual) and quota.cell != actual.cell:
        return plan(form, "PX6", {actual.cell: int(_num(quota)) + 5}, cells={actual.cell, quota.cell},
                    rows={rate.row} if rate else set(), note="实有人数>编制")
    st = form.get("staffing")
    m = re.search(r"实有在职人数(\d+)人", st.raw) if _ok(st) else None
    if m is None:
        return None
    return plan(form, "PX6", {st.cell: replace_in(m.group(0), f"实有在职人数{int(m.group(1)) + 9}人")},
                rows={rate.row} if rate else set(), note="实有人数>编制（文字）")


@injector
def declared_count_off(form):
    ln = next((x for x in form.table("declared_counts") if _ok(x.get("count"))), None)
    if ln is None:
        return None
    f, name = ln.get("count"), _t(ln.name)
    return plan(form, "PX6", {f.cell: replace_in(f"{name} {_t(f)} 个", f"{name} {int(_num(f)) + 1} 个")}, note="声明指标个数+1")


@injector
def performance_name_differs(form):
    if form.kind != DS:
        return None
    i = pick(form, lambda i: True, block="performance")
    return i and at(i, "level3", i.name() + "情况", "PX6", "自评表三级名称与目标表不同")


@injector
def dept_project_amount(form):
    wb = injectors.WORKBOOK
    if form.kind != DT or wb is None or not any(f.kind == PS for f in wb.forms):
        return None  # PX606 compares with a project self-evaluation of the same workbook
    ln = next((x for x in form.table("tasks") if _ok(x.get("task")) and "项目" in _t(x.get("task")) or
               _ok(x.name) and "经费" in _t(x.name)), None)
    if ln is None or not _ok(ln.get("amount")):
        return None
    f = ln.get("amount")
    return Plan("", "PX6", form.sheet, {f.cell: _num(f) + 1}, {f.cell}, {ln.row}, "部门表项目金额≠项目预算")


