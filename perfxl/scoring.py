"""Scoring of self-evaluation forms: pure functions over a ``Form`` and ``ScoringSettings``.

The national scheme (DOMAIN §3): budget row 10 points = min(执行率 × 10, 10); indicator rows 90 with
正向/反向/＝/定性 formulas of §3.5–3.6; 总分 = Σ row scores + budget score; 优/良/中/差 bands.
The Guangzhou 部门整体 scheme (§5): 履职效能 50 (产出 20 + 效益 20 + 支出率 10) + 管理效率 50, rows
scored by completion-rate band. Target tables are not scored.

A ``RowScore`` carries the computed score and the indicator (whose ``score`` field gives the cell),
so the engine can write computed scores into empty score cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perfxl.classify import expected_direction, level1_of, level2_of, vkind, vlevel, vnum, vsign, vunit
from perfxl.config import ScoringSettings
from perfxl.model import Field, Form, Indicator, Line

# Levels that mean the target was reached (DOMAIN §3.6; 002 writes 完成/合规/满意 as 实际完成值).
ACHIEVED_LEVELS = frozenset("达成 完成 按时完成 已完成 全部完成 合规 满意 非常满意 健全 完善 明确 科学 规范 合理 公开 有效 "
                            "明显 及时 稳定 健康 符合 满足 合格 正增长 增加 良好 显著 达标 是".split())
PARTIAL_LEVELS = frozenset({"部分达成", "基本达成", "基本完成", "部分完成", "基本满意", "较好"})
MISSED_LEVELS = frozenset({"未达成", "未完成", "不满意", "不合格", "否", "无"})


def round2(x: float) -> float:
    """Round half up to 2 decimals, as accountants and the deployed module do (6.665 -> 6.67)."""
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def execution_rate(executed: float | None, budget: float | None) -> float | None:
    """执行率 in percent = 全年执行数 ÷ 全年预算数 × 100 (the adjusted budget, §3.3)."""
    if executed is None or budget is None or budget <= 0:
        return None
    return executed / budget * 100


def budget_score(rate_pct: float, weight: float = 10.0) -> float:
    """得分 = min(执行率 × 权重, 权重): 99.81 % -> 9.98."""
    return round2(min(max(rate_pct, 0.0) / 100 * weight, weight))


def score_quantitative(sign: str, target: float, actual: float, weight: float) -> float:
    """§3.5: 正向 full when met else A ÷ T × W; 反向 (2 − A ÷ T) × W between T and 2T; ＝ T = 0."""
    actual = max(actual, 0.0)  # negative actuals count as 0
    if sign in ("≤", "<"):
        if actual <= target:
            return round2(weight)
        if target <= 0 or actual >= 2 * target:
            return 0.0
        return round2((2 - actual / target) * weight)
    if sign == "=" and target == 0:
        return round2(weight) if actual <= 0 else 0.0
    if actual >= target:
        return round2(weight)
    return round2(actual / target * weight) if target > 0 else round2(weight)


def qualitative_outcome(target_level: str | None, actual: str | None) -> str | None:
    """达成 / 部分达成 / 未达成 of a 定性 row, or None when the actual text says neither."""
    a = (actual or "").strip()
    if not a:
        return None
    if a in PARTIAL_LEVELS or a.startswith("部分"):
        return "部分达成"
    if a in MISSED_LEVELS or a.startswith("未"):
        return "未达成"
    if a in ACHIEVED_LEVELS or (target_level and a == target_level.strip()):
        return "达成"
    return None


def qualitative_band(outcome: str, weight: float, settings: ScoringSettings) -> tuple[float, float]:
    """The accepted score interval of §3.6 (bounds rounded to 2 dp, upper bound exclusive below W)."""
    top, mid = settings.qualitative_bands
    if outcome == "达成":
        return round2(weight * top), round2(weight)
    if outcome == "部分达成":
        return round2(weight * mid), round2(weight * top)
    return 0.0, round2(weight * mid)


def guangzhou_score(rate_pct: float, weight: float, settings: ScoringSettings) -> float | None:
    """Completion-rate bands (§5): <60 → 0; 60–100 proportional; 100–150 full; >150 reduced (None)."""
    low, full, high = settings.gz_bands
    if rate_pct < low:
        return 0.0
    if rate_pct < full:
        return round2(rate_pct / 100 * weight)
    if rate_pct <= high:
        return round2(weight)
    return None  # "target set too low": the reduction is not fixed by any rule we know


def completion_rate(sign: str | None, target: float, actual: float) -> float | None:
    """完成率 in percent: A ÷ T (正向) or T ÷ A (反向)."""
    if sign in ("≤", "<"):
        return target / actual * 100 if actual > 0 else (100.0 if target >= 0 else None)
    return actual / target * 100 if target > 0 else None


def grade_for(total: float | None, settings: ScoringSettings) -> str | None:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (§3.4); bands and a strict "> 90" are settings."""
    if total is None:
        return None
    for i, (lower, grade) in enumerate(settings.grades):
        strict = settings.strict_top and i == 0
        if total > lower or (total >= lower - 1e-9 and not strict):
            return grade
    return settings.grade_floor


