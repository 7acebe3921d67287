"""Configuration files, overrides, the perfxl.conf sheet and waivers."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.config import Config, ConfigError, apply_waivers, load_config, parse_conf_sheet
from perfxl.findings import Finding


def test_defaults():
    cfg = load_config(Path("/nonexistent-dir-for-perfxl"))
    assert cfg == Config() or cfg.profile == "national"
    assert cfg.money_tol == 0.01 and cfg.pct_tol == 0.01 and cfg.scoring.over_ratio == 1.2


def test_perfxl_toml_beside_files(tmp_path):
    (tmp_path / "perfxl.toml").write_text(
        'profile = "guangxi"\nignore = ["PX416"]\n[severity]\nPX417 = "info"\n[tolerance]\nmoney = 0.05\n',
        encoding="utf-8")
    sub = tmp_path / "收到的表"
    sub.mkdir()
    cfg = load_config(sub)
    assert cfg.profile == "guangxi" and cfg.scoring.over_ratio == 1.3
    assert cfg.ignore == ("PX416",) and cfg.money_tol == 0.05
    assert cfg.severity_for("PX417", "range-target", "warning") == "info"


def test_pyproject_tool_table_and_explicit_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.perfxl]\nselect = ["PX2"]\n', encoding="utf-8")
    assert load_config(tmp_path).select == ("PX2",)
    explicit = tmp_path / "other.toml"
    explicit.write_text('profile = "grade_80"\n', encoding="utf-8")
    cfg = load_config(tmp_path, explicit)
    assert cfg.select == () and cfg.scoring.grades[0] == (80.0, "优")


def test_bad_config_is_reported(tmp_path):
    (tmp_path / "perfxl.toml").write_text('profil = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path)
    with pytest.raises(ConfigError):
        Config().with_settings({"severity": {"PX205": "fatal"}})
    with pytest.raises(ConfigError):
        load_config(tmp_path, tmp_path / "missing.toml")


def test_with_overrides():
    cfg = Config(select=("PX",), ignore=("PX1",)).with_overrides(["PX2"], ["PX205"])
    assert cfg.select == ("PX2",) and cfg.ignore == ("PX1", "PX205")
    assert Config(select=("PX4",)).with_overrides(None, None).select == ("PX4",)


def test_severity_most_specific_wins():
    cfg = Config(severity=(("PX2", "info"), ("PX205", "error"), ("PX20", "warning")))
    assert cfg.severity_for("PX205", "tasks-total", "error") == "error"
    assert cfg.severity_for("PX204", "project-lines-sum", "error") == "warning"
    assert cfg.severity_for("PX210", "goal-text-money", "warning") == "info"


def test_conf_sheet_settings_and_waivers():
    rows = [["# perfxl 设置"], ["profile = guangzhou"], ["severity.PX416 = off"], ["PX205", "B12", "已核实"],
            ["PX4 Sheet1!C7 历史原因"], ["wrong-direction", "*"], [None, None]]
    settings, waivers = parse_conf_sheet(rows)
    assert settings == {"profile": "guangzhou", "severity.PX416": "off"}
    assert [(w.code, w.sheet, w.cell, w.reason, w.row) for w in waivers] == [
        ("PX205", None, "B12", "已核实", 4), ("PX4", "Sheet1", "C7", "历史原因", 5), ("wrong-direction", None, "*", "", 6)]
    cfg = Config().with_sheet(rows)
    assert cfg.profile == "guangzhou" and cfg.scoring.guangzhou and len(cfg.waivers) == 3
    assert cfg.severity_for("PX416", "budget-rate-indicator", "warning") == "off"
    with pytest.raises(ConfigError):
        parse_conf_sheet([["这不是一条设置"]])


def _f(rule, cell, sheet="Sheet1"):
    return Finding(rule, "error", sheet, cell, "x")


def test_apply_waivers():
    import perfxl.rules  # noqa: F401 - kebab names resolve through the catalogue

    _, waivers = parse_conf_sheet([["PX205", "B12"], ["PX4", "Sheet1!C7"], ["wrong-direction", "*"], ["PX301", "A1"]])
    findings = [_f("PX205", "B12"), _f("PX205", "B13"), _f("PX412", "C7"), _f("PX412", "C7", "Sheet2"),
                _f("PX409", "D9")]
    kept, unused = apply_waivers(findings, waivers)
    assert [(f.rule, f.cell, f.sheet) for f in kept] == [("PX205", "B13", "Sheet1"), ("PX412", "C7", "Sheet2")]
    assert [w.code for w in unused] == ["PX301"]


@pytest.mark.parametrize("line, message", [
    ('budget_weight = "十"', "应为数字"),
    ("budget_weight = true", "应为数字"),
    ('guangzhou = "maybe"', "应为 true 或 false"),
    ("grade_floor = 5", "应为文字"),
    ('grades = [[90, "优"], ["x", "良"]]', "格式不对"),
])
def test_scoring_settings_of_the_wrong_kind_are_config_errors(tmp_path, line, message):
    (tmp_path / "perfxl.toml").write_text(f"[scoring]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path)
    assert message in str(exc.value) and "perfxl.toml" in str(exc.value)


def test_scoring_settings_take_their_declared_kind(tmp_path):
    (tmp_path / "perfxl.toml").write_text(
        "[scoring]\nbudget_weight = 20\nguangzhou = true\n[scoring.gz_management_items]\n\"预算编制\" = 5\n",
        encoding="utf-8")
    s = load_config(tmp_path).scoring
    assert s.budget_weight == 20.0 and type(s.budget_weight) is float
    assert s.guangzhou is True and s.gz_management_items == (("预算编制", 5.0),)
    # a settings sheet gives text: "false" must not read as a true (non-empty) value
    sheet = Config().with_sheet([["scoring.guangzhou = false"], ["scoring.strict_top = 是"],
                                 ["scoring.check_split = 0"]])  # a sheet reads 0 as the number 0.0
    assert sheet.scoring.guangzhou is False and sheet.scoring.strict_top is True
    assert sheet.scoring.check_split is False
