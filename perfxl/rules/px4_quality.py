"""PX41x–PX42x indicator quality, part two: classification and the explanation columns."""

from __future__ import annotations

import re

from perfxl.classify import home_level1, is_budget_rate, is_satisfaction, level2_of, level2_valid
from perfxl.labels import norm
from perfxl.model import Field
from perfxl.rules._util import blank, fmt, text
from perfxl.rules.facts import facts
from perfxl.rules.registry import rule

ALL = ("dept_target", "project_target", "project_selfeval", "dept_selfeval")
TARGETS = ("dept_target", "project_target")
# classification applies to a self-evaluation too: it lists the same indicators as the target table
CLASSIFIED = ("dept_target", "project_target", "project_selfeval")
DT = ("dept_target",)
EXPLAIN = {"explain": "内涵解释", "basis": "设置依据", "formula": "指标计算公式或方法", "standard": "评分标准"}

_NOT_SATISFACTION = re.compile(r"考核|评价分数|评分|分数|走访|次数|数量|人数|场次|企业数|户数")
_MANAGEMENT_RATE = re.compile(r"在职人员控制率|固定资产利用率|公用经费控制率|三公经费|预算执行率|结转结余率|"
                              r"政府采购执行率|预算调整率|资产管理")
_ENVIRONMENT = re.compile(r"环保|环境|生态|节能|能耗|减排|排放|绿色|污染|低碳|碳|节约|节水|节电|用水|用电|"
                          r"无纸化|纸张|纸质|用纸|资源|绿化|植被|垃圾|废|化肥|农药|新能源|清洁能源|电动|水质|空气|土壤|"
                          r"秸秆|森林|湿地|耕地|回收|循环|噪声|扬尘|水土|河道|水体|物种|动植物|园林|光伏")
# an operator, or a way of finding the value out (qualitative indicators are verified, not computed)
_OPERATOR = re.compile(r"[/÷×*＊+＋=＝%％-]|统计|计数|累计|合计|加总|求和|汇总|之比|比率|比例|占|除以|乘以|减去|"
                       r"清点|核查|核实|核对|抽查|检查|查阅|查看|调阅|审核|审查|问卷|调查|评估|评价|考核|测算|"
                       r"对比|比较|记录|台账|系统|报表|以.{1,12}为准")
# ends a phrase mid-way ("…/所有固资", "…数据及"); "等" closes a list ("展会、培训、论坛等") and is fine
_BAD_END = re.compile(r"([/÷×*＊+＝=（(、，,：:和与及或的各之]|所有[^\s]{0,3})$")
_RATIO = re.compile(r"([\u4e00-\u9fff]{2,})\s*[/÷]\s*([\u4e00-\u9fff]{2,})")


def _explanations(form) -> list[tuple[object, str, str, Field]]:
    """(owner, name, key, field) for every filled explanation cell (indicators and 一般性支出).

    Four rules read them; they are listed once per form and kept in ``form.cache``."""
    found: list[tuple[object, str, str, Field]] | None = form.cache.get("explanations")
    if found is None:
        found = []
        form.cache["explanations"] = found
        owners: list[tuple[object, str, dict]] = [(row.ind, row.name, row.ind.extra)
                                                  for row in facts(form).rows if row.named]
        owners += [(line, text(line.name), line.values) for line in form.table("general_spending")]
        for owner, name, cells in owners:
            for key in EXPLAIN:
                field = cells.get(key)
                if field is not None and not field.blank:
                    found.append((owner, name, key, field))
    return found


@rule("PX411", "level2-invalid", "error", ALL, "二级指标“{level2}”不属于一级指标“{level1}”（应在“{home}”下）")
def level2_invalid(ctx):
    """
    说明：
    二级指标必须属于它所在的一级指标（按财预〔2021〕101号体系及广东、共性、投入指标等写法换算后比较）。
    原因：
    放错一级的二级指标会让一级权重和计分全部错位。
    错误示例：
    效益指标下的“数量指标”。
    正确示例：
    产出指标 / 数量指标；效益指标 / 社会效益指标。
    """
    seen = set()
    for row in facts(ctx.form).targets:
        ind, l1 = row.ind, row.level1
        for l2_field in (ind.level2, ind.medium_level2):
            if l2_field is None or l2_field.blank or l2_field.cell in seen:
                continue
            l2 = level2_of(l2_field.raw)
            if l2 is not None and level2_valid(l1, l2) is False:  # False: both known
                seen.add(l2_field.cell)
                homes = home_level1(l2)
                yield ctx.emit(l2_field, level2=l2_field.raw.strip(), level1=text(ind.level1),
                               home="、".join(sorted(homes)) or "?", expected="、".join(sorted(homes)),
                               actual=l1)


