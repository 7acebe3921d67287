"""Write-back units and refusals: every unsafe input is a PX914 and nothing is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures_writeback import rich_plan, rich_workbook, typical_form, typical_plan
from perfxl.errors import PerfxlFileError
from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite
from perfxl.writeback import annotate_workbook, clear_annotations
from perfxl.writeback import comments as cm
from perfxl.writeback.record import CellRecord, Record, shared_strings
from perfxl.writeback.sheetxml import SheetDoc
from perfxl.writeback.styles import StyleBook, canon, solid_fill
from perfxl.writeback.xmlparts import XmlPart


@pytest.fixture
def src(tmp_path) -> Path:
    return rich_workbook(tmp_path / "src.xlsx")


def rewrite(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def refused(src: Path, plan=None, match: str = "") -> None:
    out = src.parent / "out.xlsx"
    with pytest.raises(PerfxlFileError) as exc:
        annotate_workbook(src, out, plan or rich_plan())
    assert exc.value.code == "PX914"
    assert match in exc.value.message
    assert not out.exists()
    assert not [p for p in src.parent.iterdir() if p.name.startswith(".~perfxl")]


def test_refuses_legacy_xls(tmp_path):
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused(xls, match=".xls")


def test_refuses_encrypted_workbook(src, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    enc = tmp_path / "enc.xlsx"
    with open(src, "rb") as fh, open(enc, "wb") as out:
        OOXMLFile(fh).encrypt("secret", out)
    refused(enc, match="加密")


def test_refuses_zip_bomb(src, tmp_path):
    bomb = rewrite(src, tmp_path / "bomb.xlsx",
                   lambda n, d: d + b" " * (3 << 20) if n == "xl/theme/theme1.xml" else d)
    refused(bomb, match="压缩")


def test_refuses_doctype_entities(src, tmp_path):
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return evil + data[data.index(b"<worksheet"):]
        return data

    refused(rewrite(src, tmp_path / "dtd.xlsx", edit), match="DOCTYPE")


def test_refuses_strict_ooxml(src, tmp_path):
    def edit(name, data):
        if name == "xl/workbook.xml":
            return data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                b"http://purl.oclc.org/ooxml/spreadsheetml/main")
        return data

    refused(rewrite(src, tmp_path / "strict.xlsx", edit), match="严格")


def test_refuses_missing_sheet_and_bad_cell(src):
    refused(src, AnnotationPlan(marks=[CellMark("没有这张表", "A1", "error", "x")]), "没有这张表")
    refused(src, AnnotationPlan(scores=[ScoreWrite("目标表", "A0", 1)]), "A0")
    refused(src, AnnotationPlan(marks=[CellMark("目标表", "A1:B2", "error", "x")]), "A1:B2")


def test_refuses_a_findings_sheet_that_is_not_perfxls(tmp_path):
    import xlsxwriter

    path = tmp_path / "own.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("表")
    wb.add_worksheet("校验结果").write("A1", "用户自己的")
    wb.close()
    refused(path, AnnotationPlan(), "校验结果")
    clear_annotations(path, tmp_path / "c.xlsx")  # clearing leaves it alone instead


def test_refuses_non_workbook(tmp_path):
    txt = tmp_path / "notes.xlsx"
    txt.write_text("hello")
    refused(txt)


def test_styles_reuse_identical_formats():
    book = StyleBook(XmlPart("xl/styles.xml", zipfile.ZipFile(_typical()).read("xl/styles.xml")))
    n = len(book.items("cellXfs"))
    a = book.derive(1, fill=solid_fill("FFFFC7CE"))
    b = book.derive(1, fill=solid_fill("FFFFC7CE"))
    assert a == b == n and len(book.items("cellXfs")) == n + 1
    c = book.derive(1, font_rgb="FF0070C0")
    assert c == n + 1
    assert book.font_of(c).find("{*}color").get("rgb") == "FF0070C0"
    assert book.xf(c).get("numFmtId") == book.xf(1).get("numFmtId")
    assert book.describe(1) != book.describe(a)



def test_styles_fill_by_colour_and_reuse_across_books():
    data = zipfile.ZipFile(_typical()).read("xl/styles.xml")
    book, other = (StyleBook(XmlPart("xl/styles.xml", data)) for _ in range(2))
    assert book.derive(1, fill_rgb="FFFFC7CE") == other.derive(1, fill=solid_fill("FFFFC7CE"))
    assert book.to_bytes() == other.to_bytes()
    assert book.fill_key(len(book.items("cellXfs")) - 1) == canon(solid_fill("FFFFC7CE"))
    # an entry appended earlier in the run is found again, whatever it was built from
    again = StyleBook(XmlPart("xl/styles.xml", book.to_bytes()))
    n = len(again.items("cellXfs"))
    assert again.derive(1, fill_rgb="FFFFC7CE") == n - 1 and len(again.items("cellXfs")) == n


_PREFIXED_STYLES = (
    b'<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts>'
    b'<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills>'
    b'<x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0"/></x:cellXfs></x:styleSheet>'
)


def test_styles_prefixed_sheet_keys_entries_as_built():
    # A font rebuilt from the record is written without a prefix; appended here it takes x:. Its
    # key stays the one it was built with, as before entries were keyed lazily.
    book = StyleBook(XmlPart("xl/styles.xml", _PREFIXED_STYLES))
    text = '<font xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><b/><sz val="9"/></font>'
    s = book.derive(0, font=book.element_from(text))
    assert book.font_key(s) == canon(book.element_from(text))
    assert book.derive(0, font=book.element_from(text)) == s and len(book.items("fonts")) == 2


@pytest.mark.parametrize("prefixed", [True, False], ids=["prefixed", "typical"])
def test_styles_derivations_replayed_give_what_they_gave(prefixed):
    """A second book read from the same styles.xml replays the derivations the first made (the
    forms of one template): same indexes, same styles.xml, and the first book's entries untouched."""
    data = _PREFIXED_STYLES if prefixed else zipfile.ZipFile(_typical()).read("xl/styles.xml")

    def derive_all(book):
        return [book.derive(0, fill_rgb="FFFFC7CE"), book.derive(0, bold=True),
                book.derive(0, bold=True, fill_rgb="FFD9E1F2"), book.derive(0, wrap=True),
                book.derive(0, font_rgb="FF0563C1", underline=True), book.derive(0, fill_rgb="FFFFC7CE")]

    from perfxl.writeback import styles

    plain = StyleBook(XmlPart("xl/styles.xml", data))  # no source: nothing replayed
    first = StyleBook(XmlPart("xl/styles.xml", data), data)
    expected = derive_all(plain)
    assert derive_all(first) == expected and first.to_bytes() == plain.to_bytes()
    # A derivation worked out is recorded anew; a replayed one leaves its record as it was. (The
    # records are compared, not _intern patched: compiled code calls it past the class attribute.)
    recorded = dict(styles._REPLAYS)
    second = StyleBook(XmlPart("xl/styles.xml", data), data)
    assert derive_all(second) == expected and second.to_bytes() == plain.to_bytes()
    assert first.to_bytes() == plain.to_bytes()
    assert all(styles._REPLAYS[k] is v for k, v in recorded.items())
    assert len(styles._REPLAYS) == len(recorded)
    StyleBook(XmlPart("xl/styles.xml", data), data).derive(0, underline=True)  # a history not seen
    assert len(styles._REPLAYS) == len(recorded) + 1


