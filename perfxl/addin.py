"""Build and install ``perfxl.xlam``, the 绩效校验 ribbon add-in.

The add-in is xlwings' own ``quickstart_addin_ribbon.xlam`` (it carries the xlwings VBA module
that implements ``RunPython``) with three changes:

* ``customUI/customUI.xml`` replaced by ``addin/customUI.xml`` (tab 绩效校验: 一键校验, 清除标注,
  生成模板);
* its ribbon module ``RibbonMyAddin`` replaced by ``addin/perfxl_ribbon.bas``. The shipped callback
  runs ``import <add-in file name>; <name>.main()``, which would need a top-level ``perfxl.main``
  and offers one button only, so the VBA is rewritten instead: the source is compressed with the
  MS-OVBA algorithm (§2.4.1) into the module stream at offset 0 — no p-code cache, which the
  ``_VBA_PROJECT`` stream (version 0xFFFF) already tells Office to ignore, so Excel compiles the
  source on first load; this is how xlwings ships its own ``xlwings`` module in that file;
* in the xlwings module, ``PROJECT_NAME`` "myaddin" -> "xlwings": RunPython then takes its settings
  (Interpreter_Win/Mac, Conda …) from ``~/.xlwings/xlwings.conf``, i.e. the Python that the xlwings
  add-in is configured for, where ``pip install perfxl`` went.

olefile can only overwrite streams of the same size, so the VBA project is written anew by a
minimal compound-file writer (version 3, all directory nodes black — allowed by MS-CFB §2.6.4).
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

ADDIN_NAME = "perfxl.xlam"
MODULE = "perfxl_ribbon"
_SHIPPED_MODULE = "RibbonMyAddin"
_CUSTOM_UI = "customUI/customUI.xml"
_VBA_PART = "xl/vbaProject.bin"
# The add-in sources ship as package data so `perfxl addin build` works from any install.
_ADDIN_DIRS = (Path(__file__).resolve().parent / "data" / "addin",)


# ----------------------------------------------------------------------------------------------
# Building


def build_addin(out: Path) -> Path:
    """Write perfxl.xlam to ``out`` (a file path, or a folder to put perfxl.xlam in)."""
    import xlwings

    out = Path(out)
    if out.is_dir() or not out.suffix:
        out = out / ADDIN_NAME
    src = Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"
    files = _addin_files()
    custom_ui = files["customUI.xml"].read_bytes()
    module_source = files["perfxl_ribbon.bas"].read_text(encoding="ascii")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == _CUSTOM_UI:
                data = custom_ui
            elif info.filename == _VBA_PART:
                data = rewrite_vba_project(data, module_source)
            elif info.filename == "xl/workbook.xml":  # the add-in's own (disabled) config sheet
                data = data.replace(b"_myaddin.conf", b"_xlwings.conf")
            zout.writestr(info, data)
    return out


def _addin_files() -> dict[str, Path]:
    for folder in _ADDIN_DIRS:
        if (folder / "customUI.xml").is_file() and (folder / "perfxl_ribbon.bas").is_file():
            return {name: folder / name for name in ("customUI.xml", "perfxl_ribbon.bas")}
    raise FileNotFoundError("找不到加载项源文件 customUI.xml / perfxl_ribbon.bas（perfxl 安装不完整）")


def rewrite_vba_project(data: bytes, module_source: str) -> bytes:
    """The shipped vbaProject.bin with its ribbon module replaced by ``module_source``."""
    import olefile
    from oletools.olevba import decompress_stream

    ole = olefile.OleFileIO(data)
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True)}
    ole.close()
    records = _parse_dir(bytes(decompress_stream(bytearray(streams["VBA/dir"]))))
    records = _rename_in_dir(records)
    streams["VBA/dir"] = compress(_build_dir(records))
    del streams[f"VBA/{_SHIPPED_MODULE}"]
    streams[f"VBA/{MODULE}"] = compress(_crlf(module_source).encode("ascii"))
    xlwings_src = bytes(decompress_stream(bytearray(streams["VBA/xlwings"])))
    streams["VBA/xlwings"] = compress(xlwings_src.replace(
        b'PROJECT_NAME As String = "myaddin"', b'PROJECT_NAME As String = "xlwings"'))
    streams["PROJECT"] = (streams["PROJECT"]
                          .replace(f"Module={_SHIPPED_MODULE}".encode(), f"Module={MODULE}".encode())
                          .replace(f"{_SHIPPED_MODULE}=".encode(), f"{MODULE}=".encode())
                          .replace(b'Name="MyAddin"', b'Name="perfxl"'))
    streams["PROJECTwm"] = (streams["PROJECTwm"]
                            .replace(_SHIPPED_MODULE.encode() + b"\0", MODULE.encode() + b"\0")
                            .replace(_SHIPPED_MODULE.encode("utf-16-le") + b"\0\0",
                                     MODULE.encode("utf-16-le") + b"\0\0"))
    return write_ole(streams)


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


# -- the dir stream (MS-OVBA §2.3.4.2): a flat list of (id, size, data) records -----------------


def _parse_dir(data: bytes) -> list[tuple[int, bytes]]:
    out, pos = [], 0
    while pos + 6 <= len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        if rid == 0x0009:  # PROJECTVERSION: its size field says 4 but 6 bytes follow
            size = 6
        out.append((rid, data[pos + 6: pos + 6 + size]))
        pos += 6 + size
    return out


def _build_dir(records: list[tuple[int, bytes]]) -> bytes:
    out = bytearray()
    for rid, data in records:
        size = 4 if rid == 0x0009 else len(data)
        out += struct.pack("<HI", rid, size) + data
    return bytes(out)


def _rename_in_dir(records: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Ribbon module renamed, its source offset 0 (no cache); project named perfxl."""
    old, new = _SHIPPED_MODULE.encode(), MODULE.encode()
    out, in_module = [], False
    for rid, data in records:
        if rid == 0x0004:  # PROJECTNAME
            data = b"perfxl"
        elif rid == 0x0019:  # MODULENAME starts a module
            in_module = data == old
        if in_module:
            if rid in (0x0019, 0x001A):  # name, stream name
                data = new
            elif rid in (0x0047, 0x0032):  # their UTF-16 twins
                data = MODULE.encode("utf-16-le")
            elif rid == 0x0031:  # MODULEOFFSET
                data = struct.pack("<I", 0)
        out.append((rid, data))
    return out