@rule("PX412", "satisfaction-misplaced", "warning", CLASSIFIED, "满意度指标“{name}”放在了“{where}”下，应放在满意度指标下")
def satisfaction_misplaced(ctx):
    """
    说明：
    满意度只能放在满意度指标（服务对象满意度）下，不能作为质量或效益指标。
    原因：
    满意度另有 10 分权重；放在质量或效益下会重复计分或挤占产出、效益的分值。
    错误示例：
    质量指标“为企业办证服务质量”，指标值“企业满意度≥95%”。
    正确示例：
    质量指标写“证书一次性办结率 ≥98%”，满意度放到满意度指标下。
    """
    for c in facts(ctx.form).untruncated:
        ind, field, name, l1 = c.ind, c.field, c.name, c.level1
        if l1 == "满意度" or c.level2 == "满意度" or l1 is None:
            continue
        prefix = getattr(field.value, "prefix", None)
        if is_satisfaction(name) or (prefix and is_satisfaction(prefix)) or (c.kind in ("nonvalue", "text")
                                                               and is_satisfaction(field.raw)):
            where = text(ind.level2) or text(ind.level1)
            yield ctx.emit(field if not is_satisfaction(name) else ind.level3 or field, name=name or field.raw,
                           where=where, expected="满意度指标", actual=where)


@rule("PX413", "not-satisfaction", "warning", CLASSIFIED, "“{name}”不是满意度，不应放在满意度指标下")
def not_satisfaction(ctx):
    """
    说明：
    满意度指标下只放满意度（调查满意的比例）；考核分数、走访次数、企业数量等不是满意度。
    原因：
    财预〔2021〕101号：满意度指标反映服务对象对产出和效益的认可程度。
    错误示例：
    满意度指标下的“走访企业数 ≥5家”“驻境外代表处绩效评价分数 ≥60”。
    正确示例：
    “企业满意度 ≥95%”；走访企业数放到产出/数量指标下。
    """
    for c in facts(ctx.form).untruncated:
        ind, field, name = c.ind, c.field, c.name
        if not (c.level1 == "满意度" or c.level2 == "满意度") or is_satisfaction(name):
            continue
        if field is not ind.target and field is not ind.medium_target:
            continue
        if field is ind.medium_target and not blank(ind.target):
            continue  # one finding per row
        if _NOT_SATISFACTION.search(norm(name)) or (c.kind == "numeric" and c.unit not in (None, "%")):
            yield ctx.emit(ind.level3 or field, name=name)


@rule("PX414", "management-rate-as-benefit", "warning", CLASSIFIED, "“{name}”是管理类指标，不应放在效益指标下")
def management_rate_as_benefit(ctx):
    """
    说明：
    在职人员控制率、固定资产利用率、公用经费控制率、预算执行率等反映内部管理，不是经济、社会或生态效益。
    原因：
    财预〔2013〕53号把它们列为“过程”类共性指标；放在效益下会夸大效益得分。
    错误示例：
    经济效益指标“在职人员控制率 ≤100%”。
    正确示例：
    效益指标写服务对象得到的成效，如“企业关税优惠额 ≥300万美元”。
    """
    for row in facts(ctx.form).targets:
        if row.named and row.level1 == "效益" and _MANAGEMENT_RATE.search(row.norm_name):
            yield ctx.emit(row.ind.level3, name=row.name)


@rule("PX415", "ecology-without-environment", "warning", CLASSIFIED, "生态效益指标“{name}”与生态环境无关")
def ecology_without_environment(ctx):
    """
    说明：
    生态效益指标应反映对生态环境的影响（节能、减排、环保、资源节约等）。
    原因：
    把一般的经济或社会目标放进生态效益，只是为了填满表格。
    错误示例：
    生态效益指标“助推我市开放型经济发展”。
    正确示例：
    生态效益指标“无纸化办理率 ≥90%”；没有生态效益时删除该行。
    """
    for row in facts(ctx.form).targets:
        if row.named and row.level2 == "生态效益" and not _ENVIRONMENT.search(row.norm_name):
            yield ctx.emit(row.ind.level3, name=row.name)


@rule("PX416", "budget-rate-indicator", "warning", ("project_target", "project_selfeval"),
      "“{name}”作为绩效指标与预算执行率得分（10 分）重复")
def budget_rate_indicator(ctx):
    """
    说明：
    自评时预算执行率单独计 10 分，不宜再作为产出或成本指标。
    原因：
    同一执行率计两次分（DOMAIN §4.3；未见明文禁止，故为提示）。
    错误示例：
    预算（或投资规模）控制指标“预算执行率 ≥95%”。
    正确示例：
    成本指标写单价或总成本，如“每场活动成本 ≤5万元”。
    """
    for row in facts(ctx.form).rows:
        if row.named and is_budget_rate(row.name):
            yield ctx.emit(row.ind.level3, name=row.name)


@rule("PX417", "range-target", "warning", ("project_target", "project_selfeval"),
      "指标值“{value}”是区间，不符合 ≥/≤/＝ 写法；评分时按下限 {low} 计")
def range_target(ctx):
    """
    说明：
    指标值应是单一目标（≥、≤、＝）或定性等级；区间（“1-2次”“3-5家”）评分时按下限计。
    原因：
    评分规则只有正向、反向、等于和定性四种，区间没有统一的计分方法。
    错误示例：
    “1-2次”；“3-5家”。
    正确示例：
    “≥1次”；“≥3家”。
    """
    for c in facts(ctx.form).unnumbered:
        if c.kind == "range":
            yield ctx.emit(c.field, value=c.raw, low=fmt(c.number), expected=f"≥{fmt(c.number)}", actual=c.raw)


