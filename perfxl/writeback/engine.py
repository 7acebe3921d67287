"""One annotation pass over a package in memory: undo the previous run, then apply the plan.

Undoing first and then applying makes a run a function of (original workbook, plan): running
twice with the same plan gives the same parts, and a cell that is no longer flagged gets its
original style back.
"""

from __future__ import annotations

from collections import defaultdict

from perfxl.errors import PerfxlFileError
from perfxl.writeback import comments as cm
from perfxl.writeback import findings_sheet as fs
from perfxl.writeback.book import Book
from perfxl.writeback.package import Package
from perfxl.writeback.record import SHEET_NAME as RECORD_SHEET
from perfxl.writeback.record import CellRecord, Record, shared_strings, sheet_table
from perfxl.writeback.sheetxml import SheetDoc, check_ref, ref_of
from perfxl.writeback.styles import FILL_RGB, SCORE_RGB, StyleBook, no_fill, solid_fill
from perfxl.writeback.xmlparts import (
    CT_COMMENTS, CT_VML, R, REL_COMMENTS, REL_STYLES, REL_VML, Relationships, XmlPart, rels_name,
)

_RANK = {"error": 0, "warning": 1, "info": 2}
_SST = R + "/sharedStrings"
# the Excel add-in's own record (perfxl/workbook/xlwings_book.py: STATE_SHEET, _STATE_HEADER[0])
EXCEL_STATE_SHEET = "perfxl_state"
EXCEL_STATE_MAGIC = "perfxl_state v1"


