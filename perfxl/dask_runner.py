"""Bulk checks on a Dask cluster: for bureaus that check thousands of workbooks on several machines.

Optional (``pip install perfxl[dask]``). Every worker must see the files under the same paths
(a shared drive) and have perfxl installed. Dask's own process isolation stands in for
``perfxl.pool``: a failure inside the check becomes a PX9xx row as locally; a worker that dies is
retried by Dask and, if the file kills it again, reported as PX911.
"""

from __future__ import annotations

from typing import Callable, Sequence

from perfxl.findings import WorkbookReport
from perfxl.pool import error_report, run_one


def _task(worker: Callable[..., WorkbookReport], path: str, root: str | None) -> WorkbookReport:
    return run_one(worker, path, root)


def run_on_dask(
    files: Sequence[str],
    scheduler_address: str,
    worker_fn: Callable[..., WorkbookReport],
    roots: Sequence[str | None] | None = None,
) -> list[WorkbookReport]:
    """Check ``files`` on the Dask cluster at ``scheduler_address``; reports in input order.

    ``roots``: the folder each file was found under, for workers that want it (``run_one``).
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("需要安装 dask[distributed]：pip install 'perfxl[dask]'") from exc

    paths = [str(f) for f in files]
    with Client(scheduler_address, set_as_default=False) as client:
        # pure=False: the same path may have changed since the last run, never reuse a result.
        roots = list(roots) if roots is not None else [None] * len(paths)
        futures = client.map(_task, [worker_fn] * len(paths), paths, roots, pure=False)
        out: list[WorkbookReport] = []
        for path, fut in zip(paths, futures):
            try:
                out.append(fut.result())
            except Exception as exc:  # noqa: BLE001 — KilledWorker and friends: one file's loss
                detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
                out.append(error_report(path, "PX911", detail))
        return out
