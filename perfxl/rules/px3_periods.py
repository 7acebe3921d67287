"""PX3xx periods: the form year, 半年 vs 全年 (DOMAIN §6), 中期 vs 年度 (DOMAIN §7)."""

from __future__ import annotations

import re

from perfxl.classify import is_budget_rate, is_count_unit
from perfxl.labels import norm
from perfxl.rules._util import close, fmt, line_num, money, num, similarity, text
from perfxl.rules.facts import Cell, Row, facts
from perfxl.rules.registry import rule

ALL = ("dept_target", "project_target", "project_selfeval", "dept_selfeval")
DT, PT = ("dept_target",), ("project_target",)
_YEAR_TEXT = re.compile(r"(20\d{2})\s*年度")
# "2020年安排…" in a 2021 goal: a past year that is not a comparison base ("比2020年") or a period start
_YEAR_BARE = re.compile(r"(?<![\d至\-—–~～])(20\d{2})\s*年(?![度\d]|\s*[-—–~～至]|以来|起|底|末|同期|水平|相比|实际)")
_BASE_BEFORE = re.compile(r"(比|较|自|从|截至|截止|与|同|于|在|到)\s*$")
_PERIOD = re.compile(r"(20\d{2})\s*年?\s*[-—–~～至]+\s*(20\d{2})")
_PROGRESS = re.compile(r"进度|支付|执行率")
_CUMULATIVE_MONEY = {"万美元", "万元", "元", "美元"}
_PEOPLE_SERVED = re.compile(r"培训|签约|受益|救助|帮扶|接待|参与|参加|就业|资助|档案|体检|接种|筛查|健康管理|走访|慰问|"
                            r"新增|注册|读者|患者|服务对象|惠及|覆盖")
_STAFF = re.compile(r"在职|编制|实有|聘用|聘请|人员|职工|员工|干部|队伍|团队|在岗")


def _units_match(a: Cell, b: Cell) -> bool:
    ua, ub = a.unit, b.unit
    if not ua or not ub:
        return ua == ub
    return (ua == ub or ua in (getattr(b.field.value, "units", ()) or ())
            or ub in (getattr(a.field.value, "units", ()) or ()))


def _direction(sign: str | None) -> str:
    """≥, ＞ and ＝ all ask for at least the target; only ≤/＜ point the other way."""
    return "down" if sign in ("≤", "<") else "up"


def _cumulative(value: Cell, name: str) -> bool:
    """A quantity that accumulates over time (counts, money), not a stock of staff or a rate."""
    unit = value.unit
    if value.kind != "numeric" or value.sign in ("≤", "<"):
        return False
    if unit in _CUMULATIVE_MONEY:
        return True
    # a stock of staff (在职人数, 聘用人员) does not accumulate; people served or trained do
    if unit in ("人", "名"):  # people served or trained accumulate; a head count of staff does not
        n = norm(name)
        return bool(_PEOPLE_SERVED.search(n)) and not _STAFF.search(n)
    return is_count_unit(unit)


@rule("PX301", "wrong-year", "error", ALL, "“{where}”中的年份 {year} 与表格年度 {form_year} 不一致")
def wrong_year(ctx):
    """
    说明：
    指标值和目标文字中的年份应等于表格年度（如 2021 年度的表中不应出现“2020年9月”“2020年度计划”）。
    原因：
    沿用上年的表格时，年份常常没有改。
    错误示例：
    2021 年度批复表，计划举办时间“2020年9月”。
    正确示例：
    “2021年9月”或“每年9月”。
    """
    form = ctx.form
    year = form.year
    if year is None:
        return
    for ind in form.indicators:
        for field in (ind.target, ind.half_target):
            y = getattr(field.value, "year", None) if field is not None else None
            if y and y != year:
                yield ctx.emit(field, where=field.raw.strip(), year=y, form_year=year, expected=year, actual=y)
    for key in ("annual_goal", "goal_expected", "goal_actual"):
        field = form.get(key)
        s, found = text(field), False
        for m in _YEAR_TEXT.finditer(s):
            if int(m.group(1)) != year:
                found = True
                yield ctx.emit(field, where=m.group(0), year=m.group(1), form_year=year, expected=year,
                               actual=m.group(1), severity="warning")
        if not found:
            for m in _YEAR_BARE.finditer(s):
                if int(m.group(1)) < year and not _BASE_BEFORE.search(s[max(0, m.start() - 3):m.start()]):
                    yield ctx.emit(field, where=m.group(0), year=m.group(1), form_year=year, expected=year,
                                   actual=m.group(1), severity="warning")
                    break


