"""perfxl.xlam: built from xlwings' ribbon add-in, Chinese ribbon, VBA calling perfxl.excel."""

from __future__ import annotations

import struct
import sys
import zipfile

import warnings

import olefile
import pytest
from lxml import etree

with warnings.catch_warnings():  # oletools still uses pyparsing's old camelCase names
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, decompress_stream

from perfxl import addin

NS = {"ui": "http://schemas.microsoft.com/office/2006/01/customui"}


@pytest.fixture(scope="module")
def xlam(tmp_path_factory):
    return addin.build_addin(tmp_path_factory.mktemp("addin"))


def test_the_addin_is_a_valid_package(xlam):
    assert xlam.name == "perfxl.xlam"
    with zipfile.ZipFile(xlam) as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
        assert {"customUI/customUI.xml", "xl/vbaProject.bin", "[Content_Types].xml"} <= names
        assert b"_xlwings.conf" in zf.read("xl/workbook.xml")


def test_ribbon_is_chinese_and_names_the_callbacks(xlam):
    with zipfile.ZipFile(xlam) as zf:
        root = etree.fromstring(zf.read("customUI/customUI.xml"))
    tab = root.find(".//ui:tab", NS)
    assert tab.get("label") == "绩效校验"
    buttons = {b.get("label"): b.get("onAction") for b in root.iterfind(".//ui:button", NS)}
    assert buttons == {"一键校验": "perfxl_ribbon.PerfxlCheck",
                       "清除标注": "perfxl_ribbon.PerfxlClear",
                       "生成模板": "perfxl_ribbon.PerfxlTemplate"}


def _macros(xlam):
    parser = VBA_Parser(str(xlam))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_vba_runs_the_perfxl_entry_points(xlam):
    macros = _macros(xlam)
    ribbon = macros["perfxl_ribbon.bas"]
    assert 'Attribute VB_Name = "perfxl_ribbon"' in ribbon
    for sub, call in (("PerfxlCheck", "main"), ("PerfxlClear", "clear"), ("PerfxlTemplate", "template")):
        assert f"Sub {sub}(control As IRibbonControl)" in ribbon
        assert f'RunPython "import perfxl.excel; perfxl.excel.{call}()"' in ribbon
    assert "RibbonMyAddin.bas" not in macros
    # RunPython itself comes with the add-in, reading the xlwings add-in's settings
    assert "Function RunPython" in macros["xlwings.bas"] or "Sub RunPython" in macros["xlwings.bas"]
    assert 'PROJECT_NAME As String = "xlwings"' in macros["xlwings.bas"]


def test_vba_project_directory_is_consistent(xlam):
    with zipfile.ZipFile(xlam) as zf:
        ole = olefile.OleFileIO(zf.read("xl/vbaProject.bin"))
    streams = {"/".join(p) for p in ole.listdir()}
    assert "VBA/perfxl_ribbon" in streams and "VBA/RibbonMyAddin" not in streams
    project = ole.openstream("PROJECT").read().decode("latin-1")
    assert "Module=perfxl_ribbon" in project and 'Name="perfxl"' in project
    assert ole.openstream("VBA/_VBA_PROJECT").read()[2:4] == b"\xff\xff"  # Office recompiles
    # the module's source starts at offset 0: no stale p-code cache for it
    d = bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))
    records = addin._parse_dir(d)
    ids = [r for r, _ in records]
    i = ids.index(0x0019, [data for _, data in records].index(b"perfxl_ribbon"))
    offset = next(data for rid, data in records[i:] if rid == 0x0031)
    assert struct.unpack("<I", offset)[0] == 0


@pytest.mark.parametrize("size", [0, 1, 17, 4096, 4097, 30000])
def test_compression_round_trips_through_oletools(size):
    import random

    rng = random.Random(size)
    data = bytes(rng.choice(b"Sub End If RunPython \r\n") for _ in range(size))
    assert bytes(decompress_stream(bytearray(addin.compress(data)))) == data


def test_dir_stream_parses_and_rebuilds_byte_for_byte():
    import xlwings
    from pathlib import Path

    with zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam") as zf:
        ole = olefile.OleFileIO(zf.read("xl/vbaProject.bin"))
    d = bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))
    assert addin._build_dir(addin._parse_dir(d)) == d


def test_ole_writer_output_reads_back():
    streams = {"A": b"x" * 10, "S/big": bytes(range(256)) * 40, "S/T/small": b"", "S/b": b"y" * 100}
    ole = olefile.OleFileIO(addin.write_ole(streams))
    assert {"/".join(p): ole.openstream(p).read() for p in ole.listdir()} == streams


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="Linux behaviour")
def test_install_without_excel_says_where_it_would_go():
    message = addin.addin_command("install")
    assert "没有 Excel" in message and "XLSTART" in message


def test_addin_command_build_and_unknown(tmp_path):
    assert "已生成加载项" in addin.addin_command("build", tmp_path / "x.xlam")
    assert (tmp_path / "x.xlam").is_file()
    assert "未知操作" in addin.addin_command("frobnicate")
