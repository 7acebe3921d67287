"""The shared rule facts (perfxl.rules.facts) say exactly what the helpers they replace compute.

Rules read ``facts(form).rows`` / ``.values`` instead of calling ``name_of``, ``level1_of``,
``vkind`` … row by row; on every indicator row of every sample each fact must equal the helper's
answer, or findings would drift silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.classify import level1_of, level2_of, vflags, vkind, vnum, vsign, vunit
from perfxl.labels import norm
from perfxl.reader import read_source
from perfxl.rules._util import blank, name_of, named, text
from perfxl.rules.facts import facts
from perfxl.workbook.files import open_workbook_source

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[1] / "samples").rglob("*.xlsx")
                 if not p.name.startswith("~$"))


def _forms(path: Path):
    source = open_workbook_source(str(path))
    try:
        return read_source(source).forms
    finally:
        source.close()


def _expected_cell(ind, field, name, level1, level2):
    if blank(field):
        return None
    v = field.value
    return (ind, field, field.raw.strip(), vkind(v), vsign(v), vunit(v), vnum(v), vflags(v), name, level1, level2)


def _cell_tuple(c):
    if c is None:
        return None
    return (c.ind, c.field, c.raw, c.kind, c.sign, c.unit, c.number, c.flags, c.name, c.level1, c.level2)


def _old_target_values(form):
    """What px4_values.target_values yielded before the facts: (ind, field, name, 一级, 二级)."""
    for ind in form.indicators:
        if form.kind == "dept_selfeval" and ind.block == "performance":
            continue
        l1 = level1_of(text(ind.level1))
        for field, name_field, l2_field in ((ind.target, ind.level3, ind.level2),
                                            (ind.half_target, ind.level3, ind.level2),
                                            (ind.medium_target, ind.medium_level3 or ind.level3,
                                             ind.medium_level2 or ind.level2)):
            if blank(field):
                continue
            name = name_of(ind) if name_field is ind.level3 else text(name_field)
            yield ind, field, name, l1, level2_of(text(l2_field))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_facts_equal_the_helpers(path):
    forms = _forms(path)
    assert forms
    for form in forms:
        shared = facts(form)
        assert facts(form) is shared  # computed once, kept on the form
        assert [r.ind for r in shared.rows] == form.indicators
        for row in shared.rows:
            ind = row.ind
            name, l1, l2 = name_of(ind), level1_of(text(ind.level1)), level2_of(text(ind.level2))
            assert (row.name, row.named, row.medium_named) == (name, named(ind), not blank(ind.medium_level3))
            assert (row.norm_name, row.level1, row.level2) == (norm(name), l1, l2)
            assert _cell_tuple(row.target) == _expected_cell(ind, ind.target, name, l1, l2)
            assert _cell_tuple(row.half) == _expected_cell(ind, ind.half_target, name, l1, l2)
        targets = [i for i in form.indicators if not (form.kind == "dept_selfeval" and i.block == "performance")]
        assert [r.ind for r in shared.targets] == targets
        assert shared.has_half == any(not blank(i.half_target) for i in form.indicators)
        assert shared.has_medium == any(not blank(i.medium_target) or not blank(i.medium_level3)
                                        for i in form.indicators)
        old = list(_old_target_values(form))
        assert [(c.ind, c.field, c.name, c.level1, c.level2) for c in shared.values] == old
        assert [c.field for c in shared.untruncated] == [t[1] for t in old if "truncated" not in vflags(t[1].value)]
        assert shared.flagged == [c for c in shared.untruncated if vflags(c.field.value)]
        assert shared.unnumbered == [c for c in shared.untruncated if vkind(c.field.value) != "numeric"]


def test_samples_cover_every_fact():
    """The comparison above is only as good as the samples: they hold 半年, 中期 and 履职效能 rows."""
    rows = [row for path in SAMPLES for form in _forms(path) for row in facts(form).rows]
    assert any(row.half is not None for row in rows)
    assert any(row.medium is not None and row.medium.name != row.name for row in rows)
    assert any(row.ind.block == "performance" for row in rows)
    assert any(row.target is not None and "truncated" in row.target.flags for row in rows)
