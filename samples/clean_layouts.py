"""The five seed layouts as parametrised writers, for the clean workbooks of ``build_clean.py``.

``build_samples.py`` writes the seeds' own content; these writers take any content (another unit,
other indicators, amounts, years, row counts and label spellings) and lay it out the way the seed
was typed. The cell helpers (Book, Sheet, spans) are imported from ``build_samples``, not copied.
"""

from __future__ import annotations

from build_samples import Book, spans


def _labels(d: dict, defaults: dict[str, str]) -> dict[str, str]:
    out = dict(defaults)
    out.update(d.get("labels", {}))
    return out


# ------------------------------------------------------------------------------------------------
# 000 徐州 layout: dept_target with 半年/全年 columns, three indicator tables

XZ_LABELS = {"half": "半年指标值", "full": "全年指标值", "half_money": "半年\n计划执行数", "full_money": "全年\n预算数",
             "unit": "单位名称", "functions": "单位\n主要职能", "staffing": "机构设置及\n人员配置", "total": "资金总额",
             "block": "部门整体\n资金（万\n元）"}


def build_halfyear(book: Book, d: dict) -> None:
    L = _labels(d, XZ_LABELS)
    s = book.sheet(d.get("sheet", "部门整体绩效目标"))
    s.widths(12, 16, 16, 18, 24, 14, 14)
    H, F = (7, 6) if d.get("swap") else (6, 7)
    s.title(1, d["title"], 7)
    s.line(2, d["year_line"], 7)
    s.put(3, 1, L["unit"], bold=True)
    s.put(3, 2, d["unit"], 1, 6, align="left")
    s.put(4, 1, L["functions"], bold=True)
    s.put(4, 2, d["functions"], 1, 6, align="left")
    s.height(4, 120)
    s.put(5, 1, L["staffing"], bold=True)
    s.put(5, 2, d["staffing"], 1, 6, align="left")
    r = 6
    inc = d["income"]  # total, (subtotal, general, fund), others [(name, value)]
    n_income = 1 + 1 + 3 + len(inc["others"])
    n_spend = 1 + len(d["spending"])
    s.put(r, 1, L["block"], n_income + n_spend, 1, bold=True)
    s.put(r, 2, "收入", n_income, 1, bold=True)
    s.put(r, 3, None, 1, 4)
    s.put(r, 7, "全年\n预算数", bold=True)
    s.put(r + 1, 3, L["total"], 1, 4)
    s.put(r + 1, 7, inc["total"], fmt="0.00")
    s.put(r + 2, 3, "财政拨款", 3, 1)
    for i, (name, val) in enumerate(zip(("小计", "一般公共预算资金", "政府性基金"), inc["fiscal"])):
        s.put(r + 2 + i, 4, name, 1, 3)
        s.put(r + 2 + i, 7, val, fmt="0.00")
    for i, (name, val) in enumerate(inc["others"]):
        s.put(r + 5 + i, 3, name, 1, 4)
        s.put(r + 5 + i, 7, val, fmt="0.00")
    r += n_income
    s.put(r, 2, "支出", n_spend, 1, bold=True)
    s.put(r, 3, None, 1, 3)
    s.put(r, H, L["half_money"], bold=True)
    s.put(r, F, L["full_money"], bold=True)
    for i, (name, half, full) in enumerate(d["spending"]):
        s.put(r + 1 + i, 3, name, 1, 3, align="center" if i < 2 else "left")
        s.put(r + 1 + i, H, half, fmt="0.00")
        s.put(r + 1 + i, F, full, fmt="0.00")
    r += n_spend
    s.put(r, 1, "中长期目标", bold=True)
    s.put(r, 2, d["long_goal"], 1, 6, align="left")
    r += 1
    s.put(r, 1, "年度目标", bold=True)
    s.put(r, 2, d["goals"], 1, 6, align="left")
    s.height(r, 120)
    r += 1

    def table5(row: int, rows: list) -> int:
        for c, text in ((1, "一级指标"), (2, "二级指标")):
            s.put(row, c, text, bold=True)
        s.put(row, 3, "三级指标", 1, 3, bold=True)
        s.put(row, H, L["half"], bold=True)
        s.put(row, F, L["full"], bold=True)
        row += 1
        for start, n, k in spans(rows, lambda x: x[0]):
            s.put(row + start, 1, k, n, 1)
        for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
            s.put(row + start, 2, rows[start][1], n, 1)
        for i, (_, _, name, half, full) in enumerate(rows):
            s.put(row + i, 3, name, 1, 3)
            s.put(row + i, H, half)
            s.put(row + i, F, full)
        return row + len(rows)

    r = table5(r, d["common"])
    for c, text in enumerate(["一级指标", "二级指标", "重点工作", "对应项目", "三级指标"], start=1):
        s.put(r, c, text, bold=True)
    s.put(r, H, L["half"], bold=True)
    s.put(r, F, L["full"], bold=True)
    r += 1
    rows = d["duties"]
    for col, key in ((1, lambda x: x[0]), (2, lambda x: x[1]), (3, lambda x: (x[1], x[2])),
                     (4, lambda x: (x[1], x[2], x[3]))):
        for start, n, _k in spans(rows, key):
            s.put(r + start, col, rows[start][col - 1], n, 1, align="left" if col == 2 else "center")
    for i, row in enumerate(rows):
        s.put(r + i, 5, row[4])
        s.put(r + i, H, row[5])
        s.put(r + i, F, row[6])
    r += len(rows)
    table5(r, d["benefits"])