@rule("PX302", "medium-period-start", "error", PT, "中期期间 {period} 应从表格年度 {form_year} 年开始")
def medium_period_start(ctx):
    """
    说明：
    中期（三年滚动）期间从表格年度开始，如 2021 年度的表写“2021年--2023年”。
    原因：
    国发〔2015〕3号：中期财政规划逐年滚动，第一年就是本预算年度。
    错误示例：
    2021 年度的表写“中期滚动目标（2020年--2022年）”。
    正确示例：
    “中期滚动目标（2021年--2023年）”。
    """
    form = ctx.form
    for key in ("medium_period", "medium_goal"):  # the 中期 heading's own period, and the goal text
        field = form.get(key)
        m = _PERIOD.search(field.raw if field is not None else "")
        if m and form.year and int(m.group(1)) != form.year:
            yield ctx.emit(field, period=m.group(0), form_year=form.year, expected=form.year,
                           actual=m.group(1))


@rule("PX303", "half-full-mismatch", "warning", DT, "“{name}”的半年指标值“{half}”与全年指标值“{full}”的{what}不一致")
def half_full_mismatch(ctx):
    """
    说明：
    同一指标的半年指标值和全年指标值应使用相同的符号和单位。
    原因：
    符号或单位不同，两列无法比较，监控时也无法计算进度。
    错误示例：
    半年“≥5000份”，全年“≥1万件”。
    正确示例：
    半年“≥5000份”，全年“≥10000份”。
    """
    for row in facts(ctx.form).rows:
        hc, fc = row.half, row.target
        if hc is None or fc is None or hc.kind not in ("numeric", "range") or fc.kind != hc.kind:
            continue
        h, f = hc.field, fc.field
        if _direction(hc.sign) != _direction(fc.sign):
            yield ctx.emit(h, name=row.name, half=h.raw, full=f.raw, what="符号", expected=fc.sign, actual=hc.sign)
        elif not _units_match(hc, fc):
            yield ctx.emit(h, name=row.name, half=h.raw, full=f.raw, what="单位", expected=fc.unit, actual=hc.unit)


@rule("PX304", "half-exceeds-full", "error", DT, "“{name}”的半年指标值 {half} {problem}全年指标值 {full}")
def half_exceeds_full(ctx):
    """
    说明：
    累计的数量（份、人次、场次、万美元）半年值应大于 0 且不超过全年值；比率、满意度和定性指标半年值应等于全年值。
    原因：
    半年完成量是全年的一部分；比率和定性要求不随时间累计（DOMAIN §6）。
    错误示例：
    原产地证书签发数量 半年“≥12000份”，全年“≥10000份”；培训合格率 半年“≥90%”，全年“≥95%”。
    正确示例：
    半年“≥5000份”，全年“≥10000份”；培训合格率半年、全年均为“≥95%”。
    """
    for row in facts(ctx.form).rows:
        hc, fc = row.half, row.target
        if hc is None or fc is None:
            continue
        name, h, f = row.name, hc.field, fc.field
        if hc.kind == "numeric" and _cumulative(fc, name) and _units_match(hc, fc):
            hn, fn = hc.number, fc.number  # numeric cells: never None
            if hn is not None and fn is not None and hn > fn + 1e-9:
                yield ctx.emit(h, name=name, half=h.raw, full=f.raw, problem="大于", expected=f"≤{fmt(fc.number)}",
                               actual=fmt(hc.number))
            continue
        if is_budget_rate(name) or "完成率" in row.norm_name:
            continue  # derived targets: PX305 and PX306
        rate = fc.unit == "%" and hc.unit == "%"
        levels = fc.kind == "level" and hc.kind == "level"
        if (rate and not close(hc.number or 0, fc.number or 0, 1e-6)) or (levels and norm(h.raw) != norm(f.raw)):
            yield ctx.emit(h, name=name, half=h.raw, full=f.raw, problem="不等于", expected=f.raw, actual=h.raw,
                           severity="warning")


