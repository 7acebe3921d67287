"""Indicator classification: canonical 一级/二级 classes and the direction a target should take.

DOMAIN §4.1 lists several indicator systems in use: the 2021 one (成本/产出/效益/满意度), the pre-2021
one (成本 as a 二级 under 产出), the Guangdong labels (预期产出指标, 效果指标, 预算（或投资规模）控制指标
…), the 部门整体 共性 set (决策/过程/履职/效益/满意度) and the 投入指标 set of 002. Rules compare
*canonical* names so that one check serves every layout; an unknown label maps to None and the rules
then stay silent rather than guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfxl.labels import norm

# ---------------------------------------------------------------------------------------------
# 一级 (level 1)

# Checked in order: the first keyword found in the normalised label decides.
_LEVEL1_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("满意度", "满意度"),
    ("产出", "产出"),  # 产出指标, 预期产出指标
    ("效益", "效益"),
    ("效果", "效益"),  # Guangdong 效果指标
    ("成本", "成本"),
    ("投入", "投入"),
    ("决策", "决策"),
    ("过程", "过程"),
    ("履职", "履职"),
)


@lru_cache(maxsize=4096)
def level1_of(text: str | None) -> str | None:
    """'预期产出指标' -> '产出'; '效果指标' -> '效益'; unknown -> None."""
    n = norm(text or "")
    if not n:
        return None
    for key, canon in _LEVEL1_KEYWORDS:
        if key in n:
            return canon
    return None


# ---------------------------------------------------------------------------------------------
# 二级 (level 2)

# (pattern on the normalised label, canonical class); first match wins, so the more specific
# patterns come first ("生态环境成本" before "成本", "社会经济生态效益" before "社会效益").
_LEVEL2_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"经济成本", "经济成本"),
    (r"社会成本", "社会成本"),
    (r"生态环境成本|环境成本", "生态环境成本"),
    (r"预算.*控制|投资规模|成本", "成本"),
    (r"数量|建筑规模", "数量"),
    (r"质量", "质量"),
    (r"时效|工期", "时效"),
    (r"社会经济生态|社会、?经济、?生态", "社会经济生态效益"),
    (r"经济效益", "经济效益"),
    (r"社会效益", "社会效益"),
    (r"生态效益", "生态效益"),
    (r"可持续", "可持续影响"),
    (r"服务对象满意|受访人群满意|满意度|满意", "满意度"),
    (r"资金投入", "资金投入"),
    (r"财务管理", "财务管理"),
    (r"人事管理", "人事管理"),
    (r"资产管理", "资产管理"),
    (r"部门工作管理|工作管理", "部门工作管理"),
    (r"计划制定", "计划制定"),
    (r"目标设定", "目标设定"),
    (r"预算编制", "预算编制"),
    (r"预算执行", "预算执行"),
    (r"预算管理", "预算管理"),
    (r"项目管理", "项目管理"),
    (r"人员管理", "人员管理"),
    (r"机构建设", "机构建设"),
)


_LEVEL2_COMPILED = tuple((re.compile(p), canon) for p, canon in _LEVEL2_PATTERNS)


@lru_cache(maxsize=4096)  # called for every row by many rules; labels repeat
def level2_of(text: str | None) -> str | None:
    """'数量指标（或建筑规模指标）' -> '数量'; '预算（或投资规模）控制指标' -> '成本'."""
    n = norm(text or "")
    if not n:
        return None
    for pattern, canon in _LEVEL2_COMPILED:
        if pattern.search(n):
            return canon
    return None


# Which canonical 二级 belong to which canonical 一级 (DOMAIN §4.1). "履职" 二级 are the unit's own
# duty names, so any label is valid there (None = anything goes).
VALID_LEVEL2: dict[str, frozenset[str] | None] = {
    "产出": frozenset({"数量", "质量", "时效", "成本"}),
    "效益": frozenset({"经济效益", "社会效益", "生态效益", "可持续影响", "社会经济生态效益"}),
    "满意度": frozenset({"满意度"}),
    "成本": frozenset({"经济成本", "社会成本", "生态环境成本", "成本"}),
    "投入": frozenset({"资金投入", "财务管理", "人事管理", "资产管理", "部门工作管理"}),
    "决策": frozenset({"计划制定", "目标设定", "预算编制"}),
    "过程": frozenset({"预算执行", "预算管理", "资产管理", "项目管理", "人员管理", "机构建设",
                       "财务管理"}),
    "履职": None,
}


def home_level1(level2: str) -> set[str]:
    """The 一级 classes a canonical 二级 may sit under."""
    return {l1 for l1, allowed in VALID_LEVEL2.items() if allowed is not None and level2 in allowed}


def level2_valid(level1: str | None, level2: str | None) -> bool | None:
    """True/False when both are known; None when either is unknown (rules then stay silent)."""
    if level1 is None or level2 is None:
        return None
    allowed = VALID_LEVEL2.get(level1)
    if allowed is None:
        return True
    return level2 in allowed


# ---------------------------------------------------------------------------------------------
# What an indicator measures, from its name (DOMAIN §4.2, §4.3). Every rule row asks these of its
# 三级 name, and names repeat from row to row and form to form: the answers are remembered.

COUNT_UNITS = frozenset("份 人次 场次 场 家 次 宗 个 本 人 台 套 件 辆 项 篇 期 批 户 条 座 所 名 张 册 部 架 "
                        "块 间 处 页 册 盒 课时 学时 人天 家次 批次 单 户次 起 公里 千米 亩 公顷 吨 平方米 床 辆次".split())
MONEY_UNITS = frozenset({"元", "万元", "亿元", "万美元", "美元"})

_COST_NAME = re.compile(r"成本|费用|单价|价格|经费|支出|造价|费$")
_RATE_NAME = re.compile(r"率|度|比例|占比|比重|%|进度")
# Rates that a ≤ sign makes meaningless: "≤100%" is met by 0 (DOMAIN §4.2).
_POSITIVE_RATE = re.compile(r"完成率|合格率|满意度|满意率|覆盖率|受益率|达标率|通过率|到位率|知晓率|"
                            r"及时率|参训率|验收率|执行率|入库率|办结率|使用率|利用率|符合率|公开率|成功率|准确率|正确率|落实率")
# Rates that cannot exceed 100%: "≥100%" there is just "＝100%".
_CAPPED_RATE = re.compile(r"合格率|通过率|覆盖率|受益率|达标率|到位率|及时率|及时性|知晓率|执行率|符合率|"
                          r"利用率|满意度|满意率|参训率|公开率|验收率|完成率|办结率|入库率|成功率|"
                          r"完工率|拨付率|列养率|整改率|销号率|处置率|办理率|响应率|建档率|接种率|准确率|正确率|落实率|(按时|按期|如期)\S*率")
_UNCAPPED = re.compile(r"增长|产值|营收|贸易额|进出口")
_CONTROL_RATE = re.compile(r"控制率|变动率|调整率|结转结余率|差错率|投诉率|发生率|事故率|超支率|流失率|空置率")
_VIOLATION = re.compile(r"违规|违纪|违法|投诉|事故|差错|超标|安全事件|失误|通报|问责")
_SATISFACTION = re.compile(r"满意")


@lru_cache(maxsize=4096)
def is_rate_name(name: str) -> bool:
    return bool(_RATE_NAME.search(norm(name)))


@lru_cache(maxsize=4096)
def is_cost(name: str, level1: str | None = None, level2: str | None = None) -> bool:
    """A cost or unit price (expects ≤). A rate under the 成本 class (预算执行率) is not a cost."""
    n = norm(name)
    if is_rate_name(n):
        return False
    if level1 == "成本" or level2 in {"成本", "经济成本", "社会成本", "生态环境成本"}:
        return True
    if level1 in ("效益", "满意度"):
        return False  # "关税减免金额", "节约经费" under 效益 are benefits, not costs
    return bool(_COST_NAME.search(n))


@lru_cache(maxsize=4096)
def is_positive_rate(name: str) -> bool:
    n = norm(name)
    return bool(_POSITIVE_RATE.search(n)) and not _CONTROL_RATE.search(n)


@lru_cache(maxsize=4096)
def is_capped_rate(name: str) -> bool:
    n = norm(name)
    return bool(_CAPPED_RATE.search(n)) and not _UNCAPPED.search(n) and not _CONTROL_RATE.search(n)


@lru_cache(maxsize=4096)
def is_control_rate(name: str) -> bool:
    return bool(_CONTROL_RATE.search(norm(name)))


@lru_cache(maxsize=4096)
def is_violation(name: str) -> bool:
    return bool(_VIOLATION.search(norm(name)))


@lru_cache(maxsize=4096)
def is_satisfaction(name: str) -> bool:
    return bool(_SATISFACTION.search(norm(name)))


def is_count_unit(unit: str | None) -> bool:
    return bool(unit) and unit in COUNT_UNITS


@lru_cache(maxsize=4096)
def is_budget_rate(name: str) -> bool:
    """预算执行率 / 预算支出执行率 / 支付进度 used as an indicator."""
    n = norm(name)
    return "预算执行率" in n or "预算支出执行率" in n or n == "执行率"


@lru_cache(maxsize=4096)
def expected_direction(name: str, level1: str | None = None, level2: str | None = None) -> str | None:
    """The sign a target should carry (DOMAIN §4.2): "≥" (正向), "≤" (反向), or None when unsure."""
    n = norm(name)
    if is_violation(n) and not is_positive_rate(n):
        return "≤"
    if is_control_rate(n):
        return "≤"
    if is_cost(n, level1, level2):
        return "≤"
    if is_positive_rate(n) or is_satisfaction(n):
        return "≥"
    if level2 == "数量":
        return "≥"
    return None


# ---------------------------------------------------------------------------------------------
# Reading parsed values (``perfxl.values.Value``) defensively: rules and scoring use these so that
# a value the parser could not type (None, a plain string) never raises.

def vkind(value) -> str:
    if value is None:
        return "empty"
    return getattr(value, "kind", "text")


def vflags(value) -> frozenset:
    return frozenset(getattr(value, "flags", None) or ())


def vsign(value) -> str | None:
    sign = getattr(value, "sign", None)
    return {"＝": "=", "＞": ">", "＜": "<"}.get(sign, sign) if sign else None


def vunit(value) -> str | None:
    return getattr(value, "unit", None) or None


def vnum(value) -> float | None:
    """The number of a numeric value, the lower bound of a range; None otherwise."""
    kind = vkind(value)
    if kind == "numeric":
        number = getattr(value, "number", None)
        return number if number is not None else getattr(value, "low", None)
    if kind == "range":
        return getattr(value, "low", None)
    return None


def vlevel(value) -> str | None:
    if vkind(value) != "level":
        return None
    return getattr(value, "level", None) or getattr(value, "raw", None)
