"""PX1xx completeness: required header fields, empty indicator values, missing indicator categories."""

from __future__ import annotations

from perfxl.forms.specs import HEADER_FIELDS
from perfxl.rules._util import blank, line_num, money, name_of, named, text
from perfxl.rules.facts import facts
from perfxl.rules.registry import rule
from perfxl.scoring import score_selfeval

ALL = ("dept_target", "project_target", "project_selfeval", "dept_selfeval")
TARGET_TABLES = ("dept_target", "project_target")
SELFEVAL = ("project_selfeval", "dept_selfeval")

# Header keys each kind must carry (DOMAIN §9 PX1: 名称, 主管部门/预算单位, 实施单位, 年度)
REQUIRED_HEADER = {
    "dept_target": ("unit_name",),
    "project_target": ("unit_name", "project_name"),
    "project_selfeval": ("project_name", "department", "implementer"),
    "dept_selfeval": (),
}
_LABELS = {spec.key: spec.label for spec in HEADER_FIELDS}
EXPLANATION_COLUMNS = {"explain": "内涵解释", "basis": "设置依据", "formula": "指标计算公式或方法",
                       "standard": "评分标准"}


@rule("PX101", "missing-header-field", "warning", ALL, "表头缺少“{label}”")
def missing_header_field(ctx):
    """
    说明：
    表头的单位名称、项目名称、主管部门、实施单位和年度应当填写。
    原因：
    没有这些信息，财政局无法把表归到单位和年度，汇总表中该行也无法识别。
    错误示例：
    项目支出绩效自评表的“实施单位”一格空着。
    正确示例：
    实施单位：市对外经济贸易发展服务中心。
    """
    form = ctx.form
    for key in REQUIRED_HEADER[form.kind]:
        field = form.get(key)
        if blank(field):
            yield ctx.emit(field, label=_LABELS.get(key, key))
    if form.year is None:
        yield ctx.emit(form.get("title"), label="年度")


@rule("PX102", "missing-target-value", "error", ALL, "三级指标“{name}”的指标值为空")
def missing_target_value(ctx):
    """
    说明：
    每个三级指标都要有指标值（目标值）。
    原因：
    没有指标值，目标无法考核，自评时也无法计分（财预〔2015〕88号要求绩效目标可衡量）。
    错误示例：
    三级指标“组织参展企业数”，指标值一格空白。
    正确示例：
    三级指标“组织参展企业数”，指标值“≥5家”。
    """
    shared = facts(ctx.form)
    for row in shared.targets:
        if not row.named or row.target is not None:
            continue
        if shared.has_medium and row.medium is not None:
            continue  # one-sided 中期/年度 values are PX315's finding
        yield ctx.emit(row.ind.target or row.ind, name=row.name)


@rule("PX103", "missing-selfeval-cell", "error", SELFEVAL, "三级指标“{name}”的{column}为空")
def missing_selfeval_cell(ctx):
    """
    说明：
    自评表每个三级指标都要填写实际完成值和分值。
    原因：
    缺少实际完成值或分值，无法计算得分，也无法判断目标是否完成。
    错误示例：
    “举行培训班次数”的实际完成值空白。
    正确示例：
    实际完成值填“1次”，分值填“5”。
    """
    for ind in ctx.form.indicators:
        if ctx.form.kind == "dept_selfeval" and ind.block != "performance":
            continue
        if not named(ind):
            continue
        for attr, column in (("actual", "实际完成值"), ("weight", "分值")):
            field = getattr(ind, attr)
            if blank(field):
                yield ctx.emit(field or ind, name=name_of(ind), column=column)


@rule("PX104", "score-blank", "info", SELFEVAL, "“{name}”的得分为空，按规则计算为 {score} 分")
def score_blank(ctx):
    """
    说明：
    得分一格为空时，perfxl 按评分规则算出得分并填入。
    原因：
    便于填表人核对；填入的分数用不同的字体颜色标出。
    错误示例：
    分值 10，实际完成值达到目标，得分空白。
    正确示例：
    得分 10。
    """
    form = ctx.form
    result = score_selfeval(form, ctx.settings)
    for row in result.rows:
        if row.expected_score is not None and blank(row.indicator.score) and named(row.indicator):
            yield ctx.emit(row.indicator.score or row.indicator, name=name_of(row.indicator),
                           score=f"{row.expected_score:g}", expected=row.expected_score)


