"""PX6xx cross-references inside one form: goal text vs the indicator table, staffing, declared counts."""

from __future__ import annotations

import re

from perfxl.classify import is_count_unit, level1_of, level2_of, vkind, vnum, vsign, vunit
from perfxl.labels import norm
from perfxl.rules._util import blank, fmt, name_of, named, num, similarity, text
from perfxl.rules.facts import Cell, facts
from perfxl.rules.registry import rule

DT, PT, PS, DS = "dept_target", "project_target", "project_selfeval", "dept_selfeval"

_SIGN = {"大于或等于": "≥", "大于等于": "≥", "不少于": "≥", "不低于": "≥", "至少": "≥", "≥": "≥",
         "不超过": "≤", "不高于": "≤", "小于等于": "≤", "≤": "≤", "＝": "=", "=": "="}
_PHRASE = re.compile(r"(?P<sign>" + "|".join(sorted(map(re.escape, _SIGN), key=len, reverse=True)) + r")?\s*"
                     r"(?P<range>\d+(?:\.\d+)?\s*[-~～至－—]\s*)?(?P<num>\d+(?:\.\d+)?)\s*"
                     r"(?P<wan>万(?!元|美元))?(?P<unit>" + "|".join(sorted(
                         "万美元 万元 % ％ 人次 场次 户次 平方米 公里 份 家 次 场 个 项 本 期 篇 宗 户 台 套 件 人 名 册 亩 "
                         "辆 张 条 所 吨 起 座 间".split(), key=len, reverse=True)) + ")")
_STAFF_QUOTA = re.compile(r"编制(?:数|人数)?\D{0,4}?(\d+)\s*(?:人|名)")
_STAFF_ACTUAL = re.compile(r"实有(?:在职)?(?:人员|人数)?\D{0,4}?(\d+)\s*(?:人|名)")


def goal_phrases(goal: str):
    """(sign or None, number, unit, context) for each target phrase of a goal text; ranges skipped."""
    for m in _PHRASE.finditer(goal):
        if m.group("range"):
            continue
        unit = m.group("unit").replace("％", "%")
        number = float(m.group("num")) * (10000 if m.group("wan") else 1)  # "12万人" = 120000 人
        before = re.split(r"[，。；,;：:（）()]", goal[:m.start()])[-1][-12:]
        after = re.split(r"[，。；,;（）()]", goal[m.end():])[0][:12]
        yield _SIGN.get(m.group("sign") or ""), number, unit, before + after


@rule("PX601", "goal-equals-task", "warning", (DT,), "年度总体目标与年度目标任务的文字完全相同")
def goal_equals_task(ctx):
    """
    说明：
    年度总体目标应概括本年要达到的效果；年度目标任务列出具体工作，两者不应一字不差。
    原因：
    直接复制说明目标没有提炼，也没有可衡量的结果。
    错误示例：
    年度总体目标和年度目标任务都写“立足贸促投资促进职能……”。
    正确示例：
    总体目标写“全年签发原产地证书不少于80份，企业满意度不低于97%”。
    """
    goal = ctx.form.get("annual_goal")
    if blank(goal):
        return
    for line in ctx.form.table("tasks"):
        task = line.get("task")
        if not blank(task) and norm(task.raw) == norm(goal.raw) and len(norm(goal.raw)) >= 8:
            yield ctx.emit(goal)
            return


@rule("PX602", "goal-target-mismatch", "warning", (DT, PT, PS),
      "目标文字写“{phrase}”，而指标“{name}”的指标值为“{value}”")
