"""Write samples/templates_filled/<kind>_filled.xlsx: each standard template filled correctly.

The examples are realistic and consistent: money sums add up, every indicator value has a sign and
a unit, self-evaluation weights are 10 + 50/30/10, scores follow DOMAIN.md §3.5 (met -> full
weight, not met -> A ÷ T × W) and the stated grade matches the total. Formula cells (totals,
execution rates) are left as formulas. ``FILLED`` is importable, so tests can compare what the
reader returns with what was filled here.

Run: ``python samples/build_filled_templates.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

from perfxl.templates import build_template, save_workbook, template_cells

OUT = Path(__file__).resolve().parent / "templates_filled"

_STD = "正向指标，达到目标值得满分；未达到的，得分=实际完成值÷目标值×分值"
_REV = "反向指标，不高于目标值得满分；超出的，按超出比例扣减分值"
_ALL = "达到100%得满分，否则按实际比例计分"

DEPT_TARGET = {
    "fields": {
        "year": 2025, "unit_name": "中国国际贸易促进委员会徐州市支会（机关）", "budget_code": "301001",
        "contact": "王敏", "phone": "0516-83801234",
        "functions": "（一）参与境外重要经贸团组邀请来访和接待工作，组织我市重要经贸团组出访；"
                     "（二）组织参加国际贸易展览会和博览会，主办或承办国际经贸展览会；"
                     "（三）签发和出具中国出口货物原产地证明书等对外贸易有关文件和单证。",
        "staff_quota": 5, "staff_actual": 5,
        "general_budget": 233.35, "gov_fund": 0, "state_capital": 0, "social_security": 0,
        "special_account": 0, "carryover": 0, "other_funds": 0,
        "spending.basic.half": 105.16, "spending.basic.full": 210.32,
        "spending.other.half": 0, "spending.other.full": 0,
        "medium_goal": "以各类贸易投资促进工作为抓手，促进我市会展业高质量发展，建设淮海经济区会展核心城市。",
        "annual_goal": "（1）原产地证书签发不少于10000份；（2）组织企业参加国际、国内展会不少于15场次；"
                       "（3）组织会员企业培训不少于1000人次，培训合格率不低于95%；"
                       "（4）帮助企业享受关税优惠不少于300万美元；（5）服务企业满意度不低于95%。",
    },
    "spending": [  # name, 半年计划执行数, 全年预算数
        {"name": "落实和推进江苏省贸促会重大经贸活动经费", "half": 3.91, "full": 7.82},
        {"name": "货物原产地证签发、管理及风险监控", "half": 5.00, "full": 10.21},
        {"name": "商事法律服务经费", "half": 1.50, "full": 3.00},
        {"name": "会员企业培训经费", "half": 1.00, "full": 2.00},
    ],
    "tasks": [
        {"function": "参与境外经贸团组邀请来访和接待，组织经贸团组出访", "task": "保障机关正常运转和日常履职",
         "project": "基本支出", "amount": 210.32},
        {"function": "组织参加国际贸易展览会和博览会", "task": "组织企业参加国际、国内展会不少于15场次",
         "project": "落实和推进江苏省贸促会重大经贸活动经费", "amount": 7.82},
        {"function": "签发和出具原产地证明书等对外贸易单证", "task": "签发原产地证书不少于10000份",
         "project": "货物原产地证签发、管理及风险监控", "amount": 10.21},
        {"function": "开展商事争议调解、仲裁和海外维权", "task": "提供商事法律咨询和调解服务",
         "project": "商事法律服务经费", "amount": 3.00},
        {"function": "提供经贸信息、咨询和培训服务", "task": "组织会员企业培训不少于1000人次",
         "project": "会员企业培训经费", "amount": 2.00},
    ],
    "ind": [  # level1 (pre-printed), level2, level3, 半年, 全年, 内涵解释, 设置依据, 计算公式, 评分标准
        ("成本指标", "经济成本指标", "境外展会人均组展成本", "≤1.5万元", "≤1.5万元",
         "组织企业参加境外展会平均每人发生的组展费用", "《因公临时出国经费管理办法》", "境外展会组展费用÷参展人数", _REV),
        ("成本指标", "经济成本指标", "单份原产地证书签发成本", "≤10元", "≤10元",
         "签发一份原产地证书平均发生的运行维护费用", "原产地证签发项目预算", "项目支出÷证书签发份数", _REV),
        ("成本指标", "社会成本指标", "因服务差错引发的企业投诉次数", "＝0次", "＝0次",
         "因签证、办展差错被企业投诉的次数", "《商事证明书管理办法》", "统计法（投诉登记台账）", "为0次得满分，否则不得分"),
        ("产出指标", "数量指标", "原产地证书签发数量", "≥5000份", "≥10000份",
         "全年签发的一般原产地证书和优惠原产地证书份数", "年度工作计划", "统计法（签证系统数据）", _STD),
        ("产出指标", "数量指标", "组织企业参加展会数量", "≥5场次", "≥15场次",
         "组织会员企业参加国际、国内展会的场次", "年度工作计划", "统计法（展会台账）", _STD),
        ("产出指标", "数量指标", "组织会员企业培训人次", "≥500人次", "≥1000人次",
         "组织会员企业参加业务培训的人次", "年度培训计划", "统计法（培训签到表）", _STD),
        ("产出指标", "质量指标", "培训合格率", "≥95%", "≥95%",
         "培训考核合格人数占参训人数的比例", "《会员企业培训管理办法》", "考核合格人数÷参训人数×100%", _STD),
        ("产出指标", "质量指标", "原产地证书签发准确率", "＝100%", "＝100%",
         "签发无差错的证书占签发证书总数的比例", "《原产地证书签证管理办法》", "无差错证书份数÷签发证书总份数×100%", _ALL),
        ("产出指标", "时效指标", "原产地证书当日办结率", "＝100%", "＝100%",
         "当日受理当日签发的证书占受理总数的比例", "政务服务时限要求", "当日办结份数÷受理总份数×100%", _ALL),
        ("效益指标", "经济效益指标", "企业享受关税优惠额", "≥150万美元", "≥300万美元",
         "企业凭优惠原产地证书在进口国享受的关税减免金额", "签证系统统计", "统计法（按证书货值和优惠税率测算）", _STD),
        ("效益指标", "社会效益指标", "受益企业数量", "≥100家", "≥200家",
         "享受签证、展会、培训等服务的企业家数", "年度工作计划", "统计法（按企业去重）", _STD),
        ("效益指标", "社会效益指标", "参展企业意向成交率", "≥60%", "≥60%",
         "参展企业中达成意向订单的企业比例", "展会总结报告", "达成意向订单企业数÷参展企业数×100%", _STD),
        ("效益指标", "可持续影响指标", "涉外商事服务长效机制健全性", "健全", "健全",
         "签证、调解、培训等服务制度和工作流程是否健全并持续运行", "部门“三定”方案", "对照制度清单逐项核查",
         "制度健全且有效运行得满分，部分健全得60%分值，未建立不得分"),
        ("满意度指标", "服务对象满意度指标", "服务企业满意度", "≥95%", "≥95%",
         "接受服务的企业对服务的满意程度", "满意度调查问卷", "满意及基本满意问卷数÷有效问卷数×100%", _STD),
        ("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥90%", "≥90%",
         "参训学员对培训内容和组织的满意程度", "培训满意度调查", "满意问卷数÷有效问卷数×100%", _STD),
    ],
    "ind_keys": ("level1", "level2", "level3", "half_target", "target", "explain", "basis", "formula",
                 "standard"),
}

PROJECT_TARGET = {
    "fields": {
        "year": 2025, "unit_name": "中国国际贸易促进委员会东莞市委员会", "project_name": "参加对口组织经贸活动费用",
        "medium_funds": 30.00, "annual_funds": 10.00,
        "medium_goal": "2025年—2027年，每年参加贸促总会及相关贸促机构组织的大型经贸活动4次、三年合计12次，"
                       "加强与境外商协会交流，促成建立交流合作机制，推动招商引资。",
        "annual_goal": "2025年参加贸促总会及相关贸促机构组织的大型经贸活动4次，搜集国际经贸信息，"
                       "推动我市行业商协会与境外商协会对接。",
    },
    "ind": [  # level1, 中期 二级/三级/指标值, 年度 二级/三级/计划指标值
        ("成本指标", "经济成本指标", "单次经贸活动平均费用", "≤2.5万元", "经济成本指标", "单次经贸活动平均费用", "≤2.5万元"),
        ("成本指标", "经济成本指标", "项目总成本", "≤30万元", "经济成本指标", "项目总成本", "≤10万元"),
        ("成本指标", "社会成本指标", "因组织不当造成的不良社会影响事件", "＝0次", "社会成本指标",
         "因组织不当造成的不良社会影响事件", "＝0次"),
        ("产出指标", "数量指标", "参加经贸活动次数", "≥12次", "数量指标", "参加经贸活动次数", "≥4次"),
        ("产出指标", "数量指标", "对接境外商协会数量", "≥9家", "数量指标", "对接境外商协会数量", "≥3家"),
        ("产出指标", "质量指标", "项目计划完成率", "≥90%", "质量指标", "项目计划完成率", "≥90%"),
        ("产出指标", "质量指标", "经贸信息报送采用率", "≥80%", "质量指标", "经贸信息报送采用率", "≥80%"),
        ("产出指标", "时效指标", "活动总结报送及时率", "＝100%", "时效指标", "活动总结报送及时率", "＝100%"),
        ("产出指标", "时效指标", "年度活动完成时限", "每年12月底前", "时效指标", "年度活动完成时限", "每年12月底前"),
        ("效益指标", "经济效益指标", "促成意向合作项目数量", "≥6个", "经济效益指标", "促成意向合作项目数量", "≥2个"),
        ("效益指标", "社会效益指标", "建立交流合作机制数量", "≥3个", "社会效益指标", "建立交流合作机制数量", "≥1个"),
        ("效益指标", "社会效益指标", "引进优质展会项目数量", "≥3个", "社会效益指标", "引进优质展会项目数量", "≥1个"),
        ("效益指标", "可持续影响指标", "与境外商协会长效合作机制", "健全", "可持续影响指标", "与境外商协会长效合作机制", "健全"),
        ("满意度指标", "服务对象满意度指标", "参与企业满意度", "≥90%", "服务对象满意度指标", "参与企业满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "境外合作机构满意度", "≥90%", "服务对象满意度指标", "境外合作机构满意度", "≥90%"),
    ],
    "ind_keys": ("level1", "medium_level2", "medium_level3", "medium_target", "level2", "level3", "target"),
}

# 执行率 46.56 ÷ 48.00 = 97.00% -> 9.70; indicators 88.67; total 98.37 -> 优
PROJECT_SELFEVAL = {
    "fields": {
        "year": 2024, "project_name": "服务外向型经济工作经费", "department": "市商务局",
        "implementer": "市对外经济贸易发展服务中心",
        "funds.fiscal.initial": 45.00, "funds.fiscal.full": 43.00, "funds.fiscal.executed": 41.56,
        "funds.carryover.initial": 5.00, "funds.carryover.full": 5.00, "funds.carryover.executed": 5.00,
        "funds.other.initial": 0, "funds.other.full": 0, "funds.other.executed": 0,
        "funds.total.score": 9.70,
        "goal_expected": "组织企业参加境内外展会不少于15场次，签发原产地证书不少于10000份，培训合格率不低于95%，"
                         "帮助企业达成意向成交额不少于2000万元，服务对象满意度不低于90%。",
        "goal_actual": "全年组织企业参加境内外展会14场次，签发原产地证书10520份，培训合格率97%，"
                       "帮助企业达成意向成交额1800万元，参展企业满意度94%；预算执行率97.00%。",
        "note": "实际完成值依据项目台账、签证系统数据和满意度调查统计。",
    },
    "ind": [  # level1, level2, level3, 年度指标值（A）, 实际完成值（B）, 分值, 得分, 偏差原因
        ("产出指标", "数量指标", "组织企业参加境内外展会数量", "≥15场次", "14场次", 8, 7.47,
         "受境外展会延期影响，1场展会顺延至下一年度举办；下一步提前与主办方沟通档期，做好备选展会安排。"),
        ("产出指标", "数量指标", "原产地证书签发数量", "≥10000份", "10520份", 8, 8, None),
        ("产出指标", "质量指标", "培训合格率", "≥95%", "97%", 6, 6, None),
        ("产出指标", "质量指标", "原产地证书签发准确率", "＝100%", "100%", 6, 6, None),
        ("产出指标", "时效指标", "展会组织任务按期完成率", "＝100%", "100%", 6, 6, None),
        ("产出指标", "时效指标", "资金支付及时率", "≥90%", "95%", 6, 6, None),
        ("产出指标", "成本指标", "单场展会组展成本", "≤3.2万元", "3.1万元", 5, 5, None),
        ("产出指标", "成本指标", "培训人均成本", "≤200元", "180元", 5, 5, None),
        ("效益指标", "经济效益指标", "帮助企业达成意向成交额", "≥2000万元", "1800万元", 8, 7.20,
         "部分企业意向订单尚在洽谈中，未计入当年成交额；下一步加强展后跟踪服务，推动意向订单落地。"),
        ("效益指标", "社会效益指标", "参展企业新增境外客户数", "≥60家", "68家", 8, 8, None),
        ("效益指标", "社会效益指标", "受益企业数量", "≥150家", "156家", 7, 7, None),
        ("效益指标", "可持续影响指标", "境外展会常态化合作机制", "健全", "健全", 7, 7, None),
        ("满意度指标", "服务对象满意度指标", "参展企业满意度", "≥90%", "94%", 5, 5, None),
        ("满意度指标", "服务对象满意度指标", "参训企业满意度", "≥90%", "92%", 5, 5, None),
    ],
    "ind_keys": ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"),
}

# 产出 19.8 + 效益 20 + 支出率 9.98 + 管理效率 48.5 = 98.28 -> 优
DEPT_SELFEVAL = {
    "fields": {
        "year": 2023, "unit_name": "中国国际贸易促进委员会广州市天河区委员会",
        "rate_initial": 616.96, "rate_adjusted": 603.17, "rate_actual": 602.05, "rate_score": 9.98,
        "grade_stated": "优",
        **{f"management.{i}.score": s for i, s in enumerate((3, 4, 4, 14, 10, 9.5, 4), start=1)},
    },
    "targets": [  # level1, level2, level3, 实施周期指标值, 年度指标值
        ("产出指标", "数量指标", "原产地证代签数量", "≥5400份", "≥1800份"),
        ("产出指标", "数量指标", "举办商事法律培训场次", "≥12场", "≥4场"),
        ("产出指标", "数量指标", "组织企业参加境内外展会数量", "≥60家次", "≥20家次"),
        ("产出指标", "质量指标", "原产地证签发准确率", "＝100%", "＝100%"),
        ("产出指标", "时效指标", "企业诉求办结时限", "≤5天", "≤5天"),
        ("效益指标", "经济效益指标", "企业享受关税减免金额", "≥1500万元", "≥500万元"),
        ("效益指标", "社会效益指标", "受惠企业数量", "≥600家", "≥200家"),
        ("效益指标", "社会效益指标", "外贸政策宣讲覆盖企业数", "≥900家", "≥300家"),
        ("效益指标", "可持续影响指标", "会员服务长效机制健全性", "健全", "健全"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "≥95%"),
    ],
    "targets_keys": ("level1", "level2", "level3", "medium_target", "target"),
    "output": [  # level1 (pre-printed), level2, level3, 年度目标值, 年度实现值, 完成率, 分值, 得分
        ("产出指标（分值20）", "数量指标", "原产地证代签数量", "≥1800份", "1910份", 1.0611, 4, 4),
        ("产出指标（分值20）", "数量指标", "举办商事法律培训场次", "≥4场", "4场", 1.0, 4, 4),
        ("产出指标（分值20）", "数量指标", "组织企业参加境内外展会数量", "≥20家次", "19家次", 0.95, 4, 3.8),
        ("产出指标（分值20）", "质量指标", "原产地证签发准确率", "＝100%", "100%", 1.0, 4, 4),
        ("产出指标（分值20）", "时效指标", "企业诉求办结时限", "≤5天", "4天", 1.25, 4, 4),
    ],
    "benefit": [
        ("效益指标（分值20）", "经济效益指标", "企业享受关税减免金额", "≥500万元", "560万元", 1.12, 4, 4),
        ("效益指标（分值20）", "社会效益指标", "受惠企业数量", "≥200家", "215家", 1.075, 4, 4),
        ("效益指标（分值20）", "社会效益指标", "外贸政策宣讲覆盖企业数", "≥300家", "320家", 1.0667, 4, 4),
        ("效益指标（分值20）", "可持续影响指标", "会员服务长效机制健全性", "健全", "健全", 1.0, 4, 4),
        ("效益指标（分值20）", "服务对象满意度指标", "服务对象满意度", "≥95%", "97%", 1.0211, 4, 4),
    ],
    "output_keys": ("level1", "level2", "level3", "target", "actual", "completion_rate", "weight", "score"),
    "benefit_keys": ("level1", "level2", "level3", "target", "actual", "completion_rate", "weight", "score"),
}

# tables whose 一级 cells the template pre-prints (the dept_selfeval target table leaves them to fill)
_PREPRINTED = ("ind.", "output.", "benefit.")

FILLED = {"dept_target": DEPT_TARGET, "project_target": PROJECT_TARGET,
          "project_selfeval": PROJECT_SELFEVAL, "dept_selfeval": DEPT_SELFEVAL}


def filled_cells(kind: str) -> dict[str, object]:
    """Key -> value of every cell filled in the ``kind`` example (pre-printed 一级 excluded)."""
    data, values = FILLED[kind], {}
    values.update(data["fields"])
    for i, line in enumerate(data.get("spending", ()), start=1):
        values.update({f"spending.{i}.{k}": v for k, v in line.items()})
    for i, line in enumerate(data.get("tasks", ()), start=1):
        values.update({f"tasks.{i}.{k}": v for k, v in line.items()})
    for table in ("ind", "targets", "output", "benefit"):
        keys = data.get(f"{table}_keys", ())
        for i, row in enumerate(data.get(table, ()), start=1):
            for key, value in zip(keys, row):
                if value is not None:
                    values[f"{table}.{i}.{key}"] = value
    return values


def fill(kind: str) -> Workbook:
    wb = build_template(kind)
    ws = wb.worksheets[0]
    cells = template_cells(kind)
    for key, value in filled_cells(kind).items():
        cell = ws[cells[key]]
        if key.endswith(".level1") and key.startswith(_PREPRINTED):
            # pre-printed 一级: the example must sit in the right block, never overwrite it
            if cell.value != value:
                raise ValueError(f"{kind} {key}: 模板一级指标为“{cell.value}”，示例为“{value}”")
            continue
        cell.value = value
    return wb


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT
    for kind in FILLED:
        path = save_workbook(fill(kind), out / f"{kind}_filled.xlsx")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
