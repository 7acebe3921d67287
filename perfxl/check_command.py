"""`perfxl check`: run the batch, add cross-file findings, write the summary, print, exit code."""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

from perfxl.engine import CheckOptions, check_file
from perfxl.findings import BatchReport


def check_paths(paths: list[str], options: CheckOptions, *, jobs: int = 1, timeout: float | None = None,
                scheduler: str | None = None, progress: bool | None = None) -> BatchReport:
    """Check files and folders (recursively); one process per job; PX6 cross-file rules after."""
    from perfxl.batch import discover, run_batch

    found = discover(paths)
    roots = tuple(str(p) for p in paths if Path(p).is_dir())
    options = CheckOptions(**{**options.__dict__, "roots": roots})
    worker = functools.partial(check_file, options=options)
    batch = run_batch(found, worker=worker, jobs=max(1, jobs), timeout=timeout, progress=progress,
                      scheduler=scheduler)
    from perfxl.crossfile import add_folder_findings

    add_folder_findings(batch, options)
    return batch


def run_check(paths: list[str], options: CheckOptions, *, fmt: str = "text", jobs: int = 1,
              timeout: float | None = None, scheduler: str | None = None, progress: bool = True) -> int:
    from perfxl.report_text import render_batch

    started = time.perf_counter()
    show = progress and sys.stderr.isatty() and fmt == "text"
    batch = check_paths(paths, options, jobs=jobs, timeout=timeout, scheduler=scheduler, progress=show)
    if options.out:
        from perfxl.summary import write_summary

        summary = write_summary(batch, Path(options.out))
        batch.summary = str(summary)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    if fmt == "json":
        print(json.dumps(batch.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(render_batch(batch, elapsed))
        if options.out:
            print(f"汇总表：{batch.summary}")  # type: ignore[attr-defined]
    return batch.exit_code
