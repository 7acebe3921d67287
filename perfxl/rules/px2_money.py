"""PX2xx money arithmetic: budget sums, sub-totals, shares, execution rates, text amounts vs cells."""

from __future__ import annotations

from perfxl.model import Line
from perfxl.rules._util import (blank, close, fmt, headline_amount, line_num, money, money_mentions, num, stated_tol,
                                text)
from perfxl.rules.registry import rule
from perfxl.scoring import execution_rate

DT, PT, PS, DS = "dept_target", "project_target", "project_selfeval", "dept_selfeval"


def _any_close(value: float, candidates: list[float], tol: float) -> bool:
    return any(close(value, c, tol) for c in candidates)


@rule("PX201", "total-funds-sum", "error", (DT,), "资金总额 {total} 万元不等于各来源之和 {sum} 万元")
def total_funds_sum(ctx):
    """
    说明：
    资金总额 = 财政拨款 + 财政专户管理资金 + 上年结转资金 + 其他资金。
    原因：
    收入按来源列示，各来源之和必须等于总额。
    错误示例：
    资金总额 232.35，财政拨款 233.35，其他来源 0。
    正确示例：
    资金总额 233.35。
    """
    form = ctx.form
    total = num(form.get("total_funds"))
    parts = {k: num(form.get(k)) for k in ("fiscal_subtotal", "general_budget", "gov_fund", "state_capital",
                                           "social_security", "special_account", "carryover", "other_funds")}
    if total is None or all(v is None for v in parts.values()):
        return
    v = {k: x or 0.0 for k, x in parts.items()}
    fiscal = parts["fiscal_subtotal"]
    if fiscal is None:
        fiscal = v["general_budget"] + v["gov_fund"] + v["state_capital"] + v["social_security"]
    rest = v["special_account"] + v["carryover"] + v["other_funds"]
    # 国有资本金/社保基金 are parts of 财政拨款 in the official form; some units list them beside it
    variants = [fiscal + rest, fiscal + rest + v["state_capital"] + v["social_security"]]
    if not _any_close(total, variants, ctx.config.money_tol):
        yield ctx.emit(form.get("total_funds"), total=money(total), sum=money(variants[0]),
                       expected=money(variants[0]), actual=money(total))


@rule("PX202", "fiscal-subtotal-sum", "error", (DT,), "财政拨款小计 {total} 万元不等于其明细之和 {sum} 万元")
def fiscal_subtotal_sum(ctx):
    """
    说明：
    财政拨款小计 = 一般公共预算资金 + 政府性基金 + 国有资本金（+ 社保基金）。
    原因：
    小计是明细的合计，两者不一致说明有一项填错或漏填。
    错误示例：
    财政拨款小计 233.35，一般公共预算资金 223.35，政府性基金 0。
    正确示例：
    一般公共预算资金 233.35。
    """
    form = ctx.form
    total = num(form.get("fiscal_subtotal"))
    parts = [num(form.get(k)) for k in ("general_budget", "gov_fund", "state_capital", "social_security")]
    if total is None or all(p is None for p in parts):
        return
    g, f, s, ss = (p or 0.0 for p in parts)
    variants = [g + f + s + ss, g + f + s, g + f]
    if not _any_close(total, variants, ctx.config.money_tol):
        yield ctx.emit(form.get("fiscal_subtotal"), total=money(total), sum=money(variants[0]),
                       expected=money(variants[0]), actual=money(total))


@rule("PX203", "spending-total", "error", (DT, DS), "{what} {sum} 万元不等于{total_label} {total} 万元")
def spending_total(ctx):
    """
    说明：
    基本支出 + 项目支出（+ 其他支出）= 资金总额；自评报告中按经济分类或支出类型列示的金额之和 = 决算支出。
    原因：
    支出按类型拆分，各部分之和必须等于总额。
    错误示例：
    资金总额 80.01，基本支出 70.51，项目支出 8.50，其他支出 0。
    正确示例：
    项目支出 9.50。
    """
    form = ctx.form
    tol = ctx.config.money_tol
    if form.kind == DT:
        total = num(form.get("total_funds"))
        lines = [line for line in form.table("spending") if line.role in ("basic", "project", "other")]
        amounts = [line_num(line, "full") for line in lines]
        if total is None or not lines or all(a is None for a in amounts):
            return
        s = sum(a or 0.0 for a in amounts)
        if not close(s, total, tol):  # which part is wrong is unknown: point at the total
            yield ctx.emit(form.get("total_funds"), what="基本支出、项目支出和其他支出之和", sum=money(s),
                           total_label="资金总额", total=money(total), expected=money(total), actual=money(s))
        return
    total = num(form.get("spend_final"))
    if total is None:
        return
    for role, what in (("by_type", "基本支出与项目支出之和"), ("by_economic", "按经济分类各项支出之和")):
        lines = [line for line in form.table("shares") if line.role == role]
        amounts = [line_num(line, "amount") for line in lines]
        if len(lines) < 2 or any(a is None for a in amounts):
            continue
        s = sum(a for a in amounts if a is not None)
        if not close(s, total, tol):
            yield ctx.emit(lines[0].get("amount") or lines[0], what=what, sum=money(s), total_label="决算支出",
                           total=money(total), expected=money(total), actual=money(s))


