"""部门整体支出绩效自评 (Guangzhou scheme, seed 004).

The official document is a report: most numbers sit in sentences ("决算支出 602.05 万元（其中，基本支出
574.13 万元，占比为 95.36%…"). A hand-typed workbook mixes those sentences with small tables. Both
are read: label cells first, then sentences, each value keeping the cell that holds it.
"""

from __future__ import annotations

import re

from perfxl.forms.common import Context, read_header, read_indicator_tables
from perfxl.forms.specs import DEPT_SELFEVAL_FIELDS, ColumnSpec
from perfxl.labels import nfkc, norm
from perfxl.model import Form, Line
from perfxl.reader.fields import read_beside, text_field, typed
from perfxl.reader.lines import find_heading_row, read_lines
from perfxl.reader.tables import heading_cells
from perfxl.workbook.base import parse_a1

KIND = "dept_selfeval"

N = r"(-?\d+(?:\.\d+)?)"
_SHARE = re.compile(r"([\u4e00-\u9fff]{2,16}?)" + N + r"万元[，,、]?占比(?:为)?" + N + "%")
_CHANGE = re.compile(N + r"万元[，,]?[\u4e00-\u9fff]{0,8}?比(年初预算|上年|去年|上年度)(减少|增加|下降|增长)" + N
                     + r"万元[，,]?(下降|增长|减少|增加|上升)" + N + "%")
# "…决算数 871.20 万元，比年初预算增加 21.20 万元，增长 2.49%；决算数比上年减少 28.80 万元，下降 3.20%":
# the second change names its subject instead of following its amount; the amount is that subject's
# latest figure earlier in the sentence
_CHANGE_NAMED = re.compile(r"(决算数|决算支出|调整预算数|预算收入|总收入)比(年初预算|上年|去年|上年度)(减少|增加|下降|增长)" + N
                           + r"万元[，,]?(下降|增长|减少|增加|上升)" + N + "%")
_COUNT = re.compile(r"(服务对象满意度指标|可持续影响指标|社会效益指标|经济效益指标|生态效益指标|满意度指标|数量指标|"
                    r"质量指标|时效指标|成本指标|产出指标|效益指标|效益指)" + r"(\d+)个")
_GRADE = re.compile(r"自评等级(?:为|是)?[“\"'「]?(优|良|中|差)")
_SECTION_SCORE = re.compile(r"指标得分" + N + r"分[，,]?(?:其中)?[，,]?自评得分" + N + "分")
_MGMT_ITEM = re.compile(r"(预算编制|预算执行|信息公开|绩效管理|采购管理|资产管理|运行成本)[，,:：]?指标得分" + N + "分")
_MGMT_SUB = re.compile(r"([\u4e00-\u9fff“”\"]{2,20}?)自评得分" + N + "分")
_MGMT_TOTAL = re.compile(r"合计(?:得分)?(?:为)?" + N + "分")
_BANDS = (
    ("n_lt60", re.compile(r"完成率在60%以下的指标有(\d+)个")),
    ("n_60_100", re.compile(r"完成率在60-100%的指标有(\d+)个")),
    ("n_100_150", re.compile(r"完成率在100-150%的指标有(\d+)个")),
    ("n_gt150", re.compile(r"完成率在150%以上的指标有(\d+)个")),
)
_BLOCK_TOTAL = re.compile(r"合计得分(?:为)?" + N + "分")
_BLOCK_KIND = re.compile(r"共设置(产出|效益)指标")
_SENTENCE_FIELDS = (
    ("spend_initial", re.compile(r"初预算支出" + N + "万元")),
    ("spend_adjusted", re.compile(r"调整预算支出" + N + "万元")),
    ("spend_final", re.compile(r"决算支出" + N + "万元")),
    ("exec_rate", re.compile(r"部门预算执行率(?:为)?" + N + "%")),
    ("income_initial", re.compile(r"预算收入" + N + "万元")),
    ("income_adjusted", re.compile(r"调整预算数" + N + "万元")),
    ("income_final", re.compile(r"决算数" + N + "万元")),
    ("rate_initial", re.compile(r"年初预算金额(?:为)?" + N + "万元")),
    ("rate_adjusted", re.compile(r"调整后预算金额(?:为)?" + N + "万元")),
    ("rate_actual", re.compile(r"实际支付(?:金额)?(?:为)?" + N + "万元")),
    ("rate_stated", re.compile(r"年度预算执行率(?:为)?" + N + "%")),
)
_FIELD_KINDS = {k: ("pct" if k in ("exec_rate", "rate_stated") else "money") for k, _ in _SENTENCE_FIELDS}

