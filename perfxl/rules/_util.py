"""Small helpers shared by the rule families: typed access to fields, tolerances, formatting."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from perfxl.classify import level1_of, level2_of, vkind, vnum
from perfxl.labels import norm
from perfxl.model import Field, Indicator, Line


def blank(field: Field | None) -> bool:
    return field is None or field.blank


def text(field: Field | None) -> str:
    if field is None:
        return ""
    return field.raw.strip() if field.raw else (str(field.value).strip() if field.value is not None else "")


def num(field: Field | None) -> float | None:
    """A money/pct/score/int field as float; a parsed Value's number; None if blank or untyped."""
    if field is None or field.value is None:
        return None
    value = field.value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return None
    return vnum(value)


def line_num(line: Line | None, key: str) -> float | None:
    return num(line.get(key)) if line is not None else None


def fmt(x: float | None) -> str:
    """233.35, 10, 6.67: two decimals at most, no trailing zeros."""
    if x is None:
        return "—"
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def money(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def decimals(raw: str) -> int:
    m = re.search(r"\.(\d+)", raw or "")
    return len(m.group(1)) if m else 0


def stated_tol(field: Field | None, base: float) -> float:
    """Tolerance for a stated rounded figure: the configured one, or half its last digit."""
    d = decimals(field.raw if field is not None else "")
    return max(base, 0.5 * 10 ** -d) + 1e-9


def close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol + 1e-9


def classes(ind: Indicator) -> tuple[str | None, str | None]:
    """Canonical (一级, 二级) of an indicator row."""
    return level1_of(text(ind.level1)), level2_of(text(ind.level2))


def name_of(ind: Indicator) -> str:
    """The 三级 name without a leading "指标1：" (Field.value keeps it stripped)."""
    if ind.level3 is None:
        return ""
    value = ind.level3.value
    return (value if isinstance(value, str) and value else ind.level3.raw).strip()


def named(ind: Indicator) -> bool:
    return not blank(ind.level3)


def quantitative(value: Any) -> bool:
    return vkind(value) in ("numeric", "range")


@lru_cache(maxsize=8192)  # names and goal phrases are matched against many rows
def bigrams(s: str) -> frozenset[str]:
    n = norm(s)
    return frozenset(n[i:i + 2] for i in range(len(n) - 1))


def similarity(a: str, b: str) -> float:
    """Bigram overlap (Dice), for matching names that differ in wording."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万(?![份人次场家个本件套台辆美])|元)")


_TOTAL_WORDS = re.compile(r"(费用支出|合计|共计|总计|合共|全年共|共|投入|申请|预算|补助|安排)[^，。；,;0-9]{0,6}$")


def headline_amount(goal: str, mentions: list[tuple[float, int, str, bool]]) -> float:
    """The amount a goal text announces: the one after 合计/费用支出/申请…, else the sum of the items."""
    for value, pos, _, _ in mentions:
        if _TOTAL_WORDS.search(goal[:pos]):
            return value
    return sum(m[0] for m in mentions)


def money_mentions(s: str) -> list[tuple[float, int, str, bool]]:
    """(amount in 万元, position, matched text, per_year) of every amount that is not a unit price.

    "500元/月", "0.62万元/月", "每份需要20元", "4万元/年的标准" are prices or rates, not amounts;
    "每年投入2万元", "全年共0.4万元" are yearly amounts (per_year=True).
    """
    out = []
    for m in _MONEY.finditer(s):
        clause = re.split(r"[，。；,;：:]", s[:m.start()])[-1]
        if s[m.end():m.end() + 1] in ("/", "／", "每") or re.search(r"每(?!年)", clause[-6:]):
            continue
        value = float(m.group(1)) / (10000 if m.group(2) == "元" else 1)
        per_year = bool(re.search(r"每年|全年|年合共|年共|年度", clause))
        out.append((value, m.start(), m.group(0), per_year))
    return out
