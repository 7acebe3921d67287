"""Live Excel through xlwings: ``XlwingsSource`` reads an open book, ``XlwingsWriter`` annotates it.

Every call into xlwings is a round trip to Excel (COM on Windows, AppleScript on macOS, ~0.1–1 ms
each, far more on a Mac), so both sides work in bulk:

* Reading: one ``used_range ... .value`` per sheet. Merged areas have no bulk xlwings API; see
  ``read_merged`` for the bounded strategy.
* Writing: fills grouped by colour into multi-area ranges (addresses unioned in chunks of at most
  255 characters, Excel's limit for ``Range("A1,C3,...")``); the 校验结果 sheet in ONE ``.value``
  call with its links as HYPERLINK formulas (one call for all rows instead of one
  ``add_hyperlink`` per finding). Notes (批注) and score values differ per cell and have no batch
  API, so they cost one call each — a typical plan has a few.

Idempotency (DESIGN.md, Writing back): what perfxl changes is recorded in a veryHidden sheet
``perfxl_state`` — the original fill of every cell it colours, the original font colour and the
written value of every score cell, the user's own note text where perfxl had to extend one. The
next run (or 清除标注) restores from that record before annotating again, so nothing piles up and
cells that are now correct get their own fill back. perfxl's notes start with the line "perfxl:".
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from typing import Any, Callable, Iterable

from perfxl.workbook.base import AnnotationPlan, SheetGrid, parse_a1
from perfxl.workbook.xlwings_merges import read_merged
from perfxl.writeback.comments import MARKER
from perfxl.writeback.findings_sheet import COLUMNS, FORM_NAMES, LEVELS, TITLE

log = logging.getLogger(__name__)

Box = tuple[int, int, int, int]

FILE_RECORD_SHEET = "_perfxl"  # the file path's record (perfxl/writeback/record.py)
FILE_RECORD_MAGIC = "perfxl-record"
_FILL_RGB = re.compile(r'fgColor[^>]*\brgb="([0-9A-Fa-f]{8})"')
NOTE_MARK = MARKER  # "perfxl:\n", first line of every note perfxl writes (as in the file path)
STATE_SHEET = "perfxl_state"
RESULT_SHEET = "校验结果"
FILLS = {"error": (255, 199, 206), "warning": (255, 235, 156)}  # Excel's 差/中性 fills
SCORE_FONT = (0, 112, 192)  # blue: a computed score is visibly not typed by the user
MAX_ADDRESS = 255  # Excel refuses longer Range("A1,B2,...") strings
_XL_VERY_HIDDEN = 2
_STATE_HEADER = ["perfxl_state v1", "cell", "kind", "original", "written"]


# ----------------------------------------------------------------------------------------------
# Reading


class XlwingsSource:
    """An open ``xw.Book`` as a ``WorkbookSource``: the reader sees the same SheetGrids as from a
    file (values as Excel shows them, grid from A1, merged areas, hidden flag)."""

    def __init__(self, book: Any, merged_reader: Callable[..., list[Box]] | None = None):
        self.book = book
        self.path = str(getattr(book, "fullname", "") or book.name)
        self._read_merged = merged_reader or read_merged
        self._sheets: dict[str, Any] | None = None

    def sheet_names(self) -> list[str]:
        if self._sheets is None:
            self._sheets = {s.name: s for s in self.book.sheets}
        return [n for n in self._sheets if n != STATE_SHEET]

    def grid(self, name: str) -> SheetGrid:
        self.sheet_names()
        sheet = self._sheets[name]  # type: ignore[index]
        used = sheet.used_range
        r0, c0 = used.row - 1, used.column - 1
        values = used.options(ndim=2).value or []
        rows = [[None] * c0 + [_plain(v) for v in row] for row in values]
        rows = [[] for _ in range(r0)] + rows
        merged = self._read_merged(sheet, used, rows, (r0, c0)) if any(any(r) for r in rows) else []
        return SheetGrid(name, _trim(rows), merged, hidden=not sheet.visible)


def _plain(v: Any) -> Any:
    """Values as the file reader gives them: '' is empty; whole floats stay float (1.0 == 1)."""
    return None if v == "" else v


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows: Excel's used range counts formatted-but-empty cells too."""
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return rows


