"""The 002 武威 layouts (project self-evaluation sheet, dept target sheet with tasks) and the 003 东莞
layout (one project target per sheet, 中期 and 年度 halves on the same rows) as writers.

One writer per layout serves the seed workbooks (build_samples.py) and the clean ones
(build_clean.py); labels default to the seed's spelling, row heights are set only where
``d["heights"]`` asks for them.
"""

from __future__ import annotations

from sample_book import M, Book, height, indicator_table, put_levels, spans

SELFEVAL_HEADS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
FUND_HEADS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUND_KINDS = ("money", "money", "money", "score", "pct", "score")

# ------------------------------------------------------------------------------------------------
# 002 武威: 项目支出绩效自评表


def build_selfeval(book: Book, d: dict) -> None:
    """d: title, project, department, implementer, funds [(name, 年初, 全年, 执行, 分值, 执行率, 得分)], goal,
    actual, indicators [(一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差)], total (分值, 得分); optional sheet,
    funds_label, fund_heads, heads, note, text_numbers (every number typed as text), heights (goal)."""
    s = book.sheet(d.get("sheet", "项目自评"))
    s.widths(10, 18, 16, 30, 12, 12, 8, 8, 26)
    T = _texter(d.get("text_numbers", False))
    s.title(1, d["title"], 9)
    s.put(2, 1, "项目名称", bold=True)
    s.put(2, 2, d["project"], 1, 8)
    s.put(3, 1, "主管部门", bold=True)
    s.put(3, 2, d["department"], 1, 3)
    s.put(3, 5, "实施单位", bold=True)
    s.put(3, 6, d["implementer"], 1, 4)
    s.put(4, 1, d.get("funds_label", "项目资金（万元）"), 5, 1, bold=True)
    s.put(4, 2, None)
    for i, h in enumerate(d.get("fund_heads", FUND_HEADS)):
        s.put(4, 3 + i, h, bold=True)
    s.put(4, 9, None)
    for i, (name, *vals) in enumerate(d["funds"]):
        s.put(5 + i, 2, name)
        for j, v in enumerate(vals):
            v, fmt = T(v, FUND_KINDS[j], i * 10 + j)
            s.put(5 + i, 3 + j, v, fmt=fmt)
        s.put(5 + i, 9, None)
    s.put(9, 1, "年度总体目标", 2, 1, bold=True)
    s.put(9, 2, "预期目标", 1, 4, bold=True)
    s.put(9, 6, "实际完成情况", 1, 4, bold=True)
    s.put(10, 2, d["goal"], 1, 4, align="left")
    s.put(10, 6, d["actual"], 1, 4, align="left")
    height(s, d, "goal", 10)
    rows = d["indicators"]
    r = indicator_table(s, 11, "绩效指标", d.get("heads", SELFEVAL_HEADS), rows)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], align="left")
        s.put(r + i, 5, row[3])
        for c, (v, kind, k) in enumerate(((row[4], "count", i), (row[5], "score", i), (row[6], "score", i + 1)), start=6):
            v, fmt = T(v, kind, k)
            s.put(r + i, c, v, fmt=fmt)
        s.put(r + i, 9, row[7], align="left")
    r += len(rows)
    s.put(r, 1, "总分", 1, 6, bold=True)
    for c, (v, k) in enumerate(zip(d["total"], (0, 1)), start=7):
        v, fmt = T(v, "score", k)
        s.put(r, c, v, fmt=fmt)
    s.put(r, 9, None)
    s.put(r + 1, 1, "说明", bold=True)
    s.put(r + 1, 2, d.get("note"), 1, 8)


def _texter(on: bool):
    """T(value, kind, i) -> (value, number format); with ``on`` every number is typed as text, in
    several hand-typed spellings (variant_numbers_as_text)."""
    def plain(v, kind, i):
        if isinstance(v, M):
            return v, "0.00%" if kind == "pct" else None
        if kind == "pct" and isinstance(v, float):
            return v, "0.00%"
        return v, None

    def text(v, kind, i):
        inner = v.value if isinstance(v, M) else v
        if not isinstance(inner, (int, float)) or isinstance(inner, bool):
            return v, None
        if kind == "pct":
            t = f"{inner * 100:.2f}%"
        elif kind == "money":
            t = [f"{inner} ", _fullwidth(str(inner)), f"{inner}万元"][i % 3]
        elif kind == "score":
            t = f"{inner}分" if i % 2 == 0 else _fullwidth(str(inner))
        else:
            t = str(inner) if i % 2 else _fullwidth(str(inner))
        return (M(t, *v.notes) if isinstance(v, M) else t), None

    return text if on else plain


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


# ------------------------------------------------------------------------------------------------
# 002 武威: 部门(单位)整体支出绩效目标表 with 上年预算执行情况 and 年度主要任务


