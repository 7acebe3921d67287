"""The file layer: every bad input gets its PX9xx code and a one-line Chinese reason."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import xlsxwriter

from perfxl.errors import PerfxlFileError
from perfxl.workbook.files import computed_values, external_links, open_workbook_source

CJK = re.compile(r"[\u4e00-\u9fff]")


def _good(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("目标表")
    ws.write("C3", "资金总额")
    ws.write("D3", 233.35)
    ws.merge_range("A5:C6", "一级指标")
    ws.write_formula("D4", "=D3*2", None, 466.7)
    hidden = wb.add_worksheet("隐藏")
    hidden.write("A1", 1)
    hidden.hide()
    wb.add_chartsheet("图表").set_chart(_chart(wb))
    wb.close()
    return path


def _chart(wb):
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "='目标表'!$D$3:$D$4"})
    return chart


def _error(path, **kw) -> PerfxlFileError:
    with pytest.raises(PerfxlFileError) as info:
        open_workbook_source(path, **kw)
    err = info.value
    print(err.line)
    assert "\n" not in err.line and CJK.search(err.line), err.line
    assert len(err.line) < 300
    return err


# --------------------------------------------------------------------------------------------
# good workbooks


def test_reads_values_merged_hidden_and_skips_chartsheets(tmp_path):
    src = open_workbook_source(_good(tmp_path / "好.xlsx"))
    assert src.sheet_names() == ["目标表", "隐藏"]
    g = src.grid("目标表")
    assert g.get(2, 2) == "资金总额" and g.get(2, 3) == 233.35
    assert g.get(3, 3) == 466.7  # cached value of the formula
    assert g.get(0, 0) is None and g.rows[2][2] == "资金总额"  # padded from A1
    assert (4, 0, 5, 2) in g.merged
    assert src.grid("隐藏").hidden and not g.hidden
    assert not src.has_formulas_without_cache()
    assert src.external_links() == []
    src.close()


def test_grid_starts_at_a1_when_data_starts_late(tmp_path):
    path = tmp_path / "offset.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("S").write("E7", "x")
    wb.close()
    with open_workbook_source(path) as src:
        g = src.grid("S")
    assert g.rows[6][4] == "x" and len(g.rows) == 7


def test_legacy_xls_is_read(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls fixture")
    path = tmp_path / "旧表.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("绩效目标")
    sheet.write(1, 2, "资金总额")
    sheet.write(1, 3, 12.5)
    sheet.write_merge(3, 4, 0, 1, "一级指标")
    book.save(str(path))
    with open_workbook_source(path) as src:
        assert src.kind == "xls"
        g = src.grid("绩效目标")
    assert g.get(1, 2) == "资金总额" and g.get(1, 3) == 12.5
    assert (3, 0, 4, 1) in g.merged


def test_ods_is_read(tmp_path):
    path = tmp_path / "表.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>资金总额</text:p></table:table-cell>'
        '<table:table-cell office:value-type="float" office:value="5"><text:p>5</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    with open_workbook_source(path) as src:
        assert src.kind == "ods"
        assert src.grid("S").rows[0] == ["资金总额", 5.0]


# --------------------------------------------------------------------------------------------
# not a workbook


def test_missing_file(tmp_path):
    assert _error(tmp_path / "无.xlsx").code == "PX901"


def test_directory(tmp_path):
    (tmp_path / "dir.xlsx").mkdir()
    err = _error(tmp_path / "dir.xlsx")
    assert err.code == "PX902" and "文件夹" in err.line


def test_empty_file(tmp_path):
    (tmp_path / "空.xlsx").write_bytes(b"")
    err = _error(tmp_path / "空.xlsx")
    assert err.code == "PX902" and "0 字节" in err.line


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_csv_renamed_xlsx(tmp_path, encoding):
    path = tmp_path / "x.xlsx"
    path.write_bytes("单位名称,资金总额\n市贸促会,233.35\n".encode(encoding))
    err = _error(path)
    assert err.code == "PX902"
    assert "看起来是 CSV/文本文件，只是扩展名为 .xlsx" in err.line


def test_html_saved_as_xls(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
                    "<tr><td>资金总额</td></tr></table></body></html>", encoding="utf-8")
    err = _error(path)
    assert err.code == "PX902" and "网页（HTML）" in err.line and ".xls" in err.line


def test_word_document_zip(tmp_path):
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    err = _error(path)
    assert err.code == "PX902" and "Word" in err.line


def test_random_bytes(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    assert _error(path).code == "PX902"


# --------------------------------------------------------------------------------------------
# damaged and unsafe packages


def test_truncated_xlsx(tmp_path):
    good = _good(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "半截.xlsx"
    path.write_bytes(good[: len(good) // 2])
    err = _error(path)
    assert err.code == "PX903" and "不完整" in err.line


def test_garbage_inside_valid_zip_is_corrupt(tmp_path):
    path = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = b"<workbook><sheets><sheet name="
            dst.writestr(info, data)
    assert _error(path).code == "PX903"


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Make the central directory claim ``size`` bytes for ``member`` (nothing is inflated)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = data.find(b"PK\x01\x02" + b"")
    while pos != -1:
        name_len = struct.unpack("<H", data[pos + 28: pos + 30])[0]
        if bytes(data[pos + 46: pos + 46 + name_len]) == name:
            data[pos + 24: pos + 28] = struct.pack("<I", size)
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_total_size(tmp_path):
    path = _good(tmp_path / "炸弹.xlsx")
    _patch_declared_size(path, "xl/worksheets/sheet1.xml", 0xF0000000)
    err = _error(path)
    assert err.code == "PX908" and "MB" in err.line


def test_zip_bomb_compression_ratio(tmp_path):
    path = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        dst.writestr("xl/media/pad.bin", b"\0" * (3 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    err = _error(path)
    assert err.code == "PX908" and "压缩比" in err.line


def test_too_many_members(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(10_001):
            dst.writestr(f"xl/x/{i}", b"")
    err = _error(path)
    assert err.code == "PX908" and "10000" in err.line


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_bomb(tmp_path, member):
    path = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, BILLION_LAUGHS if info.filename == member else src.read(info))
    err = _error(path)
    assert err.code == "PX908" and "实体" in err.line


def test_doctype_after_long_prolog_is_still_found(tmp_path):
    path = tmp_path / "long.xlsx"
    padded = b'<?xml version="1.0"?>' + b"<!--" + b"x" * 10_000 + b"-->" + BILLION_LAUGHS[22:]
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            is_sheet = info.filename == "xl/worksheets/sheet1.xml"
            dst.writestr(info, padded if is_sheet else src.read(info))
    assert _error(path).code == "PX908"


# --------------------------------------------------------------------------------------------
# encryption


@pytest.fixture
def encrypted(tmp_path) -> Path:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    if not hasattr(ooxml.OOXMLFile, "encrypt"):
        pytest.skip("msoffcrypto-tool without OOXMLFile.encrypt (needs >= 5.1)")
    plain = _good(tmp_path / "plain.xlsx")
    out = io.BytesIO()
    with open(plain, "rb") as fh:
        ooxml.OOXMLFile(fh).encrypt("mima123", out)
    path = tmp_path / "加密.xlsx"
    path.write_bytes(out.getvalue())
    return path


def test_encrypted_needs_password(encrypted):
    err = _error(encrypted)
    assert err.code == "PX904" and "需要密码，请用 --password 提供" in err.line


def test_encrypted_wrong_password(encrypted):
    err = _error(encrypted, password="wrong")
    assert err.code == "PX904" and "密码不正确" in err.line


def test_encrypted_with_password(encrypted):
    with open_workbook_source(encrypted, password="mima123") as src:
        assert src.grid("目标表").get(2, 3) == 233.35


# --------------------------------------------------------------------------------------------
# empty workbooks, formulas, external links


def test_empty_workbook(tmp_path):
    path = tmp_path / "空表.xlsx"
    wb = openpyxl.Workbook()
    wb.create_sheet("第二页")
    wb.save(path)
    err = _error(path)
    assert err.code == "PX905"


def _script_written(path: Path) -> Path:
    wb = openpyxl.Workbook()  # openpyxl stores formulas without cached values
    ws = wb.active
    ws.title = "绩效"
    ws["A2"], ws["B2"], ws["B3"], ws["B4"] = "资金", 1, 2.5, 3
    ws["B5"] = "=SUM(B2:B4)"
    ws["C5"] = "=B5/0"
    wb.create_sheet("s2")["A1"] = "=绩效!B5+1"
    wb.save(path)
    return path


def test_formulas_without_cache_are_computed(tmp_path):
    path = _script_written(tmp_path / "脚本.xlsx")
    with open_workbook_source(path) as src:
        assert src.has_formulas_without_cache()
        g = src.grid("绩效")
        assert g.get(4, 1) == pytest.approx(6.5)
        assert g.get(4, 2) == "#DIV/0!"
        assert src.grid("s2").get(0, 0) == pytest.approx(7.5)
    values = computed_values(path)
    assert values["绩效"][(4, 1)] == pytest.approx(6.5)


def test_formulas_left_empty_when_not_computing(tmp_path):
    path = _script_written(tmp_path / "脚本.xlsx")
    with open_workbook_source(path, compute_formulas=False) as src:
        assert src.grid("绩效").get(4, 1) is None


def test_excel_empty_string_result_is_a_cached_value():
    from perfxl.workbook.formula_errors import part_has_uncached_formula

    excel = b'<c r="B1" t="str"><f>IF(A1="","",A1)</f><v></v></c>'
    script = b'<c r="B1"><f>SUM(A1:A3)</f><v></v></c>'
    bare = b'<x:c r="B1"><x:f>SUM(A1:A3)</x:f></x:c>'
    assert not part_has_uncached_formula(excel)
    assert part_has_uncached_formula(script)
    assert part_has_uncached_formula(bare)
    assert not part_has_uncached_formula(b'<c r="B1"><f>A1</f><v>3</v></c>')


_XML_PIECES = [b"<", b">", b"/", b":", b"f", b"c", b"x", b"v", b" ", b"\n", b"<f>", b"<x:f ", b"</f>",
               b"<c r=\"A1\">", b"</c>", b"ff", b"<ef", b"a:b:f", b"<:f", b"<_1:f/"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_XML_PIECES), max_size=24), st.integers(0, 40))
def test_formula_tag_finds_what_the_plain_pattern_finds(pieces, pos):
    """_formula_tag is the fast form of ``_F_START.search``: same spans, from any position."""
    from perfxl.workbook.formula_errors import _F_START, _formula_tag

    xml = b"".join(pieces)
    m = _F_START.search(xml, pos)
    assert _formula_tag(xml, pos) == (m.span() if m else None)


def test_external_links_are_listed_not_fetched(tmp_path):
    path = tmp_path / "外链.xlsx"
    with zipfile.ZipFile(_good(tmp_path / "g.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
        dst.writestr(
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            '<Relationships><Relationship Id="rId1" Target="2023%E5%B9%B4.xlsx" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'externalLinkPath" TargetMode="External"/></Relationships>',
        )
        dst.writestr("xl/externalLinks/externalLink2.xml", "<externalLink/>")
    assert external_links(path) == ["2023年.xlsx", "externalLink2.xml"]
    with open_workbook_source(path) as src:
        assert len(src.external_links()) == 2


def test_unreadable_xlsb_is_unsupported(tmp_path):
    path = tmp_path / "二进制.xlsb"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00garbage")
    err = _error(path)
    assert err.code == "PX915" and ".xlsb" in err.line


@pytest.mark.parametrize("cell_xml, expected", [
    (b'<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>', [("B3", "#DIV/0!")]),
    (b"<c r='C7' t='e'><v>#REF!</v></c>", [("C7", "#REF!")]),
    (b'<x:c r="D2" s="3" t = "e"><x:v>#N/A</x:v></x:c>', [("D2", "#N/A")]),
    (b'<c r="B3" t="s"><v>0</v></c><c r="C3"><v>1</v></c>', []),
    (b'<c r="B3" t="str"><f>"e"</f><v>e</v></c>', []),  # "e" as text, not an error type
])
def test_errors_in_part_finds_error_cells_in_every_spelling(cell_xml, expected):
    from perfxl.workbook.formula_errors import errors_in_part

    xml = b'<worksheet><sheetData><row r="1">' + cell_xml + b"</row></sheetData></worksheet>"
    assert errors_in_part(xml) == expected


def test_an_encrypted_workbook_never_hands_its_decrypted_bytes_to_write_back(encrypted):
    with open_workbook_source(encrypted, password="mima123") as src:
        assert src.package_bytes() is None


# --------------------------------------------------------------------------------------------
# the annotated copy is written from the bytes that were checked


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_check_file_annotates_from_the_bytes_it_read_as_from_the_file(sample, tmp_path):
    from perfxl.engine import CheckOptions, check_file, plan_for
    from perfxl.writeback import annotate_workbook

    path = SAMPLES / sample
    report = check_file(path, CheckOptions(out=str(tmp_path / "out")))
    assert report.annotated
    from_file = tmp_path / "from_file.xlsx"
    annotate_workbook(path, from_file, plan_for(report))
    assert Path(report.annotated).read_bytes() == from_file.read_bytes()


def test_write_back_uses_the_checked_bytes_even_if_the_file_changes_meanwhile(tmp_path):
    from perfxl.engine import check_file, plan_for
    from perfxl.writeback import annotate_workbook

    path = tmp_path / "表.xlsx"
    path.write_bytes((SAMPLES / "000_xuzhou_dept_target.xlsx").read_bytes())
    with open_workbook_source(path) as src:
        src.formula_errors()  # inflates the sheet parts
        read = src.package_bytes()
    assert read is not None and any(name.startswith("xl/worksheets/") for name in read[1])
    plan = plan_for(check_file(path))
    expected = tmp_path / "expected.xlsx"
    annotate_workbook(path, expected, plan)
    path.write_bytes(b"replaced by another program after the check")
    annotate_workbook(path, tmp_path / "out.xlsx", plan, read=read)
    assert (tmp_path / "out.xlsx").read_bytes() == expected.read_bytes()


def test_write_back_ignores_an_inflated_part_that_does_not_match_the_zip(tmp_path):
    from perfxl.writeback.package import Package

    data = (SAMPLES / "000_xuzhou_dept_target.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        name = next(n for n in zf.namelist() if n.startswith("xl/worksheets/"))
        real = zf.read(name)
    with Package.from_bytes(tmp_path / "x.xlsx", data, {name: real.replace(b"<", b"[", 1)}) as pkg:
        assert pkg.get(name) == real


def _first_large_sheet(data: bytes):
    """The central directory's record of the first worksheet ISA-L inflates, as the checks see it."""
    from perfxl.workbook.package import ISAL_ABOVE, zip_members

    return next(m for m in zip_members(data)
                if m.filename.startswith("xl/worksheets/") and m.file_size > ISAL_ABOVE)


