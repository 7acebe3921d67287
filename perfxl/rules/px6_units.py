"""PX606–PX611 cross-references between forms of one unit: in one workbook, or across files of a folder.

The same three checks run twice: with scope "workbook" on the forms of one workbook, and with
scope "folder" on forms of the same unit that sit in different files (DESIGN: a reviewer receives a
folder; the 部门整体 form and the project forms of a unit often come as separate workbooks).
"""

from __future__ import annotations

import re
from typing import Iterator

from perfxl.labels import norm
from perfxl.model import Form
from perfxl.rules._util import close, fmt, line_num, money, num, similarity, text
from perfxl.rules.facts import Row, facts
from perfxl.rules.registry import rule

DEPT = ("dept_target", "dept_selfeval")
PROJECT = ("project_target", "project_selfeval")
_NAME_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[-~～至－—]\s*(\d+(?:\.\d+)?))?\s*(家|次|场|份|人次|场次|个|项|期|本|篇)")


def _unit(form: Form) -> str:
    return norm(form.unit)


def _same_year(a: Form, b: Form) -> bool:
    return a.year is None or b.year is None or a.year == b.year


def _pairs(ctx, kinds_a, kinds_b, cross_file: bool) -> Iterator[tuple[Form, Form]]:
    """(a, b) pairs of forms of the same unit and year; across files only in folder scope."""
    for a in ctx.forms:
        if a.kind not in kinds_a:
            continue
        for b in ctx.forms:
            if b is a or b.kind not in kinds_b or not _same_year(a, b):
                continue
            if cross_file:
                if ctx.file(a) == ctx.file(b) or not _unit(a) or _unit(a) != _unit(b):
                    continue
            yield a, b


def _project_budget(form: Form) -> tuple[float | None, str]:
    if form.kind == "project_selfeval":
        total = next((x for x in form.table("funds") if x.role == "total"), None)
        return line_num(total, "full") or line_num(total, "initial"), text(form.get("project_name"))
    return num(form.get("annual_funds")), text(form.get("project_name"))


def _initial_budget(form: Form) -> list[float]:
    if form.kind != "project_selfeval":
        return []
    total = next((x for x in form.table("funds") if x.role == "total"), None)
    initial = line_num(total, "initial")
    return [initial] if initial is not None else []


def _project_budget_field(form: Form):
    if form.kind == "project_selfeval":
        total = next((x for x in form.table("funds") if x.role == "total"), None)
        return total.get("full") or total.get("initial") if total is not None else None
    return form.get("annual_funds")


def _amount_lines(dept: Form):
    for line in dept.table("tasks"):
        if line.role != "total" and line_num(line, "amount") is not None:
            yield line, line.get("amount"), line_num(line, "amount")
    for line in dept.table("spending"):
        if line.role == "project_line" and line_num(line, "full") is not None:
            yield line, line.get("full"), line_num(line, "full")


def _amounts(ctx, cross_file: bool):
    tol = ctx.config.money_tol
    for dept, project in _pairs(ctx, DEPT, PROJECT, cross_file):
        budget, pname = _project_budget(project)
        lines = list(_amount_lines(dept))
        if budget is None or not pname or not lines:
            continue
        named_lines = [(ln, f, a) for ln, f, a in lines
                       if norm(pname) in norm(text(ln.name)) or similarity(pname, text(ln.name)) >= 0.6]
        # a target form is drawn up at the start of the year: its line may equal the project's 年初预算数
        accepted = [budget] + _initial_budget(project)
        for line, field, amount in named_lines:
            if not any(close(amount, b, tol) for b in accepted):
                fmt_args = dict(line=text(line.name), amount=money(amount), project=pname, budget=money(budget))
                yield ctx.emit(field, form=dept, expected=money(budget), actual=money(amount), **fmt_args)
                if cross_file:  # reported on both files: the reviewer may open either one
                    yield ctx.emit(_project_budget_field(project), form=project, expected=money(amount),
                                   actual=money(budget), **fmt_args)


def _numbers(row: Row) -> tuple[float, float, str] | None:
    """(low, high, unit) of a 数量 row: from its value, else from its name ("组织5-8家企业参加展会")."""
    t = row.target
    if t is not None and t.kind in ("numeric", "range") and t.unit and t.number is not None:  # (never None then)
        return t.number, getattr(t.field.value, "high", None) or t.number, t.unit
    m = _NAME_NUMBER.search(row.name)
    if m:
        low = float(m.group(1))
        return low, float(m.group(2)) if m.group(2) else low, m.group(3)
    return None


def _quantity_rows(form: Form):
    for row in facts(form).rows:
        if row.named and row.level2 == "数量" and row.ind.block != "performance":
            nums = _numbers(row)
            if nums is not None:
                yield row, nums


