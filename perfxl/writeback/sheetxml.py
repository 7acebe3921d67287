"""One worksheet part: find or create cells, swap their style, write or remove a number.

Only the ``s`` attribute and the value of the cells perfxl flags change, plus the
``<legacyDrawing>`` reference when perfxl adds the sheet's first comment. Everything else in the
part (formulas and their cached values, data validations, conditional formats, extLst) is left
as lxml parsed it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from perfxl.errors import PerfxlFileError
from perfxl.workbook.base import a1
from perfxl.writeback.xmlparts import R, XmlPart, insert_in_order, q

WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
    "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
]
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")
MAX_ROW, MAX_COL = 1_048_576, 16_384


_COLS: dict[str, int] = {}


def _col_index(letters: str) -> int:
    col = _COLS.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        col -= 1
        _COLS[letters] = col
    return col


@lru_cache(maxsize=65536)  # a sheet's cell addresses are parsed again and again while indexing it
def check_ref(ref: str) -> tuple[int, int]:
    """A1 address -> 0-based (row, col); PX914 for anything that is not a single cell."""
    m = _REF.match(ref.strip().upper())
    if not m:
        raise PerfxlFileError("PX914", f"单元格地址无效：{ref!r}")
    row, col = int(m.group(2)) - 1, _col_index(m.group(1))
    if row >= MAX_ROW or col >= MAX_COL:
        raise PerfxlFileError("PX914", f"单元格地址超出工作表范围：{ref}")
    return row, col


def ref_of(row: int, col: int) -> str:
    return a1(row, col)


class SheetDoc:
    def __init__(self, name: str, part_name: str, data: bytes):
        self.name = name
        self.part_name = part_name
        self.part = XmlPart(part_name, data)
        self.root = self.part.root
        self.dirty = False
        self.sheet_data = self.root.find(q("sheetData"))
        if self.sheet_data is None:
            raise PerfxlFileError("PX914", f"工作表“{name}”缺少 sheetData")
        self._rows: dict[int, etree._Element] | None = None
        self._cells: dict[int, dict[int, etree._Element]] = {}
        self._implicit = False  # rows or cells without an r attribute (legal, rare)
        self._merged: list[tuple[int, int, int, int]] | None = None

    # -- index ---------------------------------------------------------------------------------
    def _build(self) -> None:
        # Rows only: a form has ~100 rows but ~1,000 cells; cells are indexed per row on demand.
        rows: dict[int, etree._Element] = {}
        r = -1
        for row in self.sheet_data.iterchildren(q("row")):
            rr = row.get("r")
            if rr is None:
                self._implicit = True
                r += 1
            else:
                r = int(rr) - 1
            rows[r] = row
        self._rows = rows

    def _row_cells(self, row: int) -> dict[int, etree._Element]:
        cells = self._cells.get(row)
        if cells is None:
            cells = {}
            row_el = self._rows.get(row) if self._rows is not None else None
            c = -1
            for cell in row_el.iterchildren(q("c")) if row_el is not None else ():
                ref = cell.get("r")
                if ref is None:
                    self._implicit = True
                    c += 1
                else:
                    c = check_ref(ref)[1]
                cells[c] = cell
            self._cells[row] = cells
        return cells

    def find(self, row: int, col: int) -> etree._Element | None:
        if self._rows is None:
            self._build()
        return self._row_cells(row).get(col)

    def ensure(self, row: int, col: int) -> tuple[etree._Element, bool, bool]:
        """The cell element at (row, col), created in order when missing.

        Returns (cell, created_cell, created_row)."""
        cell = self.find(row, col)
        if cell is not None:
            return cell, False, False
        if self._implicit:
            # Inserting among cells whose position is implied by their order would move them.
            raise PerfxlFileError("PX914", f"工作表“{self.name}”的行或单元格缺少地址，无法插入单元格")
        assert self._rows is not None
        row_el = self._rows.get(row)
        created_row = row_el is None
        if created_row:
            row_el = etree.Element(q("row"), r=str(row + 1))
            following = [r for r in self._rows if r > row]
            if following:
                self._rows[min(following)].addprevious(row_el)
            else:
                self.sheet_data.append(row_el)
            self._rows[row] = row_el
        if self._implicit:
            raise PerfxlFileError("PX914", f"工作表“{self.name}”的单元格缺少地址，无法插入单元格")
        cell = etree.Element(q("c"), r=ref_of(row, col))
        cells = self._row_cells(row)
        after = [c for c in cells if c > col]
        if after:
            cells[min(after)].addprevious(cell)
        else:
            row_el.append(cell)
        cells[col] = cell
        self.dirty = True
        return cell, True, created_row

    def drop(self, row: int, col: int, *, drop_row: bool) -> None:
        """Remove a cell perfxl created (and its row, when perfxl created that too and it is empty)."""
        cell = self.find(row, col)
        if cell is None or len(cell) or set(cell.attrib) - {"r"}:
            return
        row_el = cell.getparent()
        row_el.remove(cell)
        del self._cells[row][col]
        if drop_row and not len(row_el) and set(row_el.attrib) <= {"r"}:
            self.sheet_data.remove(row_el)
            assert self._rows is not None
            self._rows.pop(row, None)
        self.dirty = True

    # -- cells -------------------------------------------------------------------------------------
    @staticmethod
    def is_empty(cell: etree._Element) -> bool:
        return cell.find(q("v")) is None and cell.find(q("f")) is None and cell.find(q("is")) is None

    def set_style(self, cell: etree._Element, s: str) -> None:
        """Set the raw ``s`` attribute ('' removes it, as the cell had none)."""
        if (cell.get("s") or "") == s:
            return
        if s:
            cell.set("s", s)
        else:
            cell.attrib.pop("s", None)
        self.dirty = True

    def write_number(self, cell: etree._Element, text: str) -> None:
        cell.attrib.pop("t", None)  # a stray t="s" would turn the number into a string index
        etree.SubElement(cell, q("v")).text = text
        self.dirty = True

    def number_text(self, cell: etree._Element) -> str | None:
        """The cell's value text when it holds a plain number (no formula, no type)."""
        if cell.get("t") not in (None, "n") or cell.find(q("f")) is not None:
            return None
        v = cell.find(q("v"))
        return v.text if v is not None else None

    def clear_value(self, cell: etree._Element, t: str) -> None:
        for v in cell.findall(q("v")):
            cell.remove(v)
        if t:
            cell.set("t", t)
        self.dirty = True

    # -- merged ranges -----------------------------------------------------------------------------
    def anchor(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col); Excel draws a merged area
        with that cell's fill and shows only its comment indicator."""
        if self._merged is None:
            self._merged = []
            for m in self.root.iterfind(f"{q('mergeCells')}/{q('mergeCell')}"):
                ref = m.get("ref", "")
                if ":" in ref:
                    a, b = ref.split(":", 1)
                    (r1, c1), (r2, c2) = check_ref(a), check_ref(b)
                    self._merged.append((r1, c1, r2, c2))
        for r1, c1, r2, c2 in self._merged:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return r1, c1
        return row, col

    # -- legacy drawing (comment shapes) ------------------------------------------------------
    def legacy_rid(self) -> str | None:
        el = self.root.find(q("legacyDrawing"))
        return el.get(f"{{{R}}}id") if el is not None else None

    def set_legacy_rid(self, rid: str | None) -> None:
        el = self.root.find(q("legacyDrawing"))
        if rid is None:
            if el is not None:
                self.root.remove(el)
                self.dirty = True
            return
        if el is None:
            # declare r: on the element unless the sheet already maps it: otherwise lxml invents
            # ns0/ns2 prefixes that differ from run to run, and a re-run would not be byte-identical
            nsmap = None if R in self.root.nsmap.values() else {"r": R}
            el = etree.Element(q("legacyDrawing"), nsmap=nsmap)
            insert_in_order(self.root, el, WORKSHEET_ORDER)
        el.set(f"{{{R}}}id", rid)
        self.dirty = True

    def to_bytes(self) -> bytes:
        return self.part.to_bytes()
