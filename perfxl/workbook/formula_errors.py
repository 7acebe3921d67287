"""Byte-level facts of the sheet XML that python-calamine does not give: cells whose formula
evaluated to an error (#DIV/0!, #REF!, …), and formulas stored without a cached value.

python-calamine reads such cells as empty, so a total that is really ``#REF!`` would look blank to
the rules. The sheet parts are scanned as bytes (a cell with an error carries ``t="e"``); only the
few small parts naming sheets are parsed, with a parser that resolves no entities.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from perfxl.workbook.package import Package

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3}[0-9]{1,7})["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_MAX_PER_SHEET = 200  # a sheet full of #REF! needs a handful of findings, not thousands


def sheet_parts(pkg: Package) -> dict[str, str]:
    """Worksheet part name -> sheet name, from workbook.xml and its relationships."""
    book = pkg.member("xl/workbook.xml")
    rels = pkg.member("xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return {}
    try:
        wb_root = etree.fromstring(pkg.read(book), _PARSER)
        rel_root = etree.fromstring(pkg.read(rels), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    targets = {}
    for rel in rel_root.iter(f"{{{_NS_PKG}}}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
    out = {}
    for sheet in wb_root.iter(f"{{{_NS_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{_NS_R}}}id"))
        if part:
            out[part] = sheet.get("name", "")
    return out


def name_parts(pkg: Package, by_part: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """Re-key {sheet part: errors} by sheet name."""
    if not by_part:
        return {}
    parts = sheet_parts(pkg)
    return {parts.get(name, name): found for name, found in by_part.items()}


def errors_in_part(xml: bytes) -> list[tuple[str, str]]:
    """[(cell, error text)] of one worksheet part's XML."""
    found: list[tuple[str, str]] = []
    # Every match of _ERROR_TYPE contains "e" or 'e': most sheets skip the regex scan. The lone
    # apostrophe goes first: one byte is looked for at memchr speed, three at a fifth of it, and
    # most sheets have no apostrophe at all.
    if b'"e"' not in xml and (b"'" not in xml or b"'e'" not in xml):
        return found
    for m in _ERROR_TYPE.finditer(xml):
        start = max(xml.rfind(b"<c ", 0, m.start()), xml.rfind(b":c ", 0, m.start()))
        tag_end = xml.find(b">", m.end())
        if start < 0 or tag_end < 0:
            continue
        ref = _REF.search(xml, start, tag_end)
        close = xml.find(b"</", tag_end)
        value = _VALUE.search(xml, tag_end, close + 64 if close >= 0 else len(xml))
        if ref:
            found.append((ref.group(1).decode(), value.group(1).decode("utf-8", "replace") if value else "#错误"))
        if len(found) >= _MAX_PER_SHEET:
            break
    return found


# ----------------------------------------------------------------------------------------------
# Formulas without cached values (files written by scripts such as openpyxl)

_F_START = re.compile(rb"<(?:\w+:)?f[\s>/]")
_C_END = re.compile(rb"</(?:\w+:)?c>")
_V_FILLED = re.compile(rb"<(?:\w+:)?v>[^<]")
_T_STR = re.compile(rb"""\st=["']str["']""")
# Finds the "f" of every match of _F_START (and a few more, e.g. "x:f>" in text). A pattern that
# starts with a literal byte lets the regex engine skip to each "f" at C speed, where _F_START
# tries its optional prefix at every "<" of the part (~6× the cost on a formula-free sheet, which
# is most of them). _formula_tag confirms each candidate.
_MAYBE_F = re.compile(rb"f(?<=[<:]f)[\s>/]")
_NS_PREFIX = re.compile(rb"<\w+:")


def _formula_tag(xml: bytes, pos: int) -> tuple[int, int] | None:
    """(start, end) of the first match of _F_START at or after ``pos``, or None.

    Same result as ``_F_START.search(xml, pos)``, found through _MAYBE_F: on a sheet with a few
    dozen formulas the search per formula no longer steps through every tag before it.
    """
    at = pos
    while True:
        m = _MAYBE_F.search(xml, at)
        if m is None:
            return None
        f = m.start()
        if xml[f - 1] == 0x3C:  # "<f"
            if f - 1 >= pos:
                return f - 1, m.end()
        else:  # ":f": a match only as "<prefix:f", the prefix made of word characters
            lt = xml.rfind(b"<", pos, f)
            if lt >= 0 and _NS_PREFIX.fullmatch(xml, lt, f):
                return lt, m.end()
        at = f + 1


def part_has_uncached_formula(xml: bytes) -> bool:
    """True when some cell holds a formula (<f>) but no cached value (<v>).

    Excel writes ``<v></v>`` for a formula whose result is the empty string, but then marks the
    cell ``t="str"``; openpyxl writes an empty ``<v></v>`` without a type, and others no <v> at all.
    """
    pos = 0
    while True:
        tag = _formula_tag(xml, pos)
        if tag is None:
            return False
        start, end = tag
        c_end = _C_END.search(xml, end)
        stop = c_end.start() if c_end else len(xml)
        body = xml[end:stop]
        if not _V_FILLED.search(body):
            cell_start = max(xml.rfind(b"<c ", 0, start), xml.rfind(b":c ", 0, start))
            tag_end = xml.find(b">", cell_start)
            if b"<v" not in body or not _T_STR.search(xml[cell_start:tag_end]):
                return True
        pos = stop