@rule("PX418", "explanation-repeats-name", "warning", DT, "“{name}”的{column}只是重复了指标名称")
def explanation_repeats_name(ctx):
    """
    说明：
    内涵解释、设置依据、计算公式和评分标准应说明指标，不能只抄指标名称。
    原因：
    抄名称等于没填，评价时无法知道怎样计算。
    错误示例：
    “法律顾问费用”的内涵解释、设置依据、计算公式都写“法律顾问费用”。
    正确示例：
    计算公式“法律顾问合同金额合计”；设置依据“法律顾问服务合同”。
    """
    for owner, name, key, field in _explanations(ctx.form):
        if name and norm(field.raw) == norm(name):
            yield ctx.emit(field, name=name, column=EXPLAIN[key])


@rule("PX419", "explanation-truncated", "warning", DT, "“{name}”的{column}似乎被截断：“…{tail}”")
def explanation_truncated(ctx):
    """
    说明：
    说明文字在词中间或运算符后结束，或括号不配对，多半是复制时被截断。
    原因：
    截断的公式无法使用。
    错误示例：
    “固定资产利用率=（实际在用固定资产总额/所有固定资产总额/所有固定资”。
    正确示例：
    “固定资产利用率=实际在用固定资产总额/所有固定资产总额×100%”。
    """
    for owner, name, key, field in _explanations(ctx.form):
        raw = field.raw.strip()
        if name and norm(raw) == norm(name):
            continue
        unbalanced = raw.count("（") + raw.count("(") > raw.count("）") + raw.count(")")
        if len(raw) >= 6 and (unbalanced or _BAD_END.search(raw)):
            yield ctx.emit(field, name=name, column=EXPLAIN[key], tail=raw[-8:])


@rule("PX420", "formula-without-operator", "warning", DT, "“{name}”的计算公式“{formula}”没有运算式或统计方法")
def formula_without_operator(ctx):
    """
    说明：
    指标计算公式或方法应写出运算式（如“实际数/计划数×100%”）或统计方法（如“统计法”）。
    原因：
    只有文字描述时，不同的人会算出不同的结果。
    错误示例：
    “部门决算公开及时性”的计算公式“公开通知文件”。
    正确示例：
    “按时公开得满分（以公开通知文件为准）”或“统计法”。
    """
    for owner, name, key, field in _explanations(ctx.form):
        if key == "formula" and norm(field.raw) != norm(name) and not _OPERATOR.search(field.raw):
            yield ctx.emit(field, name=name, formula=field.raw.strip())


@rule("PX421", "ratio-same-wording", "error", DT, "公式“{ratio}”的分子和分母是同一个量")
def ratio_same_wording(ctx):
    """
    说明：
    比率公式的分子和分母必须是不同的量；“满意数/满意总数”恒等于 100%。
    原因：
    满意度 = 满意人数 ÷ 调查总人数；分母写成“满意总数”公式就失去意义。
    错误示例：
    “调查企业满意数/调查企业满意总数*100%”。
    正确示例：
    “调查企业满意数/调查企业总数*100%”。
    """
    for owner, name, key, field in _explanations(ctx.form):
        for m in _RATIO.finditer(field.raw):
            a, b = m.group(1), m.group(2)
            if a.replace("总", "") == b.replace("总", ""):
                yield ctx.emit(field, ratio=m.group(0), actual=m.group(0))
                break


@rule("PX422", "scoring-text-direction", "warning", DT, "评分标准写“{said}”，但指标值“{value}”{problem}")
def scoring_text_direction(ctx):
    """
    说明：
    评分标准写“正向指标”时指标值应为“≥”；写“反向指标”时应为“≤”。
    原因：
    评分标准与指标值方向矛盾，评价时按哪一个计分说不清。
    错误示例：
    “购置验收通过率 =100%”，评分标准“正向指标，全部完成得满分……”。
    正确示例：
    评分标准“等于目标值得满分，否则不得分”，或指标值“≥100%”。
    """
    for row in facts(ctx.form).rows:
        ind, standard = row.ind, row.ind.extra.get("standard")
        target = ind.target
        if row.target is None or row.target.kind != "numeric" or standard is None or blank(standard):
            continue
        assert target is not None  # row.target is made from it
        sign = row.target.sign
        said = "正向指标" if "正向" in standard.raw else "反向指标" if "反向" in standard.raw else None
        if said == "正向指标" and sign in ("≤", "<", "="):
            yield ctx.emit(target, said=said, value=target.raw.strip(), problem="不是“≥”", expected="≥",
                           actual=sign)
        elif said == "反向指标" and sign in ("≥", ">", "="):
            yield ctx.emit(target, said=said, value=target.raw.strip(), problem="不是“≤”", expected="≤",
                           actual=sign)
