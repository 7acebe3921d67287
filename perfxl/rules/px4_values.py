"""PX40x indicator quality, part one: target values themselves (DOMAIN §2 notation, §4.2 direction)."""

from __future__ import annotations

from perfxl.classify import (MONEY_UNITS, expected_direction, is_capped_rate, is_cost, is_positive_rate,
                             is_satisfaction, is_violation)
from perfxl.rules._util import fmt, text
from perfxl.rules.facts import facts
from perfxl.rules.registry import rule

ALL = ("dept_target", "project_target", "project_selfeval", "dept_selfeval")
TARGETS = ("dept_target", "project_target")
DIRECTED = ("dept_target", "project_target", "project_selfeval")  # a self-evaluation keeps the target's sign
_WHY = {
    "repeats_name": "与指标名称相同或只是重复指标名称",
    "bare_measure": "只写了衡量什么，没有写目标值",
    "question": "以问号结尾，不是目标值",
    "activity_list": "是工作内容的罗列，不是可考核的目标值",
}


@rule("PX401", "unmeasurable-value", "error", ALL, "指标值“{value}”不可衡量：{why}")
def unmeasurable_value(ctx):
    """
    说明：
    指标值要写成可考核的数值（带符号和单位）或等级；重复指标名称、只写衡量对象、以问号结尾或罗列工作内容都不可衡量。
    原因：
    财预〔2021〕101号要求指标值可衡量；不可衡量的目标到自评时无法判断是否完成。
    错误示例：
    三级指标“人员到位率”，指标值“人员到位情况”；“企业满意度”一栏写“企业满意度”。
    正确示例：
    “人员到位率 ＝100%”；“企业满意度 ≥95%”。
    """
    for c in facts(ctx.form).unnumbered:
        if c.kind == "nonvalue":
            why = next((_WHY[f] for f in _WHY if f in c.flags), "不是数值或等级")
            yield ctx.emit(c.field, value=c.raw, why=why, actual=c.raw)


@rule("PX402", "text-target", "warning", ALL, "指标值“{value}”是一段文字，不是可衡量的数值或等级")
def text_target(ctx):
    """
    说明：
    指标值写成描述性文字（如“提高办公室后勤管理水平”）时，无法判断是否达成。
    原因：
    文字描述不是目标值；能量化的应写数值，不能量化的写等级（如“有效”“合规”）并给出评判标准。
    错误示例：
    质量指标“为受益者提供优质工作环境”，指标值“提高办公室后勤管理水平”。
    正确示例：
    指标值“后勤服务满意度 ≥90%”。
    """
    for c in facts(ctx.form).unnumbered:
        if c.kind == "text":
            yield ctx.emit(c.field, value=c.raw, actual=c.raw)


@rule("PX403", "truncated-value", "error", ALL, "指标值“{value}”不完整（缺少数值或单位）")
def truncated_value(ctx):
    """
    说明：
    指标值被截断（如“预算执行率≥”“调研企业20”）。
    原因：
    缺少数值或单位的指标值无法考核，多是单元格内容被删掉了一部分。
    错误示例：
    “预算执行率≥”；“调研企业20”。
    正确示例：
    “预算执行率≥95%”；“调研企业200家”。
    """
    for c in facts(ctx.form).values:
        if "truncated" in c.flags:
            yield ctx.emit(c.field, value=c.raw, actual=c.raw)


@rule("PX404", "level-where-number", "warning", ("dept_target", "project_target", "project_selfeval"),
      "{what}“{name}”的指标值“{value}”是定性描述，应填写数值")
def level_where_number(ctx):
    """
    说明：
    数量指标、成本指标和满意度指标应填写数值（如“≥3次”“≤5000元”“≥90%”），不应填“完成”“合规”“满意”。
    原因：
    这几类指标天然可以量化；写成定性等级后无法按实际完成值计分。
    错误示例：
    数量指标“举办培训班2-3次”，指标值“完成”；成本指标指标值“合规”。
    正确示例：
    数量指标“举办培训班次数”，指标值“≥2次”。
    """
    for c in facts(ctx.form).unnumbered:
        if c.kind != "level":
            continue
        l1, l2, name = c.level1, c.level2, c.name
        if l2 == "数量":
            what = "数量指标"
        elif l1 == "成本" or l2 in ("成本", "经济成本", "社会成本", "生态环境成本"):
            what = "成本指标"
        elif l1 == "满意度" or l2 == "满意度" or is_satisfaction(name):
            what = "满意度指标"
        else:
            continue
        yield ctx.emit(c.field, what=what, name=name or text(c.ind.level2), value=c.raw,
                       actual=c.raw)


@rule("PX405", "unit-missing", "warning", TARGETS, "指标值“{value}”缺少单位{hint}")
def unit_missing(ctx):
    """
    说明：
    数值型指标值应写明单位（%、次、家、万元……）。
    原因：
    没有单位时“≥90”可能是 90%、90 分或 90 家；perfxl 按名称推断（率、度 → %），但应写明。
    错误示例：
    “满意度 ≥ 90”。
    正确示例：
    “满意度 ≥90%”。
    """
    for c in facts(ctx.form).flagged:
        if "unit_missing" in c.flags or "unit_inferred" in c.flags:
            hint = f"，已按“{c.unit}”理解" if c.unit and "unit_inferred" in c.flags else ""
            yield ctx.emit(c.field, value=c.raw, hint=hint, expected=c.unit, actual=c.raw)