_LABEL_FIELDS = DEPT_SELFEVAL_FIELDS
_SHARE_COLUMNS = (
    ColumnSpec("amount", ("金额", "金额万元", "决算数", "支出金额", "决算支出"), "money"),
    ColumnSpec("share", ("占比", "占比%", "比例"), "pct"),
)
_ECONOMIC = ("工资福利", "商品和服务", "对个人和家庭", "资本性", "对企业补助", "债务利息")
_MGMT_COLUMNS = (
    ColumnSpec("weight", ("分值", "指标得分", "指标分值", "权重"), "score"),
    ColumnSpec("score", ("自评得分", "得分"), "score"),
)
_MGMT_ITEMS = ("预算编制", "预算执行", "信息公开", "绩效管理", "采购管理", "资产管理", "运行成本")


def read(ctx: Context) -> Form:
    form = Form(kind=KIND, sheet=ctx.view.name)
    block_of = lambda h: "performance" if "actual" in h.columns else "target"  # noqa: E731
    performance = []
    for h, rows in read_indicator_tables(ctx, ctx.headings, block_of=block_of):
        form.indicators.extend(rows)
        if rows and block_of(h) == "performance":
            performance.append(rows)
    read_header(ctx, form, ("unit_name",))
    _read_share_table(ctx, form)
    _read_management_table(ctx, form)
    ctx.scalars(form, _LABEL_FIELDS)
    _read_section_scores(ctx, form)
    _read_sentences(ctx, form)
    _read_blocks(ctx, form, performance)
    return form


def _sentence_cells(ctx: Context) -> list[tuple[int, int, str]]:
    """Every long cell as one line of NFKC text (computed once per sheet: several passes read it)."""
    view = ctx.view
    if "sentences" not in view.memo:
        view.memo["sentences"] = [(r, c, nfkc(view.text(r, c)).replace(" ", "").replace("\n", ""))
                                  for r, c, t in view.all_anchors if len(t) >= 8]
    return view.memo["sentences"]


def _read_sentences(ctx: Context, form: Form) -> None:
    view = ctx.view
    section = ""
    shares_found = bool(form.tables.get("shares"))
    sections = _section_rows(ctx)
    for r, c, s in _sentence_cells(ctx):
        section = sections.get(r, "")
        for key, rx in _SENTENCE_FIELDS:
            m = rx.search(s)
            if m and key not in form.fields:
                form.fields[key] = text_field(view, key, _FIELD_KINDS[key], m.group(1), r, c)
        if not shares_found:
            for m in _SHARE.finditer(s):
                name = m.group(1).removeprefix("其中").removeprefix("从经济性质分类来看")
                role = "by_economic" if any(name.startswith(e) for e in _ECONOMIC) else "by_type"
                form.tables.setdefault("shares", []).append(Line(
                    sheet=view.name, row=r + 1, role=role, name=text_field(view, "name", "text", name, r, c),
                    values={"amount": text_field(view, "amount", "money", m.group(2), r, c),
                            "share": text_field(view, "share", "pct", m.group(3) + "%", r, c)}))
        for m in _CHANGE.finditer(s):
            direction = "decrease" if m.group(3) in ("减少", "下降") else "increase"
            form.tables.setdefault("changes", []).append(Line(
                sheet=view.name, row=r + 1, role=direction, name=text_field(view, "name", "text", m.group(2), r, c),
                values={"current": text_field(view, "current", "money", m.group(1), r, c),
                        "amount": text_field(view, "amount", "money", m.group(4), r, c),
                        "pct": text_field(view, "pct", "pct", m.group(6) + "%", r, c)}))
        covered = [m.span() for m in _CHANGE.finditer(s)]
        for m in _CHANGE_NAMED.finditer(s):
            if any(a <= m.start() < b for a, b in covered):
                continue
            prior = list(re.finditer(re.escape(m.group(1)) + N + "万元", s[:m.start()]))
            if not prior:
                continue
            direction = "decrease" if m.group(3) in ("减少", "下降") else "increase"
            form.tables.setdefault("changes", []).append(Line(
                sheet=view.name, row=r + 1, role=direction, name=text_field(view, "name", "text", m.group(2), r, c),
                values={"current": text_field(view, "current", "money", prior[-1].group(1), r, c),
                        "amount": text_field(view, "amount", "money", m.group(4), r, c),
                        "pct": text_field(view, "pct", "pct", m.group(6) + "%", r, c)}))
        if "设立" in s or "共设" in s:
            for m in _COUNT.finditer(s):
                name = m.group(1) + ("标" if m.group(1).endswith("指") else "")
                if "每个指标" in s and "完成率" in s:
                    continue  # the band sentences restate counts per block; the 绩效管理情况 sentence is the declaration
                form.tables.setdefault("declared_counts", []).append(Line(
                    sheet=view.name, row=r + 1, name=text_field(view, "name", "text", name, r, c),
                    values={"count": text_field(view, "count", "int", m.group(2), r, c)}))
        m = _GRADE.search(s)
        if m and "grade_stated" not in form.fields:
            form.fields["grade_stated"] = text_field(view, "grade_stated", "enum", m.group(1), r, c)
        m = _SECTION_SCORE.search(s)
        if m:
            prefix = {"履职效能": "duty", "管理效率": "mgmt", "部门预算资金支出率": "rate"}.get(section)
            if "支出率" in s[:20]:
                prefix = "rate"
            if prefix and f"{prefix}_weight" not in form.fields:
                form.fields[f"{prefix}_weight"] = text_field(view, f"{prefix}_weight", "score", m.group(1), r, c)
                form.fields[f"{prefix}_score"] = text_field(view, f"{prefix}_score", "score", m.group(2), r, c)
        m = _MGMT_ITEM.search(s)
        if m and not _has_management_table(form):
            _management_sentence(ctx, form, m, s, r, c)


