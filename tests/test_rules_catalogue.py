"""The catalogue itself: pinned codes, documented rules, formatting messages, selection, crash safety."""

from __future__ import annotations

import re
import string

import pytest

from perfxl.config import Config
from perfxl.errors import FILE_ERRORS
from perfxl.rules import RULES, run_rules, rules_markdown, select_rules
from perfxl.rules.registry import DOC_SECTIONS, RuleSpec, doc_sections, register, rule
from tests.rule_builders import form, ind

PINNED = (
    "PX101 PX102 PX103 PX104 PX105 PX106 PX107 PX108 PX109 "
    "PX201 PX202 PX203 PX204 PX205 PX206 PX207 PX208 PX209 PX210 PX211 PX212 "
    "PX301 PX302 PX303 PX304 PX305 PX306 PX307 PX308 PX309 PX310 PX311 PX312 PX313 PX314 PX315 PX316 PX317 "
    "PX401 PX402 PX403 PX404 PX405 PX406 PX407 PX408 PX409 PX410 PX411 PX412 PX413 PX414 PX415 PX416 PX417 "
    "PX418 PX419 PX420 PX421 PX422 "
    "PX501 PX502 PX503 PX504 PX505 PX506 PX507 PX508 PX509 PX510 PX511 PX512 PX513 PX514 PX515 PX516 PX517 "
    "PX518 PX519 "
    "PX601 PX602 PX603 PX604 PX605 PX606 PX607 PX608 PX609 PX610 PX611 "
    "PX901 PX902 PX903 PX904 PX905 PX906 PX907 PX908 PX909 PX910 PX911 PX912 PX913 PX914 PX915 PX916 PX917"
).split()


def test_codes_are_pinned():
    # a code never changes meaning once released: adding, renaming or deleting one is a reviewed change
    assert sorted(RULES) == PINNED


def test_file_errors_are_catalogued():
    for code, (name, _) in FILE_ERRORS.items():
        assert RULES[code].spec.name == name and RULES[code].spec.scope == "file"


@pytest.mark.parametrize("code", PINNED)
def test_docstring_has_four_sections(code):
    sections = doc_sections(RULES[code].spec.doc)
    assert list(sections) == list(DOC_SECTIONS)
    assert all(sections.values())


@pytest.mark.parametrize("code", PINNED)
def test_message_template_formats(code):
    message = RULES[code].spec.message
    names = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    text = message.format(**{n: "x" for n in names})
    assert "{" not in text and re.search(r"[\u4e00-\u9fff]", text)


def test_names_are_unique_kebab():
    names = [r.spec.name for r in RULES.values()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", n) for n in names)


def test_registry_refuses_duplicates():
    with pytest.raises(ValueError):
        register(RuleSpec("PX101", "another-name", "error", (), "x", ""))
    with pytest.raises(ValueError):
        rule("PX999", "missing-header-field", "error", (), "x")(lambda ctx: ())


def test_select_by_code_prefix_and_name():
    assert [r.spec.code for r in select_rules(["PX205"])] == ["PX205"]
    assert {r.spec.code[:3] for r in select_rules(["PX2"])} == {"PX2"}
    assert [r.spec.code for r in select_rules(["wrong-direction"])] == ["PX409"]
    chosen = {r.spec.code for r in select_rules(["PX4"], ["PX41"])}
    assert "PX409" in chosen and "PX412" not in chosen
    assert "PX412" in {r.spec.code for r in select_rules(["PX4", "PX412"], ["PX41"])}


def test_severity_override_and_off():
    f = form("dept_target", [ind("成本指标", "经济成本指标", "法律顾问费用", "≥6000元")])
    found = run_rules(f, Config(severity=(("wrong-direction", "info"),)))
    assert [x.severity for x in found if x.rule == "PX409"] == ["info"]
    assert not [x for x in run_rules(f, Config(severity=(("PX4", "off"),))) if x.rule.startswith("PX4")]


def test_crashing_rule_becomes_px916(monkeypatch):
    from perfxl.rules import registry

    def boom(ctx):
        raise ZeroDivisionError("division by zero")

    spec = RULES["PX409"].spec
    monkeypatch.setitem(registry.RULES, "PX409", registry.Rule(spec, boom))
    f = form("dept_target", [ind("成本指标", "经济成本指标", "法律顾问费用", "≥6000元")])
    found = run_rules(f, Config())
    crash = [x for x in found if x.rule == "PX916"]
    assert crash and "PX409" in crash[0].message and "ZeroDivisionError" in crash[0].message


def test_rules_sharing_a_context_keep_their_own_code_and_severity(monkeypatch):
    """run_rules hands one context from rule to rule: each finding carries its rule's code and
    configured severity, also for the rule after one that crashed half-way."""
    from perfxl.rules import registry

    def one(ctx):
        names = {n for _, n, _, _ in string.Formatter().parse(ctx.spec.message) if n}
        yield ctx.emit(None, **{n: "x" for n in names - {"expected", "actual"}})

    def half_then_boom(ctx):
        yield from one(ctx)
        raise ZeroDivisionError("division by zero")

    for code, fn in (("PX408", one), ("PX409", half_then_boom), ("PX410", one)):
        monkeypatch.setitem(registry.RULES, code, registry.Rule(RULES[code].spec, fn))
    config = Config(select=("PX408", "PX409", "PX410"), severity=(("PX410", "info"),))
    found = run_rules(form("dept_target", [ind("产出指标", "数量指标", "参展企业数", "≥5家")]), config)
    assert sorted((x.rule, x.severity) for x in found) == [("PX408", "warning"), ("PX409", "error"),
                                                           ("PX410", "info"), ("PX916", "warning")]


def test_finding_points_at_the_cell_with_expected_values():
    f = form("dept_target", [ind("成本指标", "经济成本指标", "法律顾问费用", "≥6000元")])
    finding = next(x for x in run_rules(f, Config()) if x.rule == "PX409")
    target = f.indicators[0].target
    assert (finding.sheet, finding.cell) == (target.sheet, target.cell)
    assert finding.expected == "≤" and finding.actual == "≥" and finding.form == "dept_target"


def test_rules_markdown_lists_every_rule_and_not_yet():
    md = rules_markdown()
    for code in PINNED:
        assert f"### {code} " in md
    assert "## 尚未实现 (not yet)" in md
