"""A recording stand-in for the part of xlwings' Book/Sheet/Range/App API perfxl uses.

Built from SheetGrids (values + merged areas), it behaves like a live Excel book closely enough for
``XlwingsSource`` and ``XlwingsWriter``, and appends one entry per xlwings call that would be a
round trip to Excel to ``book.calls`` — ``(kind, op, sheet, address)`` with kind ``read``, ``write``
or ``lookup`` (getting a Range/Sheet object) — so tests can count calls and assert on writes.

Modelled Excel behaviours that perfxl relies on: numbers read back as float; a string written with a
leading apostrophe is stored as text without it; a string starting with "=" is stored as a formula;
``Range.color`` of a multi-area range is ``None`` only when no cell has a fill and raises when the
fills are mixed (pywin32 gets Null); ``add_note`` refuses a cell that already has a note;
``UsedRange.Value(11)`` returns XML Spreadsheet 2003 with MergeAcross/MergeDown (Windows only,
switch off with ``xml_merges=False`` to exercise the macOS fallback).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any
from xml.sax.saxutils import escape

from perfxl.workbook.base import SheetGrid, a1, col_letter, parse_a1

Box = tuple[int, int, int, int]


def _parse_areas(address: str) -> list[Box]:
    out = []
    for part in address.replace("$", "").split(","):
        a, _, b = part.partition(":")
        r0, c0 = parse_a1(a)
        r1, c1 = parse_a1(b) if b else (r0, c0)
        out.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    return out


def _box_address(box: Box) -> str:
    r0, c0, r1, c1 = box
    first = f"${col_letter(c0)}${r0 + 1}"
    return first if (r0, c0) == (r1, c1) else f"{first}:${col_letter(c1)}${r1 + 1}"


class FakeApp:
    def __init__(self) -> None:
        self.books = FakeBooks(self)
        self.alerts: list[tuple[str, str | None]] = []
        self.screen_updating = True
        self.startup_path = r"C:\Users\kuaiji\AppData\Roaming\Microsoft\Excel\XLSTART"

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((prompt, title))
        for book in self.books:
            book.calls.append(("write", "alert", "", ""))
        return "ok"


class FakeBooks(list):
    def __init__(self, app: FakeApp):
        super().__init__()
        self.app = app

    @property
    def active(self) -> FakeBook:
        return self[-1]

    def open(self, fullname: str) -> FakeBook:
        self.opened = getattr(self, "opened", []) + [fullname]
        return FakeBook(name=fullname.replace("\\", "/").rsplit("/", 1)[-1], app=self.app,
                        fullname=fullname)


class FakeBook:
    def __init__(self, name: str = "表.xlsx", app: FakeApp | None = None, fullname: str = ""):
        self.app = app or FakeApp()
        self.app.books.append(self)
        self.name = name
        self.fullname = fullname or name
        self.calls: list[tuple[str, str, str, str]] = []
        self.sheets = FakeSheets(self)
        self.xml_merges = True

    @classmethod
    def from_grids(cls, grids: list[SheetGrid], name: str = "表.xlsx", **kw) -> FakeBook:
        book = cls(name, **kw)
        for g in grids:
            sheet = FakeSheet(book, g.name)
            for r, row in enumerate(g.rows):
                for c, v in enumerate(row):
                    if v is not None and v != "":
                        sheet.cells[(r, c)] = v
            sheet.merged = list(g.merged)
            sheet.api.Visible = 0 if g.hidden else -1
            book.sheets._items.append(sheet)
        book.calls.clear()
        return book

    def count(self, kind: str | None = None, op: str | None = None) -> int:
        return sum(1 for k, o, _, _ in self.calls if kind in (None, k) and op in (None, o))


class FakeSheets:
    def __init__(self, book: FakeBook):
        self.book = book
        self._items: list[FakeSheet] = []

    def __iter__(self):
        self.book.calls.append(("lookup", "sheets", "", ""))
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: str) -> bool:
        return any(s.name == name for s in self._items)

    def __getitem__(self, key):
        self.book.calls.append(("lookup", "sheet", str(key), ""))
        if isinstance(key, int):
            return self._items[key]
        for s in self._items:
            if s.name.lower() == key.lower():
                return s
        raise KeyError(key)

    @property
    def active(self) -> FakeSheet:
        return self._items[0]

    def add(self, name=None, before=None, after=None) -> FakeSheet:
        self.book.calls.append(("write", "sheets.add", name or "", ""))
        sheet = FakeSheet(self.book, name or f"Sheet{len(self._items) + 1}")
        if after is not None:
            self._items.insert(self._items.index(after) + 1, sheet)
        elif before is not None:
            self._items.insert(self._items.index(before), sheet)
        else:
            self._items.insert(0, sheet)  # like Excel: before the active sheet
        return sheet


class _Api:
    """Stand-in for the pywin32 object behind sheet.api / range.api."""

    def __init__(self, owner):
        self._owner = owner
        self.Visible = -1

    def Value(self, kind: int):  # noqa: N802 — COM name
        rng = self._owner
        rng.sheet.book.calls.append(("read", "api.Value(11)", rng.sheet.name, rng.address))
        if kind != 11 or not rng.sheet.book.xml_merges:
            raise AttributeError("Value(11) is Windows-only")
        return rng._xml_spreadsheet()


class FakeSheet:
    def __init__(self, book: FakeBook, name: str):
        self.book = book
        self.name = name
        self.cells: dict[tuple[int, int], Any] = {}
        self.merged: list[Box] = []
        self.fills: dict[tuple[int, int], tuple[int, int, int]] = {}
        self.fonts: dict[tuple[int, int], tuple[int, int, int]] = {}
        self.notes_by_cell: dict[tuple[int, int], FakeNote] = {}
        self.api = _Api(self)
        self.deleted = False

    def _rec(self, kind: str, op: str, address: str = "") -> None:
        self.book.calls.append((kind, op, self.name, address))

    @property
    def visible(self) -> bool:
        self._rec("read", "visible")
        return self.api.Visible == -1

    @visible.setter
    def visible(self, value: bool) -> None:
        self._rec("write", "visible")
        self.api.Visible = -1 if value else 0

    @property
    def used_range(self) -> FakeRange:
        self._rec("lookup", "used_range")
        keys = list(self.cells) + list(self.fills)
        for r0, c0, r1, c1 in self.merged:
            keys += [(r0, c0), (r1, c1)]
        if not keys:
            return FakeRange(self, [(0, 0, 0, 0)])
        rows = [k[0] for k in keys]
        cols = [k[1] for k in keys]
        return FakeRange(self, [(min(rows), min(cols), max(rows), max(cols))])

    def range(self, address: str) -> FakeRange:
        self._rec("lookup", "range", address)
        return FakeRange(self, _parse_areas(address))

    def __getitem__(self, address: str) -> FakeRange:
        return self.range(address)

    def delete(self) -> None:
        self._rec("write", "sheet.delete")
        self.book.sheets._items.remove(self)
        self.deleted = True

    def clear_contents(self) -> None:
        self._rec("write", "clear_contents")
        self.cells.clear()

    def activate(self) -> None:
        self._rec("write", "activate")

    def autofit(self, axis=None) -> None:
        self._rec("write", "autofit")

    # -- helpers for tests (not xlwings API, not recorded) ----------------------------------------
    def value_at(self, address: str) -> Any:
        return self.cells.get(parse_a1(address))

    def note_at(self, address: str) -> str | None:
        n = self.notes_by_cell.get(parse_a1(address))
        return n.text_ if n else None


class FakeNote:
    def __init__(self, sheet: FakeSheet, cell: tuple[int, int], text: str):
        self.sheet, self.cell, self.text_ = sheet, cell, text

    @property
    def text(self) -> str:
        self.sheet._rec("read", "note.text", a1(*self.cell))
        return self.text_

    @text.setter
    def text(self, value: str) -> None:
        self.sheet._rec("write", "note.text", a1(*self.cell))
        self.text_ = value

    def delete(self) -> None:
        self.sheet._rec("write", "note.delete", a1(*self.cell))
        self.sheet.notes_by_cell.pop(self.cell, None)


class FakeFont:
    def __init__(self, rng: FakeRange):
        self._rng = rng

    @property
    def color(self):
        self._rng._rec("read", "font.color")
        return self._rng._uniform(self._rng.sheet.fonts, default=(0, 0, 0))

    @color.setter
    def color(self, rgb) -> None:
        self._rng._rec("write", "font.color")
        for cell in self._rng._cells():
            if rgb is None or tuple(rgb) == (0, 0, 0):
                self._rng.sheet.fonts.pop(cell, None)
            else:
                self._rng.sheet.fonts[cell] = tuple(rgb)


class FakeRange:
    def __init__(self, sheet: FakeSheet, areas: list[Box], ndim: int | None = None):
        self.sheet = sheet
        self.areas = areas
        self._ndim = ndim
        self.api = _Api(self)

    def _rec(self, kind: str, op: str) -> None:
        self.sheet._rec(kind, op, self.address)

    def _cells(self):
        for r0, c0, r1, c1 in self.areas:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    yield (r, c)

    def _uniform(self, store: dict, default=None):
        values = {store.get(cell, default) for cell in self._cells()}
        if len(values) > 1:
            raise TypeError("mixed formats: Excel returns Null")  # what xlwings does with Null
        return values.pop()

    @property
    def address(self) -> str:
        return ",".join(_box_address(b) for b in self.areas)

    @property
    def row(self) -> int:
        self._rec("read", "row")
        return self.areas[0][0] + 1

    @property
    def column(self) -> int:
        self._rec("read", "column")
        return self.areas[0][1] + 1

    @property
    def shape(self) -> tuple[int, int]:
        r0, c0, r1, c1 = self.areas[0]
        return (r1 - r0 + 1, c1 - c0 + 1)

    def options(self, convert=None, ndim=None, **_: Any) -> FakeRange:
        return FakeRange(self.sheet, self.areas, ndim)

    @property
    def value(self):
        self._rec("read", "value")
        r0, c0, r1, c1 = self.areas[0]  # like COM: a multi-area range reads its first area
        rows = [[_excel_value(self.sheet.cells.get((r, c))) for c in range(c0, c1 + 1)]
                for r in range(r0, r1 + 1)]
        if self._ndim == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        if len(rows) == 1:
            return rows[0]
        if all(len(r) == 1 for r in rows):
            return [r[0] for r in rows]
        return rows

    @value.setter
    def value(self, data) -> None:
        self._rec("write", "value")
        r0, c0 = self.areas[0][:2]
        if not isinstance(data, (list, tuple)):
            for cell in self._cells():
                self._store(cell, data)
            return
        rows = data if data and isinstance(data[0], (list, tuple)) else [data]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                self._store((r0 + i, c0 + j), v)

    def _store(self, cell, v) -> None:
        if isinstance(v, str) and v.startswith("'"):
            v = v[1:]  # Excel: the apostrophe marks text and is not stored
        if v is None or v == "":
            self.sheet.cells.pop(cell, None)
        else:
            self.sheet.cells[cell] = v

    @property
    def color(self):
        self._rec("read", "color")
        return self._uniform(self.sheet.fills)

    @color.setter
    def color(self, rgb) -> None:
        self._rec("write", "color")
        for cell in self._cells():
            if rgb is None:
                self.sheet.fills.pop(cell, None)
            else:
                self.sheet.fills[cell] = tuple(rgb)

    @property
    def font(self) -> FakeFont:
        return FakeFont(self)

    @property
    def note(self) -> FakeNote | None:
        self._rec("read", "note")
        return self.sheet.notes_by_cell.get(self.areas[0][:2])

    def add_note(self, text: str) -> FakeNote:
        self._rec("write", "add_note")
        cell = self.areas[0][:2]
        if cell in self.sheet.notes_by_cell:
            raise ValueError("This cell already has a note")
        note = FakeNote(self.sheet, cell, text)
        self.sheet.notes_by_cell[cell] = note
        return note

    @property
    def merge_cells(self):
        self._rec("read", "merge_cells")
        hits = [m for m in self.sheet.merged if _overlaps(m, self.areas[0])]
        return bool(hits)

    @property
    def merge_area(self) -> FakeRange:
        self._rec("read", "merge_area")
        r, c = self.areas[0][:2]
        for m in self.sheet.merged:
            if m[0] <= r <= m[2] and m[1] <= c <= m[3]:
                return FakeRange(self.sheet, [m])
        return FakeRange(self.sheet, [(r, c, r, c)])

    def _xml_spreadsheet(self) -> str:
        """The range as XML Spreadsheet 2003, the way Excel writes it: explicit ss:Index only
        where cells or rows are skipped, merged cells as MergeAcross/MergeDown on their anchor."""
        r0, c0, r1, c1 = self.areas[0]
        anchors = {(m[0], m[1]): m for m in self.sheet.merged}
        out = ['<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
               ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="x">'
               "<Table>"]
        last_row = 0
        for r in range(r0, r1 + 1):
            cells, last_col = [], 0
            for c in range(c0, c1 + 1):
                v, m = self.sheet.cells.get((r, c)), anchors.get((r, c))
                if v is None and m is None:
                    continue
                col = c - c0 + 1
                attrs = f' ss:Index="{col}"' if col != last_col + 1 else ""
                span = 0
                if m:
                    span = min(m[3], c1) - c
                    attrs += f' ss:MergeAcross="{span}"' if span else ""
                    down = min(m[2], r1) - r
                    attrs += f' ss:MergeDown="{down}"' if down else ""
                data = "" if v is None else f'<Data ss:Type="String">{escape(str(v))}</Data>'
                cells.append(f"<Cell{attrs}>{data}</Cell>")
                last_col = col + span
            if cells:
                idx = r - r0 + 1
                attr = f' ss:Index="{idx}"' if idx != last_row + 1 else ""
                out.append(f"<Row{attr}>{''.join(cells)}</Row>")
                last_row = idx
        out.append("</Table></Worksheet></Workbook>")
        return "".join(out)


def _overlaps(a: Box, b: Box) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _excel_value(v: Any) -> Any:
    """What xlwings gives back for a stored value: numbers as float, dates as datetime."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
        return _dt.datetime(v.year, v.month, v.day)
    return v

