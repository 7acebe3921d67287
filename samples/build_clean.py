"""Write the clean workbooks of ``samples/clean/`` (run as ``python samples/build_clean.py``).

Fully correct forms in the five seed layouts (DOMAIN.md §1) with other units, indicators, amounts,
years, row counts and label spellings than the seeds. ``perfxl check samples/clean/`` must report
no error and no warning on them; ``samples/inject.py`` breaks them one defect at a time to measure
recall (tests/test_injection.py, benchmarks/bench_quality.py).

Deterministic like build_samples.py (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sample_book import Book  # noqa: E402
from clean_data_evals import (farm_dept, farm_report, farm_selfeval, health_projects, library_dept,  # noqa: E402
                              library_selfeval, street_report, transport_projects)
from clean_data_targets import health_halfyear, library_halfyear, street_explained, transport_explained  # noqa: E402
from layout_dept_target import build_explained, build_halfyear  # noqa: E402
from layout_project import build_dept_tasks, build_projects, build_selfeval  # noqa: E402
from layout_report import build_clean_report  # noqa: E402

CLEAN = HERE / "clean"

# the row heights of the clean workbooks, per layout (content may set its own "heights")
HEIGHTS = {
    build_halfyear: dict(functions=120, goals=120),
    build_explained: dict(goal=70),
    build_selfeval: dict(goal=120),
    build_dept_tasks: dict(goal=100),
    build_projects: dict(goal=90, approval=60),
}

# file name -> [(layout writer, content)]; one workbook may hold several forms (sheets)
WORKBOOKS = {
    "c01_library_dept_target_halfyear.xlsx": [(build_halfyear, library_halfyear)],
    "c02_health_dept_target_halfyear.xlsx": [(build_halfyear, health_halfyear)],
    "c03_transport_dept_target_explained.xlsx": [(build_explained, transport_explained)],
    "c04_street_dept_target_explained.xlsx": [(build_explained, street_explained)],
    "c05_farm_selfeval_and_dept.xlsx": [(build_selfeval, farm_selfeval), (build_dept_tasks, farm_dept)],
    "c06_library_selfeval_and_dept.xlsx": [(build_selfeval, library_selfeval), (build_dept_tasks, library_dept)],
    "c07_health_project_targets.xlsx": [(build_projects, health_projects)],
    "c08_transport_project_targets.xlsx": [(build_projects, transport_projects)],
    "c09_farm_dept_selfeval.xlsx": [(build_clean_report, farm_report)],
    "c10_street_dept_selfeval.xlsx": [(build_clean_report, street_report)],
}


def build_all(out: Path = CLEAN) -> list[Path]:
    paths = []
    for name, parts in WORKBOOKS.items():
        book = Book(out / name)
        for writer, content in parts:
            writer(book, {"heights": HEIGHTS.get(writer), **content()})
        if book.mistakes:  # a clean workbook must not carry an M(...) value
            raise SystemExit(f"{name}: clean workbook records mistakes: {book.mistakes}")
        book.save()
        paths.append(book.path)
    return paths


def main() -> int:
    for p in build_all():
        print(p.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
