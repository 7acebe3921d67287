"""perfxl: read, check, score and annotate China's budget performance forms in Excel."""

from perfxl import _compiled

__version__ = "0.1.0"

# Before any compiled module is imported: a stale extension is never run (perfxl/_compiled.py).
_compiled.install_guard()
