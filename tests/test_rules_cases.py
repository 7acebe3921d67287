"""Every rule has a failing and a passing case built from small hand-made forms."""

from __future__ import annotations

import pytest

from perfxl.rules import RULES
from tests.rule_builders import codes, form, ind, line, wb_codes

DT, PT, PS, DS = "dept_target", "project_target", "project_selfeval", "dept_selfeval"


def ps(inds, funds=None, **fields):
    funds = funds or [line("年度资金总额", "total", initial=8.6, full=8.6, executed=8.6, weight=10, rate=100, score=10)]
    return form(PS, inds, tables={"funds": funds}, **fields)


def ps_row(target="≥3次", actual="3次", weight=10, score=10, **kw):
    return ind("产出指标", "数量指标", kw.pop("l3", "培训次数"), target, actual=actual, weight=weight, score=score, **kw)


def ps90(**kw):
    """A project self-evaluation whose weights add up to 90 (50/30/10)."""
    return [ps_row(weight=50, score=50, **kw), ind("效益指标", "社会效益指标", "受益企业数", "≥10家", actual="10家",
                                                  weight=30, score=30),
            ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", actual="95%", weight=10, score=10)]


def mt(medium_funds=3.0, annual_funds=1.0, inds=(), **fields):
    return form(PT, list(inds), medium_funds=medium_funds, annual_funds=annual_funds, **fields)


def ds(inds=(), **fields):
    return form(DS, list(inds), **fields)


def perf(l1, l2, l3, target, actual, rate, weight=10, score=10):
    return ind(l1, l2, l3, target, actual=actual, rate=rate, weight=weight, score=score, block="performance")


def staffed(target):
    return form(DT, [ind("过程", "人员管理", "在职人员控制率", target)], staffing="人员编制数5人，实有在职人数7人")


CASES = {
    "PX101": (lambda: form(PS, [], project_name=None, department="商务局", implementer="中心"),
              lambda: form(PS, [], project_name="项目", department="商务局", implementer="中心")),
    "PX102": (lambda: form(DT, [ind(l3="培训次数", target="")]), lambda: form(DT, [ind(l3="培训次数", target="≥3次")])),
    "PX103": (lambda: ps([ps_row(actual="")]), lambda: ps([ps_row()])),
    "PX104": (lambda: ps([ps_row(score=None)]), lambda: ps([ps_row()])),
    "PX105": (lambda: form(DT, [ind(l3="培训次数", target="≥3次")]),
              lambda: form(DT, [ind(l3="培训次数", target="≥3次"), ind("效益指标", "社会效益", "受益企业", "≥5家"),
                                ind("满意度指标", "服务对象满意度", "企业满意度", "≥90%")])),
    "PX106": (lambda: form(DT, [ind("效益指标", "社会效益", "", None)]),
              lambda: form(DT, [ind("效益指标", "社会效益", "受益企业", "≥5家")])),
    "PX107": (lambda: ps([ind("满意度指标", "服务对象满意度指标", "", "满意", actual="满意", weight=10, score=10)]),
              lambda: ps([ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", actual="95%", weight=10, score=10)])),
    "PX108": (lambda: form(DT, [ind(l3="培训次数", target="≥3次", explain="", formula="统计法")]),
              lambda: form(DT, [ind(l3="培训次数", target="≥3次", explain="举办培训的次数", formula="统计法")])),
    "PX109": (lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6), line("当年财政拨款", "fiscal", full=8.6)]),
              lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6),
                              line("当年财政拨款", "fiscal", full=8.6, executed=8.6)])),
    "PX201": (lambda: form(DT, total_funds=232.35, fiscal_subtotal=233.35, other_funds=0),
              lambda: form(DT, total_funds=233.35, fiscal_subtotal=233.35, other_funds=0)),
    "PX202": (lambda: form(DT, fiscal_subtotal=233.35, general_budget=223.35, gov_fund=0),
              lambda: form(DT, fiscal_subtotal=233.35, general_budget=233.35, gov_fund=0)),
    "PX203": (lambda: form(DT, total_funds=80.01, tables={"spending": [line("基本支出", "basic", full=70.51),
                                                                          line("项目支出", "project", full=8.5)]}),
              lambda: form(DT, total_funds=80.01, tables={"spending": [line("基本支出", "basic", full=70.51),
                                                                       line("项目支出", "project", full=9.5)]})),
    "PX204": (lambda: form(DT, tables={"spending": [line("项目支出", "project", half=13.91, full=18.03),
                                                    line("A", "project_line", half=3.91, full=7.82),
                                                    line("B", "project_line", half=10, full=10.12)]}),
              lambda: form(DT, tables={"spending": [line("项目支出", "project", half=13.91, full=18.03),
                                                    line("A", "project_line", half=3.91, full=7.82),
                                                    line("B", "project_line", half=10, full=10.21)]})),
    "PX205": (lambda: form(DT, tables={"tasks": [line("任务1", amount=8.72), line("任务2", amount=64.59),
                                                 line("合计", "total", amount=80.91)]}),
              lambda: form(DT, tables={"tasks": [line("任务1", amount=8.72), line("任务2", amount=64.59),
                                                 line("合计", "total", amount=73.31)]})),
    "PX206": (lambda: form(DT, tables={"tasks": [line("任务1", amount=8.72, fiscal=8.27, other=0)]}),
              lambda: form(DT, tables={"tasks": [line("任务1", amount=8.72, fiscal=8.72, other=0)]})),
    "PX207": (lambda: ds(spend_final=602.05, tables={"shares": [line("商品和服务支出", "by_economic", amount=81.69, share=71.45)]}),
              lambda: ds(spend_final=602.05, tables={"shares": [line("商品和服务支出", "by_economic", amount=81.69, share=13.57)]})),
    "PX208": (lambda: ds(tables={"shares": [line("a", "by_type", amount=1, share=95.36), line("b", "by_type", amount=1, share=14.64)]}),
              lambda: ds(tables={"shares": [line("a", "by_type", amount=1, share=95.36), line("b", "by_type", amount=1, share=4.64)]})),
    "PX209": (lambda: ds(tables={"changes": [line("年初预算", "decrease", amount=14.91, pct=2.5, current=602.05)]}),
              lambda: ds(tables={"changes": [line("年初预算", "decrease", amount=14.91, pct=2.42, current=602.05)]})),
    "PX210": (lambda: mt(66, 22, annual_goal="费用支出22.16万元：1.长安签证点7.06万元；2.凤岗签证点3.1万元；3.停车场12万元"),
              lambda: mt(66, 22, annual_goal="费用支出22.00万元：1.长安签证点7.06万元；2.凤岗签证点2.94万元；3.停车场12万元")),
    "PX211": (lambda: ps([], [line("年度资金总额", "total", full=8.6), line("当年财政拨款", "fiscal", full=8.0)]),
              lambda: ps([], [line("年度资金总额", "total", full=8.6), line("当年财政拨款", "fiscal", full=8.6)])),
    "PX212": (lambda: ds(rate_initial=616.96, rate_adjusted=603.17, rate_actual=602.05, rate_stated=97.58),
              lambda: ds(rate_initial=616.96, rate_adjusted=603.17, rate_actual=602.05, rate_stated=99.81)),
    "PX301": (lambda: form(PT, [ind(l2="时效指标", l3="举办时间", target="2020年9月")]),
              lambda: form(PT, [ind(l2="时效指标", l3="举办时间", target="2021年9月")])),
    "PX302": (lambda: mt(medium_goal="中期滚动目标（2020年--2022年）：……"),
              lambda: mt(medium_goal="中期滚动目标（2021年--2023年）：……")),
    "PX303": (lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≤5000份")]),
              lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≥5000份")])),
    "PX304": (lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≥12000份")]),
              lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≥5000份")])),
    "PX305": (lambda: _half_budget("＝40%"), lambda: _half_budget("＝52%")),
    "PX306": (lambda: _half_completion("≥50%"), lambda: _half_completion("≥33%")),
    "PX307": (lambda: form(DT, tables={"spending": [line("项目", "project_line", half=12, full=10.21)]}),
              lambda: form(DT, tables={"spending": [line("项目", "project_line", half=10, full=10.21)]})),
    "PX308": (lambda: _money_share(10), lambda: _money_share(5.1)),
    "PX309": (lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≥1000份")]),
              lambda: form(DT, [ind(l3="原产地证书签发数量", target="≥10000份", half="≥5000份")])),
    "PX310": (lambda: mt(60, 2), lambda: mt(6, 2)),
    "PX311": (lambda: mt(24, 8, [ind(l3="购买硒鼓数量", target="≥30套", medium="≥30套")]),
              lambda: mt(24, 8, [ind(l3="购买硒鼓数量", target="≥30套", medium="≥90套")])),
    "PX312": (lambda: mt(inds=[ind(l3="企业数量", target="每年不少于8家", medium="每年不少于3家")]),
              lambda: mt(inds=[ind(l3="企业数量", target="每年不少于8家", medium="每年不少于8家")])),
    "PX313": (lambda: mt(inds=[ind(l3="企业数量", target="≥8家", ml3="签署协议数量", medium="≥24家")]),
              lambda: mt(inds=[ind(l3="企业数量", target="≥8家", ml3="企业数量", medium="≥24家")])),
    "PX314": (lambda: mt(medium_goal="支付进度为40%", annual_goal="支付进度为95%"),
              lambda: mt(medium_goal="支付进度为100%", annual_goal="支付进度为95%")),
    "PX315": (lambda: mt(inds=[ind(l3="企业满意度", target="", ml3="企业满意度", medium="≥95%")]),
              lambda: mt(inds=[ind(l3="企业满意度", target="≥95%", ml3="企业满意度", medium="≥95%")])),
    "PX316": (lambda: mt(66, 22, medium_goal="费用支出22.16万元"), lambda: mt(66, 22, medium_goal="三年费用支出66万元")),
    "PX317": (lambda: mt(annual_goal="为企业搭建交流合作平台，开拓市场", medium_goal="为企业搭建交流合作平台，开拓市场"),
              lambda: mt(annual_goal="本年度组织企业参加展会5场", medium_goal="为企业搭建交流合作平台，开拓市场")),
    "PX401": (lambda: form(PT, [ind(l2="质量指标", l3="人员到位率", target="人员到位情况")]),
              lambda: form(PT, [ind(l2="质量指标", l3="人员到位率", target="＝100%")])),
    "PX402": (lambda: form(PT, [ind(l2="质量指标", l3="后勤服务", target="提高办公室后勤管理水平")]),
              lambda: form(PT, [ind(l2="质量指标", l3="后勤服务", target="≥90%")])),
    "PX403": (lambda: form(PT, [ind(l2="成本指标", l3="预算控制", target="预算执行率≥")]),
              lambda: form(PT, [ind(l2="成本指标", l3="预算控制", target="预算执行率≥95%")])),
    "PX404": (lambda: form(DT, [ind(l3="组织企业参加展会", target="完成")]),
              lambda: form(DT, [ind(l3="组织企业参加展会", target="≥5家")])),
    "PX405": (lambda: form(PT, [ind("满意度指标", "服务对象满意度指标", "受益者满意度", "满意度 ≥ 90")]),
              lambda: form(PT, [ind("满意度指标", "服务对象满意度指标", "受益者满意度", "≥90%")])),
    "PX406": (lambda: form(DT, [ind(l3="购置资产数量", target="≥3台、件、辆、套等")]),
              lambda: form(DT, [ind(l3="购置资产数量", target="≥3台")])),
    "PX407": (lambda: form(PT, [ind(l3="证书数量", target="9个Ukey")]), lambda: form(PT, [ind(l3="证书数量", target="＝9个")])),
    "PX408": (lambda: form(DT, [ind("效益指标", "社会效益指标", "企业受益率", "≥100%")]),
              lambda: form(DT, [ind("效益指标", "社会效益指标", "企业受益率", "＝100%")])),
    "PX409": (lambda: form(DT, [ind("成本指标", "经济成本指标", "法律顾问费用", "≥6000元")]),
              lambda: form(DT, [ind("成本指标", "经济成本指标", "法律顾问费用", "≤6000元")])),
    "PX410": (lambda: form(DT, [ind("满意度指标", "服务对象满意度", "企业满意度", "≥60%")]),
              lambda: form(DT, [ind("满意度指标", "服务对象满意度", "企业满意度", "≥90%")])),
    "PX411": (lambda: form(DT, [ind("效益指标", "数量指标", "培训次数", "≥3次")]),
              lambda: form(DT, [ind("产出指标", "数量指标", "培训次数", "≥3次")])),
    "PX412": (lambda: form(PT, [ind("预期产出指标", "质量指标", "为企业办证服务质量", "企业满意度≥95%")]),
              lambda: form(PT, [ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥95%")])),
    "PX413": (lambda: form(DT, [ind("满意度指标", "服务对象满意度指标", "走访企业数", "≥5家")]),
              lambda: form(DT, [ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥97%")])),
    "PX414": (lambda: form(DT, [ind("效益指标", "经济效益指标", "在职人员控制率", "≤100%")]),
              lambda: form(DT, [ind("过程", "人员管理", "在职人员控制率", "≤100%")])),
    "PX415": (lambda: form(PT, [ind("效益指标", "生态效益指标", "助推我市开放型经济发展", "有效")]),
              lambda: form(PT, [ind("效益指标", "生态效益指标", "企业发展符合环保要求", "符合")])),
    "PX416": (lambda: form(PT, [ind("预期产出指标", "预算（或投资规模）控制指标", "预算执行率", "≥95%")]),
              lambda: form(PT, [ind("预期产出指标", "预算（或投资规模）控制指标", "每场活动成本", "≤5万元")])),
    "PX417": (lambda: form(PT, [ind(l3="外出考察次数", target="1-2次")]), lambda: form(PT, [ind(l3="外出考察次数", target="≥1次")])),
    "PX418": (lambda: form(DT, [ind("成本指标", "经济成本指标", "法律顾问费用", "≤6000元", explain="法律顾问费用")]),
              lambda: form(DT, [ind("成本指标", "经济成本指标", "法律顾问费用", "≤6000元", explain="聘请法律顾问的合同金额")])),
    "PX419": (lambda: form(DT, [ind(l3="固定资产利用率", target="≥75%", explain="利用率=（实际在用固定资产总额/所有固定资")]),
              lambda: form(DT, [ind(l3="固定资产利用率", target="≥75%", explain="利用率=实际在用固定资产总额/所有固定资产总额×100%")])),
    "PX420": (lambda: form(DT, [ind(l3="部门决算公开及时性", target="＝100%", formula="公开通知文件")]),
              lambda: form(DT, [ind(l3="部门决算公开及时性", target="＝100%", formula="统计法")])),
    "PX421": (lambda: form(DT, [ind("满意度指标", "服务对象满意度", "企业满意度", "≥97%", formula="调查企业满意数/调查企业满意总数*100%")]),
              lambda: form(DT, [ind("满意度指标", "服务对象满意度", "企业满意度", "≥97%", formula="调查企业满意数/调查企业总数*100%")])),
    "PX422": (lambda: form(DT, [ind(l2="质量指标", l3="购置验收通过率", target="=100%", standard="正向指标，全部完成得满分")]),
              lambda: form(DT, [ind(l2="质量指标", l3="购置验收通过率", target="≥95%", standard="正向指标，全部完成得满分")])),
    "PX501": (lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6, weight=100, rate=100, score=10)]),
              lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6, weight=10, rate=100, score=10)])),
    "PX502": (lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6, weight=10, rate=100, score=100)]),
              lambda: ps([], [line("年度资金总额", "total", full=8.6, executed=8.6, weight=10, rate=100, score=10)])),
    "PX503": (lambda: ps([ps_row(weight=50, score=50), ps_row(weight=50, score=50)]), lambda: ps(ps90())),
    "PX504": (lambda: ps([ps_row(weight=60, score=60), ind("效益指标", "社会效益指标", "受益企业数", "≥10家", actual="10家",
                                                           weight=20, score=20),
                          ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", actual="95%", weight=10, score=10)]),
              lambda: ps(ps90())),
    "PX505": (lambda: form(PS, total_weight=F_score(200)), lambda: form(PS, total_weight=F_score(100))),
    "PX506": (lambda: ps([ps_row(weight=0, score=0)]), lambda: ps([ps_row()])),
    "PX507": (lambda: ps([ps_row(weight=5, score=8, deviation="说明")]), lambda: ps([ps_row(weight=5, score=5)])),
    "PX508": (lambda: ps(ps90(), total_score=F_score(90)), lambda: ps(ps90(), total_score=F_score(100))),
    "PX509": (lambda: ps([ps_row(target="≥3家", actual="2家", score=8)]),
              lambda: ps([ps_row(target="≥3家", actual="2家", score=6.67)])),
    "PX510": (lambda: ps([ps_row(target="完成", actual="完成", weight=5, score=3)]),
              lambda: ps([ps_row(target="完成", actual="完成", weight=5, score=4, deviation="资料归档略迟")])),
    "PX511": (lambda: ps([ps_row(score=8)]), lambda: ps([ps_row(score=8, deviation="推迟一次，下年提前安排")])),
    "PX512": (lambda: ps([ps_row(target="1-2次", actual="1", score=8), ps_row(target="1-2次", actual="1", weight=5, score=5)]),
              lambda: ps([ps_row(target="1-2次", actual="1", score=10), ps_row(target="1-2次", actual="1", weight=5, score=5)])),
    "PX513": (lambda: ps([ps_row(target="≥10次", actual="20次")]), lambda: ps([ps_row(target="≥10次", actual="11次")])),
    "PX514": (lambda: ds([perf("效益指标", "社会效益", "企业满意度", "≥95%", "80%", 100)]),
              lambda: ds([perf("效益指标", "社会效益", "企业满意度", "≥95%", "80%", 84.21, score=8.42)])),
    "PX515": (lambda: ds([perf("产出指标", "数量指标", "a", "≥10份", "10份", 100)],
                         tables={"blocks": [line("产出指标", weight=10, score=10, n_60_100=1, n_100_150=0)]}),
              lambda: ds([perf("产出指标", "数量指标", "a", "≥10份", "10份", 100)],
                         tables={"blocks": [line("产出指标", weight=10, score=10, n_60_100=0, n_100_150=1)]})),
    "PX516": (lambda: ds([perf("产出指标", "数量指标", "a", "≥10份", "5份", 50, score=5)]),
              lambda: ds([perf("产出指标", "数量指标", "a", "≥10份", "5份", 50, score=0)])),
    "PX517": (lambda: _management("绩效管理", 10), lambda: _management("绩效管理", 15)),
    "PX518": (lambda: ds(grade_stated="优", duty_score=F_score(40), mgmt_score=F_score(45)),
              lambda: ds(grade_stated="良", duty_score=F_score(40), mgmt_score=F_score(45))),
    "PX519": (lambda: ps(ps90(), [line("年度资金总额", "total", full=10, executed=5, weight=10, rate=50, score=5)]),
              lambda: ps(ps90(), [line("年度资金总额", "total", full=10, executed=10, weight=10, rate=100, score=10)])),
    "PX601": (lambda: form(DT, annual_goal="立足贸促投资促进职能，发挥行业优势",
                           tables={"tasks": [line("任务", task="立足贸促投资促进职能，发挥行业优势", amount=1)]}),
              lambda: form(DT, annual_goal="全年签发原产地证书不少于80份",
                           tables={"tasks": [line("任务", task="立足贸促投资促进职能，发挥行业优势", amount=1)]})),
    "PX602": (lambda: form(PS, [ps_row(l3="组织参展企业数", target="3-5家")], goal_expected="组织不少于5家外经贸企业参加洽谈会"),
              lambda: form(PS, [ps_row(l3="组织参展企业数", target="≥5家")], goal_expected="组织不少于5家外经贸企业参加洽谈会")),
    "PX603": (lambda: staffed("＝100%"), lambda: staffed("≤140%")),
    "PX604": (lambda: ds([perf("产出指标", "数量指标", "a", "x", "y", 100), perf("产出指标", "质量指标", "b", "x", "y", 100)],
                         tables={"declared_counts": [line("数量指标", count=2)]}),
              lambda: ds([perf("产出指标", "数量指标", "a", "x", "y", 100), perf("产出指标", "质量指标", "b", "x", "y", 100)],
                         tables={"declared_counts": [line("数量指标", count=1)]})),
    "PX605": (lambda: ds([ind("效益指标", "社会效益", "增强贸促服务能力", "有效"),
                          perf("效益指标", "社会效益", "增强贸易服务能力", "有效", "有效", 100)]),
              lambda: ds([ind("效益指标", "社会效益", "增强贸促服务能力", "有效"),
                          perf("效益指标", "社会效益", "增强贸促服务能力", "有效", "有效", 100)])),
}


def F_score(x):
    from tests.rule_builders import F
    return F("score", x, "score")


def _half_budget(half):
    spending = [line("基本支出", "basic", half=107.66, full=215.32), line("项目支出", "project", half=13.91, full=18.03)]
    return form(DT, [ind("过程", "预算执行", "预算执行率", "＝100%", half=half)], total_funds=233.35,
                tables={"spending": spending})


def _half_completion(half):
    rows = [ind("履职", "组织企业参加展会", "组织企业参加展会数量", "＝15场次", half="＝5场次"),
            ind("履职", "组织企业参加展会", "参加展会数量完成率", "≥100%", half=half)]
    rows[1].level2 = rows[0].level2
    return form(DT, rows)


def _money_share(half):
    spending = [line("货物原产地证签发", "project_line", half=half, full=10.21)]
    rows = [ind("履职", "原产地证", "原产地证书签发数量", "≥10000份", half="≥5000份", project="货物原产地证签发")]
    return form(DT, rows, tables={"spending": spending})


def _management(item, weight):
    from perfxl.config import Config, ScoringSettings
    f = ds(tables={"management": [line(item, "item", weight=weight, score=weight)]})
    return f, Config(scoring=ScoringSettings(guangzhou=True))


FORM_RULES = sorted(c for c, r in RULES.items() if r.spec.scope == "form" and c not in ("PX916", "PX917"))


def _run(factory):
    built = factory()
    if isinstance(built, tuple):
        return codes(*built)
    return codes(built)


def test_every_form_rule_has_cases():
    assert sorted(CASES) == FORM_RULES


@pytest.mark.parametrize("code", sorted(CASES))
def test_failing_case(code):
    bad, _ = CASES[code]
    assert code in _run(bad)


@pytest.mark.parametrize("code", sorted(CASES))
def test_passing_case(code):
    _, good = CASES[code]
    assert code not in _run(good)


# --- workbook and folder scope ---------------------------------------------------------------

def _unit_forms(dept_amount, dept_range="5-8家"):
    dept = form(DT, [ind("产出指标", "数量指标", f"组织{dept_range}企业参加展会", "完成")], unit_name="中心",
                tables={"tasks": [line("专项业务经费", amount=dept_amount)]})
    project = ps([ps_row(l3="组织参展企业数", target="3-5家", actual="3家")], project_name="专项业务经费",
                 implementer="中心")
    return dept, project


def test_px606_dept_project_amounts():
    assert "PX606" in wb_codes(list(_unit_forms(8.2)))
    assert "PX606" not in wb_codes(list(_unit_forms(8.6)))


def test_px607_dept_project_targets():
    assert "PX607" in wb_codes(list(_unit_forms(8.6)))
    assert "PX607" not in wb_codes(list(_unit_forms(8.6, "3-5家")))


def test_px608_target_selfeval_names():
    target = form(PT, [ind(l3="参加活动场次", target="≥4次")], project_name="经贸活动")
    bad = ps([ps_row(l3="活动开展次数")], project_name="经贸活动")
    good = ps([ps_row(l3="参加活动场次")], project_name="经贸活动")
    assert "PX608" in wb_codes([target, bad])
    assert "PX608" not in wb_codes([target, good])


def test_folder_rules_pair_forms_across_files():
    from perfxl.config import Config
    from perfxl.rules import run_folder_rules

    dept, project = _unit_forms(8.2)
    found = run_folder_rules({"a.xlsx": [dept], "b.xlsx": [project]}, Config())
    assert sorted(f.rule for f in found["a.xlsx"]) == ["PX609", "PX610"]
    # reported on both files: the project file gets the same two findings on its own cells
    assert sorted(f.rule for f in found["b.xlsx"]) == ["PX609", "PX610"]
    assert {f.form for f in found["b.xlsx"]} == {"project_selfeval"}
    same_file = run_folder_rules({"a.xlsx": [dept, project]}, Config())
    assert same_file["a.xlsx"] == []  # the workbook rules report those


# --- patterns found by the injection harness (samples/inject.py on samples/clean/) ------------
# Each: (code, failing form, passing form). The passing forms are correct patterns of the clean
# workbooks that an earlier version flagged; the failing forms are defects an earlier version missed.

def _dated(year, goal):
    return form(PT, [ind(l3="养护里程", target="≥1200公里", medium="≥3600公里")], year=year, annual_goal=goal,
                medium_funds=30.0, annual_funds=10.0)


def _pt_unnamed(l3):
    return mt(3, 1, [ind(l3=l3, target="≥5万人", medium="≥15万人", ml3="家庭医生签约服务人数")])


HARNESS_CASES = [
    ("PX415", lambda: form(PT, [ind("效益指标", "生态效益指标", "助推我市开放型经济发展", "≥90%")]),
     lambda: form(PT, [ind("效益指标", "生态效益指标", "化肥使用量减少率", "≥3%"),
                       ind("效益指标", "生态效益指标", "新能源公交车占比", "≥80%")])),
    ("PX415", lambda: form(PS, [ind("效益指标", "生态效益指标", "助推经济发展", "≥5%", actual="6%", weight=5, score=5)]),
     lambda: form(PS, [ind("效益指标", "生态效益指标", "项目区化肥使用量减少率", "≥3%", actual="3.2%", weight=5, score=5)])),
    ("PX405", lambda: form(DT, [ind("效益指标", "社会效益指标", "辖区安全生产事故起数", "≤0")]),
     lambda: form(DT, [ind("效益指标", "社会效益指标", "辖区安全生产事故起数", "≤0起")])),
    ("PX602", lambda: form(PT, [ind(l3="农村公路养护里程", target="≥1000公里")], annual_funds=1800.0,
                           annual_goal="2021年完成农村公路养护不少于1200公里。"),
     lambda: form(PT, [ind("预期产出指标", "预算（或投资规模）控制指标", "每公里养护补助标准", "≤1.5万元")], annual_funds=1800.0,
                  annual_goal="2021年安排农村公路养护补助1800万元。")),
    ("PX311", lambda: mt(3, 1, [ind(l3="家庭医生签约服务人数", target="≥5万人", medium="≥5万人")]),
     lambda: mt(3, 1, [ind(l3="单位日常办公的安保、清洁的人数", target="≥3人", medium="≥3人")])),
    ("PX304", lambda: form(DT, [ind("履职", "基本公卫", "建立居民电子健康档案人数", "≥12万人", half="≥24万人")]),
     lambda: form(DT, [ind("履职", "基本公卫", "建立居民电子健康档案人数", "≥12万人", half="≥6万人")])),
    ("PX408", lambda: form(DT, [ind("产出指标", "时效指标", "补贴资金按时拨付率", "≥100%")]),
     lambda: form(DT, [ind("产出指标", "时效指标", "补贴资金按时拨付率", "＝100%")])),
    ("PX301", lambda: _dated(2022, "2021年安排农村公路养护补助，完成养护里程不少于1200公里。"),
     lambda: _dated(2022, "2022年完成养护里程不少于1200公里，优良路率比2021年提高2个百分点。")),
    ("PX107", lambda: _pt_unnamed(""), lambda: _pt_unnamed("家庭医生签约服务人数")),
    ("PX409", lambda: ps([ind("产出指标", "成本指标", "单场活动平均成本", "≥1万元", actual="1.1万元", weight=10, score=10)]),
     lambda: ps([ind("产出指标", "成本指标", "单场活动平均成本", "≤1万元", actual="1.1万元", weight=10, score=9,
                     deviation="物料涨价")])),
    ("PX509", lambda: ps([ps_row(target="≥6场", actual="5场", score=9.33, deviation="汛期延期一场")]),
     lambda: ps([ps_row(target="≥6场", actual="5场", score=8.33, deviation="汛期延期一场")])),
    ("PX605", lambda: ds([ind("产出指标", "数量指标", "新建高标准农田面积", "≥5000亩"),
                          perf("产出指标", "数量指标", "新建高标准农田面积", "5000亩", "5200亩", 1.04)]),
     lambda: ds([ind("产出指标", "数量指标", "新建高标准农田面积", "≥5000亩"),
                 perf("产出指标", "数量指标", "新建高标准农田面积", "≥5000亩", "5200亩", 1.04)])),
]


@pytest.mark.parametrize("code,bad,good", HARNESS_CASES, ids=[f"{c}-{i}" for i, (c, _b, _g) in enumerate(HARNESS_CASES)])
def test_harness_patterns(code, bad, good):
    assert code in _run(bad)
    assert code not in _run(good)


# Plainly correct wordings an accountant writes, which no rule may flag (precision on clean forms).
CLEAN_PHRASINGS = [
    ind("产出指标", "数量指标", "组织活动场次", "≥10场", explain="组织展会、培训、论坛等", basis="年度工作计划",
        formula="统计活动场次", standard="达到目标值得满分"),
    ind("效益指标", "可持续影响指标", "长效工作机制", "健全", explain="建立并持续运行的企业服务工作机制",
        basis="部门职责", formula="查阅制度文件", standard="机制健全得满分，基本健全得一半分"),
    ind("效益指标", "生态效益指标", "纸质材料减少比例", "≥30%", explain="推行无纸化办公减少的纸张用量比例",
        basis="节约型机关建设要求", formula="（上年用纸量-本年用纸量）÷上年用纸量×100%", standard="达到目标值得满分"),
    ind("产出指标", "质量指标", "验收合格率", "＝100%", explain="通过验收的项目占全部项目的比例",
        basis="项目管理办法", formula="以验收报告为准", standard="全部合格得满分"),
]


@pytest.mark.parametrize("row", CLEAN_PHRASINGS, ids=lambda r: r.level3.raw)
def test_clean_phrasings_are_not_flagged(row):
    found = [f for f in codes_of(form("dept_target", [row])) if f.startswith(("PX41", "PX42"))]
    assert not found, found


def codes_of(f):
    from perfxl.config import Config
    from perfxl.rules import run_rules

    return [x.rule for x in run_rules(f, Config()) if x.severity in ("error", "warning")]


def test_prior_year_execution_rate_of_a_dept_target_is_checked():
    from tests.rule_builders import F

    def dept(rate):
        f = form("dept_target", [ind("产出指标", "数量指标", "培训场次", "≥2场")])
        f.fields.update(prior_initial=F("prior_initial", 80.0), prior_adjusted=F("prior_adjusted", 82.0),
                        prior_actual=F("prior_actual", 80.5), prior_rate=F("prior_rate", rate, "pct"))
        return f

    assert "PX212" in codes_of(dept(100.63))  # 80.5 ÷ 80 (年初预算) instead of ÷ 82 (调整预算)
    assert "PX212" not in codes_of(dept(98.17))  # 80.5 ÷ 82


def test_px302_checks_both_the_medium_heading_and_the_goal_text():
    from tests.rule_builders import F

    def target(heading, goal):
        f = form("project_target", [ind("产出指标", "数量指标", "培训场次", "≥2场", medium="≥6场")])
        f.fields.update(medium_period=F("medium_period", heading), medium_goal=F("medium_goal", goal))
        return f

    assert "PX302" in codes_of(target("中期滚动目标（2020年--2022年）", "三年内开展培训"))
    assert "PX302" in codes_of(target("中期滚动目标（2021年--2023年）", "2020年-2022年开展培训18场"))
    assert "PX302" not in codes_of(target("中期滚动目标（2021年--2023年）", "2021年-2023年开展培训18场"))
