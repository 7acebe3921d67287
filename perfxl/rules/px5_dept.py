"""PX51x scoring, part two: grade, score vs spending, and the Guangzhou 部门整体 scheme (DOMAIN §3.4, §3.8, §5)."""

from __future__ import annotations

from perfxl.classify import vkind, vnum, vsign
from perfxl.labels import norm
from perfxl.rules._util import blank, close, fmt, line_num, name_of, num, stated_tol, text
from perfxl.rules.px5_scoring import _budget, _result, _rows, block_rows, known_sum
from perfxl.rules.registry import rule
from perfxl.scoring import completion_rate, fund_total_line

PS, DS = "project_selfeval", "dept_selfeval"
BOTH = (PS, DS)
BANDS = (("n_lt60", "60%以下"), ("n_60_100", "60-100%"), ("n_100_150", "100-150%"), ("n_gt150", "150%以上"))


def _band_key(rate: float, bands: tuple[float, float, float]) -> str:
    low, full, high = bands
    if rate < low:
        return "n_lt60"
    if rate < full:
        return "n_60_100"
    return "n_100_150" if rate <= high else "n_gt150"


def _row_rate(ind) -> float | None:
    """完成率 of a 履职效能 row: computed from numeric A and T, else the stated one."""
    t = ind.target.value if ind.target is not None else None
    a = ind.actual.value if ind.actual is not None else None
    tn, an = vnum(t), vnum(a)
    if vkind(t) == "numeric" and vkind(a) == "numeric" and tn is not None and an is not None:
        return completion_rate(vsign(t) or "≥", tn, an)
    return num(ind.completion_rate)


@rule("PX514", "completion-rate", "error", (DS,), "“{name}”的指标完成率应为 {expected}%（{formula}），表中为 {stated}%")
def completion_rate_check(ctx):
    """
    说明：
    指标完成率 = 实际值 ÷ 目标值（正向）或 目标值 ÷ 实际值（反向）；超过 100% 时写 100% 视为封顶，不报告。
    原因：
    完成率决定广州方案中各指标所在的得分区间。
    错误示例：
    目标 ≥95%，实际 80%，完成率写 100%。
    正确示例：
    完成率 84.21%（80 ÷ 95）。
    """
    for ind in _rows(ctx.form):
        stated = num(ind.completion_rate)
        t = ind.target.value if ind.target is not None else None
        a = ind.actual.value if ind.actual is not None else None
        tn, an = vnum(t), vnum(a)  # never None for numeric values
        if stated is None or vkind(t) != "numeric" or vkind(a) != "numeric" or tn is None or an is None:
            continue
        rate = completion_rate(vsign(t) or "≥", tn, an)
        if rate is None or close(stated, rate, stated_tol(ind.completion_rate, ctx.config.pct_tol)):
            continue
        if rate > 100 and close(stated, 100.0, 1e-6):
            continue  # capped at 100 %
        formula = f"{fmt(tn)} ÷ {fmt(an)}" if vsign(t) in ("≤", "<") else f"{fmt(an)} ÷ {fmt(tn)}"
        yield ctx.emit(ind.completion_rate, name=name_of(ind), expected=f"{rate:.2f}", formula=formula,
                       stated=fmt(stated), actual=fmt(stated))


@rule("PX515", "band-counts", "error", (DS,), "{block}中完成率在 {band} 的指标有 {counted} 个，文中写 {stated} 个")
def band_counts(ctx):
    """
    说明：
    “完成率在 60%以下 / 60-100% / 100-150% / 150%以上的指标有 n 个”应与表中各指标的完成率一致。
    原因：
    广州方案按完成率分档计分，分档个数写错，得分说明就不可信。
    错误示例：
    表中两个指标完成率都是 100%，文中写“完成率在 60-100%的指标有 2 个”。
    正确示例：
    “完成率在 100-150%的指标有 2 个”。
    """
    for block, own, _ in block_rows(ctx.form, list(_rows(ctx.form))):
        rates = [r for i in own if (r := _row_rate(i)) is not None]
        if not own or len(rates) < len(own):
            continue
        counted = {key: 0 for key, _ in BANDS}
        for r in rates:
            counted[_band_key(r, ctx.settings.gz_bands)] += 1
        for key, band in BANDS:
            stated = line_num(block, key)
            if stated is not None and int(stated) != counted[key]:
                yield ctx.emit(block.get(key), block=text(block.name), band=band, counted=counted[key],
                               stated=fmt(stated), expected=str(counted[key]), actual=fmt(stated))


