"""`perfxl inspect`: what the reader understood of each workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfxl.errors import PerfxlFileError
from perfxl.model import FORM_KIND_NAMES, Workbook
from perfxl.serialize import form_to_data


def inspect_path(path: str | Path, password: str | None = None) -> dict[str, Any]:
    """The DESIGN.md top-level shape (path, form, forms, status, error) plus each form's fields."""
    from perfxl.reader import read_workbook

    out: dict[str, Any] = {"path": str(path), "form": None, "forms": [], "status": "ok", "error": None}
    try:
        wb = read_workbook(path, password=password)
    except PerfxlFileError as exc:
        out.update(status="error", error=exc.line)
        return out
    except Exception as exc:  # a reader bug must not stop the other files
        out.update(status="error", error=f"PX910 内部错误，已跳过此文件：{type(exc).__name__}: {exc}"[:300])
        return out
    return workbook_to_data(wb, out)


def workbook_to_data(wb: Workbook, out: dict[str, Any]) -> dict[str, Any]:
    if not wb.forms:
        err = PerfxlFileError("PX906")
        out.update(status="error", error=err.line)
        return out
    out["form"] = wb.forms[0].kind
    out["forms"] = [form_to_data(f) for f in wb.forms]
    return out


def render_text(result: dict[str, Any]) -> str:
    lines = [f"文件：{result['path']}"]
    if result["status"] == "error":
        lines.append(f"  无法读取：{result['error']}")
        return "\n".join(lines)
    for form in result["forms"]:
        kind = form["form"]
        lines.append(f"  工作表「{form['sheet']}」：{FORM_KIND_NAMES.get(kind, kind)}（{kind}）")
        for key, f in form["fields"].items():
            lines.append(f"    {key:<18} {f['cell']:>6}  {_short(f['raw'])}")
        for name, rows in form["tables"].items():
            lines.append(f"    表 {name}：{len(rows)} 行")
            for row in rows:
                vals = "  ".join(f"{k}={_short(v['raw'], 12)}@{v['cell']}" for k, v in row["values"].items() if v)
                nm = _short(row["name"]["raw"], 20) if row.get("name") else ""
                lines.append(f"      第{row['row']}行 {row.get('role', ''):<12} {nm}  {vals}")
        lines.append(f"    指标：{len(form['indicators'])} 行")
        for ind in form["indicators"]:
            parts = [f"第{ind['row']}行"]
            for key in ("level1", "level2", "level3", "half_target", "medium_target", "target", "actual",
                        "weight", "score"):
                if ind.get(key) and ind[key]["raw"]:
                    parts.append(f"{key}={_short(ind[key]['raw'], 16)}@{ind[key]['cell']}")
            lines.append("      " + "  ".join(parts))
    return "\n".join(lines)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
