"""Field declarations for the four form kinds: canonical keys, Chinese labels and label variants.

This is the one vocabulary shared by the reader (finds labels in a sheet), the template generator
(writes the labels) and the rules (look fields up by key). Labels are compared after
``perfxl.labels.norm`` (NFKC, no whitespace, no punctuation), so variants differing only in
spacing, line breaks, full-width characters or brackets need not be listed separately.

``FieldSpec.labels``: the first label is the canonical one (used by the templates); the others are
variants seen in the seeds or in other cities' forms.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    labels: tuple[str, ...]
    kind: str = "text"  # text | year | money | int | pct | value | score | enum
    required: bool = False
    prefix: bool = False  # a label may be followed by more text in the same cell ("预算单位：XX")
    heading: bool = False  # the label may carry a qualifier ("中期滚动目标（2021年--2023年）"); value beside/below

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class ColumnSpec:
    """A column of an indicator table or a fund table, found by its heading."""

    key: str
    labels: tuple[str, ...]
    kind: str = "text"


# ------------------------------------------------------------------------------------------------
# Scalar fields, found as "label | value" (value to the right, or below for column headings).

HEADER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("unit_name", ("单位名称", "部门（单位）名称", "部门单位名称", "部门名称", "预算单位",
                            "填报单位", "申报单位"), required=True, prefix=True),
    FieldSpec("budget_code", ("部门预算编码", "预算编码", "单位编码")),
    FieldSpec("contact", ("联系人",)),
    FieldSpec("phone", ("联系电话",)),
    FieldSpec("project_name", ("项目名称",), required=True),
    FieldSpec("department", ("主管部门",), required=True),
    FieldSpec("implementer", ("实施单位",), required=True),
)

DEPT_TARGET_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("functions", ("单位主要职能", "单位职能", "部门职能", "主要职能")),
    FieldSpec("staffing", ("机构设置及人员配置", "机构设置及人员情况")),
    FieldSpec("staff_quota", ("编制人数", "编制数"), kind="int"),
    FieldSpec("staff_actual", ("实有人数", "实有在职人数", "在职人数"), kind="int"),
    # income (收入 全年预算数)
    FieldSpec("total_funds", ("资金总额", "年度资金总额", "预算资金总额", "收入合计"), kind="money", required=True),
    FieldSpec("fiscal_subtotal", ("财政拨款小计", "财政拨款"), kind="money"),
    FieldSpec("general_budget", ("一般公共预算资金", "一般公共预算"), kind="money"),
    FieldSpec("gov_fund", ("政府性基金", "政府性基金预算资金"), kind="money"),
    FieldSpec("special_account", ("财政专户管理资金",), kind="money"),
    FieldSpec("state_capital", ("国有资本金", "国有资本经营预算资金", "国有资本经营预算"), kind="money"),
    FieldSpec("social_security", ("社保基金", "社会保险基金"), kind="money"),
    FieldSpec("carryover", ("上年结转资金", "上年结转"), kind="money"),
    FieldSpec("other_funds", ("其他资金",), kind="money"),
    # goals
    FieldSpec("medium_goal", ("中长期目标", "中期目标"), required=False),
    FieldSpec("annual_goal", ("年度总体目标", "年度目标", "年度绩效目标", "年度总体绩效目标"), required=True),
)

# 上年预算执行情况 (dept_target, 002): a heading row over a value row
PRIOR_YEAR_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("prior_initial", ("年初预算数",), "money"),
    ColumnSpec("prior_adjusted", ("调整预算数",), "money"),
    ColumnSpec("prior_actual", ("实际支出数",), "money"),
    ColumnSpec("prior_rate", ("预算执行率",), "pct"),
    ColumnSpec("prior_balance", ("年末结转结余数",), "money"),
    ColumnSpec("prior_next_year", ("结转下年使用数",), "money"),
)

# 支出 lines of a dept_target: name column + 半年计划执行数 / 全年预算数 columns
SPENDING_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("half", ("半年计划执行数", "半年预算数", "1-6月计划执行数"), "money"),
    ColumnSpec("full", ("全年预算数", "全年预算", "预算数"), "money"),
)
SPENDING_ROLES: dict[str, tuple[str, ...]] = {
    "basic": ("基本支出",),
    "project": ("项目支出",),
    "other": ("其他支出",),
}

# 年度履职目标 / 年度主要任务及预算构成 (dept_target): task tables
TASK_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("function", ("部门职能",)),
    ColumnSpec("task", ("年度目标任务", "任务名称", "年度主要任务")),
    ColumnSpec("project", ("支出项目名称", "项目名称")),
    ColumnSpec("amount", ("预算金额", "预算金额万元", "总额"), "money"),
    ColumnSpec("fiscal", ("财政拨款",), "money"),
    ColumnSpec("other", ("其他资金",), "money"),
)

# ------------------------------------------------------------------------------------------------
# Indicator tables (all kinds)

INDICATOR_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("level1", ("一级指标",)),
    ColumnSpec("level2", ("二级指标",)),
    ColumnSpec("level3", ("三级指标", "指标名称", "绩效指标名称")),
    ColumnSpec("half_target", ("半年指标值", "半年目标值", "1-6月指标值"), "value"),
    ColumnSpec("target", ("全年指标值", "年度指标值", "年度指标值A", "指标值", "目标值", "年度目标值",
                          "计划指标值或计划水平", "计划指标值", "指标值或计划水平", "预期指标值"), "value"),
    ColumnSpec("medium_target", ("实施周期指标值", "中期指标值"), "value"),
    ColumnSpec("actual", ("实际完成值", "实际完成值B", "年度实现值", "实际完成情况", "全年实际完成值"), "value"),
    ColumnSpec("completion_rate", ("指标完成率", "完成率"), "pct"),
    ColumnSpec("weight", ("分值", "单项分值权重", "单项分值", "权重", "指标分值"), "score"),
    ColumnSpec("score", ("得分", "单项自评得分", "自评得分"), "score"),
    ColumnSpec("deviation", ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因及改进措施", "未完成原因分析"), "text"),
    ColumnSpec("explain", ("内涵解释", "指标解释", "指标内涵"), "text"),
    ColumnSpec("basis", ("设置依据", "指标设置依据"), "text"),
    ColumnSpec("formula", ("指标计算公式或方法", "计算公式", "指标计算公式", "计算方法"), "text"),
    ColumnSpec("standard", ("评分标准", "评分规则"), "text"),
    ColumnSpec("review", ("指标审核",), "enum"),
    ColumnSpec("key_work", ("重点工作",), "text"),
    ColumnSpec("project", ("对应项目",), "text"),
)

# keys of INDICATOR_COLUMNS that land in Indicator.extra
INDICATOR_EXTRA_KEYS = ("explain", "basis", "formula", "standard", "review", "key_work", "project")

# ------------------------------------------------------------------------------------------------
# project_target (Guangdong 批复表 and the national 申报表)

PROJECT_TARGET_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("medium_funds", ("中期市财政预算", "中期资金总额", "中期预算", "中期财政预算", "中期区财政预算",
                               "中期县财政预算"), kind="money"),
    FieldSpec("annual_funds", ("本年度申请市财政预算资金", "年度资金总额", "本年度申请财政预算资金",
                               "本年度申请区财政预算资金", "本年度申请县财政预算资金",
                               "年度预算资金", "本年度预算资金", "资金总额"), kind="money", required=True),
    FieldSpec("medium_goal", ("中期滚动目标", "中期目标", "实施期目标"), required=False, heading=True),
    FieldSpec("annual_goal", ("年度目标", "年度绩效目标"), required=True),
    FieldSpec("approval", ("市财政局批复意见", "财政局批复意见", "批复意见", "财政部门审核意见")),
)

# ------------------------------------------------------------------------------------------------
# project_selfeval

SELFEVAL_FUND_ROWS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额", "资金总额"),
    "fiscal": ("其中当年财政拨款", "当年财政拨款", "财政拨款"),
    "carryover": ("上年结转资金", "上年结转"),
    "other": ("其他资金",),
}
SELFEVAL_FUND_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("initial", ("年初预算数",), "money"),
    ColumnSpec("full", ("全年预算数", "全年预算数A"), "money"),
    ColumnSpec("executed", ("全年执行数", "全年执行数B"), "money"),
    ColumnSpec("weight", ("分值",), "score"),
    ColumnSpec("rate", ("执行率", "执行率BA"), "pct"),
    ColumnSpec("score", ("得分",), "score"),
)
PROJECT_SELFEVAL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("goal_expected", ("预期目标",), required=True),
    FieldSpec("goal_actual", ("实际完成情况",), required=True),
    FieldSpec("note", ("说明",)),
)

# ------------------------------------------------------------------------------------------------
# dept_selfeval (Guangzhou scheme): sentences and small tables

DEPT_SELFEVAL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("grade_stated", ("自评等级",), kind="enum"),
    FieldSpec("total_score", ("自评总分", "总得分", "综合得分合计"), kind="score"),
    # label | value layouts of numbers the report states in sentences
    FieldSpec("rate_initial", ("年初预算金额",), kind="money"),
    FieldSpec("rate_adjusted", ("调整后预算金额", "调整预算金额"), kind="money"),
    FieldSpec("rate_actual", ("实际支付", "实际支付金额", "实际支出金额"), kind="money"),
    FieldSpec("rate_stated", ("年度预算执行率",), kind="pct"),
    FieldSpec("income_initial", ("预算收入", "年初预算收入"), kind="money"),
    FieldSpec("income_adjusted", ("调整预算数", "调整预算收入"), kind="money"),
    FieldSpec("income_final", ("决算数", "决算收入"), kind="money"),
    FieldSpec("spend_initial", ("初预算支出", "年初预算支出"), kind="money"),
    FieldSpec("spend_adjusted", ("调整预算支出",), kind="money"),
    FieldSpec("spend_final", ("决算支出",), kind="money"),
    FieldSpec("exec_rate", ("部门预算执行率",), kind="pct"),
)

# Header labels that mark the top of a form and carry no value of their own
TITLE_WORDS = ("绩效目标表", "绩效自评表", "绩效目标批复表", "绩效目标申报表", "自评报告", "目标自评表",
               "绩效评价表")
