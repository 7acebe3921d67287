"""Label normalisation: compare labels the way an accountant reads them.

``norm("部门整体\\n资金（万\\n元）") == "部门整体资金万元"``: NFKC (full-width letters, digits and
brackets become ASCII), every kind of whitespace removed, brackets, colons, quotes and other
punctuation dropped, and a leading "其中" / "指标1:" kept (callers strip those explicitly).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

_DROP = re.compile(r"[\s\u3000\u00a0()（）\[\]【】<>《》“”\"'‘’:：,，、;；.。·•*＊/／\\|_\-—－~～]+")
# "指标1：", "1.", "1、", "（1）", "(1)", "①" before a 三级 name ("1.5吨" is a name, not a number)
_INDICATOR_NO = re.compile(r"^(?:指标\s*\d+\s*[:：.．、]|[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])|[（(]\s*[0-9０-９]{1,2}\s*[)）]"
                           r"|[①②③④⑤⑥⑦⑧⑨⑩])\s*")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def clean_text(value: object) -> str:
    """A cell value as display text: None -> "", floats without a spurious .0, NFKC-free."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def norm(value: object) -> str:
    """Normalised label text used for all label comparisons."""
    # a str is its own clean_text, and most calls pass one (check: 32.38M -> 32.21M instr/file)
    text = value if value.__class__ is str else clean_text(value)
    if not text:
        return ""
    return _norm_text(text) if len(text) < 200 else _DROP.sub("", nfkc(text))


@lru_cache(maxsize=65536)
def _norm_text(text: str) -> str:
    return _DROP.sub("", nfkc(text))


def strip_indicator_number(text: str) -> str:
    """'指标1：外出考察次数' -> '外出考察次数' (the 002 layout numbers its 三级 indicators)."""
    return _strip_number(text) if len(text) < 200 else _INDICATOR_NO.sub("", text.strip())


@lru_cache(maxsize=65536)  # 三级 names recur across the rows and files of a bulk check
def _strip_number(text: str) -> str:
    return _INDICATOR_NO.sub("", text.strip())


def norm_labels(labels: Iterable[str]) -> tuple[str, ...]:
    """``tuple(norm(l) for l in labels)``, memoised: the specs look the same label tuples up on
    every sheet."""
    if type(labels) is not tuple:  # not a spec's constant: nothing to memoise by
        return tuple(norm(l) for l in labels)
    hit = _NORM_LABELS.get(labels)
    if hit is None:
        hit = tuple(norm(l) for l in labels)
        if len(_NORM_LABELS) < 10_000:
            _NORM_LABELS[labels] = hit
    return hit


_NORM_LABELS: dict[tuple[str, ...], tuple[str, ...]] = {}


def matches(label: str, variants: tuple[str, ...] | list[str], *, prefix: bool = False) -> str | None:
    """The variant a normalised cell text matches exactly (or as a prefix when ``prefix``)."""
    n = norm(label)
    if not n:
        return None
    for v in variants:
        nv = norm(v)
        if n == nv or (prefix and n.startswith(nv)):
            return v
    return None
