"""PX3 (periods) and PX4 (indicator quality) injectors of the defect catalogue (see injectors.py)."""

from __future__ import annotations

import re

from injectors import (DT, PS, PT, Plan, _g, _ok, _t, at, cost_row, count_row, injector, is_satisfaction, l1, l2,
                       line, numeric, pick, pick_at, plan, rate_row, replace_in, scaled, vnum, vsign)
from perfxl.classify import is_budget_rate

# ------------------------------------------------------------------------------------------------
# PX3 periods


@injector
def wrong_year_in_goal(form):
    goal = form.get("annual_goal") or form.get("goal_expected")
    year = form.year
    if not _ok(goal) or not year or goal.kind != "text":
        return None
    if f"{year}年" in goal.raw:
        return plan(form, "PX3", {goal.cell: replace_in(f"{year}年", f"{year - 1}年")}, note="目标文字年份改为上一年")
    return plan(form, "PX3", {goal.cell: f"{year - 1}年度" + goal.raw}, note="目标文字前加上一年度")


@injector
def half_exceeds_full(form):
    return pick_at(form, lambda i: count_row(i, "half_target") and count_row(i), "half_target",
                   lambda i: "≥" + scaled(i.target.value, 2), "PX3", "半年指标值 = 2×全年")


@injector
def half_rate_differs(form):
    return pick_at(form, lambda i: rate_row(i, "half_target") and _t(i.half_target) == _t(i.target)
                   and not is_budget_rate(i.name()), "half_target",
                   lambda i: f"{vsign(i.half_target.value)}{_g(vnum(i.half_target.value) - 10)}%", "PX3", "比率半年≠全年")


@injector
def half_budget_rate_off(form):
    i = pick(form, lambda i: is_budget_rate(i.name()) and _ok(i.half_target))
    return i and at(i, "half_target", "＝70%", "PX3", "预算执行率半年＝70%")


@injector
def half_completion_rate_off(form):
    i = pick(form, lambda i: "完成率" in i.name() and rate_row(i, "half_target") and _t(i.half_target) != _t(i.target))
    return i and at(i, "half_target", "≥80%", "PX3", "完成率半年≠半年÷全年")


@injector
def half_line_exceeds(form):
    ln = line(form, "spending", "project_line", "half")
    if ln is None or not _ok(ln.get("full")):
        return None
    half, full = ln.get("half"), ln.get("full")
    return Plan("", "PX3", form.sheet, {half.cell: round(float(full.raw) + 5, 2)}, {half.cell}, {ln.row}, "半年执行数>全年")


@injector
def half_money_share_off(form):
    ln, pr = line(form, "spending", "project_line", "half"), line(form, "spending", "project", "half")
    if ln is None or pr is None:
        return None
    half, full, total = ln.get("half"), ln.get("full"), pr.get("half")
    new = round(float(full.raw) * 0.98, 2)
    delta = new - float(half.raw)
    return Plan("", "PX3", form.sheet, {half.cell: new, total.cell: round(float(total.raw) + delta, 2)}, {half.cell},
                {ln.row}, "项目半年用款98%（产出约50%）")


@injector
def medium_count_equal(form):
    i = pick(form, lambda i: count_row(i, "medium_target") and count_row(i) and _t(i.medium_target) != _t(i.target))
    return i and at(i, "medium_target", _t(i.target), "PX3", "中期数量 = 年度（预算3倍）")


@injector
def medium_below_annual(form):
    if form.kind != PT:
        return None
    return pick_at(form, lambda i: count_row(i, "medium_target") and count_row(i), "medium_target",
                   lambda i: "≥" + scaled(i.target.value, 0.5), "PX3", "中期 < 年度")


@injector
def medium_funds_ratio(form):
    m, a = form.get("medium_funds"), form.get("annual_funds")
    if not (_ok(m) and _ok(a)):
        return None
    return plan(form, "PX3", {m.cell: round(float(a.raw) * 2, 2)}, cells={m.cell, a.cell}, note="中期预算 = 2×年度")


@injector
def medium_name_differs(form):
    i = pick(form, lambda i: _ok(i.medium_level3) and i.medium_level3.cell != i.level3.cell)
    return i and at(i, "medium_level3", _t(i.medium_level3) + "及配套工作", "PX3", "中期三级名称不同")