def over_achieved(sign: str | None, target: float, actual: float, settings: ScoringSettings) -> bool:
    """A ≥ 1.2 × T for ≥/＞/＝ targets (广西 1.3, and A ≥ 30 when T = 0)."""
    if sign in ("≤", "<"):
        return False
    if target > 0:
        return actual >= settings.over_ratio * target - 1e-9
    return settings.over_zero is not None and actual >= settings.over_zero


# ---------------------------------------------------------------------------------------------
# Per-row and per-form results


@dataclass(frozen=True)
class RowScore:
    indicator: Indicator
    expected_score: float | None  # None: perfxl cannot compute it (text target, unit mismatch …)
    stated: float | None
    reason: str  # how the expected score was computed, in Chinese
    method: str = ""  # 正向 | 反向 | 等于 | 区间 | 定性 | 完成率
    band: tuple[float, float] | None = None  # accepted interval (定性)
    weight: float | None = None

    @property
    def sheet(self) -> str:
        return self.indicator.sheet

    @property
    def cell(self) -> str:
        f = self.indicator.score
        return f.cell if f is not None else ""

    @property
    def value(self) -> float | None:
        """The score perfxl counts for the total: its own where it has one, else the stated one."""
        if self.band is not None and self.stated is not None and self.band[0] <= self.stated <= self.band[1]:
            return self.stated
        return self.expected_score if self.expected_score is not None else self.stated


@dataclass(frozen=True)
class SelfEvalScore:
    rows: list[RowScore]
    budget_rate: float | None  # percent
    budget_score: float | None
    total: float | None
    grade: str | None
    budget_weight: float | None = None
    management_score: float | None = None  # Guangzhou 管理效率 (stated; not recomputable)


def _num(field: Field | None) -> float | None:
    if field is None or field.value is None or isinstance(field.value, str):
        return None
    value = field.value
    return float(value) if isinstance(value, (int, float)) else vnum(value)


def score_row(ind: Indicator, settings: ScoringSettings) -> RowScore:
    """The §3.5/§3.6 score of one project self-evaluation row."""
    weight, stated = _num(ind.weight), _num(ind.score)
    target = ind.target.value if ind.target else None
    actual = ind.actual.value if ind.actual else None
    if weight is None:
        return RowScore(ind, None, stated, "分值为空")  # no weight (the default, None)
    kind = vkind(target)
    if kind == "level":
        outcome = qualitative_outcome(vlevel(target), vlevel(actual) or getattr(actual, "raw", None))
        if outcome is None:
            return RowScore(ind, None, stated, "实际完成值无法判断是否达成", "定性", weight=weight)
        band = qualitative_band(outcome, weight, settings)
        expected = round2(weight) if outcome == "达成" else None
        return RowScore(ind, expected, stated, f"定性指标{outcome}，得分应在 {band[0]:g}–{band[1]:g} 分之间",
                        "定性", band, weight)
    t, a = vnum(target), vnum(actual)
    if t is None or a is None or kind not in ("numeric", "range") or vkind(actual) not in ("numeric", "range"):
        return RowScore(ind, None, stated, "指标值或实际完成值不是数值", weight=weight)
    tu, au = vunit(target), vunit(actual)
    if tu and au and tu != au:
        return RowScore(ind, None, stated, f"单位不一致（{tu} / {au}）", weight=weight)
    if kind == "range":
        if settings.range_bound == "high" and (high := getattr(target, "high", None)) is not None:
            t = high
        expected = score_quantitative("≥", t, a, weight)
        return RowScore(ind, expected, stated, f"区间指标按下限 {t:g} 计分：{_formula('≥', t, a, weight, expected)}",
                        "区间", weight=weight)
    sign = vsign(target)
    if sign is None:
        name = ind.name()
        sign = expected_direction(name, level1_of(_raw(ind.level1)), level2_of(_raw(ind.level2))) or "≥"
    expected = score_quantitative(sign, t, a, weight)
    method = {"≥": "正向", ">": "正向", "≤": "反向", "<": "反向", "=": "等于"}.get(sign, "正向")
    return RowScore(ind, expected, stated, _formula(sign, t, a, weight, expected), method, weight=weight)


def _formula(sign: str, t: float, a: float, w: float, score: float) -> str:
    if score >= w - 1e-9:
        return f"实际值 {a:g} 达到目标 {sign}{t:g}，得满分 {w:g}"
    if sign in ("≤", "<"):
        return f"反向指标：(2 − {a:g} ÷ {t:g}) × {w:g} = {score:g}"
    return f"{a:g} ÷ {t:g} × {w:g} = {score:g}"