_SECTIONS = {"履职效能": "duty", "部门预算资金支出率": "rate", "管理效率": "mgmt"}


def _section_rows(ctx: Context) -> dict[int, str]:
    """Row -> the section (履职效能 / 部门预算资金支出率 / 管理效率) whose heading is nearest above."""
    view = ctx.view
    if "sections" not in view.memo:
        view.memo["sections"] = _find_sections(view)
    return view.memo["sections"]


def _find_sections(view) -> dict[int, str]:
    starts = []
    for r, c, t in view.all_anchors:
        if len(t) <= 16:
            for key in _SECTIONS:
                if key in t and not t.endswith("合计"):
                    starts.append((r, key))
    out: dict[int, str] = {}
    current = ""
    marks = dict(starts)
    for r in range(view.height):
        current = marks.get(r, current)
        out[r] = current
    return out


def _read_section_scores(ctx: Context, form: Form) -> None:
    """"履职效能 | 指标得分 | 50 | 自评得分 | 49.98" — the label cells in or just below a section heading."""
    view = ctx.view
    sections = _section_rows(ctx)
    for label, suffix in (("指标得分", "weight"), ("自评得分", "score")):
        for r, c in view.find((label,)):
            key = _SECTIONS.get(sections.get(r, ""))
            if not key or f"{key}_{suffix}" in form.fields or r in ctx.table_rows:
                continue
            f = read_beside(view, f"{key}_{suffix}", "score", r, c)
            if f is not None and f.value is not None:
                form.fields[f.key] = f


def _has_management_table(form: Form) -> bool:
    return any(l.values.get("_table") for l in form.tables.get("management", []))


def _management_sentence(ctx: Context, form: Form, m: re.Match, s: str, r: int, c: int) -> None:
    view = ctx.view
    lines = form.tables.setdefault("management", [])
    total = _MGMT_TOTAL.search(s)
    values = {"weight": text_field(view, "weight", "score", m.group(2), r, c)}
    if total:
        values["score"] = text_field(view, "score", "score", total.group(1), r, c)
    lines.append(Line(sheet=view.name, row=r + 1, role="item",
                      name=text_field(view, "name", "text", m.group(1), r, c), values=values))
    rest = s[m.end():]
    for sm in _MGMT_SUB.finditer(rest):
        name = sm.group(1).removeprefix("其中")
        lines.append(Line(sheet=view.name, row=r + 1, role="sub", name=text_field(view, "name", "text", name, r, c),
                          values={"score": text_field(view, "score", "score", sm.group(2), r, c)}))


def _read_share_table(ctx: Context, form: Form) -> None:
    """Every "金额 | 占比" table (支出 by type, 经济分类); only rows stating a share are shares."""
    view = ctx.view
    out = []
    share_rows = sorted({r for r, _ in view.find(("占比", "占比%", "比例"))})  # only these can be headings
    for r0 in share_rows:
        keys = {k for _, _, k in heading_cells(view, r0, _SHARE_COLUMNS)}
        if keys != {"amount", "share"} or r0 in ctx.table_rows:
            continue
        found = find_heading_row(view, _SHARE_COLUMNS, min_matches=2, rows=range(r0, r0 + 1))
        if not found:
            continue
        _, colmap = found
        lines = read_lines(view, r0, colmap, {"amount": "money", "share": "pct"}, name_col=None, max_rows=20,
                           stop_on_label=False)
        for line in lines:
            name = norm(line.name.raw) if line.name else ""
            share = line.values.get("share")
            if not name or line.role == "total" or share is None or share.value is None:
                continue
            line.role = "by_economic" if any(name.startswith(e) for e in _ECONOMIC) else "by_type"
            out.append(line)
    if out:
        form.tables["shares"] = out


