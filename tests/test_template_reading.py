"""The reader on perfxl's own templates: a blank one reads as an empty form, a filled one as exactly
what was filled (every filled cell is read, at its own address, and nothing else is invented)."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

from perfxl.labels import clean_text
from perfxl.model import FORM_KINDS
from perfxl.reader import read_workbook
from perfxl.templates import template_cells

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
from build_filled_templates import filled_cells  # noqa: E402


def _fields_by_cell(form):
    out = {}
    for f in form.all_fields():
        out.setdefault(f.cell, []).append(f)
    return out


def _blank(kind):
    return read_workbook(ROOT / "workbook_templates" / f"{kind}.xlsx").forms[0]


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_blank_template_reads_as_an_empty_form(kind):
    wb = read_workbook(ROOT / "workbook_templates" / f"{kind}.xlsx")
    assert [f.kind for f in wb.forms] == [kind]
    form = wb.forms[0]
    assert all(ind.level3 is None and (ind.target is None or ind.target.value is None) for ind in form.indicators)
    ws = openpyxl.load_workbook(ROOT / "workbook_templates" / f"{kind}.xlsx").worksheets[0]
    # an input cell (unlocked) of a blank template reads as blank; what the reader finds in locked
    # cells is pre-printed (labels, the official weights) or a total computed by the template's formula
    typed_in = [f"{f.key}@{f.cell}={f.raw!r}" for f in form.all_fields()
                if f.raw.strip() and f.cell and not ws[f.cell].protection.locked
                and not str(ws[f.cell].value).startswith("=")]
    assert not typed_in, typed_in


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_filled_template_reads_exactly_what_was_filled(kind):
    wb = read_workbook(ROOT / "samples" / "templates_filled" / f"{kind}_filled.xlsx")
    (form,) = wb.forms
    assert form.kind == kind
    cells = template_cells(kind)
    by_cell = _fields_by_cell(form)
    missing = []
    for key, value in filled_cells(kind).items():
        address = cells[key]
        got = by_cell.get(address, [])
        if not any(f.raw.strip() == clean_text(value).strip() for f in got):
            missing.append(f"{key}@{address}={value!r} read as {[f.raw for f in got]}")
    assert not missing, "\n".join(missing)
    filled_addresses = {cells[k] for k in filled_cells(kind)} | set(cells.values())
    preprinted = {f.cell: f.raw for f in _blank(kind).all_fields() if f.raw.strip()}
    invented = [f"{f.key}@{f.cell}={f.raw!r}" for f in form.all_fields()
                if f.raw.strip() and f.cell and f.cell not in filled_addresses and f.key not in ("title", "year")
                and preprinted.get(f.cell) != f.raw]
    assert not invented, "\n".join(invented)