def _targets(ctx, cross_file: bool):
    for dept, project in _pairs(ctx, DEPT, PROJECT, cross_file):
        projects = [p for d, p in _pairs(ctx, DEPT, PROJECT, cross_file) if d is dept]
        if len(projects) != 1:
            continue  # with several projects the department total may legitimately differ
        prows = list(_quantity_rows(project))
        for row, (low, high, unit) in _quantity_rows(dept):
            match = [(similarity(row.name, p.name), p, n) for p, n in prows if n[2] == unit]
            if not match:
                continue
            score, p, (plow, phigh, _) = max(match, key=lambda m: m[0])
            both_ranges = low != high and plow != phigh
            # the department may do more than its one project, never less; two different ranges
            # for the same activity ("5-8家" vs "3-5家") contradict each other
            if score >= 0.25 and (low < plow or (both_ranges and (low, high) != (plow, phigh))):
                shown = lambda a, b: fmt(a) if a == b else f"{fmt(a)}-{fmt(b)}"  # noqa: E731
                fmt_args = dict(name=row.name, dept=shown(low, high) + unit, pname=p.name,
                                project=text(project.get("project_name")), pvalue=shown(plow, phigh) + unit)
                yield ctx.emit(row.ind.target or row.ind.level3, form=dept, expected=shown(plow, phigh) + unit,
                               actual=shown(low, high) + unit, **fmt_args)
                if cross_file:  # reported on both files
                    yield ctx.emit(p.ind.target or p.ind.level3, form=project, expected=shown(low, high) + unit,
                                   actual=shown(plow, phigh) + unit, **fmt_args)


def _names(ctx, cross_file: bool):
    for target, selfeval in _pairs(ctx, ("project_target",), ("project_selfeval",), cross_file):
        if norm(text(target.get("project_name"))) != norm(text(selfeval.get("project_name"))):
            continue
        tnames = {r.norm_name: r for r in facts(target).rows if r.named}
        for row in facts(selfeval).rows:
            if not row.named:
                continue
            ind, t = row.ind, tnames.get(row.norm_name)
            if t is None:
                yield ctx.emit(ind.level3, form=selfeval, name=row.name, problem="在目标表中找不到")
            elif t.level2 != row.level2:
                yield ctx.emit(ind.level2 or ind.level3, form=selfeval, name=row.name,
                               problem=f"的二级指标与目标表（{text(t.ind.level2)}）不同")
                if cross_file:  # reported on both files
                    yield ctx.emit(t.ind.level2 or t.ind.level3, form=target, name=row.name,
                                   problem=f"的二级指标与自评表（{text(ind.level2)}）不同")


_AMOUNTS_MSG = "部门整体表中“{line}”{amount} 万元与项目“{project}”的预算 {budget} 万元不一致"
_TARGETS_MSG = "部门整体表“{name}”为 {dept}，而项目“{project}”的“{pname}”为 {pvalue}"
_NAMES_MSG = "自评表指标“{name}”{problem}"
_AMOUNTS_DOC = """
    说明：
    部门整体表（任务表或项目支出明细）中列出的项目金额应等于该项目自评表或目标表的预算。
    原因：
    同一单位同一年的同一笔钱，在不同表中应是同一个数。
    错误示例：
    部门整体表“专项业务经费 8.2 万元”，项目自评表全年预算 8.6 万元。
    正确示例：
    两处都是 8.6 万元。
    """
_TARGETS_DOC = """
    说明：
    部门整体的产出目标应不小于所属项目同一产出目标之和；只有一个项目时两者应一致。
    原因：
    部门目标由项目目标汇总而来，互相矛盾说明其中之一没有更新。
    错误示例：
    部门整体“组织5-8家企业参加展会”，唯一的项目“组织参展企业数 3-5家”。
    正确示例：
    两处都写“≥5家”。
    """
_NAMES_DOC = """
    说明：
    同一项目的自评表应沿用目标表的指标名称和二级分类。
    原因：
    自评是对批复目标的自评，换了指标就无从比较。
    错误示例：
    目标表“参加活动场次”，自评表“活动开展次数”。
    正确示例：
    两表都写“参加活动场次”。
    """


def _register(code: str, name: str, severity: str, message: str, scope: str, doc: str, fn, cross_file: bool):
    def check(ctx):
        return fn(ctx, cross_file)

    # the doc goes to the registry, not to check.__doc__: a compiled closure has no __doc__ to set
    rule(code, name, severity, (), message, scope=scope, doc=doc)(check)


_register("PX606", "dept-project-amounts", "error", _AMOUNTS_MSG, "workbook", _AMOUNTS_DOC, _amounts, False)
_register("PX607", "dept-project-targets", "warning", _TARGETS_MSG, "workbook", _TARGETS_DOC, _targets, False)
_register("PX608", "target-selfeval-names", "warning", _NAMES_MSG, "workbook", _NAMES_DOC, _names, False)
_register("PX609", "folder-dept-project-amounts", "error", _AMOUNTS_MSG, "folder", _AMOUNTS_DOC, _amounts, True)
_register("PX610", "folder-dept-project-targets", "warning", _TARGETS_MSG, "folder", _TARGETS_DOC, _targets, True)
_register("PX611", "folder-target-selfeval-names", "warning", _NAMES_MSG, "folder", _NAMES_DOC, _names, True)