@rule("PX204", "project-lines-sum", "error", (DT,), "项目支出{column} {total} 万元不等于各项目之和 {sum} 万元")
def project_lines_sum(ctx):
    """
    说明：
    项目支出 = 其下列出的各项目金额之和，半年计划执行数和全年预算数两列分别核对。
    原因：
    项目支出是所列项目的合计。
    错误示例：
    项目支出 全年预算数 18.03，两个项目 7.82 和 10.12。
    正确示例：
    两个项目 7.82 和 10.21。
    """
    current: Line | None = None
    groups: list[tuple[Line, list[Line]]] = []
    for line in ctx.form.table("spending"):
        if line.role == "project":
            current = line
            groups.append((line, []))
        elif line.role == "project_line" and current is not None:
            groups[-1][1].append(line)
    for head, children in groups:
        if not children:
            continue
        for key, column in (("half", "半年计划执行数"), ("full", "全年预算数")):
            total = line_num(head, key)
            values = [line_num(c, key) for c in children]
            if total is None or all(v is None for v in values):
                continue
            s = sum(v or 0.0 for v in values)
            if not close(s, total, ctx.config.money_tol):
                yield ctx.emit(head.get(key), column=column, total=money(total), sum=money(s),
                               expected=money(s), actual=money(total))


@rule("PX205", "tasks-total", "error", (DT,), "各项任务金额之和 {sum} 万元不等于{label} {total} 万元")
def tasks_total(ctx):
    """
    说明：
    年度履职目标（年度主要任务）各行的预算金额之和 = 金额合计行 = 资金总额。
    原因：
    任务表把全部资金分配到各项任务上，合计必须一致。
    错误示例：
    任务金额 8.72 + 64.59 + 8.6 = 81.91，金额合计填 80.91。
    正确示例：
    金额合计 81.91。
    """
    form = ctx.form
    lines = form.table("tasks")
    rows = [line for line in lines if line.role != "total"]
    total_row = next((line for line in lines if line.role == "total"), None)
    tol = ctx.config.money_tol
    for key in ("amount", "fiscal", "other"):
        values = [line_num(line, key) for line in rows]
        stated = line_num(total_row, key)
        if total_row is None or stated is None or all(v is None for v in values):
            continue
        s = sum(v or 0.0 for v in values)
        if not close(s, stated, tol):
            yield ctx.emit(total_row.get(key), sum=money(s), label="金额合计", total=money(stated),
                           expected=money(s), actual=money(stated))
    amounts = [line_num(line, "amount") for line in rows]
    total = num(form.get("total_funds"))
    if total is None or not rows or any(a is None for a in amounts):
        return
    s = sum(a for a in amounts if a is not None)
    project = next((line_num(x, "full") for x in form.table("spending") if x.role == "project"), None)
    # some units list only their projects in the task table: Σ = 项目支出 is fine too
    if not close(s, total, tol) and not (project is not None and close(s, project, tol)):
        yield ctx.emit(rows[0].get("amount") or rows[0], sum=money(s), label="资金总额", total=money(total),
                       expected=money(total), actual=money(s), severity="warning")


@rule("PX206", "task-row-sum", "error", (DT,), "“{task}”的财政拨款 {fiscal} + 其他资金 {other} 不等于总额 {total} 万元")
def task_row_sum(ctx):
    """
    说明：
    任务表每一行：财政拨款 + 其他资金 = 总额。
    原因：
    每项任务的资金来源之和必须等于该任务的总额。
    错误示例：
    任务1 总额 8.72，财政拨款 8.27，其他资金 0。
    正确示例：
    财政拨款 8.72。
    """
    for line in ctx.form.table("tasks"):
        total, fiscal, other = (line_num(line, k) for k in ("amount", "fiscal", "other"))
        if total is None or fiscal is None:
            continue
        if not close(fiscal + (other or 0.0), total, ctx.config.money_tol):
            yield ctx.emit(line.get("amount"), task=text(line.name), fiscal=money(fiscal), other=money(other or 0.0),
                           total=money(total), expected=money(fiscal + (other or 0.0)), actual=money(total))


