"""Edits of a worksheet part made on its bytes, for sheets in the plain shape every common writer
produces: parsing a form's sheet with lxml and serialising it again costs more than the rest of
an annotation, while perfxl changes only a few ``<c>`` elements.

A sheet is *plain* when it is well-formed (checked with expat, which builds no tree; _Survey
reads the rows and merged ranges in their common shape with patterns instead), has no
comment, CDATA, DOCTYPE or processing instruction, declares the main namespace once, as the
root's default one, declares the relationships namespace at most once (on the root, or on the
<legacyDrawing> perfxl adds), every cell starts ``<c r="A1"`` with a canonical address, and the
end tags of cells and their values are written ``</c>``, ``</v>``.
Then a cell's bytes are found by its address alone, and nothing else can look like one.

Each edit produces what lxml would serialise for the same change to the element (a new
attribute goes last, an emptied cell closes itself, a removed element takes its tail), so a sheet
edited here and a sheet lxml wrote compare equal once lxml has written both. Anything outside
these cases (a cell or row to create or remove, an entity in a value, a tag lxml would place
among others) raises NeedsTree: the caller parses the part with lxml and goes on there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.parsers import expat

from perfxl.writeback.xmlparts import MAIN, R

# What follows <legacyDrawing> among a worksheet's children (sheetxml.WORKSHEET_ORDER): when none
# of these is anywhere in the part, lxml would append a new one last.
_AFTER_LEGACY = re.compile(rb"<(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems"
                           rb"|tableParts|extLst)")
# a cell start tag that does not begin with a canonical address
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")[\s/>]')
# an end tag of a cell or its value with space before ">": the patterns below look for "</c>"
_ODD_END = re.compile(rb"</(?:c|v|f|is)\s")
_ATTRS = rb"((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)(\s*)(/?)>"
_CELL_START = re.compile(rb"<c" + _ATTRS)
_LEGACY = re.compile(rb"<legacyDrawing" + _ATTRS)
_ATTR = re.compile(rb"\s+([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_VALUE_CHILD = re.compile(rb"<(?:v|f|is)[\s/>]")
_V = re.compile(rb"<v(?:/>|>([^<]*)</v>)")
_ANY_V = re.compile(rb"<v[\s/>]")
_V_WITH_TAIL = re.compile(rb"<v(?:\s[^>]*)?(?:/>|>[^<]*</v>)[^<]*")
_F = re.compile(rb"<f[\s/>]")
_TAIL = re.compile(rb"[^<]*")
_MERGE = re.compile(rb'<mergeCell ref="([^"&]*)"')
_OWN_LEGACY = b'<legacyDrawing xmlns:r="' + R.encode() + b'" r:id="'  # what set_legacy_rid writes


# The content of <sheetData> in the shape Excel and openpyxl write it: rows of cells whose
# attributes come in the schema's order, each cell an optional <f>, <v> and inline <is><t>, no
# whitespace between elements, attribute values without entities, text with only the predefined
# entities and character references to characters XML allows. Content this pattern matches (with
# what _Survey._skim checks besides: UTF-8 above 0x7f, no "]]>", x14ac: declared on the root; xml:
# needs no declaration) is well-formed and namespace-well-formed wherever it stands, declares no
# namespace and holds no comment, CDATA or processing instruction: it cannot change what expat
# finds in the rest of the part.
_VALUE = rb'"[^"<&\x00-\x08\x0b\x0c\x0e-\x1f]*+"'
_CHARS = rb"[^<&\x00-\x08\x0b\x0c\x0e-\x1f]*+"
# decimal references to #x9, #xA, #xD, #x20-#xD7FF and #xE000-#xFFFD, without leading zeros
_CHAR_REF = (rb"&#(?:9|1[03]|3[2-9]|[4-9][0-9]|[1-9][0-9]{2,3}|[1-4][0-9]{4}|5[0-4][0-9]{3}"
             rb"|55[01][0-9]{2}|552[0-8][0-9]|5529[0-5]|5734[4-9]|573[5-9][0-9]|57[4-9][0-9]{2}"
             rb"|5[89][0-9]{3}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-3]);")
_TEXT = _CHARS + rb"(?:(?:&(?:amp|lt|gt|quot|apos);|" + _CHAR_REF + rb")" + _CHARS + rb")*+"


def _optional(*names: bytes) -> bytes:
    return b"".join(rb"(?: " + name + b"=" + _VALUE + rb"|)" for name in names)


_F_ELEMENT = (rb"<f" + _optional(b"t", b"aca", b"ref", b"dt2D", b"dtr", b"del1", b"del2", b"r1", b"r2",
                                 b"ca", b"si", b"bx") + rb"(?:/>|>" + _TEXT + rb"</f>)")
_CELL_ELEMENT = (rb'<c r="[A-Z]{1,3}+[1-9][0-9]{0,6}+"' + _optional(b"s", b"t")
                 + rb"(?:/>|>(?:" + _F_ELEMENT + rb"|)(?:<v>" + _TEXT + rb"</v>|)"
                 rb'(?:<is><t(?: xml:space="preserve"|)>' + _TEXT + rb"</t></is>|)</c>)")
_ROW_ELEMENT = (rb"<row" + _optional(b"r", b"spans", b"s", b"customFormat", b"ht", b"hidden",
                                     b"customHeight", b"outlineLevel", b"collapsed", b"thickTop",
                                     b"thickBot", b"ph", b"x14ac:dyDescent")
                + rb"(?:/>|>(?>" + _CELL_ELEMENT + rb")*+</row>)")
_ROWS = re.compile(rb"(?>" + _ROW_ELEMENT + rb")*+")
# A run of <mergeCell> elements with plain references: content as neutral as _ROWS's
_MERGE_RUN = re.compile(rb'(?:<mergeCell ref="[\x20\x21\x23-\x25\x27-\x3b\x3d-\x7e]*+"/>)*+')
_UTF8_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_SHEET_DATA, _SHEET_DATA_END = b"<sheetData>", b"</sheetData>"


@lru_cache(maxsize=64)  # the forms of one template share their merged ranges, and what follows
def _merge_refs(part_from_first: bytes) -> tuple[str, ...] | None:
    """The ref of each <mergeCell> in the part from the first one on; None when one is written in a
    way _MERGE does not read."""
    found = _MERGE.findall(part_from_first)
    if len(found) != part_from_first.count(b"<mergeCell") - part_from_first.count(b"<mergeCells"):
        return None
    return tuple(ref.decode() for ref in found)


class _Survey:
    """One expat pass over the part: it is well-formed, and what it declares where. Expat calls
    back only for the rare events asked for, so this costs half an lxml parse and builds nothing.

    The rows, most of the part, are read with _ROWS instead when they match it (expat spends
    about twice the time on them), and so is the run of <mergeCell> elements with _MERGE_RUN:
    expat then parses the part without them, and offsets past them are those in the whole part.
    Content cut out this way stands between a ">" and a "</": if expat accepts the part without
    it, no comment or other construct runs across the cut and the content stands in an element,
    where neutral content changes nothing expat finds."""

    def __init__(self, data: bytes, *, skim: bool = True):
        self.rows: tuple[int, int] | None = None  # the span of the part _ROWS read, if it did
        self.merges: tuple[int, int] | None = None  # ... and _MERGE_RUN
        if not (skim and self._skim(data)):
            self._parse(data)

    def _parse(self, data: bytes, kept: list[tuple[int, int]] | None = None) -> None:
        """Survey the part, or only the ``kept`` spans of it (in order)."""
        shifts = [(0, 0)]  # (offset in what expat reads, what to add from there on)
        if kept is not None:
            shifts, read = [], 0
            for start, end in kept:
                shifts.append((read, start - read))
                read += end - start
            data = b"".join(data[start:end] for start, end in kept)
        self.odd = False  # a comment, CDATA, DOCTYPE or processing instruction, or not well-formed
        self.root = -1
        self.defaults: list[tuple[int, str | None]] = []  # (offset of the element, namespace)
        self.r_decls: list[tuple[str, int]] = []  # (prefix, offset) of relationships declarations
        self.root_prefixes: set[str] = set()
        parser = expat.ParserCreate(namespace_separator=" ")

        def declared(prefix: str | None, uri: str | None) -> None:
            at = parser.CurrentByteIndex
            at += [shift for read, shift in shifts if read <= at][-1]
            if self.root < 0:
                self.root = at
            if prefix is None:
                self.defaults.append((at, uri))
            elif uri == R:
                self.r_decls.append((prefix, at))
            if at == self.root and prefix is not None:
                self.root_prefixes.add(prefix)

        def odd(*_) -> None:
            self.odd = True

        parser.StartNamespaceDeclHandler = declared
        parser.CommentHandler = parser.StartCdataSectionHandler = odd
        parser.ProcessingInstructionHandler = parser.StartDoctypeDeclHandler = odd
        try:
            parser.Parse(data, True)
        except expat.ExpatError:
            self.odd = True
        # the handlers refer to the parser: without them both go by reference count, not by the
        # cyclic collector
        parser.StartNamespaceDeclHandler = parser.CommentHandler = None
        parser.StartCdataSectionHandler = parser.ProcessingInstructionHandler = None
        parser.StartDoctypeDeclHandler = None

    def _skim(self, data: bytes) -> bool:
        """Survey the part with its rows read by _ROWS; False (nothing surveyed) when that is not
        sure to find what expat would."""
        if not data.startswith(_UTF8_DECL):
            return False  # the rows are read as UTF-8 below
        start = data.find(_SHEET_DATA)
        if start < 0:
            return False
        start += len(_SHEET_DATA)
        end = data.find(_SHEET_DATA_END, start)
        if end < 0:
            return False
        if not _ROWS.fullmatch(data, start, end):
            return False
        rows = data[start:end]
        # (each looked for after a byte memchr finds at once, and most rows do not hold)
        if b"]" in rows and b"]]>" in rows:
            return False  # not allowed in text
        if not rows.isascii():
            # _ROWS passes any byte above 0x7f: expat refuses what is not UTF-8 and U+FFFE, U+FFFF
            try:
                rows.decode("utf-8")
            except UnicodeDecodeError:
                return False
            if b"\xef\xbf\xbe" in rows or b"\xef\xbf\xbf" in rows:
                return False
        kept = [(0, start), (end, len(data))]
        merges = None
        tag = data.find(b"<mergeCells", end)
        if tag >= 0:
            run_start = data.find(b">", tag) + 1
            run_end = data.find(b"</mergeCells>", run_start)
            if run_start > 0 and run_end >= 0 and _MERGE_RUN.fullmatch(data, run_start, run_end):
                kept = [(0, start), (end, run_start), (run_end, len(data))]
                merges = (run_start, run_end)
        self._parse(data, kept)
        # odd: the whole part decides (a comment might even run across the cuts)
        if self.odd or ("x14ac" not in self.root_prefixes and b"x" in rows and b"x14ac:" in rows):
            return False
        self.rows, self.merges = (start, end), merges
        return True


class NeedsTree(Exception):
    """This edit is not one the byte path makes: parse the part with lxml and make it there."""


class _Tag:
    """A start tag found in the part: where it is and its attributes."""

    def __init__(self, data: bytes, m: re.Match | None):
        if m is None:
            raise NeedsTree  # an attribute the pattern does not read
        self.start, self.end = m.start(), m.end()
        self.attrs_end = m.end(1)  # where lxml would add an attribute
        self.head_end = m.start(3)  # before "/>" or ">"
        self.closed = bool(m.group(3))
        self.attrs: dict[bytes, tuple[bytes, int, int]] = {}  # name -> (value, span of ' name="v"')
        for a in _ATTR.finditer(data, m.start(1), m.end(1)):
            value = a.group(2) if a.group(2) is not None else a.group(3)
            if b"&" in value:
                raise NeedsTree
            self.attrs[a.group(1)] = (value, a.start(), a.end())


class PlainSheet:
    """A plain worksheet part and the byte edits write-back makes to it; ``data`` is the part
    as edited so far."""

    def __init__(self, data: bytes, r_prefix: bytes | None):
        self.data = data
        self._tags: dict[str, _Tag] = {}  # cells found since the last edit
        self._unique: set[str] = set()  # addresses seen once in the part (edits add none)
        self._r_prefix = r_prefix  # of the relationships namespace on the root; None: not declared
        self._rid_attr = (r_prefix or b"r") + b":id"

    @classmethod
    def of(cls, data: bytes) -> "PlainSheet | None":
        """The part as a plain sheet, or None when it is not in the plain shape (or not
        well-formed: lxml then reports it)."""
        if b"<sheetData" not in data:
            return None
        survey = _Survey(data)
        if survey.odd:
            return None
        # Rows _ROWS read hold only canonical cell addresses and plain end tags: the scans for
        # anything else need only the rest of the part.
        start, end = survey.rows or (len(data), len(data))
        for pattern in (_ODD_CELL, _ODD_END):
            if pattern.search(data, 0, start) or pattern.search(data, end):
                return None
        root, defaults, r_decls = survey.root, survey.defaults, survey.r_decls
        if defaults != [(root, MAIN)] or not data.startswith(b"<worksheet", root):
            return None  # the main namespace not the root's default one, or redefined below it
        if len(r_decls) > 1:
            return None
        if r_decls and r_decls[0][1] != root and not data.startswith(_OWN_LEGACY, r_decls[0][1]):
            return None  # the one place allowed below the root: the <legacyDrawing> perfxl adds
        on_root = [prefix for prefix, at in r_decls if at == root]
        return cls(data, on_root[0].encode() if on_root else None)

    def _splice(self, start: int, end: int, new: bytes) -> None:
        self.data = self.data[:start] + new + self.data[end:]
        self._tags.clear()

    # -- cells -------------------------------------------------------------------------------------
    def _cell(self, ref: str) -> _Tag | None:
        tag = self._tags.get(ref)
        if tag is not None:
            return tag
        needle = b'<c r="' + ref.encode() + b'"'
        pos = self.data.find(needle)
        if pos < 0:
            return None
        if ref not in self._unique:
            if self.data.find(needle, pos + 1) >= 0:
                raise NeedsTree  # the same address twice: lxml's index decides which one counts
            self._unique.add(ref)
        tag = self._tags[ref] = _Tag(self.data, _CELL_START.match(self.data, pos))
        return tag

    def _content(self, tag: _Tag) -> tuple[bytes, int]:
        """The cell's inner bytes and where its element ends."""
        if tag.closed:
            return b"", tag.end
        close = self.data.find(b"</c>", tag.end)
        return self.data[tag.end:close], close + len(b"</c>")

    def has(self, ref: str) -> bool:
        return self._cell(ref) is not None

    def attr(self, ref: str, name: str) -> str | None:
        tag = self._cell(ref)
        value = tag.attrs.get(name.encode()) if tag else None
        return value[0].decode() if value else None

    def set_attr(self, ref: str, name: str, value: str | None) -> None:
        """Set (or with None remove) one attribute of a cell; a new one goes last, like lxml."""
        tag = self._cell(ref)
        old = tag.attrs.get(name.encode())
        if value is None:
            edit = (old[1], old[2], b"") if old else None
        elif old:
            edit = (old[1], old[2], b" " + name.encode() + b'="' + value.encode() + b'"')
        else:
            edit = (tag.attrs_end, tag.attrs_end, b" " + name.encode() + b'="' + value.encode() + b'"')
        if edit:
            self._splice(*edit)

    def is_empty(self, ref: str) -> bool:
        return _VALUE_CHILD.search(self._content(self._cell(ref))[0]) is None

    def number_text(self, ref: str) -> str | None:
        """Text of the cell's <v> when it holds a plain number (no formula, no type)."""
        tag = self._cell(ref)
        t = tag.attrs.get(b"t")
        content = self._content(tag)[0]
        if (t and t[0] != b"n") or _F.search(content):
            return None
        first = _ANY_V.search(content)
        if first is None:
            return None
        m = _V.match(content, first.start())
        if m is None or b"&" in (m.group(1) or b""):
            raise NeedsTree  # a <v> with attributes or an entity: lxml reads it
        return m.group(1).decode() if m.group(1) else None

    def write_number(self, ref: str, text: str) -> None:
        """Drop the type and append ``<v>text</v>``."""
        self.set_attr(ref, "t", None)
        tag = self._cell(ref)
        content, end = self._content(tag)
        cell = self.data[tag.start:tag.head_end] + b">" + content + b"<v>" + text.encode() + b"</v></c>"
        self._splice(tag.start, end, cell)

    def clear_value(self, ref: str, t: str) -> None:
        """Remove the cell's <v> (with its tail, as lxml does); an emptied cell closes itself."""
        tag = self._cell(ref)
        content, end = self._content(tag)
        content = _V_WITH_TAIL.sub(b"", content)
        head = self.data[tag.start:tag.head_end]
        cell = head + b"/>" if not content else head + b">" + content + b"</c>"
        self._splice(tag.start, end, cell)
        if t:
            self.set_attr(ref, "t", t)

    # -- merged ranges and the comment drawing -------------------------------------------------------
    def merged_refs(self) -> tuple[str, ...]:
        # <mergeCells> is a child of the worksheet: the cells (most of the part) need no scan
        start, end = self.data.find(b"<sheetData"), self._after_cells()
        outside = self.data[:start] + self.data[end:]
        first = outside.find(b"<mergeCell")
        refs = _merge_refs(outside[first:]) if first >= 0 else ()
        if refs is None:
            raise NeedsTree  # a mergeCell written some other way
        return refs

    def _after_cells(self) -> int:
        """Where the worksheet's children after <sheetData> begin: <legacyDrawing> and every tag
        that may follow it are among them (the schema fixes the order)."""
        end = self.data.rfind(b"</sheetData>")
        return end if end >= 0 else self.data.find(b"<sheetData")

    def _legacy(self) -> _Tag | None:
        found = list(_LEGACY.finditer(self.data, self._after_cells()))
        if len(found) > 1 or (found and not found[0].group(3)):
            raise NeedsTree
        if not found:
            return None
        tag = _Tag(self.data, found[0])
        declared = {k: v[0] for k, v in tag.attrs.items() if k.startswith(b"xmlns")}
        if declared != ({} if self._r_prefix else {b"xmlns:r": R.encode()}):
            raise NeedsTree  # a namespace of its own: its r:id may not be the root's r:id
        return tag

    def legacy_rid(self) -> str | None:
        tag = self._legacy()
        value = tag.attrs.get(self._rid_attr) if tag else None
        return value[0].decode() if value else None

    def set_legacy_rid(self, rid: str | None) -> None:
        tag = self._legacy()
        if rid is None:
            if tag is not None:
                self._splice(tag.start, _TAIL.match(self.data, tag.end).end(), b"")
            return
        if tag is not None:
            value = tag.attrs.get(self._rid_attr)
            if value is None:
                raise NeedsTree
            _, start, end = value
            attr = b" " + self._rid_attr + b'="' + rid.encode() + b'"'
            self._splice(start, end, attr)
            return
        after = self._after_cells()
        if _AFTER_LEGACY.search(self.data, after):
            raise NeedsTree
        if self._r_prefix is None:
            el = _OWN_LEGACY + rid.encode() + b'"/>'
        else:
            el = b"<legacyDrawing " + self._rid_attr + b'="' + rid.encode() + b'"/>'
        end = self.data.rfind(b"</worksheet>")
        self._splice(end, end, el)