@injector
def medium_goal_copied(form):
    m, a = form.get("medium_goal"), form.get("annual_goal")
    if form.kind != PT or not (_ok(m) and _ok(a)):
        return None
    return plan(form, "PX3", {m.cell: a.raw}, note="中期目标 = 年度目标")


@injector
def medium_one_sided(form):
    i = pick(form, lambda i: _ok(i.medium_target) and form.kind == PT)
    return i and at(i, "target", None, "PX3", "年度指标值空而中期有值", extra_cells=[i.medium_target.cell])


@injector
def time_progress_red(form):
    ln = line(form, "spending", "basic", "half")
    if ln is None or not _ok(ln.get("full")):
        return None
    half, full = ln.get("half"), ln.get("full")
    return Plan("", "PX3", form.sheet, {half.cell: round(float(full.raw) * 0.1, 2)}, {half.cell}, {ln.row},
                "基本支出半年只安排10%（时间进度红灯）")


@injector
def medium_goal_one_year_money(form):
    m, a = form.get("medium_goal"), form.get("annual_funds")
    if form.kind != PT or not (_ok(m) and _ok(a)):
        return None
    return plan(form, "PX3", {m.cell: m.raw.rstrip("。") + f"，费用支出{_g(float(a.raw))}万元。"}, note="中期目标写一年金额")


@injector
def medium_period_shifted(form):
    m, year = form.get("medium_goal"), form.year
    if form.kind != PT or not _ok(m) or not year or f"{year}年--" not in m.raw:
        return None
    return plan(form, "PX3", {m.cell: replace_in(f"{year}年--{year + 2}年", f"{year - 1}年--{year + 1}年")},
                note="中期期间从上一年开始")


# ------------------------------------------------------------------------------------------------
# PX4 indicator quality


@injector
def cost_sign_flipped(form):
    i = pick(form, cost_row)
    return i and at(i, "target", _t(i.target).replace("≤", "≥"), "PX4", "成本 ≤ 改 ≥")


@injector
def completion_rate_le(form):
    i = pick(form, lambda i: rate_row(i) and re.search(r"合格率|完成率|覆盖率|满意度", i.name()) and vsign(i.target.value) == "≥")
    return i and at(i, "target", _t(i.target).replace("≥", "≤"), "PX4", "合格率/完成率用 ≤")


@injector
def sign_dropped(form):
    i = pick(form, lambda i: count_row(i))
    return i and at(i, "target", re.sub(r"[≥≤＝=]", "", _t(i.target)), "PX4", "删去符号")


@injector
def satisfaction_level(form):
    i = pick(form, lambda i: is_satisfaction(i.name()) and numeric(i))
    return i and at(i, "target", "满意", "PX4", "满意度目标“满意”")


@injector
def satisfaction_low(form):
    if form.kind not in (DT, PT):
        return None
    i = pick(form, lambda i: is_satisfaction(i.name()) and numeric(i))
    return i and at(i, "target", "≥70%", "PX4", "满意度≥70%")


@injector
def value_repeats_name(form):
    i = pick(form, lambda i: numeric(i))
    return i and at(i, "target", _bare_name(i), "PX4", "指标值 = 三级名称")


@injector
def truncated_sign_only(form):
    i = pick(form, lambda i: rate_row(i))
    return i and at(i, "target", "≥", "PX4", "截断“≥”")


@injector
def truncated_number(form):
    def cut(i):
        n = _g(vnum(i.target.value))
        return f"{_bare_name(i)[:4]}{n[:-1] or n}"

    return pick_at(form, lambda i: count_row(i) and len(_bare_name(i)) >= 4, "target", cut, "PX4", "截断“调研企业20”")


def _bare_name(i) -> str:
    """The 三级 name without its "指标1：" numbering."""
    return re.sub(r"^指标\d+[:：]", "", i.name())


@injector
def range_target(form):
    if form.kind not in (PT, PS):
        return None
    return pick_at(form, lambda i: count_row(i) and vnum(i.target.value) >= 2, "target",
                   lambda i: f"{_g(vnum(i.target.value))}-{scaled(i.target.value, 2)}", "PX4", "区间目标")


@injector
def unit_dropped(form):
    if form.kind not in (DT, PT):
        return None
    i = pick(form, lambda i: count_row(i) and not is_satisfaction(i.name()))
    return i and at(i, "target", f"≥{_g(vnum(i.target.value))}", "PX4", "删去单位")


