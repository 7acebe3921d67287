"""Typical performance forms for benchmarks: ~120 rows, ~90 merged ranges, 2–3 sheets.

Written with xlsxwriter (fast, and like Excel it stores a cached value with every formula). The
layout follows the seeds: a 部门整体支出绩效目标表 with label/value blocks and an indicator table
(一级/二级/三级指标 with merged category cells), plus a 项目支出 sheet and sometimes a notes sheet.
"""

from __future__ import annotations

import random
from pathlib import Path

import xlsxwriter

LEVEL1 = ["产出指标", "效益指标", "满意度指标"]
LEVEL2 = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
UNITS = ["市财政局", "市教育局", "市卫生健康委员会", "市贸促会", "市农业农村局", "市文化广电和旅游局"]


def make_form(path: Path, seed: int = 0) -> Path:
    rnd = random.Random(seed)
    unit = rnd.choice(UNITS) + f"（{seed}）"
    wb = xlsxwriter.Workbook(str(path))
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
    _dept_sheet(wb.add_worksheet("部门整体绩效目标表"), rnd, unit, title, cell)
    _project_sheet(wb.add_worksheet("项目支出绩效目标表"), rnd, unit, title, cell)
    if seed % 2:
        notes = wb.add_worksheet("填报说明")
        for r in range(12):
            notes.write(r, 0, f"说明第 {r + 1} 条：请按实际情况填写，金额单位为万元。", cell)
    wb.close()
    return path


def _dept_sheet(ws, rnd: random.Random, unit: str, title, cell) -> None:
    ws.set_column(0, 7, 14)
    ws.merge_range(0, 0, 0, 7, "部门整体支出绩效目标表", title)
    ws.merge_range(1, 0, 1, 7, "（2024年度）", cell)
    ws.write(2, 0, "单位名称", cell)
    ws.merge_range(2, 1, 2, 7, unit, cell)
    ws.merge_range(3, 0, 4, 0, "单位\n主要职能", cell)
    ws.merge_range(3, 1, 4, 7, "（一）负责本部门职责范围内的各项工作。" * 3, cell)
    ws.merge_range(5, 0, 6, 0, "机构设置及\n人员配置", cell)
    ws.merge_range(5, 1, 6, 7, f"编制数{rnd.randint(5, 80)}人，实有人数{rnd.randint(5, 80)}人。", cell)
    funds = [round(rnd.uniform(1, 500), 2) for _ in range(7)]
    # 财政拨款小计 = 一般公共预算 + 政府性基金 + 国有资本金 + 社保基金: a typical form adds up
    funds.append(round(funds[0] + funds[1] + funds[3] + funds[4], 2))
    labels = ["一般公共预算资金", "政府性基金", "财政专户管理资金", "国有资本金", "社保基金",
              "上年结转资金", "其他资金", "财政拨款小计"]
    ws.merge_range(7, 0, 16, 0, "部门整体\n资金（万元）", cell)
    ws.merge_range(7, 1, 16, 1, "收入", cell)
    ws.write(7, 2, "资金总额", cell)
    ws.write_formula(7, 3, "=SUM(D9:D15)", cell, round(sum(funds[:7]), 2))
    for i, (label, v) in enumerate(zip(labels, funds)):
        ws.write(8 + i, 2, label, cell)
        ws.write_number(8 + i, 3, v, cell)
        ws.merge_range(8 + i, 4, 8 + i, 7, "", cell)
    row = 17
    ws.merge_range(row, 0, row, 1, "中长期目标", cell)
    ws.merge_range(row, 2, row + 1, 7, "推动事业高质量发展。" * 4, cell)
    ws.merge_range(row + 2, 0, row + 2, 1, "年度目标", cell)
    ws.merge_range(row + 2, 2, row + 4, 7, "（1）完成年度任务。（2）服务对象满意度≥95%。", cell)
    row += 6
    _indicator_table(ws, rnd, row, 70, cell)


