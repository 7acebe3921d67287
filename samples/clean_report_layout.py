"""The 004 天河 layout (部门整体支出绩效自评报告 tables) as a parametrised writer for ``build_clean.py``.

The report's sentences ("比年初预算减少 X 万元，下降 y%", "占比 z%", band counts, declared indicator
counts) are written from the numbers, so a clean report is consistent by construction.
"""

from __future__ import annotations

from build_samples import Book, spans


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _band_sentence(year: int, kind: str, rows: list, total: float) -> str:
    n = len(rows)
    w = rows[0][-2] if rows else 10
    return (f"{year} 年共设置{kind}指标 {n} 个，每个指标评分为 {w:g} 分，其中完成率在 60%以下的指标有 0 个；完成率在 60-100%的指标"
            f"有 0 个，得分为 0 分；完成率在 100-150%的指标有 {n} 个，得分为 {total:g} 分；完成率在 150%以上的指标有 0 个，得分为 0。"
            f"合计得分为 {total:g} 分。")


def build_report(book: Book, d: dict) -> None:
    y = d["year"]
    s = book.sheet(d.get("sheet", "自评表"))
    s.widths(22, 16, 12, 22, 30, 40, 11, 11, 11)
    s.title(1, d["title"], 9, size=14)
    s.put(2, 1, "部门整体支出绩效目标", bold=True)
    s.put(2, 2, d["goal"], 1, 8, align="left")
    r = 3
    t = d["targets"]  # (一级, 二级, 三级, 实施周期, 年度)
    s.put(r, 1, "绩效指标", 1 + len(t), 1, bold=True)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标"]):
        s.put(r, 2 + i, h, bold=True)
    s.put(r, 5, "实施周期指标值", bold=True)
    s.put(r, 6, "年度指标值", 1, 4, bold=True)
    r += 1
    for start, n, _k in spans(t, lambda x: x[0]):
        s.put(r + start, 2, t[start][0], n, 1)
    for start, n, _k in spans(t, lambda x: (x[0], x[1])):
        s.put(r + start, 3, t[start][1], n, 1)
    for i, row in enumerate(t):
        s.put(r + i, 4, row[2])
        s.put(r + i, 5, row[3])
        s.put(r + i, 6, row[4], 1, 4)
    r += len(t) + 1
    init, adj, final, prev = d["initial"], d["adjusted"], d["final"], d["previous"]
    dec = round(init - final, 2)
    prev_dec = round(prev - final, 2)
    s.put(r, 1, "部门整体收支情况", bold=True)
    s.put(r, 2, f"{y} 年度总收入、支出 {final:.2f} 万元，比年初预算减少 {dec:.2f} 万元，下降 {dec / init * 100:.2f}%，其中：财政拨款收入 "
                f"{final:.2f} 万元（包括：一般公共预算 {final:.2f} 万元、政府性基金 0 万元）；财政专户管理资金 0 万元。", 1, 8, align="left")
    r += 1
    for i, (label, val, fmt) in enumerate([("总收入、支出（万元）", final, "0.00"), ("比年初预算增减（万元）", -dec, "0.00"),
                                           ("比年初预算增减率", round(-dec / init, 4), "0.00%"), ("财政专户管理资金（万元）", 0, "0.00")]):
        s.put(r, 1 + 2 * i, label, bold=True)
        s.put(r, 2 + 2 * i, val, fmt=fmt)
    s.put(r, 9, None)
    r += 1
    s.put(r, 1, "部门整体收入情况", bold=True)
    s.put(r, 2, f"{y} 年预算收入 {init:.2f} 万元，调整预算数 {adj:.2f} 万元，决算数 {final:.2f} 万元，决算数比上年减少 {prev_dec:.2f} 万元，"
                f"下降 {prev_dec / prev * 100:.2f}%。", 1, 8, align="left")
    r += 1
    s.put(r, 1, "收入（万元）", bold=True)
    for i, h in enumerate(["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]):
        s.put(r, 2 + i, h, bold=True)
    for i, (name, v) in enumerate([("预算收入", init), ("调整预算数", adj), ("决算数", final), ("比上年增减", -prev_dec)]):
        s.put(r + 1 + i, 1, name)
        for j, x in enumerate((v, v, 0, 0)):
            s.put(r + 1 + i, 2 + j, x, fmt="0.00")
    s.put(r + 5, 1, "比上年增减率")
    for j, v in enumerate([round(-prev_dec / prev, 4)] * 2 + ["持平", "持平"]):
        s.put(r + 5, 2 + j, v, fmt="0.00%")
    r += 7
    basic, project = d["basic"], round(final - d["basic"], 2)
    rate = round(final / adj, 4)
    econ = d["economic"]  # [(name, amount)]
    econ_txt = "；".join(f"{n} {a:.2f} 万元，占比 {_pct(a / final)}" for n, a in econ)
    s.put(r, 1, "部门整体支出情况", bold=True)
    s.put(r, 2, f"{y} 年一般公共预算初预算支出 {init:.2f} 万元，调整预算支出 {adj:.2f} 万元，决算支出 {final:.2f} 万元（其中，基本支出 "
                f"{basic:.2f} 万元，占比为 {_pct(basic / final)}；项目支出 {project:.2f} 万元，占比为 {_pct(project / final)}），部门预算执行率 "
                f"{_pct(rate)}。从经济性质分类来看，{econ_txt}。", 1, 8, align="left")
    r += 1
    s.put(r, 1, "支出（万元）", bold=True)
    s.put(r, 2, "金额", bold=True)
    s.put(r, 3, "占比", bold=True)
    rows = [("初预算支出", init, None), ("调整预算支出", adj, None), ("决算支出", final, None),
            ("基本支出", basic, round(basic / final, 4)), ("项目支出", project, round(project / final, 4))]
    for i, (name, amt, share) in enumerate(rows):
        s.put(r + 1 + i, 1, name)
        s.put(r + 1 + i, 2, amt, fmt="0.00")
        s.put(r + 1 + i, 3, share, fmt="0.00%")
    r += 1 + len(rows)
    s.put(r, 1, "部门预算执行率")
    s.put(r, 2, rate, fmt="0.00%")
    s.put(r, 3, None)
    r += 2
    s.put(r, 1, "经济分类", bold=True)
    s.put(r, 2, "金额", bold=True)
    s.put(r, 3, "占比", bold=True)
    for i, (name, amt) in enumerate(econ):
        s.put(r + 1 + i, 1, name)
        s.put(r + 1 + i, 2, amt, fmt="0.00")
        s.put(r + 1 + i, 3, round(amt / final, 4), fmt="0.00%")
    r += 1 + len(econ) + 1
    s.put(r, 1, "部门整体绩效管理情况", bold=True)
    s.put(r, 2, d["mgmt_text"], 1, 8, align="left")
    r += 2
    rate_score = round(min(rate * 10, 10), 2)
    out_total = sum(x[-1] for x in d["out_rows"])
    eff_total = sum(x[-1] for x in d["eff_rows"])
    duty = round(out_total + eff_total + rate_score, 2)
    mgmt_total = sum(sc for _n, _w, subs in d["mgmt"] for _s, _sw, sc in subs)
    total = round(duty + mgmt_total, 2)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    s.put(r, 1, "自评结论", bold=True)
    s.put(r, 2, f"本部门较好地完成了 {y} 年履行职能职责和各项重点工作任务，自评得分 {total:g} 分，自评等级为“{grade}”。", 1, 6, align="left")
    s.put(r, 8, "自评等级", bold=True)
    s.put(r, 9, grade)
    r += 2
    s.put(r, 1, "履职效能", bold=True)
    s.put(r, 2, "指标得分", bold=True)
    s.put(r, 3, 50)
    s.put(r, 4, "自评得分", bold=True)
    s.put(r, 5, duty)
    s.put(r, 6, d["perf_text"], 1, 4, align="left")
    r += 2

    def heading(row: int) -> None:
        s.put(row, 1, "自评指标", bold=True)
        s.put(row, 2, "根据《部门预算绩效目标申报表》填列（如指标有调整请备注说明）", 1, 3, bold=True)
        for i, h in enumerate(["年度目标值", "年度实现值", "指标完成率", "单项分值（权重）", "单项自评得分"]):
            s.put(row, 5 + i, h, bold=True)

    s.put(r, 1, "1.部门整体绩效目标产出指标完成情况", 1, 9, align="left", bold=True, border=False)
    s.put(r + 1, 1, _band_sentence(y, "产出", d["out_rows"], out_total), 1, 9, align="left", border=False)
    r += 2
    heading(r)
    r += 1
    rows = d["out_rows"]  # (二级, 三级, 目标, 实现, 完成率, 分值, 得分)
    s.put(r, 1, "履职效能-整体效能-部门整体绩效目标产出指标完成情况", len(rows), 1)
    s.put(r, 2, f"产出指标 (分值 {sum(x[-2] for x in rows):g})", len(rows), 1)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            s.put(r + i, 3 + j, v, fmt="0.00%" if j == 4 else None)
    r += len(rows)
    s.put(r, 1, "产出评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, out_total)
    r += 2
    s.put(r, 1, "2.部门整体绩效目标效益指标完成情况", 1, 9, align="left", bold=True, border=False)
    s.put(r + 1, 1, _band_sentence(y, "效益和满意度", d["eff_rows"], eff_total), 1, 9, align="left", border=False)
    r += 2
    heading(r)
    r += 1
    rows = d["eff_rows"]  # (一级, 二级, 三级, 目标, 实现, 完成率, 分值, 得分)
    s.put(r, 1, "履职效能-整体效能-部门整体绩效目标-效益指标完成情况", len(rows), 1)
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for i, row in enumerate(rows):
        for j, v in enumerate(row[1:]):
            s.put(r + i, 3 + j, v, fmt="0.00%" if j == 4 else None)
    r += len(rows)
    s.put(r, 1, "效益评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, eff_total)
    r += 2
    s.put(r, 1, "3.部门预算资金支出率", 1, 9, align="left", bold=True, border=False)
    r += 1
    for i, (label, val, fmt) in enumerate([("指标得分", 10, None), ("自评得分", rate_score, "0.00"), ("年初预算金额", init, "0.00"),
                                           ("调整后预算金额", adj, "0.00"), ("实际支付", final, "0.00"),
                                           ("年度预算执行率", rate, "0.00%")]):
        s.put(r + i, 1, label, bold=True)
        s.put(r + i, 2, val, fmt=fmt)
    s.put(r, 3, f"指标得分 10 分，自评得分 {rate_score:g} 分。年初预算金额 {init:.2f} 万元，调整后预算金额 {adj:.2f} 万元，实际支付 "
                f"{final:.2f} 万元，年度预算执行率 {_pct(rate)}。", 6, 7, align="left")
    r += 7
    s.put(r, 1, "管理效率", bold=True)
    s.put(r, 2, "指标得分", bold=True)
    s.put(r, 3, 50)
    s.put(r, 4, "自评得分", bold=True)
    s.put(r, 5, mgmt_total)
    s.put(r, 6, d["mgmt_comment"], 1, 4, align="left")
    r += 2
    s.put(r, 1, "指标", bold=True)
    s.put(r, 2, "二级", 1, 3, bold=True)
    s.put(r, 5, "分值", bold=True)
    s.put(r, 6, "自评得分", bold=True)
    s.put(r, 7, "扣分原因", 1, 3, bold=True)
    r += 1
    for name, weight, subs in d["mgmt"]:
        s.put(r, 1, name, len(subs) + 1, 1)
        for i, (sub, w, sc) in enumerate(subs):
            s.put(r + i, 2, sub, 1, 3)
            s.put(r + i, 5, w)
            s.put(r + i, 6, sc)
            s.put(r + i, 7, d.get("mgmt_reasons", {}).get(sub), 1, 3, align="left")
        s.put(r + len(subs), 2, "小计", 1, 3, bold=True)
        s.put(r + len(subs), 5, weight, bold=True)
        s.put(r + len(subs), 6, round(sum(x[2] for x in subs), 2), bold=True)
        s.put(r + len(subs), 7, None, 1, 3)
        r += len(subs) + 1
    s.put(r, 1, "管理效率合计", 1, 4, bold=True)
    s.put(r, 5, 50, bold=True)
    s.put(r, 6, mgmt_total, bold=True)
