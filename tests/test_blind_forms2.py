"""Second blind test: independently typed forms (tests/blind_forms2.py) are clean; each one-defect copy is caught."""

from __future__ import annotations

import pytest

from perfxl.engine import check_file
from tests.blind_forms2 import FORMS, _a1, apply, write_book

XFAIL: dict[str, str] = {}  # defects perfxl is known to miss (strict: a fix makes the test fail)


def _findings(report):
    assert report.error is None, report.error
    out = list(report.file_findings)
    for f in report.forms:
        out.extend(f.findings)
    return [f for f in out if f.severity in ("error", "warning")]


def _fmt(fs):
    return "\n".join(f"{f.rule} {f.severity} {f.sheet}!{f.cell} {f.message}" for f in fs)


@pytest.mark.parametrize("key", sorted(FORMS))
def test_clean_form_has_no_findings(key, tmp_path):
    sheets, _ = FORMS[key]
    p = tmp_path / f"{key}.xlsx"
    write_book(p, sheets)
    fs = _findings(check_file(p))
    assert not fs, _fmt(fs)


CASES = [(key, d) for key, (_, ds) in sorted(FORMS.items()) for d in ds]


@pytest.mark.parametrize("key,defect", [
    pytest.param(k, d, id=d.name, marks=[pytest.mark.xfail(reason=XFAIL[d.name], strict=True)] if d.name in XFAIL else [])
    for k, d in CASES])
def test_defect_is_found_on_its_row(key, defect, tmp_path):
    sheets, _ = FORMS[key]
    p = tmp_path / f"{defect.name}.xlsx"
    write_book(p, apply(sheets, defect))
    fs = _findings(check_file(p))
    rows = {(s, _a1(c)[0] + 1) for s, c, _ in defect.changes}
    rows |= {(s, r) for s in {s for s, _, _ in defect.changes} for r in defect.extra_rows}
    hit = [f for f in fs if f.cell and (f.sheet, _a1(f.cell)[0] + 1) in rows]
    assert hit, f"{defect.what}: nothing on rows {sorted(rows)}; got:\n{_fmt(fs)}"
