"""docs/rules.md is generated from the rule catalogue; a stale copy fails here."""

from pathlib import Path

from perfxl.rules.registry import rules_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_md_is_up_to_date():
    assert DOC.exists(), "docs/rules.md missing: perfxl rules --format markdown > docs/rules.md"
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: regenerate with `perfxl rules --format markdown > docs/rules.md`"
