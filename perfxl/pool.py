"""Worker processes for bulk checks: one file at a time per process, each file isolated.

Why not ``multiprocessing.Pool`` or ``ProcessPoolExecutor``: a worker killed by a signal makes
``Pool`` wait forever for its result and breaks an executor for every pending file, and neither can
stop one file that runs too long. Here each worker is a process with its own pipe; the parent
waits on the pipes and on the process sentinels, so it sees a result, a death or a deadline, kills
and replaces only that worker, and writes a PX909/PX911 row for that file while the run goes on.

Workers run one task at a time, are forked (or started from a fork server, see ``_context``),
have an address-space cap (``RLIMIT_AS``) and are replaced after ``max_tasks`` files so that
memory stays flat however long the folder.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator

from perfxl.errors import PerfxlFileError
from perfxl.findings import WorkbookReport

DEFAULT_MEMORY_LIMIT = 2 * 1024**3
DEFAULT_MAX_TASKS = 500
_PRELOAD = ["perfxl.engine", "perfxl.workbook.files", "python_calamine"]


def error_report(path: str, code: str, detail: str) -> WorkbookReport:
    return WorkbookReport(path=path, error=PerfxlFileError(code, detail).line)


def run_one(worker: Callable[..., WorkbookReport], path: str, root: str | None = None) -> WorkbookReport:
    """Run ``worker`` on one file; every failure becomes a report with a PX9xx error line.

    A worker with a true ``wants_root`` attribute is also given the folder the file was found
    under (the engine needs it to mirror sub-paths below ``--out``).
    """
    try:
        report = worker(path, root) if getattr(worker, "wants_root", False) else worker(path)
    except PerfxlFileError as exc:
        return WorkbookReport(path=path, error=exc.line)
    except (FileNotFoundError, PermissionError) as exc:
        return error_report(path, "PX913", _short(exc))
    except MemoryError:
        return error_report(path, "PX911", "内存不足（MemoryError）")
    except RecursionError:
        return error_report(path, "PX910", "递归过深（RecursionError）")
    except Exception as exc:  # noqa: BLE001 — one file must never stop a bulk run
        return error_report(path, "PX910", f"{type(exc).__name__}: {_short(exc)}")
    except BaseException as exc:
        # pyo3 panics derive from BaseException; interrupts and exits must still stop us.
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        return error_report(path, "PX910", f"{type(exc).__name__}: {_short(exc)}")
    if not isinstance(report, WorkbookReport):
        return error_report(path, "PX910", f"检查函数返回了 {type(report).__name__}")
    return report


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------------------------
# The worker process


def _worker_main(conn, worker, memory_limit: int | None) -> None:
    # Ctrl-C is the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits pytest's or the CLI's faulthandler; a crashing file is reported as
    # PX911, so its C-level traceback would only clutter the reviewer's terminal.
    faulthandler.disable()
    settle_collector()
    # One thread per worker: BLAS pools (numpy, via `formulas`) would only fight the other jobs.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if memory_limit:
        _limit_memory(memory_limit)
    _serve(conn, worker)


def settle_collector() -> None:
    """The garbage collector's settings in a process that checks file after file: a batch worker
    (benchmarks/bench_bulk.py times single workbooks under the same settings)."""
    # Objects inherited from the parent (the imported engine) are never garbage: keep the
    # collector from walking them, which would also copy their pages after a fork.
    gc.freeze()
    # A check allocates tens of thousands of small objects (Fields, Indicators, findings) that
    # form no cycles and die with the report: young-generation collections every 700 allocations
    # find nothing and cost ~2-4% of a check. Collect every 10,000 instead; cyclic garbage, if
    # any, is still collected, a little later.
    gc.set_threshold(10_000, 50, 100)


def _serve(conn, worker) -> None:
    """Check the files the parent sends until it sends None (or goes away)."""
    from perfxl.writeback import retire

    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, path, root = task
            report = run_one(worker, path, root)
            try:
                conn.send((index, report))
            except (TypeError, AttributeError, ValueError) as exc:  # unpicklable report
                conn.send((index, error_report(path, "PX910", f"结果无法传回：{_short(exc)}")))
            if report.error and report.error.startswith("PX911"):
                return  # after a MemoryError the heap is suspect: let the parent start a fresh worker
    finally:
        # The old copies a re-run replaced are deleted by a background thread, and a worker
        # leaves by os._exit, past the atexit hook that would wait for them.
        retire.wait()


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time-out and the OS still protect the run
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # some sandboxes refuse: run without the cap rather than not at all


def _context() -> mp.context.BaseContext:
    """How to start a worker, decided at each start (workers are replaced mid-run).

    On Linux, with no other thread in this process, a plain fork: instant, and the worker shares
    the already-imported engine copy-on-write. With threads around (a caller's, Dask's), fork can
    copy a lock held by another thread into the child and hang it, so a fork server then forks
    workers from a small clean process. Elsewhere: spawn (fork is unsafe on macOS).
    """
    methods = mp.get_all_start_methods()
    forced = os.environ.get("PERFXL_START_METHOD")  # for benchmarks and debugging
    if forced in methods:
        return mp.get_context(forced)
    if sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in methods:
        return mp.get_context("fork")
    if sys.platform != "win32" and "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)  # missing modules are skipped by the fork server
        return ctx
    return mp.get_context("spawn")


class _Worker:
    """One worker process and the tasks handed to it, oldest (the one it is working on) first."""

    def __init__(self, worker, memory_limit):
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, worker, memory_limit), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[tuple[int, str, str | None]] = deque()
        self.deadline = float("inf")  # for tasks[0]
        self.assigned = 0  # over the process's life: it is replaced after max_tasks

    def assign(self, task: tuple[int, str, str | None], timeout: float | None) -> None:
        self.conn.send(task)
        self.tasks.append(task)
        self.assigned += 1
        if len(self.tasks) == 1:
            self._start_clock(timeout)

    def finished(self, timeout: float | None) -> None:
        """tasks[0] is done; the clock starts for the next one, which the worker begins now."""
        self.tasks.popleft()
        self.deadline = float("inf")
        if self.tasks:
            self._start_clock(timeout)

    def _start_clock(self, timeout: float | None) -> None:
        self.deadline = time.monotonic() + timeout if timeout else float("inf")

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


# Tasks handed to a worker ahead of time: it starts the next file as soon as it has sent a result,
# instead of idling while the parent collects the result and sends the next path. Only the task a
# worker is on can fail with it; the one waiting behind goes back to the queue, untouched.
PIPELINE_DEPTH = 2


def run_pool(
    paths: list[str],
    roots: list[str | None],
    worker: Callable[[str], WorkbookReport],
    jobs: int,
    timeout: float | None = None,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    max_tasks: int = DEFAULT_MAX_TASKS,
) -> Iterator[tuple[int, WorkbookReport]]:
    """Yield (index, report) for every path, in completion order."""
    queue = deque((i, p, roots[i]) for i, p in enumerate(paths))
    workers: list[_Worker] = []

    def requeue(w: _Worker) -> None:
        queue.extendleft(reversed(w.tasks))  # back to the front, in their order
        w.tasks.clear()

    def replace(i: int, kill: bool) -> None:
        requeue(workers[i])
        workers[i].stop(kill=kill)
        workers[i] = _Worker(worker, memory_limit)

    def feed(i: int) -> None:
        w = workers[i]
        if queue and not w.tasks and (w.assigned >= max_tasks or not w.proc.is_alive()):
            replace(i, kill=False)
        while queue and len(workers[i].tasks) < PIPELINE_DEPTH and workers[i].assigned < max_tasks:
            task = queue.popleft()
            try:
                workers[i].assign(task, timeout)
            except (OSError, ValueError):  # died between tasks: retry on a fresh worker
                queue.appendleft(task)
                replace(i, kill=True)

    try:
        workers = [_Worker(worker, memory_limit) for _ in range(max(1, min(jobs, len(paths))))]
        pending = len(paths)
        while pending:
            for i in range(len(workers)):
                feed(i)
            active = [w for w in workers if w.tasks]
            if not active:  # cannot happen while results are pending; never wait on nothing
                break
            nearest = min(w.deadline for w in active)
            wait_for = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
            ready = set(wait([w.conn for w in active] + [w.proc.sentinel for w in active], wait_for))
            now = time.monotonic()
            for i, w in enumerate(workers):
                if not w.tasks:
                    continue
                results, broken = _collect(w, ready, now, timeout)
                for index, report in results:
                    pending -= 1
                    yield index, report
                if broken:
                    replace(i, kill=True)
    finally:
        for w in workers:
            w.stop(kill=bool(w.tasks))


def _collect(w: _Worker, ready: set, now: float,
             timeout: float | None) -> tuple[list[tuple[int, WorkbookReport]], bool]:
    """The results a worker has sent, and whether it must be replaced (it died, overran the
    time-out of its current task, or is spent after a MemoryError). A task it had not reached
    stays in ``w.tasks`` for the caller to hand out again."""
    results: list[tuple[int, WorkbookReport]] = []
    if w.conn in ready or w.proc.sentinel in ready:
        try:
            while w.tasks and w.conn.poll():
                index, report = w.conn.recv()
                w.finished(timeout)
                results.append((index, report))
                # After a MemoryError the worker exits by itself: never hand it another file.
                if report.error and report.error.startswith("PX911"):
                    return results, True
        except (EOFError, OSError):
            pass
        if w.tasks and (w.proc.sentinel in ready or not w.proc.is_alive()):
            w.proc.join(timeout=1)
            index, path, _root = w.tasks.popleft()
            results.append((index, error_report(path, "PX911", _death(w.proc.exitcode))))
            return results, True
    if w.tasks and now >= w.deadline:
        index, path, _root = w.tasks.popleft()
        results.append((index, error_report(path, "PX909", f"{timeout:g}")))
        return results, True
    return results, False


def _death(exitcode: Any) -> str:
    if isinstance(exitcode, int) and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        why = "可能内存不足被系统终止" if name == "SIGKILL" else "进程崩溃"
        return f"处理进程异常退出（{name}，{why}）"
    return f"处理进程异常退出（退出码 {exitcode}）"
