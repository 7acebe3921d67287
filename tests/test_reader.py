"""The label-anchored reader on small hand-made grids: layouts, merges, label variants, kinds."""

from __future__ import annotations

import pytest

from perfxl.reader import read_source
from perfxl.workbook.memory import MemorySource

N = None


def read(rows, merged=(), sheets=None):
    src = MemorySource(sheets or {"表": rows}, {"表": list(merged)} if not sheets else merged or {})
    return read_source(src)


XUZHOU = [
    ["徐州市市本级部门整体预算绩效目标表", N, N, N, N],
    ["2024年度", N, N, N, N],
    ["单位名称", "中国国际贸易促进委员会徐州市支会（机关）", N, N, N],
    ["单位\n主要职能", "(一)参与境外重要经贸团组邀请来访和接待工作", N, N, N],
    ["机构设置及\n人员配置", "人员编制数5人，实有在职人数7人，退休人员2人。", N, N, N],
    ["部门整体\n资金（万\n元）", "收入", N, "全年\n预算数", N],
    [N, "资金总额", N, 233.35, N],
    [N, "财政拨款", "小计", "233.35 ", N],
    [N, N, "一般公共预算资金", 233.35, N],
    [N, "财政专户管理资金", N, 0, N],
    [N, "支出", N, "半年\n计划执行数", "全年\n预算数"],
    [N, "基本支出", N, 107.66, 215.32],
    [N, "项目支出", N, 13.91, 18.03],
    [N, "落实和推进江苏省贸促会重大经贸活动经费", N, 3.91, 7.82],
    [N, "货物原产地证签发、管理及风险监控", N, 10, 10.21],
    ["中长期目标", "以各类贸易投资促进工作为抓手", N, N, N],
    ["年度目标", "（1）原产地证书签发大于等于10000份。\n（2）签发优惠证明书大于等于1500份。", N, N, N],
    ["一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值"],
    ["决策", "计划制定", "中长期规划制定健全性", "健全", "健全"],
    [N, N, "工作计划制定健全性", "健全", "健全"],
    ["过程", "预算执行", "预算执行率", "＝52%", "＝100%"],
    [N, N, "参加展会数量完成率", "≤33%", "≤100%"],
    ["效益指标", "经济效益", "关税优惠额", "≥150万美元", "≥300万美元"],
    [N, "社会效益", N, N, N],
]
XUZHOU_MERGED = ["A1:E1", "A6:A15", "B8:B9", "A19:A20", "B19:B20", "A21:A22", "B21:B22", "A23:A24"]


def test_dept_target_fields_spending_and_indicators_keep_their_cells():
    (form,) = read(XUZHOU, XUZHOU_MERGED).forms
    assert form.kind == "dept_target"
    assert form.year == 2024
    assert form.get("unit_name").value == "中国国际贸易促进委员会徐州市支会（机关）"
    assert (form.get("total_funds").value, form.get("total_funds").cell) == (233.35, "D7")
    assert (form.get("fiscal_subtotal").value, form.get("fiscal_subtotal").cell) == (233.35, "D8")
    assert form.get("staff_quota").value == 5 and form.get("staff_actual").value == 7
    assert form.get("medium_goal").cell == "B16"
    assert "10000份" in form.get("annual_goal").value
    spending = form.table("spending")
    assert [l.role for l in spending] == ["basic", "project", "project_line", "project_line"]
    assert spending[1].values["half"].value == 13.91 and spending[1].values["full"].cell == "E13"
    assert spending[3].values["full"].value == 10.21
    inds = form.indicators
    assert [i.level3.value if i.level3 else None for i in inds] == [
        "中长期规划制定健全性", "工作计划制定健全性", "预算执行率", "参加展会数量完成率", "关税优惠额", None]
    rate = inds[2]
    assert rate.level1.value == "过程" and rate.level2.value == "预算执行"
    assert rate.half_target.value.sign == "=" and rate.half_target.value.low == 52
    assert rate.target.cell == "E21"
    assert inds[5].level2.value == "社会效益" and inds[5].target.value is None


