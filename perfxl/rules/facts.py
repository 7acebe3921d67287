"""Per-form facts the rules share: each indicator row's name and classes, its filled value cells.

Most rules walk the indicator rows and ask them the same questions: the 三级 name, the canonical
一级/二级, whether the 指标值/半年/中期 cells are filled and what their parsed values say (kind,
sign, unit, number, flags). ``facts(form)`` answers them in one pass and keeps the answers in
``Form.cache`` (a form does not change once read). Every attribute is exactly what the helper named
beside it returns (tests/test_rule_facts.py checks that on every sample), so a rule reads
``row.name`` where it used to call ``name_of(ind)``.
"""

from __future__ import annotations

from typing import Callable

from perfxl.classify import level1_of, level2_of, vflags, vkind, vnum, vsign, vunit
from perfxl.labels import norm
from perfxl.model import Field, Form, Indicator
from perfxl.rules._util import name_of, text
from perfxl.values import Value


# Plain classes with an __init__ of their own, not dataclasses: compiled by mypyc, a dataclass's
# generated __init__ stays interpreted Python (a few thousand instructions per object, and a form
# has one Cell per value); a written-out one is native.
class Cell:
    """A filled value cell (指标值, 半年 or 中期: ``not blank(field)``) of an indicator row: the parts of
    its parsed value, and the name and classes of the indicator it states a value for."""

    __slots__ = ("ind", "field", "raw", "kind", "sign", "unit", "number", "flags", "name", "level1", "level2")

    ind: Indicator
    field: Field
    raw: str  # field.raw.strip()
    kind: str  # vkind(field.value)
    sign: str | None  # vsign(field.value): "≥", "≤", "=", ">", "<" or None
    unit: str | None  # vunit(field.value)
    number: float | None  # vnum(field.value)
    flags: frozenset[str]  # vflags(field.value)
    name: str  # the row's 三级 name; for a 中期 value the 中期 三级 when the row has that column
    level1: str | None  # the row's canonical 一级
    level2: str | None  # the canonical 二级; for a 中期 value the 中期 二级 when the row has that column

    def __init__(self, ind: Indicator, field: Field, raw: str, kind: str, sign: str | None, unit: str | None,
                 number: float | None, flags: frozenset[str], name: str, level1: str | None,
                 level2: str | None):
        self.ind = ind
        self.field = field
        self.raw = raw
        self.kind = kind
        self.sign = sign
        self.unit = unit
        self.number = number
        self.flags = flags
        self.name = name
        self.level1 = level1
        self.level2 = level2


class Row:
    """One indicator row as the rules see it."""

    __slots__ = ("ind", "name", "norm_name", "named", "medium_named", "level1", "level2", "target", "half",
                 "medium")

    ind: Indicator
    name: str  # name_of(ind): the 三级 name without "指标1："
    norm_name: str  # norm(name): the name as labels are compared
    named: bool  # named(ind): the 三级 cell is filled
    medium_named: bool  # not blank(ind.medium_level3)
    level1: str | None  # level1_of(text(ind.level1))
    level2: str | None  # level2_of(text(ind.level2))
    target: Cell | None  # ind.target; None when blank
    half: Cell | None  # ind.half_target
    medium: Cell | None  # ind.medium_target

    def __init__(self, ind: Indicator, name: str, norm_name: str, named: bool, medium_named: bool,
                 level1: str | None, level2: str | None, target: Cell | None, half: Cell | None,
                 medium: Cell | None):
        self.ind = ind
        self.name = name
        self.norm_name = norm_name
        self.named = named
        self.medium_named = medium_named
        self.level1 = level1
        self.level2 = level2
        self.target = target
        self.half = half
        self.medium = medium


class FormFacts:
    """The facts of one form: ``facts(form)``."""

    __slots__ = ("rows", "targets", "has_half", "has_medium", "values", "untruncated", "flagged", "unnumbered")

    rows: list[Row]  # every indicator row, in sheet order
    targets: list[Row]  # the rows holding targets (dept_selfeval: the declared target table, not 履职效能)
    has_half: bool  # some row's 半年指标值 is filled
    has_medium: bool  # some row's 中期 指标值 or 中期 三级 is filled
    values: list[Cell]  # the filled 指标值, 半年 and 中期 cells of the target rows, row by row
    untruncated: list[Cell]  # the same without "truncated" values (PX403's finding only)
    # two sublists of ``untruncated`` for the rules that look for the few odd cells (a typical form
    # states nearly every value as a number, with no flag): a rule walks them instead of every cell
    flagged: list[Cell]  # the cells with a flag (unit_missing, sign_missing, ...)
    unnumbered: list[Cell]  # the cells whose kind is not "numeric" (level, text, nonvalue, range, ...)

    def __init__(self, rows: list[Row], targets: list[Row], has_half: bool, has_medium: bool,
                 values: list[Cell], untruncated: list[Cell], flagged: list[Cell], unnumbered: list[Cell]):
        self.rows = rows
        self.targets = targets
        self.has_half = has_half
        self.has_medium = has_medium
        self.values = values
        self.untruncated = untruncated
        self.flagged = flagged
        self.unnumbered = unnumbered


