"""Plain-data views of forms for `perfxl inspect` and the golden files."""

from __future__ import annotations

from dataclasses import fields as dc_fields, is_dataclass
from typing import Any

from perfxl.model import Field, Form, Indicator, Line

_INDICATOR_ATTRS = ("level1", "level2", "level3", "target", "half_target", "medium_level2", "medium_level3",
                    "medium_target", "actual", "completion_rate", "weight", "score", "deviation")


def value_to_data(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dc_fields(value):
            v = getattr(value, f.name)
            if f.name == "raw" or v in (None, (), frozenset(), ""):
                continue
            out[f.name] = sorted(v) if isinstance(v, frozenset) else list(v) if isinstance(v, tuple) else v
        return out
    return value


def field_to_data(f: Field | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"cell": f.cell, "raw": f.raw, "value": value_to_data(f.value)}


def indicator_to_data(ind: Indicator) -> dict[str, Any]:
    d: dict[str, Any] = {"row": ind.row}
    if ind.block:
        d["block"] = ind.block
    for attr in _INDICATOR_ATTRS:
        f = getattr(ind, attr)
        if f is not None:
            d[attr] = field_to_data(f)
    for k, f in ind.extra.items():
        d[k] = field_to_data(f)
    return d


def line_to_data(line: Line) -> dict[str, Any]:
    d: dict[str, Any] = {"row": line.row, "name": field_to_data(line.name)}
    if line.role:
        d["role"] = line.role
    if line.members:
        d["members"] = list(line.members)
    d["values"] = {k: field_to_data(v) for k, v in line.values.items() if not k.startswith("_")}
    return d


def form_to_data(form: Form) -> dict[str, Any]:
    return {
        "sheet": form.sheet,
        "form": form.kind,
        "fields": {k: field_to_data(v) for k, v in form.fields.items() if v is not None},
        "tables": {k: [line_to_data(l) for l in lines] for k, lines in form.tables.items()},
        "indicators": [indicator_to_data(i) for i in form.indicators],
    }