def _raw(field: Field | None) -> str:
    return field.raw if field is not None else ""


def fund_total_line(form: Form) -> Line | None:
    return next((line for line in form.table("funds") if line.role == "total"), None)


def _line_num(line: Line | None, key: str) -> float | None:
    return _num(line.get(key)) if line is not None else None


def score_project_selfeval(form: Form, settings: ScoringSettings) -> SelfEvalScore:
    rows = [score_row(ind, settings) for ind in form.indicators if ind.weight is not None or ind.score is not None]
    total_line = fund_total_line(form)
    rate = execution_rate(_line_num(total_line, "executed"), _line_num(total_line, "full"))
    if rate is None:
        rate = _line_num(total_line, "rate")
    b_score = budget_score(rate, settings.budget_weight) if rate is not None else _line_num(total_line, "score")
    values = [r.value for r in rows]
    known = [v for v in values if v is not None]  # a total needs every row's value
    total = None
    if rows and len(known) == len(values):
        indicator_sum = sum(known)
        weights = [_num(r.indicator.weight) for r in rows]
        w_total = sum(w for w in weights if w is not None)
        # A form whose indicator weights do not add up to 90 (PX503 reports it) is scored as the
        # deployed module does: its indicator part is converted to the 90 points it should have
        # (/90 normalisation), so a form with 100 indicator points cannot total more than 100.
        if w_total > 0 and abs(w_total - settings.indicator_total) > 0.01 and None not in weights:
            indicator_sum = indicator_sum / w_total * settings.indicator_total
        total = round2(indicator_sum + (b_score or 0.0))
    return SelfEvalScore(rows, rate, b_score, total, grade_for(total, settings), settings.budget_weight)


def dept_row(ind: Indicator, settings: ScoringSettings) -> RowScore:
    """A Guangzhou 履职效能 row: completion rate (computed from A and T where numeric) → band score."""
    weight, stated = _num(ind.weight), _num(ind.score)
    target = ind.target.value if ind.target else None
    actual = ind.actual.value if ind.actual else None
    t, a = vnum(target), vnum(actual)
    rate = None
    if t is not None and a is not None and vkind(target) == "numeric" and vkind(actual) == "numeric":
        rate = completion_rate(vsign(target) or "≥", t, a)
    if rate is None:
        rate = _num(ind.completion_rate)
    if weight is None or rate is None:
        return RowScore(ind, None, stated, "完成率或分值为空", "完成率", weight=weight)
    expected = guangzhou_score(rate, weight, settings)
    if expected is None:
        return RowScore(ind, None, stated, f"完成率 {rate:.2f}% 超过 150%，应适度调减", "完成率", weight=weight)
    return RowScore(ind, expected, stated, f"完成率 {rate:.2f}% → {expected:g} 分", "完成率", weight=weight)


def score_dept_selfeval(form: Form, settings: ScoringSettings) -> SelfEvalScore:
    rows = [dept_row(ind, settings) for ind in form.indicators if ind.block == "performance"]
    rate = execution_rate(form.value("rate_actual"), form.value("rate_adjusted"))
    if rate is None:
        rate = form.value("rate_stated", form.value("exec_rate"))
    weight = form.value("rate_weight", settings.gz_rate)
    b_score = budget_score(rate, weight) if rate is not None else form.value("rate_score")
    mgmt = form.value("mgmt_score")
    if mgmt is None:
        items = [line for line in form.table("management") if line.role == "item"]
        scores = [s for line in items if (s := _line_num(line, "score")) is not None]
        mgmt = round2(sum(scores)) if items and len(scores) == len(items) else None
    values = [r.value for r in rows]
    known = [v for v in values if v is not None]  # a total needs every row's value
    total = None
    if rows and len(known) == len(values) and b_score is not None and mgmt is not None:
        total = round2(sum(known) + b_score + mgmt)
    elif form.value("total_score") is not None:
        total = form.value("total_score")
    return SelfEvalScore(rows, rate, b_score, total, grade_for(total, settings), weight, mgmt)


def score_selfeval(form: Form, settings: ScoringSettings) -> SelfEvalScore:
    """The score of a self-evaluation form (project or 部门整体) under ``settings``.

    The engine and six rules (PX104, PX509-PX511, PX516, PX518) ask for it: it is worked out once per
    form and settings and kept in ``form.cache`` (a form does not change once read)."""
    kept = form.cache.get("score")
    if kept is not None and (kept[0] is settings or kept[0] == settings):
        return kept[1]
    score = score_project_selfeval if form.kind == "project_selfeval" else score_dept_selfeval
    result = score(form, settings)
    form.cache["score"] = (settings, result)
    return result