_ASCII_SIGN = {"＝": "=", "＞": ">", "＜": "<"}  # as vsign gives them


def cell(ind: Indicator, field: Field | None, name: str, level1: str | None, level2: str | None) -> Cell | None:
    """The facts of one value cell of ``ind``; None when it is blank."""
    if field is None:
        return None
    v = field.value
    # what the parser gives (never blank): its parts read as the v* helpers would (type() is, not
    # __class__ is: narrowed to Value, compiled code reads its attributes natively)
    if type(v) is Value:
        kind, sign = v.kind, v.sign
        return Cell(ind, field, field.raw.strip(), kind, _ASCII_SIGN.get(sign, sign) if sign else None,
                    v.unit or None, v.low if kind == "numeric" or kind == "range" else None, v.flags,
                    name, level1, level2)
    if field.blank:
        return None
    return Cell(ind, field, field.raw.strip(), vkind(v), vsign(v), vunit(v), vnum(v), vflags(v), name, level1, level2)


def facts(form: Form) -> FormFacts:
    """The shared facts of a form, computed on first use and kept in ``form.cache["facts"]``."""
    found = form.cache.get("facts")
    if found is None:
        found = form.cache["facts"] = _facts(form)
    return found


# A row's 一级/二级 labels as text() gives them (raw stripped), classed once per distinct label: they
# repeat over the rows of a form and the files of a bulk check. Plain dicts, "" for None (compiled, a
# dict lookup is a fraction of an lru_cache call); bounded: cleared when full.
_LEVEL1S: dict[str, str] = {}
_LEVEL2S: dict[str, str] = {}
_LEVELS_MAX = 4096


def _classed(cache: dict[str, str], classify: Callable[[str], str | None], raw: str) -> str | None:
    hit = cache.get(raw)
    if hit is None:
        if len(cache) >= _LEVELS_MAX:
            cache.clear()
        hit = cache[raw] = classify(raw.strip()) or ""
    return hit or None


def _level1(raw: str) -> str | None:
    return _classed(_LEVEL1S, level1_of, raw)


def _level2(raw: str) -> str | None:
    return _classed(_LEVEL2S, level2_of, raw)


def _row(ind: Indicator) -> Row:
    # each attribute of the (interpreted) model read once
    level3 = ind.level3
    name = name_of(ind)
    named = level3 is not None and not level3.blank  # named(ind)
    f = ind.level1
    raw = f.raw if f is not None else ""
    level1 = _level1(raw) if raw else level1_of(text(f))
    f = ind.level2
    raw = f.raw if f is not None else ""
    level2 = _level2(raw) if raw else level2_of(text(f))
    value = ind.target
    target = cell(ind, value, name, level1, level2) if value is not None else None
    value = ind.half_target
    half = cell(ind, value, name, level1, level2) if value is not None else None
    medium_level3 = ind.medium_level3
    medium = None
    value = ind.medium_target
    if value is not None:  # named and classed by its own 中期 columns where the row has them
        name_field = medium_level3 or level3
        f = ind.medium_level2
        medium_level2 = level2
        if f is not None:
            raw = f.raw
            medium_level2 = _level2(raw) if raw else level2_of(text(f))
        medium = cell(ind, value, name if name_field is level3 else text(name_field), level1, medium_level2)
    return Row(ind, name, norm(name), named, medium_level3 is not None and not medium_level3.blank,
               level1, level2, target, half, medium)


def _facts(form: Form) -> FormFacts:
    rows = [_row(ind) for ind in form.indicators]
    performance = form.kind == "dept_selfeval"
    targets = [r for r in rows if not (performance and r.ind.block == "performance")]
    values = [c for r in targets for c in (r.target, r.half, r.medium) if c is not None]
    untruncated = [c for c in values if "truncated" not in c.flags]
    return FormFacts(rows, targets,
                     has_half=any(r.half is not None for r in rows),
                     has_medium=any(r.medium is not None or r.medium_named for r in rows),
                     values=values, untruncated=untruncated,
                     flagged=[c for c in untruncated if c.flags],
                     unnumbered=[c for c in untruncated if c.kind != "numeric"])