# -- MS-OVBA compression (§2.4.1.3.6 ff.) ------------------------------------------------------


def compress(data: bytes) -> bytes:
    """CompressedContainer for ``data``; oletools' decompress_stream inverts it."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk = data[start: start + 4096]
        body = _compress_chunk(chunk)
        if len(body) <= 4096:
            out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
        elif len(chunk) == 4096:  # incompressible: a raw chunk (flag 0, size field 4095)
            out += struct.pack("<H", 0x3FFF) + chunk
        else:
            raise ValueError("VBA source chunk does not compress")
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    pos, n = 0, len(chunk)

    def remember(p: int) -> None:
        if p + 3 <= n:
            seen.setdefault(chunk[p: p + 3], []).append(p)

    while pos < n:
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if pos >= n:
                break
            bits = max((pos - 1).bit_length(), 4)  # CopyTokenHelp: ceil(log2(pos)), at least 4
            length, offset = _longest_match(chunk, pos, seen.get(chunk[pos: pos + 3], ()),
                                            (0xFFFF >> bits) + 3)
            if length >= 3:
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                flags |= 1 << bit
                for p in range(pos, pos + length):
                    remember(p)
                pos += length
            else:
                out.append(chunk[pos])
                remember(pos)
                pos += 1
        out[flag_at] = flags
    return bytes(out)


def _longest_match(chunk: bytes, pos: int, candidates, max_len: int) -> tuple[int, int]:
    best_len, best_off = 0, 0
    limit = min(max_len, len(chunk) - pos)
    for cand in reversed(candidates[-64:]):  # the nearest few: plenty for source text
        k = 0
        while k < limit and chunk[cand + k] == chunk[pos + k]:
            k += 1
        if k > best_len:
            best_len, best_off = k, pos - cand
            if k == limit:
                break
    return best_len, best_off


# -- a minimal compound file (MS-CFB) writer ----------------------------------------------------

_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_ole(streams: dict[str, bytes]) -> bytes:
    """An OLE file holding ``streams`` ({"VBA/dir": bytes, ...}); storages follow the paths."""
    nodes: dict[str, dict] = {"": {"name": "Root Entry", "type": 5, "kids": []}}
    for path in streams:
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            key = "/".join(parts[:i])
            if key not in nodes:
                nodes[key] = {"name": parts[i - 1], "type": 2 if i == len(parts) else 1, "kids": []}
                nodes["/".join(parts[: i - 1])]["kids"].append(key)
    order = list(nodes)
    index = {key: i for i, key in enumerate(order)}

    mini, minifat, big = bytearray(), [], []
    for key in order:
        node = nodes[key]
        if node["type"] != 2:
            continue
        data = streams[key]
        node["size"] = len(data)
        if not data:
            node["start"] = _END
        elif len(data) < _CUTOFF:
            first, count = len(mini) // _MINI, -(-len(data) // _MINI)
            node["start"] = first
            minifat += list(range(first + 1, first + count)) + [_END]
            mini += data + b"\0" * (count * _MINI - len(data))
        else:
            big.append(key)

    n_dir = -(-len(order) * 128 // _SECTOR)
    n_minifat = -(-len(minifat) * 4 // _SECTOR)
    n_mini = -(-len(mini) // _SECTOR)
    n_big = [-(-len(streams[k]) // _SECTOR) for k in big]
    body = n_dir + n_minifat + n_mini + sum(n_big)
    n_fat = 1
    while n_fat * 128 < n_fat + body:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("VBA project too large for this writer (needs DIFAT sectors)")

    fat: list[int] = [_FATSECT] * n_fat
    sectors = bytearray()

    def region(data: bytes, count: int) -> int:
        if count == 0:
            return _END
        first = len(fat)
        fat.extend(list(range(first + 1, first + count)) + [_END])
        sectors.extend(data + b"\0" * (count * _SECTOR - len(data)))
        return first

    mf_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    dir_first = len(fat)
    fat.extend(list(range(dir_first + 1, dir_first + n_dir)) + [_END])  # filled in below
    dir_offset = len(sectors)
    sectors.extend(b"\0" * (n_dir * _SECTOR))
    minifat_first = region(mf_bytes, n_minifat)
    nodes[""]["start"] = region(bytes(mini), n_mini)
    nodes[""]["size"] = len(mini)
    for key, count in zip(big, n_big):
        nodes[key]["start"] = region(streams[key], count)

    entries = bytearray()
    for key in order:
        entries += _dir_entry(nodes, key, index)
    while len(entries) < n_dir * _SECTOR:
        entries += _empty_entry()
    sectors[dir_offset: dir_offset + len(entries)] = entries

    fat += [_FREE] * (n_fat * 128 - len(fat))
    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, dir_first, 0, _CUTOFF,
                     minifat_first, n_minifat, _END, 0)
    difat = list(range(n_fat)) + [_FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return bytes(header) + fat_bytes + bytes(sectors)


def _dir_entry(nodes: dict[str, dict], key: str, index: dict[str, int]) -> bytes:
    node = nodes[key]
    name = node["name"].encode("utf-16-le")
    if len(name) > 62:
        raise ValueError(f"OLE name too long: {node['name']}")
    child = _tree(nodes, node["kids"], index) if node["kids"] else _NOSTREAM
    left, right = node.get("left", _NOSTREAM), node.get("right", _NOSTREAM)
    return struct.pack("<64sHBBIII16sIQQIQ", name, len(name) + 2, node["type"], 1, left, right,
                       child, b"\0" * 16, 0, 0, 0, node.get("start", 0), node.get("size", 0))


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM,
                       b"\0" * 16, 0, 0, 0, 0, 0)


def _tree(nodes: dict[str, dict], kids: list[str], index: dict[str, int]) -> int:
    """Siblings as a balanced binary search tree in CFB order (shorter names first, then
    upper-case code points); returns the root's directory index."""
    ordered = sorted(kids, key=lambda k: (len(nodes[k]["name"]), nodes[k]["name"].upper()))

    def build(lo: int, hi: int) -> int:
        if lo > hi:
            return _NOSTREAM
        mid = (lo + hi) // 2
        node = nodes[ordered[mid]]
        node["left"], node["right"] = build(lo, mid - 1), build(mid + 1, hi)
        return index[ordered[mid]]

    return build(0, len(ordered) - 1)


