"""The rule catalogue: every check is a small function registered under an immutable spec.

A rule module declares ``@rule(code, name, severity, kinds, message)`` over ``fn(ctx)`` that yields
findings built with ``ctx.emit(...)``. Plain imports register the rules (``perfxl.rules``
imports every family module); the registry refuses a duplicate code or name. Runners apply
``--select``/``--ignore`` and severity overrides of the ``Config`` and turn a rule that raises into
a PX916 finding, so that one bad rule never stops a bulk run.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from perfxl import _compiled
from perfxl.config import Config, ScoringSettings
from perfxl.findings import SEVERITIES, Finding
from perfxl.model import FORM_KINDS, Field, Form, Indicator, Line

SCOPES = ("form", "workbook", "folder", "file")
DOC_SECTIONS = ("说明", "原因", "错误示例", "正确示例")
_CODE = re.compile(r"^PX[1-9]\d{2}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str  # kebab-case
    severity: str
    kinds: tuple[str, ...]  # form kinds; () = any
    message: str  # Chinese template with {placeholders}
    doc: str  # sections 说明 / 原因 / 错误示例 / 正确示例
    scope: str = "form"  # form | workbook | folder | file

    @property
    def family(self) -> str:
        return self.code[:3]

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    fn: Callable[["Context"], Iterable[Finding]] | None = None


RULES: dict[str, Rule] = {}


def register(spec: RuleSpec, fn: Callable | None = None) -> Rule:
    if not _CODE.match(spec.code):
        raise ValueError(f"bad rule code {spec.code!r}")
    if not _NAME.match(spec.name):
        raise ValueError(f"rule name must be kebab-case: {spec.name!r}")
    if spec.severity not in SEVERITIES or spec.scope not in SCOPES:
        raise ValueError(f"{spec.code}: bad severity or scope")
    unknown = set(spec.kinds) - set(FORM_KINDS)
    if unknown:
        raise ValueError(f"{spec.code}: unknown form kinds {unknown}")
    if spec.code in RULES:
        raise ValueError(f"duplicate rule code {spec.code}")
    if any(r.spec.name == spec.name for r in RULES.values()):
        raise ValueError(f"duplicate rule name {spec.name}")
    RULES[spec.code] = Rule(spec, fn)
    return RULES[spec.code]


def rule(code: str, name: str, severity: str, kinds: Iterable[str], message: str, scope: str = "form",
         doc: str | None = None):
    """Register ``fn(ctx)`` as rule ``code``; its docstring (or ``doc``, for a function made at run
    time) is the rule's documentation."""

    def decorate(fn: Callable) -> Callable:
        text = doc if doc is not None else _compiled.docstring(fn)  # compiled: recorded by the build
        spec = RuleSpec(code, name, severity, tuple(kinds), message, inspect.cleandoc(text or ""), scope)
        register(spec, fn)
        return fn

    return decorate


# ---------------------------------------------------------------------------------------------
# Context and findings

Target = Field | Indicator | Line | tuple | None


_NO_FILES: dict[int, str] = {}  # read only


class Context:
    """What a rule sees: the form (or the forms of a workbook/folder), the config, its own spec.

    ``severity`` is the configured severity of the rule (None: the one the rule gives), resolved once
    per run by the runner; ``origin`` maps id(finding) -> the form a cross-form finding is about.
    """

    __slots__ = ("form", "config", "spec", "severity", "forms", "origin", "files")

    def __init__(self, form: Form | None, config: Config, spec: RuleSpec, forms: list[Form] | None = None,
                 files: dict[int, str] | None = None, severity: str | None = None) -> None:
        self.form = form
        self.config = config
        self.spec = spec
        self.severity = severity
        self.forms = forms if forms is not None else ()  # workbook / folder scope
        self.origin: dict[int, Form] = {}
        self.files = files if files is not None else _NO_FILES  # folder scope: id(form) -> file path

    def file(self, form: Form) -> str:
        return self.files.get(id(form), "")

    @property
    def settings(self) -> ScoringSettings:
        return self.config.scoring

    # ``_at``, not ``target``: compiled (mypyc), a keyword of ``fmt`` cannot share the name of the
    # positional-only parameter, and messages have a {target} placeholder (PX605)
    def emit(self, _at: Target = None, /, *, expected: Any = None, actual: Any = None,
             severity: str | None = None, form: Form | None = None, **fmt: Any) -> Finding:
        """A finding of this rule at ``_at`` (a Field, an Indicator, a Line or (sheet, cell))."""
        on = form or self.form
        sheet, cell = _locate(_at, on)
        sev = self.severity or severity or self.spec.severity
        exp, act = _short(expected), _short(actual)
        finding = Finding(rule=self.spec.code, severity=sev, sheet=sheet, cell=cell,
                          message=self.spec.message.format(expected=exp or "", actual=act or "", **fmt),
                          expected=exp, actual=act, form=on.kind if on is not None else None)
        if on is not None:
            self.origin[id(finding)] = on
        return finding