@rule("PX207", "share-mismatch", "error", (DS,), "“{name}” {amount} 万元占比应为 {expected}%，表中写 {stated}%")
def share_mismatch(ctx):
    """
    说明：
    “占比 x%” = 该项金额 ÷ 决算支出 × 100。
    原因：
    占比是算出来的数，抄错或复制上一行的占比很常见。
    错误示例：
    商品和服务支出 81.69 万元，占比 71.45%（决算支出 602.05）。
    正确示例：
    占比 13.57%。
    """
    total = num(ctx.form.get("spend_final"))
    if not total:
        return
    for line in ctx.form.table("shares"):
        amount, share = line_num(line, "amount"), line_num(line, "share")
        if amount is None or share is None:
            continue
        expected = amount / total * 100
        if not close(share, expected, stated_tol(line.get("share"), ctx.config.pct_tol)):
            yield ctx.emit(line.get("share"), name=text(line.name), amount=money(amount),
                           expected=f"{expected:.2f}", stated=fmt(share), actual=fmt(share))


@rule("PX208", "shares-sum", "error", (DS,), "{what}的占比合计为 {sum}%，应为 100%")
def shares_sum(ctx):
    """
    说明：
    同一种分类（支出类型或经济分类）下各项占比之和应为 100%。
    原因：
    各部分合起来就是全部支出。
    错误示例：
    工资福利 71.45% + 商品和服务 71.45% + 对个人和家庭 10.56% + 资本性 6.15% = 159.61%。
    正确示例：
    71.45% + 13.57% + 14.98% + 0% = 100%。
    """
    for role, what in (("by_type", "支出类型"), ("by_economic", "经济分类")):
        lines = [line for line in ctx.form.table("shares") if line.role == role]
        shares = [line_num(line, "share") for line in lines]
        if len(lines) < 2 or any(s is None for s in shares):
            continue
        s = sum(share for share in shares if share is not None)
        if not close(s, 100.0, max(ctx.config.pct_tol, 0.005 * len(lines))):
            yield ctx.emit(lines[0].get("share"), what=what, sum=fmt(s), expected="100", actual=fmt(s))


@rule("PX209", "change-pct", "error", (DS,), "比{base}{verb} {amount} 万元，对应幅度应为 {expected}%，文中写 {stated}%")
def change_pct(ctx):
    """
    说明：
    “比年初预算（比上年）减少 X 万元，下降 y%”中 y = X ÷ 比较基数 × 100，基数 = 本期金额 ± X。
    原因：
    增减幅度是算出来的，基数用错或抄错时数字对不上。
    错误示例：
    602.05 万元，比年初预算减少 14.91 万元，下降 2.5%。
    正确示例：
    下降 2.42%（14.91 ÷ 616.96）。
    """
    for line in ctx.form.table("changes"):
        amount, pct, current = (line_num(line, k) for k in ("amount", "pct", "current"))
        if amount is None or pct is None or current is None:
            continue
        base = current + amount if line.role == "decrease" else current - amount
        if base <= 0:
            continue
        expected = amount / base * 100
        if not close(pct, expected, stated_tol(line.get("pct"), ctx.config.pct_tol)):
            yield ctx.emit(line.get("pct"), base=text(line.name), verb="减少" if line.role == "decrease" else "增加",
                           amount=money(amount), expected=f"{expected:.2f}", stated=fmt(pct), actual=fmt(pct))


@rule("PX210", "goal-text-money", "warning", (PT,), "年度目标文字中的金额 {text_amount} 万元与本年度预算 {budget} 万元不一致")
def goal_text_money(ctx):
    """
    说明：
    年度目标文字里写的金额（总额、分项之和、单价 × 数量）应与本年度预算资金一致，相差超过 0.5% 时提示。
    原因：
    目标文字常沿用上年或申报时的测算，预算调整后没有同步修改。
    错误示例：
    年度目标“费用支出22.16万元”，本年度预算 22.00 万元。
    正确示例：
    年度目标写“费用支出22.00万元”，或按 22.00 万元调整分项。
    """
    form = ctx.form
    budget = num(form.get("annual_funds"))
    goal = text(form.get("annual_goal"))
    mentions = money_mentions(goal)
    if not budget or not mentions:
        return
    tol = budget * ctx.config.text_money_tol + ctx.config.money_tol / 2
    amounts = [m[0] for m in mentions]
    if _any_close(budget, amounts + [sum(amounts)], tol):
        return
    shown = headline_amount(goal, mentions)
    yield ctx.emit(form.get("annual_goal"), text_amount=money(shown), budget=money(budget),
                   expected=money(budget), actual=money(shown))