def _half_full_money(form) -> tuple[float | None, float | None]:
    lines = [line for line in form.table("spending") if line.role in ("basic", "project", "other")]
    half = [line_num(line, "half") for line in lines]
    full = [line_num(line, "full") for line in lines]
    total = num(form.get("total_funds"))
    if not lines or all(h is None for h in half):
        return None, None
    full_total = total if total else (sum(x or 0.0 for x in full) or None)
    return sum(h or 0.0 for h in half), full_total


@rule("PX305", "half-budget-rate", "error", DT, "预算执行率{period}指标值 {stated}% 应为 {expected}%（{formula}）")
def half_budget_rate(ctx):
    """
    说明：
    预算执行率的半年指标值 = 各项半年计划执行数之和 ÷ 全年预算数，误差不超过 1 个百分点；全年指标值为 100%。
    原因：
    半年目标应与本表的半年用款计划一致。
    错误示例：
    半年计划执行数 121.57，全年预算 233.35，半年指标值“＝40%”。
    正确示例：
    半年指标值“＝52%”（121.57 ÷ 233.35 = 52.10%）。
    """
    form = ctx.form
    half_money, full_money = _half_full_money(form)
    shared = facts(form)
    for row in shared.rows:
        if not is_budget_rate(row.name):
            continue
        ind = row.ind
        if row.half is not None and half_money is not None and full_money:
            stated = row.half.number
            expected = half_money / full_money * 100
            if stated is not None and not close(stated, expected, ctx.config.half_rate_tol):
                yield ctx.emit(ind.half_target, period="半年", stated=fmt(stated), expected=f"{expected:.2f}",
                               formula=f"{money(half_money)} ÷ {money(full_money)}", actual=fmt(stated))
        target = row.target
        full = target.number if target is not None and shared.has_half else None
        if target is not None and full is not None and target.unit == "%" and not close(full, 100.0, ctx.config.pct_tol):
            yield ctx.emit(ind.target, period="全年", stated=fmt(full), expected="100", formula="全年预算应全部执行",
                           actual=fmt(full), severity="warning")


def _count_partner(form, rate: Row) -> Row | None:
    """The count indicator a 完成率 refers to: same 二级 group, count unit, most similar name."""
    counts = form.cache.get("half_counts")
    if counts is None:  # count rows with both values, and their 二级 label: once per form, every 完成率 row looks
        counts = form.cache["half_counts"] = [
            (r, norm(r.ind.level2.raw) if r.ind.level2 is not None else None) for r in facts(form).rows
            if r.named and r.half is not None and r.target is not None and is_count_unit(r.target.unit)
            and r.target.number]
    level2 = rate.ind.level2
    label = norm(level2.raw) if level2 is not None else None  # 二级 typed again on each row: compare the text
    group = [r for r, key in counts if r is not rate
             and (key is None or level2 is None or r.ind.level2.cell == level2.cell or key == label)]
    stem = rate.name.replace("完成率", "")
    scored = sorted(((similarity(stem, r.name), r) for r in group), key=lambda p: -p[0])
    return scored[0][1] if scored and scored[0][0] >= 0.3 else None


@rule("PX306", "half-completion-rate", "error", DT,
      "“{name}”的半年指标值 {stated}% 应为 {expected}%（“{partner}”半年 {half} ÷ 全年 {full}）")
def half_completion_rate(ctx):
    """
    说明：
    完成率指标的半年指标值 = 对应数量指标的半年值 ÷ 全年值（误差不超过 1 个百分点）。
    原因：
    完成率由数量指标推算；两者不一致说明有一个填错。
    错误示例：
    参展数量半年 5 场次、全年 15 场次，参加展会数量完成率半年指标值 50%。
    正确示例：
    半年指标值 33%（5 ÷ 15）。
    """
    form = ctx.form
    for row in facts(form).rows:
        ind, name = row.ind, row.name
        if row.half is None or row.target is None or "完成率" not in row.norm_name or "收入" in name:
            continue
        stated, full_pct = row.half.number, row.target.number
        if stated is None or row.half.unit != "%":
            continue
        partner = _count_partner(form, row)
        if partner is None:
            continue
        # a count row with both values (_count_partner), but its 半年 value need not be a number
        # ("按计划推进"): then there is nothing to compute the rate from
        h = partner.half.number if partner.half is not None else None
        f = partner.target.number if partner.target is not None else None
        if h is None or f is None:
            continue
        expected = h / f * (full_pct or 100.0)
        if not close(stated, expected, ctx.config.half_rate_tol):
            yield ctx.emit(ind.half_target, name=name, stated=fmt(stated), expected=f"{expected:.0f}",
                           partner=partner.name, half=fmt(h), full=fmt(f), actual=fmt(stated))