def test_styles_descriptions_known_from_other_books_hold_for_this_one():
    # xf 1 points past the one font styles.xml holds, until a derivation appends a second one:
    # what describe() worked out in one book is taken in another only after the same derivations
    data = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<fonts count="1"><font><sz val="11"/></font></fonts>'
            b'<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            b'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0"/><xf numFmtId="0" fontId="1" fillId="0"/>'
            b"</cellXfs></styleSheet>")
    before = StyleBook(XmlPart("xl/styles.xml", data), data).describe(1)
    after, plain = StyleBook(XmlPart("xl/styles.xml", data), data), StyleBook(XmlPart("xl/styles.xml", data))
    for book in (after, plain):
        book.derive(0, bold=True)
    assert after.describe(1) == plain.describe(1) != before
    assert StyleBook(XmlPart("xl/styles.xml", data), data).describe(1) == before


def test_small_parts_are_parsed_once_and_copied_for_each_reader():
    from lxml import etree

    data = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi x?>'
            b'<Types xmlns="urn:t" xmlns:x="urn:x"><x:a b="1"/>\n<a>&amp;&#20013;</a></Types>')
    first, second = XmlPart("p", data), XmlPart("p", data)
    assert first.root is not second.root
    first.root.append(etree.Element("{urn:t}new"))
    fresh = data[data.index(b"<Types"):].decode().replace("&#20013;", "中").encode()
    assert second.to_bytes() == data[:data.index(b"<!--")] + fresh
    assert XmlPart("p", data).to_bytes() == second.to_bytes()
    with pytest.raises(PerfxlFileError):  # refused every time, not only when first parsed
        XmlPart("p", b"<!DOCTYPE a><a/>")
    with pytest.raises(PerfxlFileError):
        XmlPart("p", b"<!DOCTYPE a><a/>")


