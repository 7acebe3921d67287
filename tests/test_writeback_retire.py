"""Replacing earlier annotated copies (perfxl/writeback/retire.py): the new copy is in place when
the call returns, the old one is deleted in the background and nothing else is left behind, a
failed rename puts the old copy back, and forked batch workers delete their own."""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from perfxl.check_command import check_paths
from perfxl.engine import CheckOptions, check_file
from perfxl.writeback import retire

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = next(p for p in sorted((ROOT / "samples").rglob("*.xlsx")) if "templates_filled" not in p.parts)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~perfxl"))


def test_replace_onto_a_free_name(tmp_path):
    (tmp_path / "new.tmp").write_bytes(b"new")
    retire.replace(str(tmp_path / "new.tmp"), str(tmp_path / "copy.xlsx"))
    retire.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.xlsx"]
    assert (tmp_path / "copy.xlsx").read_bytes() == b"new"


def test_replace_over_an_earlier_copy_deletes_it_in_the_background(tmp_path):
    for n in range(20):
        (tmp_path / f"c{n}.xlsx").write_bytes(b"old")
        (tmp_path / f".~perfxl-{n}.tmp").write_bytes(b"new %d" % n)
        retire.replace(str(tmp_path / f".~perfxl-{n}.tmp"), str(tmp_path / f"c{n}.xlsx"))
        assert (tmp_path / f"c{n}.xlsx").read_bytes() == b"new %d" % n  # in place on return
    retire.wait()
    assert leftovers(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 20
    # the thread ends with its work: batch workers are forked only while no other thread runs
    assert "perfxl-retire" not in [t.name for t in threading.enumerate()]


def test_a_failed_rename_puts_the_old_copy_back(tmp_path, monkeypatch):
    (tmp_path / "copy.xlsx").write_bytes(b"old")
    (tmp_path / "new.tmp").write_bytes(b"new")
    real = os.rename

    def failing(src, dst):
        if str(src).endswith("new.tmp"):
            raise PermissionError("locked")
        real(src, dst)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(PermissionError):
        retire.replace(str(tmp_path / "new.tmp"), str(tmp_path / "copy.xlsx"))
    assert (tmp_path / "copy.xlsx").read_bytes() == b"old"
    assert not (tmp_path / "new.tmp.old").exists()


def _replace_in_child(folder: str) -> None:
    retire.replace(os.path.join(folder, "child.tmp"), os.path.join(folder, "copy.xlsx"))
    retire.wait()  # a forked child has no thread of the parent's: it must start its own


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_process_deletes_its_own_old_copies(tmp_path):
    (tmp_path / "first.tmp").write_bytes(b"1")
    (tmp_path / "copy.xlsx").write_bytes(b"0")
    retire.replace(str(tmp_path / "first.tmp"), str(tmp_path / "copy.xlsx"))  # the parent's thread
    (tmp_path / "child.tmp").write_bytes(b"2")
    child = mp.get_context("fork").Process(target=_replace_in_child, args=(str(tmp_path),))
    child.start()
    child.join(timeout=30)
    assert child.exitcode == 0
    retire.wait()
    assert (tmp_path / "copy.xlsx").read_bytes() == b"2"
    assert leftovers(tmp_path) == []


def test_a_rerun_replaces_the_copies_and_leaves_nothing(tmp_path):
    src = tmp_path / "in" / SAMPLE.name
    src.parent.mkdir()
    shutil.copy(SAMPLE, src)
    out = tmp_path / "out"
    first = check_file(src, CheckOptions(out=str(out)))
    assert first.annotated
    before = (out / SAMPLE.name).stat().st_ino
    again = check_file(src, CheckOptions(out=str(out)))
    retire.wait()
    assert again.annotated == first.annotated
    assert (out / SAMPLE.name).stat().st_ino != before  # a new file, renamed into place
    assert leftovers(out) == []
    assert (out / SAMPLE.name).read_bytes()[:2] == b"PK"


class _Conn:
    """The parent's end of a worker's pipe: some tasks, then None."""

    def __init__(self, tasks):
        self.tasks, self.sent = list(tasks) + [None], []

    def recv(self):
        return self.tasks.pop(0)

    def send(self, item):
        self.sent.append(item)


def test_a_worker_waits_for_its_deletions_before_it_stops(tmp_path, monkeypatch):
    from perfxl import pool

    def slow_unlink(path):
        time.sleep(0.2)
        os.unlink(path)

    monkeypatch.setattr(retire, "_unlink", slow_unlink)
    src = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, src)
    out = tmp_path / "out"
    check_file(src, CheckOptions(out=str(out)))
    retire.wait()
    worker = functools.partial(check_file, options=CheckOptions(out=str(out)))
    conn = _Conn([(0, str(src), None), (1, str(src), None)])
    pool._serve(conn, worker)  # what a worker process runs before os._exit
    assert [i for i, _ in conn.sent] == [0, 1]
    assert leftovers(out) == []  # both old copies deleted before _serve returned


def test_batch_workers_wait_for_their_deletions(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        shutil.copy(SAMPLE, src / f"b{n}.xlsx")
    out = tmp_path / "out"
    for _ in range(2):  # the second run replaces every copy of the first, in worker processes
        batch = check_paths([str(src)], CheckOptions(out=str(out)), jobs=2, progress=False)
        assert all(f.annotated for f in batch.files)
    # no retire.wait() here: the workers have exited, and they waited before they did
    assert leftovers(out) == []
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".xlsx") == [f"b{n}.xlsx" for n in range(4)]
