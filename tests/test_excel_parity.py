"""Parity: the Excel path (XlwingsSource over the recording fake) finds and writes exactly what the
file path does, for every samples/*.xlsx and for the benchmark's typical form."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.workbook.files import open_workbook_source
from perfxl.workbook.xlwings_book import FILLS, NOTE_MARK, XlwingsSource, XlwingsWriter
from tests.fake_xlwings import FakeBook

engine = pytest.importorskip("perfxl.engine", reason="perfxl.engine not written yet")

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.xlsx"))


@pytest.fixture(scope="module")
def typical(tmp_path_factory):
    from tests.fixtures_writeback import typical_form

    return typical_form(tmp_path_factory.mktemp("parity") / "typical.xlsx")


def _both(path: Path):
    with open_workbook_source(path) as src:
        file_report, file_plan = engine.check_source(src)
        grids = [src.grid(n) for n in src.sheet_names()]
    book = FakeBook.from_grids(grids, name=path.name)
    xl_report, xl_plan = engine.check_source(XlwingsSource(book))
    return book, (file_report, file_plan), (xl_report, xl_plan)


def _assert_parity(path: Path) -> None:
    book, (fr, fp), (xr, xp) = _both(path)
    strip = lambda rep: [f.to_dict() for f in rep.findings]  # noqa: E731
    assert strip(xr) == strip(fr)
    assert [(f.sheet, f.form, f.score, f.grade) for f in xr.forms] == \
           [(f.sheet, f.form, f.score, f.grade) for f in fr.forms]
    assert (xp.marks, xp.scores, xp.summary) == (fp.marks, fp.scores, fp.summary)
    # and what the xlwings writer puts into the book is that plan
    XlwingsWriter(book).apply(xp)
    for m in xp.marks:
        sheet = book.sheets[m.sheet]
        from perfxl.workbook.base import parse_a1

        assert sheet.fills.get(parse_a1(m.cell)) == FILLS.get(m.severity)
        assert sheet.note_at(m.cell) == NOTE_MARK + m.comment
    for w in xp.scores:
        assert book.sheets[w.sheet].value_at(w.cell) == w.value


def test_parity_on_the_typical_form(typical):
    _assert_parity(typical)


@pytest.mark.skipif(not SAMPLES, reason="samples/*.xlsx not checked in yet (the lead adds them)")
@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_parity_on_samples(path):
    _assert_parity(path)
