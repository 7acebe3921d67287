"""Bulk checks: find the workbooks under some folders and check them in worker processes.

``discover`` lists the files (with the folder each was found under, so ``--out`` can mirror the
sub-path); ``run_batch`` checks them, one process per job (``perfxl.pool``), or on a Dask cluster
(``perfxl.dask_runner``), and returns a ``BatchReport`` with the files in input order. The parent
keeps only reports, never grids, so its memory stays flat however big the folder.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Sequence, Union

from perfxl.findings import BatchReport, WorkbookReport
from perfxl.pool import DEFAULT_MAX_TASKS, DEFAULT_MEMORY_LIMIT, error_report, run_pool
from perfxl.report_text import tally

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SUMMARY_NAME = "校验汇总.xlsx"

FileArg = Union[str, Path, tuple[Path, Path]]
Worker = Callable[[str], WorkbookReport]


def discover(paths: Sequence[str | Path]) -> list[tuple[Path, Path]]:
    """Workbooks under ``paths`` as (file, root) pairs, root being the folder given (or the file's
    own folder for a file given directly).

    Folders are searched recursively for .xlsx/.xlsm/.xls, skipping Excel's "~$" lock files, hidden
    folders and perfxl's own 校验汇总.xlsx. A file named directly is kept whatever its extension
    and even when missing, so that it gets a row saying what is wrong with it. Each file appears
    once, in a stable order (sorted within each folder given).
    """
    out: list[tuple[Path, Path]] = []
    seen: set[str] = set()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted(_walk(p), key=lambda f: _sort_key(f, p))
            pairs = [(f, p) for f in found]
        else:
            pairs = [(p, p.parent)]
        for f, root in pairs:
            key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                out.append((f, root))
    return out


def _walk(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if _is_workbook_name(name):
                yield Path(dirpath, name)


def _is_workbook_name(name: str) -> bool:
    return (
        name.lower().endswith(WORKBOOK_SUFFIXES)
        and not name.startswith("~$")
        and name != SUMMARY_NAME
    )


def _sort_key(f: Path, root: Path) -> tuple:
    return tuple(part.casefold() for part in f.relative_to(root).parts)


# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngineWorker:
    """The engine's ``check_file`` with the run's options and each file's root (picklable)."""

    options: Any = None  # perfxl.engine.CheckOptions; None: the defaults
    wants_root: ClassVar[bool] = True

    def __call__(self, path: str, root: str | None = None) -> WorkbookReport:
        from perfxl.engine import CheckOptions, check_file  # lazily: the engine is big

        options = self.options if self.options is not None else CheckOptions()
        # Options with a per-file ``root`` field get the folder this file was found under; options
        # that carry the command line's folders themselves (``roots``) are passed as they are.
        fields = {f.name for f in dataclasses.fields(options)} if dataclasses.is_dataclass(options) else ()
        if root is not None and "root" in fields and getattr(options, "root", None) is None:
            options = dataclasses.replace(options, root=str(root))
        return check_file(path, options)

    def warm_up(self) -> None:
        """Import the engine here, in the parent, so that every forked worker starts with it
        (otherwise each worker pays the imports: ~0.2 s, a quarter of a 100-file run)."""
        import importlib

        for name in _ENGINE_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 — the workers meet the same error and report it per file
                pass


_ENGINE_MODULES = ("perfxl.engine", "perfxl.rules.registry", "perfxl.scoring", "perfxl.reader",
                   "perfxl.workbook.files", "perfxl.writeback")


def run_batch(
    files: Sequence[FileArg],
    worker: Worker | Any = None,
    jobs: int = 1,
    timeout: float | None = None,
    progress: bool | None = None,
    scheduler: str | None = None,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    max_tasks: int = DEFAULT_MAX_TASKS,
    spill: bool = False,
    closing_tally: bool = True,
) -> BatchReport:
    """Check every file; a file that fails becomes a PX9xx row, never an exception.

    ``files``: paths, or (path, root) pairs as ``discover`` gives them. ``worker``: a picklable
    callable path -> WorkbookReport (a module-level function or a ``functools.partial`` of one),
    or the engine's ``CheckOptions`` (or None) to run ``perfxl.engine.check_file`` with each
    file's root. ``jobs`` worker processes (at least one, so that a crash,
    a time-out or a memory blow-up of one file is isolated); ``timeout`` seconds per file (PX909);
    ``memory_limit`` bytes of address space per worker (PX911; None: no cap); ``progress`` shows a
    bar and the closing tally on stderr (default: when stderr is a terminal); ``scheduler`` is a
    Dask scheduler address ("tcp://host:8786") to run on instead of local processes. ``spill``
    keeps the reports in a temporary file (``perfxl.report_store``) instead of in memory: the
    command line does so, so that its memory stays flat however many files a folder holds.
    """
    paths = [str(f[0] if isinstance(f, tuple) else f) for f in files]
    roots = [str(f[1]) if isinstance(f, tuple) and f[1] is not None else None for f in files]
    if worker is None or not callable(worker):
        worker = EngineWorker(worker)
    warm_up = getattr(worker, "warm_up", None)
    if callable(warm_up) and not scheduler:
        warm_up()
    show = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    # Files that exist now and are missing when their worker reaches them were deleted mid-run.
    existed = [os.path.exists(p) for p in paths]
    if spill:
        from perfxl.report_store import ReportStore

        results: Any = ReportStore(len(paths))
    else:
        results = [None] * len(paths)
    done = [False] * len(paths)
    with _Progress(len(paths), show) as bar:
        if scheduler:
            from perfxl.dask_runner import run_on_dask

            for i, report in enumerate(run_on_dask(paths, scheduler, worker, roots)):
                results[i] = _deleted_mid_run(report, existed[i])
                done[i] = True
                bar.advance()
        elif paths:
            pool = run_pool(paths, roots, worker, jobs, timeout, memory_limit, max_tasks)
            for index, report in pool:
                results[index] = _deleted_mid_run(report, existed[index])
                done[index] = True
                bar.advance(report.path)
    for i, finished in enumerate(done):
        if not finished:
            results[i] = error_report(paths[i], "PX910", "无结果")
    batch = BatchReport(files=results)
    elapsed = time.perf_counter() - started
    if show and closing_tally:
        print(tally(batch, elapsed), file=sys.stderr)
    return batch


def _deleted_mid_run(report: WorkbookReport, existed: bool) -> WorkbookReport:
    if existed and report.error and report.error.startswith("PX901"):
        replacement = error_report(report.path, "PX913", "文件已被删除或移走")
        report.error = replacement.error
    return report


class _Progress:
    """A rich progress bar on a terminal; nothing at all otherwise (pipes, CI logs, JSON)."""

    def __init__(self, total: int, show: bool):
        self.total, self.show = total, show
        self._bar = None
        self._task = None
        self._shown = 0.0

    def __enter__(self) -> _Progress:
        if self.show and self.total:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeRemainingColumn)

            self._bar = Progress(
                TextColumn("校验中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                TextColumn("{task.fields[name]}", style="dim"),
                console=Console(stderr=True), transient=True,
                # No refresh thread: a thread in this process would make worker start-up slower
                # (fork server instead of fork, see perfxl.pool._context); we refresh on advance.
                auto_refresh=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("check", total=self.total, name="")
        return self

    def advance(self, path: str = "") -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, name=Path(path).name if path else "")
            now = time.monotonic()
            if now - self._shown >= 0.1:  # at most ten redraws a second
                self._shown = now
                self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