def _project_sheet(ws, rnd: random.Random, unit: str, title, cell) -> None:
    ws.set_column(0, 7, 14)
    ws.merge_range(0, 0, 0, 7, "项目支出绩效目标表", title)
    for i, (label, value) in enumerate(
        [("项目名称", f"专项经费{rnd.randint(1, 99)}"), ("主管部门", unit), ("实施单位", unit)]
    ):
        ws.write(1 + i, 0, label, cell)
        ws.merge_range(1 + i, 1, 1 + i, 7, value, cell)
    ws.merge_range(4, 0, 6, 0, "项目资金\n（万元）", cell)
    fiscal, other = round(rnd.uniform(1, 300), 2), round(rnd.uniform(0, 20), 2)
    for i, (label, value) in enumerate([("年度资金总额", round(fiscal + other, 2)), ("其中：财政拨款", fiscal),
                                        ("其他资金", other)]):
        ws.write(4 + i, 1, label, cell)
        ws.write_number(4 + i, 2, value, cell)
        ws.merge_range(4 + i, 3, 4 + i, 7, "", cell)
    _indicator_table(ws, rnd, 8, 30, cell)


# (三级 name stem, full-year target, half-year target) per 二级: a typical, mostly correct form
_ROWS = {
    "数量指标": lambda k, n: (f"组织活动场次{k}", f"≥{2 * n}场", f"≥{n}场"),
    "质量指标": lambda k, n: (f"验收合格率{k}", "≥95%", "≥95%"),
    "时效指标": lambda k, n: (f"按时完成率{k}", "＝100%", "＝100%"),
    "成本指标": lambda k, n: (f"单场活动成本{k}", f"≤{n}万元", f"≤{n}万元"),
    "经济效益指标": lambda k, n: (f"带动企业成交额{k}", f"≥{100 * n}万元", f"≥{50 * n}万元"),
    "社会效益指标": lambda k, n: (f"受益企业数量{k}", f"≥{10 * n}家", f"≥{5 * n}家"),
    "生态效益指标": lambda k, n: (f"无纸化办公比例{k}", "≥80%", "≥80%"),
    "可持续影响指标": lambda k, n: (f"长效工作机制{k}", "健全", "健全"),
    "服务对象满意度指标": lambda k, n: (f"服务对象满意度{k}", "≥90%", "≥90%"),
}
# a few slips per form, as in real submissions: a missing sign, ≥ on a cost, half above full
_SLIPS = (
    lambda name, full, half: (name, full.lstrip("≥≤＝"), half),
    lambda name, full, half: (name, full.replace("≤", "≥"), half.replace("≤", "≥")),
    lambda name, full, half: (name, full, full.replace("≥", "≥1") if "场" in full or "家" in full else half),
)


def _indicator_table(ws, rnd: random.Random, row: int, n: int, cell) -> None:
    for c, head in enumerate(["一级指标", "二级指标", "三级指标", "", "半年指标值", "全年指标值"]):
        ws.write(row, c, head, cell)
    ws.merge_range(row, 2, row, 3, "三级指标", cell)
    ws.merge_range(row, 6, row, 7, "备注", cell)
    row += 1
    per1 = max(1, n // len(LEVEL1))
    slips = {rnd.randrange(n) for _ in range(3)}
    index = 0
    for l1 in LEVEL1:
        start1 = row
        l2s = LEVEL2[l1]
        per2 = max(1, per1 // len(l2s))
        for l2 in l2s:
            start2 = row
            for k in range(per2):
                name, full, half = _ROWS[l2](k + 1, rnd.randint(2, 9))
                if index in slips:
                    name, full, half = rnd.choice(_SLIPS)(name, full, half)
                index += 1
                ws.merge_range(row, 2, row, 3, name, cell)
                ws.write(row, 4, half, cell)
                ws.write(row, 5, full, cell)
                if k % 3 == 0:
                    ws.merge_range(row, 6, row, 7, "", cell)
                row += 1
            if row - 1 > start2:
                ws.merge_range(start2, 1, row - 1, 1, l2, cell)
            else:
                ws.write(start2, 1, l2, cell)
        if row - 1 > start1:
            ws.merge_range(start1, 0, row - 1, 0, l1, cell)
        else:
            ws.write(start1, 0, l1, cell)


def make_folder(folder: Path, count: int, nested: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        sub = folder / f"部门{i % 10:02d}" if nested else folder
        sub.mkdir(exist_ok=True)
        out.append(make_form(sub / f"绩效目标表_{i:05d}.xlsx", seed=i))
    return out
