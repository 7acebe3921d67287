"""Workbook files read through python-calamine: the file side of ``WorkbookSource``.

``open_workbook_source`` first looks at the bytes (``perfxl.workbook.package``: what the file is,
zip/XML bombs, encryption), then lets python-calamine parse it. Every failure is a
``PerfxlFileError`` with a PX9xx code and a one-line Chinese reason; no traceback leaves here.

Formulas: calamine gives the cached values Excel stored. Files written by scripts (openpyxl, some
reporting systems) store formulas without cached values; for those, and only those (it takes
seconds), the values are computed with the ``formulas`` package and filled into the grids.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
import io
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import python_calamine as pc

from perfxl.errors import PerfxlFileError
from perfxl.workbook.base import SheetGrid
from perfxl.workbook.formula_errors import errors_in_part, name_parts, part_has_uncached_formula
from perfxl.workbook.package import Package, inspect_package, one_line

__all__ = [
    "CalamineSource",
    "computed_values",
    "external_links",
    "open_workbook_source",
]

_HIDDEN = (pc.SheetVisibleEnum.Hidden, pc.SheetVisibleEnum.VeryHidden)


def open_workbook_source(
    path: str | Path, password: str | None = None, compute_formulas: bool = True
) -> CalamineSource:
    """Open a workbook file for reading; raise ``PerfxlFileError`` (PX9xx) when it cannot be read.

    ``compute_formulas=False`` leaves cells of formulas without cached values empty (no
    ``formulas`` run), for callers that only need to know what the file is.
    """
    p = Path(path)
    pkg = inspect_package(p, password)
    try:
        source = CalamineSource(pkg, _calamine_book(pkg), compute_formulas)
    except PerfxlFileError:
        raise
    except Exception as exc:  # noqa: BLE001 — whatever calamine raises means "cannot read"
        raise _calamine_error(pkg, exc) from None
    except BaseException as exc:
        # pyo3 turns a Rust panic into PanicException, which derives from BaseException; it is a
        # bad file, not a reason to stop the process. Let real interrupts through.
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise _calamine_error(pkg, exc) from None
    if not source.has_cells():
        source.close()
        raise PerfxlFileError("PX905")
    return source


def _calamine_book(pkg: Package) -> pc.CalamineWorkbook:
    if pkg.data is None:
        return pc.CalamineWorkbook.from_path(pkg.path)
    return pc.CalamineWorkbook.from_filelike(io.BytesIO(pkg.data))


def _calamine_error(pkg: Package, exc: BaseException) -> PerfxlFileError:
    if isinstance(exc, pc.PasswordError):
        return PerfxlFileError("PX904", "需要密码，请用 --password 提供")
    if pkg.kind in ("xlsb", "ods"):
        return PerfxlFileError("PX915", f".{pkg.kind} 文件无法读取（{one_line(exc)}），请另存为 .xlsx")
    return PerfxlFileError("PX903", f"内容无法解析（{one_line(exc)}）")


class CalamineSource:
    """A workbook file read by python-calamine (implements ``WorkbookSource``)."""

    def __init__(self, pkg: Package, book: pc.CalamineWorkbook, compute_formulas: bool = True):
        self.path = pkg.path
        self.kind = pkg.kind  # xlsx | xlsb | ods | xls
        self._pkg = pkg
        self._book = book
        self._compute = compute_formulas
        self._meta = {
            m.name: m for m in book.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet
        }
        # Parse every worksheet once: the emptiness check needs them all and grid() reuses them.
        self._sheets = {name: book.get_sheet_by_name(name) for name in self._meta}
        self._uncached: bool | None = None
        self._errors: dict[str, list[tuple[str, str]]] = {}
        self._computed: dict[str, dict[tuple[int, int], Any]] | None = None

    # -- WorkbookSource --------------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Visible and hidden worksheets, in workbook order (no chartsheets or macro sheets)."""
        return list(self._sheets)

    def grid(self, name: str) -> SheetGrid:
        sheet = self._sheets.get(name)
        if sheet is None:
            raise KeyError(name)
        try:
            raw = sheet.to_python(skip_empty_area=False) if sheet.start is not None else []
        except (pc.CalamineError, ValueError, OverflowError) as exc:
            raise PerfxlFileError("PX903", f"工作表“{name}”无法读取（{one_line(exc)}）") from None
        rows = [[None if v == "" else v for v in row] for row in raw]
        rows = _pad_to_origin(rows, sheet.start, sheet.end)
        if self._compute and self.has_formulas_without_cache():
            _fill(rows, self._computed_values().get(name, {}))
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        return SheetGrid(name, rows, merged, hidden=self._meta[name].visible in _HIDDEN)

    # -- extras ----------------------------------------------------------------------------------

    def has_cells(self) -> bool:
        return any(s.start is not None for s in self._sheets.values())

    def has_formulas_without_cache(self) -> bool:
        """Some worksheet has a formula without a cached value (typical of script-written files).

        Only .xlsx/.xlsm can be like that: .xls and .xlsb store a result with every formula.
        """
        if self._uncached is None:
            self._scan_sheet_parts()
        return bool(self._uncached)

    def package_bytes(self) -> tuple[bytes, dict[str, bytes]] | None:
        """The .xlsx/.xlsm exactly as read (its bytes and the parts inflated so far), for writing
        the annotated copy from what was checked without reading the file again; None for other
        kinds and for encrypted files, whose annotated copy must never be their decrypted bytes."""
        pkg = self._pkg
        if self.kind != "xlsx" or pkg.data is None or pkg.encrypted:
            return None
        return pkg.data, pkg.inflated

    def external_links(self) -> list[str]:
        return _external_links(self._pkg) if self.kind == "xlsx" else []

    def formula_errors(self) -> dict[str, list[tuple[str, str]]]:
        """Sheet -> [(cell, "#DIV/0!")]: cells whose formula result is an error (read as blank)."""
        if self._uncached is None:
            self._scan_sheet_parts()
        return self._errors

    def _scan_sheet_parts(self) -> None:
        """One pass over the sheet parts' XML for both byte-level facts calamine does not give:
        formulas without a cached value, and cells holding a formula error."""
        pkg = self._pkg
        uncached, by_part = False, {}
        if self.kind == "xlsx" and pkg.data is not None:
            for info in pkg.infos:
                name = info.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    xml = pkg.read(info)
                    uncached = uncached or part_has_uncached_formula(xml)
                    found = errors_in_part(xml)
                    if found:
                        by_part[name] = found
        self._uncached = uncached
        self._errors = name_parts(pkg, by_part)

    def close(self) -> None:
        self._sheets.clear()
        with contextlib.suppress(pc.CalamineError):
            self._book.close()

    def __enter__(self) -> CalamineSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _computed_values(self) -> dict[str, dict[tuple[int, int], Any]]:
        if self._computed is None:
            self._computed = _compute_package(self._pkg, list(self._sheets))
        return self._computed


