"""PX31x periods, part two: 中期 (三年滚动) vs 年度 columns of a project target table (DOMAIN §7)."""

from __future__ import annotations

import re

from perfxl.classify import level2_of
from perfxl.labels import norm
from perfxl.rules._util import blank, close, fmt, headline_amount, money, money_mentions, num, text
from perfxl.rules.facts import facts
from perfxl.rules.px3_periods import _cumulative, _units_match
from perfxl.rules.registry import rule

PT = ("project_target",)
_PROGRESS_NAME = re.compile(r"进度|支付|执行率")
_PROGRESS_TEXT = re.compile(r"(支付进度|执行进度|工程进度|进度|执行率)\D{0,4}?(\d+(?:\.\d+)?)\s*[%％]")


def _funds(form) -> tuple[float | None, float | None]:
    return num(form.get("medium_funds")), num(form.get("annual_funds"))


_EXPLAINED = ("一次性", "首年", "第一年", "分年度安排", "各年安排", "逐年递减", "逐年递增")


def _explained(form) -> bool:
    """The goal texts say why the years differ (e.g. a one-off purchase in the first year)."""
    goals = "".join(text(form.get(k)) for k in ("medium_goal", "annual_goal") if form.get(k) is not None)
    return any(w in goals for w in _EXPLAINED)


def _three_times(form, tol: float) -> bool:
    medium, annual = _funds(form)
    if not medium or not annual:
        return False
    return close(medium, 3 * annual, tol)


def _pairs(form):
    """Rows holding both a 中期 and a 年度 value: (row, 中期 cell, 年度 cell)."""
    for row in facts(form).rows:
        if row.medium is not None and row.target is not None:
            yield row, row.medium, row.target


@rule("PX310", "medium-funds-ratio", "warning", PT, "中期预算 {medium} 万元{problem}年度预算 {annual} 万元")
def medium_funds_ratio(ctx):
    """
    说明：
    中期（三年）预算不应小于年度预算；经常性项目一般为年度的 3 倍，不是 3 倍时应有说明（如首年一次性支出）。
    原因：
    003 的 16 个项目中 15 个中期 = 3 × 年度；偏离常常是填错（DOMAIN §7）。
    错误示例：
    中期市财政预算 60 万元，本年度申请 2 万元。
    正确示例：
    中期 6 万元，年度 2 万元；或在目标中说明各年安排。
    """
    medium, annual = _funds(ctx.form)
    if not medium or not annual:
        return
    field = ctx.form.get("medium_funds")
    if medium < annual - ctx.config.money_tol:
        yield ctx.emit(field, medium=money(medium), problem="小于", annual=money(annual), severity="error",
                       expected=f"≥{money(annual)}", actual=money(medium))
    elif not close(medium, 3 * annual, ctx.config.money_tol) and not _explained(ctx.form):
        yield ctx.emit(field, medium=money(medium), problem="不等于 3 ×", annual=money(annual),
                       expected=money(3 * annual), actual=money(medium))


@rule("PX311", "medium-count-equal", "warning", PT,
      "“{name}”中期指标值与年度相同（{value}），而中期预算是年度的 3 倍")
def medium_count_equal(ctx):
    """
    说明：
    中期预算是年度的 3 倍时，累计数量的中期指标值一般也应约为年度的 3 倍（“每年…”的写法除外）。
    原因：
    把年度数量原样抄到中期栏，三年的资金只对应一年的产出。
    错误示例：
    中期 24 万元、年度 8 万元，中期和年度都写“购买30套硒鼓”。
    正确示例：
    中期“购买90套硒鼓”，或写“每年购买30套硒鼓”。
    """
    if not _three_times(ctx.form, ctx.config.money_tol):
        return
    for row, m, a in _pairs(ctx.form):
        if getattr(m.field.value, "per", None) or getattr(a.field.value, "per", None) or m.sign == "=" or a.sign == "=":
            continue  # "每年…" and exact stocks ("＝2条" lines leased) need not triple
        if _cumulative(m, row.name) and _cumulative(a, row.name) and _units_match(m, a) \
                and close(m.number, a.number, 1e-9):
            yield ctx.emit(m.field, name=row.name, value=m.raw, expected=fmt(3 * a.number), actual=fmt(m.number))


@rule("PX312", "medium-below-annual", "error", PT, "“{name}”中期指标值 {medium} 小于年度指标值 {annual}")
def medium_below_annual(ctx):
    """
    说明：
    累计数量的中期指标值不应小于年度指标值；两栏都写“每年…”时，中期的每年要求也不应低于年度。
    原因：
    年度目标是中期目标的分解，不会比中期更大（DOMAIN §7）。
    错误示例：
    中期“每年不少于3宗家企业”，年度“每年不少于8家企业”。
    正确示例：
    中期“每年不少于8家企业”，年度“每年不少于8家企业”。
    """
    for row, m, a in _pairs(ctx.form):
        if m.kind != "numeric" or a.kind != "numeric" or m.unit == "%":
            continue
        if getattr(m.field.value, "per", None) not in (None, "年") or m.sign in ("≤", "<") or a.sign in ("≤", "<"):
            continue
        if _units_match(m, a) and m.number < a.number - 1e-9:
            yield ctx.emit(m.field, name=row.name or text(row.ind.medium_level3), medium=m.raw,
                           annual=a.raw, expected=f"≥{fmt(a.number)}", actual=fmt(m.number))


