"""Defect injection: break a clean workbook one defect at a time and see whether perfxl finds it.

An injector (``samples/injectors.py``) looks at what the reader understood of a clean workbook
(``perfxl.reader.read_workbook``: every value with its cell) and returns a ``Plan``: the cells to
change, the cells or rows where a finding must land, and the DOMAIN.md §9 family. ``run`` applies
each plan to a copy (openpyxl load, edit, save — fine for the openpyxl-generated clean workbooks),
runs ``perfxl.engine.check_file`` on it and counts a hit when an error or warning lands on an
expected cell or row. ``python samples/inject.py`` prints recall per family and the misses.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLEAN_DIRS = (HERE / "clean", HERE / "corrected")


@dataclass
class Plan:
    """One defect: cell edits on one sheet and where perfxl should point."""

    injector: str
    family: str  # "PX1" … "PX6"
    sheet: str
    edits: dict[str, object]  # A1 -> new value (None blanks the cell)
    cells: set[str] = field(default_factory=set)  # a finding on one of these cells is a hit
    rows: set[int] = field(default_factory=set)  # … or anywhere on one of these rows
    note: str = ""

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells = set(self.edits)
        if not self.rows:
            self.rows = {row_of(c) for c in self.edits}


@dataclass
class Outcome:
    path: str
    plan: Plan
    hit: bool
    family_hit: bool
    rules: list[str]  # rules of the findings on the expected cells/rows


def row_of(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()) or 0)


def clean_workbooks() -> list[Path]:
    return sorted(p for d in CLEAN_DIRS if d.is_dir() for p in d.glob("*.xlsx"))


def plans_for(path: Path) -> list[Plan]:
    """Every applicable injector, once per workbook (on the first form it applies to)."""
    import injectors
    from injectors import INJECTORS
    from perfxl.reader import read_workbook

    wb = read_workbook(path)
    injectors.WORKBOOK = wb
    out: list[Plan] = []
    for inj in INJECTORS:
        for form in wb.forms:
            plan = inj(form)
            if plan is not None:
                plan.injector = inj.__name__
                out.append(plan)
                break
    return out


def apply(path: Path, plan: Plan, dst: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[plan.sheet]
    for addr, value in plan.edits.items():
        cell = ws[addr]
        if callable(value):  # a rewrite of the cell's current text
            value = value(cell.value)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # a typed "=100%", not a formula
    wb.save(dst)


def judge(path: Path, plan: Plan, checked: Path) -> Outcome:
    from perfxl.engine import check_file

    report = check_file(checked)
    rules = []
    for f in report.findings:
        if f.severity not in ("error", "warning") or f.sheet != plan.sheet:
            continue
        if f.cell in plan.cells or row_of(f.cell) in plan.rows:
            rules.append(f.rule)
    fam = [r for r in rules if r.startswith(plan.family)]
    return Outcome(str(path), plan, bool(rules), bool(fam), sorted(set(rules)))


def run(paths: list[Path] | None = None) -> list[Outcome]:
    paths = paths if paths is not None else clean_workbooks()
    out: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="perfxl-inject-") as tmp:
        for path in paths:
            for i, plan in enumerate(plans_for(path)):
                dst = Path(tmp) / f"{path.stem}.{i:03d}.{plan.injector}.xlsx"
                apply(path, plan, dst)
                out.append(judge(path, plan, dst))
                dst.unlink()
    return out


def table(outcomes: list[Outcome]) -> str:
    """Recall per family and overall (any error/warning on the spot; same family), then the misses."""
    by: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by[o.plan.family].append(o)
    lines = [f"{'family':8} {'injected':>8} {'found':>6} {'recall':>7} {'same family':>12}"]
    for fam in sorted(by) + ["all"]:
        rows = outcomes if fam == "all" else by[fam]
        hit = sum(o.hit for o in rows)
        fhit = sum(o.family_hit for o in rows)
        n = len(rows) or 1
        lines.append(f"{fam:8} {len(rows):8d} {hit:6d} {hit / n:7.1%} {fhit / n:12.1%}")
    injectors = sorted({o.plan.injector for o in outcomes})
    lines.append(f"\n{len(injectors)} injectors applied, {len(outcomes)} injected workbooks")
    misses = [o for o in outcomes if not o.hit]
    if misses:
        lines.append("\nMisses:")
        for o in misses:
            lines.append(f"  {Path(o.path).name} [{o.plan.sheet}] {o.plan.injector} ({o.plan.family}) "
                         f"{sorted(o.plan.edits)} {o.plan.note}")
    return "\n".join(lines)


def recall(outcomes: list[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / max(1, len(outcomes))


def main() -> int:
    outcomes = run()
    print(table(outcomes))
    return 0


sys.path.insert(0, str(HERE))

if __name__ == "__main__":
    sys.exit(main())