@rule("PX406", "ambiguous-unit", "warning", TARGETS, "指标值“{value}”的单位不唯一（{units}）")
def ambiguous_unit(ctx):
    """
    说明：
    一个指标值只能有一个单位；“台、件、辆、套等”“宗家”这样的写法无法计数。
    原因：
    单位不同的东西不能相加，完成情况也无法核对。
    错误示例：
    “≥3台、件、辆、套等”；“每年不少于3宗家企业”。
    正确示例：
    分成几个指标，或统一为“≥3件”。
    """
    for c in facts(ctx.form).untruncated:
        units = getattr(c.field.value, "units", ()) or ()
        if "ambiguous_unit" in c.flags or (len(units) > 1 and len(set(units)) > 1):
            yield ctx.emit(c.field, value=c.raw, units="、".join(units) or "?", actual=c.raw)


@rule("PX407", "sign-missing", "warning", ALL, "指标值“{value}”缺少符号（≥、≤、＝），按{direction}指标理解为“{sign}{number}”")
def sign_missing(ctx):
    """
    说明：
    数值型指标值应带比较符号：正向指标用“≥”，反向指标用“≤”，必须恰好达到的用“＝”。
    原因：
    没有符号时无法判断超额或不足是否达标；perfxl 按指标名称推断方向。
    错误示例：
    “9个Ukey”；“95%”。
    正确示例：
    “＝9个”；“≥95%”。
    """
    for c in facts(ctx.form).flagged:
        if "sign_missing" not in c.flags or c.kind != "numeric":
            continue
        sign = expected_direction(c.name, c.level1, c.level2) or "≥"
        number = fmt(c.number) + (c.unit or "")
        yield ctx.emit(c.field, value=c.raw, direction="正向" if sign == "≥" else "反向", sign=sign,
                       number=number, expected=f"{sign}{number}", actual=c.raw)


@rule("PX408", "capped-rate-100", "warning", TARGETS, "“{name}”不会超过 100%，“{value}”应写作“＝100%”")
def capped_rate_100(ctx):
    """
    说明：
    合格率、覆盖率、受益率、执行率、满意度等不可能超过 100%，“≥100%”实际就是“＝100%”。
    原因：
    “≥100%”暗示可以超额完成，评分时会被当作正向指标处理。
    错误示例：
    “企业受益率 ≥100%”。
    正确示例：
    “企业受益率 ＝100%”。
    """
    for c in facts(ctx.form).untruncated:
        if c.sign in ("≥", ">") and c.unit == "%" and c.number == 100 and is_capped_rate(c.name):
            yield ctx.emit(c.field, name=c.name, value=c.raw, expected="＝100%", actual=c.raw)


@rule("PX409", "wrong-direction", "error", DIRECTED, "“{name}”是{what}，指标值应使用“{expected_sign}”，表中为“{value}”")
def wrong_direction(ctx):
    """
    说明：
    成本、费用和违规次数是反向指标，应写“≤”；完成率、合格率、满意度、覆盖率、受益率是正向指标，不能写“≤”。
    原因：
    “≥6000元”的成本鼓励多花钱；“≤100%”的完成率完成 0 也算达标（DOMAIN §4.2）。
    错误示例：
    成本指标“法律顾问费用 ≥6000元”；“参加展会数量完成率 ≤33%”。
    正确示例：
    “法律顾问费用 ≤6000元”；“参加展会数量完成率 ＝33%”。
    """
    for c in facts(ctx.form).untruncated:
        name, sign = c.name, c.sign
        if c.kind != "numeric" or sign is None:
            continue
        if sign in ("≥", ">") and c.unit in MONEY_UNITS and is_cost(name, c.level1, c.level2):
            yield ctx.emit(c.field, name=name, what="成本（反向）指标", expected_sign="≤", value=c.raw,
                           expected="≤", actual=sign)
        elif sign in ("≥", ">") and is_violation(name) and not is_positive_rate(name):
            yield ctx.emit(c.field, name=name, what="违规、投诉类（反向）指标", expected_sign="≤ 或 ＝",
                           value=c.raw, expected="≤", actual=sign)
        elif sign in ("≤", "<") and is_positive_rate(name):
            yield ctx.emit(c.field, name=name, what="完成率类（正向）指标", expected_sign="≥ 或 ＝",
                           value=c.raw, expected="≥", actual=sign)


@rule("PX410", "satisfaction-target-low", "warning", TARGETS, "满意度指标“{name}”的目标值 {value} 低于 {floor}%")
def satisfaction_target_low(ctx):
    """
    说明：
    满意度目标一般不低于 80%（常见 ≥90%、≥95%）。
    原因：
    过低的满意度目标没有约束力。
    错误示例：
    “服务对象满意度 ≥60%”。
    正确示例：
    “服务对象满意度 ≥90%”。
    """
    floor = ctx.config.satisfaction_floor
    for c in facts(ctx.form).untruncated:
        low = c.unit == "%" and c.number is not None and c.number < floor
        if low and (c.level2 == "满意度" or is_satisfaction(c.name)):
            yield ctx.emit(c.field, name=c.name, value=c.raw, floor=fmt(floor), expected=f"≥{fmt(floor)}%",
                           actual=c.raw)