def _pad_to_origin(rows: list[list[Any]], start, end) -> list[list[Any]]:
    """Make rows[r][c] the sheet's (r, c) from A1.

    ``to_python(skip_empty_area=False)`` already starts at A1 in the python-calamine versions we
    know; this guards against versions (or formats) where the data still starts at ``start``.
    """
    if start is None or end is None or not rows:
        return rows
    r0, c0 = start
    if len(rows) == end[0] - r0 + 1 and r0 > 0:
        rows = [[] for _ in range(r0)] + rows
    if c0 > 0 and max(map(len, rows)) == end[1] - c0 + 1:
        rows = [[None] * c0 + r if r else r for r in rows]
    return rows


def _fill(rows: list[list[Any]], values: dict[tuple[int, int], Any]) -> None:
    """Put computed formula results into empty cells, growing the grid where needed."""
    for (r, c), v in values.items():
        if v is None:
            continue
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        if len(row) <= c:
            row.extend([None] * (c + 1 - len(row)))
        if row[c] is None:
            row[c] = v


# ----------------------------------------------------------------------------------------------
# Byte-level scans of the package


_TARGET = re.compile(rb"""Target\s*=\s*["']([^"']*)["']""")
_EXTERNAL_LINK = re.compile(r"xl/externalLinks/externalLink\d+\.xml")


def _external_links(pkg: Package) -> list[str]:
    # Checked for every workbook, and nearly none has any: the prefix test spares the others'
    # members a regex match each.
    parts = sorted(
        (i.filename for i in pkg.infos
         if i.filename.startswith("xl/externalLinks/") and _EXTERNAL_LINK.fullmatch(i.filename)),
        key=lambda m: int(re.sub(r"\D", "", m.rsplit("/", 1)[1]) or 0),
    )
    if not parts:
        return []
    out = []
    for part in parts:
        rels = pkg.member(part.replace("externalLinks/", "externalLinks/_rels/") + ".rels")
        m = _TARGET.search(pkg.read(rels, 64 * 1024)) if rels is not None else None
        # Targets are URIs: "file:///C:/…/2023%E5%B9%B4.xlsx" — show the reviewer the plain name.
        target = unquote(html.unescape(m.group(1).decode("utf-8", "replace"))) if m else None
        out.append(target or part.rsplit("/", 1)[1])
    return out


