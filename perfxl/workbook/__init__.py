"""Workbook access behind one narrow interface.

Readers (python-calamine files, live Excel through xlwings, an in-memory recording book for tests)
all produce ``SheetGrid`` objects; writers apply an ``AnnotationPlan``. Nothing above this package
imports openpyxl, python-calamine or xlwings.
"""

from perfxl.workbook.base import AnnotationPlan, CellMark, ScoreWrite, SheetGrid, WorkbookSource

__all__ = ["AnnotationPlan", "CellMark", "ScoreWrite", "SheetGrid", "WorkbookSource"]