class Session:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.book = Book(pkg)
        styles = self.book.rels.by_type(REL_STYLES)
        name = self.book.rels.target_part(styles[0]) if styles else None
        data = pkg.get(name) if name is not None else None
        if name is None or data is None:
            raise PerfxlFileError("PX914", "工作簿缺少样式表 styles.xml")
        self.styles = StyleBook(XmlPart(name, data), data)
        self.docs: dict[str, SheetDoc] = {}
        self.rels: dict[str, Relationships] = {}
        self.changed = False
        self._derived_memo: dict[tuple, tuple[str, ...]] = {}  # (base style, severity, …) -> derived

    # -- access ----------------------------------------------------------------------------------
    def _sheet_part(self, sheet: str) -> tuple[str, bytes] | None:
        """(part name, bytes) of a worksheet; None when the workbook has no such sheet or part."""
        part = self.book.sheet_part(sheet)
        data = self.pkg.get(part) if part is not None else None
        return (part, data) if part is not None and data is not None else None

    def doc(self, sheet: str) -> SheetDoc:
        if sheet not in self.docs:
            found = self._sheet_part(sheet)
            if found is None:
                raise PerfxlFileError("PX914", f"找不到工作表“{sheet}”")
            self.docs[sheet] = SheetDoc(sheet, *found)
        return self.docs[sheet]

    def sheet_rels(self, doc: SheetDoc) -> Relationships:
        name = rels_name(doc.part_name)
        if name not in self.rels:
            self.rels[name] = Relationships(name, self.pkg.get(name))
        return self.rels[name]

    def _shared(self, data: bytes) -> list[str] | None:
        if b't="s"' not in data:
            return None
        sst = self.book.rels.by_type(_SST)
        sst_data = self.pkg.get(self.book.rels.target_part(sst[0])) if sst else None
        return shared_strings(sst_data) if sst_data else []

    def read_record(self) -> Record | None:
        found = self._sheet_part(RECORD_SHEET)
        if found is None:
            return None
        part, data = found
        rec = Record.from_xml(part, data, self._shared(data))
        return rec if rec.cells is not None else None

    def undo_excel_state(self) -> bool:
        """Undo what the Excel add-in (perfxl/workbook/xlwings_book.py) left in a workbook later
        checked on the command line: its veryHidden ``perfxl_state`` sheet lists each cell it
        coloured (with the original fill colour) and each score it wrote."""
        found = self._sheet_part(EXCEL_STATE_SHEET)
        if found is None:
            return False
        part, data = found
        table = sheet_table(part, data, self._shared(data))
        if not table or not table[0] or table[0][0] != EXCEL_STATE_MAGIC:
            return False
        names = self.book.sheet_names()
        for row in table[1:]:
            sheet, ref, kind, original, written = (row + [""] * 5)[:5]
            if sheet not in names or not ref or kind not in ("fill", "score"):
                continue
            doc = self.doc(sheet)
            r, c = check_ref(ref)
            cell = doc.find(r, c)
            if cell is None:
                continue
            if kind == "score" and written and doc.number_text(cell) == fs.number_text(float(written)):
                doc.clear_value(cell, "")
            if kind == "fill":
                fill = solid_fill(original.lstrip("#").rjust(8, "F")) if original else no_fill()
                doc.set_style(cell, str(self.styles.derive(int(doc.attr(cell, "s") or 0), fill=fill)))
        self.book.remove_sheet(EXCEL_STATE_SHEET)
        self.changed = True
        return True

    # -- undo --------------------------------------------------------------------------------------
    def undo(self, *, need_findings_sheet: bool) -> None:
        from_excel = self.undo_excel_state()
        rec = self.read_record()
        names = self.book.sheet_names()
        # the 校验结果 sheet is perfxl's when its record says so, or when the add-in wrote it
        ours = (rec is not None and rec.findings_sheet == fs.SHEET_NAME) or from_excel
        if fs.SHEET_NAME in names and not ours and need_findings_sheet:
            raise PerfxlFileError("PX914", "已有名为“校验结果”的工作表且不是 perfxl 生成的，请改名后再校验")
        if RECORD_SHEET in names and rec is None and need_findings_sheet:
            raise PerfxlFileError("PX914", "已有名为“_perfxl”的工作表且不是 perfxl 的标注记录")
        for cr in reversed(rec.cells or [] if rec else []):
            self._restore(cr)
        self._strip_comments()
        if ours:
            self.book.remove_sheet(fs.SHEET_NAME)
        if rec is not None:
            self.book.remove_sheet(RECORD_SHEET)

    def _restore(self, cr: CellRecord) -> None:
        if cr.sheet not in self.book.sheet_names() or self.book.sheet_part(cr.sheet) is None:
            return
        doc = self.doc(cr.sheet)
        row, col = check_ref(cr.cell)
        cell = doc.find(row, col)
        if cell is None:
            return
        if cr.value and doc.number_text(cell) == cr.value:
            doc.clear_value(cell, cr.orig_t())  # else the user typed over perfxl's score: keep it
        cur = doc.attr(cell, "s") or ""
        target = None
        if cur == cr.applied_s and self._describe(cur) == cr.applied_hash:
            target = self._original(cr, cur)
        elif self._still_perfxl(cur, cr):
            target = self._rebuild(cur, cr)  # Excel renumbered the styles since
        if target is not None:  # else the user restyled the cell: leave it
            doc.set_style(cell, target)
        if cr.has("cell"):
            doc.drop(row, col, drop_row=cr.has("row"))

    def _describe(self, s: str) -> str | None:
        try:
            return self.styles.describe(int(s or 0))
        except (PerfxlFileError, ValueError):
            return None

    def _original(self, cr: CellRecord, cur: str) -> str:
        if not cr.orig_s:
            return ""
        if self._describe(cr.orig_s) == cr.orig_hash:
            return cr.orig_s
        found = self.styles.find_described(cr.orig_hash)
        return str(found) if found is not None else self._rebuild(cur, cr)

    def _still_perfxl(self, cur: str, cr: CellRecord) -> bool:
        try:
            fill, font = self.styles.fill_of(int(cur or 0)), self.styles.font_of(int(cur or 0))
        except (PerfxlFileError, ValueError):
            return False
        if cr.orig_fill and fill is not None:
            fg = fill.find(".//{*}fgColor")
            if fg is not None and fg.get("rgb", "").upper() in FILL_RGB.values():
                return True
        if cr.orig_font and font is not None:
            color = font.find("{*}color")
            return color is not None and color.get("rgb", "").upper() == SCORE_RGB
        return False

    def _rebuild(self, cur: str, cr: CellRecord) -> str:
        el = self.styles.element_from
        s = self.styles.derive(int(cur or 0), fill=el(cr.orig_fill), font=el(cr.orig_font))
        return str(s)

    def _strip_comments(self) -> None:
        for sheet in self.book.sheet_names():
            part = self.book.sheet_part(sheet)
            if part is None or rels_name(part) not in self.pkg:
                continue
            rels = self.rels.get(rels_name(part)) or Relationships(rels_name(part), self.pkg.get(rels_name(part)))
            for rel in rels.by_type(REL_COMMENTS):
                cpart = rels.target_part(rel)
                data = self.pkg.get(cpart)
                if data is None or cm.AUTHOR.encode() not in data:
                    continue
                doc = self.doc(sheet)
                self.rels[rels.name] = rels
                comments = cm.CommentsPart(cpart, data)
                gone = {check_ref(ref) for ref in comments.remove_perfxl()}
                if not comments.dirty:
                    continue
                self._edit_vml(doc, rels, lambda vml: cm.remove_note_shapes(vml, gone))
                if len(comments):
                    self.pkg.set(cpart, comments.to_bytes())
                else:  # only perfxl's comments were there: the part was perfxl's
                    self.pkg.remove(cpart)
                    self.book.types.remove_override(cpart)
                    rels.remove(rel)
                    self._drop_empty_vml(doc, rels)
                self.changed = True

    def _vml_rel(self, doc: SheetDoc, rels: Relationships):
        rid = doc.legacy_rid()
        rel = rels.by_id(rid) if rid else None
        return rel if rel is not None and rel.get("Type") == REL_VML else None

    def _edit_vml(self, doc: SheetDoc, rels: Relationships, fn) -> None:
        rel = self._vml_rel(doc, rels)
        if rel is None:
            return
        name = rels.target_part(rel)
        data = self.pkg.get(name)
        if data is not None:
            self.pkg.set(name, fn(data))

    def _drop_empty_vml(self, doc: SheetDoc, rels: Relationships) -> None:
        rel = self._vml_rel(doc, rels)
        if rel is None:
            return
        name = rels.target_part(rel)
        if not cm.has_shapes(self.pkg.get(name) or b""):
            self.pkg.remove(name)
            self.book.types.remove_override(name)
            rels.remove(rel)
            doc.set_legacy_rid(None)

    # -- apply -------------------------------------------------------------------------------------
    def apply(self, plan) -> None:
        marks: dict[tuple[str, int, int], list] = {}
        for m in plan.marks:
            doc = self.doc(m.sheet)
            key = (m.sheet, *doc.anchor(*check_ref(m.cell)))
            entry = marks.setdefault(key, [m.severity, []])
            if _RANK.get(m.severity, 3) < _RANK.get(entry[0], 3):
                entry[0] = m.severity
            if m.comment and m.comment not in entry[1]:
                entry[1].append(m.comment)
        scores = {}
        for sw in plan.scores:
            self.doc(sw.sheet)  # PX914 for a sheet that does not exist
            scores[(sw.sheet, *check_ref(sw.cell))] = sw.value
        order = {n: i for i, n in enumerate(self.book.sheet_names())}
        records: list[CellRecord] = []
        notes: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for key in sorted(set(marks) | set(scores), key=lambda k: (order[k[0]], k[1], k[2])):
            sheet, row, col = key
            severity, texts = marks.get(key, (None, []))
            rec = self._restyle(self.doc(sheet), row, col, severity, scores.get(key))
            if rec is not None:
                records.append(rec)
            if texts:
                notes[sheet].append((row, col, "\n".join(texts)))
        for sheet, items in notes.items():
            self._add_comments(self.doc(sheet), items)
        st = fs.SheetStyles.build(self.styles)
        data, fref = fs.build(plan, st, set(order))
        pos = self.book.add_sheet(fs.SHEET_NAME, data)
        start, end = fref.split(":")
        absolute = "$" + start[0] + "$" + start[1:] + ":$" + end[0] + "$" + end[1:]
        self.book.add_local_name("_xlnm._FilterDatabase", pos, fs.sheet_ref(fs.SHEET_NAME, absolute))
        record = Record(findings_sheet=fs.SHEET_NAME, cells=records)
        self.book.add_sheet(RECORD_SHEET, record.to_xml(), state="veryHidden")
        self.changed = True

    def _restyle(self, doc: SheetDoc, row: int, col: int, severity: str | None, score) -> CellRecord | None:
        has_fill = severity in FILL_RGB
        cell = doc.find(row, col)
        writes = score is not None and (cell is None or doc.is_empty(cell))
        if not has_fill and not writes:
            return None  # info only, or the score cell already holds the user's value
        cell, new_cell, new_row = doc.ensure(row, col)
        orig_s = doc.attr(cell, "s") or ""
        base = int(orig_s or 0)
        flags = (["cell"] if new_cell else []) + (["row"] if new_row else [])
        value = ""
        if writes:
            t = doc.attr(cell, "t")
            if t:
                flags.append("t=" + t)
            value = fs.number_text(score)
            doc.write_number(cell, value)
        new_s, orig_hash, applied_hash, orig_fill, orig_font = self._derived(base, severity, writes, bool(orig_s))
        doc.set_style(cell, new_s)
        return CellRecord(
            sheet=doc.name, cell=ref_of(row, col), orig_s=orig_s, applied_s=new_s,
            orig_hash=orig_hash, applied_hash=applied_hash, orig_fill=orig_fill, orig_font=orig_font,
            value=value, flags=" ".join(flags),
        )

    def _derived(self, base: int, severity: str | None, writes: bool, had_style: bool) -> tuple[str, ...]:
        """The style perfxl applies over ``base`` and what the record keeps of both; a plan restyles
        many cells over a handful of distinct styles, so each combination is worked out once."""
        key = (base, severity, writes, had_style)
        memo = self._derived_memo
        if key not in memo:
            fill_rgb = FILL_RGB.get(severity) if severity is not None else None
            new_s = self.styles.derive(base, fill_rgb=fill_rgb, font_rgb=SCORE_RGB if writes else None)
            memo[key] = (
                str(new_s),
                self.styles.describe(base) if had_style else "",
                self.styles.describe(new_s),
                self.styles.fill_key(base).decode() if fill_rgb is not None else "",
                self.styles.font_key(base).decode() if writes else "",
            )
        return memo[key]

    def _add_comments(self, doc: SheetDoc, items: list[tuple[int, int, str]]) -> None:
        rels = self.sheet_rels(doc)
        found = rels.by_type(REL_COMMENTS)
        if found:
            cpart = rels.target_part(found[0])
        else:
            cpart = _free_name(self.pkg, "xl/comments{}.xml")
            rels.add(REL_COMMENTS, cpart)
            self.book.types.add_override(cpart, CT_COMMENTS)
        data = self.pkg.get(cpart)
        if data is None:
            self.pkg.set(cpart, cm.new_part([(ref_of(r, c), t) for r, c, t in items]))
        else:
            comments = cm.CommentsPart(cpart, data)
            # Excel allows one comment per cell: where the user has one, perfxl's message goes
            # only to the fill and the 校验结果 sheet.
            taken = comments.refs()
            items = [(r, c, t) for r, c, t in items if ref_of(r, c) not in taken]
            for r, c, t in items:
                comments.add(ref_of(r, c), t)
            self.pkg.set(cpart, comments.to_bytes())
        rel = self._vml_rel(doc, rels)
        if rel is None:
            vpart = _free_name(self.pkg, "xl/drawings/vmlDrawing{}.vml")
            blocks = set()
            for name in self.pkg.parts:
                if name.lower().endswith(".vml"):
                    blocks |= cm.idmap_blocks(self.pkg.get(name) or b"")
            self.pkg.set(vpart, cm.new_vml(max(blocks, default=0) + 1))
            doc.set_legacy_rid(rels.add(REL_VML, vpart))
            if self.book.types.content_type(vpart) != CT_VML:
                # An Override (not a Default for .vml) goes away with the part: clearing gives
                # back the original [Content_Types].xml.
                self.book.types.add_override(vpart, CT_VML)
        else:
            vpart = rels.target_part(rel)
        vml = self.pkg.get(vpart) or b""
        if not cm.is_known_vml(vml):
            raise PerfxlFileError("PX914", f"工作表“{doc.name}”的批注绘图格式无法识别")
        self.pkg.set(vpart, cm.add_note_shapes(vml, [(r, c, "perfxl:\n" + t) for r, c, t in items]))

    # -- output -------------------------------------------------------------------------------------
    def flush(self) -> None:
        for doc in self.docs.values():
            if doc.dirty:
                self.pkg.set(doc.part_name, doc.to_bytes())
        for name, rels in self.rels.items():
            if not rels.dirty:
                continue
            if rels.items():
                self.pkg.set(name, rels.to_bytes())
            else:
                self.pkg.remove(name)
        if self.styles.dirty:
            self.pkg.set(self.styles.part.name, self.styles.to_bytes())
        if self.changed or self.book.dirty:
            self.book.dirty = True
            self.book.flush()


def _free_name(pkg: Package, pattern: str) -> str:
    n = 1
    while pattern.format(n) in pkg:
        n += 1
    return pattern.format(n)