def test_book_sheet_parts_follow_added_and_removed_sheets():
    from perfxl.writeback.book import Book
    from perfxl.writeback.package import Package

    with Package.open(_typical()) as pkg:
        book = Book(pkg)
        first = book.sheet_names()[0]
        part = book.sheet_part(first)
        assert part is not None and book.sheet_part("新表") is None
        book.add_sheet("新表", b"<worksheet/>")
        assert book.sheet_part("新表") not in (None, part)
        book.remove_sheet(first)
        assert book.sheet_part(first) is None and book.sheet_part("新表") is not None


def test_sheet_inserts_rows_and_cells_in_order():
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="2"><c r="B2"/><c r="D2"/></row><row r="5"><c r="A5"/></row></sheetData></worksheet>')
    doc = SheetDoc("s", "xl/worksheets/sheet1.xml", xml)
    doc.ensure(1, 2)  # C2
    doc.ensure(3, 0)  # A4, new row
    doc.ensure(9, 0)  # A10 after the last row
    refs = [c.get("r") for c in doc.root.iter("{*}c")]
    assert refs == ["B2", "C2", "D2", "A4", "A5", "A10"]
    doc.drop(3, 0, drop_row=True)
    assert [r.get("r") for r in doc.root.iter("{*}row")] == ["2", "5", "10"]


def test_vml_shapes_added_and_removed_by_cell():
    base = cm.new_vml(3)
    vml = cm.add_note_shapes(base, [(0, 0, "a"), (4, 2, "b")])
    assert b"_x0000_s3073" in vml and b"_x0000_s3074" in vml
    assert cm.remove_note_shapes(vml, {(0, 0), (4, 2)}) == base
    assert cm.idmap_blocks(vml) == {3}


def test_record_survives_shared_strings():
    rec = Record("校验结果", [CellRecord("表1", "C3", "", "7", "", "abc", "<fill/>", "", "18.5", "cell row")])
    xml = rec.to_xml()
    # Excel turns inline strings into shared ones on save: emulate that for one cell.
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<si><t>\xe8\xa1\xa81</t></si></sst>')
    xml = xml.replace('<c r="A3" t="inlineStr"><is><t xml:space="preserve">表1</t></is></c>'.encode(),
                      b'<c r="A3" t="s"><v>0</v></c>')
    back = Record.from_xml("x", xml, shared_strings(sst))
    assert back == rec


def test_typical_form_round_trip(tmp_path):
    src = typical_form(tmp_path / "form.xlsx")
    out = tmp_path / "out.xlsx"
    annotate_workbook(src, out, typical_plan())
    again = tmp_path / "again.xlsx"
    annotate_workbook(out, again, typical_plan())
    assert zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml") == zipfile.ZipFile(again).read(
        "xl/worksheets/sheet1.xml")
    cleared = tmp_path / "cleared.xlsx"
    clear_annotations(again, cleared)
    a, b = zipfile.ZipFile(src), zipfile.ZipFile(cleared)
    assert a.namelist() == b.namelist()
    for n in a.namelist():
        if n != "xl/styles.xml":
            assert a.read(n) == b.read(n), n


def test_clear_on_a_plain_workbook_changes_nothing(src, tmp_path):
    out = tmp_path / "plain.xlsx"
    clear_annotations(src, out)
    a, b = zipfile.ZipFile(src), zipfile.ZipFile(out)
    assert [(i.filename, a.read(i)) for i in a.infolist()] == [(i.filename, b.read(i)) for i in b.infolist()]


_TYPICAL: list[Path] = []


def _typical() -> Path:
    if not _TYPICAL:
        import tempfile

        _TYPICAL.append(typical_form(Path(tempfile.mkdtemp()) / "t.xlsx"))
    return _TYPICAL[0]


def test_unchanged_parts_copied_as_compressed_bytes(src, tmp_path):
    out = tmp_path / "raw.xlsx"
    annotate_workbook(src, out, rich_plan())
    a, b = zipfile.ZipFile(src), zipfile.ZipFile(out)
    assert b.testzip() is None
    for name in ("xl/media/image1.png", "xl/charts/chart1.xml", "xl/theme/theme1.xml"):
        ia, ib = a.getinfo(name), b.getinfo(name)
        assert (ia.CRC, ia.compress_size, ia.compress_type) == (ib.CRC, ib.compress_size, ib.compress_type)