def external_links(path: str | Path, password: str | None = None) -> list[str]:
    """Targets (or part names) of the workbook's external links; the linked files are never read."""
    pkg = inspect_package(Path(path), password)
    return _external_links(pkg) if pkg.kind == "xlsx" else []


# ----------------------------------------------------------------------------------------------
# Computing formulas without cached values


def computed_values(
    path: str | Path, password: str | None = None
) -> dict[str, dict[tuple[int, int], Any]]:
    """Compute every formula of an .xlsx with ``formulas``: {sheet: {(row, col): value}}, 0-based.

    Slow (seconds): call it only when ``has_formulas_without_cache()``. Workbooks with external
    links are not computed (``formulas`` would open the linked files), nor are those it fails on:
    their formula cells then stay empty, as in the file.
    """
    pkg = inspect_package(Path(path), password)
    if pkg.kind != "xlsx":
        return {}
    try:
        with _calamine_book(pkg) as book:
            names = list(book.sheet_names)
    except Exception as exc:  # noqa: BLE001 — as in open_workbook_source
        raise _calamine_error(pkg, exc) from None
    return _compute_package(pkg, names)


def _compute_package(pkg: Package, sheet_names: list[str]) -> dict[str, dict[tuple[int, int], Any]]:
    if _external_links(pkg):
        return {}
    if not pkg.encrypted:
        return _compute_file(pkg.path, sheet_names)
    # Decrypted in memory: ``formulas`` wants a file name, so lend it a private temporary copy.
    with tempfile.TemporaryDirectory(prefix="perfxl-") as tmp:
        tmp_path = os.path.join(tmp, "book.xlsx")
        with open(tmp_path, "wb") as fh:
            assert pkg.data is not None  # no path: the package was decrypted in memory
            fh.write(pkg.data)
        return _compute_file(tmp_path, sheet_names)


_CELL_KEY = re.compile(r"^'?\[[^\]]*\](.*?)'?!\$?([A-Z]+)\$?(\d+)$")


def _compute_file(path: str, sheet_names: list[str]) -> dict[str, dict[tuple[int, int], Any]]:
    from perfxl.workbook.base import parse_a1

    by_upper = {n.upper(): n for n in sheet_names}
    try:
        solution = _run_formulas(path)
    except Exception as exc:  # noqa: BLE001 — `formulas` raises anything; a miss is not fatal
        logging.getLogger(__name__).warning("formulas failed on %s: %s", path, one_line(exc))
        return {}
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for key, ranges in solution.items():
        m = _CELL_KEY.match(str(key))
        if not m:
            continue  # ranges such as B2:B4 repeat their cells
        sheet = by_upper.get(m.group(1).replace("''", "'").upper())
        if sheet is None:
            continue
        value = _scalar(getattr(ranges, "value", ranges))
        if value is not None:
            out.setdefault(sheet, {})[parse_a1(m.group(2) + m.group(3))] = value
    return out


def _run_formulas(path: str):
    import formulas  # heavy import (numpy, schedula): only when needed

    # `formulas` draws tqdm progress bars on stderr and logs every missing reference.
    log = logging.getLogger("formulas")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            model = formulas.ExcelModel().loads(path).finish()
            return model.calculate()
    finally:
        log.setLevel(level)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with formulas
        return None
    return numpy


def _scalar(value: Any) -> Any:
    """A ``formulas`` result (1×1 numpy array, XlError, EMPTY) as a plain Python value."""
    np = _numpy()
    if np is not None and isinstance(value, np.ndarray):
        if value.size != 1:
            return None
        value = value.reshape(-1)[0]
    if np is not None and isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str) and type(value) is not str:
        # schedula tokens subclass str: XlError (#DIV/0!, #REF! …) or the EMPTY marker.
        text = str.__str__(value)
        return text if text.startswith("#") else None
    if value is None or isinstance(value, (bool, int, float, str, _dt.date, _dt.time)):
        return None if value == "" else value
    return None