# ----------------------------------------------------------------------------------------------
# Installing


def addin_folder() -> Path | None:
    """Excel's XLSTART folder, found as ``xlwings addin install`` finds it (Excel's own
    ``Application.StartupPath``), else the default location; None where there is no Excel."""
    if not sys.platform.startswith(("win", "darwin")):
        return None
    try:
        from xlwings.cli import get_addin_dir

        return Path(get_addin_dir())
    except Exception:  # noqa: BLE001 — Excel not startable right now: use the default folder
        if sys.platform.startswith("win"):
            return Path(os.environ.get("APPDATA", "~")).expanduser() / "Microsoft" / "Excel" / "XLSTART"
        return Path("~/Library/Group Containers/UBF8T346G9.Office/User Content.localized/"
                    "Startup.localized/Excel").expanduser()


def install_addin() -> str:
    folder = addin_folder()
    if folder is None:
        where = (r"Windows：%APPDATA%\Microsoft\Excel\XLSTART\perfxl.xlam；"
                 "macOS：~/Library/Group Containers/UBF8T346G9.Office/User Content.localized/"
                 "Startup.localized/Excel/perfxl.xlam")
        return f"此电脑上没有 Excel（{sys.platform}），无法安装加载项。在装有 Excel 的电脑上会复制到：{where}"
    with tempfile.TemporaryDirectory() as tmp:
        built = build_addin(Path(tmp) / ADDIN_NAME)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(built, folder / ADDIN_NAME)
        except PermissionError:
            return f"无法写入 {folder}：请先关闭 Excel（加载项正在使用中），再重试。"
    return f"已安装加载项：{folder / ADDIN_NAME}\n请重新启动 Excel，功能区会出现“绩效校验”选项卡。"


def remove_addin() -> str:
    folder = addin_folder()
    target = folder / ADDIN_NAME if folder else None
    if target is None or not target.exists():
        return "没有找到已安装的 perfxl 加载项。"
    try:
        target.unlink()
    except PermissionError:
        return f"无法删除 {target}：请先关闭 Excel，再重试。"
    return f"已卸载加载项：{target}"


def addin_command(action: str, out: Path | str | None = None) -> str:
    """``perfxl addin build [-o FILE] | install | remove`` -> a Chinese message for the CLI."""
    if action == "build":
        path = build_addin(Path(out) if out else Path.cwd() / ADDIN_NAME)
        return f"已生成加载项：{path}"
    if action == "install":
        return install_addin()
    if action in ("remove", "uninstall"):
        return remove_addin()
    return f"未知操作“{action}”：可用 build、install、remove。"
