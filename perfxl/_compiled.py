"""Which modules the build compiles with mypyc, and the guard that never runs a stale one.

setup.py compiles the modules in ``COMPILED`` (the hot path of reading, checking and annotating a
workbook) into C extensions next to their sources, and records each source's SHA-256 in
perfxl/_build_info.py. Python imports an extension in preference to the .py beside it, so a
module edited after the build (a developer's editable install, a checkout of another commit)
would silently run its old compiled code. ``install_guard`` prevents that: unless every compiled
module's source still has the hash it was built from, all of them are imported from source (all,
not only the edited one: compiled modules call each other directly, past the import system).
``PERFXL_PURE=1`` asks for the pure Python modules on purpose (to compare the two, or to debug).

This module imports nothing of perfxl: setup.py reads ``COMPILED`` before perfxl is built.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sys
from pathlib import Path

# Kept mypy-clean, untyped function bodies included (setup.py: --check-untyped-defs): mypyc
# compiles a module only when it type-checks, and checks the declared and inferred types at run
# time, so a type mypy cannot vouch for would become a crash on some unseen workbook. perfxl.engine
# stays Python (tests patch its module attributes). perfxl.model stays Python on purpose: compiled,
# its dataclasses lose the reader's quick constructors and a check took more instructions (44.3M
# against 43.0M per workbook). Package __init__ modules stay Python. A compiled function has no
# docstring: the build records them (``docstring``).
COMPILED: tuple[str, ...] = (
    "perfxl.classify",
    "perfxl.labels",
    "perfxl.scoring",
    "perfxl.value_grammar",
    "perfxl.values",
    "perfxl.forms.common",
    "perfxl.forms.dept_selfeval",
    "perfxl.forms.dept_target",
    "perfxl.forms.project_selfeval",
    "perfxl.forms.project_target",
    "perfxl.forms.specs",
    "perfxl.reader.cells",
    "perfxl.reader.detect",
    "perfxl.reader.fields",
    "perfxl.reader.lines",
    "perfxl.reader.sheet",
    "perfxl.reader.tables",
    "perfxl.rules._util",
    "perfxl.rules.facts",
    "perfxl.rules.px1_completeness",
    "perfxl.rules.px2_money",
    "perfxl.rules.px3_medium",
    "perfxl.rules.px3_periods",
    "perfxl.rules.px4_quality",
    "perfxl.rules.px4_values",
    "perfxl.rules.px5_dept",
    "perfxl.rules.px5_scoring",
    "perfxl.rules.px6_crossref",
    "perfxl.rules.px6_units",
    "perfxl.rules.px9_file",
    "perfxl.rules.registry",
    "perfxl.workbook.base",
    "perfxl.workbook.files",
    "perfxl.workbook.formula_errors",
    "perfxl.workbook.package",
    "perfxl.writeback.book",
    "perfxl.writeback.comments",
    "perfxl.writeback.engine",
    "perfxl.writeback.findings_sheet",
    "perfxl.writeback.record",
    "perfxl.writeback.sheetxml",
    "perfxl.writeback.styles",
    "perfxl.writeback.xmlparts",
)

_PACKAGE_DIR = Path(__file__).resolve().parent
_EXTENSION = importlib.machinery.EXTENSION_SUFFIXES[0]

# what install_guard found: "compiled", "pure" (nothing compiled, or PERFXL_PURE), "stale"
state = "pure"


def source_path(module: str) -> Path:
    return _PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")


def extension_path(module: str) -> Path:
    return source_path(module).with_suffix(_EXTENSION)


class _SourceFinder:
    """A meta path finder for the compiled modules' .py sources, ahead of the extensions beside
    them. (Not an importlib.abc subclass: importing importlib.abc costs ~8 ms on every start.)"""

    def __init__(self, modules: tuple[str, ...]):
        self.modules = frozenset(modules)

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        import importlib.util

        return importlib.util.spec_from_file_location(name, source_path(name))


def _build_hashes() -> dict[str, str] | None:
    try:
        from perfxl._build_info import SOURCE_SHA256
    except ImportError:
        return None
    return dict(SOURCE_SHA256)


def docstring(fn) -> str | None:
    """``fn.__doc__``; for a compiled function (which has none) the docstring its source had when
    it was built, recorded by setup.py."""
    if fn.__doc__ is not None or state != "compiled":
        return fn.__doc__
    from perfxl._build_info import DOCSTRINGS  # there when state is "compiled"

    return DOCSTRINGS.get(f"{fn.__module__}:{fn.__name__}")


def decide(built: list[str], hashes: dict[str, str] | None, source_hash, pure: bool) -> str:
    """``state`` for: the modules with an extension beside them, the hashes recorded at build
    time (None: no record), a function giving a module's current source hash, PERFXL_PURE."""
    if not built:
        return "pure"
    if pure:
        return "pure"
    current = hashes is not None and set(built) == set(COMPILED) and all(
        hashes.get(m) == source_hash(m) for m in COMPILED)
    return "compiled" if current else "stale"


def stray_extensions() -> list[str]:
    """Modules with an extension beside their source that the build no longer compiles (left by
    an earlier build of an editable install): never trusted."""
    listed = set(COMPILED)
    found = []
    for folder, _, names in os.walk(_PACKAGE_DIR):
        for name in names:
            if name.endswith(_EXTENSION):
                path = Path(folder, name[: -len(_EXTENSION)] + ".py")
                parts = path.relative_to(_PACKAGE_DIR).with_suffix("").parts
                module = ".".join(("perfxl", *parts))
                if module not in listed and path.exists():
                    found.append(module)
    return found


def install_guard() -> str:
    """Decide once per process whether the compiled modules may be used; returns ``state``."""
    global state
    state = decide([m for m in COMPILED if extension_path(m).exists()], _build_hashes(),
                   lambda m: hashlib.sha256(source_path(m).read_bytes()).hexdigest(),
                   os.environ.get("PERFXL_PURE", "") not in ("", "0"))
    from_source = [*stray_extensions(), *(COMPILED if state != "compiled" else ())]
    if from_source:
        sys.meta_path.insert(0, _SourceFinder(tuple(from_source)))
    return state
