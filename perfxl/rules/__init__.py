"""The rule catalogue: importing this package registers every rule family (see ``registry``)."""

from perfxl.rules import (  # noqa: F401 - imported for their @rule registrations
    px1_completeness,
    px2_money,
    px3_medium,
    px3_periods,
    px4_quality,
    px4_values,
    px5_dept,
    px5_scoring,
    px6_crossref,
    px6_units,
    px9_file,
)
from perfxl.rules.registry import (  # noqa: F401 - the public API
    RULES,
    Context,
    RuleSpec,
    rule,
    rules_markdown,
    run_folder_rules,
    run_rules,
    run_workbook_rules,
    select_rules,
)
