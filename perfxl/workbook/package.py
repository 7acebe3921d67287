"""Looking at a file's bytes before any parser sees them: what it is, whether it is safe, its key.

Input is untrusted (DESIGN.md): a reviewer's folder holds whatever departments sent — CSV and
HTML files renamed .xls/.xlsx, half-copied downloads, encrypted workbooks, and in principle zip or
XML bombs. Everything here works on the zip central directory and on small prefixes of members, so
a normal workbook pays a fraction of a millisecond; only the formula scan reads whole sheet parts,
and only when asked.

Every refusal is a ``PerfxlFileError`` with a PX9xx code and a one-line Chinese detail.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.errors import PerfxlFileError

try:
    from isal import isal_zlib

    _HAVE_ISAL = True
except ImportError:  # pragma: no cover - isal is a dependency; without it zlib inflates everything
    _HAVE_ISAL = False

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Zip-bomb limits (refused before anything is inflated).
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024
# A DOCTYPE can only stand in the XML prolog, before the root element; the prolog of a real part
# is a few dozen bytes, so we read a small head and a little more only if the prolog is long.
XML_HEAD = 4096
XML_PROLOG_MAX = 65536
# First try per member: a typical prolog (<?xml …?> and the root tag) is under 100 bytes, and
# inflating 512 bytes instead of 4 KB of each of a workbook's parts is most of this check's cost.
# A longer prolog is read again with the larger limits above, so the verdict is the same.
XML_PROLOG_HEAD = 512

# Whole members kept after inflating (forms' parts are tens of KB; a 100k-row sheet is not kept).
KEEP_INFLATED_MAX = 4 * 1024 * 1024
# Parts of an .xlsx the prolog check inflates whole (and keeps) instead of reading their head: past
# the fixed cost of starting a deflate stream (~30K instructions, mostly its Huffman tables) a
# part this small costs little more whole, and write-back reads several of them again
# ([Content_Types].xml, relationships, workbook.xml, styles.xml).
WHOLE_IF_AT_MOST = XML_HEAD
_WORKSHEETS = "xl/worksheets/"

# Excel's built-in key for "protected" legacy workbooks that open without asking for a password.
XLS_DEFAULT_PASSWORD = "VelvetSweatshop"

_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# Whole members larger than this are inflated with ISA-L (``_isal_whole``): about two thirds of
# zlib's instructions for a sheet, while for small parts the two cost the same.
ISAL_ABOVE = 4096


class Member:
    """One zip member as the central directory describes it: what the checks and ``read_member``
    use (a ``zipfile.ZipInfo`` has two dozen fields and costs several times as much to build)."""

    __slots__ = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size",
                 "header_offset")

    def __init__(self, filename: str, flag_bits: int, compress_type: int, crc: int,
                 compress_size: int, file_size: int, header_offset: int) -> None:
        self.filename = filename
        self.flag_bits = flag_bits
        self.compress_type = compress_type
        self.CRC = crc
        self.compress_size = compress_size
        self.file_size = file_size
        self.header_offset = header_offset


@dataclass
class Package:
    """What the sniffing found: the kind of workbook and where its bytes are."""

    kind: str  # xlsx | xlsb | ods | xls
    path: str
    # The workbook bytes (decrypted if the file was encrypted); None for a plain .xls, which
    # calamine reads from the path.
    data: bytes | None = None
    infos: list[Member] = field(default_factory=list)  # zip kinds only
    encrypted: bool = False
    inflated: dict[str, bytes] = field(default_factory=dict)  # whole members read so far, by name

    @property
    def members(self) -> list[str]:
        return [i.filename for i in self.infos]

    def member(self, name: str) -> Member | None:
        return next((i for i in self.infos if i.filename == name), None)

    def read(self, info: Member, limit: int | None = None) -> bytes:
        """Inflate one member (at most ``limit`` bytes, never more than its declared size). Whole
        members are kept in ``inflated``: write-back starts from them instead of inflating again."""
        assert self.data is not None
        if limit is None:
            hit = self.inflated.get(info.filename)
            if hit is None:
                hit = read_member(self.data, info)
                if len(hit) <= KEEP_INFLATED_MAX:
                    self.inflated[info.filename] = hit
            return hit
        return read_member(self.data, info, limit)


def inspect_package(path: Path, password: str | None = None) -> Package:
    """Classify ``path`` and run the safety checks; raise PerfxlFileError when it cannot be read.

    A zip workbook is read into memory once (forms are tens of KB): the checks then slice bytes
    instead of seeking in the file, and calamine parses the same buffer.
    """
    head, data = _read_head(path, rest_if=ZIP_MAGICS)
    if data is not None:
        return _zip_package(str(path), data)
    if head.startswith(OLE2_MAGIC):
        return _ole_package(path, password)
    raise PerfxlFileError("PX902", _describe_non_workbook(head, path))


# ----------------------------------------------------------------------------------------------
# Plain file checks and sniffing of non-workbooks


def _read_head(path: Path, rest_if: tuple[bytes, ...] = ()) -> tuple[bytes, bytes | None]:
    """The file's first bytes and, when they start with one of ``rest_if``, the whole file (read
    through the same handle: one open per workbook, not two)."""
    data = None
    try:
        if path.is_dir():
            raise PerfxlFileError("PX902", f"{path.resolve().name or path} 是一个文件夹，不是文件")
        with open(path, "rb") as fh:
            head = fh.read(XML_HEAD)
            if head and head.startswith(rest_if):
                data = _read_rest(path, fh, head)
    except FileNotFoundError:
        raise PerfxlFileError("PX901", str(path)) from None
    except PermissionError:
        raise PerfxlFileError("PX913", f"{path.name} 无权限读取或正被其他程序占用") from None
    except OSError as exc:
        raise PerfxlFileError("PX903", f"读取失败（{one_line(exc)}）") from None
    if not head:
        raise PerfxlFileError("PX902", f"{path.name} 是空文件（0 字节）")
    return head, data


def _read_rest(path: Path, fh, head: bytes) -> bytes:
    try:
        return head + fh.read()
    except OSError as exc:
        raise PerfxlFileError("PX913", f"{path.name} 无法读取（{one_line(exc)}）") from None


def _describe_non_workbook(head: bytes, path: Path) -> str:
    ext = path.suffix or "（无扩展名）"
    low = head[:2048].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if low.startswith(b"%pdf"):
        return f"看起来是 PDF 文件，只是扩展名为 {ext}"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in low:
        return f"看起来是 Excel 2003 XML 表格，只是扩展名为 {ext}；请在 Excel 中另存为 .xlsx"
    if low.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
        b"<html" in low or b"urn:schemas-microsoft-com:office:excel" in low
    ):
        return f"看起来是网页（HTML）文件，只是扩展名为 {ext}；请在 Excel 中打开后另存为 .xlsx"
    if b"{\\rtf" in low[:8]:
        return f"看起来是 RTF 文档，只是扩展名为 {ext}"
    if _looks_like_text(head):
        return f"看起来是 CSV/文本文件，只是扩展名为 {ext}；请在 Excel 中打开后另存为 .xlsx"
    return f"无法识别的文件内容（开头字节 {head[:8].hex(' ')}）"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 text, as Excel's "Unicode 文本" export writes
    if b"\x00" in head:
        return False
    # The head may end in the middle of a multi-byte character: drop a few trailing bytes.
    for encoding in ("utf-8", "gb18030"):
        try:
            head[:-4].decode(encoding) if len(head) > 8 else head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


# ----------------------------------------------------------------------------------------------
# Zip packages (xlsx, xlsm, xlsb, ods)


def _open_zip(source) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        del exc  # zipfile's English wording adds nothing for the reviewer
        raise PerfxlFileError("PX903", "zip 结构无法解析，文件可能不完整（下载或复制中断）") from None


_END = struct.Struct("<4s4H2LH")  # zipfile's structEndArchive
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile's structCentralDir
_END_SIZE = _END.size
_ZIP64_LOCATOR = b"PK\x06\x07"
_UTF8_NAME = 0x800
_MAX_EXTRACT_VERSION = 63  # zipfile's MAX_EXTRACT_VERSION


def zip_members(data: bytes) -> list[Member]:
    """The members of the zip in ``data``, as ``zipfile.ZipFile(...).infolist()`` lists them.

    A workbook's central directory is nearly always laid out plainly: no archive comment, no
    zip64 records, nothing before the first member, no extra fields. That layout is read here
    straight from the bytes (zipfile builds a ZipInfo of two dozen fields per member, which cost
    more than the rest of the zip checks); anything else, or anything zipfile would refuse, is
    left to zipfile, so the members and the errors are zipfile's.
    """
    members = _plain_members(data)
    if members is None:
        with _open_zip(io.BytesIO(data)) as zf:
            members = [Member(i.filename, i.flag_bits, i.compress_type, i.CRC, i.compress_size,
                              i.file_size, i.header_offset) for i in zf.infolist()]
    return members


def _plain_members(data: bytes) -> list[Member] | None:
    """The central directory of a plainly laid out zip (see ``zip_members``), or None."""
    end = len(data) - _END_SIZE
    if end < 0 or data[end: end + 4] != b"PK\x05\x06" or data[-2:] != b"\0\0":
        return None  # not a zip, or an archive comment
    if end >= 20 and data[end - 20: end - 16] == _ZIP64_LOCATOR:
        return None
    size_cd, offset_cd = _END.unpack_from(data, end)[5:7]
    if offset_cd + size_cd != end:
        return None  # data before the first member (zipfile shifts every offset), or damage
    members = []
    unpack = _CENTRAL.unpack_from
    pos = offset_cd
    while pos < end:
        if pos + 46 > end:
            return None
        (sig, _, _, version, _, flags, method, _, _, crc, compress_size, file_size, name_len,
         extra_len, comment_len, _, _, _, header_offset) = unpack(data, pos)
        name_end = pos + 46 + name_len
        next_pos = name_end + extra_len + comment_len
        if sig != b"PK\x01\x02" or extra_len or version > _MAX_EXTRACT_VERSION or next_pos > end:
            return None
        raw_name = data[pos + 46: name_end]
        if flags & _UTF8_NAME or raw_name.isascii():  # ASCII reads the same in cp437
            try:
                name = raw_name.decode("utf-8")
            except UnicodeDecodeError:
                return None
        else:
            name = raw_name.decode("cp437")
        if "\0" in name or (os.sep != "/" and os.sep in name):
            return None  # ZipInfo cuts the name at a NUL and turns os.sep into "/"
        members.append(Member(name, flags, method, crc, compress_size, file_size, header_offset))
        pos = next_pos
    return members


def _zip_package(path: str, data: bytes) -> Package:
    infos = zip_members(data)
    check_zip_limits(infos)
    kind = _zip_kind(data, {i.filename for i in infos})
    pkg = Package(kind=kind, path=path, data=data, infos=infos)
    check_xml_prologs(data, infos, pkg.inflated if kind == "xlsx" else None)
    return pkg


def check_zip_limits(infos: list[Member]) -> None:
    """Refuse zip bombs from the central directory alone, before inflating anything."""
    if len(infos) > MAX_MEMBERS:
        raise PerfxlFileError("PX908", f"压缩包内有 {len(infos)} 个部件（上限 {MAX_MEMBERS}）")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise PerfxlFileError(
            "PX908", f"解压后总大小 {total / 2**20:.0f} MB，超过上限 {MAX_TOTAL_UNCOMPRESSED >> 20} MB"
        )
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise PerfxlFileError(
                    "PX908", f"部件 {info.filename} 压缩比 {ratio:.0f}:1，超过上限 {MAX_RATIO}:1"
                )


def _zip_kind(data: bytes, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "mimetype" in names:
        with _open_zip(io.BytesIO(data)) as zf, zf.open("mimetype") as fh:
            if fh.read(len(_ODS_MIME) + 16).strip().startswith(_ODS_MIME):
                return "ods"
    if any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):
        return "xlsx"  # workbook part under an unusual name; calamine follows the relationships
    if "word/document.xml" in names:
        raise PerfxlFileError("PX902", "是 Word 文档（.docx）")
    if "ppt/presentation.xml" in names:
        raise PerfxlFileError("PX902", "是 PowerPoint 演示文稿")
    if "[Content_Types].xml" not in names:
        raise PerfxlFileError("PX902", "是普通 zip 压缩包；请先解压")
    raise PerfxlFileError("PX902", "是 Office 文件包，但其中没有 Excel 工作簿")


def check_xml_prologs(
    data: bytes, infos: list[Member], inflated: dict[str, bytes] | None = None
) -> None:
    """Refuse any XML part that declares a DOCTYPE or entities (billion laughs and XXE).

    OOXML never needs a DTD, so a DOCTYPE anywhere is a sign of tampering, whatever a given parser
    would make of it. Only the prolog is read: a DOCTYPE cannot come after the root element.

    With ``inflated`` (an .xlsx's ``Package.inflated``), the parts read whole later anyway — its
    worksheets, which the formula scan reads, and small parts (``WHOLE_IF_AT_MOST``) — are
    inflated whole once here and kept there, instead of inflating their head now and all of them
    again later. The prolog is then looked for in the same prefixes of the same bytes.
    """
    for info in infos:
        name = info.filename
        if not name.endswith((".xml", ".rels", ".vml")) or info.file_size == 0:
            continue
        whole = None
        if inflated is not None and (
            info.file_size <= WHOLE_IF_AT_MOST
            or (name.startswith(_WORKSHEETS) and info.file_size <= KEEP_INFLATED_MAX)
        ):
            whole = _read_whole(data, info, inflated)
        head = _member_head(data, info, whole, XML_PROLOG_HEAD)
        prolog = _prolog(head)
        if prolog is None and info.file_size > len(head):
            head = _member_head(data, info, whole, XML_HEAD)
            prolog = _prolog(head)
        if prolog is None and info.file_size > len(head):
            head = _member_head(data, info, whole, XML_PROLOG_MAX)
            prolog = _prolog(head)
        text = head if prolog is None else prolog
        # Both declarations start with "<!": a lone byte is looked for at memchr speed, and most
        # prologs have no "!" at all, so they skip the upper-casing and the two searches.
        if b"!" in text:
            upper = text.upper()
            if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
                raise PerfxlFileError(
                    "PX908", f"部件 {name} 含 DOCTYPE/ENTITY 声明（可能是 XML 实体炸弹）"
                )


def _read_whole(data: bytes, info: Member, inflated: dict[str, bytes]) -> bytes | None:
    """The whole member, kept in ``inflated`` as ``Package.read`` keeps it; None when its stream is
    broken (reported where the part is used, as before) or ends short of its declared size (its
    head is then read as before)."""
    try:
        whole = read_member(data, info)
    except PerfxlFileError:
        return None  # the head read below raises the same error if it is in the local header
    inflated[info.filename] = whole
    return whole if len(whole) == info.file_size else None


def _member_head(data: bytes, info: Member, whole: bytes | None, limit: int) -> bytes:
    return read_member(data, info, limit) if whole is None else whole[:limit]


def read_member(data: bytes, info: Member, limit: int | None = None) -> bytes:
    """Inflate a member straight from the buffer, at most ``limit`` bytes and never more than its
    declared size (so a lying size cannot make it a bomb).

    Slicing the buffer avoids ``ZipFile.open``'s per-member seek and object set-up: ~12 members per
    workbook, and this runs for every file of a bulk check.
    """
    name = info.filename
    cap = info.file_size if limit is None else min(limit, info.file_size)
    off = info.header_offset
    if data[off: off + 4] != b"PK\x03\x04":
        raise PerfxlFileError("PX903", f"部件 {name} 的位置信息错误，文件可能不完整")
    name_len, extra_len = struct.unpack("<HH", data[off + 26: off + 30])
    start = off + 30 + name_len + extra_len
    if start + info.compress_size > len(data):
        raise PerfxlFileError("PX903", f"部件 {name} 被截断，文件不完整（下载或复制中断）")
    if info.flag_bits & 0x1:
        raise PerfxlFileError("PX904", f"部件 {name} 使用了 zip 加密，不是 Excel 的加密方式")
    raw = memoryview(data)[start: start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[:cap])
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise PerfxlFileError("PX903", f"部件 {name} 使用了不支持的压缩方式（{info.compress_type}）")
    try:
        if limit is not None:
            # Deflate never shrinks data much below 1:1, so this much input covers ``cap`` output.
            raw = raw[: 2 * cap + 1024]
        elif cap > ISAL_ABOVE and _HAVE_ISAL:
            whole = _isal_whole(raw, info)
            if whole is not None:
                return whole
        return zlib.decompressobj(-15).decompress(raw, cap) if cap else b""
    except zlib.error as exc:
        raise PerfxlFileError("PX903", f"部件 {name} 已损坏（{one_line(exc)}）") from None


def _isal_whole(raw: memoryview, info: Member) -> bytes | None:
    """The whole member inflated by ISA-L, or None unless it is exactly the member the central
    directory describes (its size and CRC). Anything else (a damaged stream, or one ISA-L reads
    more leniently than zlib) is inflated by zlib as before, so the verdict and message are zlib's;
    like zlib, ISA-L never writes more than the declared size."""
    try:
        whole = isal_zlib.decompressobj(-15).decompress(raw, info.file_size)
    except Exception:  # noqa: BLE001 — ISA-L's error class (typed as an instance in its stubs)
        return None
    if len(whole) != info.file_size or isal_zlib.crc32(whole) != info.CRC:
        return None
    return whole


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _prolog(head: bytes) -> bytes | None:
    """The bytes before the root element, or None when the root is not in ``head`` yet."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 parts: transcode so the byte patterns below apply.
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    m = _ROOT_START.search(head)
    return head[: m.start()] if m else None


# ----------------------------------------------------------------------------------------------
# OLE2 containers: legacy .xls, encrypted OOXML, and other Office documents


def _ole_package(path: Path, password: str | None) -> Package:
    import olefile  # installed with msoffcrypto-tool

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, TypeError) as exc:
        raise PerfxlFileError("PX903", f"OLE 文件结构已损坏（{one_line(exc)}）") from None
    if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
        data = _decrypt(path, password, legacy=False)
        pkg = _zip_package(str(path), data)
        pkg.encrypted = True
        if pkg.kind not in ("xlsx", "xlsb"):
            raise PerfxlFileError("PX902", "是加密的 Office 文件，但不是 Excel 工作簿")
        return pkg
    if "Workbook" in streams or "Book" in streams:
        return _xls_package(path, password)
    if "WordDocument" in streams:
        raise PerfxlFileError("PX902", "是 Word 文档（.doc）")
    if "PowerPoint Document" in streams:
        raise PerfxlFileError("PX902", "是 PowerPoint 演示文稿")
    raise PerfxlFileError("PX902", "是 OLE 复合文档，但其中没有 Excel 工作簿")


