"""Build hook: compile perfxl's hot modules with mypyc when a C compiler is there.

Everything else about the package is in pyproject.toml. The modules listed in
perfxl/_compiled.py (``COMPILED``) are plain, type-checked Python; mypyc turns them into C
extensions, which makes checking and annotating a workbook markedly faster (benchmarks/). The
compiled build is optional: without mypy, without a compiler, or with ``PERFXL_PURE_BUILD=1``,
perfxl installs as pure Python and works the same, only slower.

The source hash of every compiled module is written to perfxl/_build_info.py, so that a module
edited after the build is imported from its source, never from a stale extension
(perfxl/_compiled.py).
"""

from __future__ import annotations

import ast
import hashlib
import os
import runpy
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# perfxl/_compiled.py by its path: perfxl is not built yet, and perfxl/ on sys.path would shadow
# the standard library (perfxl/inspect.py)
_GUARD = runpy.run_path(str(ROOT / "perfxl" / "_compiled.py"))
COMPILED: tuple[str, ...] = _GUARD["COMPILED"]
_source = _GUARD["source_path"]  # module -> its .py; extension_path: the .so beside it


def _docstrings(module: str) -> dict[str, str]:
    """The docstrings of a module's functions, by "module:function": a compiled function has
    none, and a rule's docstring is its documentation (perfxl/rules/registry.py)."""
    tree = ast.parse(_source(module).read_bytes())
    return {f"{module}:{node.name}": doc for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (doc := ast.get_docstring(node, clean=False))}


def _write_build_info(modules: list[str]) -> None:
    hashes = {m: hashlib.sha256(_source(m).read_bytes()).hexdigest() for m in modules}
    docs = {k: v for m in modules for k, v in _docstrings(m).items()}
    lines = ["# Written by setup.py when the compiled modules were built; do not edit.",
             "SOURCE_SHA256 = {"]
    lines += [f"    {m!r}: {h!r}," for m, h in sorted(hashes.items())]
    lines += ["}", "DOCSTRINGS = {"]
    lines += [f"    {k!r}: {v!r}," for k, v in sorted(docs.items())]
    lines.append("}")
    (ROOT / "perfxl" / "_build_info.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _remove_stray_extensions() -> None:
    """An editable install builds in place: extensions an earlier build left for modules no longer
    compiled go (the guard in perfxl/_compiled.py ignores them, but they need not linger)."""
    compiled = {_GUARD["extension_path"](m) for m in COMPILED}
    for path in (ROOT / "perfxl").rglob("*" + EXTENSION_SUFFIXES[0]):
        if path not in compiled:
            path.unlink()


# The commands that build: pip also runs this script for metadata alone (egg_info, dist_info),
# where type-checking and generating C would only cost time.
_BUILDS = {"build", "build_ext", "build_py", "bdist_wheel", "editable_wheel", "install", "develop",
           "bdist_egg"}


def _ext_modules() -> list:
    if not _BUILDS & set(sys.argv[1:]):
        return []
    info = ROOT / "perfxl" / "_build_info.py"
    if info.exists():
        info.unlink()  # no extension built yet: nothing to trust
    if os.environ.get("PERFXL_PURE_BUILD"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("perfxl: mypy is not installed, building pure Python", file=sys.stderr)
        return []
    try:
        # Only the listed modules must type-check; the rest of perfxl is analysed for their types.
        flags = ["--ignore-missing-imports", "--follow-imports=silent", "--check-untyped-defs"]
        exts = mypycify(flags + [str(_source(m).relative_to(ROOT)) for m in COMPILED],
                        opt_level="3", verbose=False)
    except (Exception, SystemExit) as exc:  # a type error in a listed module: build pure Python
        print(f"perfxl: mypyc could not compile the hot modules ({exc}); building pure Python",
              file=sys.stderr)
        return []
    _write_build_info(list(COMPILED))
    return exts


class OptionalBuildExt(build_ext):
    """A missing or failing C compiler leaves perfxl pure Python instead of failing the install."""

    def run(self) -> None:
        if self.inplace:
            _remove_stray_extensions()
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - distutils raises several unrelated types
            self._give_up(exc)

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001
            self._give_up(exc)
            raise

    def _give_up(self, exc: Exception) -> None:
        print(f"perfxl: compiling the hot modules failed ({exc}); perfxl runs as pure Python",
              file=sys.stderr)
        info = ROOT / "perfxl" / "_build_info.py"
        if info.exists():
            info.unlink()


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
