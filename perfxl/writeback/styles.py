"""styles.xml: derive new cell formats (xf) from existing ones by swapping the fill or the font.

Existing fonts, fills and xfs are never reordered or changed: every style index a cell, a
conditional format or a named style refers to keeps its meaning. New entries are appended, and an
identical entry that already exists (from an earlier run, or the user's own) is reused, so running
twice does not grow the file and yields the same indexes.

What a derivation appends depends only on styles.xml as read and the derivations made on it
before: the forms of one template make the same few, so each is worked out once per process and
replayed after that (_REPLAYS), and the same holds for what describe() and the entry keys give
(_DESCRIBED, _KEYS).
"""

from __future__ import annotations

import hashlib
from copy import copy  # of an lxml element: the whole subtree, with less overhead than deepcopy
from functools import lru_cache

from lxml import etree

from perfxl.errors import PerfxlFileError
from perfxl.writeback.xmlparts import MAIN, PARSER, XmlPart, insert_in_order, q

# Excel's own "Bad" and "Neutral" cell-style colours: familiar to accountants, text stays legible.
FILL_RGB = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}
SCORE_RGB = "FF0070C0"  # blue: "perfxl computed this"
LINK_RGB = "FF0563C1"
HEADER_RGB = "FFD9E1F2"

_SHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                "dxfs", "tableStyles", "colors", "extLst"]
_COLLECTION_CHILD = {"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}


def canon(el: etree._Element) -> bytes:
    """Canonical bytes of an element: equal styles compare equal whatever the attribute order."""
    return etree.tostring(el, method="c14n", exclusive=True)


def no_fill() -> etree._Element:
    fill = etree.Element(q("fill"), nsmap={None: MAIN})
    etree.SubElement(fill, q("patternFill"), patternType="none")
    return fill


def solid_fill(rgb: str) -> etree._Element:
    return copy(_solid_fill(rgb))  # the caller may append it to styles.xml


@lru_cache(maxsize=16)
def _solid_fill_key(rgb: str) -> bytes:
    return canon(_solid_fill(rgb))


def _shape(el: etree._Element) -> tuple:
    """What canon() of an entry implies about it: entries with equal keys have equal shapes, so
    an entry whose shape no other entry has is new without canonicalising either."""
    return el.tag, len(el), tuple(sorted(el.attrib.items()))


@lru_cache(maxsize=16)  # a handful of colours; one C-level copy beats building four elements
def _solid_fill(rgb: str) -> etree._Element:
    fill = etree.Element(q("fill"), nsmap={None: MAIN})
    pf = etree.SubElement(fill, q("patternFill"), patternType="solid")
    etree.SubElement(pf, q("fgColor"), rgb=rgb)
    etree.SubElement(pf, q("bgColor"), indexed="64")
    return fill


# (styles.xml as read, then the key of each derivation made on it in order) -> (the index the last
# one gave, the entries it appended: collection, a copy, its key if taken when appended)
Appended = tuple[str, etree._Element, "bytes | None"]
_REPLAYS: dict[tuple[object, object], tuple[int, list[Appended]]] = {}
_MAX_REPLAYS = 1024
# What describe() gives for an xf, by (the history so far, its index), and an entry's canon(), by
# (the history that fixes it: styles.xml as read for the entries it held, else the history so far,
# its collection, its index).
_DESCRIBED: dict[tuple[object, int], str] = {}
_KEYS: dict[tuple[object, str, int], bytes] = {}


def _remember(facts: dict, key: tuple, value: object) -> None:
    if len(facts) >= _MAX_REPLAYS:  # a bound, for a process that sees many templates
        facts.clear()
    facts[key] = value


class StyleBook:
    def __init__(self, part: XmlPart, source: bytes | None = None):
        """``source``: the bytes ``part`` was parsed from; given, derivations are replayed."""
        self.part = part
        self.dirty = False
        # what _REPLAYS knows this book by; None once a derivation is not one it keys
        self._history: tuple[object, ...] | None = (source,) if source is not None else None
        self._source = self._history
        self._appended: list[Appended] | None = None  # what the derivation under way appends
        root = part.root
        self._coll: dict[str, etree._Element] = {}
        for name in _COLLECTION_CHILD:
            el = root.find(q(name))
            if el is None:
                if name in ("fonts", "cellXfs"):
                    raise PerfxlFileError("PX914", "样式表缺少 fonts/cellXfs")
                el = etree.Element(q(name), count="0")
                insert_in_order(root, el, _SHEET_ORDER)
            self._coll[name] = el
        # the entries of each collection, kept in step by _intern (the only place that adds any)
        self._items = {name: list(self._coll[name].iterchildren(q(child)))
                       for name, child in _COLLECTION_CHILD.items()}
        self._shapes: dict[str, dict[tuple, list[int]]] = {}  # per collection: shape -> indexes
        self._original = {name: len(items) for name, items in self._items.items()}
        # Appended to a styles.xml whose main namespace is a prefix, an entry takes that prefix:
        # its key is then taken before, as it was built (see _intern).
        self._late_keys = root.prefix is None
        self._keys: dict[tuple[str, int], bytes] = {}
        self._described: dict[int, str] = {}
        self._derived: dict[tuple, int] = {}
        self._numfmts = {n.get("numFmtId"): n.get("formatCode", "")
                         for n in root.iterfind(f"{q('numFmts')}/{q('numFmt')}")}

    # -- lookups -------------------------------------------------------------------------------------
    def items(self, name: str) -> list[etree._Element]:
        return list(self._items[name])

    def xf(self, index: int) -> etree._Element:
        xfs = self._items["cellXfs"]
        if not 0 <= index < len(xfs):
            raise PerfxlFileError("PX914", f"单元格样式编号 {index} 超出样式表范围")
        return xfs[index]

    def _ref(self, name: str, xf: etree._Element, attr: str) -> etree._Element | None:
        items = self._items[name]
        i = int(xf.get(attr, "0") or 0)
        return items[i] if 0 <= i < len(items) else None

    def font_of(self, index: int) -> etree._Element | None:
        return self._ref("fonts", self.xf(index), "fontId")

    def fill_of(self, index: int) -> etree._Element | None:
        return self._ref("fills", self.xf(index), "fillId")

    def fill_key(self, index: int) -> bytes:
        """canon() of the fill xf ``index`` points at (b"" past the fills)."""
        return self._key_of("fills", self.xf(index), "fillId")

    def font_key(self, index: int) -> bytes:
        return self._key_of("fonts", self.xf(index), "fontId")

    def describe(self, index: int) -> str:
        """A short hash of everything an xf means (its own attributes and the font, fill, border and
        number format it points at). Survives Excel renumbering the style tables on save."""
        # Entries are only ever appended, never changed, so an index's meaning is fixed.
        found = self._described.get(index)
        if found is None:
            # by the whole history: an xf may point past the entries styles.xml held
            scope = self._history
            found = _DESCRIBED.get((scope, index)) if scope is not None else None
            if found is None:
                found = self._describe(index)
                if scope is not None:
                    _remember(_DESCRIBED, (scope, index), found)
            self._described[index] = found
        return found

    def _scope(self, name: str, i: int) -> tuple[object, ...] | None:
        """The history that fixes entry ``i`` of a collection: styles.xml as read for the entries it
        held (_original), else the derivations so far; None when the book has none."""
        return self._source if i < self._original[name] else self._history

    def _describe(self, index: int) -> str:
        xf = copy(self.xf(index))
        parts = [self._key_of(n, xf, a) for n, a in (("fonts", "fontId"), ("fills", "fillId"),
                                                     ("borders", "borderId"))]
        code = self._numfmts.get(xf.get("numFmtId", "0"), xf.get("numFmtId", "0"))
        for attr in ("fontId", "fillId", "borderId", "numFmtId"):
            xf.attrib.pop(attr, None)
        h = hashlib.sha1(canon(xf))
        for p in parts:
            h.update(b"|" + p)
        h.update(b"|" + code.encode())
        return h.hexdigest()[:16]

    def _key(self, name: str, i: int) -> bytes:
        """canon() of entry ``i`` of a collection, worked out once (entries never change)."""
        key = self._keys.get((name, i))
        if key is None:
            scope = self._scope(name, i)
            key = _KEYS.get((scope, name, i)) if scope is not None else None
            if key is None:
                key = canon(self._items[name][i])
                if scope is not None:
                    _remember(_KEYS, (scope, name, i), key)
            self._keys[(name, i)] = key
        return key

    def _key_of(self, name: str, xf: etree._Element, attr: str) -> bytes:
        """The key of the entry an xf points at; b"" when it points past the collection."""
        i = int(xf.get(attr, "0") or 0)
        return self._key(name, i) if 0 <= i < len(self._items[name]) else b""

    def find_described(self, digest: str) -> int | None:
        for i in range(len(self._items["cellXfs"])):
            if self.describe(i) == digest:
                return i
        return None

    # -- derivation -------------------------------------------------------------------------------
    def derive(self, base: int, *, fill: etree._Element | None = None, fill_rgb: str | None = None,
               font_rgb: str | None = None, bold: bool = False, underline: bool = False,
               wrap: bool = False, font: etree._Element | None = None) -> int:
        """Index of an xf equal to ``base`` with the fill and/or font swapped (appended if new).
        ``fill_rgb`` stands for ``fill=solid_fill(fill_rgb)``, its key worked out once per colour."""
        key = None
        fill_key: bytes | None
        if fill_rgb is not None:
            fill_key = _solid_fill_key(fill_rgb)
        else:
            fill_key = canon(fill) if fill is not None else None
        if font is None:
            key = (base, fill_key, font_rgb, bold, underline, wrap)
            if key in self._derived:
                return self._derived[key]
        # Replayed: derivations whose key says what they build. A fill or font element passed in
        # may be written differently from another with the same key.
        history: tuple[object, object] | None = None
        if key is not None and fill is None and self._history is not None:
            history = (self._history, key)
            replay = _REPLAYS.get(history)
            if replay is not None:
                index, appended = replay
                for name, el, el_key in appended:
                    self._append(name, copy(el), el_key)
                self._derived[key] = index
                self._history = history
                return index
        # until it is done, the book is known by no history (an error half-way leaves it so)
        self._history, self._appended = None, ([] if history is not None else None)
        xf = copy(self.xf(base))
        if fill_rgb is not None:
            fill = solid_fill(fill_rgb)
        if fill is not None:
            xf.set("fillId", str(self._intern("fills", fill, fill_key)))
            xf.set("applyFill", "1")
        if font is None and (font_rgb or bold or underline):
            font = self._font_variant(self.font_of(base), font_rgb, bold, underline)
        if font is not None:
            xf.set("fontId", str(self._intern("fonts", font)))
            xf.set("applyFont", "1")
        if wrap:
            al = xf.find(q("alignment"))
            if al is None:
                al = etree.Element(q("alignment"))
                xf.insert(0, al)
            al.set("vertical", "top")
            al.set("wrapText", "1")
            xf.set("applyAlignment", "1")
        index = self._intern("cellXfs", xf)
        if key is not None:
            self._derived[key] = index
        if history is not None and self._appended is not None:
            _remember(_REPLAYS, history, (index, self._appended))
        self._history, self._appended = history, None
        return index

    def _font_variant(self, font: etree._Element | None, rgb: str | None, bold: bool,
                      underline: bool) -> etree._Element:
        font = copy(font) if font is not None else etree.Element(q("font"))
        if rgb:
            color = font.find(q("color"))
            if color is None:
                color = etree.Element(q("color"))
                anchor = font.find(q("name"))
                if anchor is not None:
                    anchor.addprevious(color)
                else:
                    font.append(color)
            color.attrib.clear()
            color.set("rgb", rgb)
        if bold and font.find(q("b")) is None:
            font.insert(0, etree.Element(q("b")))
        if underline and font.find(q("u")) is None:
            font.insert(1 if bold else 0, etree.Element(q("u")))
        return font

    def _intern(self, name: str, el: etree._Element, key: bytes | None = None) -> int:
        """Index of the first entry equal to ``el`` (compared by canon()), ``el`` appended if none.
        Only entries of the same shape are canonicalised, each once; a new entry's key is worked
        out when another entry of its shape needs comparing."""
        shapes = self._shapes.get(name)
        if shapes is None:
            shapes = self._shapes[name] = {}
            for i, item in enumerate(self._items[name]):
                shapes.setdefault(_shape(item), []).append(i)
        shape = _shape(el)
        for i in shapes.get(shape, ()):
            # Exclusive c14n renders only the namespaces an element uses, wherever it was built:
            # the key of a detached element equals the key it gets once appended to styles.xml.
            key = key or canon(el)
            if self._key(name, i) == key:
                return i
        if key is None and not self._late_keys:
            key = canon(el)
        return self._append(name, el, key)

    def _append(self, name: str, el: etree._Element, key: bytes | None) -> int:
        """Append a new entry (``key``: its canon(), when taken as it was built)."""
        shape = _shape(el)
        items = self._items[name]
        el.tail = None  # a copied entry's tail is the whitespace that followed it in styles.xml
        self._coll[name].append(el)  # lxml drops the declarations styles.xml already makes
        items.append(el)
        n = len(items) - 1
        shapes = self._shapes.get(name)
        if shapes is not None:  # else built from the items when first needed
            shapes.setdefault(shape, []).append(n)
        if key is not None:
            self._keys[(name, n)] = key
        self._coll[name].set("count", str(n + 1))
        self.dirty = True
        if self._appended is not None:
            self._appended.append((name, copy(el), key))  # a copy: the cache keeps no tree alive
        return n

    def element_from(self, text: str) -> etree._Element | None:
        """Re-create a font or fill element from its canonical text stored in the record."""
        if not text:
            return None
        return etree.fromstring(text.encode(), PARSER)

    def to_bytes(self) -> bytes:
        return self.part.to_bytes()