def goal_target_mismatch(ctx):
    """
    说明：
    年度目标文字中的数量目标（“大于等于10000份”“不少于5家”）应与指标表中对应指标的符号和数值一致。
    原因：
    目标文字和指标表不一致时，考核以哪个为准说不清。
    错误示例：
    预期目标“组织不少于5家外经贸企业参加……”，指标“组织参展企业数 3-5家”。
    正确示例：
    指标“组织参展企业数 ≥5家”。
    """
    form = ctx.form
    goal_field = form.get("goal_expected" if form.kind == PS else "annual_goal")
    goal = text(goal_field)
    if not goal:
        return
    candidates = [row.target for row in facts(form).targets if row.named and row.target is not None
                  and row.target.kind in ("numeric", "range")]
    budgets = _budget_amounts(form)
    for sign, number, unit, context in goal_phrases(goal):
        if unit in ("万元", "万美元") and sign is None and any(close_number(b, number) for b in budgets):
            continue  # "安排资金1800万元" quotes the budget, not an indicator target
        same = [t for t in candidates if t.unit == unit]
        if unit in ("万元", "万美元"):  # a total amount is never a unit price ("每公里≤1.5万元")
            same = [t for t in same if not _per_unit(t)]
        if not same or any(close_number(t.number, number) for t in same):
            continue
        scored = sorted(((similarity(context, t.name), t) for t in same), key=lambda p: -p[0])
        best_score, best = scored[0]
        clear_best = best_score >= 0.2 and (len(scored) == 1 or best_score >= 1.5 * scored[1][0])
        if best_score < 0.25 and not clear_best and not (len(same) == 1 and is_count_unit(unit) and best_score > 0):
            continue
        phrase = (sign or "") + fmt(number) + unit
        yield ctx.emit(goal_field, phrase=phrase, name=best.name, value=best.raw, expected=phrase, actual=best.raw)


def _budget_amounts(form) -> list[float]:
    """Every money figure of the form's own budget cells (funds, spending lines, tasks)."""
    out = [v for k in ("annual_funds", "medium_funds", "total_funds") if (v := num(form.get(k))) is not None]
    for key in ("spending", "tasks", "funds"):
        for line in form.table(key):
            out.extend(v for f in line.values.values() if f.kind == "money" and (v := num(f)) is not None)
    return out


_PER_NAME = re.compile(r"^(每|人均|户均|亩均|单|平均)|单价|标准$|平均")


def _per_unit(target: Cell) -> bool:
    return bool(getattr(target.field.value, "per", None)) or bool(_PER_NAME.search(norm(target.name)))


def close_number(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) < 1e-9


@rule("PX603", "staff-control-rate", "warning", (DT, DS),
      "在职人员控制率目标“{value}”与本单位实有 {actual_staff} 人、编制 {quota} 人（{rate}%）不符")
def staff_control_rate(ctx):
    """
    说明：
    在职人员控制率 = 实有在职人数 ÷ 编制数 × 100%；目标值应是本单位按自身人员情况能够达到的。
    原因：
    财预〔2013〕53号共性指标；超编单位把目标写成“＝100%”无法实现。
    错误示例：
    “人员编制数5人，实有在职人数7人”，在职人员控制率“＝100%”（实际 140%）。
    正确示例：
    如实填写“≤140%”并说明超编原因，或制定控编措施。
    """
    form = ctx.form
    quota, actual = num(form.get("staff_quota")), num(form.get("staff_actual"))
    staffing = text(form.get("staffing"))
    if quota is None and (m := _STAFF_QUOTA.search(staffing)):
        quota = float(m.group(1))
    if actual is None and (m := _STAFF_ACTUAL.search(staffing)):
        actual = float(m.group(1))
    if not quota or actual is None:
        return
    rate = actual / quota * 100
    for row in facts(form).targets:
        if "在职人员控制率" not in row.norm_name:
            continue
        for c in (row.target, row.half):
            if c is None or c.kind != "numeric" or c.unit != "%" or c.number is None:  # numeric: a number
                continue
            field, t, sign = c.field, c.number, c.sign or "≤"
            ok = {"=": abs(rate - t) < 0.5, "≤": rate <= t + 1e-9, "<": rate < t, "≥": rate >= t - 1e-9,
                  ">": rate > t}.get(sign, True)
            if not ok:
                yield ctx.emit(field, value=field.raw.strip(), actual_staff=fmt(actual), quota=fmt(quota),
                               rate=f"{rate:.0f}", expected=f"{rate:.0f}%", actual=field.raw.strip())