# ----------------------------------------------------------------------------------------------
# Writing


class XlwingsWriter:
    """Applies an ``AnnotationPlan`` to an open book in batches, replacing earlier annotations."""

    def __init__(self, book: Any, hide: Callable[[Any], None] | None = None):
        self.book = book
        self._hide = hide or _very_hidden

    # -- public --------------------------------------------------------------------------------
    def clear(self) -> int:
        """Undo the previous run: original fills, scores, notes back; 校验结果 removed.

        Returns the number of cells restored."""
        state = self._state_sheet(create=False)
        records = self._read_state(state) if state is not None else []
        records += self._file_path_records()
        by_sheet: dict[str, list[list[Any]]] = defaultdict(list)
        for rec in records:
            by_sheet[rec[0]].append(rec)
        names = self._sheet_names()
        for name, recs in by_sheet.items():
            if name in names:
                self._restore_sheet(self.book.sheets[name], recs)
        if RESULT_SHEET in names:
            self.book.sheets[RESULT_SHEET].delete()
        if records and state is not None:
            state.clear_contents()
        if FILE_RECORD_SHEET in names:
            self.book.sheets[FILE_RECORD_SHEET].delete()
        return len(records)

    def _file_path_records(self) -> list[list[Any]]:
        """Annotations the command line left (its veryHidden ``_perfxl`` record), as this path's
        state rows, so one click also undoes a finance bureau's ``perfxl check --in-place``."""
        if FILE_RECORD_SHEET not in self._sheet_names():
            return []
        rows = self.book.sheets[FILE_RECORD_SHEET].used_range.options(ndim=2).value or []
        if len(rows) < 2 or rows[0][0] != FILE_RECORD_MAGIC:
            return []
        names = [str(x) for x in rows[1]]
        out: list[list[Any]] = []
        for row in rows[2:]:
            rec = dict(zip(names, row))
            sheet, cell = rec.get("sheet"), rec.get("cell")
            if not sheet or not cell:
                continue
            if rec.get("orig_fill"):
                out.append([sheet, cell, "fill", fill_rgb_of(str(rec["orig_fill"])), None])
                out.append([sheet, cell, "note", None, None])
            if rec.get("value") not in (None, ""):
                out.append([sheet, cell, "score", None, float(rec["value"])])
        return out

    def apply(self, plan: AnnotationPlan) -> None:
        """Write the plan; call ``clear()`` first (before reading) so the engine sees the user's
        workbook, not perfxl's previous scores."""
        state: list[list[Any]] = []
        marks = _merge_marks(plan)
        sheets_touched = {s for s, _ in marks} | {w.sheet for w in plan.scores}
        names = self._sheet_names()
        for name in sorted(sheets_touched & names):
            sheet = self.book.sheets[name]
            cells = {cell: m for (s, cell), m in marks.items() if s == name}
            scores = [w for w in plan.scores if w.sheet == name]
            state += self._annotate_sheet(sheet, cells, scores)
        self._write_state(state)
        self._write_results(plan)

    # -- per sheet -----------------------------------------------------------------------------
    def _annotate_sheet(self, sheet, cells: dict[str, tuple[str, str]], scores) -> list[list[Any]]:
        state: list[list[Any]] = []
        filled = [c for c, (sev, _) in cells.items() if sev in FILLS]
        for cell, original in self._read_fills(sheet, filled).items():
            state.append([sheet.name, cell, "fill", _hex(original), None])
        by_colour: dict[tuple[int, int, int], list[str]] = defaultdict(list)
        for cell in filled:
            by_colour[FILLS[cells[cell][0]]].append(cell)
        for colour, group in by_colour.items():
            for chunk in union_addresses(group):
                sheet.range(chunk).color = colour
        for cell, (_, text) in cells.items():
            original = _put_note(sheet.range(cell), NOTE_MARK + text)
            state.append([sheet.name, cell, "note", original, None])
        for w in scores:
            rng = sheet.range(w.cell)
            state.append([sheet.name, w.cell, "score", _hex(rng.font.color), w.value])
            rng.value = w.value
        for chunk in union_addresses([w.cell for w in scores]):
            sheet.range(chunk).font.color = SCORE_FONT
        return state

    def _read_fills(self, sheet, cells: list[str]) -> dict[str, Any]:
        """Original fills: one call when no cell has a fill (the usual case for input cells —
        Excel answers 'no fill' for a multi-area range only if it holds for every cell);
        otherwise one call per cell, because a uniform answer could hide differences."""
        if not cells:
            return {}
        chunks = union_addresses(cells)
        try:
            if all(sheet.range(chunk).color is None for chunk in chunks):
                return {c: None for c in cells}
        except (TypeError, ValueError) as exc:  # mixed fills: pywin32 hands xlwings a Null
            log.debug("mixed fills on %s: %s", sheet.name, exc)
        return {c: sheet.range(c).color for c in cells}

    def _restore_sheet(self, sheet, records: list[list[Any]]) -> None:
        fills: dict[Any, list[str]] = defaultdict(list)
        fonts: dict[Any, list[str]] = defaultdict(list)
        for _, cell, kind, original, written in records:
            if kind == "fill":
                fills[original or None].append(cell)
            elif kind == "note":
                note = sheet.range(cell).note
                if note is not None and note.text.startswith(NOTE_MARK):
                    if original:
                        note.text = original
                    else:
                        note.delete()
            elif kind == "score":
                rng = sheet.range(cell)
                if _same_number(rng.value, written):  # the user has not typed over it
                    rng.value = None
                fonts[original or None].append(cell)
        for colour, cells in fills.items():
            for chunk in union_addresses(cells):
                sheet.range(chunk).color = _rgb(colour)
        for colour, cells in fonts.items():
            for chunk in union_addresses(cells):
                sheet.range(chunk).font.color = _rgb(colour) or (0, 0, 0)

    # -- state and results sheets --------------------------------------------------------------
    def _sheet_names(self) -> set[str]:
        return {s.name for s in self.book.sheets}

    def _state_sheet(self, create: bool):
        sheets = list(self.book.sheets)
        for s in sheets:
            if s.name == STATE_SHEET:
                return s
        if not create:
            return None
        sheet = self.book.sheets.add(STATE_SHEET, after=sheets[-1])
        self._hide(sheet)
        return sheet

    def _read_state(self, sheet) -> list[list[Any]]:
        rows = sheet.used_range.options(ndim=2).value or []
        if not rows or rows[0][0] != _STATE_HEADER[0]:
            return []
        return [(list(r) + [None] * 5)[:5] for r in rows[1:] if r and r[0] and r[1]]

    def _write_state(self, state: list[list[Any]]) -> None:
        if not state:
            return
        sheet = self._state_sheet(create=True)
        rows = [_STATE_HEADER] + [[_text(v) if isinstance(v, str) else v for v in r] for r in state]
        sheet.range("A1").value = rows

    def _write_results(self, plan: AnnotationPlan) -> None:
        sheets = list(self.book.sheets)
        visible_last = [s for s in sheets if s.name != STATE_SHEET][-1]
        sheet = self.book.sheets.add(RESULT_SHEET, after=visible_last)
        sheet.range("A1").value = result_rows(plan)
        sheet.autofit("c")


