"""Write findings back into an .xlsx/.xlsm without losing anything else (DESIGN.md, Writing back).

The package is edited part by part: only the flagged sheets' XML, styles.xml, comment and VML
parts, the 校验结果 and ``_perfxl`` sheets, workbook.xml, its relationships and the content types
change; every other part is copied byte for byte. See docs/writeback.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from perfxl.workbook.base import AnnotationPlan
from perfxl.writeback.engine import Session
from perfxl.writeback.package import Package

__all__ = ["annotate_workbook", "clear_annotations"]


def annotate_workbook(src: str | Path, dst: str | Path, plan: AnnotationPlan, *,
                      read: tuple[bytes, dict[str, bytes]] | None = None,
                      background_delete: bool = False) -> None:
    """Write ``plan`` into a copy of ``src`` at ``dst`` (which may be ``src``), replacing any
    earlier perfxl annotations. Raises PerfxlFileError("PX914", …) and writes nothing when the
    workbook cannot be annotated safely.

    ``read``: the workbook's bytes and inflated parts as the checker read them
    (``CalamineSource.package_bytes``); the copy is then made from exactly what was checked, and
    the file is not read a second time.

    ``background_delete``: an earlier copy at ``dst`` is deleted by a background thread rather
    than while the new one is renamed into place (writeback/retire.py; ``retire.wait()`` waits
    for it). Bulk runs use it: replacing a copy can wait milliseconds for the disk."""
    _run(src, dst, plan, read, background_delete)


def clear_annotations(src: str | Path, dst: str | Path) -> None:
    """Remove every perfxl annotation: fills and score values go back, perfxl's comments, the
    校验结果 sheet and the record go."""
    _run(src, dst, None)


def _run(src: str | Path, dst: str | Path, plan: AnnotationPlan | None,
         read: tuple[bytes, dict[str, bytes]] | None = None, background_delete: bool = False) -> None:
    _check_suffix(Path(src))
    in_place = os.path.exists(dst) and os.path.samefile(src, dst)
    with (Package.open(src) if read is None else Package.from_bytes(src, *read)) as pkg:
        session = Session(pkg)
        session.undo(need_findings_sheet=plan is not None)
        if plan is not None:
            session.apply(plan)
        session.flush()
        pkg.write(dst, durable=in_place, background_delete=background_delete)


def _check_suffix(path: Path) -> None:
    from perfxl.errors import PerfxlFileError

    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise PerfxlFileError("PX914", f"{path.name} 是旧版 .xls 格式，请先另存为 .xlsx 再标注")
    if suffix not in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise PerfxlFileError("PX914", f"{path.name} 不是 .xlsx/.xlsm 工作簿")
