"""PX5xx scoring of self-evaluation forms: weights, scores, totals, grade, 偏差原因 (DOMAIN §3, §5)."""

from __future__ import annotations

from perfxl.classify import level1_of, vkind, vnum, vsign
from perfxl.model import Line
from perfxl.rules._util import blank, close, fmt, line_num, name_of, named, num, text
from perfxl.rules.registry import rule
from perfxl.scoring import budget_score, execution_rate, fund_total_line, over_achieved, score_selfeval

PS, DS = "project_selfeval", "dept_selfeval"
BOTH = (PS, DS)


def _rows(form):
    """Scored indicator rows: PS all rows with a weight; DS the 履职效能 (performance) rows."""
    for ind in form.indicators:
        if form.kind == DS and ind.block != "performance":
            continue
        if named(ind) or not blank(ind.weight):
            yield ind


def block_rows(form, rows):
    """(block line, its rows for weights, its rows for the 综合得分) of a Guangzhou form.

    A row whose 一级 has no block line of its own (满意度 inside the 效益 table) belongs to the block
    of the row before it; a block without its own 综合得分 shares the score of the block before it.
    """
    blocks = form.table("blocks")
    out = [[block, [], []] for block in blocks]
    by_l1 = {level1_of(text(b.name)): entry for b, entry in zip(blocks, out)}
    current = None
    for ind in rows:
        current = by_l1.get(level1_of(text(ind.level1)), current)
        if current is not None:
            current[1].append(ind)
            current[2].append(ind)
    for i in range(len(out) - 1, 0, -1):
        if out[i][0].get("score") is None:
            out[i - 1][2].extend(out[i][2])
    return out


def known_sum(values: list[float | None]) -> float | None:
    """Σ values when there are some and none is missing (None); None otherwise."""
    if not values or None in values:
        return None
    return sum([v for v in values if v is not None])


def _budget(form, settings) -> tuple[float | None, float | None, object]:
    """(computed budget score, stated budget score, the stated score field)."""
    if form.kind == PS:
        total = fund_total_line(form)
        rate = execution_rate(line_num(total, "executed"), line_num(total, "full"))
        if rate is None:
            rate = line_num(total, "rate")
        field = total.get("score") if total is not None else None
        weight = settings.budget_weight
    else:
        rate = execution_rate(num(form.get("rate_actual")), num(form.get("rate_adjusted")))
        if rate is None:
            rate = num(form.get("rate_stated"))
        field = form.get("rate_score")
        weight = num(form.get("rate_weight")) or settings.gz_rate
    return (budget_score(rate, weight) if rate is not None else None), num(field), field


def _result(ctx):
    return score_selfeval(ctx.form, ctx.settings)


@rule("PX501", "budget-weight", "error", (PS,), "预算执行率（年度资金总额行）的分值应为 {expected} 分，表中为 {stated} 分")
def budget_weight(ctx):
    """
    说明：
    项目支出绩效自评表中，年度资金总额行（预算执行率）的分值为 10 分。
    原因：
    财预〔2020〕10号：预算执行率 10%、产出 50%、效益 30%、满意度 10%，总分 100。
    错误示例：
    年度资金总额行分值 100。
    正确示例：
    分值 10。
    """
    total = fund_total_line(ctx.form)
    stated = line_num(total, "weight")
    expected = ctx.settings.budget_weight
    if total is not None and stated is not None and not close(stated, expected, 1e-6):
        yield ctx.emit(total.get("weight"), expected=fmt(expected), stated=fmt(stated), actual=fmt(stated))


@rule("PX502", "budget-score", "error", BOTH, "预算执行率得分应为 {expected} 分（{formula}），表中为 {stated} 分")
def budget_score_check(ctx):
    """
    说明：
    预算执行率得分 = min(执行率 × 分值, 分值)；广州部门整体自评的“部门预算资金支出率”同样按 10 × 执行率计分。
    原因：
    财预〔2020〕10号：执行率按全年预算数计算，得分与执行率成正比，最多得满分。
    错误示例：
    执行率 100%，分值 10，得分 100。
    正确示例：
    得分 10；执行率 99.81% 时得分 9.98。
    """
    expected, stated, field = _budget(ctx.form, ctx.settings)
    if expected is None or stated is None:
        return
    if not close(stated, expected, max(0.01, ctx.config.pct_tol / 10)):
        yield ctx.emit(field, expected=fmt(expected), stated=fmt(stated), formula="min(执行率 × 分值, 分值)",
                       actual=fmt(stated))