# ----------------------------------------------------------------------------------------------
# Helpers


def result_rows(plan: AnnotationPlan) -> list[list[Any]]:
    """The 校验结果 sheet as one block of rows (written with a single ``.value`` call), in the
    layout of the file writer (perfxl.writeback.findings_sheet)."""
    width = len(COLUMNS)
    pad = lambda cells: cells + [None] * (width - len(cells))  # noqa: E731
    counts = {k: 0 for k in LEVELS}
    for f in plan.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    rows: list[list[Any]] = [pad([TITLE]), pad(["错误 {0} 条，警告 {1} 条，提示 {2} 条".format(
        counts["error"], counts["warning"], counts["info"])])]
    if plan.summary:
        rows.append(pad(["工作表", "表类型", "得分", "等级"]))
        for sheet, kind, score, grade in plan.summary:
            rows.append(pad([_text(sheet), FORM_NAMES.get(kind, kind), score, grade]))
    rows.append(pad([]))
    rows.append(list(COLUMNS))
    if not plan.findings:
        rows.append(pad(["未发现问题"]))
    for f in plan.findings:
        rows.append([f.rule, LEVELS.get(f.severity, f.severity), _text(f.sheet),
                     _link(f.sheet, f.cell), _text(f.message), _text(f.expected), _text(f.actual)])
    return rows


