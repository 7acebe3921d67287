"""One worksheet part: find or create cells, swap their style, write or remove a number.

Only the ``s`` attribute and the value of the cells perfxl flags change, plus the
``<legacyDrawing>`` reference when perfxl adds the sheet's first comment. Everything else in the
part (formulas and their cached values, data validations, conditional formats, extLst) is left
as it was: byte for byte while the edits are made on the part's bytes (sheetbytes.py, for the
plain sheets common writers produce), as lxml parsed it once an edit needs the tree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from perfxl.errors import PerfxlFileError
from perfxl.workbook.base import a1
from perfxl.writeback.sheetbytes import NeedsTree, PlainSheet
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


@lru_cache(maxsize=4096)  # the forms of one template share their merged ranges
def merged_span(ref: str) -> tuple[int, int, int, int]:
    """'A3:B4' -> 0-based (first row, first col, last row, last col)."""
    a, b = ref.split(":", 1)
    (r1, c1), (r2, c2) = check_ref(a), check_ref(b)
    return r1, c1, r2, c2


Span = tuple[int, int, int, int]  # 0-based (first row, first col, last row, last col)
_INDEXED_CELLS = 4096  # merged ranges covering more cells are searched, not indexed


class MergedRanges:
    """A sheet's merged ranges, and the top-left cell of the first one holding each cell they
    cover (while they cover a few thousand cells: a form's do, a range of whole columns does not)."""

    def __init__(self, refs: tuple[str, ...]):
        self.spans: list[Span] = [merged_span(ref) for ref in refs if ":" in ref]
        self.cells: dict[tuple[int, int], tuple[int, int]] | None = None
        area = sum(max(0, r2 - r1 + 1) * max(0, c2 - c1 + 1) for r1, c1, r2, c2 in self.spans)
        if area <= _INDEXED_CELLS:
            cells: dict[tuple[int, int], tuple[int, int]] = {}
            for r1, c1, r2, c2 in reversed(self.spans):  # the first range holding a cell wins
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        cells[(r, c)] = (r1, c1)
            self.cells = cells

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        if self.cells is not None:
            return self.cells.get((row, col), (row, col))
        for r1, c1, r2, c2 in self.spans:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return r1, c1
        return row, col


@lru_cache(maxsize=64)  # the forms of one template share their merged ranges
def merged_ranges(refs: tuple[str, ...]) -> MergedRanges:
    return MergedRanges(refs)


def ref_of(row: int, col: int) -> str:
    return a1(row, col)


Cell = tuple[int, int]  # a cell of a SheetDoc, by 0-based (row, col)
_TREE = object()  # _on_bytes: the part is (now) an lxml tree


class SheetDoc:
    """A worksheet part, edited on its bytes while it is plain (sheetbytes.py) and as an lxml
    tree from the first edit the byte path does not make."""

    def __init__(self, name: str, part_name: str, data: bytes):
        self.name = name
        self.part_name = part_name
        self.dirty = False
        self._merged: MergedRanges | None = None
        self._plain = PlainSheet.of(data)
        if self._plain is None:
            self._parse(data)

    def _parse(self, data: bytes) -> None:
        self.part = XmlPart(self.part_name, data)
        self.sheet_data = self.part.root.find(q("sheetData"))
        if self.sheet_data is None:
            raise PerfxlFileError("PX914", f"工作表“{self.name}”缺少 sheetData")
        self._rows: dict[int, etree._Element] | None = None
        self._cells: dict[int, dict[int, etree._Element]] = {}
        self._implicit = False  # rows or cells without an r attribute (legal, rare)

    def _to_tree(self) -> None:
        if self._plain is not None:
            data, self._plain = self._plain.data, None
            self._parse(data)

    def _on_bytes(self, op: str, *args):
        """``PlainSheet.op(*args)`` while the part is plain; _TREE once it is a tree."""
        if self._plain is None:
            return _TREE
        try:
            return getattr(self._plain, op)(*args)
        except NeedsTree:
            self._to_tree()
            return _TREE

    @property
    def root(self) -> etree._Element:
        self._to_tree()
        return self.part.root

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

    def _element(self, cell: Cell) -> etree._Element | None:
        if self._rows is None:
            self._build()
        return self._row_cells(cell[0]).get(cell[1])

    def _existing(self, cell: Cell) -> etree._Element:
        """The element of a cell found or created before (``find``/``ensure``)."""
        el = self._element(cell)
        if el is None:
            raise PerfxlFileError("PX914", f"工作表“{self.name}”的单元格 {ref_of(*cell)} 不存在")
        return el

    def find(self, row: int, col: int) -> Cell | None:
        got = self._on_bytes("has", ref_of(row, col))
        if got is _TREE:
            got = self._element((row, col)) is not None
        return (row, col) if got else None

    def ensure(self, row: int, col: int) -> tuple[Cell, bool, bool]:
        """The cell at (row, col), created in order when missing.

        Returns (cell, created_cell, created_row)."""
        if self.find(row, col) is not None:
            return (row, col), False, False
        self._to_tree()
        self._element((row, col))  # builds the row index
        if self._implicit:
            # Inserting among cells whose position is implied by their order would move them.
            raise PerfxlFileError("PX914", f"工作表“{self.name}”的行或单元格缺少地址，无法插入单元格")
        assert self._rows is not None
        row_el = self._rows.get(row)
        created_row = row_el is None
        if row_el is None:
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
        return (row, col), True, created_row

    def drop(self, row: int, col: int, *, drop_row: bool) -> None:
        """Remove a cell perfxl created (and its row, when perfxl created that too and it is empty)."""
        self._to_tree()
        cell = self._element((row, col))
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
    def attr(self, cell: Cell, name: str) -> str | None:
        got = self._on_bytes("attr", ref_of(*cell), name)
        return self._existing(cell).get(name) if got is _TREE else got

    def is_empty(self, cell: Cell) -> bool:
        got = self._on_bytes("is_empty", ref_of(*cell))
        if got is _TREE:
            el = self._existing(cell)
            got = el.find(q("v")) is None and el.find(q("f")) is None and el.find(q("is")) is None
        return got

    def set_style(self, cell: Cell, s: str) -> None:
        """Set the raw ``s`` attribute ('' removes it, as the cell had none)."""
        if (self.attr(cell, "s") or "") == s:
            return
        self.dirty = True
        if self._on_bytes("set_attr", ref_of(*cell), "s", s or None) is not _TREE:
            return
        el = self._existing(cell)
        if s:
            el.set("s", s)
        else:
            el.attrib.pop("s", None)

    def write_number(self, cell: Cell, text: str) -> None:
        # a stray t="s" would turn the number into a string index: the type goes
        self.dirty = True
        if self._on_bytes("write_number", ref_of(*cell), text) is not _TREE:
            return
        el = self._existing(cell)
        el.attrib.pop("t", None)
        etree.SubElement(el, q("v")).text = text

    def number_text(self, cell: Cell) -> str | None:
        """The cell's value text when it holds a plain number (no formula, no type)."""
        got = self._on_bytes("number_text", ref_of(*cell))
        if got is not _TREE:
            return got
        el = self._existing(cell)
        if el.get("t") not in (None, "n") or el.find(q("f")) is not None:
            return None
        v = el.find(q("v"))
        return v.text if v is not None else None

    def clear_value(self, cell: Cell, t: str) -> None:
        self.dirty = True
        if self._on_bytes("clear_value", ref_of(*cell), t) is not _TREE:
            return
        el = self._existing(cell)
        for v in el.findall(q("v")):
            el.remove(v)
        if t:
            el.set("t", t)

    # -- merged ranges -----------------------------------------------------------------------------
    def anchor(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col); Excel draws a merged area
        with that cell's fill and shows only its comment indicator."""
        if self._merged is None:
            self._merged = merged_ranges(self._merged_refs())
        return self._merged.anchor(row, col)

    def _merged_refs(self) -> tuple[str, ...]:
        refs = self._on_bytes("merged_refs")
        if refs is _TREE:
            refs = tuple(m.get("ref", "") for m in self.part.root.iterfind(f"{q('mergeCells')}/{q('mergeCell')}"))
        return refs

    # -- legacy drawing (comment shapes) ------------------------------------------------------
    def legacy_rid(self) -> str | None:
        got = self._on_bytes("legacy_rid")
        if got is not _TREE:
            return got
        el = self.root.find(q("legacyDrawing"))
        return el.get(f"{{{R}}}id") if el is not None else None

    def set_legacy_rid(self, rid: str | None) -> None:
        if self._on_bytes("set_legacy_rid", rid) is not _TREE:
            self.dirty = True
            return
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
        return self._plain.data if self._plain is not None else self.part.to_bytes()
