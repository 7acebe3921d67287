"""Typed forms read from a workbook; every value remembers the cell it came from.

The reader fills these; rules, scoring and the CLI only ever see these classes, never raw cells.
A ``Field`` is one value with its source cell. A ``Form`` holds its scalar fields by canonical key
(see ``perfxl.forms.specs`` for the keys and their Chinese labels), its indicator rows and a few
kind-specific tables (spending lines, tasks, fund rows, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

_BLANK_RAW = frozenset(("", "—", "-", "／", "/"))

FORM_KINDS = ("dept_target", "project_target", "project_selfeval", "dept_selfeval")

FORM_KIND_NAMES = {
    "dept_target": "部门整体支出绩效目标表",
    "project_target": "项目支出绩效目标表",
    "project_selfeval": "项目支出绩效自评表",
    "dept_selfeval": "部门整体支出绩效自评表",
}


@dataclass(frozen=True)
class Field:
    """One value read from one cell.

    ``value`` is typed by ``kind``: ``money``/``pct``/``score`` -> float (a percentage is stored as
    the percent number, 52% -> 52.0), ``int``/``year`` -> int, ``value`` -> ``perfxl.values.Value``,
    ``text``/``enum`` -> str. ``value`` is None when the cell is blank or could not be typed;
    ``raw`` always keeps the text as the user typed it ("" for a blank cell).
    """

    key: str
    kind: str
    value: Any
    raw: str
    sheet: str
    cell: str  # A1 address of the source cell ("" when the field is derived from text elsewhere)

    @property
    def blank(self) -> bool:
        # identity/type tests, not ==: comparing a Value dataclass with "" costs a dataclass __eq__,
        # and rules ask this of every cell many times
        v = self.value
        return (v is None or (v.__class__ is str and not v)) and self.raw.strip() in _BLANK_RAW

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.key}={self.raw!r}@{self.sheet}!{self.cell}"


@dataclass
class Indicator:
    """One 三级 indicator row (target table or self-evaluation)."""

    sheet: str
    row: int  # 1-based worksheet row
    level1: Field | None = None
    level2: Field | None = None
    level3: Field | None = None
    target: Field | None = None  # 指标值 / 全年指标值 / 年度指标值(A) / 计划指标值（年度）
    half_target: Field | None = None  # 半年指标值 (MON)
    medium_level2: Field | None = None  # 中期 half of a project target table (MT)
    medium_level3: Field | None = None
    medium_target: Field | None = None  # 中期 指标值 / 实施周期指标值
    actual: Field | None = None  # 实际完成值(B) / 年度实现值
    completion_rate: Field | None = None  # 指标完成率
    weight: Field | None = None  # 分值 / 单项分值（权重）
    score: Field | None = None  # 得分 / 单项自评得分
    deviation: Field | None = None  # 偏差原因分析及改进措施
    extra: dict[str, Field] = field(default_factory=dict)  # 内涵解释, 设置依据, 计算公式, 评分标准, 指标审核, 重点工作, 对应项目
    block: str = ""  # dept_selfeval: "target" (declared target table) or "performance" (履职效能 tables)

    def name(self) -> str:
        return (self.level3.raw if self.level3 else "").strip()

    def fields(self) -> Iterator[Field]:
        for f in (self.level1, self.level2, self.level3, self.target, self.half_target,
                  self.medium_level2, self.medium_level3, self.medium_target, self.actual,
                  self.completion_rate, self.weight, self.score, self.deviation):
            if f is not None:
                yield f
        yield from self.extra.values()


@dataclass
class Line:
    """One row of a named table (spending line, task, fund row, 管理效率 item, ...).

    ``name`` is the row label; ``values`` maps canonical column keys to fields.
    """

    sheet: str
    row: int
    name: Field | None
    values: dict[str, Field] = field(default_factory=dict)
    role: str = ""  # e.g. "basic", "project", "project_line", "other", "total", "fiscal", "carryover"
    members: tuple[int, ...] = ()  # worksheet rows of the indicators this line sums (dept_selfeval blocks)

    def get(self, key: str) -> Field | None:
        return self.values.get(key)


@dataclass
class Form:
    """One form on one sheet."""

    kind: str
    sheet: str
    fields: dict[str, Field] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    tables: dict[str, list[Line]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the reader could not place, for `inspect`
    # facts several rules derive from the same rows, computed once (forms do not change once read)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def get(self, key: str) -> Field | None:
        return self.fields.get(key)

    def value(self, key: str, default: Any = None) -> Any:
        f = self.fields.get(key)
        return default if f is None or f.value is None else f.value

    def table(self, key: str) -> list[Line]:
        return self.tables.get(key, [])

    @property
    def year(self) -> int | None:
        return self.value("year")

    @property
    def unit(self) -> str:
        """The unit the form belongs to (单位名称, else 实施单位, else 主管部门); "" if none is filled.
        Forms of one unit are paired by it, within a workbook and across the files of a folder."""
        for key in ("unit_name", "implementer", "department"):
            f = self.fields.get(key)
            text = f.raw.strip() if f is not None else ""
            if text:
                return text.split("：")[-1].split(":")[-1].strip()
        return ""

    def all_fields(self) -> Iterator[Field]:
        yield from self.fields.values()
        for ind in self.indicators:
            yield from ind.fields()
        for lines in self.tables.values():
            for line in lines:
                if line.name is not None:
                    yield line.name
                yield from line.values.values()


@dataclass
class Workbook:
    """What the reader understood of one workbook."""

    path: str
    forms: list[Form] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    settings_sheet: list[list[str]] | None = None  # rows of a `perfxl.conf` sheet, if any
