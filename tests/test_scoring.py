"""Scoring with the DOMAIN numbers (§3, §5)."""

from __future__ import annotations

import pytest

from perfxl.config import PROFILES, ScoringSettings
from perfxl.scoring import (budget_score, completion_rate, execution_rate, grade_for, guangzhou_score,
                            over_achieved, qualitative_band, qualitative_outcome, round2, score_dept_selfeval,
                            score_project_selfeval, score_quantitative)
from tests.rule_builders import F, form, ind, line

NATIONAL = ScoringSettings()


def test_budget_score_seed_004():
    rate = execution_rate(602.05, 603.17)
    assert round(rate, 2) == 99.81
    assert budget_score(rate) == 9.98
    assert budget_score(120) == 10  # capped
    assert budget_score(100, 10) == 10


def test_positive_formula():
    assert score_quantitative("≥", 3, 2, 10) == 6.67
    assert score_quantitative("≥", 3, 3, 10) == 10
    assert score_quantitative(">", 95, 100, 10) == 10
    assert score_quantitative("≥", 3, -1, 10) == 0  # negative actual counts as 0


def test_reverse_formula_between_t_and_2t():
    assert score_quantitative("≤", 100, 80, 10) == 10
    assert score_quantitative("≤", 100, 150, 10) == 5
    assert score_quantitative("≤", 100, 200, 10) == 0
    assert score_quantitative("≤", 100, 250, 10) == 0


def test_equal_with_zero_target():
    assert score_quantitative("=", 0, 0, 10) == 10
    assert score_quantitative("=", 0, 1, 10) == 0
    assert score_quantitative("=", 100, 90, 10) == 9


def test_round_half_up():
    assert round2(6.665) == 6.67 and round2(2 / 3 * 10) == 6.67


def test_qualitative_bands():
    assert qualitative_outcome("完成", "完成") == "达成"
    assert qualitative_outcome("合规", "合规") == "达成"
    assert qualitative_outcome("有效", "部分达成") == "部分达成"
    assert qualitative_outcome("有效", "未达成") == "未达成"
    assert qualitative_band("达成", 5, NATIONAL) == (4, 5)
    assert qualitative_band("部分达成", 10, NATIONAL) == (6, 8)
    assert qualitative_band("未达成", 10, NATIONAL) == (0, 6)


@pytest.mark.parametrize("total,grade", [(90, "优"), (89.99, "良"), (80, "良"), (79.99, "中"), (60, "中"),
                                         (59.99, "差"), (100, "优")])
def test_grade_band_edges(total, grade):
    assert grade_for(total, NATIONAL) == grade


def test_grade_variants():
    assert grade_for(80, ScoringSettings(**PROFILES["grade_80"])) == "优"
    assert grade_for(90, ScoringSettings(**PROFILES["strict_90"])) == "良"
    assert grade_for(90.5, ScoringSettings(**PROFILES["strict_90"])) == "优"


def test_guangzhou_bands():
    gz = ScoringSettings(guangzhou=True)
    assert guangzhou_score(59.9, 10, gz) == 0
    assert guangzhou_score(80, 10, gz) == 8
    assert guangzhou_score(100, 10, gz) == 10
    assert guangzhou_score(150, 10, gz) == 10
    assert guangzhou_score(151, 10, gz) is None  # reduced: amount not fixed by any rule
    assert round(completion_rate("≥", 95, 100), 2) == 105.26
    assert completion_rate("≤", 100, 125) == 80


def test_over_achievement_thresholds():
    assert over_achieved("≥", 10, 12, NATIONAL)
    assert not over_achieved("≥", 10, 11.9, NATIONAL)
    guangxi = ScoringSettings(**PROFILES["guangxi"])
    assert not over_achieved("≥", 10, 12, guangxi) and over_achieved("≥", 10, 13, guangxi)
    assert over_achieved("≥", 0, 30, guangxi)
    assert not over_achieved("≤", 10, 20, NATIONAL)


def _project(rows, score=10):
    funds = [line("年度资金总额", "total", initial=8.6, full=8.6, executed=8.6, weight=10, rate=100, score=score)]
    return form("project_selfeval", rows, tables={"funds": funds})


def test_project_selfeval_rows_and_total():
    rows = [ind("产出指标", "数量指标", "组织参展企业数", "3-5家", actual="2家", weight=10, score=8),
            ind("产出指标", "时效指标", "按时完成", "完成", actual="完成", weight=5, score=4),
            ind("产出指标", "数量指标", "培训次数", "≥3次", actual="3次", weight=75, score=None)]
    result = score_project_selfeval(_project(rows), NATIONAL)
    first, second, third = result.rows
    assert first.expected_score == 6.67 and first.method == "区间"
    assert second.band == (4, 5) and second.value == 4
    assert third.expected_score == 75 and third.cell == rows[2].score.cell  # write-back target
    assert result.budget_score == 10
    assert result.total == round2(6.67 + 4 + 75 + 10) and result.grade == "优"


def test_dept_selfeval_seed_004():
    rows = [ind("产出指标", "数量指标", "a", "一是…；二是…", actual="完成", rate=100, weight=10, score=10,
                block="performance"),
            ind("效益指标", "服务对象满意度", "服务对象满意度", "95%", actual="100%", rate=100, weight=10, score=10,
                block="performance")]
    f = form("dept_selfeval", rows, rate_initial=616.96, rate_adjusted=603.17, rate_actual=602.05,
             mgmt_score=F("mgmt_score", 50, "score"))
    result = score_dept_selfeval(f, ScoringSettings(guangzhou=True))
    assert result.budget_score == 9.98
    assert [r.expected_score for r in result.rows] == [10, 10]
    assert result.total == 79.98 and result.grade == "中"  # 10 + 10 + 9.98 + 50


def test_indicator_weights_off_90_are_normalised_so_the_total_stays_within_100():
    """002: indicator weights add up to 100 (PX503); perfxl converts the indicator part to 90."""
    from pathlib import Path

    from perfxl.config import ScoringSettings
    from perfxl.reader import read_workbook
    from perfxl.scoring import score_project_selfeval

    path = Path(__file__).resolve().parents[1] / "samples" / "002_wuwei_selfeval_and_dept.xlsx"
    form = read_workbook(path).forms[0]
    result = score_project_selfeval(form, ScoringSettings())
    recomputed = sum(r.value for r in result.rows)  # 95.67 of 100 indicator points
    assert round(recomputed, 2) == 95.67
    assert result.budget_score == 10.0
    assert result.total == round(95.67 / 100 * 90 + 10, 2) == 96.1
    assert result.grade == "优"
