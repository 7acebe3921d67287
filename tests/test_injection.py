"""Precision and recall on workbooks the rules were not written from (samples/clean, samples/corrected).

A clean form gets no error and no warning (one test per file, so a failure names it); defects
injected one at a time by samples/injectors*.py are found on their cell or row at least 95% of the
time. The injection run takes some seconds, so it runs once per session.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
sys.path.insert(0, str(SAMPLES))

import inject  # noqa: E402
from perfxl.engine import check_file  # noqa: E402

CLEAN = inject.clean_workbooks()


def test_enough_clean_workbooks():
    assert len([p for p in CLEAN if p.parent.name == "clean"]) >= 10


@pytest.mark.parametrize("path", CLEAN, ids=[f"{p.parent.name}/{p.name}" for p in CLEAN])
def test_clean_workbook_has_no_error_or_warning(path):
    report = check_file(path)
    assert report.error is None
    assert report.forms, "no form read"
    noisy = [f"{f.sheet}!{f.cell} {f.rule} {f.message}" for f in report.findings if f.severity in ("error", "warning")]
    assert noisy == []


@pytest.fixture(scope="module")
def outcomes():
    return inject.run(CLEAN)


def test_catalogue_covers_every_family(outcomes):
    assert len({o.plan.injector for o in outcomes}) >= 40
    assert {o.plan.family for o in outcomes} == {"PX1", "PX2", "PX3", "PX4", "PX5", "PX6"}


def test_recall_at_least_95_percent(outcomes):
    rate = inject.recall(outcomes)
    assert rate >= 0.95, inject.table(outcomes)


def test_every_family_mostly_found(outcomes):
    for fam in ("PX1", "PX2", "PX3", "PX4", "PX5", "PX6"):
        rows = [o for o in outcomes if o.plan.family == fam]
        assert sum(o.hit for o in rows) / len(rows) >= 0.9, inject.table(rows)


def test_clean_build_is_current(tmp_path):
    """samples/clean/*.xlsx are what samples/build_clean.py writes (rebuild after changing the data)."""
    import build_clean

    for built in build_clean.build_all(tmp_path):
        assert built.read_bytes() == (SAMPLES / "clean" / built.name).read_bytes(), built.name