def _with(info, **changed):
    """A copy of a Member with some fields changed (compiled, a Member has no __copy__)."""
    from perfxl.workbook.package import Member

    fields = {"filename": info.filename, "flag_bits": info.flag_bits, "compress_type": info.compress_type,
              "crc": info.CRC, "compress_size": info.compress_size, "file_size": info.file_size,
              "header_offset": info.header_offset}
    return Member(**{**fields, **changed})


def test_read_member_gives_what_zlib_gives_whatever_the_directory_crc_says():
    import zlib

    from perfxl.workbook.package import read_member

    data = (SAMPLES / "000_xuzhou_dept_target.xlsx").read_bytes()
    info = _first_large_sheet(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        real = zf.read(info.filename)
    assert read_member(data, info) == real  # ISA-L, checked against size and CRC
    lying = _with(info, crc=info.CRC ^ 1)  # ISA-L's result is refused: zlib inflates it, as it always did
    assert read_member(data, lying) == real
    shorter = _with(info, file_size=info.file_size - 10)  # never more than the declared size, by either inflater
    assert read_member(data, shorter) == real[:-10]
    assert zlib.crc32(real) == info.CRC


def test_a_damaged_sheet_stream_is_reported_with_zlibs_verdict():
    import zlib

    from perfxl.workbook.package import read_member

    data = bytearray((SAMPLES / "000_xuzhou_dept_target.xlsx").read_bytes())
    info = _first_large_sheet(bytes(data))
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data[start] = 0xFF  # reserved block type
    with pytest.raises(zlib.error) as expected:
        zlib.decompressobj(-15).decompress(bytes(data[start: start + info.compress_size]))
    with pytest.raises(PerfxlFileError) as err:
        read_member(bytes(data), info)
    assert err.value.code == "PX903" and str(expected.value) in err.value.line


def _zip_layouts(tmp_path) -> dict[str, bytes]:
    """The same small package in the layouts zip writers produce, plain and unusual."""
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>" * 50)
        zf.writestr("xl/图片/名字.png", b"\x89PNG" * 10)  # UTF-8 name (flag 0x800)
    data = plain.getvalue()
    layouts = {"plain": data, "prefixed": b"MZ self-extractor stub" + data}
    commented = io.BytesIO()
    with zipfile.ZipFile(commented, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.comment = b"written by some tool"
    layouts["comment"] = commented.getvalue()
    extra = io.BytesIO()
    with zipfile.ZipFile(extra, "w") as zf:
        info = zipfile.ZipInfo("xl/workbook.xml")
        info.extra = struct.pack("<HHB", 0x5455, 1, 0)  # an extended timestamp, as Info-ZIP writes
        zf.writestr(info, "<workbook/>")
    layouts["extra field"] = extra.getvalue()
    cp437 = bytearray(data)
    at = cp437.rfind("图片/名字".encode())  # in the central directory
    flag_at = cp437.rfind(b"PK\x01\x02", 0, at) + 8
    cp437[flag_at: flag_at + 2] = struct.pack("<H", struct.unpack("<H", cp437[flag_at: flag_at + 2])[0] & ~0x800)
    layouts["cp437 name"] = bytes(cp437)
    layouts["truncated directory"] = data[:-30] + data[-22:]
    bad_sig = bytearray(data)
    bad_sig[bad_sig.find(b"PK\x01\x02")] = ord("Q")
    layouts["bad directory signature"] = bytes(bad_sig)
    return layouts


@pytest.mark.parametrize("layout", ["plain", "prefixed", "comment", "extra field", "cp437 name",
                                    "truncated directory", "bad directory signature"])
def test_zip_members_lists_what_zipfile_lists_or_refuses_as_it_does(tmp_path, layout):
    from perfxl.workbook.package import zip_members

    data = _zip_layouts(tmp_path)[layout]
    fields = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size",
              "header_offset")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expected = [tuple(getattr(i, f) for f in fields) for i in zf.infolist()]
    except zipfile.BadZipFile:
        with pytest.raises(PerfxlFileError) as err:
            zip_members(data)
        assert err.value.code == "PX903"
        return
    assert [tuple(getattr(m, f) for f in fields) for m in zip_members(data)] == expected
