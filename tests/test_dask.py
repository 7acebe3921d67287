"""Bulk checks on a (local) Dask cluster give the same reports as local processes."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is optional (perfxl[dask])")

from distributed import LocalCluster  # noqa: E402

from perfxl.batch import run_batch  # noqa: E402
from perfxl.dask_runner import run_on_dask  # noqa: E402
from test_batch import _book, read_worker  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as c:
        yield c


def test_run_on_dask_matches_local(tmp_path, cluster):
    files = [_book(tmp_path / f"{i}.xlsx", s) for i, s in enumerate([95, 85, 70, 40])]
    files.append(_book(tmp_path / "崩溃.xlsx", 90))
    (tmp_path / "伪装.xlsx").write_text("a,b\n1,2\n")
    files.append(tmp_path / "伪装.xlsx")
    reports = run_on_dask([str(f) for f in files], cluster.scheduler_address, read_worker)
    local = run_batch(files, read_worker, jobs=1, progress=False)
    assert [r.to_dict() for r in reports] == [r.to_dict() for r in local.files]
    assert reports[4].error.startswith("PX910") and reports[5].error.startswith("PX902")


def test_run_batch_with_scheduler(tmp_path, cluster):
    files = [_book(tmp_path / f"{i}.xlsx", 90) for i in range(3)]
    batch = run_batch(files, read_worker, scheduler=cluster.scheduler_address, progress=False)
    assert [f.grade for f in batch.files] == ["优", "优", "优"]
