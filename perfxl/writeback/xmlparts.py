"""Hardened XML parsing and the small shared vocabulary of the OOXML parts perfxl edits.

Every part is untrusted input: the parser never resolves entities, never touches the network and
refuses huge trees; a part that carries a DOCTYPE is refused outright (no genuine OOXML part has
one, and it is the vehicle of entity bombs).
"""

from __future__ import annotations

import posixpath
import re
from copy import copy
from functools import lru_cache

from lxml import etree

from perfxl.errors import PerfxlFileError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

REL_WORKSHEET = R + "/worksheet"
REL_COMMENTS = R + "/comments"
REL_VML = R + "/vmlDrawing"
REL_STYLES = R + "/styles"
REL_OFFICE_DOC = R + "/officeDocument"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


def q(tag: str) -> str:
    """'c' -> '{main ns}c'."""
    return f"{{{MAIN}}}{tag}"


PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_blank_text=False
)
_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
_RID = re.compile(r"rId(\d+)")


_SMALL_PART = 16 * 1024


@lru_cache(maxsize=64)  # a template's forms share their workbook.xml, rels, content types, styles
def _parsed(data: bytes) -> tuple[etree._Element, bool]:
    """The root of a small part, to copy (never to edit), and whether the part has a DOCTYPE."""
    tree = etree.ElementTree(etree.fromstring(data, PARSER))
    return tree.getroot(), bool(tree.docinfo.doctype)


class XmlPart:
    """A parsed part that remembers its original XML declaration, so re-serialising changes only
    what perfxl edited."""

    def __init__(self, name: str, data: bytes):
        self.name = name
        m = _DECL.match(data)
        self.decl = m.group(0) if m else b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        try:
            if len(data) <= _SMALL_PART:  # copying a parsed tree costs half a parse
                root, doctype = _parsed(data)
                self.tree = etree.ElementTree(copy(root))
            else:
                self.tree = etree.ElementTree(etree.fromstring(data, PARSER))
                doctype = bool(self.tree.docinfo.doctype)
        except etree.XMLSyntaxError as exc:
            raise PerfxlFileError("PX914", f"{name} 不是合法的 XML（{exc.msg}）") from exc
        if doctype:
            raise PerfxlFileError("PX914", f"{name} 含 DOCTYPE 声明")

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def to_bytes(self) -> bytes:
        return self.decl + etree.tostring(self.root, encoding="UTF-8")


@lru_cache(maxsize=256)  # the same few (part, target) pairs in every workbook
def resolve(source_part: str, target: str) -> str:
    """Relationship target -> part name (no leading slash), relative to the source part."""
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


@lru_cache(maxsize=256)  # a handful of (source, part) pairs per workbook, the same from file to file
def relative(source_part: str, part: str) -> str:
    """Relationship target of ``part`` from ``source_part`` (worked out once per pair: relpath
    asks the operating system for the current folder each time)."""
    return posixpath.relpath(part, posixpath.dirname(source_part) or ".")


@lru_cache(maxsize=256)
def rels_name(part: str) -> str:
    """'xl/worksheets/sheet1.xml' -> 'xl/worksheets/_rels/sheet1.xml.rels'."""
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


class Relationships:
    """A .rels part: look up, add and remove relationships, leaving the others as they are."""

    def __init__(self, name: str, data: bytes | None):
        self.name = name
        if data is None:
            self.part = None
            self.root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
        else:
            self.part = XmlPart(name, data)
            self.root = self.part.root
        self.source = _source_of(name)
        self.dirty = False

    def items(self) -> list[etree._Element]:
        return list(self.root.iterchildren(f"{{{PKG_RELS}}}Relationship"))

    def by_type(self, rel_type: str) -> list[etree._Element]:
        return [r for r in self.items() if r.get("Type") == rel_type]

    def by_id(self, rid: str) -> etree._Element | None:
        for r in self.items():
            if r.get("Id") == rid:
                return r
        return None

    def target_part(self, rel: etree._Element) -> str:
        return resolve(self.source, rel.get("Target", ""))

    def add(self, rel_type: str, part: str) -> str:
        """Append a relationship with the lowest free 'rIdN' above the existing ones."""
        used = [int(m.group(1)) for r in self.items() if (m := _RID.fullmatch(r.get("Id", "")))]
        rid = f"rId{max(used, default=0) + 1}"
        el = etree.SubElement(self.root, f"{{{PKG_RELS}}}Relationship")
        el.set("Id", rid)
        el.set("Type", rel_type)
        el.set("Target", relative(self.source, part))
        self.dirty = True
        return rid

    def remove(self, rel: etree._Element) -> None:
        self.root.remove(rel)
        self.dirty = True

    def to_bytes(self) -> bytes:
        if self.part is not None:
            return self.part.to_bytes()
        return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + etree.tostring(
            self.root, encoding="UTF-8"
        )


@lru_cache(maxsize=256)
def _source_of(rels: str) -> str:
    d, f = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(d), f[: -len(".rels")])


class ContentTypes:
    """[Content_Types].xml: Override entries for parts perfxl adds or removes."""

    def __init__(self, data: bytes):
        self.part = XmlPart("[Content_Types].xml", data)
        self.root = self.part.root
        self._overrides: dict[str, list[etree._Element]] | None = None  # part -> its Overrides

    def _by_part(self) -> dict[str, list[etree._Element]]:
        """The Override entries by part name, in document order: each add or remove looked them
        all up before. Kept in step by add_override and remove_override (nothing else edits)."""
        if self._overrides is None:
            self._overrides = {}
            for o in self.root.iterchildren(f"{{{CT}}}Override"):
                self._overrides.setdefault(o.get("PartName", "").lstrip("/"), []).append(o)
        return self._overrides

    def content_type(self, part: str) -> str | None:
        found = self._by_part().get(part)
        if found:
            return found[0].get("ContentType")
        ext = posixpath.splitext(part)[1].lstrip(".").lower()
        for d in self.root.iterchildren(f"{{{CT}}}Default"):
            if d.get("Extension", "").lower() == ext:
                return d.get("ContentType")
        return None

    def add_override(self, part: str, ctype: str) -> None:
        self.remove_override(part)
        el = etree.SubElement(self.root, f"{{{CT}}}Override", PartName="/" + part, ContentType=ctype)
        self._by_part()[part] = [el]

    def remove_override(self, part: str) -> None:
        for o in self._by_part().pop(part, ()):
            self.root.remove(o)

    def to_bytes(self) -> bytes:
        return self.part.to_bytes()


def insert_in_order(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    """Insert ``child`` among ``parent``'s children respecting the schema sequence ``order``
    (local names in the main namespace). Unknown children keep their place."""
    name = etree.QName(child).localname
    rank = order.index(name)
    for i, existing in enumerate(parent):
        if not isinstance(existing.tag, str):
            continue
        local = etree.QName(existing).localname
        if local in order and order.index(local) > rank:
            parent.insert(i, child)
            return
    parent.append(child)