def _locate(target: Target, form: Form | None) -> tuple[str, str]:
    default_sheet = form.sheet if form is not None else ""
    if isinstance(target, Field):
        return target.sheet or default_sheet, target.cell
    if isinstance(target, Indicator):
        for f in (target.level3, target.target, target.level2, target.level1, *target.fields()):
            if f is not None and f.cell:
                return f.sheet or target.sheet, f.cell
        return target.sheet, ""
    if isinstance(target, Line):
        f = target.name or next(iter(target.values.values()), None)
        return (f.sheet, f.cell) if f is not None else (target.sheet, "")
    if isinstance(target, tuple):
        return str(target[0]), str(target[1])
    return default_sheet, ""


def _short(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# Selection and running


def _matches(pattern: str, spec: RuleSpec) -> bool:
    p = pattern.strip()
    return p == spec.name or spec.code.startswith(p.upper()) if p else False


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by code ("PX205"), prefix ("PX2") or kebab name; an exact select beats an ignore."""
    _load()
    select, ignore = list(select), list(ignore)
    chosen = []
    for code in sorted(RULES):
        spec = RULES[code].spec
        if select and not any(_matches(p, spec) for p in select):
            continue
        exact = any(p.upper() == spec.code or p == spec.name for p in select)
        if not exact and any(_matches(p, spec) for p in ignore):
            continue
        chosen.append(RULES[code])
    return chosen


_PLANS: dict[tuple, list[tuple[str, str | None]]] = {}


# what a rule function gives; the runners drop a None (rules need not filter what they yield)
RuleFn = Callable[["Context"], Iterable[Finding | None]]


def _active(config: Config, scope: str, kind: str | None = None) -> list[tuple[Rule, RuleFn, str | None]]:
    """(rule, its function, configured severity or None) of every selected, enabled rule of a scope
    (and form kind) that has a function.

    Selecting and resolving severities depend on the config's select/ignore/severity only, not on
    the form: they are worked out once per run and remembered (codes, not rules, so that a rule
    replaced in RULES is still the one that runs)."""
    key = (config.select, config.ignore, config.severity, scope, kind)
    plan = _PLANS.get(key)
    if plan is None:
        plan = []
        for r in select_rules(config.select, config.ignore):
            spec = r.spec
            if spec.scope != scope or r.fn is None or (kind is not None and not spec.applies_to(kind)):
                continue
            configured = config.severity_for(spec.code, spec.name, None)
            if (configured or spec.severity) != "off":
                plan.append((spec.code, configured))
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[key] = plan
    active: list[tuple[Rule, RuleFn, str | None]] = []
    for code, severity in plan:
        r = RULES[code]
        if r.fn is not None:  # it had one when planned; a rule replaced in RULES since may not
            active.append((r, r.fn, severity))
    return active


def _crash(r: Rule, config: Config, form: Form | None, exc: Exception) -> Finding:
    crash = RULES["PX916"]
    sev = config.severity_for(crash.spec.code, crash.spec.name, None) or crash.spec.severity
    return Finding(rule="PX916", severity=sev, sheet=form.sheet if form else "", cell="",
                   message=crash.spec.message.format(code=r.spec.code, detail=f"{type(exc).__name__}: {exc}"),
                   form=form.kind if form else None)


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.sheet, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def run_rules(form: Form, config: Config) -> list[Finding]:
    """Every selected form-scope rule that applies to the form's kind, findings in sheet order."""
    out: list[Finding | None] = []
    ctx = None  # one context for the form, handed from rule to rule: each rule's findings are all
    for r, fn, severity in _active(config, "form", form.kind):  # made (extend) before the next one starts
        if ctx is None:
            ctx = Context(form, config, r.spec, severity=severity)
        else:
            ctx.spec, ctx.severity = r.spec, severity
        try:
            for f in fn(ctx):  # one by one: what a rule found before it crashed is kept (compiled,
                out.append(f)  # out.extend would first collect them all)
        except Exception as exc:  # noqa: BLE001 - a crashing rule must not stop the run (PX916)
            out.append(_crash(r, config, form, exc))
    return sorted(_dedupe(f for f in out if f is not None), key=Finding.sort_key)


def _run_cross(forms: list[Form], config: Config, scope: str,
               files: dict[int, str] | None = None) -> list[tuple[Form | None, Finding]]:
    out: list[tuple[Form | None, Finding]] = []
    for r, fn, severity in _active(config, scope):
        ctx = Context(None, config, r.spec, forms=forms, files=files, severity=severity)
        try:
            for f in fn(ctx):  # one by one, as in run_rules
                if f is not None:
                    out.append((ctx.origin.get(id(f)), f))
        except Exception as exc:  # noqa: BLE001 - see run_rules
            out.append((forms[0] if forms else None, _crash(r, config, forms[0] if forms else None, exc)))
    return out


def run_workbook_rules(forms: list[Form], config: Config) -> list[Finding]:
    """Cross-form rules over all forms of one workbook (PX6 forms of one unit)."""
    return sorted(_dedupe(f for _, f in _run_cross(forms, config, "workbook")), key=Finding.sort_key)


def run_folder_rules(forms_by_file: dict[str, list[Form]], config: Config) -> dict[str, list[Finding]]:
    """Cross-file rules: forms of one unit spread over several files; findings keyed by file path."""
    owner = {id(form): path for path, forms in forms_by_file.items() for form in forms}
    all_forms = [form for forms in forms_by_file.values() for form in forms]
    result: dict[str, list[Finding]] = {path: [] for path in forms_by_file}
    for form, finding in _run_cross(all_forms, config, "folder", owner):
        path = owner.get(id(form)) if form is not None else None
        if path is not None:
            result[path].append(finding)
    return {path: sorted(_dedupe(fs), key=Finding.sort_key) for path, fs in result.items()}


def _load() -> None:
    """Import the family modules (idempotent) so that RULES is complete."""
    import perfxl.rules  # noqa: F401


# ---------------------------------------------------------------------------------------------
# Documentation

FAMILIES = {
    "PX1": "PX1xx 完整性 (completeness)",
    "PX2": "PX2xx 金额计算 (money arithmetic)",
    "PX3": "PX3xx 期间 (periods)",
    "PX4": "PX4xx 指标质量 (indicator quality)",
    "PX5": "PX5xx 评分 (scoring)",
    "PX6": "PX6xx 交叉核对 (cross-references)",
    "PX9": "PX9xx 文件 (the file itself)",
}
NOT_YET = Path(__file__).resolve().parents[2] / "docs" / "rules_not_yet.md"


def doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its 说明 / 原因 / 错误示例 / 正确示例 sections."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in doc.splitlines():
        head = line.strip().rstrip("：:")
        if head in DOC_SECTIONS:
            current = head
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def rules_markdown() -> str:
    """The rule catalogue as Markdown (docs/rules.md), grouped by family, then the not-yet list."""
    _load()
    out = ["# perfxl 规则目录 (rule catalogue)", "",
           "由 `perfxl rules --format markdown` 生成，请勿手改。", ""]
    for prefix, title in FAMILIES.items():
        specs = [RULES[c].spec for c in sorted(RULES) if c.startswith(prefix)]
        if not specs:
            continue
        out += [f"## {title}", ""]
        for spec in specs:
            kinds = ", ".join(spec.kinds) if spec.kinds else "全部"
            out += [f"### {spec.code} `{spec.name}`", "",
                    f"- 严重程度：{spec.severity}", f"- 适用表：{kinds}", f"- 范围：{spec.scope}",
                    f"- 提示：{spec.message}", ""]
            for section, text in doc_sections(spec.doc).items():
                out += [f"**{section}**", "", text, ""]
    if NOT_YET.is_file():
        body = NOT_YET.read_text(encoding="utf-8").strip().splitlines()
        if body and body[0].startswith("# "):
            body = body[1:]
        out += ["## 尚未实现 (not yet)", "", *body, ""]
    return "\n".join(out).rstrip() + "\n"