@rule("PX105", "level1-without-indicators", "warning", TARGET_TABLES, "一级指标“{level1}”{problem}")
def level1_without_indicators(ctx):
    """
    说明：
    产出、效益、满意度三类一级指标都应设置至少一个三级指标（部门整体共性框架中“履职”代替“产出”）。
    原因：
    财预〔2021〕101号的指标体系要求产出、效益和满意度都有可考核的指标。
    错误示例：
    只有产出指标，没有满意度指标。
    正确示例：
    满意度指标 / 服务对象满意度指标 / 企业满意度 / ≥95%。
    """
    present: dict[str, list] = {}
    for row in facts(ctx.form).rows:
        if row.level1:
            present.setdefault(row.level1, []).append(row)
    if not present:
        return
    required = ["履职" if "履职" in present else "产出", "效益", "满意度"]
    for l1 in required:
        rows = present.get(l1)
        if rows is None:
            yield ctx.emit(None, level1=l1, problem="缺失")
        elif not any(row.named or row.medium_named for row in rows):
            yield ctx.emit(rows[0].ind.level1, level1=l1, problem="下没有三级指标")


@rule("PX106", "empty-level2-row", "warning", TARGET_TABLES, "二级指标“{level2}”下没有三级指标和指标值")
def empty_level2_row(ctx):
    """
    说明：
    列出的二级指标下应有三级指标和指标值；不用的二级指标行应删除。
    原因：
    只有二级指标名称的空行（如“社会效益”）看起来像漏填。
    错误示例：
    效益指标 / 社会效益 / （空） / （空）。
    正确示例：
    效益指标 / 社会效益 / 培训企业人次 / ≥1000人次；或删除该行。
    """
    rows = facts(ctx.form).rows
    for row in rows:
        if row.named or row.medium_named or row.target is not None or row.half is not None or row.medium is not None:
            continue
        ind = row.ind
        label = ind.level2 if not blank(ind.level2) else ind.medium_level2
        if label is None or blank(label):
            continue
        # a merged 二级 cell carried down over a row that has its own 三级 is not empty
        if any(o.ind is not ind and (o.named or o.medium_named)
               and any(f is not None and f.cell == label.cell for f in (o.ind.level2, o.ind.medium_level2))
               for o in rows):
            continue
        yield ctx.emit(label, level2=text(label))


@rule("PX107", "missing-level3-name", "error", ALL, "第 {row} 行填写了指标值或分值，但三级指标名称为空")
def missing_level3_name(ctx):
    """
    说明：
    填了指标值、实际完成值或分值的行必须写明三级指标名称。
    原因：
    没有名称的指标无法考核，也无法与目标表对应。
    错误示例：
    满意度指标 / 服务对象满意度指标 / （空） / 满意 / 满意 / 10 / 10。
    正确示例：
    满意度指标 / 服务对象满意度指标 / 企业满意度 / ≥90% / 95% / 10 / 10。
    """
    for row in facts(ctx.form).rows:
        if row.named:
            continue
        ind = row.ind
        # a 中期 name does not name the 年度 half: a 年度 value still needs its own 三级 name
        filled = [f for f in (ind.target, ind.actual, ind.weight, ind.score) if not blank(f)]
        if filled:
            yield ctx.emit(ind.level3 or filled[0], row=ind.row)


@rule("PX108", "explanation-blank", "warning", ("dept_target",), "“{name}”的“{column}”为空")
def explanation_blank(ctx):
    """
    说明：
    部门整体绩效目标表的内涵解释、设置依据、计算公式和评分标准各列应当填写。
    原因：
    这些列说明指标怎样计算、怎样评分；空着的指标到自评时无法考核。
    错误示例：
    “三公”经费控制率的内涵解释为空。
    正确示例：
    内涵解释：“三公”经费实际支出数与预算数之比。
    """
    form = ctx.form
    rows = [(row.ind, row.name, row.ind.extra) for row in facts(form).rows if row.named]
    rows += [(line, text(line.name), line.values) for line in form.table("general_spending")]
    used = sorted({key for _, _, values in rows for key in values if key in EXPLANATION_COLUMNS})
    for owner, name, values in rows:
        for key in used:
            if blank(values.get(key)):
                yield ctx.emit(values.get(key) or owner, name=name, column=EXPLANATION_COLUMNS[key])


@rule("PX109", "execution-blank", "error", ("project_selfeval",),
      "“{line}”的全年执行数为空，而年度资金总额的全年执行数已填 {total} 万元")
def execution_blank(ctx):
    """
    说明：
    年度资金总额填写了全年执行数时，有预算的各资金来源行也要填写全年执行数。
    原因：
    分项执行数为空，无法核对分项之和，也看不出哪一类资金没有执行。
    错误示例：
    年度资金总额 全年执行数 8.6；其中当年财政拨款 全年预算数 8.6，全年执行数空白。
    正确示例：
    当年财政拨款 全年执行数 8.6。
    """
    lines = ctx.form.table("funds")
    total = next((line for line in lines if line.role == "total"), None)
    executed = line_num(total, "executed")
    if not executed:
        return
    for line in lines:
        if line.role == "total":
            continue
        budget = line_num(line, "full") or line_num(line, "initial")
        if budget and blank(line.get("executed")):
            yield ctx.emit(line.get("executed") or line, line=text(line.name), total=money(executed),
                           expected="全年执行数", actual="空")
