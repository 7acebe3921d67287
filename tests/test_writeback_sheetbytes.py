"""The byte-level sheet edits (perfxl/writeback/sheetbytes.py) against the lxml path they stand in
for: the same edits on the same sheet give the same XML, the plain shape is recognised only where
it is safe, and everything else goes to lxml."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from perfxl.errors import PerfxlFileError
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite
from perfxl.writeback import annotate_workbook
from perfxl.writeback.sheetbytes import PlainSheet
from perfxl.writeback.sheetxml import SheetDoc
from perfxl.writeback.xmlparts import MAIN, R

DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ROOT = b'<worksheet xmlns="' + MAIN.encode() + b'" xmlns:r="' + R.encode() + b'">'
ROW1 = (b'<row r="1"><c r="A1" s="1"/><c r="B1" s="2" t="s"><v>0</v></c><c r="C1"><f>A1+1</f><v>3</v></c>'
        b'<c r="D1" t="n"><v>5</v></c><c r="E1" t="inlineStr" s="4"><is><t>x</t></is></c><c r="F1"/></row>')
# ROW1 with its attributes in the schema's order: rows _ROWS reads (sheetbytes._Survey)
SKIMMED_ROWS = ROW1.replace(b't="inlineStr" s="4"', b's="4" t="inlineStr"')
TAIL = (b'<mergeCells count="2"><mergeCell ref="A3:B4"/><mergeCell ref="C3:C9"/></mergeCells>'
        b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')


def sheet(rows: bytes = ROW1, tail: bytes = TAIL, root: bytes = ROOT) -> bytes:
    return DECL + root + b"<sheetData>" + rows + b"</sheetData>" + tail + b"</worksheet>"


def docs(data: bytes) -> tuple[SheetDoc, SheetDoc]:
    """The same part on the byte path and on the lxml path."""
    plain, tree = SheetDoc("s", "xl/worksheets/sheet1.xml", data), SheetDoc("s", "xl/worksheets/sheet1.xml", data)
    assert plain.to_bytes() is data  # nothing parsed yet
    tree.root  # noqa: B018 - parses the part
    return plain, tree


def canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def edit(doc: SheetDoc) -> list:
    """Every edit write-back makes on a cell that exists, and every question it asks."""
    seen = []
    for r, c in [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]:
        cell = doc.find(r, c)
        seen += [doc.attr(cell, "s"), doc.attr(cell, "t"), doc.is_empty(cell), doc.number_text(cell)]
    doc.set_style(doc.find(0, 0), "7")  # replace
    doc.set_style(doc.find(0, 5), "8")  # add
    doc.set_style(doc.find(0, 1), "")  # remove
    doc.write_number(doc.find(0, 5), "18.5")  # into an empty self-closed cell
    doc.write_number(doc.find(0, 1), "2")  # drops t="s"
    doc.clear_value(doc.find(0, 3), "")
    doc.clear_value(doc.find(0, 2), "str")  # formula kept, type set
    seen += [doc.anchor(3, 1), doc.anchor(5, 2), doc.anchor(0, 0), doc.legacy_rid()]
    doc.set_legacy_rid("rId9")
    seen.append(doc.legacy_rid())
    return seen


def test_byte_edits_equal_lxml_edits():
    plain, tree = docs(sheet())
    assert edit(plain) == edit(tree)
    assert plain._plain is not None  # every edit above stayed on the bytes
    assert plain.to_bytes() == tree.to_bytes()  # the input was lxml-shaped: same bytes
    assert b'<c r="F1" s="8"><v>18.5</v></c>' in plain.to_bytes()
    assert b'<legacyDrawing r:id="rId9"/></worksheet>' in plain.to_bytes()


@pytest.mark.parametrize("rows", [
    ROW1.replace(b'<c r="A1" s="1"/>', b"<c r=\"A1\" s='1' />"),  # quotes and space lxml normalises
    ROW1.replace(b'<c r="D1" t="n"><v>5</v></c>', b'<c r="D1"  t="n" ><v>5</v>\n</c>'),
    ROW1.replace(b"<t>x</t>", "<t>中文&amp;&#25991;</t>".encode()),  # entities elsewhere stay as written
])
def test_byte_edits_keep_what_they_do_not_touch(rows):
    data = sheet(rows)
    plain, tree = docs(data)
    assert edit(plain) == edit(tree)
    assert plain._plain is not None
    assert canonical(plain.to_bytes()) == canonical(tree.to_bytes())


def test_undoing_the_edits_gives_back_the_bytes():
    data = sheet()
    doc = SheetDoc("s", "p", data)
    doc.set_style(doc.find(0, 5), "9")
    doc.write_number(doc.find(0, 5), "3")
    doc.set_legacy_rid("rId2")
    doc.clear_value(doc.find(0, 5), "")
    doc.set_style(doc.find(0, 5), "")
    doc.set_legacy_rid(None)
    assert doc.to_bytes() == data


def test_legacy_drawing_declares_r_when_the_sheet_does_not():
    data = sheet(root=b'<worksheet xmlns="' + MAIN.encode() + b'">')
    plain, tree = docs(data)
    plain.set_legacy_rid("rId1")
    tree.set_legacy_rid("rId1")
    assert plain.to_bytes() == tree.to_bytes()
    again, _ = docs(plain.to_bytes())  # perfxl's own declaration keeps the sheet plain
    assert again._plain is not None and again.legacy_rid() == "rId1"
    again.set_legacy_rid(None)
    assert again.to_bytes() == data


@pytest.mark.parametrize("data", [
    sheet(rows=ROW1 + b"<!-- note -->"),
    sheet(rows=ROW1.replace(b"<t>x</t>", b"<t><![CDATA[x]]></t>")),
    sheet(rows=ROW1 + b"<?pi x?>"),
    sheet(rows=ROW1.replace(b'<c r="F1"/>', b"<c/>")),  # a cell without an address
    sheet(rows=ROW1.replace(b'r="F1"', b'r="f1"')),
    sheet(rows=ROW1.replace(b'<c r="F1"/>', b'<c s="1" r="F1"/>')),
    sheet(root=b'<x:worksheet xmlns:x="' + MAIN.encode() + b'">').replace(b"</worksheet>", b"</x:worksheet>"),
    sheet(tail=TAIL + b'<extLst xmlns="urn:other"><c r="A1"/></extLst>'),  # the default namespace again
    sheet(root=ROOT.replace(b'">', b'" xmlns:rr="' + R.encode() + b'">')),  # r: declared twice
    sheet(rows=ROW1 + b"<row"),  # not well-formed
    sheet(rows=ROW1.replace(b"<v>5</v></c>", b"<v>5</v ></c >")),  # end tags the patterns would miss
    # the same outside rows that _ROWS reads
    sheet(rows=SKIMMED_ROWS, tail=TAIL + b'<extLst><ext uri="u"><c r="a1"/></ext></extLst>'),
    sheet(rows=SKIMMED_ROWS, tail=TAIL + b'<extLst><ext uri="u"><v>1</v ></ext></extLst>'),
])
def test_sheets_outside_the_plain_shape_are_left_to_lxml(data):
    assert PlainSheet.of(data) is None


def test_rows_in_the_common_shape_are_read_with_the_pattern():
    from perfxl.writeback.sheetbytes import _Survey

    data = sheet(rows=SKIMMED_ROWS)
    start = data.index(b"<sheetData>") + len(b"<sheetData>")
    assert _Survey(data).rows == (start, start + len(SKIMMED_ROWS))
    assert PlainSheet.of(data) is not None


def test_malformed_sheet_is_still_refused():
    with pytest.raises(PerfxlFileError) as exc:
        SheetDoc("s", "p", sheet(rows=ROW1 + b"<row"))
    assert exc.value.code == "PX914"


@pytest.mark.parametrize("data, action", [
    (sheet(rows=ROW1 + b'<row r="2"><c r="A1"/></row>'), lambda d: d.attr(d.find(0, 0), "s")),  # A1 twice
    (sheet(rows=ROW1.replace(b"<v>5</v>", b"<v>&#53;</v>")), lambda d: d.number_text(d.find(0, 3))),
    (sheet(rows=ROW1.replace(b"<v>5</v>", b'<v xml:space="preserve">5</v>')), lambda d: d.number_text(d.find(0, 3))),
    (sheet(), lambda d: d.ensure(5, 5)),  # a cell and row to create
    (sheet(), lambda d: d.drop(0, 5, drop_row=False)),
    (sheet(tail=TAIL + b"<tableParts count=\"0\"/>"), lambda d: d.set_legacy_rid("rId1")),
    (sheet(tail=TAIL + b'<legacyDrawing xmlns:r="urn:not-r" r:id="x"/>',
           root=b'<worksheet xmlns="' + MAIN.encode() + b'">'), lambda d: d.legacy_rid()),
    (sheet(rows=b"", tail=TAIL + b"<extLst/>").replace(b"<sheetData></sheetData>", b"<sheetData/>"),
     lambda d: d.set_legacy_rid("rId1")),
    (sheet(tail=TAIL.replace(b'<mergeCell ref="A3:B4"/>', b'<mergeCell  ref="A3:B4"/>')), lambda d: d.anchor(3, 1)),
])
def test_edits_the_bytes_cannot_make_go_to_lxml(data, action):
    plain, tree = docs(data)
    assert action(plain) == action(tree)
    assert plain._plain is None  # switched to the tree
    assert plain.to_bytes() == tree.to_bytes()


SAMPLES = sorted((Path(__file__).parents[1] / "samples").glob("*.xlsx"))


def sample_plan(path: Path) -> AnnotationPlan:
    """Marks on a few cells of every sheet (one inside a merged range when there is one) and a
    score into an empty cell, so each sheet gets fills, comments and a number; the last sheet's
    score goes to a cell that does not exist, so that sheet moves to lxml half-way."""
    marks, scores = [], []
    with zipfile.ZipFile(path) as zf:
        sheets = list(etree.fromstring(zf.read("xl/workbook.xml")).iter(f"{{{MAIN}}}sheet"))
        for i, sheet in enumerate(sheets):  # samples/ keeps sheetN.xml in sheet order
            name = sheet.get("name")
            root = etree.fromstring(zf.read(f"xl/worksheets/sheet{i + 1}.xml"))
            cells = [c.get("r") for c in root.iter(f"{{{MAIN}}}c")]
            empty = [c.get("r") for c in root.iter(f"{{{MAIN}}}c") if not len(c)]
            merged = [m.get("ref").split(":")[1] for m in root.iter(f"{{{MAIN}}}mergeCell")]
            for k, ref in enumerate(cells[::max(1, len(cells) // 3)][:3] + merged[:1]):
                marks.append(CellMark(name, ref, ("error", "warning", "info")[k % 3], f"PX{k} 说明"))
            score_cell = "Z200" if i == len(sheets) - 1 or not empty else empty[-1]
            scores.append(ScoreWrite(name, score_cell, 9.5))
    return AnnotationPlan(marks=marks, scores=scores)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_annotate_alike_on_bytes_and_in_lxml(path, tmp_path, monkeypatch):
    plan = sample_plan(path)
    on_bytes, again = tmp_path / "bytes.xlsx", tmp_path / "again.xlsx"
    annotate_workbook(path, on_bytes, plan)
    annotate_workbook(on_bytes, again, plan)
    monkeypatch.setattr(PlainSheet, "of", classmethod(lambda cls, data: None))
    in_lxml = tmp_path / "lxml.xlsx"
    annotate_workbook(path, in_lxml, plan)
    a, b = zipfile.ZipFile(on_bytes), zipfile.ZipFile(in_lxml)
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name.endswith(".xml"):
            assert canonical(a.read(name)) == canonical(b.read(name)), name
    assert zipfile.ZipFile(again).read("xl/worksheets/sheet1.xml") == a.read("xl/worksheets/sheet1.xml")


def test_merged_ranges_are_read_outside_the_cells_only():
    # an inline text that spells a mergeCell is escaped in the part; one written raw inside a
    # row's extLst is no child of <mergeCells> and lxml does not read it either
    stray = b'<row r="2"><extLst><mergeCell ref="D2:E2"/></extLst></row>'
    plain, tree = docs(sheet(rows=ROW1 + stray))
    assert plain._plain is not None
    for doc in (plain, tree):
        assert doc.anchor(3, 1) == (2, 0) and doc.anchor(1, 4) == (1, 4)


# Pieces of rows, many of them just inside or outside what XML allows in text and attribute values.
_PIECES = [b"a", b" ", b">", b"]", b"]]>", b"\x7f", b"\t", b"\n", b"\r", b"\x0b", b"\x1f", b"\x80",
           b"\xc2\x80", b"\xc3", b"\xe4\xb8\xad", b"\xef\xbf\xbd", b"\xef\xbf\xbe", b"\xef\xbf\xbf",
           b"\xed\x9f\xbf", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
           b"&amp;", b"&lt;", b"&quot;", b"&apos;", b"&#9;", b"&#10;", b"&#11;", b"&#31;", b"&#32;",
           b"&#55295;", b"&#55296;", b"&#57343;", b"&#57344;", b"&#65533;", b"&#65534;", b"&#65536;",
           b"&#01;", b"&#x41;", b"&nbsp;", b'"', b"'", b"=", b"/", b":", b"<", b"&", b"<!--", b"-->",
           b"<?p?>", b"<![CDATA[", b"</c>", b"<v>", b" xmlns:r=\"" + R.encode() + b'"', b" y:z=\"1\""]


def _random_rows(rng) -> bytes:
    def text() -> bytes:
        return b"".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 3)))

    def cell(r: int, c: int) -> bytes:
        attrs = b' r="' + b"ABCD"[c:c + 1] + str(r).encode() + b'"'
        attrs += b' s="' + text() + b'"' if rng.random() < 0.5 else b""
        attrs += b' t="' + text() + b'"' if rng.random() < 0.3 else b""
        if rng.random() < 0.3:
            return b"<c" + attrs + b"/>"
        inner = b"<f>" + text() + b"</f>" if rng.random() < 0.3 else b""
        inner += b"<v>" + text() + b"</v>" if rng.random() < 0.5 else b""
        if rng.random() < 0.3:
            inner += b'<is><t xml:space="preserve">' + text() + b"</t></is>"
        return b"<c" + attrs + b">" + inner + b"</c>"

    rows = b""
    for r in range(1, rng.randint(2, 4)):
        extra = b' x14ac:dyDescent="0.25"' if rng.random() < 0.3 else b""
        rows += b'<row r="%d"' % r + extra + b">" + b"".join(cell(r, c) for c in range(rng.randint(0, 3))) + b"</row>"
    return rows


def _random_merges(rng) -> bytes:
    run = b"".join(b'<mergeCell ref="A%d:' % i + rng.choice([b"B2"] * 8 + [b"", b"&amp;", b"\xe4\xb8\xad", b'"', b"<"])
                   + b'"/>' + (rng.choice(_PIECES) if rng.random() < 0.2 else b"") for i in range(rng.randint(0, 3)))
    start = rng.choice([b'<mergeCells count="3">'] * 6 + [b"<mergeCells>", b'<mergeCells a=">">', b"<mergeCells/>",
                                                          b"<mergeCellsX>", b"<!--<mergeCells>"])
    end = rng.choice([b"</mergeCells>"] * 8 + [b"</mergeCells>-->", b"</mergeCellsX>"])
    return start + run + end + TAIL[TAIL.index(b"<pageMargins"):]


def test_rows_read_without_expat_survey_as_expat_does():
    """_Survey reads rows in the common shape with a pattern instead of expat, and the run of
    merged ranges: whatever they hold, it finds what expat finds in the whole part
    (PlainSheet.of decides on nothing else)."""
    import random

    from perfxl.writeback.sheetbytes import _Survey

    def found(s):
        return (True,) if s.odd else (False, s.root, s.defaults, s.r_decls)

    x14ac = b' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
    roots = [ROOT, ROOT.replace(b">", x14ac + b">"), ROOT + b"<sheetPr" + x14ac + b"/>"]
    rng = random.Random(20240611)
    skimmed = merges = 0
    for _ in range(3000):
        data = sheet(rows=_random_rows(rng), root=rng.choice(roots), tail=_random_merges(rng))
        expected = found(_Survey(data, skim=False))
        survey = _Survey(data)
        assert found(survey) == expected, data
        skimmed += survey.rows is not None
        merges += survey.merges is not None
    assert skimmed > 150 and merges > 100  # the patterns did read, not just hand it all to expat


def test_merged_ranges_index_answers_as_a_search_does():
    """MergedRanges indexes the cells a form's ranges cover and searches ranges too large to
    index: both give the top-left cell of the first range holding a cell, as Excel draws it,
    also when (in a damaged file) ranges overlap or a reference runs backwards."""
    import random

    from perfxl.workbook.base import a1
    from perfxl.writeback.sheetxml import MergedRanges

    rng = random.Random(7)
    for _ in range(200):
        refs = []
        for _ in range(rng.randint(0, 6)):
            r, c = rng.randint(0, 9), rng.randint(0, 5)
            refs.append(a1(r, c) + ":" + a1(max(0, r + rng.randint(-1, 3)), max(0, c + rng.randint(-1, 2))))
        refs.append(a1(rng.randint(0, 9), 0))  # no range: skipped
        indexed = MergedRanges(tuple(refs))
        searched = MergedRanges(tuple(refs))
        searched.cells = None
        assert indexed.cells is not None
        for row in range(12):
            for col in range(8):
                first = next(((r1, c1) for r1, c1, r2, c2 in indexed.spans
                              if r1 <= row <= r2 and c1 <= col <= c2), (row, col))
                assert indexed.anchor(row, col) == searched.anchor(row, col) == first
    assert MergedRanges(("A1:Z1000",)).cells is None  # 26,000 cells: searched


@pytest.mark.parametrize("skim", [True, False])
def test_survey_goes_by_reference_count(skim):
    # the expat handlers close over the parser: left set, every survey waits for the cyclic collector
    import gc
    import weakref

    from perfxl.writeback.sheetbytes import _Survey

    gc.disable()
    try:
        survey = _Survey(sheet(rows=SKIMMED_ROWS), skim=skim)
        assert (survey.rows is not None) == skim
        gone = weakref.ref(survey)
        del survey
        assert gone() is None
    finally:
        gc.enable()
