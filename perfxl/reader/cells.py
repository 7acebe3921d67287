"""What the views of different sheets share: merge layouts, and the texts of cell values.

Both are pure functions of their key (a sheet's merged ranges; one cell value) kept for the whole
process, bounded, and never mutated once built.
"""

from __future__ import annotations

import datetime as _dt
from itertools import chain
from operator import itemgetter
from typing import Any, Callable, Iterable

from perfxl.labels import clean_text, norm


class MergeLayout:
    """The merged ranges of a sheet resolved cell by cell (see ``merge_layout``)."""

    __slots__ = ("anchor", "span", "covered_by_row", "own_below", "down_merges", "_shapes")

    def __init__(self, merged: Iterable[tuple[int, int, int, int]]):
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self.span: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in merged:
            self.span[(r0, c0)] = (r1, c1)
            if (r1 - r0 + 1) * (c1 - c0 + 1) > 20000:  # hostile merges: resolve lazily, bounded
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.anchor[(r, c)] = (r0, c0)
        # covered cells row by row, each with its (final, when merges overlap) anchor
        by_row: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        for (r, c), anchor in self.anchor.items():
            by_row.setdefault(r, []).append((c, anchor))
        self.covered_by_row = [(r, max(c for c, _ in cells), cells) for r, cells in by_row.items()]
        # per resolved merge going down: the rows below its top where its first column is still
        # a cell of that row (another merge starts there: overlapping merges); almost always none
        self.own_below: dict[tuple[int, int], tuple[int, ...]] = {
            (r0, c0): tuple(r for r in range(r0 + 1, r1 + 1) if self.anchor.get((r, c0), (r, c0))[0] == r)
            for (r0, c0), (r1, c1) in self.span.items()
            if r1 > r0 and (r1 - r0 + 1) * (c1 - c0 + 1) <= 20000
        }
        # the merges going down whose text counts as a lower row's own too: (top row, first column,
        # last row, last column, those rows or None when too large to resolve), in sheet order
        self.down_merges: list[tuple[int, int, int, int, tuple[int, ...] | None]] = sorted(
            (r0, c0, r1, c1, self.own_below.get((r0, c0)))
            for (r0, c0), (r1, c1) in self.span.items()
            if r1 > r0 and self.own_below.get((r0, c0)) != ())
        # shapes by the sheet's row lengths: the sheets of one template have the same shape
        # (bounded: cleared when full)
        self._shapes: dict[tuple[int, ...], SheetShape] = {}

    def shape(self, lengths: tuple[int, ...]) -> SheetShape:
        """The positions of the cells of a sheet with rows of ``lengths`` and these merges."""
        shape = self._shapes.get(lengths)
        if shape is None:
            shape = SheetShape(self, lengths)
            if len(self._shapes) >= 16:
                self._shapes.clear()
            self._shapes[lengths] = shape
        return shape

    def resolved_rows(self, rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """``rows`` (a sheet's cell texts) with every covered cell holding the text of its anchor, a
        row padded with "" to its last covered cell; the rows no merge covers are the same tuples."""
        return self.shape(tuple(map(len, rows))).resolved_rows(rows, (*chain.from_iterable(rows), ""))


class SheetShape:
    """Where a view's cells sit in a sheet's texts laid end to end (``flat``: every row's texts, then
    "") — for one merge layout and one set of row lengths.

    That depends only on the merges and the row lengths, so it is worked out once per shape, and a
    sheet's views then pick their cells from ``flat`` in C instead of cell by cell."""

    __slots__ = ("row_slices", "pickers", "pick_cells", "rows", "cols", "cells", "last_cols")

    def __init__(self, layout: MergeLayout, lengths: tuple[int, ...]):
        height = len(lengths)
        starts = [0] * height
        for r in range(1, height):
            starts[r] = starts[r - 1] + lengths[r - 1]
        pad = starts[-1] + lengths[-1] if height else 0
        # each row's part of flat
        self.row_slices = [slice(start, start + n) for start, n in zip(starts, lengths)]
        # (row, picker of its resolved texts from flat) of every covered row
        self.pickers: list[tuple[int, Callable]] = []
        for r, last_col, covered in layout.covered_by_row:
            if r >= height:
                continue
            own = lengths[r]
            source = [starts[r] + c for c in range(own)] + [pad] * (last_col + 1 - own)
            for c, (ar, ac) in covered:
                if ar < height and ac < lengths[ar]:
                    source[c] = starts[ar] + ac
            self.pickers.append((r, _picker(source)))
        # the cells no merge covers, in sheet order: their texts (pick_cells), rows, columns,
        # (row, column) and the last column of the merge each anchors (its own column if none)
        anchor = layout.anchor
        span = layout.span
        positions: list[int] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.cells: list[tuple[int, int]] = []
        self.last_cols: list[int] = []
        for r, n in enumerate(lengths):
            for c in range(n):
                rc = (r, c)
                if rc not in anchor:
                    positions.append(starts[r] + c)
                    self.rows.append(r)
                    self.cols.append(c)
                    self.cells.append(rc)
                    self.last_cols.append(span.get(rc, rc)[1])
        self.pick_cells = _picker(positions)

    def resolved_rows(self, rows: list[tuple[str, ...]], flat: tuple[str, ...]) -> list[tuple[str, ...]]:
        """``MergeLayout.resolved_rows``, given the rows' ``flat`` texts (check: 33.12M -> 32.89M
        instr/file against resolving cell by cell)."""
        out = list(rows)
        for r, pick in self.pickers:
            out[r] = pick(flat)
        return out


def _picker(positions: list[int]) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """The items of a tuple at ``positions``, as a tuple (a lone item as a one-item slice: itemgetter
    gives it bare)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    i = positions[0] if positions else 0
    return itemgetter(slice(i, i + len(positions)))


# Merge layouts by the sheet's merged ranges: the sheets of one workbook, and the forms of one
# template across files, share their layout, and resolving every covered cell is the largest part
# of a view's set-up. The layouts are read-only once built. Bounded: cleared when full.
_LAYOUTS: dict[tuple, MergeLayout] = {}
_LAYOUTS_MAX = 512


def merge_layout(merged: list[tuple[int, int, int, int]]) -> MergeLayout:
    try:
        key = tuple(merged)
        layout = _LAYOUTS.get(key)
    except TypeError:  # unhashable ranges (lists) from some other source: no caching
        return MergeLayout(merged)
    if layout is None:
        layout = MergeLayout(merged)
        if len(_LAYOUTS) >= _LAYOUTS_MAX:
            _LAYOUTS.clear()
        _LAYOUTS[key] = layout
    return layout


class _CellTexts(dict):
    """Cell value -> display text, shared by every sheet of the process (``CELL_NORMS``: the same for
    the normalised text).

    Forms repeat the same labels and amounts on every sheet and in every file: a view looks a
    sheet's cells up with ``map(cache.__getitem__, cells)``, which stays in C for every value seen
    before, and only a new value calls ``__missing__`` (into ``perfxl.labels``). Keys are compared
    by ==, so only values whose equals all display alike are stored (``_shared``). Bounded: cleared
    when full.
    """

    def __missing__(self, v: Any) -> str:
        text = self._text(v)
        if _shared(v):
            if len(self) >= _CELL_TEXTS_MAX:
                self.clear()
                self[None] = ""
            self[v] = text
        return text

    def _text(self, v: Any) -> str:
        return _display(v)


class _CellNorms(_CellTexts):
    """Cell value -> normalised text (``norm`` of its display text), as ``_CellTexts``."""

    def _text(self, v: Any) -> str:
        text = CELL_TEXTS[v]
        return norm(text) if text else ""


def _shared(v: Any) -> bool:
    """Whether every value equal to ``v`` displays as it does: str, None, and floats other than
    0.0/1.0 (False/True would hit those) and of magnitude < 1e15 (an int equal to such a float
    displays the same digits; NaN never compares equal)."""
    kind = type(v)
    return kind is str or (kind is float and v != 0.0 and v != 1.0 and abs(v) < 1e15)


CELL_TEXTS = _CellTexts({None: ""})
CELL_NORMS = _CellNorms({None: ""})
_CELL_TEXTS_MAX = 20_000


def _display(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return v.isoformat()
    return clean_text(v).strip()
