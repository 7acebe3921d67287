"""Comments (批注): the sheet's comments part and the legacy VML drawing that shows them.

perfxl's comments carry the author ``perfxl`` and start with a bold "perfxl:" line; that is how a
later run finds and removes them, even after Excel has rewritten the file (LibreOffice drops
comment authors on save, the leading line survives). The VML part may also hold the user's own comment
boxes and form controls, and Excel writes it as loose, not always well-formed markup, so it is
edited as bytes: perfxl's shapes are cut out by the cell they belong to and new shapes are
spliced in before the closing tag; everything else in it stays byte for byte.
"""

from __future__ import annotations

import copy
import math
import re
from functools import lru_cache

from lxml import etree

from perfxl.writeback.xmlparts import MAIN, XmlPart, q

AUTHOR = "perfxl"
MARKER = AUTHOR + ":\n"  # first run of every perfxl comment
_EMPTY = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          b'<comments xmlns="' + MAIN.encode() + b'"><authors/><commentList/></comments>')
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (a finding may quote a cell's raw content)."""
    return _XML_BAD.sub("", text)


@lru_cache(maxsize=1)
def _body_template() -> etree._Element:
    """<text> of a perfxl comment: a bold "perfxl:" run, then the message run (9 pt 宋体)."""
    body = etree.Element(q("text"))
    for bold in (True, False):
        run = etree.SubElement(body, q("r"))
        rpr = etree.SubElement(run, q("rPr"))
        if bold:
            etree.SubElement(rpr, q("b"))
        etree.SubElement(rpr, q("sz"), val="9")
        etree.SubElement(rpr, q("color"), indexed="81")
        etree.SubElement(rpr, q("rFont"), val="宋体")
        etree.SubElement(rpr, q("charset"), val="134")
        t = etree.SubElement(run, q("t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return body


class CommentsPart:
    def __init__(self, name: str, data: bytes | None):
        self.name = name
        self.part = XmlPart(name, data or _EMPTY)
        self.root = self.part.root
        self.authors = self.root.find(q("authors"))
        self.list = self.root.find(q("commentList"))
        if self.authors is None:
            self.authors = etree.SubElement(self.root, q("authors"))
            self.root.insert(0, self.authors)
        if self.list is None:
            self.list = etree.SubElement(self.root, q("commentList"))
        self.dirty = False
        self._author_id: str | None = None  # perfxl's index among the authors, once add() knows it

    def _author_names(self) -> list[str]:
        return [a.text or "" for a in self.authors.iterchildren(q("author"))]

    def refs(self) -> set[str]:
        return {c.get("ref", "").upper() for c in self.list.iterchildren(q("comment"))}

    def __len__(self) -> int:
        return sum(1 for _ in self.list.iterchildren(q("comment")))

    def remove_perfxl(self) -> set[str]:
        """Remove every comment by perfxl; returns their cell refs."""
        names = self._author_names()
        ids = {str(i) for i, n in enumerate(names) if n == AUTHOR}
        gone = set()
        for c in list(self.list.iterchildren(q("comment"))):
            if c.get("authorId", "0") in ids or "".join(c.itertext()).startswith(MARKER):
                gone.add(c.get("ref", "").upper())
                self.list.remove(c)
        # The perfxl author entry goes too when it is the last one (removing an earlier entry
        # would renumber the authorId of the user's comments).
        authors = list(self.authors.iterchildren(q("author")))
        used = {c.get("authorId", "0") for c in self.list.iterchildren(q("comment"))}
        while authors and authors[-1].text == AUTHOR and str(len(authors) - 1) not in used:
            self.authors.remove(authors.pop())
        self.dirty = bool(gone) or len(authors) != len(names)
        self._author_id = None
        return gone

    def add(self, ref: str, text: str) -> None:
        if self._author_id is None:
            names = self._author_names()
            if AUTHOR not in names:
                etree.SubElement(self.authors, q("author")).text = AUTHOR
                names.append(AUTHOR)
            self._author_id = str(names.index(AUTHOR))
        c = etree.SubElement(self.list, q("comment"), ref=ref, authorId=self._author_id)
        body = copy.deepcopy(_body_template())  # one C-level copy instead of ~15 element builds
        body[0][1].text, body[1][1].text = MARKER, clean_text(text)  # each run is <rPr/><t/>
        c.append(body)
        self.dirty = True

    def to_bytes(self) -> bytes:
        return self.part.to_bytes()


def new_part(notes: list[tuple[str, str]]) -> bytes:
    """A comments part holding only perfxl's comments on (cell address, text): what CommentsPart
    writes for them, put together as text (a sheet's first comments are perfxl's in most runs)."""
    head, before_ref, before_text, after_text, tail = _new_part_template()
    body = b"".join(before_ref + ref.encode() + before_text + _text_xml(clean_text(text)) + after_text
                    for ref, text in notes)
    return head + body + tail


_REF, _TEXT = "REF_SLOT", "TEXT_SLOT"


@lru_cache(maxsize=1)
def _new_part_template() -> tuple[bytes, ...]:
    """CommentsPart's own output for one comment, cut around the address and the text."""
    part = CommentsPart("", None)
    part.add(_REF, _TEXT)
    data = part.to_bytes()
    start, end = data.index(b"<comment "), data.index(b"</commentList>")
    comment = data[start:end]
    ref, text = comment.index(_REF.encode()), comment.index(_TEXT.encode())
    return (data[:start], comment[:ref], comment[ref + len(_REF):text], comment[text + len(_TEXT):],
            data[end:])


def _text_xml(text: str) -> bytes:
    """Character data as lxml writes it: &, <, > and carriage returns escaped."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;").encode())


# -- VML ---------------------------------------------------------------------------------------
_SHAPE = re.compile(rb"<v:shape\b[^>]*?(?:/>|>.*?</v:shape>)", re.S)
_ROW = re.compile(rb"<x:Row>\s*(\d+)\s*</x:Row>")
_COL = re.compile(rb"<x:Column>\s*(\d+)\s*</x:Column>")
_SPID = re.compile(rb"_x0000_s(\d+)")
_IDMAP = re.compile(rb"<o:idmap\b[^>]*\bdata=\"([\d,\s]+)\"")
_SHAPETYPE_202 = (
    b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    b'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_NS = (b'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
       b'xmlns:x="urn:schemas-microsoft-com:office:excel"')


def is_known_vml(data: bytes) -> bool:
    return b"urn:schemas-microsoft-com:vml" in data and b"</xml>" in data


def idmap_blocks(data: bytes) -> set[int]:
    out: set[int] = set()
    for m in _IDMAP.finditer(data):
        out.update(int(x) for x in m.group(1).replace(b" ", b"").split(b",") if x)
    return out


def new_vml(block: int) -> bytes:
    return (b"<xml " + _NS + b'><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="'
            + str(block).encode() + b'"/></o:shapelayout>' + _SHAPETYPE_202 + b"</xml>")


def has_shapes(data: bytes) -> bool:
    return _SHAPE.search(data) is not None


def remove_note_shapes(data: bytes, cells: set[tuple[int, int]]) -> bytes:
    """Cut the comment boxes of the given 0-based cells out of a VML drawing."""
    if not cells:
        return data

    def keep(m: re.Match) -> bytes:
        shape = m.group(0)
        if b'ObjectType="Note"' not in shape:
            return shape
        r, c = _ROW.search(shape), _COL.search(shape)
        if r and c and (int(r.group(1)), int(c.group(1))) in cells:
            return b""
        return shape

    return _SHAPE.sub(keep, data)


def add_note_shapes(data: bytes, notes: list[tuple[int, int, str]]) -> bytes:
    """Append hidden comment boxes for (row, col, text) before the drawing's closing tag."""
    if not notes:
        return data
    if b'id="_x0000_t202"' not in data:
        data = _insert_before_first_shape(data, _SHAPETYPE_202)
    ids = [int(x) for x in _SPID.findall(data)]
    blocks = sorted(idmap_blocks(data)) or [1]
    next_id = max([i for i in ids if i // 1024 in blocks] or [blocks[0] * 1024])
    shapes = []
    for k, (row, col, text) in enumerate(notes, start=1):
        shapes.append(_note_shape(next_id + k, row, col, text))
    end = data.rfind(b"</xml>")
    return data[:end] + b"".join(shapes) + data[end:]


def _insert_before_first_shape(data: bytes, chunk: bytes) -> bytes:
    m = re.search(rb"<v:shape\b", data)
    pos = m.start() if m else data.rfind(b"</xml>")
    return data[:pos] + chunk + data[pos:]


def _note_shape(spid: int, row: int, col: int, text: str) -> bytes:
    # Box about 3 columns wide; height from the text: ~20 CJK characters a line at 9 pt.
    lines = 1 + sum(max(1, math.ceil(len(line) / 20)) for line in text.split("\n"))
    height_pt = max(45, 13 * lines + 8)
    rows = math.ceil(height_pt / 15)
    top = max(row - 1, 0)
    anchor = f"{col + 1}, 15, {top}, 10, {col + 4}, 15, {top + rows}, 4"
    return (
        f'<v:shape id="_x0000_s{spid}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:60pt;margin-top:1.5pt;width:200pt;height:{height_pt}pt;z-index:{spid % 1024};"
        f'visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        f'<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        f'<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
        f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>"
        f"<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>"
    ).encode()