def build_dept_tasks(book: Book, d: dict) -> None:
    """d: title, year_line, unit, contact, phone, staff (编制, 实有), functions, prior (6 values), tasks [(name,
    总额, 财政拨款, 其他)], task_total (3 values), goal, indicators [(一级, 二级, 三级, 指标值)]; optional sheet,
    target_label, heights (functions, goal)."""
    s = book.sheet(d.get("sheet", "部门整体目标"))
    s.widths(12, 14, 16, 22, 14, 14, 14)
    s.title(1, d["title"], 7)
    s.line(2, d["year_line"], 7)
    for row, label, value, pair in ((3, "部门(单位)名称", d["unit"], None),
                                    (4, "联系人", d["contact"], ("联系电话", d["phone"])),
                                    (5, "编制人数", d["staff"][0], ("实有人数", d["staff"][1]))):
        s.put(row, 1, label, 1, 2, bold=True)
        s.put(row, 3, value, 1, 2 if pair else 5)
        if pair:
            s.put(row, 5, pair[0], bold=True)
            s.put(row, 6, pair[1], 1, 2)
    s.put(6, 1, "单位职能", 1, 2, bold=True)
    s.put(6, 3, d["functions"], 1, 5, align="left")
    height(s, d, "functions", 6)
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
    for i, (name, *amounts) in enumerate(tasks):
        s.put(11 + i, 2, name, 1, 2, align="left")
        _amounts(s, 11 + i, amounts)
    r = 11 + len(tasks)
    s.put(r, 1, "金额合计", 1, 3, bold=True)
    _amounts(s, r, d["task_total"])
    r += 1
    s.put(r, 1, "年度总体绩效目标", bold=True)
    s.put(r, 2, d["goal"], 1, 6, align="left")
    height(s, d, "goal", r)
    r += 1
    rows = d["indicators"]
    s.put(r, 1, "年度绩效指标", 1 + len(rows), 1, bold=True)
    s.put(r, 2, "一级指标", bold=True)
    s.put(r, 3, "二级指标", bold=True)
    s.put(r, 4, "三级指标", 1, 2, bold=True)
    s.put(r, 6, d.get("target_label", "指标值"), 1, 2, bold=True)
    r += 1
    put_levels(s, r, 2, rows)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], 1, 2, align="left")
        s.put(r + i, 6, row[3], 1, 2)


def _amounts(s, row: int, amounts) -> None:
    """总额 / 财政拨款 / 其他资金 (the last merged over two columns)."""
    for c, v in zip((4, 5, 6), amounts):
        s.put(row, c, v, 1, 2 if c == 6 else 1, fmt="0.00")


# ------------------------------------------------------------------------------------------------
# 003 东莞: 项目支出绩效目标批复表, one project per sheet


def build_projects(book: Book, d: dict) -> None:
    """d: title, year_line, unit_line, medium_goal_label, approval, projects [dict(name, medium, annual,
    goal_medium, goal_annual, rows [(一级, 二级, 中期三级, 中期值, 年度三级, 年度值)])]; a project may add
    extra_rows [(一级, six cells)] written as typed (centred, after the rows) and override approval_label,
    annual_head, money_fmt; optional medium_label, annual_label, medium_head, heights (goal, row, approval)."""
    for pr in d["projects"]:
        opt = {**d, **pr}  # a project's own setting wins over the workbook's
        s = book.sheet(pr["name"][:31])
        s.widths(9, 12, 16, 26, 20, 16, 26, 20)
        s.title(1, d["title"], 8)
        s.line(2, d["year_line"], 8)
        s.line(3, d["unit_line"], 8, align="left")
        fmt = opt.get("money_fmt", "0.00")
        s.put(4, 1, "项目名称", bold=True)
        s.put(4, 2, pr["name"], 1, 3)
        s.put(4, 5, d.get("medium_label", "中期市财政预算（万元）"), bold=True)
        s.put(4, 6, pr["medium"], fmt=fmt)
        s.put(4, 7, d.get("annual_label", "本年度申请市财政预算资金（万元）"), bold=True)
        s.put(4, 8, pr["annual"], fmt=fmt)
        s.put(5, 1, "总体目标", 2, 1, bold=True)
        s.put(5, 2, d["medium_goal_label"], 1, 4, bold=True)
        s.put(5, 6, "年度目标", 1, 3, bold=True)
        s.put(6, 2, pr["goal_medium"], 1, 4, align="left")
        s.put(6, 6, pr["goal_annual"], 1, 3, align="left")
        height(s, d, "goal", 6)
        rows, extra = pr["rows"], pr.get("extra_rows", [])
        s.put(7, 1, "绩效指标", 1 + len(rows) + len(extra), 1, bold=True)
        for i, h in enumerate(["一级指标", "二级指标", "三级指标", d.get("medium_head", "指标值（或计划水平）"), "二级指标",
                               "三级指标", opt.get("annual_head", "计划指标值（或计划水平）")]):
            s.put(7, 2 + i, h, bold=True)
        r = 8
        for start, n, k in spans(rows + extra, lambda x: x[0]):
            s.put(r + start, 2, k, n, 1)
        for i, (_l1, l2, n3m, vm, n3a, va) in enumerate(rows):
            for c, v in ((3, l2), (4, n3m), (5, vm), (6, l2), (7, n3a), (8, va)):
                s.put(r + i, c, v, align="left" if c in (4, 7) else "center")
            height(s, d, "row", r + i)
        r += len(rows)
        for _l1, *cells in extra:
            for c, v in enumerate(cells, start=3):
                s.put(r, c, v)
            r += 1
        s.put(r, 1, opt.get("approval_label", "市财政局批复意见"), bold=True)
        s.put(r, 2, d["approval"], 1, 7, align="left")
        height(s, d, "approval", r)
