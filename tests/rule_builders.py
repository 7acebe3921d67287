"""Tiny builders for hand-made Forms in rule tests: every field gets its own cell automatically."""

from __future__ import annotations

import itertools
from typing import Any

from perfxl.config import Config
from perfxl.model import Field, Form, Indicator, Line
from perfxl.rules import run_rules, run_workbook_rules
from perfxl.values import parse_value

SHEET = "表1"
_cells = itertools.count(1)


def _cell() -> str:
    return f"Z{next(_cells)}"


def F(key: str, raw: Any, kind: str | None = None) -> Field:
    """A scalar field: numbers become money/score fields, strings text fields."""
    if isinstance(raw, Field):
        return raw
    if raw is None:
        return Field(key, kind or "text", None, "", SHEET, _cell())
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Field(key, kind or "money", float(raw), str(raw), SHEET, _cell())
    return Field(key, kind or "text", raw, str(raw), SHEET, _cell())


def V(raw: str | None, name: str | None = None, key: str = "target") -> Field:
    """A target/actual cell parsed like the reader does."""
    raw = raw or ""
    return Field(key, "value", parse_value(raw, name) if raw else None, raw, SHEET, _cell())


def ind(l1: str = "产出指标", l2: str = "数量指标", l3: str = "", target: str | None = None, *,
        half: str | None = None, medium: str | None = None, ml2: str | None = None, ml3: str | None = None,
        actual: str | None = None, weight: float | None = None, score: float | None = None,
        deviation: str | None = None, rate: float | None = None, block: str = "", row: int = 0,
        **extra: str) -> Indicator:
    i = Indicator(sheet=SHEET, row=row or next(_cells), block=block)
    i.level1, i.level2 = F("level1", l1), F("level2", l2)
    i.level3 = F("level3", l3 or None)
    i.target = V(target, l3) if target is not None else None
    i.half_target = V(half, l3, "half_target") if half is not None else None
    i.medium_target = V(medium, ml3 or l3, "medium_target") if medium is not None else None
    i.medium_level2 = F("medium_level2", ml2) if ml2 is not None else None
    i.medium_level3 = F("medium_level3", ml3) if ml3 is not None else None
    i.actual = V(actual, l3, "actual") if actual is not None else None
    i.weight = F("weight", weight, "score") if weight is not None else None
    i.score = F("score", score, "score") if score is not None else (F("score", None, "score") if weight is not None else None)
    i.deviation = F("deviation", deviation) if weight is not None or deviation is not None else None
    i.completion_rate = F("completion_rate", rate, "pct") if rate is not None else None
    i.extra = {k: F(k, v) for k, v in extra.items()}
    return i


def line(name: str, role: str = "", **values: Any) -> Line:
    return Line(sheet=SHEET, row=next(_cells), name=F("name", name), role=role,
                values={k: F(k, v, "pct" if k in ("share", "pct", "rate") else None) for k, v in values.items()})


def form(kind: str, inds: list[Indicator] | None = None, *, year: int | None = 2021,
         tables: dict[str, list[Line]] | None = None, **fields: Any) -> Form:
    f = Form(kind=kind, sheet=SHEET, indicators=list(inds or []), tables=dict(tables or {}))
    if year is not None:
        f.fields["year"] = Field("year", "year", year, str(year), SHEET, _cell())
    for key, value in fields.items():
        f.fields[key] = F(key, value)
    return f


def codes(f: Form, config: Config | None = None) -> list[str]:
    return [x.rule for x in run_rules(f, config or Config())]


def wb_codes(forms: list[Form], config: Config | None = None) -> list[str]:
    return [x.rule for x in run_workbook_rules(forms, config or Config())]
