"""The narrow workbook interface shared by the file path and live Excel."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, Sequence


def col_letter(col: int) -> str:
    """0-based column index -> letters (0 -> A)."""
    s = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


@lru_cache(maxsize=32_768)  # bounded: bulk workers live for hundreds of files
def a1(row: int, col: int) -> str:
    """0-based (row, col) -> A1 address."""
    return f"{col_letter(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    """A1 address -> 0-based (row, col)."""
    ref = ref.replace("$", "").upper()
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


@dataclass
class SheetGrid:
    """One sheet's used range as plain Python values.

    ``rows[r][c]`` holds the cell at 0-based (r, c) of the *sheet* (the grid always starts at A1;
    readers pad with None). Values are str, float, int, bool, datetime or None, as the source
    gives them (cached values for formulas). ``merged`` lists merged ranges as 0-based inclusive
    (first_row, first_col, last_row, last_col). ``formulas`` optionally maps (r, c) to a formula
    text, where the source exposes it.
    """

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def get(self, r: int, c: int) -> Any:
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return None


class WorkbookSource(Protocol):
    """Anything the reader can read: a file through python-calamine, a live xlwings book, ..."""

    path: str

    def sheet_names(self) -> Sequence[str]: ...

    def grid(self, name: str) -> SheetGrid: ...


# ----------------------------------------------------------------------------------------------
# What perfxl writes back (the file writer and the xlwings writer both apply the same plan).


@dataclass(frozen=True)
class CellMark:
    """A flagged cell: fill by severity and a comment (批注)."""

    sheet: str
    cell: str
    severity: str  # error | warning | info
    comment: str  # "PX201 资金总额不等于各来源之和（应为 233.35）" — one or several lines


@dataclass(frozen=True)
class ScoreWrite:
    """A computed score written into an empty score cell, in a distinct font colour."""

    sheet: str
    cell: str
    value: float


@dataclass
class AnnotationPlan:
    """Everything write-back does to one workbook."""

    marks: list[CellMark] = field(default_factory=list)
    scores: list[ScoreWrite] = field(default_factory=list)
    # rows of the 校验结果 sheet: each a Finding (perfxl.findings.Finding)
    findings: list[Any] = field(default_factory=list)
    # per form: (sheet, form kind, score, grade) for the top of the 校验结果 sheet
    summary: list[tuple[str, str, float | None, str | None]] = field(default_factory=list)