# ------------------------------------------------------------------------------------------------
# 001 长乐 layout: dept_target with explanation columns

CL_LABELS = {"unit": "部门(单位)名称", "code": "部门预算编码", "budget": "年度\n预算\n安排\n(万元)", "goal": "年度\n总体\n目标",
             "duty": "年度\n履职\n目标", "general": "一般性支\n出情况", "indicators": "年度绩效指标", "level1": "一级指标",
             "target": "目标值", "formula": "指标计算公式或方法", "amount": "预算金额（万元）"}


def build_explained(book: Book, d: dict) -> None:
    L = _labels(d, CL_LABELS)
    s = book.sheet(d.get("sheet", "部门整体支出绩效目标表"))
    s.widths(9, 10, 13, 18, 26, 18, 22, 24, 14, 8)
    s.title(1, d["title"], 10)
    s.line(2, d["year_line"], 10)
    s.put(3, 1, L["unit"], 1, 2, bold=True)
    s.put(3, 3, d["unit"], 1, 4)
    s.put(3, 7, L["code"], 1, 2, bold=True)
    s.put(3, 9, d["code"], 1, 2)
    money = d["money"]  # [(label, value)] 资金总额 first
    s.put(4, 1, L["budget"], len(money), 1, bold=True)
    for i, (name, val) in enumerate(money):
        s.put(4 + i, 2, name, 1, 4)
        s.put(4 + i, 6, val, 1, 5, fmt="0.00")
    r = 4 + len(money)
    s.put(r, 1, L["goal"], bold=True)
    s.put(r, 2, d["goal"], 1, 9, align="left")
    s.height(r, 70)
    r += 1
    tasks = d["tasks"]  # [(职能, 任务, 项目, 金额)]
    s.put(r, 1, L["duty"], 1 + len(tasks), 1, bold=True)
    s.put(r, 2, "部门职能", 1, 3, bold=True)
    s.put(r, 5, "年度目标任务", 1, 3, bold=True)
    s.put(r, 8, "支出项目名称", bold=True)
    s.put(r, 9, L["amount"], 1, 2, bold=True)
    for i, (fn, task, proj, amt) in enumerate(tasks):
        s.put(r + 1 + i, 2, fn, 1, 3, align="left")
        s.put(r + 1 + i, 5, task, 1, 3, align="left")
        s.put(r + 1 + i, 8, proj)
        s.put(r + 1 + i, 9, amt, 1, 2, fmt="0.00")
    r += 1 + len(tasks)
    heads = ["内涵解释", "设置依据", L["formula"], "评分标准", L["target"], "指标审核"]
    s.put(r, 1, L["general"], 1 + len(d["general"]), 1, bold=True)
    s.put(r, 2, "指标名称", 1, 3, bold=True)
    for i, h in enumerate(heads):
        s.put(r, 5 + i, h, bold=True)
    for i, row in enumerate(d["general"]):
        s.put(r + 1 + i, 2, row[0], 1, 3)
        for j, v in enumerate(row[1:]):
            s.put(r + 1 + i, 5 + j, v)
    r += 1 + len(d["general"])
    rows = d["indicators"]
    s.put(r, 1, L["indicators"], 1 + len(rows), 1, bold=True)
    s.put(r, 2, L["level1"], 1, 3, bold=True)
    for i, h in enumerate(heads):
        s.put(r, 5 + i, h, bold=True)
    r += 1
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        for j, v in enumerate(row[2:]):
            s.put(r + i, 4 + j, v, align="left" if 1 <= j <= 4 else "center")


