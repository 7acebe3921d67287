"""The hand-written zip layer (perfxl/writeback/zipio.py): the bytes zipfile would write, members
read back exactly, and damaged members refused as PX914 like zipfile refuses them."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from perfxl.errors import PerfxlFileError
from perfxl.writeback import zipio
from perfxl.writeback.package import Package
from perfxl.writeback.zipio import ZipWriter, inflate, raw_member

BODY = b'<?xml version="1.0"?><x>' + "数据".encode() * 200 + b"</x>"


def source(path: Path) -> Path:
    """Members of every kind the writer copies: deflated, stored, lzma, a non-ASCII name, an
    odd timestamp and Unix permissions."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("a.xml", (2021, 5, 17, 13, 45, 58)), BODY, zipfile.ZIP_DEFLATED)
        zf.writestr("xl/media/图片.png", b"\x89PNG" + bytes(range(256)), zipfile.ZIP_STORED)
        zf.writestr("lz.bin", BODY, zipfile.ZIP_LZMA)
        info = zipfile.ZipInfo("exec.sh")
        info.external_attr = 0o755 << 16
        zf.writestr(info, b"#!/bin/sh\n", zipfile.ZIP_DEFLATED)
    return path


def zipfile_writestr(name: str, data: bytes) -> bytes:
    """What perfxl wrote through zipfile before zipio: writestr at level 1, fixed timestamp."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        zf.writestr(info, data, compresslevel=1)
    return buf.getvalue()


@pytest.mark.parametrize("name", ["xl/worksheets/sheet9.xml", "xl/新部件.xml"])
def test_new_member_is_what_zipfile_writes(name, monkeypatch):
    # with zlib as the compressor, byte for byte what zipfile's writestr at level 1 gives
    monkeypatch.setattr(zipio, "_compress", zlib.compress)
    out = io.BytesIO()
    zw = ZipWriter(out)
    zw.add(name, BODY)
    zw.close()
    assert out.getvalue() == zipfile_writestr(name, BODY)


@pytest.mark.parametrize("name", ["xl/worksheets/sheet9.xml", "xl/新部件.xml"])
def test_new_member_with_the_fast_deflate_reads_back_like_zipfiles(name):
    out = io.BytesIO()
    zw = ZipWriter(out)
    zw.add(name, BODY)
    zw.close()
    ours = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    theirs = zipfile.ZipFile(io.BytesIO(zipfile_writestr(name, BODY)))
    fields = ("filename", "date_time", "compress_type", "CRC", "file_size", "external_attr", "create_system",
              "flag_bits")
    assert [[getattr(i, f) for f in fields] for i in ours.infolist()] == \
        [[getattr(i, f) for f in fields] for i in theirs.infolist()]
    assert ours.read(name) == BODY and ours.testzip() is None
    assert zipio.deflate(BODY) == zipio.deflate(BODY)  # deterministic: reruns give identical files


def test_copied_members_keep_bytes_and_metadata(tmp_path):
    src = source(tmp_path / "src.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, open(src, "rb") as fh:
        zw = ZipWriter(out)
        for info in zin.infolist():
            zw.copy(info, raw_member(fh, info))
        zw.close()
        copied = zipfile.ZipFile(out)
        assert copied.testzip() is None
        for a, b in zip(zin.infolist(), copied.infolist()):
            assert (a.filename, a.date_time, a.CRC, a.compress_size, a.file_size, a.compress_type,
                    a.external_attr) == (b.filename, b.date_time, b.CRC, b.compress_size,
                                         b.file_size, b.compress_type, b.external_attr)
            assert copied.read(b) == zin.read(a)


def test_package_reads_every_method(tmp_path):
    src = source(tmp_path / "src.zip")
    with zipfile.ZipFile(src) as zin, Package.open(src) as pkg:
        for name in zin.namelist():
            assert pkg.get(name) == zin.read(name)


def refused_on_read(path: Path, name: str) -> None:
    with Package.open(path) as pkg, pytest.raises(PerfxlFileError) as exc:
        pkg.get(name)
    assert exc.value.code == "PX914"


def test_local_name_differing_from_the_directory_is_refused(tmp_path):
    data = source(tmp_path / "src.zip").read_bytes()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(data.replace(b"a.xml", b"b.xml", 1))  # the first hit is the local header
    refused_on_read(bad, "a.xml")


def test_corrupt_deflated_data_is_refused(tmp_path):
    src = source(tmp_path / "src.zip")
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("a.xml")
    data = bytearray(src.read_bytes())
    data[info.header_offset + 30 + len("a.xml") + 10] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    refused_on_read(bad, "a.xml")


def test_inflate_stops_at_the_declared_size():
    info = zipfile.ZipInfo("x")
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.CRC = 10, 0
    raw = zlib.compress(b"\0" * 10_000_000, 9, -15)
    with pytest.raises(PerfxlFileError):
        inflate(info, raw)