def test_columns_in_another_order_and_blocks_shifted():
    rows = [[N, N] + r[:3] + [r[4], r[3]] for r in XUZHOU]
    rows[10] = [N, N, N, "支出", N, "全年\n预算数", "半年\n计划执行数"]
    rows[17] = [N, N, "一级指标", "二级指标", "三级指标", "全年指标值", "半年指标值"]
    rows = [[N] * 7, [N] * 7] + rows
    (form,) = read(rows).forms
    rate = [i for i in form.indicators if i.name() == "预算执行率"][0]
    assert rate.target.raw == "＝100%" and rate.half_target.raw == "＝52%"
    basic = form.table("spending")[0]
    assert basic.values["full"].value == 215.32 and basic.values["half"].value == 107.66


CHANGLE = [
    ["部门整体支出绩效目标表", N, N, N, N, N, N, N, N, N],
    ["(2024 年度)", N, N, N, N, N, N, N, N, N],
    ["部门(单位)名称", "中国国际贸易促进委员会福州市长乐区委员会", N, N, N, N, "部门预算编码", "510", N, N],
    ["年度 预算 安排 (万元)", "资金总额", N, N, N, "80.01", N, N, N, N],
    [N, "项目支出", N, N, N, "9.50", N, N, N, N],
    [N, "基本支出", N, N, N, 70.51, N, N, N, N],
    [N, "其他支出", N, N, N, 0, N, N, N, N],
    ["年度 总体 目标", "立足贸促投资促进职能", N, N, N, N, N, N, N, N],
    ["年度 履职 目标", "部门职能", N, "年度目标任务", N, "支出项目名称", N, "预算金额（万元）", N, N],
    [N, "坚持以习近平新时代中国特色社会主义思想为指导", N, "立足贸促投资促进职能", N, "整体支出", N, 80.01, N, N],
    ["一般性支 出情况", "指标名称", "内涵解释", "设置依据", "指标计算公式或方法", "评分标准", "目标值", "指标审核", N, N],
    [N, "“三公”经费控制率", N, "“三公”经费管理相关规定", "三公经费实际支出数/预算数*100%", "小于或等于目标得100，否则得0", "≤100%", "是", N, N],
    ["年度绩效指标", "一级指标", N, N, "内涵解释", "设置依据", "指标计算公式或方法", "评分标准", "目标值", "指标审核"],
    [N, "成本指标", "经济成本指标", "法律顾问费用", "法律顾问费用", "法律顾问费用", "法律顾问费用", "正向指标", "≥6000元", N],
    [N, N, N, "购置资产成本", "购置资产成本", "采购合同", "单价*数量", "正向指标", "≥5000元", "是"],
    [N, "产出指标", "数量指标", "购置资产数量", "新增购置的资产数量", "年度工作计划", "新增购置的资产数量", "正向指标", "≥3台、件、辆、套等", "是"],
]
CHANGLE_MERGED = ["A1:J1", "A2:J2", "B3:F3", "A4:A7", "B8:J8", "A9:A10", "B12:D12", "B13:D13", "B14:B15", "C14:C15"]


def test_level_heading_merged_over_three_columns_and_general_spending_table():
    (form,) = read(CHANGLE, CHANGLE_MERGED).forms
    assert form.kind == "dept_target" and form.year == 2024
    assert form.get("budget_code").value == "510"
    assert form.get("total_funds").value == 80.01 and form.get("total_funds").cell == "F4"
    assert [l.role for l in form.table("spending")] == ["project", "basic", "other"]
    assert form.get("annual_goal").value == "立足贸促投资促进职能"
    tasks = form.table("tasks")
    assert tasks and tasks[0].values["amount"].value == 80.01
    general = form.table("general_spending")
    assert general[0].name.value == "“三公”经费控制率" and general[0].values["target"].value.sign == "≤"
    inds = form.indicators
    assert [(i.level1.value, i.level2.value, i.level3.value) for i in inds] == [
        ("成本指标", "经济成本指标", "法律顾问费用"), ("成本指标", "经济成本指标", "购置资产成本"),
        ("产出指标", "数量指标", "购置资产数量")]
    assert inds[0].target.cell == "I14" and inds[0].extra["explain"].value == "法律顾问费用"
    assert inds[2].target.value.flags >= {"ambiguous_unit"}