def _xls_package(path: Path, password: str | None) -> Package:
    import msoffcrypto

    try:
        with open(path, "rb") as fh:
            encrypted = msoffcrypto.OfficeFile(fh).is_encrypted()
    except Exception as exc:  # noqa: BLE001 — msoffcrypto's BIFF parser raises assorted errors
        # Not our job to judge the BIFF stream: let python-calamine try and report what it finds.
        del exc
        encrypted = False
    if not encrypted:
        return Package(kind="xls", path=str(path))
    if password is None:
        try:
            data = _decrypt(path, XLS_DEFAULT_PASSWORD, legacy=True)
            return Package(kind="xls", path=str(path), data=data, encrypted=True)
        except PerfxlFileError:
            pass  # a real password is set
    data = _decrypt(path, password, legacy=True)
    return Package(kind="xls", path=str(path), data=data, encrypted=True)


def _decrypt(path: Path, password: str | None, legacy: bool) -> bytes:
    import msoffcrypto
    from msoffcrypto import exceptions as mexc

    if not password:
        raise PerfxlFileError("PX904", "需要密码，请用 --password 提供")
    out = io.BytesIO()
    try:
        with open(path, "rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            if legacy:
                office.load_key(password=password)  # the .xls key check is built in
            else:
                office.load_key(password=password, verify_password=True)
            office.decrypt(out)
    except mexc.InvalidKeyError:
        raise PerfxlFileError("PX904", "密码不正确") from None
    except mexc.DecryptionError as exc:
        raise PerfxlFileError("PX904", f"无法解密（{one_line(exc)}）") from None
    except (mexc.FileFormatError, mexc.ParseError) as exc:
        raise PerfxlFileError("PX903", f"加密文件结构已损坏（{one_line(exc)}）") from None
    except Exception as exc:  # noqa: BLE001 — third-party crypto code; never let a traceback out
        kind = "旧版 .xls" if legacy else "加密"
        raise PerfxlFileError("PX904", f"无法解密{kind}工作簿（{one_line(exc)}）") from None
    return out.getvalue()


def one_line(exc: BaseException | str, limit: int = 160) -> str:
    """An exception message squeezed onto one short line."""
    text = " ".join(str(exc).split())
    if not text and isinstance(exc, BaseException):
        text = type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