# ------------------------------------------------------------------------------------------------
# 002 武威 layout: project_selfeval sheet + dept_target sheet


def build_selfeval(book: Book, d: dict) -> None:
    s = book.sheet(d.get("sheet", "项目自评"))
    s.widths(10, 18, 16, 30, 12, 12, 8, 8, 26)
    s.title(1, d["title"], 9)
    s.put(2, 1, "项目名称", bold=True)
    s.put(2, 2, d["project"], 1, 8)
    s.put(3, 1, "主管部门", bold=True)
    s.put(3, 2, d["department"], 1, 3)
    s.put(3, 5, "实施单位", bold=True)
    s.put(3, 6, d["implementer"], 1, 4)
    s.put(4, 1, d.get("funds_label", "项目资金（万元）"), 5, 1, bold=True)
    s.put(4, 2, None)
    for i, h in enumerate(d.get("fund_heads", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])):
        s.put(4, 3 + i, h, bold=True)
    s.put(4, 9, None)
    for i, (name, *vals) in enumerate(d["funds"]):
        s.put(5 + i, 2, name)
        for j, v in enumerate(vals):
            s.put(5 + i, 3 + j, v, fmt="0.00%" if j == 4 and isinstance(v, float) else None)
        s.put(5 + i, 9, None)
    s.put(9, 1, "年度总体目标", 2, 1, bold=True)
    s.put(9, 2, "预期目标", 1, 4, bold=True)
    s.put(9, 6, "实际完成情况", 1, 4, bold=True)
    s.put(10, 2, d["goal"], 1, 4, align="left")
    s.put(10, 6, d["actual"], 1, 4, align="left")
    s.height(10, 120)
    rows = d["indicators"]
    s.put(11, 1, "绩效指标", 1 + len(rows), 1, bold=True)
    heads = d.get("heads", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                            "偏差原因分析及改进措施"])
    for i, h in enumerate(heads):
        s.put(11, 2 + i, h, bold=True)
    r = 12
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        for j, v in enumerate(row[2:]):
            s.put(r + i, 4 + j, v, align="left" if j in (0, 5) else "center")
    r += len(rows)
    s.put(r, 1, "总分", 1, 6, bold=True)
    s.put(r, 7, d["total"][0])
    s.put(r, 8, d["total"][1])
    s.put(r, 9, None)
    s.put(r + 1, 1, "说明", bold=True)
    s.put(r + 1, 2, d.get("note"), 1, 8)


def build_dept_tasks(book: Book, d: dict) -> None:
    s = book.sheet(d.get("sheet", "部门整体目标"))
    s.widths(12, 14, 16, 22, 14, 14, 14)
    s.title(1, d["title"], 7)
    s.line(2, d["year_line"], 7)
    s.put(3, 1, "部门(单位)名称", 1, 2, bold=True)
    s.put(3, 3, d["unit"], 1, 5)
    s.put(4, 1, "联系人", 1, 2, bold=True)
    s.put(4, 3, d["contact"], 1, 2)
    s.put(4, 5, "联系电话", bold=True)
    s.put(4, 6, d["phone"], 1, 2)
    s.put(5, 1, "编制人数", 1, 2, bold=True)
    s.put(5, 3, d["staff"][0], 1, 2)
    s.put(5, 5, "实有人数", bold=True)
    s.put(5, 6, d["staff"][1], 1, 2)
    s.put(6, 1, "单位职能", 1, 2, bold=True)
    s.put(6, 3, d["functions"], 1, 5, align="left")
    s.put(7, 1, "上年预算执行情况", 2, 1, bold=True)
    for i, h in enumerate(["年初预算数", "调整预算数", "实际支出数", "预算执行率", "年末结转结余数", "结转下年使用数"]):
        s.put(7, 2 + i, h, bold=True)
        s.put(8, 2 + i, d["prior"][i], fmt="0.00%" if i == 3 else "0.00")
    tasks = d["tasks"]
    s.put(9, 1, "年度主要任务及预算构成", 2 + len(tasks), 1, bold=True)
    s.put(9, 2, "任务名称", 2, 2, bold=True)
    s.put(9, 4, "当年预算金额(万元)", 1, 4, bold=True)
    s.put(10, 4, "总额", bold=True)
    s.put(10, 5, "财政拨款", bold=True)
    s.put(10, 6, "其他资金", 1, 2, bold=True)
    for i, (name, a, b, c) in enumerate(tasks):
        s.put(11 + i, 2, name, 1, 2, align="left")
        s.put(11 + i, 4, a, fmt="0.00")
        s.put(11 + i, 5, b, fmt="0.00")
        s.put(11 + i, 6, c, 1, 2, fmt="0.00")
    r = 11 + len(tasks)
    s.put(r, 1, "金额合计", 1, 3, bold=True)
    for c, v in zip((4, 5, 6), d["task_total"]):
        s.put(r, c, v, 1, 2 if c == 6 else 1, fmt="0.00")
    r += 1
    s.put(r, 1, "年度总体绩效目标", bold=True)
    s.put(r, 2, d["goal"], 1, 6, align="left")
    s.height(r, 100)
    r += 1
    rows = d["indicators"]
    s.put(r, 1, "年度绩效指标", 1 + len(rows), 1, bold=True)
    s.put(r, 2, "一级指标", bold=True)
    s.put(r, 3, "二级指标", bold=True)
    s.put(r, 4, "三级指标", 1, 2, bold=True)
    s.put(r, 6, d.get("target_label", "指标值"), 1, 2, bold=True)
    r += 1
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], 1, 2, align="left")
        s.put(r + i, 6, row[3], 1, 2)