@rule("PX313", "medium-indicator-differs", "warning", PT, "中期{what}“{medium}”与年度{what}“{annual}”不一致")
def medium_indicator_differs(ctx):
    """
    说明：
    同一行的中期和年度应是同一个指标：二级、三级指标名称相同，只是指标值不同。
    原因：
    名称不同就无法判断年度目标是不是中期目标的分解。
    错误示例：
    中期“签署友好合作协议数量”，年度“企业数量”。
    正确示例：
    中期、年度都写“签署友好合作协议数量”。
    """
    for ind in ctx.form.indicators:
        ml3, l3 = ind.medium_level3, ind.level3
        if not blank(ml3) and not blank(l3) and norm(ml3.raw) != norm(l3.raw):
            yield ctx.emit(ml3, what="三级指标", medium=ml3.raw.strip(), annual=l3.raw.strip(),
                           expected=l3.raw.strip(), actual=ml3.raw.strip())
        ml2, l2 = ind.medium_level2, ind.level2
        if not blank(ml2) and not blank(l2) and not blank(l3) and level2_of(ml2.raw) != level2_of(l2.raw):
            yield ctx.emit(ml2, what="二级指标", medium=ml2.raw.strip(), annual=l2.raw.strip())


@rule("PX314", "medium-progress-below", "warning", PT, "中期{what} {medium}% 低于年度 {annual}%")
def medium_progress_below(ctx):
    """
    说明：
    中期的支付进度、执行率等进度目标不应低于年度目标。
    原因：
    三年累计的进度不可能比第一年还低，通常是把两栏填反了。
    错误示例：
    中期滚动目标“支付进度为40%”，年度目标“支付进度为95%”。
    正确示例：
    中期“支付进度为100%”，年度“支付进度为95%”。
    """
    form = ctx.form
    for row, m, a in _pairs(form):
        if m.unit != "%" or a.unit != "%" or not _PROGRESS_NAME.search(row.norm_name):
            continue
        mv, av = m.number, a.number
        if mv is not None and av is not None and mv < av - 1e-9:
            yield ctx.emit(m.field, what=f"“{row.name}”", medium=fmt(mv), annual=fmt(av), expected=f"≥{fmt(av)}",
                           actual=fmt(mv))
    mg, ag = form.get("medium_goal"), form.get("annual_goal")
    mm, am = _PROGRESS_TEXT.search(text(mg)), _PROGRESS_TEXT.search(text(ag))
    if mm and am and float(mm.group(2)) < float(am.group(2)):
        yield ctx.emit(mg, what=f"目标{mm.group(1)}", medium=mm.group(2), annual=am.group(2),
                       expected=f"≥{am.group(2)}%", actual=f"{mm.group(2)}%")


@rule("PX315", "medium-annual-one-sided", "warning", PT, "“{name}”只有{has}指标值，{missing}指标值为空")
def medium_annual_one_sided(ctx):
    """
    说明：
    中期和年度两栏都有的指标，两栏的指标值都要填写。
    原因：
    只填一栏，无法看出年度目标怎样分解中期目标。
    错误示例：
    中期“≥95%”，年度空白。
    正确示例：
    中期“≥95%”，年度“≥95%”。
    """
    rows = facts(ctx.form).rows
    if not any(row.medium is not None for row in rows):
        return
    for row in rows:
        if not row.named and not row.medium_named:
            continue
        ind, name = row.ind, row.name or text(row.ind.medium_level3)
        if row.medium is not None and row.target is None:
            yield ctx.emit(ind.target or ind, name=name, has="中期", missing="年度")
        elif row.medium is None and row.target is not None and row.medium_named:
            yield ctx.emit(ind.medium_target or ind.medium_level3, name=name, has="年度", missing="中期")


@rule("PX316", "medium-goal-one-year-money", "warning", PT,
      "中期目标文字中的金额 {amount} 万元像是一年的金额（中期预算 {medium} 万元）")
def medium_goal_one_year_money(ctx):
    """
    说明：
    中期滚动目标写的是三年的目标，其中的金额应对应中期预算，而不是一年的金额（“每年…万元”的写法除外）。
    原因：
    把年度目标原样复制到中期栏，金额就只剩一年的。
    错误示例：
    中期预算 66 万元，中期目标写“费用支出22.16万元”。
    正确示例：
    中期目标写“三年费用支出66万元”或“每年费用支出22万元”。
    """
    form = ctx.form
    medium, annual = _funds(form)
    goal = text(form.get("medium_goal"))
    if not medium or not annual or close(medium, annual, ctx.config.money_tol):
        return
    mentions = [m for m in money_mentions(goal) if not m[3]]
    amounts = [m[0] for m in mentions]
    if not amounts:
        return
    tol = medium * ctx.config.text_money_tol + ctx.config.money_tol
    if any(close(a, medium, tol) for a in amounts + [sum(amounts)]):
        return
    headline = headline_amount(goal, mentions)
    if headline < medium / 2:
        yield ctx.emit(form.get("medium_goal"), amount=money(headline), medium=money(medium),
                       expected=money(medium), actual=money(headline))


@rule("PX317", "medium-goal-copied", "warning", PT, "中期滚动目标与年度目标文字完全相同")
def medium_goal_copied(ctx):
    """
    说明：
    年度目标应是中期目标的分解，不应与中期目标一字不差。
    原因：
    财预〔2021〕101号指出的常见问题：“将长期目标设置为年度目标”。
    错误示例：
    中期、年度都写“通过境外设立经贸代表处招商、收集信息……”。
    正确示例：
    年度目标写明本年要完成的部分，如“本年度走访境外商协会 10 家”。
    """
    form = ctx.form
    mg, ag = form.get("medium_goal"), form.get("annual_goal")
    medium, annual = _funds(form)
    if blank(mg) or blank(ag) or (medium and annual and close(medium, annual, ctx.config.money_tol)):
        return
    if norm(text(mg)) == norm(text(ag)) and len(norm(text(ag))) >= 8:
        yield ctx.emit(ag)

