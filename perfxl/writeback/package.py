"""The workbook as a zip package: safe lazy reading, ordered parts, atomic writing.

Parts are inflated only when perfxl reads them (its own parts, a handful of small XML files).
Every part perfxl does not change is copied into the new package as its original compressed
bytes, so images, charts and the VBA project are neither inflated nor re-compressed: they come
out exactly as they went in, and a workbook with large pictures costs no more to annotate.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

from perfxl.errors import PerfxlFileError
from perfxl.writeback import retire
from perfxl.writeback.zipio import ZipWriter, inflate, raw_member

# Zip-bomb limits: no genuine form workbook comes near them.
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
# Small parts may legitimately compress > 200:1 (a sheet of empty styled rows) and cannot hurt.
RATIO_FLOOR = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Package:
    def __init__(self, path: Path, fh, zf: zipfile.ZipFile):
        self.path = path
        self._fh = fh  # the open source file: unchanged parts are copied from it raw
        self._zip = zf
        infos = zf.infolist()
        self._infos = {i.filename: i for i in infos}
        self._data: dict[str, bytes] = {}  # inflated or new content
        self._changed: set[str] = set()
        self.order: list[str] = [i.filename for i in infos]

    # -- reading ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> "Package":
        path = Path(path)
        try:
            fh = open(path, "rb")
        except OSError as exc:
            raise PerfxlFileError("PX914", f"无法读取 {path.name}：{exc.strerror}") from exc
        return cls._over(path, fh)

    @classmethod
    def from_bytes(cls, path: str | Path, data: bytes, inflated: dict[str, bytes] | None = None) -> "Package":
        """The package of a workbook the checker has already read: ``data`` is the file as it was
        checked, ``inflated`` the parts it inflated (each taken only if its size and CRC match the
        zip directory). ``path`` is the source's name and permissions."""
        pkg = cls._over(Path(path), io.BytesIO(data))
        for name, content in (inflated or {}).items():
            info = pkg._infos.get(name)
            if info is not None and len(content) == info.file_size and zlib.crc32(content) == info.CRC:
                pkg._data[name] = content
        return pkg

    @classmethod
    def _over(cls, path: Path, fh) -> "Package":
        try:
            if fh.read(8) == _OLE_MAGIC:
                raise PerfxlFileError("PX914", _ole_reason(path))
            fh.seek(0)
            try:
                zf = zipfile.ZipFile(fh)
            except zipfile.BadZipFile as exc:
                raise PerfxlFileError("PX914", f"{path.name} 不是有效的 .xlsx/.xlsm 压缩包") from exc
            _check_members(zf.infolist())
            return cls(path, fh, zf)
        except BaseException:
            fh.close()
            raise

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def parts(self) -> list[str]:
        return list(self.order)

    def __contains__(self, name: str) -> bool:
        return name in self.order

    def get(self, name: str) -> bytes | None:
        if name not in self.order:
            return None
        if name in self._data:
            return self._data[name]
        info = self._infos[name]
        try:
            data = inflate(info, raw_member(self._fh, info, checked=True))
            if data is None:  # neither stored nor deflated: zipfile knows the other methods
                data = self._zip.read(info)  # stops at the declared size and checks the CRC
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise PerfxlFileError("PX914", f"部件 {name} 无法解压：{exc}") from exc
        self._data[name] = data
        return data

    def set(self, name: str, data: bytes) -> None:
        """Replace a part in place, or append a new one at the end of the zip order."""
        if name not in self.order:
            self.order.append(name)
        if name not in self._infos or self.get(name) != data:
            self._changed.add(name)  # else the original compressed bytes are copied
        self._data[name] = data

    def remove(self, name: str) -> None:
        if name in self.order:
            self.order.remove(name)
        self._data.pop(name, None)
        self._changed.discard(name)

    # -- writing ---------------------------------------------------------------------------------
    def write(self, dst: str | Path, *, durable: bool = False, background_delete: bool = False) -> None:
        """Write atomically: a temporary file in dst's folder, then os.replace().

        On any failure the temporary file is removed and dst is left as it was. ``durable``
        (used when dst is the source itself) also flushes the new file to disk before the
        rename, so a power cut cannot leave the only copy empty. ``background_delete`` (for the
        copies of a bulk run; not with ``durable``): an earlier file at dst is deleted by a
        background thread instead of inside the rename (retire.py)."""
        dst = Path(dst)
        fd, tmp = tempfile.mkstemp(prefix=".~perfxl-", suffix=".tmp", dir=dst.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                zw = ZipWriter(out)
                for name in self.order:
                    if name in self._changed or name not in self._infos:
                        zw.add(name, self._data[name])
                    else:
                        info = self._infos[name]
                        zw.copy(info, raw_member(self._fh, info))
                zw.close()
                if durable:
                    out.flush()
                    os.fsync(out.fileno())
            shutil.copymode(self.path, tmp)  # keep the workbook's permissions
            self.close()  # Windows cannot replace a file that is still open
            if background_delete and not durable:
                retire.replace(tmp, str(dst))
            else:
                os.replace(tmp, dst)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    seen = set()
    for info in infos:
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
        if info.filename in seen:
            raise PerfxlFileError("PX914", f"压缩包含重复成员 {info.filename}")
        seen.add(info.filename)


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
