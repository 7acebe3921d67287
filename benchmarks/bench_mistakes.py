"""Recall on the seeds' real mistakes: samples/MISTAKES.md (cell by cell) against `perfxl check`.

A mistake counts as found when an error or warning lies on its cell or on its row of the same
sheet. Prints recall per sample and per family, and lists what was missed.

    python benchmarks/bench_mistakes.py [--misses]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfxl.engine import check_file  # noqa: E402
from perfxl.workbook.base import parse_a1  # noqa: E402

ROW = re.compile(r"^\|\s*\d+\s*\|\s*(.+?)\s*\|\s*([A-Z]+\d+)\s*\|\s*(.*?)\s*\|\s*(PX\d)\s*\|\s*(.*?)\s*\|$")


def mistakes() -> dict[str, list[tuple[str, str, str, str]]]:
    out: dict[str, list] = {}
    current = None
    for line in (ROOT / "samples" / "MISTAKES.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## `"):
            current = line.split("`")[1]
            out[current] = []
        m = ROW.match(line)
        if m and current:
            out[current].append((m.group(1), m.group(2), m.group(4), m.group(5)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    total = Counter()
    found = Counter()
    missed = []
    for name, rows in mistakes().items():
        path = ROOT / "samples" / name
        if not path.exists() or not rows:
            continue
        report = check_file(path)
        cells = {(f.sheet, f.cell) for f in report.findings if f.severity in ("error", "warning")}
        rows_hit = {(f.sheet, parse_a1(f.cell)[0]) for f in report.findings
                    if f.severity in ("error", "warning") and f.cell}
        n = hit = 0
        for sheet, cell, family, what in rows:
            n += 1
            total[family] += 1
            if (sheet, cell) in cells or (sheet, parse_a1(cell)[0]) in rows_hit:
                hit += 1
                found[family] += 1
            else:
                missed.append(f"{name} {sheet}!{cell} {family} {what}")
        print(f"{name:<45} {hit:>4}/{n:<4} {hit / n:6.1%}")
    print()
    for fam in sorted(total):
        print(f"{fam}: {found[fam]}/{total[fam]} = {found[fam] / total[fam]:.1%}")
    print(f"all: {sum(found.values())}/{sum(total.values())} = {sum(found.values()) / sum(total.values()):.1%}")
    if args.misses:
        print("\nmissed:")
        print("\n".join(missed))


if __name__ == "__main__":
    main()