def _read_management_table(ctx: Context, form: Form) -> None:
    """A 管理效率 table: item | sub-item | 分值 | 自评得分, with 小计 rows and a closing 合计."""
    view = ctx.view
    item_names = {norm(x) for x in _MGMT_ITEMS}
    hits = [(r, c) for r, c in view.find(_MGMT_ITEMS) if r not in ctx.table_rows]
    if not hits:
        return
    r_item, c_item = hits[0]
    found = find_heading_row(view, _MGMT_COLUMNS, min_matches=2, rows=range(r_item - 1, max(-1, r_item - 12), -1))
    if not found:
        return
    r0, colmap = found
    first_value = min(colmap.values())
    out: list[Line] = []
    item: Line | None = None
    r = r0 + 1
    while r < view.height and not view.is_blank_row(r):
        texts = [(c, view.ntext(r, c)) for c in range(0, first_value) if view.ntext(r, c) and view.anchor(r, c)[0] == r]
        values = {k: typed(view, k, "score", r, c) for k, c in colmap.items()}
        label = texts[0][1] if texts else ""
        if label.startswith(("小计", "合计")) or label.endswith("合计"):
            if "管理效率" in label or (label.startswith("合计") and item is None):
                # colmap holds both columns (find_heading_row matched both of _MGMT_COLUMNS)
                form.fields.setdefault("mgmt_weight", values["weight"])
                form.fields.setdefault("mgmt_score", values["score"])
            elif item is not None:
                item.values.update({f"subtotal_{k}": v for k, v in values.items()})
            r += 1
            continue
        own_item = next(((c, t) for c, t in texts if c <= c_item and t in item_names), None)
        if own_item is not None:
            item = Line(sheet=view.name, row=r + 1, role="item", name=typed(view, "name", "text", r, own_item[0]),
                        values={})
            out.append(item)
        sub = next(((c, t) for c, t in texts if c > c_item), None)
        if sub is not None:
            out.append(Line(sheet=view.name, row=r + 1, role="sub", name=typed(view, "name", "text", r, sub[0]),
                            values=values))
        elif item is not None and own_item is not None:
            item.values.update(values)
        r += 1
    for line in out:  # an item's 分值/得分 are its 小计 row, else the sum the table shows per item
        if line.role == "item":
            for k in ("weight", "score"):
                if f"subtotal_{k}" in line.values:
                    line.values[k] = line.values.pop(f"subtotal_{k}")
    if out:
        if out[0].name is not None:  # always: every line above is named with typed()
            out[0].values["_table"] = out[0].name
        form.tables["management"] = out
        ctx.table_rows.update(range(r0, r))


def _read_blocks(ctx: Context, form: Form, tables: list[list]) -> None:
    """One block per 履职效能 table: its (分值 N) weights, its 综合得分 row, the band sentences.

    A block is the table, not the 一级: one table may hold 效益 (分值10) and 满意度 (分值10) under one
    综合得分 of 20. ``Line.members`` lists the rows the block sums.
    """
    view = ctx.view
    blocks: list[tuple[str, Line]] = []
    for rows in tables:
        first = rows[0]
        raw = first.level1.raw if first.level1 else ""
        name = "产出指标" if "产出" in raw else "效益指标" if "效益" in raw else raw
        line = Line(sheet=view.name, row=first.row, name=first.level1, values={},
                    members=tuple(i.row for i in rows))
        weights, seen = [], set()
        for ind in rows:
            if ind.level1 is not None and ind.level1.cell not in seen:
                seen.add(ind.level1.cell)
                m = re.search(r"分值\s*" + N, nfkc(ind.level1.raw))
                if m:
                    weights.append((float(m.group(1)), ind.level1))
        if weights:
            total = sum(w for w, _ in weights)
            line.values["weight"] = text_field(view, "weight", "score", f"{total:g}", *parse_a1(weights[0][1].cell))
        last = rows[-1].row - 1  # 0-based row of the last indicator
        for r in range(last + 1, min(view.height, last + 4)):
            for c0, _, t in view.own_row_cells[r]:
                if t.endswith("综合得分"):
                    pos = view.next_right(r, c0, limit=20)
                    if pos is not None:
                        line.values["score"] = typed(view, "score", "score", *pos)
                    break
        blocks.append((name, line))
    for r, c, s in _sentence_cells(ctx):
        mk = _BLOCK_KIND.search(s)
        if not mk:
            continue
        name = mk.group(1) + "指标"
        found = next((l for n, l in blocks if n == name), None)
        if found is None:
            found = Line(sheet=view.name, row=r + 1, name=text_field(view, "name", "text", name, r, c))
            blocks.append((name, found))
        line = found
        for key, rx in _BANDS:
            m = rx.search(s)
            if m:
                line.values[key] = text_field(view, key, "int", m.group(1), r, c)
        m = _BLOCK_TOTAL.search(s)
        if m:
            line.values["stated_total"] = text_field(view, "stated_total", "score", m.group(1), r, c)
    if blocks:
        form.tables["blocks"] = [l for _, l in blocks]