@rule("PX604", "declared-counts", "error", (DS,), "文中写“{name} {stated} 个”，{table}中有 {counted} 个")
def declared_counts(ctx):
    """
    说明：
    绩效管理情况中声明的指标个数（“产出指标 2 个，其中数量指标 2 个”）应与指标表一致。
    原因：
    报告文字与表格不一致，说明其中之一没有更新。
    错误示例：
    “产出指标 2 个，其中数量指标 2 个”，而表中是 1 个数量指标、1 个质量指标。
    正确示例：
    “产出指标 2 个，其中数量指标 1 个、质量指标 1 个”。
    """
    form = ctx.form
    rows = [row for row in facts(form).rows if row.named]
    blocks = [("履职效能表", [r for r in rows if r.ind.block == "performance"]),
              ("绩效目标表", [r for r in rows if r.ind.block != "performance"])]
    for line in form.table("declared_counts"):
        stated = num(line.get("count"))
        label = norm(text(line.name))
        if stated is None or not label:
            continue
        for table, rows in blocks:
            if not rows:
                continue
            strict = _count(rows, label, inclusive=False)
            if strict is None or strict == stated:
                continue
            if _count(rows, label, inclusive=True) == stated:
                continue  # 效益指标 counted with its 满意度 row, as the Guangzhou table does
            yield ctx.emit(line.get("count") or line, name=text(line.name), stated=fmt(stated), table=table,
                           counted=strict, expected=str(strict), actual=fmt(stated))
            break


def _same_value(a, b) -> bool:
    """The same target written twice (spacing, full-width signs and "=" vs "＝" aside)."""
    if norm(text(a)) == norm(text(b)):
        return True
    va, vb = a.value, b.value
    return vkind(va) == vkind(vb) == "numeric" and vsign(va) == vsign(vb) and vunit(va) == vunit(vb) \
        and close_number(vnum(va), vnum(vb) or 0.0)


def _count(rows, label: str, inclusive: bool) -> int | None:
    l1 = level1_of(label)
    l2 = level2_of(label)
    if l2 is not None and label not in ("效益指标", "产出指标", "满意度指标"):
        return sum(1 for r in rows if r.level2 == l2)
    if l1 is not None:
        homes = {l1, "满意度"} if inclusive and l1 == "效益" else {l1}
        return sum(1 for r in rows if r.level1 in homes)
    return None


@rule("PX605", "target-vs-performance", "warning", (DS,), "履职效能表中的{what}“{perf}”与绩效目标表中的“{target}”不一致")
def target_vs_performance(ctx):
    """
    说明：
    履职效能表“根据《部门预算绩效目标申报表》填列”，其指标名称和二级分类应与绩效目标表相同。
    原因：
    自评的指标必须就是申报的指标，否则无从比较目标与实际。
    错误示例：
    目标表“增强贸促服务能力”（社会效益），履职效能表“增强贸易服务能力”。
    正确示例：
    两处都写“增强贸促服务能力”。
    """
    rows = ctx.form.indicators
    targets = [i for i in rows if i.block != "performance" and named(i)]
    perf = [i for i in rows if i.block == "performance" and named(i)]
    if not targets or not perf:
        return
    for p in perf:
        same = [t for t in targets if norm(name_of(t)) == norm(name_of(p))]
        if same:
            t = same[0]
            if level2_of(text(t.level2)) and level2_of(text(p.level2)) and level2_of(text(t.level2)) != level2_of(text(p.level2)):
                yield ctx.emit(p.level2 or p.level3, what=f"“{name_of(p)}”的二级指标", perf=text(p.level2),
                               target=text(t.level2), expected=text(t.level2), actual=text(p.level2))
            elif not blank(t.target) and p.target is not None and p.target.cell and not _same_value(p.target, t.target):
                yield ctx.emit(p.target, what=f"“{name_of(p)}”的年度目标值", perf=text(p.target) or "（空）",
                               target=text(t.target), expected=text(t.target), actual=text(p.target))
            continue
        best = max(targets, key=lambda t: similarity(name_of(t), name_of(p)))
        if similarity(name_of(best), name_of(p)) >= 0.5:
            yield ctx.emit(p.level3, what="指标名称", perf=name_of(p), target=name_of(best),
                           expected=name_of(best), actual=name_of(p))