@injector
def ambiguous_unit(form):
    if form.kind not in (DT, PT):
        return None
    i = pick(form, count_row)
    return i and at(i, "target", f"≥{_g(vnum(i.target.value))}台、件、套等", "PX4", "单位列举")


@injector
def capped_rate_ge(form):
    if form.kind not in (DT, PT):
        return None
    i = pick(form, lambda i: rate_row(i) and vsign(i.target.value) in ("=", "＝") and vnum(i.target.value) == 100)
    return i and at(i, "target", "≥100%", "PX4", "封顶比率≥100%")


@injector
def level2_wrong(form):
    i = pick(form, lambda i: l1(i) == "产出" and l2(i) == "数量" and _ok(i.level2))
    return i and at(i, "level2", "经济效益指标", "PX4", "产出下的二级写成经济效益")


@injector
def count_under_satisfaction(form):
    i = pick(form, lambda i: is_satisfaction(i.name()) and numeric(i) and l1(i) == "满意度")
    return i and Plan("", "PX4", i.sheet, {i.level3.cell: "走访企业数", i.target.cell: "≥5家"}, set(), {i.row},
                      "满意度下放走访企业数")


@injector
def satisfaction_under_quality(form):
    i = pick(form, lambda i: l1(i) == "产出" and l2(i) == "质量" and rate_row(i))
    return i and Plan("", "PX4", i.sheet, {i.level3.cell: "服务对象满意度", i.target.cell: "≥90%"}, set(), {i.row},
                      "质量指标下放满意度")


@injector
def management_rate_as_benefit(form):
    i = pick(form, lambda i: l1(i) == "效益" and rate_row(i))
    return i and Plan("", "PX4", i.sheet, {i.level3.cell: "固定资产利用率"}, set(), {i.row}, "效益下放固定资产利用率")


@injector
def ecology_without_environment(form):
    i = pick(form, lambda i: l2(i) == "生态效益")
    return i and at(i, "level3", "助推全市经济高质量发展", "PX4", "生态效益名称无环境")


@injector
def budget_rate_as_indicator(form):
    if form.kind not in (PT, PS):
        return None
    i = pick(form, lambda i: rate_row(i) and l1(i) == "产出")
    return i and Plan("", "PX4", i.sheet, {i.level3.cell: "预算执行率", i.target.cell: "≥95%"}, set(), {i.row},
                      "预算执行率作为绩效指标")


@injector
def level_where_number(form):
    if form.kind == "dept_selfeval":
        return None
    i = pick(form, lambda i: count_row(i) and l2(i) == "数量")
    return i and at(i, "target", "完成", "PX4", "数量指标值“完成”")


def _extra(form, key, pred=lambda i, f: True):
    return pick(form, lambda i: _ok(i.extra.get(key)) and pred(i, i.extra[key]))


@injector
def explanation_repeats_name(form):
    i = _extra(form, "explain")
    return i and Plan("", "PX4", i.sheet, {i.extra["explain"].cell: i.name()}, set(), {i.row}, "内涵解释 = 名称")


@injector
def explanation_truncated(form):
    i = _extra(form, "basis", lambda i, f: len(f.raw) > 8)
    return i and Plan("", "PX4", i.sheet, {i.extra["basis"].cell: "衡量单位使用固定资产情况。固定资产利用率=（实际在用固定资产总额/所有固定资"},
                      set(), {i.row}, "设置依据截断")


@injector
def formula_without_operator(form):
    i = _extra(form, "formula")
    return i and Plan("", "PX4", i.sheet, {i.extra["formula"].cell: "年度工作计划"}, set(), {i.row}, "计算公式无运算符")


@injector
def ratio_same_wording(form):
    i = _extra(form, "formula", lambda i, f: "/" in f.raw)
    return i and Plan("", "PX4", i.sheet, {i.extra["formula"].cell: "调查企业满意数/调查企业满意总数*100%"}, set(),
                      {i.row}, "公式分子分母同一措辞")


@injector
def scoring_text_direction(form):
    i = _extra(form, "standard", lambda i, f: vsign(i.target.value) in ("≤", "=", "＝") and "正向" not in f.raw)
    return i and Plan("", "PX4", i.sheet, {i.extra["standard"].cell: "正向指标，全部完成得满分，未完成得分=实际完成值/目标值*指标分值"},
                      set(), {i.row}, "评分标准写正向而目标为≤/＝")

