"""Where the time of one check + annotate goes, phase by phase, as ratios to a bare calamine read.

``bench_bulk.py`` gives the totals the targets are about; this script splits them, measured side by
side in one run on the same files (absolute times on a shared machine are noise):

- bare python-calamine read (1.0×: open, every sheet's cells and merged ranges);
- file layer: ``open_workbook_source`` (package safety checks + calamine) and the sheet grids;
- reader: ``read_source`` (the grids again, views, headings, forms);
- rules and scores: ``judge``; the formula-error and external-link scans; the annotation plan;
- write-back, split into package open, session set-up, undo, apply, flush and the zip write.

    python benchmarks/bench_phases.py [--folder DIR] [--sample 40] [--rounds 7]

Without ``--folder`` a folder of typical forms (benchmarks/forms_gen.py) is built in a temporary
directory; ``--folder`` reuses one (e.g. a kept bench_bulk folder, or samples/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_bulk import bare_calamine  # noqa: E402 - the same 1.0× read as the totals
from forms_gen import make_folder  # noqa: E402
from perfxl.engine import CheckOptions, judge, plan_for, resolve_config  # noqa: E402
from perfxl.reader import read_source  # noqa: E402
from perfxl.workbook.files import open_workbook_source  # noqa: E402
from perfxl.writeback.engine import Session  # noqa: E402
from perfxl.writeback.package import Package  # noqa: E402

PHASES = ("calamine read", "open source", "grids", "read forms", "judge", "scans", "plan",
          "wb: open", "wb: session", "wb: undo", "wb: apply", "wb: flush", "wb: write")


def one_file(path: str, out_dir: str, config) -> list[float]:
    """Every phase of check + annotate on one file; returns the clock readings between them."""
    t = [time.perf_counter()]
    bare_calamine(path)
    t.append(time.perf_counter())
    source = open_workbook_source(path)
    t.append(time.perf_counter())
    for name in source.sheet_names():
        source.grid(name)
    t.append(time.perf_counter())
    wb = read_source(source)
    t.append(time.perf_counter())
    report = judge(wb, config)
    t.append(time.perf_counter())
    source.external_links()
    source.formula_errors()
    source.close()
    t.append(time.perf_counter())
    plan = plan_for(report)
    t.append(time.perf_counter())
    pkg = Package.open(path)
    t.append(time.perf_counter())
    session = Session(pkg)
    t.append(time.perf_counter())
    session.undo(need_findings_sheet=True)
    t.append(time.perf_counter())
    session.apply(plan)
    t.append(time.perf_counter())
    session.flush()
    t.append(time.perf_counter())
    pkg.write(os.path.join(out_dir, Path(path).name))
    t.append(time.perf_counter())
    return [b - a for a, b in zip(t, t[1:])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", help="workbooks to time (default: build typical forms)")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if args.folder:
        folder = Path(args.folder)
    else:
        folder = Path(tempfile.mkdtemp(prefix="perfxl-phases-"))
        make_folder(folder, args.sample)
    files = sorted(str(p) for p in folder.rglob("*.xlsx") if "templates_filled" not in p.parts)[: args.sample]
    from perfxl.pool import settle_collector

    settle_collector()  # as in a batch worker, where a bulk check runs (bench_bulk.py does the same)
    out_root = tempfile.mkdtemp(prefix="perfxl-phases-out-")
    config = resolve_config(files[0], CheckOptions())
    for f in files:  # imports, caches and the first-run costs out of the timing
        one_file(f, out_root, config)
    rounds: list[list[float]] = []
    for _ in range(args.rounds):
        # a new folder each round, as a first run writes its copies (bench_bulk.CheckAnnotate:
        # replacing earlier copies is a re-run, timed there)
        out_dir = tempfile.mkdtemp(dir=out_root)
        total = [0.0] * len(PHASES)
        for f in files:
            for i, dt in enumerate(one_file(f, out_dir, config)):
                total[i] += dt / len(files)
        rounds.append(total)
    med = [statistics.median(r[i] for r in rounds) for i in range(len(PHASES))]
    base = med[0]
    import perfxl._compiled

    print(f"{len(files)} workbooks from {folder}, median of {args.rounds} rounds, per workbook "
          f"(perfxl modules: {perfxl._compiled.state}):")
    for name, m in zip(PHASES, med):
        print(f"  {name:<16} {m * 1000:8.3f} ms  {m / base:6.2f}×")
    check = sum(med[1:7])
    write = sum(med[7:])
    print(f"  check (file layer … plan)   {check * 1000:8.3f} ms  {check / base:6.2f}×")
    print(f"  write-back                  {write * 1000:8.3f} ms  {write / base:6.2f}×")
    print(f"  check + annotate            {(check + write) * 1000:8.3f} ms  {(check + write) / base:6.2f}×"
          "  (the grids are read twice here: once in 'grids', once inside 'read forms')")


if __name__ == "__main__":
    main()
