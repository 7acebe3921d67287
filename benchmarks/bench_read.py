"""Reader speed: perfxl's label-anchored read vs a bare python-calamine read of the same files.

Prints per-workbook times measured side by side in one run, and the ratios (target: reader ≤ 3×
calamine; DESIGN.md "Targets"). openpyxl's full load is shown for reference. Absolute times on a
shared machine are noise; the ratios are what counts.

    python benchmarks/bench_read.py [--rounds 20] [FILES…]   (default: every samples/**/*.xlsx)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import python_calamine as pc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfxl.reader import read_workbook  # noqa: E402


def bare_calamine(path: Path) -> int:
    """Open, read every sheet's cells and merged ranges — the floor any reader pays."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    n = 0
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        n += len(sheet.to_python(skip_empty_area=False))
        n += len(sheet.merged_cell_ranges or [])
    wb.close()
    return n


def perfxl_read(path: Path) -> int:
    return len(read_workbook(path).forms)


def openpyxl_load(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    n = sum(ws.max_row for ws in wb.worksheets)
    wb.close()
    return n


def timed(fn, path: Path) -> float:
    t0 = time.perf_counter()
    fn(path)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--openpyxl-rounds", type=int, default=2)
    args = ap.parse_args()
    # Workbooks written by scripts (samples/templates_filled) have formulas without cached values;
    # perfxl computes those with `formulas` (seconds), a different path measured on its own.
    files = [Path(f) for f in args.files] or sorted(
        p for p in (ROOT / "samples").rglob("*.xlsx") if "templates_filled" not in p.parts)
    if not files:
        sys.exit("no workbooks to measure")
    for f in files:  # warm-up: imports, caches, page cache
        bare_calamine(f)
        perfxl_read(f)
    cal: list[float] = []
    rdr: list[float] = []
    for _ in range(args.rounds):
        # interleaved, so machine noise hits both sides alike
        cal.append(sum(timed(bare_calamine, f) for f in files) / len(files))
        rdr.append(sum(timed(perfxl_read, f) for f in files) / len(files))
    opx = [sum(timed(openpyxl_load, f) for f in files) / len(files) for _ in range(args.openpyxl_rounds)]
    c, r, o = statistics.median(cal), statistics.median(rdr), statistics.median(opx)
    print(f"workbooks: {len(files)}  rounds: {args.rounds}")
    print(f"{'per workbook':<28}{'median ms':>10}{'× calamine':>12}")
    print(f"{'bare python-calamine read':<28}{c * 1000:>10.2f}{1.0:>12.2f}")
    print(f"{'perfxl read (all forms)':<28}{r * 1000:>10.2f}{r / c:>12.2f}")
    print(f"{'openpyxl full load':<28}{o * 1000:>10.2f}{o / c:>12.2f}")
    verdict = "OK" if r / c <= 3 else "ABOVE TARGET"
    print(f"reader / calamine = {r / c:.2f} (target ≤ 3): {verdict}")


if __name__ == "__main__":
    main()