@rule("PX211", "fund-subrows-sum", "error", (PS,), "年度资金总额的{column} {total} 万元不等于各资金来源之和 {sum} 万元")
def fund_subrows_sum(ctx):
    """
    说明：
    当年财政拨款 + 上年结转资金 + 其他资金 = 年度资金总额，年初预算数、全年预算数、全年执行数三列分别核对。
    原因：
    总额行是其下各来源行的合计。
    错误示例：
    年度资金总额 全年预算数 8.6，当年财政拨款 8.0，其他资金空白。
    正确示例：
    当年财政拨款 8.6。
    """
    lines = ctx.form.table("funds")
    total = next((line for line in lines if line.role == "total"), None)
    subs = [line for line in lines if line.role != "total"]
    for key, column in (("initial", "年初预算数"), ("full", "全年预算数"), ("executed", "全年执行数")):
        stated = line_num(total, key)
        values = [line_num(line, key) for line in subs]
        if total is None or stated is None or all(v is None for v in values):
            continue  # sub-rows all blank: PX109 reports a blank execution column
        s = sum(v or 0.0 for v in values)
        if not close(s, stated, ctx.config.money_tol):
            yield ctx.emit(total.get(key), column=column, total=money(stated), sum=money(s),
                           expected=money(s), actual=money(stated))


@rule("PX212", "execution-rate", "error", (PS, DS, DT), "执行率 {stated}% 不等于{formula} = {expected}%{note}")
def execution_rate_check(ctx):
    """
    说明：
    执行率 = 全年执行数 ÷ 全年预算数（调整后预算），不是 ÷ 年初预算数；部门整体目标表“上年预算执行情况”
    的预算执行率 = 实际支出数 ÷ 调整预算数（未调整时 ÷ 年初预算数）。
    原因：
    财预〔2020〕10号自评表按全年预算数（A）计算执行率（B/A）。
    错误示例：
    年初预算 616.96，调整后预算 603.17，实际支付 602.05，执行率写 97.58%（按年初预算算）。
    正确示例：
    执行率 99.81%（602.05 ÷ 603.17）。
    """
    form = ctx.form
    checks = []
    if form.kind == PS:
        total = next((line for line in form.table("funds") if line.role == "total"), None)
        if total is not None:
            checks.append((total.get("rate"), line_num(total, "executed"), line_num(total, "full"),
                           line_num(total, "initial"), "全年执行数 ÷ 全年预算数"))
    elif form.kind == DT:
        adjusted, initial = num(form.get("prior_adjusted")), num(form.get("prior_initial"))
        checks.append((form.get("prior_rate"), num(form.get("prior_actual")),
                       adjusted if adjusted else initial, initial if adjusted else None,
                       "实际支出数 ÷ 调整预算数" if adjusted else "实际支出数 ÷ 年初预算数"))
    else:
        checks.append((form.get("rate_stated"), num(form.get("rate_actual")), num(form.get("rate_adjusted")),
                       num(form.get("rate_initial")), "实际支付 ÷ 调整后预算金额"))
        checks.append((form.get("exec_rate"), num(form.get("spend_final")), num(form.get("spend_adjusted")),
                       num(form.get("spend_initial")), "决算支出 ÷ 调整预算支出"))
    for field, executed, budget, initial, formula in checks:
        stated = num(field)
        rate = execution_rate(executed, budget)
        if stated is None or rate is None or blank(field):
            continue
        if close(stated, rate, stated_tol(field, ctx.config.pct_tol)):
            continue
        note = ""
        by_initial = execution_rate(executed, initial)
        if by_initial is not None and close(stated, by_initial, stated_tol(field, ctx.config.pct_tol)):
            note = f"（表中按年初预算数计算为 {by_initial:.2f}%，应按全年预算数计算）"
        yield ctx.emit(field, stated=fmt(stated), formula=formula, expected=f"{rate:.2f}", note=note,
                       actual=fmt(stated))
