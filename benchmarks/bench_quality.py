"""Recall of perfxl on injected defects, and precision on clean forms (run: python benchmarks/bench_quality.py).

Clean workbooks: samples/clean/ (built by samples/build_clean.py) and samples/corrected/. Every
injector of samples/injectors*.py is applied once to every workbook it fits; a defect counts as found
when an error or warning lands on the injected cell, its row, or the total it breaks. Precision: the
errors and warnings perfxl reports on the clean workbooks themselves (the target is none).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import inject  # noqa: E402
from perfxl.engine import check_file  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    clean = inject.clean_workbooks()
    noisy = []
    for path in clean:
        bad = [f for f in check_file(path).findings if f.severity in ("error", "warning")]
        noisy += [(path.name, f) for f in bad]
    outcomes = inject.run(clean)
    print(f"clean workbooks: {len(clean)}, errors/warnings on them: {len(noisy)}")
    for name, f in noisy:
        print(f"  {name} {f.sheet}!{f.cell} {f.severity} {f.rule} {f.message}")
    print()
    print(inject.table(outcomes))
    print(f"\n{time.perf_counter() - t0:.1f} s")
    return 0 if not noisy and inject.recall(outcomes) >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
