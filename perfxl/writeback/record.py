"""perfxl's memory between runs: the veryHidden sheet ``_perfxl``.

For every cell perfxl restyled or filled with a score it keeps the cell's original style (raw
index and a digest of what the style means), the style perfxl applied, the original fill and font
and the number written. A later run uses it to put each cell back before annotating again.

Why a veryHidden sheet: it survives Excel and LibreOffice saving the workbook (a customXml part
does not survive LibreOffice, and the 校验结果 sheet is something users delete), it cannot be
unhidden or deleted from Excel's menus, and the live-Excel (xlwings) path can read and write it
with ordinary range calls.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from lxml import etree

from perfxl.writeback.findings_sheet import text_row
from perfxl.writeback.xmlparts import MAIN, R, XmlPart, q

SHEET_NAME = "_perfxl"
MAGIC = "perfxl-record"
VERSION = "1"


@dataclass
class CellRecord:
    sheet: str
    cell: str
    orig_s: str  # raw s attribute; "" when the cell had none
    applied_s: str
    orig_hash: str  # StyleBook.describe of the original xf ("" when s was absent)
    applied_hash: str
    orig_fill: str = ""  # canonical XML of the original fill, when perfxl swapped the fill
    orig_font: str = ""  # ... of the original font, when perfxl swapped the font for a score
    value: str = ""  # the number perfxl wrote ("" for none)
    flags: str = ""  # space separated: cell (perfxl created the <c>), row (and its <row>), t=...

    def has(self, flag: str) -> bool:
        return flag in self.flags.split()

    def orig_t(self) -> str:
        for f in self.flags.split():
            if f.startswith("t="):
                return f[2:]
        return ""


_FIELDS = [f.name for f in fields(CellRecord)]


@dataclass
class Record:
    findings_sheet: str | None = None
    cells: list[CellRecord] | None = None

    def to_xml(self) -> bytes:
        rows = [[MAGIC, VERSION, self.findings_sheet or "", "perfxl 标注记录：请勿修改或删除"], _FIELDS]
        rows += [[getattr(c, n) for n in _FIELDS] for c in self.cells or []]
        body = "".join(text_row(r, vals) for r, vals in enumerate(rows))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN}" xmlns:r="{R}"><sheetData>{body}</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            "</worksheet>"
        ).encode("utf-8")

    @classmethod
    def from_xml(cls, name: str, data: bytes, shared: list[str] | None) -> "Record":
        table = sheet_table(name, data, shared)
        if not table or not table[0] or table[0][0] != MAGIC:
            return cls()
        findings = table[0][2] if len(table[0]) > 2 else ""
        cells = []
        for vals in table[2:]:
            vals = (vals + [""] * len(_FIELDS))[: len(_FIELDS)]
            if vals[0] and vals[1]:
                cells.append(CellRecord(**dict(zip(_FIELDS, vals))))
        return cls(findings_sheet=findings or None, cells=cells)


def sheet_table(name: str, data: bytes, shared: list[str] | None) -> list[list[str]]:
    """A worksheet part's cells as rows of text (for perfxl's own small record sheets)."""
    part = XmlPart(name, data)
    table: list[list[str]] = []
    for row in part.root.iter(q("row")):
        r = int(row.get("r", len(table) + 1)) - 1
        while len(table) <= r:
            table.append([])
        vals = table[r]
        for c in row.iterchildren(q("c")):
            col = _col(c.get("r", ""), len(vals))
            while len(vals) <= col:
                vals.append("")
            vals[col] = _text(c, shared)
    return table


def _col(ref: str, default: int) -> int:
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    if not letters:
        return default
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _text(c: etree._Element, shared: list[str] | None) -> str:
    t = c.get("t")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(q("t")))
    v = c.find(q("v"))
    if v is None or v.text is None:
        return ""
    if t == "s" and shared is not None:
        i = int(v.text)
        return shared[i] if 0 <= i < len(shared) else ""
    return v.text


def shared_strings(data: bytes) -> list[str]:
    part = XmlPart("xl/sharedStrings.xml", data)
    out = []
    for si in part.root.iterchildren(q("si")):
        # Phonetic runs (rPh) are reading aids, not part of the text.
        out.append("".join(t.text or "" for t in si.iter(q("t"))
                           if etree.QName(t.getparent()).localname != "rPh"))
    return out


