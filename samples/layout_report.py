"""The 004 天河 layout (部门整体支出绩效自评报告: its tables and sentences) as a writer.

``build_report`` writes what it is given (the seed keeps its wrong sentences and shares this way);
``report_values`` derives the sentences and the derived numbers ("比年初预算减少 X 万元，下降 y%",
"占比 z%", band counts, grade) from the amounts and scores of a clean report, so a clean report is
consistent by construction.
"""

from __future__ import annotations

from sample_book import Book, height, put_levels

REPORT_HEADS = ["年度目标值", "年度实现值", "指标完成率", "单项分值（权重）", "单项自评得分"]


def build_report(book: Book, d: dict) -> None:
    """d (see report_values for the keys); optional sheet, value_align (the target/actual texts), heights."""
    s = book.sheet(d.get("sheet", "自评表"))
    s.widths(22, 16, 12, 22, 30, 40, 11, 11, 11)
    va = d.get("value_align", "center")
    s.title(1, d["title"], 9, size=14)
    r = 2
    s.put(r, 1, "部门整体支出绩效目标", bold=True)
    s.put(r, 2, d["goal"], 1, 8, align="left")
    height(s, d, "goal", r)
    r += 1
    t = d["targets"]  # (一级, 二级, 三级, 实施周期, 年度)
    s.put(r, 1, "绩效指标", 1 + len(t), 1, bold=True)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标"]):
        s.put(r, 2 + i, h, bold=True)
    s.put(r, 5, "实施周期指标值", bold=True)
    s.put(r, 6, "年度指标值", 1, 4, bold=True)
    r += 1
    put_levels(s, r, 2, t)
    for i, row in enumerate(t):
        s.put(r + i, 4, row[2])
        s.put(r + i, 5, row[3], align=va)
        s.put(r + i, 6, row[4], 1, 4, align=va)
        height(s, d, "target", r + i)
    r += len(t) + 1
    r = _money(s, d, r)
    s.put(r, 1, "部门整体绩效管理情况", bold=True)
    s.put(r, 2, d["mgmt_text"], 1, 8, align="left")
    height(s, d, "mgmt_text", r)
    r += 2
    s.put(r, 1, "自评结论", bold=True)
    s.put(r, 2, d["conclusion"], 1, 6, align="left")
    s.put(r, 8, "自评等级", bold=True)
    s.put(r, 9, d["grade"])
    height(s, d, "conclusion", r)
    r += 2
    r = _score_line(s, d, r, "履职效能", d["duty_score"], d["perf_text"], "duty")
    r = _section(s, d, r, "1.部门整体绩效目标产出指标完成情况", d["band_out"], "履职效能-整体效能-部门整体绩效目标产出指标完成情况",
                 d["out_rows"], "out_row", d["out_label"])
    s.put(r, 1, "产出评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, d["out_total"])
    r += 2
    r = _section(s, d, r, "2.部门整体绩效目标效益指标完成情况", d["band_eff"], "履职效能-整体效能-部门整体绩效目标-效益指标完成情况",
                 d["eff_rows"], "eff_row")
    s.put(r, 1, "效益评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, d["eff_total"])
    r += 2
    s.put(r, 1, "3.部门预算资金支出率", 1, 9, align="left", bold=True, border=False)
    r += 1
    score, init, adj, final, rate = d["rate_block"]
    for i, (label, val, fmt) in enumerate([("指标得分", 10, None), ("自评得分", score, "0.00"), ("年初预算金额", init, "0.00"),
                                           ("调整后预算金额", adj, "0.00"), ("实际支付", final, "0.00"),
                                           ("年度预算执行率", rate, "0.00%")]):
        s.put(r + i, 1, label, bold=True)
        s.put(r + i, 2, val, fmt=fmt)
    s.put(r, 3, d["rate_text"], 6, 7, align="left")
    r += 7
    r = _score_line(s, d, r, "管理效率", d["mgmt_score"], d["mgmt_comment"], "mgmt")
    _management(s, d, r)


def _money(s, d: dict, r: int) -> int:
    """收支 / 收入 / 支出 / 经济分类: each sentence, then its table."""
    s.put(r, 1, "部门整体收支情况", bold=True)
    s.put(r, 2, d["balance_text"], 1, 8, align="left")
    height(s, d, "balance", r)
    r += 1
    for i, (label, val, fmt) in enumerate(zip(("总收入、支出（万元）", "比年初预算增减（万元）", "比年初预算增减率", "财政专户管理资金（万元）"),
                                              d["balance"], ("0.00", "0.00", "0.00%", "0.00"))):
        s.put(r, 1 + 2 * i, label, bold=True)
        s.put(r, 2 + 2 * i, val, fmt=fmt)
    s.put(r, 9, None)
    r += 1
    s.put(r, 1, "部门整体收入情况", bold=True)
    s.put(r, 2, d["income_text"], 1, 8, align="left")
    height(s, d, "income", r)
    r += 1
    s.put(r, 1, "收入（万元）", bold=True)
    for i, h in enumerate(["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]):
        s.put(r, 2 + i, h, bold=True)
    for i, (name, *vals) in enumerate(d["income"]):
        s.put(r + 1 + i, 1, name)
        for j, v in enumerate(vals):
            s.put(r + 1 + i, 2 + j, v, fmt="0.00")
    s.put(r + 5, 1, "比上年增减率")
    for j, v in enumerate(d["income_growth"]):
        s.put(r + 5, 2 + j, v, fmt=d.get("growth_fmt", "0.00%"))
    r += 7
    s.put(r, 1, "部门整体支出情况", bold=True)
    s.put(r, 2, d["spend_text"], 1, 8, align="left")
    height(s, d, "spend", r)
    r += 1
    r = _shares(s, r, "支出（万元）", d["spending"])
    s.put(r, 1, "部门预算执行率")
    s.put(r, 2, d["rate_block"][-1], fmt="0.00%")
    s.put(r, 3, None)
    r += 2
    return _shares(s, r, "经济分类", d["econ"]) + 1


def _shares(s, r: int, label: str, rows: list) -> int:
    """A table name / 金额 / 占比; returns the row after it."""
    s.put(r, 1, label, bold=True)
    s.put(r, 2, "金额", bold=True)
    s.put(r, 3, "占比", bold=True)
    for i, (name, amt, share) in enumerate(rows):
        s.put(r + 1 + i, 1, name)
        s.put(r + 1 + i, 2, amt, fmt="0.00")
        s.put(r + 1 + i, 3, share, fmt="0.00%")
    return r + 1 + len(rows)


def _score_line(s, d: dict, r: int, label: str, score, text, key: str) -> int:
    """履职效能 / 管理效率: 指标得分 50, 自评得分, and the comment."""
    s.put(r, 1, label, bold=True)
    s.put(r, 2, "指标得分", bold=True)
    s.put(r, 3, 50)
    s.put(r, 4, "自评得分", bold=True)
    s.put(r, 5, score)
    s.put(r, 6, text, 1, 4, align="left")
    height(s, d, key, r)
    return r + 2


def _section(s, d: dict, r: int, title: str, band, side: str, rows: list, key: str, level1=None) -> int:
    """A numbered self-evaluation section: title, band sentence, heading, rows (一级 from the rows when
    ``level1`` is None); returns the row of its 综合得分 line."""
    s.put(r, 1, title, 1, 9, align="left", bold=True, border=False)
    s.put(r + 1, 1, band, 1, 9, align="left", border=False)
    height(s, d, "band", r + 1)
    r += 2
    s.put(r, 1, "自评指标", bold=True)
    s.put(r, 2, "根据《部门预算绩效目标申报表》填列（如指标有调整请备注说明）", 1, 3, bold=True)
    for i, h in enumerate(REPORT_HEADS):
        s.put(r, 5 + i, h, bold=True)
    height(s, d, "heading", r)
    r += 1
    s.put(r, 1, side, len(rows), 1)
    if level1 is not None:
        s.put(r, 2, level1, len(rows), 1)
    else:
        put_levels(s, r, 2, rows, 1)
        rows = [row[1:] for row in rows]
    va = d.get("value_align", "center")
    for i, row in enumerate(rows):  # (二级, 三级, 目标, 实现, 完成率, 分值, 得分)
        for j, v in enumerate(row):
            s.put(r + i, 3 + j, v, align=va if j in (2, 3) else "center", fmt="0.00%" if j == 4 else None)
        height(s, d, key, r + i)
    return r + len(rows)


def _management(s, d: dict, r: int) -> None:
    """The 管理效率 table: item, its subs (分值, 自评得分[, 扣分原因]), 小计, and 管理效率合计."""
    reasons = d.get("mgmt_reasons")  # None: the seed's table has no 扣分原因 column
    s.put(r, 1, "指标", bold=True)
    s.put(r, 2, "二级", 1, 3, bold=True)
    s.put(r, 5, "分值", bold=True)
    s.put(r, 6, "自评得分", bold=True)
    if reasons is not None:
        s.put(r, 7, "扣分原因", 1, 3, bold=True)
    r += 1
    for name, weight, subs, subtotal in d["mgmt"]:
        s.put(r, 1, name, len(subs) + 1, 1)
        for i, (sub, w, sc) in enumerate(subs):
            s.put(r + i, 2, sub, 1, 3)
            s.put(r + i, 5, w)
            s.put(r + i, 6, sc)
            if reasons is not None:
                s.put(r + i, 7, reasons.get(sub), 1, 3, align="left")
        s.put(r + len(subs), 2, "小计", 1, 3, bold=True)
        s.put(r + len(subs), 5, weight, bold=True)
        s.put(r + len(subs), 6, subtotal, bold=True)
        if reasons is not None:
            s.put(r + len(subs), 7, None, 1, 3)
        r += len(subs) + 1
    s.put(r, 1, "管理效率合计", 1, 4, bold=True)
    s.put(r, 5, 50, bold=True)
    s.put(r, 6, d["mgmt_score"], bold=True)


# ------------------------------------------------------------------------------------------------
# the derived sentences and numbers of a clean report


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _band_sentence(year: int, kind: str, rows: list, total: float) -> str:
    n = len(rows)
    w = rows[0][-2] if rows else 10
    return (f"{year} 年共设置{kind}指标 {n} 个，每个指标评分为 {w:g} 分，其中完成率在 60%以下的指标有 0 个；完成率在 60-100%的指标"
            f"有 0 个，得分为 0 分；完成率在 100-150%的指标有 {n} 个，得分为 {total:g} 分；完成率在 150%以上的指标有 0 个，得分为 0。"
            f"合计得分为 {total:g} 分。")


def report_values(d: dict) -> dict:
    """A clean report's content -> what build_report writes. d: year, title, goal, targets, initial, adjusted,
    final, previous, basic, economic [(name, amount)], mgmt_text, perf_text, out_rows (二级, 三级, 目标, 实现,
    完成率, 分值, 得分), eff_rows (一级, …), mgmt [(item, weight, [(sub, 分值, 得分)])], mgmt_comment; optional
    sheet, mgmt_reasons {sub: 扣分原因}."""
    y = d["year"]
    init, adj, final, prev = d["initial"], d["adjusted"], d["final"], d["previous"]
    dec = round(init - final, 2)
    prev_dec = round(prev - final, 2)
    basic, project = d["basic"], round(final - d["basic"], 2)
    rate = round(final / adj, 4)
    econ = d["economic"]
    econ_txt = "；".join(f"{n} {a:.2f} 万元，占比 {_pct(a / final)}" for n, a in econ)
    rate_score = round(min(rate * 10, 10), 2)
    out_total = sum(x[-1] for x in d["out_rows"])
    eff_total = sum(x[-1] for x in d["eff_rows"])
    duty = round(out_total + eff_total + rate_score, 2)
    mgmt_total = sum(sc for _n, _w, subs in d["mgmt"] for _s, _sw, sc in subs)
    total = round(duty + mgmt_total, 2)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return dict(
        d,
        balance_text=f"{y} 年度总收入、支出 {final:.2f} 万元，比年初预算减少 {dec:.2f} 万元，下降 {dec / init * 100:.2f}%，其中：财政拨款收入 "
                     f"{final:.2f} 万元（包括：一般公共预算 {final:.2f} 万元、政府性基金 0 万元）；财政专户管理资金 0 万元。",
        balance=(final, -dec, round(-dec / init, 4), 0),
        income_text=f"{y} 年预算收入 {init:.2f} 万元，调整预算数 {adj:.2f} 万元，决算数 {final:.2f} 万元，决算数比上年减少 {prev_dec:.2f} 万元，"
                    f"下降 {prev_dec / prev * 100:.2f}%。",
        income=[(name, v, v, 0, 0) for name, v in
                (("预算收入", init), ("调整预算数", adj), ("决算数", final), ("比上年增减", -prev_dec))],
        income_growth=[round(-prev_dec / prev, 4)] * 2 + ["持平", "持平"],
        spend_text=f"{y} 年一般公共预算初预算支出 {init:.2f} 万元，调整预算支出 {adj:.2f} 万元，决算支出 {final:.2f} 万元（其中，基本支出 "
                   f"{basic:.2f} 万元，占比为 {_pct(basic / final)}；项目支出 {project:.2f} 万元，占比为 {_pct(project / final)}），部门预算执行率 "
                   f"{_pct(rate)}。从经济性质分类来看，{econ_txt}。",
        spending=[("初预算支出", init, None), ("调整预算支出", adj, None), ("决算支出", final, None),
                  ("基本支出", basic, round(basic / final, 4)), ("项目支出", project, round(project / final, 4))],
        econ=[(name, amt, round(amt / final, 4)) for name, amt in econ],
        conclusion=f"本部门较好地完成了 {y} 年履行职能职责和各项重点工作任务，自评得分 {total:g} 分，自评等级为“{grade}”。",
        grade=grade, duty_score=duty,
        band_out=_band_sentence(y, "产出", d["out_rows"], out_total), out_total=out_total,
        out_label=f"产出指标 (分值 {sum(x[-2] for x in d['out_rows']):g})",
        band_eff=_band_sentence(y, "效益和满意度", d["eff_rows"], eff_total), eff_total=eff_total,
        rate_block=(rate_score, init, adj, final, rate),
        rate_text=f"指标得分 10 分，自评得分 {rate_score:g} 分。年初预算金额 {init:.2f} 万元，调整后预算金额 {adj:.2f} 万元，实际支付 "
                  f"{final:.2f} 万元，年度预算执行率 {_pct(rate)}。",
        mgmt_score=mgmt_total,
        mgmt=[(n, w, subs, round(sum(x[2] for x in subs), 2)) for n, w, subs in d["mgmt"]],
        mgmt_reasons=d.get("mgmt_reasons", {}),
    )


def build_clean_report(book: Book, d: dict) -> None:
    build_report(book, report_values(d))
