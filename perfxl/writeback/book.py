"""workbook.xml, its relationships and [Content_Types].xml: the sheet list.

perfxl only appends its own sheets at the end and removes them again. Defined names are kept;
the ones scoped to a removed sheet go with it and later sheet-local scopes are renumbered, as
Excel does when a sheet is deleted.
"""

from __future__ import annotations

import re

from lxml import etree

from perfxl.errors import PerfxlFileError
from perfxl.writeback.package import Package
from perfxl.writeback.xmlparts import (
    CT_WORKSHEET, R, REL_OFFICE_DOC, REL_WORKSHEET, STRICT_MAIN, ContentTypes, Relationships,
    XmlPart, insert_in_order, q, rels_name,
)

_WORKBOOK_ORDER = ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews",
                   "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr",
                   "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                   "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]


class Book:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        ct = pkg.get("[Content_Types].xml")
        root_rels = pkg.get("_rels/.rels")
        if ct is None or root_rels is None:
            raise PerfxlFileError("PX914", "缺少 [Content_Types].xml 或 _rels/.rels，不是 OOXML 工作簿")
        self.types = ContentTypes(ct)
        package_rels = Relationships("_rels/.rels", root_rels)
        office = package_rels.by_type(REL_OFFICE_DOC)
        if not office:
            if b"purl.oclc.org/ooxml" in root_rels:
                raise PerfxlFileError("PX914", "严格 OOXML（Strict Open XML）格式，暂不支持回写")
            raise PerfxlFileError("PX914", "找不到工作簿主部件")
        self.name = package_rels.target_part(office[0])
        data = pkg.get(self.name)
        if data is None:
            raise PerfxlFileError("PX914", f"缺少工作簿部件 {self.name}")
        if STRICT_MAIN.encode() in data[:2000]:
            raise PerfxlFileError("PX914", "严格 OOXML（Strict Open XML）格式，暂不支持回写")
        self.part = XmlPart(self.name, data)
        self.rels = Relationships(rels_name(self.name), pkg.get(rels_name(self.name)))
        self.sheets_el = self.part.root.find(q("sheets"))
        if self.sheets_el is None:
            raise PerfxlFileError("PX914", "工作簿没有工作表列表")
        self.dirty = False
        # sheet name -> sheet_part(); the sheet list and its relationships change only through
        # add_sheet and remove_sheet, which start it afresh
        self._parts: dict[str, str | None] = {}

    # -- sheets --------------------------------------------------------------------------------------
    def sheet_elements(self) -> list[etree._Element]:
        return list(self.sheets_el.iterchildren(q("sheet")))

    def sheet_names(self) -> list[str]:
        return [s.get("name", "") for s in self.sheet_elements()]

    def sheet_part(self, name: str) -> str | None:
        """Part name of a worksheet (None when absent or not a worksheet, e.g. a chart sheet)."""
        if name not in self._parts:
            self._parts[name] = self._find_sheet_part(name)
        return self._parts[name]

    def _find_sheet_part(self, name: str) -> str | None:
        for s in self.sheet_elements():
            if s.get("name") == name:
                rel = self.rels.by_id(s.get(f"{{{R}}}id", ""))
                if rel is None or rel.get("Type") != REL_WORKSHEET:
                    return None
                return self.rels.target_part(rel)
        return None

    def remove_sheet(self, name: str) -> None:
        for pos, s in enumerate(self.sheet_elements()):
            if s.get("name") != name:
                continue
            rel = self.rels.by_id(s.get(f"{{{R}}}id", ""))
            if rel is not None:
                part = self.rels.target_part(rel)
                self.pkg.remove(part)
                self.pkg.remove(rels_name(part))
                self.types.remove_override(part)
                self.rels.remove(rel)
            self.sheets_el.remove(s)
            self._parts.clear()
            self._renumber_local_names(pos)
            self._clamp_views()
            self.dirty = True
            return

    def add_sheet(self, name: str, data: bytes, *, state: str | None = None) -> int:
        """Append a worksheet part and its sheet entry; returns its 0-based position."""
        n = 1
        while f"xl/worksheets/sheet{n}.xml" in self.pkg:
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        self.pkg.set(part, data)
        self.types.add_override(part, CT_WORKSHEET)
        rid = self.rels.add(REL_WORKSHEET, part)
        ids = [int(s.get("sheetId", "0")) for s in self.sheet_elements()]
        # declare r: here unless the workbook already maps it (openpyxl's files do not): lxml's
        # invented ns0/ns5 prefixes would differ from run to run
        nsmap = None if R in self.sheets_el.nsmap.values() else {"r": R}
        el = etree.SubElement(self.sheets_el, q("sheet"), nsmap=nsmap)
        el.set("name", name)
        el.set("sheetId", str(max(ids, default=0) + 1))
        if state:
            el.set("state", state)
        el.set(f"{{{R}}}id", rid)
        self.dirty = True
        self._parts.clear()
        return len(self.sheet_elements()) - 1

    # -- defined names -------------------------------------------------------------------------------
    def add_local_name(self, name: str, position: int, ref: str, *, hidden: bool = True) -> None:
        names = self.part.root.find(q("definedNames"))
        if names is None:
            names = etree.Element(q("definedNames"))
            insert_in_order(self.part.root, names, _WORKBOOK_ORDER)
        el = etree.SubElement(names, q("definedName"), name=name, localSheetId=str(position))
        if hidden:
            el.set("hidden", "1")
        el.text = ref
        self.dirty = True

    def _renumber_local_names(self, pos: int) -> None:
        names = self.part.root.find(q("definedNames"))
        if names is None:
            return
        for dn in list(names.iterchildren(q("definedName"))):
            lid = dn.get("localSheetId")
            if lid is None or not re.fullmatch(r"\d+", lid):
                continue
            if int(lid) == pos:
                names.remove(dn)
            elif int(lid) > pos:
                dn.set("localSheetId", str(int(lid) - 1))
        if not len(names):
            self.part.root.remove(names)

    def _clamp_views(self) -> None:
        last = len(self.sheet_elements()) - 1
        for view in self.part.root.iterfind(f"{q('bookViews')}/{q('workbookView')}"):
            for attr in ("activeTab", "firstSheet"):
                v = view.get(attr)
                if v is not None and v.isdigit() and int(v) > last:
                    view.set(attr, str(max(last, 0)))

    def flush(self) -> None:
        if self.dirty:
            self.pkg.set(self.name, self.part.to_bytes())
            self.pkg.set(self.rels.name, self.rels.to_bytes())
            self.pkg.set("[Content_Types].xml", self.types.to_bytes())