@rule("PX503", "indicator-weights-total", "error", (PS,), "各三级指标分值合计 {sum} 分，应为 {expected} 分")
def indicator_weights_total(ctx):
    """
    说明：
    三级指标分值合计 90 分，加上预算执行率 10 分，总分 100 分。
    原因：
    财预〔2020〕10号的权重：产出 50%、效益 30%、满意度 10%、预算执行率 10%。
    错误示例：
    三级指标分值合计 100 分，再加预算执行率，总分超过 100。
    正确示例：
    三级指标分值合计 90 分。
    """
    s = known_sum([num(ind.weight) for ind in _rows(ctx.form)])
    if s is None:
        return
    expected = ctx.settings.indicator_total
    if not close(s, expected, 1e-6):
        first = next(ind for ind in _rows(ctx.form))
        yield ctx.emit(first.weight, sum=fmt(s), expected=fmt(expected), actual=fmt(s))


@rule("PX504", "level1-split", "warning", (PS,), "一级指标“{level1}”分值合计 {sum} 分，通常为 {expected} 分")
def level1_split(ctx):
    """
    说明：
    一级指标分值一般为产出 50 分（含成本）、效益 30 分、满意度 10 分；特殊情况可调整，但应说明。
    原因：
    财预〔2020〕10号规定的权重；偏离时提示核对。
    错误示例：
    产出指标 60 分，效益 20 分。
    正确示例：
    产出 50、效益 30、满意度 10。
    """
    if not ctx.settings.check_split:
        return
    rows = list(_rows(ctx.form))
    weights = [w for ind in rows if (w := num(ind.weight)) is not None]
    if not rows or len(weights) < len(rows) or not close(sum(weights), ctx.settings.indicator_total, 1e-6):
        return  # PX503 reports a wrong total; the split is meaningless then
    sums: dict[str, float] = {}
    first: dict[str, object] = {}
    for ind, w in zip(rows, weights):
        l1 = level1_of(text(ind.level1))
        l1 = "产出" if l1 == "成本" else l1
        if l1:
            sums[l1] = sums.get(l1, 0.0) + w
            first.setdefault(l1, ind.level1 or ind.weight)
    for l1, expected in ctx.settings.split:
        if l1 in sums and not close(sums[l1], expected, 1e-6):
            yield ctx.emit(first[l1], level1=l1, sum=fmt(sums[l1]), expected=fmt(expected), actual=fmt(sums[l1]))


@rule("PX505", "weights-sum", "error", BOTH, "{what}分值 {stated} 分不等于{parts} {expected} 分")
def weights_sum(ctx):
    """
    说明：
    上级分值等于下级分值之和：总分 100；广州部门整体自评中履职效能 50 = 产出 20 + 效益 20 + 支出率 10，管理效率 50 = 各项之和，各项 = 其子项之和。
    原因：
    分值层层分解，合计对不上说明某项分值填错。
    错误示例：
    管理效率 50 分，各项分值合计 48 分。
    正确示例：
    预算编制 3 + 预算执行 4 + 信息公开 4 + 绩效管理 15 + 采购管理 10 + 资产管理 10 + 运行成本 4 = 50。
    """
    form = ctx.form
    if form.kind == PS:
        stated = num(form.get("total_weight"))
        if stated is not None and not close(stated, ctx.settings.total, 1e-6):
            yield ctx.emit(form.get("total_weight"), what="总分", stated=fmt(stated), parts="规定的",
                           expected=fmt(ctx.settings.total), actual=fmt(stated))
        return
    blocks = form.table("blocks")
    rows = list(_rows(form))
    for block, own, _ in block_rows(form, rows):
        w = line_num(block, "weight")
        parts = known_sum([num(i.weight) for i in own])
        if w is not None and parts is not None and not close(w, parts, 1e-6):
            yield ctx.emit(block.get("weight"), what=f"“{text(block.name)}”", stated=fmt(w), parts="各指标分值之和",
                           expected=fmt(parts), actual=fmt(w))
    duty = num(form.get("duty_weight"))
    parts = known_sum([line_num(b, "weight") for b in blocks] + [num(form.get("rate_weight"))])
    if duty is not None and blocks and parts is not None and not close(duty, parts, 1e-6):
        yield ctx.emit(form.get("duty_weight"), what="履职效能", stated=fmt(duty), parts="产出、效益和支出率分值之和",
                       expected=fmt(parts), actual=fmt(duty))
    yield from _management_sums(ctx, "weight", "分值")
    mgmt = num(form.get("mgmt_weight"))
    if duty is not None and mgmt is not None and not close(duty + mgmt, ctx.settings.total, 1e-6):
        yield ctx.emit(form.get("mgmt_weight"), what="履职效能与管理效率", stated=fmt(duty + mgmt), parts="总分",
                       expected=fmt(ctx.settings.total), actual=fmt(duty + mgmt))


