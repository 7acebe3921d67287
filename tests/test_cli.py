"""The command line end to end: inspect/check JSON shapes, bad inputs, exit codes, help."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfxl.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Every kind of unreadable file, with the PX9xx code it must get."""
    files: dict[str, tuple[Path, str]] = {}
    files["missing"] = (tmp_path / "不存在.xlsx", "PX901")
    p = tmp_path / "随便.xlsx"
    p.write_bytes(b"\x00\x01\x02 not a zip at all" * 10)
    files["not a zip"] = (p, "PX902")
    good = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "一级指标"
    wb.save(good)
    p = tmp_path / "截断.xlsx"
    p.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    files["truncated zip"] = (p, "PX903")
    p = tmp_path / "导出.xlsx"
    p.write_text("一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训人次,≥100人次\n", encoding="utf-8")
    files["csv renamed"] = (p, "PX902")
    p = tmp_path / "空.xlsx"
    openpyxl.Workbook().save(p)
    files["empty workbook"] = (p, "PX905")
    p = tmp_path / "通讯录.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "123"])
    wb.save(p)
    files["no form"] = (p, "PX906")
    try:
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = tmp_path / "plain.xlsx"
        plain.write_bytes(SAMPLE.read_bytes())
        enc = tmp_path / "加密.xlsx"
        with open(plain, "rb") as fi, open(enc, "wb") as fo:
            OOXMLFile(fi).encrypt("secret", fo)
        files["encrypted"] = (enc, "PX904")
    except (ImportError, AttributeError, TypeError):  # old msoffcrypto without encrypt()
        pass
    return files


def test_inspect_reports_every_bad_input_with_its_code_and_goes_on(tmp_path, capsys):
    bad = bad_inputs(tmp_path)
    paths = [str(p) for p, _ in bad.values()] + [str(SAMPLE)]
    code, out, err = run(capsys, "inspect", "--format", "json", *paths)
    assert code == 2
    assert "Traceback" not in out + err
    files = json.loads(out)["files"]
    assert len(files) == len(paths)
    for (label, (path, px)), result in zip(bad.items(), files):
        assert result["status"] == "error", label
        assert result["error"].startswith(px), (label, result["error"])
        assert "\n" not in result["error"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result["error"]), result["error"]
        assert result["form"] is None and result["forms"] == []
    last = files[-1]
    assert last["status"] == "ok" and last["error"] is None
    assert [f["form"] for f in last["forms"]] == ["project_selfeval", "dept_target"]
    assert last["form"] == "project_selfeval"
    funds = last["forms"][0]["fields"]["project_name"]
    assert funds == {"cell": "B2", "raw": "服务外向型经济工作经费", "value": "服务外向型经济工作经费"}


def test_check_json_report_has_the_contract_keys(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(SAMPLE))
    report = json.loads(out)
    assert set(report) >= {"perfxl", "files"}
    (f,) = report["files"]
    assert set(f) >= {"path", "form", "forms", "status", "score", "grade", "findings", "error"}
    assert f["form"] == "project_selfeval"
    assert [x["form"] for x in f["forms"]] == ["project_selfeval", "dept_target"]
    for finding in f["findings"]:
        assert set(finding) >= {"rule", "severity", "sheet", "cell", "message", "expected", "actual"}
        assert finding["rule"].startswith("PX") and finding["severity"] in ("error", "warning", "info")
    has_errors = any(x["severity"] == "error" for x in f["findings"])
    assert code == (1 if has_errors else 0)


