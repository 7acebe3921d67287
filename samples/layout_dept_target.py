"""The two dept_target layouts of the seeds (000 徐州 半年/全年, 001 长乐 explanation columns) as writers.

One writer per layout serves the seed workbooks (build_samples.py, with the seed's content) and the
clean ones (build_clean.py, other units, amounts and row counts). Labels are written in the seed's
spelling unless ``d["labels"]`` maps that spelling to another one; row heights are set only where
``d["heights"]`` asks for them.
"""

from __future__ import annotations

from sample_book import Book, height, labeller, put_levels

# ------------------------------------------------------------------------------------------------
# 000 徐州 layout: 部门整体资金 block with 半年/全年 columns, then three indicator tables


def build_halfyear(book: Book, d: dict) -> None:
    """d: title, year_line, unit, functions, staffing, income (total, fiscal (小计, 一般公共预算, 政府性基金),
    others [(name, value)]), spending [(name, half, full)], long_goal, goals, common / benefits [(一级, 二级,
    三级, half, full)], duties [(一级, 职能, 重点工作, 项目, 三级, half, full)]; optional sheet, swap (全年 before
    半年), row0/col0 (origin), labels, heights (functions, staffing, goals, duty)."""
    L = labeller(d)
    s = book.sheet(d.get("sheet", "部门整体绩效目标"), row0=d.get("row0", 0), col0=d.get("col0", 0))
    s.widths(12, 16, 16, 18, 24, 14, 14)
    H, F = (7, 6) if d.get("swap") else (6, 7)  # columns of 半年 / 全年
    s.title(1, d["title"], 7)
    s.line(2, d["year_line"], 7)
    s.put(3, 1, L("单位名称"), bold=True)
    s.put(3, 2, d["unit"], 1, 6, align="left")
    s.put(4, 1, L("单位\n主要职能"), bold=True)
    s.put(4, 2, d["functions"], 1, 6, align="left")
    height(s, d, "functions", 4)
    s.put(5, 1, L("机构设置及\n人员配置"), bold=True)
    s.put(5, 2, d["staffing"], 1, 6, align="left")
    height(s, d, "staffing", 5)
    # 部门整体资金 block
    r = 6
    inc = d["income"]
    n_income = 1 + 1 + 3 + len(inc["others"])
    n_spend = 1 + len(d["spending"])
    s.put(r, 1, L("部门整体\n资金（万\n元）"), n_income + n_spend, 1, bold=True)
    s.put(r, 2, "收入", n_income, 1, bold=True)
    s.put(r, 3, None, 1, 4)
    s.put(r, 7, "全年\n预算数", bold=True)
    s.put(r + 1, 3, L("资金总额"), 1, 4)
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
    s.put(r, H, L("半年\n计划执行数"), bold=True)
    s.put(r, F, L("全年\n预算数"), bold=True)
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
    height(s, d, "goals", r)
    r += 1

    def periods_heading(row: int) -> None:
        s.put(row, H, L("半年指标值"), bold=True)
        s.put(row, F, L("全年指标值"), bold=True)

    def table5(row: int, rows: list) -> int:
        s.put(row, 1, "一级指标", bold=True)
        s.put(row, 2, "二级指标", bold=True)
        s.put(row, 3, "三级指标", 1, 3, bold=True)
        periods_heading(row)
        row += 1
        put_levels(s, row, 1, rows)
        for i, (_, _, name, half, full) in enumerate(rows):
            s.put(row + i, 3, name, 1, 3)
            s.put(row + i, H, half)
            s.put(row + i, F, full)
        return row + len(rows)

    r = table5(r, d["common"])
    # 履职 table with 重点工作 / 对应项目
    for c, text in enumerate(["一级指标", "二级指标", "重点工作", "对应项目", "三级指标"], start=1):
        s.put(r, c, text, bold=True)
    periods_heading(r)
    r += 1
    rows = d["duties"]
    put_levels(s, r, 1, rows, 4, left=(1,))
    for i, row in enumerate(rows):
        s.put(r + i, 5, row[4])
        s.put(r + i, H, row[5])
        s.put(r + i, F, row[6])
        height(s, d, "duty", r + i)
    r += len(rows)
    table5(r, d["benefits"])