def _management_sums(ctx, key: str, word: str):
    """管理效率: items = Σ their sub-items; Σ items = the stated 管理效率 figure."""
    form = ctx.form
    lines = form.table("management")
    items: list[tuple[Line, list[Line]]] = []
    for line in lines:
        if line.role == "item":
            items.append((line, []))
        elif line.role == "sub" and items:
            items[-1][1].append(line)
    for item, subs in items:
        stated, parts = line_num(item, key), known_sum([line_num(s, key) for s in subs])
        if stated is not None and parts is not None and not close(stated, parts, 0.005):
            yield ctx.emit(item.get(key), what=f"“{text(item.name)}”", stated=fmt(stated), parts=f"各子项{word}之和",
                           expected=fmt(parts), actual=fmt(stated))
    top = form.get("mgmt_weight" if key == "weight" else "mgmt_score")
    top_sum, parts = num(top), known_sum([line_num(item, key) for item, _ in items])
    if top_sum is not None and parts is not None and not close(top_sum, parts, 0.005):
        yield ctx.emit(top, what="管理效率", stated=fmt(top_sum), parts=f"各项{word}之和", expected=fmt(parts),
                       actual=fmt(top_sum))


@rule("PX506", "weight-not-positive", "error", BOTH, "“{name}”的分值 {weight} 应大于 0")
def weight_not_positive(ctx):
    """
    说明：
    每个三级指标的分值应大于 0。
    原因：
    分值为 0 的指标不参与计分，等于没有设置。
    错误示例：
    分值 0。
    正确示例：
    分值 5。
    """
    for ind in _rows(ctx.form):
        w = num(ind.weight)
        if w is not None and w <= 0:
            yield ctx.emit(ind.weight, name=name_of(ind), weight=fmt(w), expected=">0", actual=fmt(w))


@rule("PX507", "score-out-of-range", "error", BOTH, "“{name}”的得分 {score} 不在 0 到分值 {weight} 之间")
def score_out_of_range(ctx):
    """
    说明：
    得分不能小于 0，也不能大于分值。
    原因：
    预算管理一体化系统保存时即校验“得分必须小于等于权重”。
    错误示例：
    分值 5，得分 8。
    正确示例：
    分值 5，得分 5。
    """
    for ind in _rows(ctx.form):
        w, s = num(ind.weight), num(ind.score)
        if w is not None and s is not None and (s < 0 or s > w + 1e-9):
            yield ctx.emit(ind.score, name=name_of(ind), score=fmt(s), weight=fmt(w), expected=f"0–{fmt(w)}",
                           actual=fmt(s))


