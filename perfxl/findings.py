"""Findings and reports: what perfxl says about a workbook, in the JSON shape of DESIGN.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from operator import attrgetter
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # worst first
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}  # as the accountant reads them


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable code, e.g. "PX201"
    severity: str  # error | warning | info
    sheet: str
    cell: str  # A1 address ("" when the finding is about the whole file)
    message: str  # Chinese, for the accountant
    expected: str | None = None
    actual: str | None = None
    form: str | None = None  # form kind id

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return d

    def __reduce__(self) -> tuple:
        # A bulk run pickles every finding twice (worker to parent, parent to the spill file) and
        # reads it back twice; the state dataclasses give a frozen slotted class walks fields()
        # for each object, three times the cost of calling the constructor.
        return (Finding, _finding_args(self))

    def sort_key(self) -> tuple:
        return (self.sheet, _row_col(self.cell), self.rule, self.message)


# Finding's constructor arguments, in field order (a field added later is pickled too)
_finding_args = attrgetter(*(f.name for f in fields(Finding)))


@lru_cache(maxsize=65536)  # findings are sorted several times per report; addresses repeat
def _row_col(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0, col)


@dataclass
class FormReport:
    sheet: str
    form: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    grade: str | None = None
    score_writes: list[Any] = field(default_factory=list, repr=False)  # ScoreWrite for empty score cells

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "form": self.form, "score": self.score, "grade": self.grade}


@dataclass
class WorkbookReport:
    path: str
    forms: list[FormReport] = field(default_factory=list)
    file_findings: list[Finding] = field(default_factory=list)  # PX9xx and cross-form findings
    error: str | None = None  # one-line reason when the file could not be read
    annotated: str | None = None  # path of the annotated copy, when one was written
    unit: str | None = None  # 单位 named in the first form (summary workbook, cross-file grouping)

    def add(self, finding: Finding) -> None:
        """File a finding under the form of its sheet (or the file itself when no form is there)."""
        target = next((fr.findings for fr in self.forms if fr.sheet == finding.sheet), self.file_findings)
        target.append(finding)

    @property
    def findings(self) -> list[Finding]:
        out = list(self.file_findings)
        for f in self.forms:
            out.extend(f.findings)
        return sorted(out, key=Finding.sort_key)

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        return "findings" if self.findings else "ok"

    @property
    def has_errors(self) -> bool:
        return bool(self.error) or any(f.severity == "error" for f in self.findings)

    @property
    def form(self) -> str | None:
        return self.forms[0].form if self.forms else None

    @property
    def score(self) -> float | None:
        return self.forms[0].score if self.forms else None

    @property
    def grade(self) -> str | None:
        return self.forms[0].grade if self.forms else None

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            c[f.severity] = c.get(f.severity, 0) + 1
        return c

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "form": self.form,
            "forms": [f.to_dict() for f in self.forms],
            "status": self.status,
            "score": self.score,
            "grade": self.grade,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error,
        }
        if self.annotated:
            d["annotated"] = self.annotated
        if self.unit:
            d["unit"] = self.unit
        return d


@dataclass
class BatchReport:
    files: list[WorkbookReport] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        # DESIGN.md: 0 no errors, 1 some file has errors, 2 usage or unreadable input.
        if any(f.error for f in self.files):
            return 2
        return 1 if any(f.has_errors for f in self.files) else 0

    def to_dict(self) -> dict[str, Any]:
        from perfxl import __version__

        return {"perfxl": __version__, "files": [f.to_dict() for f in self.files]}