# ------------------------------------------------------------------------------------------------
# 001 长乐 layout: dept_target with explanation columns (内涵解释 … 指标审核)


def build_explained(book: Book, d: dict) -> None:
    """d: title, year_line, unit, code, money [(label, value)] 资金总额 first, goal, tasks [(职能, 任务, 项目,
    金额)], general [(名称, 内涵, 依据, 公式, 评分, 目标, 审核)], indicators [(一级, 二级, 三级, 内涵, 依据, 公式,
    评分, 目标, 审核)]; optional sheet, labels, heights (goal, tasks, indicator)."""
    L = labeller(d)
    s = book.sheet(d.get("sheet", "部门整体支出绩效目标表"))
    s.widths(9, 10, 13, 18, 26, 18, 22, 24, 14, 8)
    s.title(1, d["title"], 10)
    s.line(2, d["year_line"], 10)
    s.put(3, 1, L("部门(单位)名称"), 1, 2, bold=True)
    s.put(3, 3, d["unit"], 1, 4)
    s.put(3, 7, L("部门预算编码"), 1, 2, bold=True)
    s.put(3, 9, d["code"], 1, 2)
    money = d["money"]
    s.put(4, 1, L("年度\n预算\n安排\n(万元)"), len(money), 1, bold=True)
    for i, (name, val) in enumerate(money):
        s.put(4 + i, 2, L(name), 1, 4)
        s.put(4 + i, 6, val, 1, 5, fmt="0.00")
    r = 4 + len(money)
    s.put(r, 1, L("年度\n总体\n目标"), bold=True)
    s.put(r, 2, d["goal"], 1, 9, align="left")
    height(s, d, "goal", r)
    r += 1
    tasks = d["tasks"]
    s.put(r, 1, L("年度\n履职\n目标"), 1 + len(tasks), 1, bold=True)
    s.put(r, 2, L("部门职能"), 1, 3, bold=True)
    s.put(r, 5, L("年度目标任务"), 1, 3, bold=True)
    s.put(r, 8, L("支出项目名称"), bold=True)
    s.put(r, 9, L("预算金额（万元）"), 1, 2, bold=True)
    for i, (fn, task, proj, amt) in enumerate(tasks):
        s.put(r + 1 + i, 2, fn, 1, 3, align="left")
        s.put(r + 1 + i, 5, task, 1, 3, align="left")
        s.put(r + 1 + i, 8, proj)
        s.put(r + 1 + i, 9, amt, 1, 2, fmt="0.00")
        height(s, d, "tasks", r + 1 + i)
    r += 1 + len(tasks)
    heads = ["内涵解释", "设置依据", "指标计算公式或方法", "评分标准", "目标值", "指标审核"]
    s.put(r, 1, L("一般性支\n出情况"), 1 + len(d["general"]), 1, bold=True)
    s.put(r, 2, L("指标名称"), 1, 3, bold=True)
    for i, h in enumerate(heads):
        s.put(r, 5 + i, L(h), bold=True)
    for i, row in enumerate(d["general"]):
        s.put(r + 1 + i, 2, row[0], 1, 3)
        for j, v in enumerate(row[1:]):
            s.put(r + 1 + i, 5 + j, v)
    r += 1 + len(d["general"])
    rows = d["indicators"]
    s.put(r, 1, L("年度绩效指标"), 1 + len(rows), 1, bold=True)
    s.put(r, 2, L("一级指标"), 1, 3, bold=True)  # the seed's heading spans 一级/二级/三级
    for i, h in enumerate(heads):
        s.put(r, 5 + i, L(h), bold=True)
    r += 1
    put_levels(s, r, 2, rows)
    for i, row in enumerate(rows):
        for j, v in enumerate(row[2:]):
            s.put(r + i, 4 + j, v, align="left" if 1 <= j <= 4 else "center")
        height(s, d, "indicator", r + i)
