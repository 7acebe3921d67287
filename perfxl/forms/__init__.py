"""One module per form kind; each turns a ``SheetGrid`` into a ``perfxl.model.Form``.

What each kind's ``Form`` holds (the contract rules and scoring rely on; keys are stable):

Every kind: ``fields["title"]`` (text), ``fields["year"]`` (year, int; from the title or the
"(2024 年度)" line), header fields of ``specs.HEADER_FIELDS`` where present (``unit_name``,
``budget_code``, ``contact``, ``phone``, ``project_name``, ``department``, ``implementer``).
Indicators: ``form.indicators`` in sheet order; ``level1``/``level2`` are carried down over merged
or blank cells; ``level3`` keeps the typed text (a leading "指标1：", "1.", "（1）", "①" is kept in ``raw``
but stripped from ``value``); targets/actuals are ``Field(kind="value")`` whose value is a ``perfxl.values.Value``.

dept_target
    fields: ``specs.DEPT_TARGET_FIELDS`` keys (functions, staffing, staff_quota, staff_actual,
    total_funds, fiscal_subtotal, general_budget, gov_fund, special_account, state_capital,
    social_security, carryover, other_funds, medium_goal, annual_goal) and ``prior_*`` of
    ``specs.PRIOR_YEAR_COLUMNS``.
    tables["spending"]: Lines with role "basic" | "project" | "project_line" | "other" and values
    "half" (半年计划执行数) / "full" (全年预算数); "project_line" rows follow their "project" row.
    tables["tasks"]: Lines (name = task name) with values "function", "task", "project", "amount",
    "fiscal", "other"; the 金额合计 row has role "total".
    tables["general_spending"]: 一般性支出情况 rows: name = 指标名称, values "target" (value),
    "explain", "basis", "formula", "standard", "review".
    indicators: target (全年指标值/指标值/目标值), half_target (半年指标值), extra explain, basis,
    formula, standard, review, key_work, project.

project_target
    fields: unit_name, project_name, medium_funds, annual_funds, medium_goal, annual_goal, approval,
    medium_period (the 中期 heading itself when it states the years: "中期滚动目标（2021年--2023年）").
    indicators: level1; 年度 half in level2/level3/target; 中期 half in medium_level2/
    medium_level3/medium_target. A single-year (national) layout has only level2/level3/target.
    A 批复表 typed as two tables (中期, then 年度 under its own heading) is paired row by row.

project_selfeval
    fields: project_name, department, implementer, goal_expected, goal_actual, note,
    total_weight (总分 row 分值), total_score (总分 row 得分).
    tables["funds"]: Lines role "total" | "fiscal" | "carryover" | "other" with values "initial",
    "full", "executed", "weight", "rate", "score" (sub-rows usually hold "—" in the last three).
    indicators: target, actual, weight, score, deviation.

dept_selfeval (Guangzhou scheme; many values come from sentences — their Field.cell is the cell
holding the sentence)
    fields: unit_name, grade_stated (自评等级), total_score; income_initial, income_adjusted,
    income_final; spend_initial, spend_adjusted, spend_final, exec_rate (部门预算执行率);
    rate_initial (年初预算金额), rate_adjusted (调整后预算金额), rate_actual (实际支付),
    rate_stated (年度预算执行率), rate_weight (指标得分 10), rate_score (自评得分);
    duty_weight/duty_score (履职效能 指标得分 50 / 自评得分); mgmt_weight/mgmt_score (管理效率).
    indicators with block "target" (实施周期指标值 -> medium_target, 年度指标值 -> target) and block
    "performance" (年度目标值 -> target, 年度实现值 -> actual, completion_rate, weight, score).
    tables["blocks"]: Lines name 产出指标/效益指标 with values "weight" (分值 20), "score"
    (综合得分), and band counts "n_lt60", "n_60_100", "n_100_150", "n_gt150" with "s_*" scores.
    tables["shares"]: Lines (name = 基本支出, 工资福利支出 …) with values "amount", "share" (pct),
    role "by_type" | "by_economic"; fields["spend_final"] is their total.
    tables["changes"]: Lines from "比年初预算/比上年 减少(增加) X 万元，下降(增长) y%": values
    "amount" (X), "pct" (y), "current" (the amount the sentence is about), role "decrease" |
    "increase"; name = the compared base ("年初预算" / "上年").
    tables["declared_counts"]: Lines name = indicator class (产出指标, 数量指标, 效益指标 …), value
    "count" (int).
    tables["management"]: 管理效率 Lines with role "item" (预算编制 …, values weight, score) or "sub"
    (sub-items following their item, values score and optional weight).
"""