class _Unseekable:
    """A write-only stream: zipfile then writes data descriptors, as streaming writers do."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        return self.fh.write(data)

    def flush(self):
        self.fh.flush()


def test_source_with_data_descriptors(src, tmp_path):
    streamed = tmp_path / "streamed.xlsx"
    with zipfile.ZipFile(src) as zin, open(streamed, "wb") as fh:
        with zipfile.ZipFile(_Unseekable(fh), "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                with zout.open(info.filename, "w") as w:
                    w.write(zin.read(info))
    assert zipfile.ZipFile(streamed).infolist()[0].flag_bits & 0x08
    out = tmp_path / "out.xlsx"
    annotate_workbook(streamed, out, rich_plan())
    b = zipfile.ZipFile(out)
    assert b.testzip() is None
    assert b.read("xl/media/image1.png") == zipfile.ZipFile(src).read("xl/media/image1.png")


def test_relationship_targets_match_relpath():
    import itertools
    import posixpath

    from perfxl.writeback.xmlparts import relative

    names = ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels", "[Content_Types].xml",
             "xl/drawings/vmlDrawing1.vml", "a/b/c/d.xml", "xl/worksheets/sub/x.xml", "top.xml",
             "xl/./a.xml", "xl//b.xml", "xl/../c.xml"]
    for source, part in itertools.product(names, names):
        assert relative(source, part) == posixpath.relpath(part, posixpath.dirname(source) or ".")


def test_new_styles_carry_no_stray_declarations_or_whitespace(tmp_path):
    from lxml import etree

    def pretty(name, data):
        if name != "xl/styles.xml":
            return data
        return etree.tostring(etree.fromstring(data), pretty_print=True, xml_declaration=True, encoding="UTF-8")

    src = rewrite(typical_form(tmp_path / "form.xlsx"), tmp_path / "pretty.xlsx", pretty)
    out, again = tmp_path / "out.xlsx", tmp_path / "again.xlsx"
    annotate_workbook(src, out, typical_plan())
    annotate_workbook(out, again, typical_plan())
    before = zipfile.ZipFile(src).read("xl/styles.xml")
    after = zipfile.ZipFile(out).read("xl/styles.xml")
    assert after == zipfile.ZipFile(again).read("xl/styles.xml")
    assert after.count(b"xmlns") == before.count(b"xmlns")
    assert len(after) > len(before)
    for entry in (b"<xf ", b"<font>", b"<fill>"):  # the appended ones bring no indentation along
        assert after.count(b"\n    " + entry) == before.count(b"\n    " + entry)


@pytest.mark.parametrize("text", ["PX201 合计不等于各项之和（应为 211.75）", "a & b < c > d", "行一\n行二\r\n",
                                  "quotes \" ' and ]]>", "control \x01\x0b chars dropped", ""])
def test_new_comments_part_is_what_comments_part_writes(text):
    notes = [("B3", text), ("AA10", "second"), ("C1", text)]
    lxml_made = cm.CommentsPart("xl/comments1.xml", None)
    for ref, t in notes:
        lxml_made.add(ref, t)
    assert cm.new_part(notes) == lxml_made.to_bytes()


def test_text_row_writes_what_cell_writes():
    from perfxl.writeback.findings_sheet import _cell, text_row

    values = ["perfxl-record", "", "a<b & c\x01", "表1"]
    cells = "".join(_cell(11, c, v, None) for c, v in enumerate(values) if v)
    assert text_row(11, values) == f'<row r="12">{cells}</row>'


def test_content_types_overrides_by_part():
    from perfxl.writeback.xmlparts import ContentTypes

    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    types = ContentTypes(
        f'<Types xmlns="{ns}"><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/a.xml" ContentType="A1"/><Override PartName="/xl/b.xml" ContentType="B"/>'
        '<Override PartName="xl/a.xml" ContentType="A2"/></Types>'.encode())
    assert types.content_type("xl/a.xml") == "A1"  # the first in document order
    types.add_override("xl/a.xml", "A3")  # replaces both
    assert types.content_type("xl/a.xml") == "A3"
    types.remove_override("xl/a.xml")
    assert types.content_type("xl/a.xml") == "application/xml"
    assert types.to_bytes().count(b"<Override") == 1


@given(st.text(alphabet=st.sampled_from('&<>"\'a中 ;#x') | st.characters(), max_size=40))
@settings(max_examples=300, deadline=None)
def test_findings_sheet_escape_is_saxutils_escape(text):
    from xml.sax.saxutils import escape as sax_escape

    from perfxl.writeback.findings_sheet import escape

    assert escape(text) == sax_escape(text)


def test_the_engine_does_not_import_urllib_request():
    # xml.sax.saxutils would pull in urllib.request and the email package: ~20 ms at the start of
    # every batch worker (findings_sheet.escape stands in for it)
    import subprocess
    import sys

    code = ("import sys, perfxl.engine, perfxl.reader, perfxl.writeback, perfxl.rules.registry; "
            "print('urllib.request' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