def test_check_of_an_unreadable_file_exits_2_and_says_why(tmp_path, capsys):
    p = tmp_path / "坏.xlsx"
    p.write_text("a,b\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(p))
    assert code == 2
    assert "PX902" in out and "无法读取" in out


def test_template_command_rejects_an_unknown_kind_in_chinese(tmp_path, capsys):
    code, _, err = run(capsys, "template", "no_such_kind", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2
    assert "dept_target" in err


def test_template_command_writes_a_template_the_reader_reads(tmp_path, capsys):
    out = tmp_path / "自评表.xlsx"
    code, _, _ = run(capsys, "template", "project_selfeval", "-o", str(out))
    assert code == 0 and out.exists()
    code, text, _ = run(capsys, "inspect", "--format", "json", str(out))
    assert json.loads(text)["files"][0]["form"] == "project_selfeval"


def test_help_teaches_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--out" in out and "退出码" in out and "示例" in out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_rules_command_lists_the_catalogue(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and len(rules) >= 20
    assert all(r["code"].startswith("PX") and r["message"] for r in rules)


def _zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def test_check_folder_out_keeps_sub_paths_and_writes_the_summary(tmp_path, capsys):
    src = tmp_path / "收到的表"
    (src / "一科").mkdir(parents=True)
    (src / "二科" / "子目录").mkdir(parents=True)
    (src / "一科" / "自评.xlsx").write_bytes(SAMPLE.read_bytes())
    (src / "二科" / "子目录" / "目标.xlsx").write_bytes((ROOT / "samples" / "000_xuzhou_dept_target.xlsx").read_bytes())
    (src / "二科" / "坏文件.xlsx").write_text("not,a,workbook\n", encoding="utf-8")
    out = tmp_path / "已校验"
    code, text, _ = run(capsys, "check", str(src), "--out", str(out), "--format", "json", "--jobs", "2")
    assert code == 2  # one unreadable file
    assert (out / "一科" / "自评.xlsx").exists()
    assert (out / "二科" / "子目录" / "目标.xlsx").exists()
    assert not (out / "二科" / "坏文件.xlsx").exists()  # nothing half-written for a bad file
    assert (out / "校验汇总.xlsx").exists()
    files = {Path(f["path"]).name: f for f in json.loads(text)["files"]}
    assert files["坏文件.xlsx"]["status"] == "error"
    assert Path(files["自评.xlsx"]["annotated"]) == out / "一科" / "自评.xlsx"
    # the original is untouched
    assert (src / "一科" / "自评.xlsx").read_bytes() == SAMPLE.read_bytes()


def test_in_place_annotates_atomically_and_a_second_run_changes_nothing(tmp_path, capsys):
    path = tmp_path / "自评.xlsx"
    path.write_bytes(SAMPLE.read_bytes())
    run(capsys, "check", str(path), "--in-place")
    first = {n: zipfile.ZipFile(path).read(n) for n in _zip_names(path)}
    assert any(n.startswith("xl/comments") for n in first)
    assert not list(tmp_path.glob("*.tmp*")) and [p.name for p in tmp_path.iterdir()] == ["自评.xlsx"]
    run(capsys, "check", str(path), "--in-place")
    second = {n: zipfile.ZipFile(path).read(n) for n in _zip_names(path)}
    assert second == first


def test_legacy_xls_gets_an_annotated_xlsx_copy(tmp_path, capsys):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("目标表")
    rows = [["部门整体支出绩效目标表"], ["（2024年度）"], ["单位名称", "市图书馆"],
            ["年度总体目标", "开放服务不少于300天"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "开放天数", "300天"],
            ["成本指标", "经济成本指标", "图书采购单价", "≥50元"]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    src = tmp_path / "in" / "旧表.xls"
    src.parent.mkdir()
    wb.save(str(src))
    out = tmp_path / "out"
    code, text, _ = run(capsys, "check", str(src.parent), "--out", str(out), "--format", "json")
    (report,) = json.loads(text)["files"]
    assert report["form"] == "dept_target"
    assert Path(report["annotated"]) == out / "旧表.xlsx"
    assert (out / "旧表.xlsx").exists() and not (out / "旧表.xls").exists()
    assert any(f["rule"] == "PX409" and f["cell"] == "D7" for f in report["findings"])
    copy = openpyxl.load_workbook(out / "旧表.xlsx")
    assert copy["目标表"]["D7"].value == "≥50元" and "校验结果" in copy.sheetnames


@pytest.mark.parametrize("command", ["check", "inspect"])
def test_a_folder_without_workbooks_is_a_usage_error(tmp_path, capsys, command):
    (tmp_path / "说明.txt").write_text("不是工作簿", encoding="utf-8")
    code, out, err = run(capsys, command, str(tmp_path))
    assert code == 2 and "没有找到" in err
