"""A label-searchable view over one ``SheetGrid``.

Hand-typed forms put a label in one cell (often merged over several) and its value in the next
non-empty cell to the right, or below for column headings. This view resolves merged cells to their
anchor, normalises every cell's text once, and answers "where is this label" and "what is the value
next to it" — never by fixed address.
"""

from __future__ import annotations

from functools import cached_property
from itertools import chain, compress
from typing import Any, Iterable, Iterator

from perfxl.labels import norm_labels
from perfxl.reader.cells import CELL_NORMS, CELL_TEXTS, MergeLayout, SheetShape, merge_layout
from perfxl.workbook.base import SheetGrid, a1


class SheetView:
    def __init__(self, grid: SheetGrid):
        self.grid = grid
        self._cells = grid.rows
        self.name = grid.name
        rows = grid.rows
        lengths = tuple(map(len, rows))
        self.height = len(rows)
        self.width = max(lengths, default=0)
        # (r, c) of a covered cell -> its merge anchor; anchor -> (last_row, last_col).
        # Shared with other views of the same merge layout: never mutate them.
        layout = merge_layout(grid.merged)
        self._anchor: dict[tuple[int, int], tuple[int, int]] = layout.anchor
        self.span: dict[tuple[int, int], tuple[int, int]] = layout.span
        shape = layout.shape(lengths)
        # display and normalised text of every cell, row by row (tuples: never mutated), looked up
        # for all the cells at once and then cut into rows, in C
        texts = tuple(map(CELL_TEXTS.__getitem__, chain.from_iterable(rows)))
        flat = tuple(map(CELL_NORMS.__getitem__, chain.from_iterable(rows))) + ("",)  # "" last: padding
        self._text: list[tuple[str, ...]] = list(map(texts.__getitem__, shape.row_slices))
        self._norm: list[tuple[str, ...]] = list(map(flat.__getitem__, shape.row_slices))
        # normalised text with merged cells resolved to their anchor: the hot lookup of the reader.
        # Rows no merge covers are the very same tuples as in ``_norm``; a row is padded to its last
        # covered cell, so that ``ntext(r, c)`` is "" wherever c is past the end of ``_ntext[r]``.
        self._ntext = shape.resolved_rows(self._norm, flat)
        self._index_cells(layout, shape, flat)
        # per-sheet memo for the readers (heading cells per column set …): several form readers
        # scan the same rows for the same column headings
        self.memo: dict[Any, Any] = {}

    # -------------------------------------------------------------------------------------------
    # cell access

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        return self._anchor.get((r, c), (r, c))

    def covered(self, r: int, c: int) -> bool:
        return (r, c) in self._anchor

    def raw(self, r: int, c: int) -> Any:
        ar, ac = self.anchor(r, c)
        return self.grid.get(ar, ac)

    def text(self, r: int, c: int) -> str:
        """Display text of the cell, resolving merged cells to their anchor."""
        ar, ac = self.anchor(r, c)
        if 0 <= ar < len(self._text) and 0 <= ac < len(self._text[ar]):
            return self._text[ar][ac]
        return ""

    def ntext(self, r: int, c: int) -> str:
        """Normalised text (labels are compared on this), merged cells resolved to their anchor."""
        if r >= 0 and c >= 0:
            try:
                return self._ntext[r][c]
            except IndexError:
                pass
        ar, ac = self.anchor(r, c)
        if (ar, ac) != (r, c) and 0 <= ar < len(self._norm) and 0 <= ac < len(self._norm[ar]):
            return self._norm[ar][ac]
        return ""

    def own_ntext(self, r: int, c: int) -> str:
        """Normalised text of the cell itself ("" for a covered cell)."""
        if self.covered(r, c):
            return ""
        if 0 <= r < len(self._norm) and 0 <= c < len(self._norm[r]):
            return self._norm[r][c]
        return ""

    def end_col(self, r: int, c: int) -> int:
        """Last column of the merged range anchored at (r, c) (c itself when not merged)."""
        ar, ac = self.anchor(r, c)
        return self.span.get((ar, ac), (ar, ac))[1]

    def end_row(self, r: int, c: int) -> int:
        ar, ac = self.anchor(r, c)
        return self.span.get((ar, ac), (ar, ac))[0]

    def ref(self, r: int, c: int) -> str:
        ar, ac = self.anchor(r, c)
        return a1(ar, ac)

    def source(self, r: int, c: int) -> tuple[str, Any, str]:
        """(A1 address, raw value, display text) of the anchor of (r, c) in one call.

        Same as ``ref(*a)``, ``raw(*a)`` and ``text(*a)`` with ``a = anchor(r, c)``: the reader
        makes a Field from every value cell it reads, and this is that hot path.
        """
        anchor = self._anchor
        if (r, c) not in anchor and r >= 0 and c >= 0:  # a cell of its own, inside the grid
            try:
                return a1(r, c), self._cells[r][c], self._text[r][c]
            except IndexError:
                pass
        ar, ac = anchor.get((r, c), (r, c))
        value = None  # self.grid.get(ar, ac), inlined
        if 0 <= ar < len(self._cells):
            row = self._cells[ar]
            if 0 <= ac < len(row):
                value = row[ac]
        # anchored twice, like text()/ref() of an anchor (overlapping merges in hostile files)
        br, bc = anchor.get((ar, ac), (ar, ac))
        text = ""
        if 0 <= br < len(self._text):
            trow = self._text[br]
            if 0 <= bc < len(trow):
                text = trow[bc]
        return a1(br, bc), value, text

    def ntext_row(self, r: int) -> tuple[str, ...]:
        """``ntext(r, c)`` of row r (0 <= r < height) by column: "" wherever c is past its end."""
        return self._ntext[r]

    def has_own_text(self, r: int, cols: Iterable[int]) -> bool:
        """``any(own_text(r, c) for c in cols)`` for 0 <= r < height, without a call per column."""
        row = self._ntext[r]
        width = len(row)
        anchor = self._anchor
        for c in cols:
            if 0 <= c < width and row[c]:
                a = anchor.get((r, c))
                if a is None or a[0] == r:
                    return True
        return False

    def own_text(self, r: int, c: int) -> bool:
        """True when (r, c) has text that starts on row r (not a cell merged down from above)."""
        a = self._anchor.get((r, c))
        if a is None:
            if r >= 0 and c >= 0:
                try:
                    return bool(self._ntext[r][c])
                except IndexError:
                    return False
            return bool(self.ntext(r, c))
        return a[0] == r and bool(self.ntext(r, c))

    def row_anchors(self, r: int) -> Iterator[int]:
        """Columns of row r that hold a non-empty anchor cell (or the top-left of a merge)."""
        if r >= len(self._norm):
            return
        row = self._norm[r]
        for c, t in enumerate(row):
            if t and not self.covered(r, c):
                yield c

    def row_texts(self, r: int) -> list[tuple[int, str]]:
        return [(c, self._norm[r][c]) for c in self.row_anchors(r)]

    def is_blank_row(self, r: int) -> bool:
        return r >= len(self._norm) or not any(self._norm[r])

    def _index_cells(self, layout: MergeLayout, shape: SheetShape, flat: tuple[str, ...]) -> None:
        """The non-empty anchor cells in one pass, in the shapes the readers look them up by:

        ``all_anchors``: (row, column, normalised text) of every non-empty anchor cell, in sheet order;
        ``own_row_cells``: per row, its non-empty cells as (anchor column, last column, normalised
        text) — a row's own text, not that of a cell merged down from a row above;
        ``cells_by_text``: anchor cells by normalised text, in sheet order.

        The anchor cells are picked from the sheet's ``flat`` texts where ``shape`` says they are,
        and the non-empty ones kept, in C: cell by cell this was most of a view's set-up.
        """
        height = self.height
        picked = shape.pick_cells(flat)  # the texts of the cells no merge covers
        texts = list(filter(None, picked))
        rows = list(compress(shape.rows, picked))
        cols = list(compress(shape.cols, picked))
        cells = list(compress(shape.cells, picked))
        anchors = list(zip(rows, cols, texts))
        own_cells: list[list[tuple[int, int, str]]] = [[] for _ in range(height)]
        for r, cell in zip(rows, zip(cols, compress(shape.last_cols, picked), texts)):
            own_cells[r].append(cell)
        # rows below where the text of a merge going down still counts as that row's own, as
        # anchor() and own_text() say (hostile merges: overlapping, or too large to resolve)
        covered = self._anchor
        norm = self._norm
        merged_down: dict[int, list[tuple[int, int, str]]] = {}
        for r, c, end_row, end_col, below in layout.down_merges:
            if r >= height or c >= len(norm[r]) or not norm[r][c] or (r, c) in covered:
                continue  # no text of its own
            if below is None:
                below = tuple(rr for rr in range(r + 1, min(end_row, height - 1) + 1)
                              if covered.get((rr, c), (rr, c))[0] == rr)
            for rr in below:
                if rr < height:
                    merged_down.setdefault(rr, []).append((c, end_col, norm[r][c]))
        for rr, extra in merged_down.items():
            own_cells[rr] = sorted(own_cells[rr] + extra)
        by_text: dict[str, list[tuple[int, int]]] = {}
        for t, rc in zip(texts, cells):
            same_text = by_text.get(t)
            if same_text is None:
                by_text[t] = [rc]
            else:
                same_text.append(rc)
        self.all_anchors = anchors
        self.own_row_cells = own_cells
        self.cells_by_text = by_text  # a plain dict: a lookup must never add a text
        self._by_text = _label_index(self.cells_by_text)

    def anchors_containing(self, *needles: str) -> list[tuple[int, int, str]]:
        """(row, column, display text) of the non-empty anchor cells whose display text contains one
        of ``needles``, in sheet order."""
        texts = self._text
        out = []
        for r, c, _ in self.all_anchors:
            t = texts[r][c]
            for n in needles:
                if n in t:
                    out.append((r, c, t))
                    break
        return out

    def find(self, labels: Iterable[str], *, prefix: bool = False, rows: range | None = None) -> list[tuple[int, int]]:
        """Anchor cells whose normalised text equals one of ``labels`` (or starts with one), in sheet order."""
        wanted = _wanted(labels)
        key = (wanted, prefix)
        found = self._found.get(key)
        if found is None:
            hits: list[tuple[int, int]] = []
            if prefix:
                if wanted:
                    for t, cells in self._by_text.items():
                        if t.startswith(wanted):
                            hits.extend(cells)
            else:
                for w in wanted:
                    hits.extend(self._by_text.get(w, ()))
            found = self._found[key] = sorted(set(hits))
        if rows is not None:
            return [h for h in found if h[0] in rows]
        return list(found)

    @cached_property
    def _found(self) -> dict[tuple[tuple[str, ...], bool], list[tuple[int, int]]]:
        """find() results by (normalised labels, prefix): forms look some labels up repeatedly."""
        return {}

    def next_right(self, r: int, c: int, *, limit: int = 12) -> tuple[int, int] | None:
        """First non-empty anchor to the right of the (possibly merged) cell at (r, c)."""
        col = self.end_col(r, c) + 1
        steps = 0
        while col < self.width and steps < limit:
            ar, ac = self.anchor(r, col)
            if self.ntext(r, col):
                return (ar, ac)
            col = self.end_col(r, col) + 1
            steps += 1
        return None

    def adjacent_right(self, r: int, c: int) -> tuple[int, int] | None:
        col = self.end_col(r, c) + 1
        return self.anchor(r, col) if col < self.width else None



