"""An in-memory workbook source: sheets given as rows of values (tests, and the xlwings stand-in)."""

from __future__ import annotations

from typing import Any

from perfxl.workbook.base import SheetGrid, parse_a1


class MemorySource:
    def __init__(self, sheets: dict[str, list[list[Any]]], merged: dict[str, list[str]] | None = None,
                 path: str = "<memory>"):
        self.path = path
        self._sheets = sheets
        self._merged = merged or {}

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def grid(self, name: str) -> SheetGrid:
        ranges = []
        for ref in self._merged.get(name, []):
            a, b = ref.split(":")
            r0, c0 = parse_a1(a)
            r1, c1 = parse_a1(b)
            ranges.append((r0, c0, r1, c1))
        return SheetGrid(name=name, rows=[list(r) for r in self._sheets[name]], merged=ranges)

    def close(self) -> None:
        pass
