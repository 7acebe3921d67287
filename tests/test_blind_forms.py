"""Blind tests: forms typed independently from DOMAIN.md and the seeds (tests/blind_forms.py and
tests/blind_forms2.py, by two different hands) are clean, and each one-defect copy is caught on
the row it broke (or the total it breaks). The first set is also checked tidied up with merges."""

from __future__ import annotations

import pytest

from perfxl.engine import check_file
from tests import blind_forms, blind_forms2

SETS = {"blind1": blind_forms, "blind2": blind_forms2}
XFAIL: dict[str, str] = {}  # defects perfxl is known to miss (strict: a fix makes the test fail)


def _findings(report):
    assert report.error is None, report.error
    out = list(report.file_findings)
    for f in report.forms:
        out.extend(f.findings)
    return [f for f in out if f.severity in ("error", "warning")]


def _fmt(fs):
    return "\n".join(f"{f.rule} {f.severity} {f.sheet}!{f.cell} {f.message}" for f in fs)


def _write(module, path, sheets, merged: bool):
    if merged:
        module.write_book(path, sheets, module.MERGES[path.stem.split("__")[0]])
    else:
        module.write_book(path, sheets)


FORMS = [(s, key, merged) for s, m in SETS.items() for key in sorted(m.FORMS)
         for merged in ((False, True) if hasattr(m, "MERGES") else (False,))]
DEFECTS = [(s, key, d, merged) for s, key, merged in FORMS for d in SETS[s].FORMS[key][1]]


@pytest.mark.parametrize("set_name,key,merged", FORMS,
                         ids=[f"{s}-{k}{'-merged' if m else ''}" for s, k, m in FORMS])
def test_clean_form_has_no_findings(set_name, key, merged, tmp_path):
    module = SETS[set_name]
    sheets, _ = module.FORMS[key]
    path = tmp_path / f"{key}__clean.xlsx"
    _write(module, path, sheets, merged)
    fs = _findings(check_file(path))
    assert not fs, _fmt(fs)


@pytest.mark.parametrize("set_name,key,defect,merged", [
    pytest.param(s, k, d, m, id=f"{s}-{d.name}{'-merged' if m else ''}",
                 marks=[pytest.mark.xfail(reason=XFAIL[d.name], strict=True)] if d.name in XFAIL else [])
    for s, k, d, m in DEFECTS])
def test_defect_is_found_on_its_row(set_name, key, defect, merged, tmp_path):
    module = SETS[set_name]
    sheets, _ = module.FORMS[key]
    path = tmp_path / f"{key}__{defect.name}.xlsx"
    _write(module, path, module.apply(sheets, defect), merged)
    fs = _findings(check_file(path))
    changed = {s for s, _, _ in defect.changes}
    rows = {(s, module._a1(c)[0] + 1) for s, c, _ in defect.changes}
    rows |= {(s, r) for s in changed for r in defect.extra_rows}
    hit = [f for f in fs if f.cell and (f.sheet, module._a1(f.cell)[0] + 1) in rows]
    assert hit, f"{defect.what}: nothing on rows {sorted(rows)}; got:\n{_fmt(fs)}"