# ------------------------------------------------------------------------------------------------
# 003 东莞 layout: one project_target per sheet, 中期 and 年度 halves on the same rows

GD2 = ("数量指标（或建筑规模指标）", "质量指标", "时效指标（工期指标）", "预算（或投资规模）控制指标",
       "社会、经济、生态效益指标", "可持续影响指标", "服务对象满意度指标")
GD1 = ("预期产出指标",) * 4 + ("效果指标",) * 2 + ("满意度指标",)


def build_projects(book: Book, d: dict) -> None:
    for pr in d["projects"]:
        s = book.sheet(pr["name"][:31])
        s.widths(9, 12, 16, 26, 20, 16, 26, 20)
        s.title(1, d["title"], 8)
        s.line(2, d["year_line"], 8)
        s.line(3, d["unit_line"], 8, align="left")
        s.put(4, 1, "项目名称", bold=True)
        s.put(4, 2, pr["name"], 1, 3)
        s.put(4, 5, d.get("medium_label", "中期市财政预算（万元）"), bold=True)
        s.put(4, 6, pr["medium"], fmt="0.00")
        s.put(4, 7, d.get("annual_label", "本年度申请市财政预算资金（万元）"), bold=True)
        s.put(4, 8, pr["annual"], fmt="0.00")
        s.put(5, 1, "总体目标", 2, 1, bold=True)
        s.put(5, 2, d["medium_goal_label"], 1, 4, bold=True)
        s.put(5, 6, "年度目标", 1, 3, bold=True)
        s.put(6, 2, pr["goal_medium"], 1, 4, align="left")
        s.put(6, 6, pr["goal_annual"], 1, 3, align="left")
        s.height(6, 90)
        rows = pr["rows"]  # (一级, 二级, 中期三级, 中期值, 年度三级, 年度值)
        s.put(7, 1, "绩效指标", 1 + len(rows), 1, bold=True)
        for i, h in enumerate(["一级指标", "二级指标", "三级指标", d.get("medium_head", "指标值（或计划水平）"), "二级指标",
                               "三级指标", d.get("annual_head", "计划指标值（或计划水平）")]):
            s.put(7, 2 + i, h, bold=True)
        r = 8
        for start, n, k in spans(rows, lambda x: x[0]):
            s.put(r + start, 2, k, n, 1)
        for i, (_l1, l2, n3m, vm, n3a, va) in enumerate(rows):
            for c, v in ((3, l2), (4, n3m), (5, vm), (6, l2), (7, n3a), (8, va)):
                s.put(r + i, c, v, align="left" if c in (4, 7) else "center")
        r += len(rows)
        s.put(r, 1, d.get("approval_label", "市财政局批复意见"), bold=True)
        s.put(r, 2, d["approval"], 1, 7, align="left")
        s.height(r, 60)
