"""Merged areas of a live sheet through xlwings, in as few calls as the platform allows.

Split from ``xlwings_book``: the reader side needs them, the writer does not.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable

from lxml import etree

from perfxl.workbook.base import a1, parse_a1

log = logging.getLogger(__name__)

Box = tuple[int, int, int, int]
MAX_PROBES = 2000  # fallback merge scan: bounded whatever the sheet looks like
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def read_merged(sheet: Any, used: Any, rows: list[list[Any]], origin: tuple[int, int]) -> list[Box]:
    """Merged areas of the used range, in as few calls as the platform allows.

    1. Windows: ``UsedRange.Value(11)`` returns the range as XML Spreadsheet 2003 in ONE call,
       with ``ss:MergeAcross``/``ss:MergeDown`` on every merged anchor — exact and bulk.
    2. Elsewhere (macOS has no Value(11)), or if that fails: ``used.merge_cells`` (one call) says
       whether there is any merge at all; if so, probe ``merge_area`` only for cells that can be a
       merge anchor holding a label or value — non-empty cells whose right or lower neighbour is
       empty — at most ``MAX_PROBES`` of them. Merged areas whose anchor is empty are not found
       this way; the reader needs merges only to attach labels and values, so they do not matter.

    Not chosen: reading merges from the saved file. The accountant clicks 一键校验 right after
    editing, so the file on disk is usually stale (``Saved`` is False) and a merge they just made
    would be missed; it also needs the book saved as .xlsx at all.
    """
    r0, c0 = origin  # 0-based first cell of ``used`` (already read by the caller)
    try:
        xml = used.api.Value(11)  # xlRangeValueXMLSpreadsheet
    except Exception as exc:  # noqa: BLE001 — pywin32/appscript raise their own types
        log.debug("Value(11) unavailable (%s), probing merge areas", exc)
        xml = None
    if isinstance(xml, str) and xml:
        try:
            return merges_from_xml(xml, r0, c0)
        except etree.XMLSyntaxError as exc:
            log.debug("unreadable XML spreadsheet (%s), probing merge areas", exc)
    return _probe_merges(sheet, used, rows)


_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def merges_from_xml(xml: str, r0: int = 0, c0: int = 0) -> list[Box]:
    """Merged areas from XML Spreadsheet 2003 of a range whose first cell is (r0, c0)."""
    root = etree.fromstring(xml.encode("utf-8"), _XML_PARSER)
    out: list[Box] = []
    row_idx = 0
    for row in root.iter(f"{_SS}Row"):
        row_idx = int(row.get(f"{_SS}Index", row_idx + 1))
        col_idx = 0
        for cell in row.iterchildren(f"{_SS}Cell"):
            col_idx = int(cell.get(f"{_SS}Index", col_idx + 1))
            across = int(cell.get(f"{_SS}MergeAcross", 0))
            down = int(cell.get(f"{_SS}MergeDown", 0))
            if across or down:
                r, c = r0 + row_idx - 1, c0 + col_idx - 1
                out.append((r, c, r + down, c + across))
            col_idx += across  # the next cell's implicit index skips the merged columns
    return out


def _probe_merges(sheet: Any, used: Any, rows: list[list[Any]]) -> list[Box]:
    if not used.merge_cells and used.merge_cells is not None:
        return []  # False: no merged cell anywhere (None would mean "some")
    found: list[Box] = []
    covered: set[tuple[int, int]] = set()
    for r, c in list(_anchor_candidates(rows))[:MAX_PROBES]:
        if (r, c) in covered:
            continue
        area = sheet.range(a1(r, c)).merge_area.address
        box = box_of(area)
        if box[:2] != box[2:]:
            found.append(box)
            covered.update((i, j) for i in range(box[0], box[2] + 1) for j in range(box[1], box[3] + 1))
    return found


def _anchor_candidates(rows: list[list[Any]]) -> Iterable[tuple[int, int]]:
    for r, row in enumerate(rows):
        below = rows[r + 1] if r + 1 < len(rows) else []
        for c, v in enumerate(row):
            if v is None:
                continue
            right = row[c + 1] if c + 1 < len(row) else None
            under = below[c] if c < len(below) else None
            if right is None or under is None:
                yield r, c


def box_of(address: str) -> Box:
    first, _, last = address.replace("$", "").partition(":")
    r0, c0 = parse_a1(first)
    r1, c1 = parse_a1(last) if last else (r0, c0)
    return (r0, c0, r1, c1)
