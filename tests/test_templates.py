"""The standard templates: regenerated content equals the checked-in files, labels come from the
specs, validations stay classic, print/protection settings hold, and the filled samples are
consistent examples."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from perfxl.forms import specs
from perfxl.labels import matches, norm
from perfxl.model import FORM_KIND_NAMES, FORM_KINDS
from perfxl.templates import build_template, template_cells, template_command, write_template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "workbook_templates"
FILLED = ROOT / "samples" / "templates_filled"

PRINT_TITLES = {"dept_target": "$34:$34", "project_target": "$8:$8",
                "project_selfeval": "$12:$12", "dept_selfeval": "$1:$2"}
FREEZE = {"dept_target": "A4", "project_target": "A4", "project_selfeval": "A4",
          "dept_selfeval": "A3"}


def _spec(group, key):
    return next(s for s in group if s.key == key)


H, D, I = specs.HEADER_FIELDS, specs.DEPT_TARGET_FIELDS, specs.INDICATOR_COLUMNS
P, F, S = specs.PROJECT_TARGET_FIELDS, specs.SELFEVAL_FUND_COLUMNS, specs.PROJECT_SELFEVAL_FIELDS
# the declared fields/columns each template must show (by their labels)
EXPECTED_SPECS = {
    "dept_target": [_spec(H, k) for k in ("unit_name", "budget_code", "contact", "phone")]
    + [_spec(D, k) for k in ("functions", "staff_quota", "staff_actual", "total_funds",
                             "fiscal_subtotal", "general_budget", "gov_fund", "special_account",
                             "state_capital", "social_security", "carryover", "other_funds",
                             "medium_goal", "annual_goal")]
    + list(specs.SPENDING_COLUMNS)
    + [_spec(specs.TASK_COLUMNS, k) for k in ("function", "task", "project", "amount")]
    + [_spec(I, k) for k in ("level1", "level2", "level3", "half_target", "target", "explain",
                             "basis", "formula", "standard")],
    "project_target": [_spec(H, k) for k in ("unit_name", "project_name")]
    + [_spec(P, k) for k in ("medium_funds", "annual_funds", "medium_goal", "annual_goal")]
    + [_spec(I, k) for k in ("level1", "level2", "level3", "target")],
    "project_selfeval": [_spec(H, k) for k in ("project_name", "department", "implementer")]
    + list(F) + list(S)
    + [_spec(I, k) for k in ("level1", "level2", "level3", "target", "actual", "weight", "score",
                             "deviation")],
    "dept_selfeval": [_spec(H, "unit_name")]
    + [_spec(specs.DEPT_SELFEVAL_FIELDS, k) for k in ("grade_stated", "total_score", "rate_initial",
                                                      "rate_adjusted", "rate_actual", "rate_stated")]
    + [_spec(I, k) for k in ("level1", "level2", "level3", "medium_target", "target", "actual",
                             "completion_rate", "weight", "score")],
}


def _signature(path: Path) -> dict:
    """What the comparison cares about: values, formats, locks, merges, validations, page setup."""
    wb = load_workbook(path)
    props = wb.properties
    sig = {"props": (props.creator, props.created, props.modified), "sheets": []}
    for ws in wb.worksheets:
        cells = {c.coordinate: (c.value, c.number_format, c.protection.locked, c.font.b,
                                c.fill.fgColor.rgb, c.alignment.horizontal)
                 for row in ws.iter_rows() for c in row
                 if c.value is not None or not c.protection.locked}
        dvs = sorted((dv.type or "", dv.formula1 or "", dv.formula2 or "", str(dv.sqref),
                      dv.prompt or "", dv.error or "", dv.errorStyle or "")
                     for dv in ws.data_validations.dataValidation)
        sig["sheets"].append({
            "title": ws.title, "cells": cells, "dvs": dvs,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes, "titles": ws.print_title_rows, "area": ws.print_area,
            "protected": ws.protection.sheet,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
            "breaks": [b.id for b in ws.row_breaks.brk],
            "setup": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
                      ws.page_setup.fitToHeight),
        })
    return sig


def _load_sample_builder():
    path = ROOT / "samples" / "build_filled_templates.py"
    spec = importlib.util.spec_from_file_location("build_filled_templates", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_regenerated_template_equals_checked_in(kind, tmp_path):
    fresh = write_template(kind, tmp_path / f"{kind}.xlsx")
    assert _signature(fresh) == _signature(TEMPLATES / f"{kind}.xlsx"), \
        "模板已过期：请运行 write_template 重新生成 workbook_templates/"


def test_saving_is_byte_deterministic(tmp_path):
    a = write_template("project_selfeval", tmp_path / "a.xlsx").read_bytes()
    b = write_template("project_selfeval", tmp_path / "b.xlsx").read_bytes()
    assert a == b


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_validations_are_classic_inline_lists(kind):
    with zipfile.ZipFile(TEMPLATES / f"{kind}.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(z.read(n).decode("utf-8") for n in sheets)
    assert "x14:" not in xml and "extLst" not in xml
    ws = load_workbook(TEMPLATES / f"{kind}.xlsx").worksheets[0]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists, "应有二级指标等下拉列表"
    for dv in lists:
        assert dv.formula1.startswith('"') and dv.formula1.endswith('"')
        assert len(dv.formula1) <= 255
        assert "!" not in dv.formula1  # inline, never a range on another sheet
    level2 = {name for dv in lists for name in dv.formula1.strip('"').split(",")}
    assert {"数量指标", "质量指标", "时效指标"} <= level2


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_page_setup_view_and_protection(kind):
    wb = load_workbook(TEMPLATES / f"{kind}.xlsx")
    ws = wb.worksheets[0]
    assert ws.title == FORM_KIND_NAMES[kind]
    assert wb.sheetnames[1] == "填表说明"
    assert ws.print_title_rows == PRINT_TITLES[kind]
    assert ws.freeze_panes == FREEZE[kind]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.protection.sheet and not ws.protection.password
    assert wb.properties.creator == "perfxl"
    cells = template_cells(kind)
    # merged ranges: only the top-left cell holds a value
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row
                if not c.protection.locked and not isinstance(c, MergedCell)}
    formulas = {c.coordinate for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    # every input is reachable by key, every keyed cell is an input or a formula
    assert unlocked <= set(cells.values())
    keyed = {addr for key, addr in cells.items() if not key.endswith(".level1")}
    assert keyed <= unlocked | formulas
    assert formulas.isdisjoint(unlocked)
    # labels (text, not formulas) are never editable
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and not c.value.startswith("="):
                assert c.protection.locked, c.coordinate


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_spec_labels_are_present(kind):
    ws = build_template(kind).worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for spec in EXPECTED_SPECS[kind]:
        assert any(matches(t, spec.labels) for t in texts), f"{kind} 缺少 {spec.key} 的标签"
    # canonical labels where the template has no reason to differ from the seeds
    canonical = {norm(t) for t in texts}
    assert norm(specs.INDICATOR_COLUMNS[0].labels[0]) in canonical  # 一级指标
    assert norm(FORM_KIND_NAMES[kind]) in {norm(t).removeprefix("年度") for t in texts}


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_notes_sheet_names_no_form_title(kind):
    """The reader recognises forms by their titles; the 填表说明 sheet must never look like one."""
    ws = build_template(kind)["填表说明"]
    words = [norm(w) for w in specs.TITLE_WORDS]
    texts = [norm(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(texts) > 8
    assert not any(w in t for t in texts for w in words)
    assert ws.protection.sheet


def test_project_target_halves_are_distinguishable():
    ws = build_template("project_target").worksheets[0]
    heads = [ws.cell(8, c).value for c in range(2, 9)]
    assert heads[:3] == ["一级指标", "二级指标", "三级指标"] and heads[4:6] == ["二级指标", "三级指标"]
    medium, annual = heads[3], heads[6]
    assert norm(medium) != norm(annual)
    target = _spec(I, "target").labels
    assert matches(medium, target) and matches(annual, target)


def test_year_input_sits_right_of_its_label():
    for kind in FORM_KINDS:
        ws = build_template(kind).worksheets[0]
        year = ws[template_cells(kind)["year"]]
        label = ws.cell(year.row, year.column - 1)
        if isinstance(label, MergedCell):
            label = next(ws.cell(r.min_row, r.min_col) for r in ws.merged_cells.ranges
                         if label.coordinate in r)
        assert norm(label.value) == "年度"


def test_template_command(tmp_path):
    path = template_command("dept_target", tmp_path)
    assert path == tmp_path / "部门整体支出绩效目标表.xlsx" and path.exists()
    path = template_command("项目支出绩效自评表", tmp_path / "自评")
    assert path.name == "自评.xlsx" and path.exists()
    with pytest.raises(ValueError) as err:
        template_command("dept_targets", tmp_path)
    message = str(err.value)
    assert "未知的表格类型" in message and all(kind in message for kind in FORM_KINDS)


def test_templates_open_with_calamine():
    calamine = pytest.importorskip("python_calamine")
    for kind in FORM_KINDS:
        wb = calamine.CalamineWorkbook.from_path(str(TEMPLATES / f"{kind}.xlsx"))
        assert wb.sheet_names == [FORM_KIND_NAMES[kind], "填表说明"]
        rows = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
        assert any("绩效" in str(v) for v in rows[0])


# ------------------------------------------------------------------------------------------------
# Filled samples

@pytest.mark.parametrize("kind", FORM_KINDS)
def test_filled_samples_are_up_to_date(kind, tmp_path):
    builder = _load_sample_builder()
    builder.main([str(tmp_path)])
    assert _signature(tmp_path / f"{kind}_filled.xlsx") == _signature(FILLED / f"{kind}_filled.xlsx"), \
        "示例已过期：请运行 python samples/build_filled_templates.py"


def _number(text):
    return float(re.search(r"\d+(?:\.\d+)?", str(text)).group())


def test_filled_examples_are_consistent():
    data = _load_sample_builder().FILLED
    # dept_target: sources = spending = tasks; each 半年 ≤ 全年
    dt = data["dept_target"]
    f = dt["fields"]
    income = sum(f[k] for k in ("general_budget", "gov_fund", "state_capital", "social_security",
                                "special_account", "carryover", "other_funds"))
    spending = f["spending.basic.full"] + f["spending.other.full"] + sum(x["full"] for x in dt["spending"])
    assert round(income, 2) == round(spending, 2) == round(sum(t["amount"] for t in dt["tasks"]), 2)
    assert all(x["half"] <= x["full"] for x in dt["spending"])
    assert all(re.match(r"^[≥≤＝]", row[4]) or row[4] in ("健全",) for row in dt["ind"])
    # project_target: 中期 = 3 × 年度
    pt = data["project_target"]["fields"]
    assert pt["medium_funds"] == 3 * pt["annual_funds"]
    # project_selfeval: weights 10 + 50/30/10, scores per DOMAIN §3.5, grade
    ps = data["project_selfeval"]
    f = ps["fields"]
    full = f["funds.fiscal.full"] + f["funds.carryover.full"] + f["funds.other.full"]
    executed = f["funds.fiscal.executed"] + f["funds.carryover.executed"] + f["funds.other.executed"]
    assert f["funds.total.score"] == round(min(executed / full, 1) * 10, 2)
    weights = {}
    for level1, _, _, target, actual, weight, score, deviation in ps["ind"]:
        weights[level1] = weights.get(level1, 0) + weight
        if target[0] in "≥≤＝":
            t, a = _number(target), _number(actual)
            met = a <= t if target[0] == "≤" else a >= t
            assert score == (weight if met else round(a / t * weight, 2)), target
        assert (deviation is not None) == (score < weight)
    assert weights == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    total = round(sum(row[6] for row in ps["ind"]) + f["funds.total.score"], 2)
    assert total == 98.37  # 优
    # dept_selfeval: 20 + 20 + 10 + 50; 支出率得分 = 10 × 执行率
    ds = data["dept_selfeval"]
    f = ds["fields"]
    assert f["rate_score"] == round(10 * f["rate_actual"] / f["rate_adjusted"], 2)
    assert sum(row[6] for row in ds["output"]) == sum(row[6] for row in ds["benefit"]) == 20
    mgmt = sum(v for k, v in f.items() if k.startswith("management."))
    total = sum(row[7] for row in ds["output"] + ds["benefit"]) + f["rate_score"] + mgmt
    assert round(total, 2) == 98.28 and f["grade_stated"] == "优"


def test_filled_formulas_compute():
    formulas = pytest.importorskip("formulas")
    path = FILLED / "project_selfeval_filled.xlsx"
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {str(k).split("!")[-1]: v.value.tolist()[0][0] for k, v in solution.items()
              if "绩效自评表" in str(k) and hasattr(v, "value")}
    cells = template_cells("project_selfeval")
    assert values[cells["funds.total.full"]] == pytest.approx(48.0)
    assert values[cells["funds.total.rate"]] == pytest.approx(0.97)
    assert values[cells["total_weight"]] == pytest.approx(100)
    assert values[cells["total_score"]] == pytest.approx(98.37)