def _label_index(by_text: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
    """Anchor cells by text, with the texts that name a label differently filed under that label:
    "中期市财政预算（万元）" is the label "中期市财政预算" (and no longer its own text), and
    "其中：一般公共预算资金" is also "一般公共预算资金". ``find`` sorts and de-duplicates its hits, so
    neither the order of the texts nor the order within a list matters."""
    # the texts ending in 万元 (longer than that), and those starting with 其中 and then two
    # characters: compiled, a loop is a third of a regex over the joined texts (pure Python, more)
    in_units = [t for t in by_text if t.endswith("万元") and len(t) > 2]
    parts = [t for t in by_text if t.startswith("其中") and len(t) > 3]
    if not in_units and not parts:
        return by_text
    index = dict(by_text)
    for t in in_units:
        del index[t]
    for t in in_units:
        label = t[:-2]
        _file_under(index, label, by_text[t])
        if label.startswith("其中") and len(label) > 3:
            _file_under(index, label[2:], by_text[t])
    for t in parts:
        if t not in in_units:  # "其中其他资金万元": filed with the 万元 texts
            _file_under(index, t[2:], by_text[t])
    return index


def _file_under(index: dict[str, list[tuple[int, int]]], label: str, cells: list[tuple[int, int]]) -> None:
    index[label] = [*index.get(label, ()), *cells]


def _wanted(labels: Iterable[str]) -> tuple[str, ...]:
    """The non-empty normalised forms of ``labels`` (``norm_labels`` memoises the specs' tuples)."""
    return tuple(w for w in norm_labels(labels) if w)
