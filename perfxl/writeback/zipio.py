"""Zip members read and written by hand: the raw compressed bytes of a member, inflating them, and
a writer that lays out local headers and the central directory itself.

Python's zipfile costs tens of microseconds of bookkeeping per member (a ZipInfo, a ZipExtFile or
_ZipWriteFile, a seek back to rewrite each header), more than inflating or deflating the small
parts of a workbook. zipfile still parses the source's central directory (zip64, odd writers);
everything per member is done here. The layout written is the one zipfile writes for
``writestr``, so the output is the same bytes.
"""

from __future__ import annotations

import struct
import zlib

try:
    from isal.isal_zlib import compress as _compress
    from isal.isal_zlib import crc32 as _crc32
    from isal.isal_zlib import decompressobj as _decompressobj
    from isal.isal_zlib import error as _InflateError
except ImportError:  # pragma: no cover - isal is a dependency; a platform without a wheel still works
    from zlib import compress as _compress
    from zlib import crc32 as _crc32
    from zlib import decompressobj as _decompressobj
    from zlib import error as _InflateError

from perfxl.errors import PerfxlFileError

# zipfile's structFileHeader, structCentralDir and structEndArchive
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate
_MIN_VERSION = {12: 46, 14: 63}  # bzip2, lzma (what zipfile writes for them)
_UNIX = 3  # "made by" system: the external attributes below are Unix modes
_NEW_MODE = 0o600 << 16
_NEW_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: two runs of the same plan give the same file
_KEEP_FLAGS = 0x806  # UTF-8 name and deflate-level bits; no data descriptor (sizes are known)
_UTF8_NAME = 0x800
_UNSUPPORTED = 0x60  # patched data, strong encryption
_MAX_MEMBERS = 0xFFFF  # more would need zip64 end records


def deflate(data: bytes) -> bytes:
    """Raw deflate for a new or edited part. ISA-L's level 1 (the ``isal`` package) is about four
    times as fast as zlib's level 1 and compresses as well: deflating the edited sheets was the
    largest single cost of writing an annotated copy. Same input, same bytes, so two runs of
    one plan still give identical files. Falls back to zlib where ``isal`` is not installed."""
    return _compress(data, 1, -15)


def raw_member(fh, info, *, checked: bool = False) -> bytes:
    """The member's compressed bytes, found through its local header. ``checked`` (for a member
    perfxl inflates) also refuses what zipfile refuses to read: a local name that differs from the
    central directory's, patched data, encryption."""
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != b"PK\x03\x04":
        raise PerfxlFileError("PX914", f"部件 {info.filename} 的压缩头损坏")
    fields = _LOCAL.unpack(header)
    flags, name_len, extra_len = fields[3], fields[-2], fields[-1]
    if checked:
        name = fh.read(name_len).decode("utf-8" if flags & _UTF8_NAME else "cp437", "replace")
        if name != info.orig_filename or info.flag_bits & _UNSUPPORTED:
            raise PerfxlFileError("PX914", f"部件 {info.filename} 的压缩头与目录不符")
        name_len = 0
    if name_len + extra_len:
        fh.seek(name_len + extra_len, 1)
    raw = fh.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise PerfxlFileError("PX914", f"部件 {info.filename} 被截断")
    return raw


def inflate(info, raw: bytes) -> bytes | None:
    """A stored or deflated member's content, checked against its size and CRC like zipfile does;
    None for other methods (left to zipfile). ISA-L inflates and checks a sheet in about half
    zlib's time."""
    if info.compress_type == 0:
        data = raw
    elif info.compress_type == 8:
        try:
            # never more than the declared size (zipfile stops there too): no bomb can inflate
            data = _decompressobj(-15).decompress(raw, info.file_size)
        except (zlib.error, _InflateError) as exc:
            raise PerfxlFileError("PX914", f"部件 {info.filename} 无法解压：{exc}") from exc
    else:
        return None
    if len(data) != info.file_size or _crc32(data) != info.CRC:
        raise PerfxlFileError("PX914", f"部件 {info.filename} 无法解压：大小或 CRC 不符")
    return data


class ZipWriter:
    """Members appended one by one to a fresh file, then the central directory on ``close``."""

    def __init__(self, out):
        self._out = out
        self._offset = 0
        self._central: list[bytes] = []

    def add(self, name: str, data: bytes) -> None:
        """A new or edited part, deflated fast: perfxl's parts are small, and most of the file is
        copied compressed as it was."""
        raw = deflate(data)
        self._member(name, 8, 0, _NEW_DATE_TIME, _crc32(data), raw, len(data), _UNIX, _NEW_MODE)

    def copy(self, info, raw: bytes) -> None:
        """An unchanged part: its original compressed bytes, CRC and sizes."""
        self._member(info.filename, info.compress_type, info.flag_bits & _KEEP_FLAGS, info.date_time,
                     info.CRC, raw, info.file_size, info.create_system, info.external_attr)

    def _member(self, name: str, method: int, flags: int, date_time: tuple, crc: int, raw: bytes,
                size: int, system: int, mode: int) -> None:
        try:
            encoded = name.encode("ascii")
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), flags | _UTF8_NAME
        version = _MIN_VERSION.get(method, _VERSION)
        y, mo, d, h, mi, s = date_time
        dos_date, dos_time = (y - 1980) << 9 | mo << 5 | d, h << 11 | mi << 5 | s // 2
        local = _LOCAL.pack(b"PK\x03\x04", version, 0, flags, method, dos_time, dos_date, crc,
                            len(raw), size, len(encoded), 0)
        self._central.append(_CENTRAL.pack(
            b"PK\x01\x02", version, system, version, 0, flags, method, dos_time, dos_date, crc,
            len(raw), size, len(encoded), 0, 0, 0, 0, mode, self._offset) + encoded)
        self._out.write(local + encoded)
        self._out.write(raw)
        self._offset += len(local) + len(encoded) + len(raw)

    def close(self) -> None:
        count = len(self._central)
        if count > _MAX_MEMBERS or self._offset > 0xFFFFFFFF:
            raise PerfxlFileError("PX914", "工作簿成员过多或过大，无法写回")
        directory = b"".join(self._central)
        self._out.write(directory)
        self._out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self._offset, 0))
