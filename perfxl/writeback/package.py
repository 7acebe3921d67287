"""The workbook as a zip package: safe reading, ordered parts, atomic writing.

Parts are held as uncompressed bytes in their original zip order. Parts perfxl does not own are
written back with exactly the bytes they were read with (the compression may differ, the content
does not).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from perfxl.errors import PerfxlFileError

# Zip-bomb limits: no genuine form workbook comes near them.
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
# Small parts may legitimately compress > 200:1 (a sheet of empty styled rows) and cannot hurt.
RATIO_FLOOR = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Package:
    def __init__(self, parts: dict[str, bytes]):
        self.parts = parts  # name -> uncompressed bytes, in zip order

    # -- reading ---------------------------------------------------------------------------------
    @classmethod
    def read(cls, path: str | Path) -> "Package":
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            raise PerfxlFileError("PX914", f"无法读取 {path.name}：{exc.strerror}") from exc
        if head == _OLE_MAGIC:
            raise PerfxlFileError("PX914", _ole_reason(path))
        try:
            with zipfile.ZipFile(path) as zf:
                return cls(_read_members(zf))
        except zipfile.BadZipFile as exc:
            raise PerfxlFileError("PX914", f"{path.name} 不是有效的 .xlsx/.xlsm 压缩包") from exc

    def get(self, name: str) -> bytes | None:
        return self.parts.get(name)

    def set(self, name: str, data: bytes) -> None:
        """Replace a part in place or append a new one at the end of the zip order."""
        self.parts[name] = data

    def remove(self, name: str) -> None:
        self.parts.pop(name, None)

    # -- writing ---------------------------------------------------------------------------------
    def write(self, dst: str | Path, like: str | Path | None = None) -> None:
        """Write atomically: a temporary file in dst's folder, then os.replace().

        On any failure the temporary file is removed and dst is left as it was."""
        dst = Path(dst)
        fd, tmp = tempfile.mkstemp(prefix=".~perfxl-", suffix=".tmp", dir=dst.parent or ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                    for name, data in self.parts.items():
                        _write_member(zf, name, data)
                fh.flush()
                os.fsync(fh.fileno())
            if like is not None and Path(like).exists():
                shutil.copymode(like, tmp)  # an in-place annotation keeps the file's permissions
            os.replace(tmp, dst)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise


def _write_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    # A fixed timestamp keeps two runs of the same plan byte-identical as files too.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    zf.writestr(info, data, compresslevel=6)


def _read_members(zf: zipfile.ZipFile) -> dict[str, bytes]:
    total = 0
    parts: dict[str, bytes] = {}
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            raise PerfxlFileError("PX914", f"压缩包成员 {info.filename} 已加密")
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise PerfxlFileError("PX914", f"部件 {info.filename} 解压后过大（{size} 字节）")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise PerfxlFileError("PX914", f"部件 {info.filename} 压缩比异常，疑似压缩炸弹")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise PerfxlFileError("PX914", "工作簿解压后总大小超限，疑似压缩炸弹")
        if info.filename in parts:
            raise PerfxlFileError("PX914", f"压缩包含重复成员 {info.filename}")
        # zipfile stops at the declared size and checks the CRC, so a lying header cannot
        # inflate past the limits checked above.
        parts[info.filename] = zf.read(info)
    return parts


def _ole_reason(path: Path) -> str:
    """An OLE compound file is either a legacy .xls or an encrypted OOXML workbook."""
    try:
        import olefile

        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptedPackage"):
                return f"{path.name} 已加密（设置了打开密码）"
    except (OSError, ImportError, ValueError):
        pass
    return f"{path.name} 是旧版 .xls 格式，请先另存为 .xlsx 再标注"
