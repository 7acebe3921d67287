"""The layout variants of the seeds: a cover and notes sheet, and the national single-year project_target."""

from __future__ import annotations

from sample_book import M, Book, indicator_table
from seed_002 import WW_GOAL


def build_cover(book: Book) -> None:
    s = book.sheet("封面")
    s.widths(60)
    s.put(3, 1, "武威市对外经济贸易发展服务中心", border=False, size=16, bold=True)
    s.put(5, 1, "2021年度项目支出绩效自评报送材料", border=False, size=20, bold=True)
    s.put(9, 1, "报送单位：市对外经济贸易发展服务中心（盖章）", border=False)
    s.put(10, 1, "主管部门：市商务局", border=False)
    s.put(11, 1, "报送日期：2022年3月15日", border=False)
    n = book.sheet("填报说明")
    n.widths(100)
    notes = [
        "填报说明",
        "1．本表由项目实施单位填报，金额单位为万元，保留两位小数。",
        "2．“全年预算数”填写调整后的全年预算，“全年执行数”填写截至12月31日的实际支出；执行率=全年执行数÷全年预算数。",
        "3．预算执行率分值为10分，其余绩效指标分值合计为90分，总分100分。",
        "4．定量指标未完成的，按实际完成值÷年度指标值×分值计分；定性指标按达成、部分达成、未达成分档计分。",
        "5．得分低于分值的指标，须在“偏差原因分析及改进措施”栏说明原因及改进措施。",
        "6．本说明页及封面不参与数据汇总。",
    ]
    for i, t in enumerate(notes, start=1):
        n.put(i, 1, t, border=False, align="left", bold=i == 1)


def national_target_data() -> dict:
    rng = "PX4 区间目标（非标准）"
    return dict(indicators=[
        ("产出指标", "数量指标", "外出考察次数", M("1-2次", rng)),
        ("产出指标", "数量指标", "举行培训班次数", M("1-2次", rng)),
        ("产出指标", "数量指标", "组织参展企业数", M("3-5家", rng, "PX6 年度绩效目标写“不少于5家”，与3-5家不一致")),
        ("产出指标", "质量指标", "培训合格率", "≥95%"),
        ("产出指标", "时效指标", "项目按期完成率", "＝100%"),
        ("产出指标", "成本指标", "严格按相关规定执行", M("合规", "PX4 成本指标填定性“合规”，应为≤数值")),
        ("效益指标", "经济效益指标", "进出口贸易额保持正增长", "正增长"),
        ("效益指标", "社会效益指标", "外贸企业稳定发展", "稳定"),
        ("效益指标", "生态效益指标", "企业发展符合环保要求", "符合"),
        ("效益指标", "可持续影响指标", "外向型经济健康发展", "健康"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ])


def build_national_target(book: Book, d: dict) -> None:
    s = book.sheet("项目支出绩效目标申报表")
    s.widths(12, 14, 18, 30, 20)
    s.title(1, "项目支出绩效目标申报表", 5)
    s.line(2, "（2021年度）", 5)
    s.put(3, 1, "项目名称", bold=True)
    s.put(3, 2, "服务外向型经济工作经费", 1, 4)
    s.put(4, 1, "主管部门", bold=True)
    s.put(4, 2, "市商务局", 1, 2)
    s.put(4, 4, "实施单位", bold=True)
    s.put(4, 5, "市对外经济贸易发展服务中心")
    s.put(5, 1, "项目资金\n（万元）", 3, 1, bold=True)
    for i, (name, v) in enumerate([("年度资金总额", 8.6), ("其中：财政拨款", 8.6), ("其他资金", 0)]):
        s.put(5 + i, 2, name, 1, 2)
        s.put(5 + i, 4, v, 1, 2, fmt="0.00")
    s.put(8, 1, "年度绩效目标", bold=True)
    s.put(8, 2, WW_GOAL, 1, 4, align="left")
    s.height(8, 150)
    rows = d["indicators"]
    r = indicator_table(s, 9, "年度绩效指标", ["一级指标", "二级指标", "三级指标", "指标值"], rows)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], align="left")
        s.put(r + i, 5, row[3])