@rule("PX307", "half-line-exceeds", "error", DT, "“{line}”的半年计划执行数 {half} 万元大于全年预算数 {full} 万元")
def half_line_exceeds(ctx):
    """
    说明：
    每一支出行的半年计划执行数不能超过其全年预算数。
    原因：
    半年用款是全年预算的一部分。
    错误示例：
    货物原产地证签发 半年 12.00，全年 10.21。
    正确示例：
    半年 10.00，全年 10.21。
    """
    for line in ctx.form.table("spending"):
        half, full = line_num(line, "half"), line_num(line, "full")
        if half is not None and full is not None and half > full + ctx.config.money_tol:
            yield ctx.emit(line.get("half"), line=text(line.name), half=money(half), full=money(full),
                           expected=f"≤{money(full)}", actual=money(half))


@rule("PX308", "money-output-share", "warning", DT,
      "“{line}”半年用款占全年的 {money_share}%，而对应指标半年完成量只占全年的 {output_share}%")
def money_output_share(ctx):
    """
    说明：
    一个项目半年用款占全年的比例应与其产出指标半年完成量占全年的比例大致相当（相差超过 30 个百分点时提示）。
    原因：
    钱先花完而产出只完成一半，说明用款计划或半年指标值不合理。
    错误示例：
    货物原产地证签发项目半年用款 10 / 10.21 = 98%，原产地证书签发数量半年 5000 / 全年 10000 = 50%。
    正确示例：
    半年用款 5.1 万元（50%），或说明一次性支出的原因。
    """
    form = ctx.form
    lines = [line for line in form.table("spending") if line.role in ("project_line", "project")]
    for line in lines:
        half, full = line_num(line, "half"), line_num(line, "full")
        if half is None or not full:
            continue
        shares = []
        for row in facts(form).rows:
            project = row.ind.extra.get("project")
            if row.half is None or row.target is None or project is None or project.blank:
                continue
            if norm(project.raw) != norm(text(line.name)) and similarity(project.raw, text(line.name)) < 0.8:
                continue
            hn = row.half.number  # not None for a numeric cell
            if _cumulative(row.target, row.name) and row.half.kind == "numeric" and hn is not None \
                    and row.target.number:
                shares.append(hn / row.target.number * 100)
        if not shares:
            continue
        money_share, output_share = half / full * 100, sum(shares) / len(shares)
        if abs(money_share - output_share) > ctx.config.share_gap:
            yield ctx.emit(line.get("half"), line=text(line.name), money_share=f"{money_share:.0f}",
                           output_share=f"{output_share:.0f}", expected=f"{output_share:.0f}%",
                           actual=f"{money_share:.0f}%")


@rule("PX309", "time-progress", "warning", DT, "{what}半年进度为时间进度的 {progress}%，低于 60%（红灯）")
def time_progress(ctx):
    """
    说明：
    半年计划执行数 ÷ 全年预算数，以及正向累计指标的半年值 ÷ 全年值，与时间进度（6 ÷ 12）相比不应低于 60%。
    原因：
    绩效运行监控按“执行进度 ÷ 时间进度”亮灯：低于 60% 为红灯（DOMAIN §6）。
    错误示例：
    全年预算 233.35 万元，半年计划执行 30 万元（进度 26%）。
    正确示例：
    半年计划执行 121.57 万元（52%）。
    """
    form = ctx.form
    half_money, full_money = _half_full_money(form)
    if half_money is not None and full_money:
        progress = half_money / full_money * 100 / 0.5
        if progress < 60:
            field = next((line.get("half") for line in form.table("spending") if line.get("half")), None)
            yield ctx.emit(field, what="预算执行", progress=f"{progress:.0f}", expected="≥60", actual=f"{progress:.0f}")
    for row in facts(form).rows:
        hc, fc = row.half, row.target
        if hc is None or fc is None or hc.kind != "numeric" or not _cumulative(fc, row.name):
            continue
        hn = hc.number  # not None for a numeric cell
        if fc.number and hn is not None:
            progress = hn / fc.number * 100 / 0.5
            if progress < 60:
                yield ctx.emit(hc.field, what=f"“{row.name}”", progress=f"{progress:.0f}", expected="≥60",
                               actual=f"{progress:.0f}")
