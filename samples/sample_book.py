"""The cell-writing helpers shared by the sample builders (build_samples.py, build_clean.py).

``Book`` is a workbook being written (fixed document dates and zip timestamps, so a rebuild is
byte-identical); ``Sheet.put`` writes a value with the seed's look (borders, wrapping, merges) and
records every ``M(value, "PXn …")`` mistake at the cell it lands in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0)

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# ------------------------------------------------------------------------------------------------
# Writing helpers


class M:
    """A cell value that is a real mistake of the seed, with notes "PXn what is wrong"."""

    def __init__(self, value: object, *notes: str) -> None:
        assert notes and all(n[:3] in {"PX1", "PX2", "PX3", "PX4", "PX5", "PX6"} for n in notes), notes
        self.value = value
        self.notes = notes


@dataclass
class Mistake:
    sheet: str
    cell: str
    value: str
    family: str
    note: str


@dataclass
class Book:
    """A workbook being written, with the mistakes recorded while writing."""

    path: Path
    wb: Workbook = field(default_factory=Workbook)
    mistakes: list[Mistake] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.wb.remove(self.wb.active)
        self.wb.properties.creator = "贸促会财务室"
        self.wb.properties.created = FIXED_TIME
        self.wb.properties.modified = FIXED_TIME
        self.wb.properties.lastModifiedBy = "贸促会财务室"

    def sheet(self, title: str, *, row0: int = 0, col0: int = 0) -> "Sheet":
        return Sheet(self, self.wb.create_sheet(title), row0, col0)

    def save(self) -> None:
        buf = io.BytesIO()
        self.wb.save(buf)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(_stable_zip(buf.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-03-01T09:00:00Z", data)
            dst.writestr(zi, data)
    return out.getvalue()


class Sheet:
    """A worksheet written with 1-based (row, col) relative to an origin (row0, col0)."""

    def __init__(self, book: Book, ws, row0: int, col0: int) -> None:
        self.book, self.ws, self.row0, self.col0 = book, ws, row0, col0

    def addr(self, row: int, col: int) -> str:
        return f"{get_column_letter(col + self.col0)}{row + self.row0}"

    def put(self, row: int, col: int, value: object = None, rows: int = 1, cols: int = 1, *,
            bold: bool = False, align: str = "center", wrap: bool = True, border: bool = True,
            fmt: str | None = None, size: float | None = None) -> None:
        if isinstance(value, M):
            for note in value.notes:
                self.book.mistakes.append(Mistake(self.ws.title, self.addr(row, col),
                                                  _show(value.value), note[:3], note[3:].strip()))
            value = value.value
        r, c = row + self.row0, col + self.col0
        cell = self.ws.cell(r, c, value)
        if isinstance(value, str) and value.startswith("="):
            # typed as text in Excel ('=100%): a value with an equals sign, not a formula
            cell.data_type = "s"
            cell.quotePrefix = True
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if bold or size:
            cell.font = Font(bold=bold, size=size or 11)
        if fmt:
            cell.number_format = fmt
        if rows > 1 or cols > 1:
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r + rows - 1, end_column=c + cols - 1)
        if border:
            for rr in range(r, r + rows):
                for cc in range(c, c + cols):
                    self.ws.cell(rr, cc).border = BORDER

    def title(self, row: int, text: object, ncols: int, *, size: float = 16) -> None:
        self.put(row, 1, text, 1, ncols, bold=True, size=size, border=False)
        self.ws.row_dimensions[row + self.row0].height = 30

    def line(self, row: int, text: object, ncols: int, *, align: str = "center") -> None:
        self.put(row, 1, text, 1, ncols, border=False, align=align)

    def widths(self, *widths: float) -> None:
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i + self.col0)].width = w

    def height(self, row: int, h: float) -> None:
        self.ws.row_dimensions[row + self.row0].height = h


def _show(v: object) -> str:
    if v is None or v == "":
        return "（空）"
    s = str(v).replace("\n", "⏎")
    return s if len(s) <= 40 else s[:38] + "…"


def chooser(fixed: bool):
    """pick(bad, good): the seed's value, or the corrected one."""
    return lambda bad, good: good if fixed else bad


def spans(rows: list, key) -> list[tuple[int, int, object]]:
    """Runs of equal keys: (start index, length, key) -- the vertically merged category cells."""
    out: list[tuple[int, int, object]] = []
    for i, r in enumerate(rows):
        k = _plain(key(r))
        if out and out[-1][2] == k:
            s, n, kk = out[-1]
            out[-1] = (s, n + 1, kk)
        else:
            out.append((i, 1, k))
    return out


def _plain(v):
    if isinstance(v, M):
        return v.value
    if isinstance(v, tuple):
        return tuple(_plain(x) for x in v)
    return v


def keep(rows: list) -> list:
    return [r for r in rows if r is not None]



def put_levels(s: Sheet, row: int, col: int, rows: list, depth: int = 2, *, left: tuple[int, ...] = ()) -> None:
    """The vertically merged category cells of an indicator table: column ``col + j`` holds
    ``rows[i][j]``, merged over each run of rows with the same ``rows[i][:j + 1]`` (j < depth);
    the levels listed in ``left`` are left-aligned."""
    for j in range(depth):
        for start, n, _k in spans(rows, lambda x: tuple(x[:j + 1])):
            s.put(row + start, col + j, rows[start][j], n, 1, align="left" if j in left else "center")


def indicator_table(s: Sheet, row: int, label: str, heads: list, rows: list) -> int:
    """The side label merged down the table, the headings from column 2, and the 一级/二级 cells of
    ``rows``; returns the first row of the indicators."""
    s.put(row, 1, label, 1 + len(rows), 1, bold=True)
    for i, h in enumerate(heads):
        s.put(row, 2 + i, h, bold=True)
    put_levels(s, row + 1, 2, rows)
    return row + 1


def labeller(d: dict):
    """L(text): the content's own spelling of a layout label (``d["labels"]``: seed spelling -> spelling)."""
    labels = d.get("labels") or {}
    return lambda text: labels.get(text, text)


def height(s: Sheet, d: dict, key: str, row: int) -> None:
    """Set a row height the content asks for (``d["heights"][key]``; none when absent)."""
    h = (d.get("heights") or {}).get(key)
    if h:
        s.height(row, h)