@rule("PX516", "dept-row-score", "error", (DS,), "“{name}”的得分应为 {expected} 分（{reason}），表中为 {stated} 分")
def dept_row_score(ctx):
    """
    说明：
    广州方案按完成率分档计分：低于 60% 得 0 分，60%–100% 按比例，100%–150% 得满分，超过 150% 适度调减（提示）。
    原因：
    “部门整体支出绩效评价指标体系—履职效能”的评分标准。
    错误示例：
    完成率 50%，单项分值 10，单项自评得分 5。
    正确示例：
    得分 0。
    """
    for row in _result(ctx).rows:
        if row.stated is None:
            continue
        if row.expected_score is None:
            if "150%" in row.reason and close(row.stated, row.weight or 0, 1e-6):
                yield ctx.emit(row.indicator.score, name=name_of(row.indicator), expected="低于满分",
                               reason=row.reason, stated=fmt(row.stated), severity="warning")
            continue
        if not close(row.stated, row.expected_score, 0.01 * (row.weight or 0)):
            yield ctx.emit(row.indicator.score, name=name_of(row.indicator), expected=fmt(row.expected_score),
                           reason=row.reason, stated=fmt(row.stated), actual=fmt(row.stated))


@rule("PX517", "management-weights", "warning", (DS,), "管理效率“{item}”的分值 {stated} 分，广州方案规定为 {expected} 分")
def management_weights(ctx):
    """
    说明：
    广州方案的管理效率 50 分 = 预算编制 3 + 预算执行 4 + 信息公开 4 + 绩效管理 15 + 采购管理 10 + 资产管理 10 + 运行成本 4（仅在 profile = guangzhou 时检查）。
    原因：
    分值由评价指标体系规定，单位不能自行调整。
    错误示例：
    绩效管理 10 分。
    正确示例：
    绩效管理 15 分。
    """
    if not ctx.settings.guangzhou:
        return
    standard = dict(ctx.settings.gz_management_items)
    for line in ctx.form.table("management"):
        if line.role != "item":
            continue
        name = norm(text(line.name))
        key = next((k for k in standard if k in name), None)
        stated = line_num(line, "weight")
        if key and stated is not None and not close(stated, standard[key], 1e-6):
            yield ctx.emit(line.get("weight"), item=key, stated=fmt(stated), expected=fmt(standard[key]),
                           actual=fmt(stated))


@rule("PX518", "grade-mismatch", "error", BOTH, "总分 {total} 分对应等级“{expected}”，表中写“{stated}”")
def grade_mismatch(ctx):
    """
    说明：
    自评等级由总分决定：90（含）以上为优，80（含）–90 为良，60（含）–80 为中，60 以下为差（地方口径可在配置中调整）。
    原因：
    财政部自评等级标准。
    错误示例：
    总分 88 分，自评等级“优”。
    正确示例：
    总分 88 分，自评等级“良”。
    """
    from perfxl.scoring import grade_for

    form = ctx.form
    field = form.get("grade_stated")
    if blank(field):
        return
    total = num(form.get("total_score"))
    duty, mgmt = num(form.get("duty_score")), num(form.get("mgmt_score"))
    if total is None and duty is not None and mgmt is not None:
        total = duty + mgmt
    if total is None:
        total = _result(ctx).total
    expected = grade_for(total, ctx.settings)
    stated = text(field).strip("“”\"")
    if expected and stated and expected not in stated:
        yield ctx.emit(field, total=fmt(total), expected=expected, stated=stated, actual=stated)


@rule("PX519", "score-vs-spending", "warning", BOTH, "自评预警（{light}）：{problem}")
def score_vs_spending(ctx):
    """
    说明：
    自评预警：指标得分率比预算执行得分率高出 5% 以上为红色预警（成效高于花钱进度，可能自评偏高）；全年预算为 0 或 20% 以上未执行为黄色预警。
    原因：
    预算管理一体化系统的自评预警规则（DOMAIN §3.8）。
    错误示例：
    指标得分 90/90，预算执行率 50%（得分 5/10）。
    正确示例：
    指标得分与执行率相当，或在说明中解释。
    """
    form = ctx.form
    rows = list(_rows(form))
    scores, weights = known_sum([num(i.score) for i in rows]), known_sum([num(i.weight) for i in rows])
    computed, stated, field = _budget(form, ctx.settings)
    bw = ctx.settings.budget_weight if form.kind == PS else (num(form.get("rate_weight")) or ctx.settings.gz_rate)
    budget = stated if stated is not None and stated <= bw + 1e-9 else computed
    if scores is not None and weights and budget is not None:
        achieved = scores / weights
        if achieved > 0 and (achieved - budget / bw) / achieved > ctx.settings.red_gap:
            yield ctx.emit(field, light="红色", problem=f"指标得分率 {achieved:.0%} 明显高于预算执行得分率 {budget / bw:.0%}，请核实自评是否偏高",
                           expected=f"≤{achieved * (1 - ctx.settings.red_gap):.0%}", actual=f"{budget / bw:.0%}")
    if form.kind == PS:
        total = fund_total_line(form)
        full, executed = line_num(total, "full"), line_num(total, "executed")
        if total is not None and full is not None and executed is not None and (full == 0 or (full - executed) / full > ctx.settings.yellow_unspent):
            share = "全年预算数为 0" if full == 0 else f"全年预算有 {(full - executed) / full:.0%} 未执行"
            yield ctx.emit(total.get("executed"), light="黄色", problem=share)
