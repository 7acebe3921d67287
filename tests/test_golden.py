"""Golden files: what `inspect` reads and what `check` finds in every sample workbook.

A change to the reader or the rules shows up as a diff of samples/**/*.inspect.json and
*.expected.json; rewrite them with `pytest tests/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfxl.engine import CheckOptions, check_file
from perfxl.inspect import inspect_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FILES = sorted(p for p in SAMPLES.rglob("*.xlsx") if not p.name.startswith("~$"))
CORRECTED = [p for p in FILES if "corrected" in p.parts]
SEED_SAMPLES = [p for p in FILES if p.parent == SAMPLES and p.name[:3].isdigit()]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _check_data(path: Path) -> dict:
    report = check_file(path, CheckOptions())
    data = report.to_dict()
    data["path"] = _rel(path)
    return data


def _compare(golden: Path, data: dict, update: bool) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if update or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"{golden.name} did not exist; written now — review it and commit")
        return
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert data == expected, f"{golden.name} differs; rerun with --update-golden and review the diff"


def test_there_are_samples():
    assert len(SEED_SAMPLES) >= 5, "the five seed-layout samples are missing"
    assert len(CORRECTED) >= 5, "the corrected copies are missing"


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_inspect_golden(path: Path, update_golden: bool):
    data = inspect_path(path)
    data["path"] = _rel(path)
    assert data["status"] == "ok", data["error"]
    _compare(path.with_name(path.stem + ".inspect.json"), data, update_golden)


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_check_golden(path: Path, update_golden: bool):
    _compare(path.with_name(path.stem + ".expected.json"), _check_data(path), update_golden)


@pytest.mark.parametrize("path", CORRECTED, ids=_rel)
def test_corrected_copies_are_clean(path: Path):
    data = _check_data(path)
    bad = [f"{f['rule']} {f['sheet']}!{f['cell']} {f['message']}" for f in data["findings"]
           if f["severity"] in ("error", "warning")]
    assert not bad, "\n".join(bad)
