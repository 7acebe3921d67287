"""Which form kind a sheet holds — decided by the columns present, never by the title.

002's second table is titled "…目标自评表" but has only 指标值: it is a ``dept_target``.
"""

from __future__ import annotations

import re

from perfxl.labels import norm
from perfxl.reader.sheet import SheetView
from perfxl.reader.tables import Heading

_DEPT_MARKERS = tuple(norm(x) for x in (
    "单位主要职能", "单位职能", "部门职能", "机构设置及人员配置", "基本支出", "部门预算编码", "编制人数",
    "实有人数", "年度履职目标", "一般性支出情况", "年度主要任务及预算构成", "部门整体资金万元", "中长期目标",
    "部门单位名称", "单位名称",
))
_PROJECT_MARKERS = tuple(norm(x) for x in ("项目名称",))
_STATED_SCORE = re.compile(r"自评得分\d")
_DEPT_SELFEVAL_MARKERS = ("履职效能", "管理效率", "部门预算资金支出率", "单项自评得分", "年度实现值")


def classify(view: SheetView, headings: list[Heading]) -> str | None:
    keys: set[str] = set()
    for h in headings:
        keys.update(h.columns)
    distinct = view.cells_by_text  # each text once: "is there a cell that …" asks no more
    texts = {t for t in distinct if len(t) <= 30}
    has = lambda markers: any(m in texts for m in markers)  # noqa: E731
    mentions = lambda words: any(any(w in t for w in words) for t in distinct)  # noqa: E731

    if keys & {"actual", "completion_rate"} and keys & {"weight", "score"}:
        if "completion_rate" in keys or mentions(_DEPT_SELFEVAL_MARKERS) and not has(_PROJECT_MARKERS):
            return "dept_selfeval"
        return "project_selfeval"
    if "actual" in keys:  # 实际完成值 without 分值/得分 columns is still a self-evaluation
        return "project_selfeval" if has(_PROJECT_MARKERS) else "dept_selfeval"
    if keys & {"medium_level2", "medium_level3"}:
        return "project_target"
    if "medium_target" in keys and mentions(("自评",)) and not has(_PROJECT_MARKERS):
        return "dept_selfeval"
    if headings:
        if has(_PROJECT_MARKERS) and not has(_DEPT_MARKERS):
            return "project_target"
        if "medium_target" in keys and has(_PROJECT_MARKERS):
            return "project_target"
        return "dept_target"
    # a report typed as sentences, without an indicator table
    # (notes sheets that merely mention the words do not count: a score must be stated)
    if mentions(("履职效能",)) and any(_STATED_SCORE.search(t) for t in distinct):
        return "dept_selfeval"
    return None