def _link(sheet: str, cell: str) -> str | None:
    if not cell:
        return None
    target = "#'{}'!{}".format(sheet.replace("'", "''"), cell)
    return '=HYPERLINK("{}","{}")'.format(target.replace('"', '""'), cell)


def _text(v: Any) -> Any:
    """Strings go in as text: the apostrophe stops Excel reading "=…", "001" or "1-2" as a
    formula, a number or a date (findings quote user input)."""
    return "'" + v if isinstance(v, str) and v else v


def _merge_marks(plan: AnnotationPlan) -> dict[tuple[str, str], tuple[str, str]]:
    """One entry per cell: the worst severity, all comment lines."""
    order = {"error": 0, "warning": 1, "info": 2}
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for m in plan.marks:
        if not m.cell:
            continue  # a finding about the whole file has no cell to mark
        key = (m.sheet, m.cell.replace("$", "").upper())
        if key in out:
            sev, text = out[key]
            sev = min(sev, m.severity, key=lambda s: order.get(s, 3))
            out[key] = (sev, text if m.comment in text else f"{text}\n{m.comment}")
        else:
            out[key] = (m.severity, m.comment)
    return out


def _put_note(rng: Any, text: str) -> str:
    """Add perfxl's note; a note the user wrote is kept below ours. Returns the user's text."""
    try:
        _add_note(rng, text)
        return ""
    except Exception:  # noqa: BLE001 — the cell has a note: ValueError (xlwings), com_error (COM)
        note = rng.note
        original = note.text if note is not None else ""
        if original.startswith(NOTE_MARK):  # ours, from a run whose state was lost
            original = original.split("\n—— 原批注 ——\n", 1)[-1] if "原批注" in original else ""
        note.text = f"{text}\n—— 原批注 ——\n{original}" if original else text
        return original


def _add_note(rng: Any, text: str) -> None:
    if hasattr(rng, "add_note"):  # xlwings >= 0.37
        rng.add_note(text)
    else:  # older xlwings on Windows: the COM call it wraps
        rng.api.AddComment(text)


def _very_hidden(sheet: Any) -> None:
    """xlwings' ``visible`` only knows hidden; veryHidden keeps the record out of 取消隐藏."""
    try:
        sheet.api.Visible = _XL_VERY_HIDDEN
    except Exception as exc:  # noqa: BLE001 — appscript on macOS: fall back to plain hidden
        log.debug("veryHidden not available (%s)", exc)
        sheet.visible = False


def union_addresses(cells: Iterable[str], limit: int = MAX_ADDRESS) -> list[str]:
    """'A1', 'C3', ... -> ['A1,C3,...', ...], each string at most ``limit`` characters."""
    chunks: list[str] = []
    current = ""
    for cell in sorted(set(cells), key=parse_a1):
        if current and len(current) + 1 + len(cell) > limit:
            chunks.append(current)
            current = ""
        current = f"{current},{cell}" if current else cell
    if current:
        chunks.append(current)
    return chunks


def fill_rgb_of(fill_xml: str) -> str | None:
    """'#RRGGBB' of a solid fill kept in the file record; None for no fill (or a theme colour,
    which xlwings' ``.color`` cannot set: such a cell goes back to no fill)."""
    m = _FILL_RGB.search(fill_xml)
    if m is None or 'patternType="solid"' not in fill_xml:
        return None
    return "#" + m.group(1)[2:].upper()


def _hex(rgb: Any) -> str | None:
    if rgb is None:
        return None
    if isinstance(rgb, str):
        return rgb
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _rgb(value: Any) -> tuple[int, int, int] | None:
    if not value:
        return None
    s = str(value).lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def _same_number(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False