@rule("PX508", "total-score", "error", BOTH, "{what} {stated} 分不等于{parts} {expected} 分")
def total_score(ctx):
    """
    说明：
    总分 = 各三级指标得分之和 + 预算执行率得分；广州部门整体自评中各小计、履职效能、管理效率同样等于其组成之和。
    原因：
    财预〔2020〕10号自评表的总分行。
    错误示例：
    指标得分合计 90，预算执行率得分 10，总分填 90。
    正确示例：
    总分 100。
    """
    form = ctx.form
    rows = list(_rows(form))
    scores = known_sum([num(i.score) for i in rows])
    computed, stated_budget, _ = _budget(form, ctx.settings)
    weight = ctx.settings.budget_weight if form.kind == PS else (num(form.get("rate_weight")) or ctx.settings.gz_rate)
    budget = stated_budget if stated_budget is not None and stated_budget <= weight + 1e-9 else computed
    if form.kind == PS:
        stated = num(form.get("total_score"))
        if stated is not None and scores is not None and budget is not None:
            expected = scores + budget
            if not close(stated, expected, 0.005):
                yield ctx.emit(form.get("total_score"), what="总分", stated=fmt(stated),
                               parts=f"指标得分合计 {fmt(scores)} 加预算执行率得分 {fmt(budget)} =",
                               expected=fmt(expected), actual=fmt(stated))
        return
    block_scores: list[float | None] = []
    for block, _, scored in block_rows(form, rows):
        if block.get("score") is None:
            continue
        s = line_num(block, "score")
        block_scores.append(s)
        parts = known_sum([num(i.score) for i in scored])
        if s is not None and parts is not None and not close(s, parts, 0.005):
            yield ctx.emit(block.get("score"), what=f"“{text(block.name)}”综合得分", stated=fmt(s),
                           parts="各指标得分之和", expected=fmt(parts), actual=fmt(s))
    duty, blocks_sum = num(form.get("duty_score")), known_sum(block_scores)
    if duty is not None and blocks_sum is not None and budget is not None:
        expected = blocks_sum + budget
        if not close(duty, expected, 0.005):
            yield ctx.emit(form.get("duty_score"), what="履职效能自评得分", stated=fmt(duty),
                           parts="产出、效益得分与支出率得分之和", expected=fmt(expected), actual=fmt(duty))
    yield from _management_sums(ctx, "score", "得分")
    total, mgmt = num(form.get("total_score")), num(form.get("mgmt_score"))
    if total is not None and duty is not None and mgmt is not None and not close(total, duty + mgmt, 0.005):
        yield ctx.emit(form.get("total_score"), what="自评总分", stated=fmt(total), parts="履职效能与管理效率得分之和",
                       expected=fmt(duty + mgmt), actual=fmt(total))


@rule("PX509", "quantitative-score", "error", (PS,), "“{name}”的得分应为 {expected} 分（{reason}），表中为 {stated} 分")
def quantitative_score(ctx):
    """
    说明：
    定量指标按实际完成值重新计分：正向指标达到目标得满分，否则得分 = 实际值 ÷ 目标值 × 分值；反向指标超出目标时得分 = (2 − 实际值 ÷ 目标值) × 分值，达到 2 倍得 0；区间目标按下限计（提示）。
    原因：
    财预〔2020〕10号：“未完成的，按照完成值与指标值的比例计分”；差额超过分值的 1% 且未写偏差原因时报告。
    错误示例：
    “3-5家”，实际完成 2 家，分值 10，得分 8。
    正确示例：
    得分 6.67（2 ÷ 3 × 10）。
    """
    for row in _result(ctx).rows:
        ind = row.indicator
        if row.method in ("", "定性", "完成率") or row.expected_score is None or row.stated is None:
            continue
        tol = 0.01 * (row.weight or 0) + 1e-9
        above = row.stated > row.expected_score + tol and row.expected_score < (row.weight or 0) - tol
        if not blank(ind.deviation) and not above:
            continue  # the unit explained the difference; no text justifies more than the formula for a shortfall
        if abs(row.stated - row.expected_score) > tol:
            yield ctx.emit(ind.score, name=name_of(ind), expected=fmt(row.expected_score), reason=row.reason,
                           stated=fmt(row.stated), actual=fmt(row.stated),
                           severity="warning" if row.method == "区间" else None)


@rule("PX510", "qualitative-band", "error", (PS,), "“{name}”{outcome}，得分应在 {low}–{high} 分之间，表中为 {stated} 分")
def qualitative_band(ctx):
    """
    说明：
    定性指标按达成程度在分值区间内打分：达成 80%–100%，部分达成 60%–80%，未达成 0–60%。
    原因：
    财预〔2020〕10号：“分别按照该指标对应分值区间100-80%（含）、80-60%（含）、60-0%合理确定分值”。
    错误示例：
    “按时完成”实际“完成”，分值 5，得分 3。
    正确示例：
    得分 4 到 5 分之间。
    """
    for row in _result(ctx).rows:
        if row.method != "定性" or row.band is None or row.stated is None:
            continue
        low, high = row.band
        if not (low - 1e-9 <= row.stated <= high + 1e-9):
            outcome = row.reason.split("，")[0].replace("定性指标", "")
            yield ctx.emit(row.indicator.score, name=name_of(row.indicator), outcome=outcome, low=fmt(low),
                           high=fmt(high), stated=fmt(row.stated), expected=f"{fmt(low)}–{fmt(high)}",
                           actual=fmt(row.stated))