def test_labels_with_line_breaks_spaces_and_full_width_characters():
    rows = [list(r) for r in CHANGLE]
    rows[2][0] = "部门（单位）\n名 称"
    rows[12][1] = "一级\n指标"
    rows[12][8] = "目 标 值"
    rows[3][1] = "资 金\n总 额"
    (form,) = read(rows, CHANGLE_MERGED).forms
    assert form.get("unit_name").value.startswith("中国国际贸易促进委员会")
    assert form.get("total_funds").value == 80.01
    assert form.indicators[0].target.raw == "≥6000元"


DONGGUAN = [
    ["东莞市财政项目支出绩效目标批复表", N, N, N, N, N, N, N],
    ["(2021 年度)", N, N, N, N, N, N, N],
    ["预算单位：中国国际贸易促进委员会东莞市委员会", N, N, N, N, N, N, N],
    ["项目名称", "办公及业务场所租金", N, N, "中期市财政预算（万元）", "66.00", "本年度申请市财政预算资金（万元）", "22.00"],
    ["总体目标", "中期滚动目标（2021年--2023年）", N, N, N, "年度目标", N, N],
    [N, "长安签证点7.06万元", N, N, N, "年度费用支出22.16万元", N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值（或计划水平）", "二级指标", "三级指标", "计划指标值（或计划水平）"],
    [N, "预期产出指标", "数量指标（或建筑规模指标）", "四个租赁合同", "续签租赁合同", "数量指标（或建筑规模指标）", "四个租赁合同", "续签租赁合同"],
    [N, N, "预算（或投资规模）控制指标", "预算执行率", "≥95%", "预算（或投资规模）控制指标", "预算执行率", "≥95%"],
    [N, "满意度指标", "服务对象满意度指标", "员工的满意度", "≥95%", "服务对象满意度指标", "员工的满意度", "≥95%"],
    [N, N, N, N, N, "受访人群满意度", N, N],
    ["市财 政局 批复 意见", "根据预算管理的有关规定，绩效目标由预算单位申报", N, N, N, N, N, N],
]
DONGGUAN_MERGED = ["A1:H1", "A5:A6", "B5:E5", "F5:H5", "B6:E6", "F6:H6", "A7:A11", "B8:B9", "B10:B11", "B12:H12"]


def test_project_target_pairs_medium_and_annual_halves():
    (form,) = read(DONGGUAN, DONGGUAN_MERGED).forms
    assert form.kind == "project_target"
    assert form.get("unit_name").value == "中国国际贸易促进委员会东莞市委员会"
    assert form.get("medium_funds").value == 66.0 and form.get("medium_funds").cell == "F4"
    assert form.get("annual_funds").value == 22.0 and form.get("annual_funds").cell == "H4"
    assert form.get("medium_goal").value == "长安签证点7.06万元"
    assert form.get("annual_goal").cell == "F6"
    assert form.get("approval").value.startswith("根据预算管理")
    first = form.indicators[0]
    assert first.medium_level3.value == "四个租赁合同" and first.medium_target.cell == "E8"
    assert first.level3.value == "四个租赁合同" and first.target.cell == "H8"
    assert first.level1.value == "预期产出指标"
    last = form.indicators[-1]
    assert last.level2.value == "受访人群满意度" and last.level3 is None and last.target.value is None


WUWEI = [
    ["2021年市外服中心预算项目支出绩效自评表", N, N, N, N, N, N, N, N],
    ["项目名称", "服务外向型经济工作经费", N, N, N, N, N, N, N],
    ["主管部门", "市商务局", N, N, "实施单位", "市对外经济贸易发展服务中心", N, N, N],
    ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", N],
    [N, "年度资金总额", 8.6, "8.6", "８．６", 100, "100.00%", "100", N],
    [N, "其中：当年财政拨款", 8.6, 8.6, N, "—", N, "—", N],
    [N, "上年结转资金", N, N, N, "—", N, "—", N],
    [N, "其他资金", N, N, N, "—", N, "—", N],
    ["年度总体目标", "预期目标", N, N, N, "实际完成情况", N, N, N],
    [N, "组织不少于5家外经贸企业参加第二十六届中国·兰州投资贸易洽谈会", N, N, N, "预算执行率为100%", N, N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [N, "产出指标", "数量指标", "指标1：外出考察次数", "1-2次", 1, 10, 8, N],
    [N, N, N, "指标2：举行培训班次数", "1-2次", "1", "5", "5分", N],
    [N, "满意度指标", "服务对象满意度指标", N, "满意", "满意", 10, 10, N],
    ["总分", N, N, N, N, N, 100, 90, N],
    ["说明", N, N, N, N, N, N, N, N],
]
WUWEI_MERGED = ["A1:I1", "A4:A8", "A9:A10", "B9:E9", "F9:I9", "B10:E10", "F10:I10", "A11:A14", "B12:B13", "C12:C13"]


def test_project_selfeval_funds_indicators_totals_and_numbers_typed_as_text():
    (form,) = read(WUWEI, WUWEI_MERGED).forms
    assert form.kind == "project_selfeval" and form.year == 2021
    assert form.get("department").value == "市商务局" and form.get("implementer").cell == "F3"
    funds = {l.role: l for l in form.table("funds")}
    assert set(funds) == {"total", "fiscal", "carryover", "other"}
    assert funds["total"].values["executed"].value == 8.6  # full-width digits typed as text
    assert funds["total"].values["rate"].value == 100.0
    assert funds["total"].values["weight"].value == 100.0 and funds["total"].values["weight"].cell == "F5"
    assert funds["fiscal"].values["executed"].value is None
    assert form.get("goal_expected").cell == "B10" and form.get("goal_actual").cell == "F10"
    inds = form.indicators
    assert inds[0].level3.value == "外出考察次数" and inds[0].level3.raw == "指标1：外出考察次数"
    assert inds[0].target.value.kind == "range"
    assert inds[1].score.value == 5.0 and inds[1].actual.value.low == 1
    assert inds[2].level3 is None and inds[2].level2.value == "服务对象满意度指标"
    assert form.get("total_weight").value == 100 and form.get("total_score").cell == "H15"


def test_cover_sheet_first_and_several_forms_one_per_sheet():
    sheets = {"封面": [["2021年度绩效自评材料"], ["报送单位：市外服中心"]], "自评": WUWEI, "目标": DONGGUAN}
    merged = {"自评": WUWEI_MERGED, "目标": DONGGUAN_MERGED}
    wb = read_source(MemorySource(sheets, merged))
    assert [(f.sheet, f.kind) for f in wb.forms] == [("自评", "project_selfeval"), ("目标", "project_target")]


def test_titled_self_evaluation_with_only_target_values_is_a_dept_target():
    rows = [
        ["部门(单位)整体支出绩效目标自评表", N, N, N],
        ["(2021年度)", N, N, N],
        ["部门(单位)名称", "市对外经济贸易发展服务中心", N, N],
        ["编制人数", 3, "实有人数", 3],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [N, "投入指标", "资金投入", "指标1:预算资金到位率", "100%"],
    ]
    (form,) = read(rows).forms
    assert form.kind == "dept_target"
    assert form.get("staff_quota").value == 3 and form.get("staff_actual").cell == "D4"
    assert form.indicators[0].target.value.flags >= {"sign_missing"}


@pytest.mark.parametrize("rows", [[], [[N, N]], [["随便写的一些文字"], ["没有任何表头"]]])
def test_sheets_without_a_form_give_no_form(rows):
    assert read(rows).forms == []


def test_level_headings_left_blank_after_yiji_are_the_missing_levels():
    """001 as the seed prints it: "一级指标" over three level columns, the other two headings blank."""
    rows = [
        ["部门整体支出绩效目标表", N, N, N, N, N],
        ["年度绩效指标", "一级指标", N, N, "内涵解释", "目标值"],
        [N, "成本指标", "经济成本指标", "法律顾问费用", "聘请法律顾问的费用", "≤6000元"],
        [N, N, N, "购置资产成本", "新购资产的采购成本", "≤5000元"],
    ]
    (form,) = read(rows, ["B3:B4", "C3:C4"]).forms
    assert [(i.level1.value, i.level2.value, i.level3.value, i.target.cell) for i in form.indicators] == [
        ("成本指标", "经济成本指标", "法律顾问费用", "F3"), ("成本指标", "经济成本指标", "购置资产成本", "F4")]


def test_a_self_evaluation_without_weight_columns_is_still_a_self_evaluation():
    rows = [r[:6] for r in WUWEI[:2]] + [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        [N, "产出指标", "数量指标", "培训场次", "≥2场", "2场"],
    ]
    assert read(rows).forms[0].kind == "project_selfeval"
