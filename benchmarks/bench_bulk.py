"""Bulk checks: per-workbook cost as a ratio to a bare python-calamine read, --jobs speed-up, memory.

Builds folders of typical forms (benchmarks/forms_gen.py: 2–3 sheets, ~130 rows, ~90 merged
ranges) and measures, side by side in one run (absolute times on a shared machine are noise; the
ratios are what counts — DESIGN.md "Targets"):

1. per workbook, one process, under a batch worker's garbage-collector settings: bare calamine
   read (1.0×), zip inflate alone, perfxl's file layer (safety checks + grids), check only,
   check + annotate (copies into a new folder, as a first run), the same as a re-run replacing
   earlier copies, all taking turns pass by pass with each ratio taken within its round; then
   openpyxl load, and openpyxl load + perfxl's annotations + save (one pass each);
2. bulk runs through ``perfxl.batch.run_batch``: --jobs 1 and --jobs 2 on the small folder
   (speed-up), and peak RSS of the parent and of the largest worker for both folder sizes (each
   bulk run in a fresh process, so one run's peak does not leak into the next). ``--annotate``:
   the bulk runs also write annotated copies, as ``perfxl check FOLDER --out OUT`` does.

    python benchmarks/bench_bulk.py [--small 100] [--large 2000] [--sample 40] [--rounds 5] [--bulk-rounds 3]
                                     [--keep DIR] [--annotate]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import python_calamine as pc  # noqa: E402

from forms_gen import make_folder  # noqa: E402
from perfxl.findings import WorkbookReport  # noqa: E402


def have_engine() -> bool:
    try:
        from perfxl.engine import check_file  # noqa: F401
    except ImportError:
        return False
    return True


# ----------------------------------------------------------------------------------------------
# per-workbook operations


def bare_calamine(path: str) -> None:
    wb = pc.CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        sheet.to_python(skip_empty_area=False)
        sheet.merged_cell_ranges  # noqa: B018
    wb.close()


def inflate_only(path: str) -> None:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            zf.read(info)


def file_layer(path: str) -> None:
    from perfxl.workbook.files import open_workbook_source

    with open_workbook_source(path) as src:
        for name in src.sheet_names():
            src.grid(name)


def file_layer_worker(path: str) -> WorkbookReport:
    """The bulk worker when perfxl.engine is not there: read every grid."""
    file_layer(path)
    return WorkbookReport(path=path)


def check_only(path: str) -> None:
    from perfxl.engine import CheckOptions, check_file

    check_file(path, CheckOptions())


class CheckAnnotate:
    """``check_file`` with ``--out``, as ``perfxl check FOLDER --out OUT`` runs it per file.

    ``rerun=False``: each round writes into a new, empty folder, as a first run does.
    ``rerun=True``: each round replaces the copies the round before wrote, flushed to disk first,
    as a run over the output of an earlier run (days ago) does. Replacing a file frees the old
    copy's disk blocks, which on some file systems (ext4 mounted with ``discard``, as on this
    machine) costs milliseconds of waiting: the two cases are timed apart, not mixed."""

    def __init__(self, out_root: str, rerun: bool = False):
        self.out_root, self.rerun = out_root, rerun
        self.out: str | None = None

    def prime(self, files: list[str]) -> None:
        """Before the timed rounds of a re-run: the copies of an earlier run, all of them."""
        if self.rerun:
            self.out = tempfile.mkdtemp(dir=self.out_root)
            for f in files:
                self(f)

    def new_round(self) -> None:
        if self.rerun:
            os.sync()  # outside the timing: the earlier copies are on disk, as days later
        else:
            self.out = tempfile.mkdtemp(dir=self.out_root)

    def __call__(self, path: str) -> None:
        from perfxl.engine import CheckOptions, check_file

        check_file(path, CheckOptions(out=self.out))


def openpyxl_load(path: str) -> None:
    import openpyxl

    openpyxl.load_workbook(path).close()


class OpenpyxlAnnotate:
    """openpyxl load + the same annotations perfxl writes (its plan for the file: fills, comments,
    score values, a findings sheet) + save, into a new folder each round like CheckAnnotate. The
    plan is computed once, outside the timing."""

    def __init__(self, out_root: str):
        self.out_root = out_root
        self.out = out_root
        self.plans: dict[str, object] = {}

    def new_round(self) -> None:
        self.out = tempfile.mkdtemp(dir=self.out_root)

    def __call__(self, path: str) -> None:
        import openpyxl
        from openpyxl.cell.cell import MergedCell
        from openpyxl.comments import Comment
        from openpyxl.styles import Font, PatternFill

        if path not in self.plans:
            from perfxl.engine import check_file, plan_for

            self.plans[path] = plan_for(check_file(path))
        plan = self.plans[path]
        wb = openpyxl.load_workbook(path)
        fills = {"error": PatternFill("solid", fgColor="FFC7CE"), "warning": PatternFill("solid", fgColor="FFEB9C")}
        for mark in plan.marks:
            if mark.sheet not in wb.sheetnames:
                continue
            cell = wb[mark.sheet][mark.cell]
            if isinstance(cell, MergedCell):
                continue
            if mark.severity in fills:
                cell.fill = fills[mark.severity]
            cell.comment = Comment(mark.comment, "perfxl")
        for w in plan.scores:
            cell = wb[w.sheet][w.cell]
            if not isinstance(cell, MergedCell):
                cell.value = w.value
                cell.font = Font(color="0070C0")
        res = wb.create_sheet("校验结果")
        for f in plan.findings:
            res.append([f.rule, f.severity, f.sheet, f.cell, f.message, f.expected, f.actual])
        wb.save(os.path.join(self.out, Path(path).name))


def _timed_pass(fn, files: list[str]) -> float:
    """Mean per-file time (seconds) of one pass over the files."""
    getattr(fn, "new_round", lambda: None)()  # outside the timing
    t0 = time.perf_counter()
    for f in files:
        fn(f)
    return (time.perf_counter() - t0) / len(files)


def _ready(fn, files: list[str]) -> None:
    """Imports, caches and (for a re-run) the earlier copies, out of the timing."""
    getattr(fn, "prime", lambda files: None)(files)
    getattr(fn, "new_round", lambda: None)()
    fn(files[0])


def per_workbook(fn, files: list[str], rounds: int) -> float:
    """Median over rounds of the mean per-file time (seconds). The ops that write copies have a
    ``prime(files)`` and a ``new_round()``, called outside the timing."""
    _ready(fn, files)
    return statistics.median(_timed_pass(fn, files) for _ in range(rounds))


def side_by_side(ops: list[tuple[str, object]], files: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    """Each op's median per-file time and its median ratio to the first op's, the ops taking turns
    pass by pass: a change in the machine's load between passes then moves the time of every op
    of that round, and a ratio is taken within a round."""
    for _, fn in ops:
        _ready(fn, files)
    times: dict[str, list[float]] = {label: [] for label, _ in ops}
    for _ in range(rounds):
        for label, fn in ops:
            times[label].append(_timed_pass(fn, files))
    base = times[ops[0][0]]
    return {label: (statistics.median(t), statistics.median(x / b for x, b in zip(t, base)))
            for label, t in times.items()}


# ----------------------------------------------------------------------------------------------
# bulk runs, each in a fresh process


def bulk_child(folder: str, jobs: int, worker_kind: str) -> None:
    """Run one bulk check and print its wall time and peak RSS as JSON (run as a subprocess)."""
    import multiprocessing.forkserver as fs

    from perfxl.batch import discover, run_batch

    files = discover([folder])
    t0 = time.perf_counter()
    if worker_kind == "read":
        batch = run_batch(files, file_layer_worker, jobs=jobs, progress=False, spill=True)
    else:  # exactly what `perfxl check FOLDER [--out OUT] --jobs N` runs: reports spilled, cross-file pass
        from perfxl.check_command import check_paths
        from perfxl.engine import CheckOptions

        out = tempfile.mkdtemp(prefix="perfxl-bench-bulk-out-") if worker_kind == "annotate" else None
        batch = check_paths([folder], CheckOptions(out=out), jobs=jobs, progress=False, spill=True)
    wall = time.perf_counter() - t0
    if worker_kind == "annotate":
        shutil.rmtree(out, ignore_errors=True)
    # Workers are children of the fork server; stop it (private, test-only API) so that their
    # peak RSS reaches our RUSAGE_CHILDREN through it.
    stop = getattr(getattr(fs, "_forkserver", None), "_stop", None)
    if stop:
        stop()
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    errors = sum(1 for f in batch.files if f.error)
    print(json.dumps({"files": len(files), "wall": wall, "self_mb": self_kb / 1024,
                      "child_mb": child_kb / 1024, "errors": errors,
                      "first_error": next((f.error for f in batch.files if f.error), None)}))


def bulk(folder: Path, jobs: int, worker_kind: str) -> dict:
    cmd = [sys.executable, __file__, "--child", str(folder), "--jobs", str(jobs),
           "--worker", worker_kind]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--large", type=int, default=2000)
    ap.add_argument("--sample", type=int, default=40, help="files timed one by one")
    ap.add_argument("--rounds", type=int, default=5, help="per-workbook passes of each op")
    ap.add_argument("--bulk-rounds", type=int, default=3, help="bulk runs of each size and --jobs")
    ap.add_argument("--keep", help="build the folders here and keep them")
    ap.add_argument("--annotate", action="store_true",
                    help="bulk runs also write annotated copies (--out), as a finance bureau's run does")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--worker", default="engine", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        bulk_child(args.child, args.jobs, args.worker)
        return

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="perfxl-bench-"))
    small, large = base / f"forms_{args.small}", base / f"forms_{args.large}"
    t0 = time.perf_counter()
    for folder, n in ((small, args.small), (large, args.large)):
        if not folder.exists() or sum(1 for _ in folder.rglob("*.xlsx")) != n:
            make_folder(folder, n)
    print(f"folders: {args.small} and {args.large} forms built in {time.perf_counter() - t0:.1f} s "
          f"under {base}")
    import perfxl._compiled

    print(f"perfxl modules: {perfxl._compiled.state} (setup.py compiles the hot ones with mypyc; "
          "PERFXL_PURE=1 measures the pure Python ones)")
    engine = have_engine()
    worker_kind = ("annotate" if args.annotate else "engine") if engine else "read"
    files = sorted(str(p) for p in small.rglob("*.xlsx"))[: args.sample]

    # 1. per workbook, one process: the checks run as in a batch worker, which is where a bulk
    # check runs them (the garbage collector's settings: perfxl.pool.settle_collector)
    if engine:
        from perfxl.pool import settle_collector

        settle_collector()
    ops: list[tuple[str, object]] = [("bare python-calamine read", bare_calamine), ("zip inflate only", inflate_only),
                                     ("perfxl file layer (checks + grids)", file_layer)]
    out_dir = tempfile.mkdtemp(prefix="perfxl-bench-out-")
    if engine:
        ops += [("check only", check_only), ("check + annotate", CheckAnnotate(out_dir)),
                ("check + annotate, re-run over copies", CheckAnnotate(out_dir, rerun=True))]
    slow_ops = [("openpyxl load", openpyxl_load), ("openpyxl load + same annotations + save", OpenpyxlAnnotate(out_dir))]
    samples = sorted(str(p) for p in (ROOT / "samples").rglob("*.xlsx") if "templates_filled" not in p.parts)
    for title, group in ((f"generated typical forms, {len(files)} files", files),
                         (f"hand-typed seed-layout samples (samples/), {len(samples)} files", samples)):
        print(f"\nper workbook ({title}; one process; median of {args.rounds} rounds in which the ops "
              "take turns, ratio to the calamine read taken within each round):")
        measured = side_by_side(ops, group, args.rounds)
        base_t = measured["bare python-calamine read"][0]
        for label, fn in slow_ops:  # seconds per round: one round, against the median calamine pass
            t = per_workbook(fn, group, 1)
            measured[label] = (t, t / base_t)
        for label, (t, ratio) in measured.items():
            print(f"  {label:<40} {t * 1000:9.2f} ms  {ratio:7.1f}×")
        if engine:
            ours, theirs = measured["check + annotate"], measured["openpyxl load + same annotations + save"]
            print(f"  check only ÷ calamine read = {measured['check only'][1]:.1f} (target ≤ 3); "
                  f"check + annotate ÷ calamine read = {ours[1]:.1f} (target ≤ 10); "
                  f"openpyxl pass ÷ perfxl pass = {theirs[0] / ours[0]:.1f} (target ≥ 10); "
                  f"re-run over earlier copies ÷ calamine read = "
                  f"{measured['check + annotate, re-run over copies'][1]:.1f}")
    if not engine:
        print("  (perfxl.engine not importable: check times skipped)")

    # 2. bulk runs. Each round reads the folder with calamine in this process, then runs
    # --jobs 1 and --jobs 2, each in a fresh process; the ratios are taken within a round and
    # their median printed, so that a change in the machine's load lands on both sides of one.
    what = {"annotate": "check + annotated copies (--out)", "engine": "engine check only", "read": "file layer read"}
    print(f"\nbulk runs ({what[worker_kind]}, fresh process each; median of {args.bulk_rounds} rounds, "
          "ratios taken within each round):")
    runs: dict[tuple[int, int], list[dict]] = {}
    reads: dict[int, list[float]] = {}
    for folder, n in ((small, args.small), (large, args.large)):
        folder_files = sorted(str(p) for p in folder.rglob("*.xlsx"))
        for _ in range(args.bulk_rounds):
            t0 = time.perf_counter()
            for f in folder_files:
                bare_calamine(f)
            reads.setdefault(n, []).append(time.perf_counter() - t0)
            for jobs in (1, 2):
                runs.setdefault((n, jobs), []).append(bulk(folder, jobs, worker_kind))
        for jobs in (1, 2):
            rs = runs[(n, jobs)]
            wall = statistics.median(r["wall"] for r in rs)
            errors = [r for r in rs if r["errors"]]
            print(f"  {n:>5} files --jobs {jobs}: {wall:7.2f} s ({wall / max(1, rs[0]['files']) * 1000:6.2f} ms/file)  "
                  f"peak RSS parent {max(r['self_mb'] for r in rs):6.1f} MB, "
                  f"largest worker {max(r['child_mb'] for r in rs):6.1f} MB"
                  + (f"  [{errors[0]['errors']} errors: {errors[0]['first_error']}]" if errors else ""))

    def ratio(n: int, num, den) -> str:
        values = [num(i) / den(i) for i in range(args.bulk_rounds)]
        return f"{statistics.median(values):.2f}× (rounds: {', '.join(f'{v:.2f}' for v in values)})"

    for n in (args.small, args.large):
        one, two = runs[(n, 1)], runs[(n, 2)]
        print(f"  --jobs 2 speed-up over --jobs 1 ({n} files): "
              + ratio(n, lambda i: one[i]["wall"], lambda i: two[i]["wall"]))
    # The whole folder, as a finance bureau runs it (one command: process start-up, workers, the
    # summary workbook and the cross-file pass included), against merely reading the same files
    # with python-calamine in one process.
    for n in (args.small, args.large):
        one, two, read = runs[(n, 1)], runs[(n, 2)], reads[n]
        print(f"  whole folder ({n} files) ÷ a one-process calamine read of it "
              f"({statistics.median(read):.2f} s): --jobs 1 "
              + ratio(n, lambda i: one[i]["wall"], lambda i: read[i])
              + ", --jobs 2 " + ratio(n, lambda i: two[i]["wall"], lambda i: read[i]))
    s_, l_ = runs[(args.small, 2)], runs[(args.large, 2)]
    print(f"  peak RSS {args.small} → {args.large} files (--jobs 2): parent "
          f"{max(r['self_mb'] for r in s_):.1f} → {max(r['self_mb'] for r in l_):.1f} MB, worker "
          f"{max(r['child_mb'] for r in s_):.1f} → {max(r['child_mb'] for r in l_):.1f} MB")

if __name__ == "__main__":
    main()