@rule("PX511", "deviation-missing", "error", BOTH, "“{name}”得分 {score} 低于分值 {weight}{met}，但未填写偏差原因分析及改进措施")
def deviation_missing(ctx):
    """
    说明：
    得分低于分值的指标必须填写偏差原因分析及改进措施；目标已达成却扣分的，更要说明扣分理由。
    原因：
    财预〔2020〕10号：“对未完成绩效目标或偏离绩效目标较大的项目要分析并说明原因，研究提出改进措施”。
    错误示例：
    分值 10，得分 8，偏差原因空白。
    正确示例：
    偏差原因：“受疫情影响，外出考察推迟一次；下年提前安排。”
    """
    form = ctx.form
    if not any(ind.deviation is not None for ind in form.indicators):
        return  # the layout has no 偏差原因 column (Guangzhou tables)
    rows = {id(r.indicator): r for r in _result(ctx).rows}
    for ind in _rows(form):
        w, s = num(ind.weight), num(ind.score)
        if w is None or s is None or s >= w - 1e-9 or not blank(ind.deviation):
            continue
        row = rows.get(id(ind))
        met = row is not None and row.expected_score is not None and row.expected_score >= w - 1e-9
        yield ctx.emit(ind.deviation or ind.score, name=name_of(ind), score=fmt(s), weight=fmt(w),
                       met="（目标已达成）" if met else "")


@rule("PX512", "inconsistent-scoring", "warning", (PS,), "“{name}”与“{other}”的目标和完成值相同，得分比例却不同（{a} 与 {b}）")
def inconsistent_scoring(ctx):
    """
    说明：
    同一张表中，目标值和实际完成值都相同的指标，得分占分值的比例应相同。
    原因：
    同样的完成情况打不同的分，说明评分随意。
    错误示例：
    “1-2次 / 1”一行得 10 分中的 8 分，另一行得 5 分中的 5 分。
    正确示例：
    两行都按同一比例计分。
    """
    seen: dict[tuple[str, str], tuple] = {}
    for ind in _rows(ctx.form):
        w, s = num(ind.weight), num(ind.score)
        if not w or s is None or blank(ind.target) or blank(ind.actual):
            continue
        key = (ind.target.raw.strip(), ind.actual.raw.strip())
        ratio = s / w
        if key in seen:
            other, other_ratio = seen[key]
            if abs(ratio - other_ratio) > 0.01:
                yield ctx.emit(ind.score, name=name_of(ind), other=name_of(other), a=f"{other_ratio:.0%}",
                               b=f"{ratio:.0%}")
        else:
            seen[key] = (ind, ratio)


@rule("PX513", "over-achievement", "warning", (PS,), "“{name}”实际完成 {done} 达到目标 {target} 的 {ratio}% 以上，目标值是否设置偏低？请说明原因")
def over_achievement(ctx):
    """
    说明：
    实际完成值达到目标值的 120% 及以上（广西 130%）时，应在偏差原因中说明，并考虑目标是否设置偏低。
    原因：
    财预〔2020〕10号：“超额完成较多的，如目标值明显偏低，按照偏离度适度调减分值”。
    错误示例：
    目标“≥10次”，实际 20 次，偏差原因空白。
    正确示例：
    偏差原因：“新增专项活动 10 次”；下年调高目标值。
    """
    settings = ctx.settings
    for ind in _rows(ctx.form):
        if blank(ind.target) or blank(ind.actual) or not blank(ind.deviation):
            continue
        t, a = ind.target.value, ind.actual.value
        tn, an = vnum(t), vnum(a)
        if vkind(t) != "numeric" or vkind(a) != "numeric" or tn is None or an is None:
            continue
        if over_achieved(vsign(t) or "≥", tn, an, settings):
            yield ctx.emit(ind.actual, name=name_of(ind), done=ind.actual.raw.strip(), target=ind.target.raw.strip(),
                           ratio=f"{settings.over_ratio * 100:.0f}", expected=f"<{fmt(settings.over_ratio * tn)}",
                           actual=fmt(an))
