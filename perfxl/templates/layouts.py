"""The four template layouts, each mirroring its official form (see DOMAIN.md §1 and the seeds).

Cell keys recorded for ``template_cells``: scalar fields use the reader's keys (``unit_name``,
``total_funds``, ``annual_goal`` …); table rows are ``<table>.<n>.<column key>`` with tables
``ind`` (indicators), ``spending``, ``tasks``, ``funds``, ``targets``, ``output``, ``benefit`` and
``management``.
"""

from __future__ import annotations

from perfxl.forms import specs
from perfxl.model import FORM_KIND_NAMES
from perfxl.templates.sheet import (BOLD, GREY, INT, MONEY, PCT, SCORE, TEXT, VALUE_HINT, WRAP,
                                    SheetWriter, spec_label as _lab)

# 二级指标 by 一级 (财预〔2021〕101号); the 2020 自评表 keeps 成本 as a 二级 under 产出.
LEVEL2 = {
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "产出指标": ("数量指标", "质量指标", "时效指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
LEVEL2_2020 = {**{k: v for k, v in LEVEL2.items() if k != "成本指标"},
               "产出指标": LEVEL2["产出指标"] + ("成本指标",)}
LEVEL1_LIST = ("产出指标", "效益指标", "满意度指标", "成本指标")
TARGET_BLOCKS = (("成本指标", 3), ("产出指标", 6), ("效益指标", 4), ("满意度指标", 2))
GRADES = ("优", "良", "中", "差")
# 广州 管理效率 items and weights (total 50), DOMAIN.md §5.
MANAGEMENT_ITEMS = (("预算编制", 3), ("预算执行", 4), ("信息公开", 4), ("绩效管理", 15),
                    ("采购管理", 10), ("资产管理", 10), ("运行成本", 4))


def _header_block(sh: SheetWriter, right: str, pairs, top: int) -> int:
    """Rows of "label | input | label | input" (or one pair spanning the row)."""
    for r, row in enumerate(pairs, start=top):
        if len(row) == 1:
            (key, label), = row
            sh.label(f"A{r}:B{r}", label)
            sh.entry(f"C{r}:{right}{r}", key)
        else:
            (k1, l1, span1), (k2, l2, lab2, span2) = row
            sh.label(f"A{r}:B{r}", l1)
            sh.entry(f"C{r}:{span1}{r}", k1, INT if k1.startswith("staff") else TEXT)
            sh.label(lab2 + str(r), l2)
            sh.entry(f"{span2}{r}:{right}{r}", k2, INT if k2.startswith("staff") else TEXT)
    return top + len(pairs)


# ----------------------------------------------------------------------------------------------

def _dept_target(sh: SheetWriter) -> None:
    H, D = specs.HEADER_FIELDS, specs.DEPT_TARGET_FIELDS
    sh.title(FORM_KIND_NAMES["dept_target"])
    sh.year_line("A2:D2", "E2")
    sh.unit_note("G2:I2")
    _header_block(sh, "I", [
        (("unit_name", _lab(H, "unit_name"), "E"), ("budget_code", _lab(H, "budget_code"), "F", "G")),
        (("contact", _lab(H, "contact"), "E"), ("phone", _lab(H, "phone"), "F", "G")),
        ((("functions", _lab(D, "functions")),)),
        (("staff_quota", _lab(D, "staff_quota"), "E"), ("staff_actual", _lab(D, "staff_actual"), "F", "G")),
    ], 3)
    sh.heights([5], 48)
    # 收入: one label per row (sub-items indented), the amount in column I under 全年预算数.
    sh.label("A7:A24", "部门整体资金（万元）")
    sh.label("B7:B16", "收入")
    sh.label("C7:H7", "资金来源", head=True)
    full = _lab(specs.SPENDING_COLUMNS, "full")
    sh.label("I7", full, head=True)
    income = ("total_funds", "fiscal_subtotal", "general_budget", "gov_fund", "state_capital",
              "social_security", "special_account", "carryover", "other_funds")
    for r, key in enumerate(income, start=8):
        sub = key in ("general_budget", "gov_fund", "state_capital", "social_security")
        sh.put(f"C{r}:H{r}", _lab(D, key), fill=GREY,
               align={"horizontal": "left", "indent": 3 if sub else 1, **WRAP})
        if key == "total_funds":
            sh.calc(f"I{r}", key, "=SUM(I9,I14,I15,I16)")
        elif key == "fiscal_subtotal":
            sh.calc(f"I{r}", key, "=SUM(I10:I13)")
        else:
            sh.entry(f"I{r}", key, MONEY, left=False)
    # 支出: 半年计划执行数 / 全年预算数; 项目支出 sums its project lines.
    sh.label("B17:B24", "支出")
    sh.label("C17:G17", "支出类别", head=True)
    sh.label("H17", _lab(specs.SPENDING_COLUMNS, "half"), head=True)
    sh.label("I17", full, head=True)
    for r, role in ((18, "basic"), (19, "project"), (24, "other")):
        sh.label(f"C{r}:G{r}", _lab(specs.SPENDING_ROLES, role), left=True)
        for col, part in (("H", "half"), ("I", "full")):
            if role == "project":
                sh.calc(f"{col}{r}", f"spending.project.{part}", f"=SUM({col}20:{col}23)")
            else:
                sh.entry(f"{col}{r}", f"spending.{role}.{part}", MONEY, left=False)
    for i, r in enumerate(range(20, 24), start=1):
        sh.entry(f"C{r}:G{r}", f"spending.{i}.name", prompt="填写项目支出的项目名称")
        sh.entry(f"H{r}", f"spending.{i}.half", MONEY, left=False)
        sh.entry(f"I{r}", f"spending.{i}.full", MONEY, left=False)
    for r, key, height in ((25, "medium_goal", 40), (26, "annual_goal", 72)):
        sh.label(f"A{r}:B{r}", _lab(D, key))
        sh.entry(f"C{r}:I{r}", key)
        sh.heights([r], height)
    # 年度履职目标: 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额（万元）, then 金额合计.
    T = specs.TASK_COLUMNS
    sh.label("A27:A33", "年度履职目标")
    spans = (("B", "C", "function"), ("D", "F", "task"), ("G", "H", "project"))
    for a, b, key in spans:
        sh.label(f"{a}27:{b}27", _lab(T, key), head=True)
    sh.label("I27", _lab(T, "amount", "预算金额（万元）"), head=True)
    for i, r in enumerate(range(28, 33), start=1):
        for a, b, key in spans:
            sh.entry(f"{a}{r}:{b}{r}", f"tasks.{i}.{key}")
        sh.entry(f"I{r}", f"tasks.{i}.amount", MONEY, left=False)
    sh.heights(range(28, 33), 36)
    sh.label("B33:H33", "金额合计")
    sh.calc("I33", "tasks.total.amount", "=SUM(I28:I32)")
    # 年度绩效指标 on its own page, its heading repeated on every printed page.
    I = specs.INDICATOR_COLUMNS
    keys = ("level1", "level2", "level3", "half_target", "target", "explain", "basis", "formula",
            "standard")
    for col, key in zip("ABCDEFGHI", keys):
        sh.label(f"{col}34", _lab(I, key, "全年指标值" if key == "target" else None), head=True)
    columns = [(col, key, TEXT) for col, key in zip("BCDEFGHI", keys[1:])]
    last = sh.indicators(35, (("成本指标", 3), ("产出指标", 6), ("效益指标", 4), ("满意度指标", 2)),
                         columns, level2=LEVEL2)
    sh.finish("34:34", "A4", last - 1, breaks=(34,))


def _project_target(sh: SheetWriter) -> None:
    H, P, I = specs.HEADER_FIELDS, specs.PROJECT_TARGET_FIELDS, specs.INDICATOR_COLUMNS
    sh.title(FORM_KIND_NAMES["project_target"])
    sh.year_line("A2:C2", "D2")
    sh.unit_note("F2:H2")
    sh.label("A3:B3", _lab(H, "unit_name", "预算单位"))
    sh.entry("C3:H3", "unit_name")
    sh.label("A4:B4", _lab(H, "project_name"))
    sh.entry("C4:H4", "project_name")
    sh.label("A5:B5", _lab(P, "medium_funds"))
    sh.entry("C5:D5", "medium_funds", MONEY, left=False)
    sh.label("E5:F5", _lab(P, "annual_funds"))
    sh.entry("G5:H5", "annual_funds", MONEY, left=False)
    # 总体目标: headings over their text (中期 on the left, 年度 on the right, as in seed 003).
    sh.label("A6:A7", "总体目标")
    sh.label("B6:E6", _lab(P, "medium_goal"), head=True)
    sh.label("F6:H6", _lab(P, "annual_goal"), head=True)
    sh.entry("B7:E7", "medium_goal")
    sh.entry("F7:H7", "annual_goal")
    sh.heights([7], 90)
    # 中期 half (二级/三级/指标值) then 年度 half (二级/三级/计划指标值) on the same rows.
    sh.label("A8:A23", "绩效指标")
    heads = (("B", "level1", None), ("C", "level2", None), ("D", "level3", None),
             ("E", "target", "指标值（或计划水平）"), ("F", "level2", None), ("G", "level3", None),
             ("H", "target", "计划指标值（或计划水平）"))
    for col, key, shown in heads:
        sh.label(f"{col}8", _lab(I, key, shown), head=True)
    columns = [("C", "medium_level2", TEXT), ("D", "medium_level3", TEXT), ("E", "medium_target", TEXT),
               ("F", "level2", TEXT), ("G", "level3", TEXT), ("H", "target", TEXT)]
    last = sh.indicators(9, (("成本指标", 3), ("产出指标", 6), ("效益指标", 4), ("满意度指标", 2)),
                         columns, level2=LEVEL2, level1_col="B")
    sh.finish("8:8", "A4", last - 1)


def _project_selfeval(sh: SheetWriter) -> None:
    H, I = specs.HEADER_FIELDS, specs.INDICATOR_COLUMNS
    F, S = specs.SELFEVAL_FUND_COLUMNS, specs.PROJECT_SELFEVAL_FIELDS
    sh.title(FORM_KIND_NAMES["project_selfeval"])
    sh.year_line("A2:D2", "E2")
    sh.unit_note("G2:I2")
    _header_block(sh, "I", [
        ((("project_name", _lab(H, "project_name")),)),
        (("department", _lab(H, "department"), "E"), ("implementer", _lab(H, "implementer"), "F", "G")),
    ], 3)
    # 项目资金（万元）: 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分
    sh.label("A5:A9", "项目资金（万元）")
    sh.label("B5:C5", None, head=True)
    heads = (("D", "initial", None), ("E", "full", "全年预算数（A）"), ("F", "executed", "全年执行数（B）"),
             ("G", "weight", None), ("H", "rate", "执行率（B/A）"), ("I", "score", None))
    for col, key, shown in heads:
        sh.label(f"{col}5", _lab(F, key, shown), head=True)
    rows = specs.SELFEVAL_FUND_ROWS
    sh.label("B6:C6", _lab(rows, "total"), left=True)
    for col, key in (("D", "initial"), ("E", "full"), ("F", "executed")):
        sh.calc(f"{col}6", f"funds.total.{key}", f"=SUM({col}7:{col}9)")
        for r, role in ((7, "fiscal"), (8, "carryover"), (9, "other")):
            sh.entry(f"{col}{r}", f"funds.{role}.{key}", MONEY, left=False)
    sh.fixed("G6", 10, SCORE)
    sh.calc("H6", "funds.total.rate", '=IF(E6=0,"",F6/E6)', PCT)
    sh.entry("I6", "funds.total.score", SCORE, left=False)
    sh.validate("I6", "decimal", formula1="0", formula2="10",
                prompt="预算执行率得分 = 执行率 × 10，最高 10 分", error="得分应在 0—10 分之间")
    for r, role in ((7, "fiscal"), (8, "carryover"), (9, "other")):
        sh.label(f"B{r}:C{r}", _lab(rows, role, "其中：当年财政拨款" if role == "fiscal" else None),
                 left=True)
        for col in "GHI":
            sh.fixed(f"{col}{r}", "—")
    sh.label("A10:A11", "年度总体目标")
    sh.label("B10:E10", _lab(S, "goal_expected"), head=True)
    sh.label("F10:I10", _lab(S, "goal_actual"), head=True)
    sh.entry("B11:E11", "goal_expected")
    sh.entry("F11:I11", "goal_actual")
    sh.heights([11], 90)
    # 绩效指标: weights 产出 50 + 效益 30 + 满意度 10 (+ 预算执行率 10 above) = 100.
    sh.label("A12:A26", "绩效指标")
    heads = (("B", "level1", None), ("C", "level2", None), ("D", "level3", None),
             ("E", "target", "年度指标值（A）"), ("F", "actual", "实际完成值（B）"),
             ("G", "weight", None), ("H", "score", None), ("I", "deviation", None))
    for col, key, shown in heads:
        sh.label(f"{col}12", _lab(I, key, shown), head=True)
    columns = [("C", "level2", TEXT), ("D", "level3", TEXT), ("E", "target", TEXT),
               ("F", "actual", TEXT), ("G", "weight", SCORE), ("H", "score", SCORE),
               ("I", "deviation", TEXT)]
    last = sh.indicators(13, (("产出指标", 8), ("效益指标", 4), ("满意度指标", 2)), columns,
                         level2=LEVEL2_2020, level1_col="B")
    sh.validate(f"G13:G{last - 1}", "decimal", formula1="0", formula2="100",
                prompt="分值：产出指标合计 50，效益指标合计 30，满意度指标合计 10",
                error="分值应在 0—100 之间")
    sh.validate(f"H13:H{last - 1}", "custom", formula1="AND(H13>=0,H13<=G13)",
                prompt="得分不得超过分值；得分低于分值时须填写偏差原因分析及改进措施",
                error="得分应在 0 与分值之间")
    t = last
    sh.label(f"A{t}:F{t}", "总分")
    sh.calc(f"G{t}", "total_weight", f"=SUM(G6,G13:G{t - 1})", SCORE)
    sh.calc(f"H{t}", "total_score", f"=SUM(I6,H13:H{t - 1})", SCORE)
    sh.label(f"I{t}", None)
    sh.label(f"A{t + 1}:B{t + 1}", _lab(S, "note"))
    sh.entry(f"C{t + 1}:I{t + 1}", "note")
    sh.heights([t + 1], 40)
    sh.finish("12:12", "A4", t + 1)


def _dept_selfeval(sh: SheetWriter) -> None:
    H, I, D = specs.HEADER_FIELDS, specs.INDICATOR_COLUMNS, specs.DEPT_SELFEVAL_FIELDS
    sh.title(FORM_KIND_NAMES["dept_selfeval"])
    sh.year_line("A2", "B2")
    sh.label("C2", _lab(H, "unit_name"))
    sh.entry("D2:I2", "unit_name")
    sh.text("A3:I3", "一、部门整体支出绩效目标", font=BOLD, horizontal="left")
    sh.label("A4:A14", "绩效指标")
    for col, key, shown in (("B", "level1", None), ("C", "level2", None), ("D", "level3", None),
                            ("E", "medium_target", None), ("F", "target", "年度指标值")):
        sh.label(f"{col}4", _lab(I, key, shown), head=True)
    every_level2 = tuple(name for names in LEVEL2.values() for name in names)
    for i, r in enumerate(range(5, 15), start=1):
        for col, key in zip("BCDEF", ("level1", "level2", "level3", "medium_target", "target")):
            sh.entry(f"{col}{r}", f"targets.{i}.{key}",
                     prompt=VALUE_HINT if key.endswith("target") else None)
    sh.choose("B5:B14", LEVEL1_LIST)
    sh.choose("C5:C14", every_level2)
    sh.heights(range(5, 15), 30)
    sh.text("A15:G15", "二、履职效能", font=BOLD, horizontal="left")
    sh.unit_note("H15:I15")
    heads = (("B", "level1", None), ("C", "level2", None), ("D", "level3", None),
             ("E", "target", "年度目标值"), ("F", "actual", "年度实现值"), ("G", "completion_rate", None),
             ("H", "weight", "单项分值（权重）"), ("I", "score", "单项自评得分"))
    columns = [("C", "level2", TEXT), ("D", "level3", TEXT), ("E", "target", TEXT),
               ("F", "actual", TEXT), ("G", "completion_rate", PCT), ("H", "weight", SCORE),
               ("I", "score", SCORE)]
    top = 16
    for table, block, what, level2 in (
            ("output", "产出指标（分值20）", "产出", LEVEL2["产出指标"] + ("成本指标",)),
            ("benefit", "效益指标（分值20）", "效益", LEVEL2["效益指标"] + LEVEL2["满意度指标"])):
        sh.label(f"A{top}", "自评指标", head=True)
        for col, key, shown in heads:
            sh.label(f"{col}{top}", _lab(I, key, shown), head=True)
        sh.label(f"A{top + 1}:A{top + 5}", f"部门整体绩效目标{what}指标完成情况")
        end = sh.indicators(top + 1, ((block, 5),), columns, level2={block.split("（")[0]: level2},
                            table=table, level1_col="B")
        # only the score beside the label, as in seed 004 (a weight sum there would read as the score)
        sh.label(f"A{end}:H{end}", f"{what}评价指标综合得分")
        sh.calc(f"I{end}", f"{table}.total.score", f"=SUM(I{top + 1}:I{end - 1})", SCORE)
        top = end + 1
    # 部门预算资金支出率 (10 分): 执行率 = 实际支付 ÷ 调整后预算金额.
    r = top
    sh.label(f"A{r}:A{r + 1}", "部门预算资金支出率")
    for col, key in zip("BCDE", ("rate_initial", "rate_adjusted", "rate_actual", "rate_stated")):
        sh.label(f"{col}{r}", _lab(D, key), head=True)
    sh.label(f"F{r}", "指标得分", head=True)
    sh.label(f"G{r}", "自评得分", head=True)
    for col, key in (("B", "rate_initial"), ("C", "rate_adjusted"), ("D", "rate_actual")):
        sh.entry(f"{col}{r + 1}", key, MONEY, left=False)
    sh.calc(f"E{r + 1}", "rate_stated", f'=IF(C{r + 1}=0,"",D{r + 1}/C{r + 1})', PCT)
    sh.fixed(f"F{r + 1}", 10, SCORE)
    sh.entry(f"G{r + 1}", "rate_score", SCORE, left=False)
    # 管理效率 (50 分): 项目 | 分值 | 自评得分, closed by 管理效率合计 and a blank row.
    r += 3
    sh.text(f"A{r}:I{r}", "三、管理效率", font=BOLD, horizontal="left")
    n = len(MANAGEMENT_ITEMS)
    sh.label(f"A{r + 1}:A{r + n + 2}", "管理效率")
    for col, text in zip("BCD", ("项目", "分值", "自评得分")):
        sh.label(f"{col}{r + 1}", text, head=True)
    for i, (name, weight) in enumerate(MANAGEMENT_ITEMS, start=1):
        sh.label(f"B{r + 1 + i}", name, left=True)
        sh.fixed(f"C{r + 1 + i}", weight, SCORE)
        sh.entry(f"D{r + 1 + i}", f"management.{i}.score", SCORE, left=False)
    t = r + n + 2
    sh.label(f"B{t}", "管理效率合计")
    sh.calc(f"C{t}", "mgmt_weight", f"=SUM(C{r + 2}:C{t - 1})", SCORE)
    sh.calc(f"D{t}", "mgmt_score", f"=SUM(D{r + 2}:D{t - 1})", SCORE)
    # 自评总分 = 产出 + 效益 + 支出率 + 管理效率; 自评等级 优/良/中/差.
    t += 2
    sh.text(f"A{t}:I{t}", "四、自评结论", font=BOLD, horizontal="left")
    t += 1
    sh.label(f"A{t}:B{t}", _lab(D, "total_score"))
    parts = (sh.cells["output.total.score"], sh.cells["benefit.total.score"], sh.cells["rate_score"],
             sh.cells["mgmt_score"])
    sh.calc(f"C{t}", "total_score", f"=SUM({','.join(parts)})", SCORE)
    sh.label(f"D{t}", _lab(D, "grade_stated"))
    sh.entry(f"E{t}", "grade_stated", left=False)
    sh.choose(f"E{t}", GRADES)
    sh.finish("1:2", "A3", t, breaks=(15,))


# kind -> (layout, column widths from A)
BUILDERS = {"dept_target": (_dept_target, "11 13 26 13 13 24 18 24 22"),
            "project_target": (_project_target, "8 12 20 26 18 20 26 18"),
            "project_selfeval": (_project_selfeval, "9 12 14 24 14 14 9 11 26"),
            "dept_selfeval": (_dept_selfeval, "14 14 14 22 24 24 11 11 11")}
