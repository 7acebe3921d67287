"""The optional mypyc build (setup.py, perfxl/_compiled.py): the guard never runs a stale
extension, PERFXL_PURE gives the pure modules, and both give the same reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfxl import _compiled

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _hash_of(table):
    return lambda m: table[m]


def test_nothing_built_is_pure():
    assert _compiled.decide([], None, _hash_of({}), pure=False) == "pure"


def test_a_build_whose_sources_are_unchanged_is_used():
    hashes = {m: "h" + m for m in _compiled.COMPILED}
    assert _compiled.decide(list(_compiled.COMPILED), hashes, _hash_of(hashes), pure=False) == "compiled"


def test_an_edited_source_makes_every_compiled_module_load_from_source():
    hashes = {m: "h" + m for m in _compiled.COMPILED}
    edited = dict(hashes, **{_compiled.COMPILED[-1]: "changed"})
    assert _compiled.decide(list(_compiled.COMPILED), hashes, _hash_of(edited), pure=False) == "stale"


def test_a_partial_or_unrecorded_build_is_not_trusted():
    hashes = {m: "h" + m for m in _compiled.COMPILED}
    assert _compiled.decide(list(_compiled.COMPILED[:-1]), hashes, _hash_of(hashes), pure=False) == "stale"
    assert _compiled.decide(list(_compiled.COMPILED), None, _hash_of(hashes), pure=False) == "stale"


def test_perfxl_pure_wins():
    hashes = {m: "h" + m for m in _compiled.COMPILED}
    assert _compiled.decide(list(_compiled.COMPILED), hashes, _hash_of(hashes), pure=True) == "pure"


def _run(code: str, **env) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, **env})
    return out.stdout


def test_pure_mode_imports_the_sources():
    code = ("import importlib, perfxl, perfxl._compiled as c, perfxl.reader, perfxl.rules, perfxl.writeback\n"
            "print(c.state)\n"
            "print(all(importlib.import_module(m).__file__.endswith('.py') for m in c.COMPILED))")
    assert _run(code, PERFXL_PURE="1").split() == ["pure", "True"]


def test_the_build_is_in_use_where_ci_requires_it():
    """.ci/run sets PERFXL_REQUIRE_COMPILED: there the install must have compiled the modules and
    the guard must have accepted them."""
    if not os.environ.get("PERFXL_REQUIRE_COMPILED"):
        pytest.skip("PERFXL_REQUIRE_COMPILED not set (a pure install is allowed here)")
    import importlib

    import perfxl.reader
    import perfxl.rules
    import perfxl.writeback  # noqa: F401 - the package entry points first (forms <-> reader)

    assert _compiled.state == "compiled"
    for m in _compiled.COMPILED:
        assert not importlib.import_module(m).__file__.endswith(".py"), m


def test_compiled_and_pure_modules_give_the_same_reports(tmp_path):
    """Differential: the hand-typed samples and 60 generated forms of varied layouts, checked by
    the compiled and by the pure modules (mypyc checks types at run time: a type lie would show
    here as a crash or a PX916)."""
    if _compiled.state != "compiled":
        pytest.skip("perfxl is running as pure Python here")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from forms_gen import make_folder
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    make_folder(tmp_path / "forms", 60)
    code = "import sys; from perfxl.cli import main; sys.exit(main(sys.argv[1:]))"
    runs = [subprocess.run([sys.executable, "-c", code, "check", str(SAMPLES), str(tmp_path / "forms"),
                            "--format", "json"],
                           capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PERFXL_PURE": pure}).stdout
            for pure in ("0", "1")]
    compiled, pure = (json.loads(r) for r in runs)
    assert len(compiled["files"]) > 60 and compiled == pure
    assert not any(f["error"] or any(x["rule"] == "PX916" for x in f["findings"]) for f in compiled["files"])


def test_an_extension_left_by_an_earlier_build_is_never_used(tmp_path, monkeypatch):
    """A module dropped from COMPILED keeps its old extension in an editable install until the
    next build removes it: the guard loads such a module from source."""
    for name in ("engine", "reader/sheet"):  # perfxl.engine stays Python; reader.sheet is compiled
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / (name + ".py")).write_text("")
        (tmp_path / (name + _compiled._EXTENSION)).write_bytes(b"")
    (tmp_path / ("orphan" + _compiled._EXTENSION)).write_bytes(b"")  # no source beside it
    monkeypatch.setattr(_compiled, "_PACKAGE_DIR", tmp_path)
    assert _compiled.stray_extensions() == ["perfxl.engine"]
