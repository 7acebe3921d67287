"""Configuration end to end: perfxl.toml / [tool.perfxl] beside the files, --select/--ignore, and
waivers in a workbook's own perfxl.conf sheet (with unused waivers reported)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from perfxl.engine import CheckOptions, check_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_xuzhou_dept_target.xlsx"


def _rules(report) -> set[tuple[str, str]]:
    return {(f.rule, f.cell) for f in report.findings}


def test_baseline_has_the_wrong_direction_finding():
    assert ("PX409", "G58") in _rules(check_file(SAMPLE))


def test_perfxl_toml_beside_the_file_switches_a_rule_off_and_regrades_another(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "表.xlsx")
    (tmp_path / "perfxl.toml").write_text('ignore = ["PX409"]\nseverity = { PX308 = "error" }\n', encoding="utf-8")
    report = check_file(tmp_path / "表.xlsx")
    assert not [f for f in report.findings if f.rule == "PX409"]
    px308 = [f for f in report.findings if f.rule == "PX308"]
    assert px308 and all(f.severity == "error" for f in px308)


def test_tool_perfxl_in_pyproject_is_read(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "表.xlsx")
    (tmp_path / "pyproject.toml").write_text('[tool.perfxl]\nignore = ["PX4"]\n', encoding="utf-8")
    report = check_file(tmp_path / "表.xlsx")
    assert not [f for f in report.findings if f.rule.startswith("PX4")]
    assert [f for f in report.findings if f.rule.startswith("PX3")]


def test_command_line_select_and_ignore_by_code_prefix_and_name():
    only_px4 = check_file(SAMPLE, CheckOptions(select=("PX4",)))
    assert only_px4.findings and all(f.rule.startswith("PX4") for f in only_px4.findings)
    by_name = check_file(SAMPLE, CheckOptions(ignore=("wrong-direction",)))
    assert not [f for f in by_name.findings if f.rule == "PX409"]


def test_waivers_in_a_perfxl_conf_sheet_and_unused_ones_reported(tmp_path):
    path = tmp_path / "表.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb.create_sheet("perfxl.conf")
    ws.append(["# 豁免：规则 单元格 理由"])
    ws.append(["PX409", "G58", "已与财政局确认"])
    ws.append(["PX205", "Z99", "旧的豁免"])
    wb.save(path)
    report = check_file(path)
    rules = _rules(report)
    assert ("PX409", "G58") not in rules
    assert ("PX409", "F58") in rules  # waived on one cell only
    unused = [f for f in report.findings if f.rule == "PX917"]
    assert len(unused) == 1 and "PX205" in unused[0].message and unused[0].severity == "warning"


def test_a_bad_config_file_is_a_clear_error_not_a_traceback(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "表.xlsx")
    (tmp_path / "perfxl.toml").write_text('profile = "atlantis"\n', encoding="utf-8")
    report = check_file(tmp_path / "表.xlsx")
    assert report.status == "error" and "atlantis" in report.error
