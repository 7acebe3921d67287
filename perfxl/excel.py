"""The Excel entry points behind the 绩效校验 ribbon (add-in: ``addin/perfxl_ribbon.bas``).

Each button is a one-line VBA macro, ``RunPython "import perfxl.excel; perfxl.excel.main()"``; the
functions here get the book from xlwings, run the same engine as the file path through
``XlwingsSource`` and write back with ``XlwingsWriter``. Whatever goes wrong, the accountant sees a
Chinese message box, never a Python traceback; the traceback goes to a log file in the temp folder.
"""

from __future__ import annotations

import datetime as _dt
import logging
import tempfile
import traceback
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

TITLE = "perfxl 绩效校验"
LOG_FILE = Path(tempfile.gettempdir()) / "perfxl-excel.log"


def main(book: Any = None) -> str:
    """一键校验: validate the active workbook in place and show a summary."""
    return _run(book, _validate)


def clear(book: Any = None) -> str:
    """清除标注: remove perfxl's fills, notes, scores and the 校验结果 sheet."""
    return _run(book, _clear)


def template(book: Any = None, kind: str = "project_target") -> str:
    """生成模板: open a new blank standard form (项目支出绩效目标表 unless another kind is given)."""
    return _run(book, lambda b: _template(b, kind))


# ----------------------------------------------------------------------------------------------


def _run(book: Any, action: Callable[[Any], str]) -> str:
    """Top level of every button: the only place that catches every exception."""
    try:
        book = book if book is not None else _caller_or_active()
    except Exception:  # noqa: BLE001 — no book at all: say so instead of a traceback
        message = f"没有找到打开的工作簿，请先打开要校验的表格。\n详细信息见：{_log_traceback()}"
        _alert(None, message)
        return message
    app = getattr(book, "app", None)
    screen = _set_screen_updating(app, False)
    try:
        message = action(book)
    except Exception as exc:  # noqa: BLE001 — shown to the accountant, logged for us
        message = f"操作未完成：{_one_line(exc)}\n详细信息已写入：{_log_traceback()}"
    finally:
        _set_screen_updating(app, screen)
    _alert(book, message)
    return message


def _validate(book: Any) -> str:
    from perfxl import engine  # the same engine as `perfxl check`
    from perfxl.workbook.xlwings_book import XlwingsSource, XlwingsWriter

    writer = XlwingsWriter(book)
    writer.clear()  # before reading: perfxl's previous scores must not look like user input
    report, plan = engine.check_source(XlwingsSource(book), _config(book, engine))
    writer.apply(plan)
    return summary(report)


def _clear(book: Any) -> str:
    from perfxl.workbook.xlwings_book import XlwingsWriter

    n = XlwingsWriter(book).clear()
    return f"已清除 perfxl 标注（恢复 {n} 处）。" if n else "没有需要清除的 perfxl 标注。"


def _template(book: Any, kind: str) -> str:
    from perfxl import templates  # written by the template engineer: write_template(kind, path)
    from perfxl.model import FORM_KIND_NAMES

    folder = Path(tempfile.mkdtemp(prefix="perfxl-"))
    path = folder / f"{FORM_KIND_NAMES.get(kind, kind)}.xlsx"
    templates.write_template(kind, path)
    book.app.books.open(str(path))
    return f"已生成空白模板：{path.name}\n填写后请另存到自己的文件夹，再点“一键校验”。"


def summary(report: Any) -> str:
    """错误 N 个，警告 M 个，得分 S，等级 G — one line per form when the book holds several."""
    if report.error:
        return f"无法校验此工作簿：{report.error}"
    counts = report.counts()
    head = f"错误 {counts.get('error', 0)} 个，警告 {counts.get('warning', 0)} 个"
    forms = [f for f in report.forms if f.score is not None or f.grade is not None]
    if len(report.forms) <= 1:
        if forms:
            head += f"，得分 {_score(forms[0].score)}，等级 {forms[0].grade or '—'}"
        lines = [head]
    else:
        lines = [head] + [f"{f.sheet}：得分 {_score(f.score)}，等级 {f.grade or '—'}" for f in forms]
    if counts.get("error") or counts.get("warning"):
        lines.append("问题单元格已标红/标黄并加批注，清单见“校验结果”工作表。")
    elif not report.forms:
        lines.append("未识别出绩效表，请检查表头（一级指标、二级指标、三级指标等）。")
    else:
        lines.append("未发现问题。")
    return "\n".join(lines)


def _score(score: float | None) -> str:
    return "—" if score is None else f"{score:g}"


def _config(book: Any, engine: Any) -> Any:
    """Settings as for the file path: perfxl.toml / pyproject.toml beside the saved workbook."""
    full = Path(str(getattr(book, "fullname", "") or ""))
    path = full if full.is_absolute() and full.parent.is_dir() else None
    return engine.resolve_config(path, engine.CheckOptions())


def _caller_or_active() -> Any:
    """The workbook to validate: the caller of RunPython, unless that is the add-in itself
    (RunPython passes ThisWorkbook, i.e. perfxl.xlam), then the active workbook."""
    import xlwings as xw

    try:
        book = xw.Book.caller()
    except Exception:  # noqa: BLE001 — not called from Excel (e.g. from a Python prompt)
        return xw.books.active
    if str(book.name).lower().endswith(".xlam"):
        return book.app.books.active
    return book


def _alert(book: Any, message: str) -> None:
    try:
        app = book.app if book is not None else _active_app()
        app.alert(message, title=TITLE)
    except Exception:  # noqa: BLE001 — no Excel to talk to: the message still reaches the log
        log.warning("%s", message)
        _log_traceback(message)


def _active_app() -> Any:
    import xlwings as xw

    return xw.apps.active


def _set_screen_updating(app: Any, value: Any) -> Any:
    """Screen updating off while writing (Excel repaints after every call otherwise)."""
    if app is None or value is None:
        return None
    try:
        previous = app.screen_updating
        app.screen_updating = value
        return previous
    except Exception:  # noqa: BLE001 — cosmetic; never a reason to fail
        return None


def _log_traceback(note: str = "") -> Path:
    try:
        with open(LOG_FILE, "a", encoding="utf-8") as fh:
            fh.write(f"\n=== {_dt.datetime.now():%Y-%m-%d %H:%M:%S} ===\n{note}\n")
            fh.write(traceback.format_exc())
    except OSError:
        pass
    return LOG_FILE


def _one_line(exc: BaseException) -> str:
    line = getattr(exc, "line", None) or str(exc).strip().splitlines()[0:1]
    text = line if isinstance(line, str) else (line[0] if line else "")
    return text or type(exc).__name__
