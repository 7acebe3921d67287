"""Target values (指标值): parse "≥95%", "每年不少于3次", "合格以上", "每年12月底前" into a ``Value``.

The grammar and examples are DOMAIN.md §2. ``parse_value`` never raises; whatever it cannot read
becomes kind "text" (a sentence) or "nonvalue" (not measurable). The ``name`` argument (the 三级
indicator name) is only used to recognise a value that repeats the name and to infer a missing
unit; it is never searched for sign words (rule 2: "科级以下党政干部参训率" has no sign).

Flags (``Value.flags``):
    sign_missing      no sign in the text (rule 4); callers apply the indicator's default direction
    unit_missing      no unit in the text (also set when one was inferred)
    unit_inferred     unit filled in: "%" for names/prefixes ending in 率/度, "分" for scores,
                      "次"/"人" for 次数/人数 names (rule 5)
    ambiguous_unit    a unit list ("≥3台、件、辆、套等") or two unit words ("3宗家企业")
    range             "1-2次" (rule 7): non-standard, score against ``low``
    truncated         "预算执行率≥" (sign, no number) or "调研企业20" (prefix + number, no unit)
    repeats_name      equal to or contained in the 三级 name (rule 10)
    bare_measure      a measure name instead of a value: "企业满意度", "人员到位情况"
    question          ends with "？"
    activity_list     "一是…；二是…"
    time_window       "每年5-9月" (low, high = months)
    deadline          "每年12月底前" (sign ≤, low = month)
    multiplied        万 before a count unit: "3万份" -> 30000
    chinese_numeral   the number was written in Chinese: "两场" -> 2
    inclusive_suffix  the sign came from 以上/以下/以内 (民法典 第1259条: inclusive)
    exclusive         the sign is > or <
    approximate       "100人左右"
    sign_conflict     an explicit sign and a suffix disagree ("≥90%以下")
    fraction          a cell number ≤ 1.5 read as a fraction of a percentage (0.95 -> 95 %)
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from perfxl.labels import norm

__all__ = ["KINDS", "LEVELS", "Value", "parse_number", "parse_percent", "parse_value"]

KINDS = ("numeric", "range", "level", "time", "text", "nonvalue", "empty")


@dataclass(frozen=True)
class Value:
    raw: str
    kind: str
    sign: str | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    units: tuple[str, ...] = ()
    per: str | None = None
    prefix: str | None = None
    object: str | None = None
    base: str | None = None
    level: str | None = None
    flags: frozenset[str] = frozenset()
    year: int | None = None  # kind "time": "2020年9月" -> 2020 (rule 8 compares it with the form year)

    @property
    def number(self) -> float | None:
        return self.low

    @property
    def is_quantitative(self) -> bool:
        return self.kind in ("numeric", "range")

    def describe(self) -> str:
        """Short Chinese rendering for messages: "≥ 95 %", "每年 ≥ 3 次", "1-2 次", "≥ 合格"."""
        per = f"每{self.per} " if self.per else ""
        sign = f"{self.sign} " if self.sign else ""
        unit = " " + "/".join(self.units or (self.unit,)) if self.unit else ""
        if self.kind == "numeric":
            return f"{per}{sign}{_fmt(self.low)}{unit}"
        if self.kind == "range":
            return f"{per}{sign}{_fmt(self.low)}-{_fmt(self.high)}{unit}"
        if self.kind == "level":
            return f"{sign}{self.level}"
        if self.kind == "time":
            per = per.strip()
            if "time_window" in self.flags:
                return f"{per}{_fmt(self.low)}-{_fmt(self.high)}月"
            year = f"{self.year}年" if self.year else ""
            month = f"{_fmt(self.low)}月" if self.low is not None else ""
            return f"{per}{year}{month}" + ("底前" if "deadline" in self.flags else "")
        if self.kind == "empty":
            return "（空）"
        text = self.raw.strip()
        return "“" + (text if len(text) <= 20 else text[:19] + "…") + "”"


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.10g}"


from perfxl.value_grammar import (
    LEVELS,
    _CN_DIGITS,
    _CN_MULT,
    _CTRL,
    _DASHES,
    _EMPTY,
    _INCL,
    _LEVEL,
    _MEASURE_END,
    _NOT_A_NAME,
    _NUMERIC,
    _PERCENT_WORDS,
    _PLAIN_NUMBER,
    _SIGN_OF,
    _SIGN_ONLY,
    _SPACE,
    _SUFFIX_SIGN,
    _TIME_MONTH,
    _TIME_WINDOW,
    _TIME_YEAR,
    _TIME_YEAREND,
    _TO,
    _TRAIL,
    _VERB_START,
)


def _normalise(text: str) -> str:
    """Rule 1: NFKC, no whitespace at all, one dash, no "(含)", no trailing punctuation."""
    s = unicodedata.normalize("NFKC", text)
    s = _CTRL.sub("", _SPACE.sub("", s))
    s = _DASHES.sub("-", s)
    s = _TO.sub("-", s)
    s = _INCL.sub("", s)
    s = _PERCENT_WORDS.sub(r"\1%", s)
    return _TRAIL.sub("", s)


def _is_activity_list(s: str) -> bool:
    """"一是…；二是…" (str.find, not a regex: ".+" would be quadratic on a 32k-character cell)."""
    for first, second in (("一是", "二是"), ("1、", "2、")):
        i = s.find(first)
        if i >= 0 and s.find(second, i + 2) > 0:
            return True
    return False


def _cn_to_int(text: str) -> int:
    """"两" -> 2, "十五" -> 15, "一百二十" -> 120, "三千零五" -> 3005."""
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_MULT[ch]
            digit = 0
    return total + digit


def _to_float(text: str) -> float:
    return float(text.replace(",", ""))


_UNIT_FROM_NAME = (
    (re.compile(r"(?:分数|分数值|得分|分值|评分)$"), "分"),
    (re.compile(r"(?:率|(?<!年)度)$"), "%"),  # 满意度, 支付进度; not 年度
    (re.compile(r"次数$"), "次"),
    (re.compile(r"人数$"), "人"),
)


def _infer_unit(name: str, prefix: str | None) -> str | None:
    """Rule 5: the unit a bare number most likely carries, from the 三级 name or a measure prefix."""
    for src in (name, prefix):
        if not src:
            continue
        for pattern, unit in _UNIT_FROM_NAME:
            if pattern.search(src):
                return unit
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _fmt(value) if math.isfinite(value) else repr(value)
    try:
        return str(value)
    except ValueError:  # int with more digits than sys.get_int_max_str_digits()
        return "<大整数>"


# --- public API -------------------------------------------------------------------------------


def parse_value(text: object, name: str | None = None) -> Value:
    """Parse one 指标值 cell; ``name`` is the 三级 indicator name when known. Never raises."""
    if isinstance(name, str) and name:
        nname = norm(name)
    else:
        nname = ""
    if isinstance(text, str):
        return _parse_text(text, nname)
    if text is None:
        return Value(raw="", kind="empty")
    if isinstance(text, bool):  # a 是/否 cell, never a number
        return _parse_text("是" if text else "否", nname)
    if isinstance(text, (_dt.datetime, _dt.date)):
        return Value(raw=text.isoformat(), kind="time", low=float(text.month), year=text.year)
    if isinstance(text, (int, float)):
        return _parse_cell_number(text, nname)
    return _parse_text(str(text), nname)


def _parse_cell_number(x: int | float, nname: str) -> Value:
    raw = _cell_text(x)
    try:
        f = float(x)
    except OverflowError:  # an int too large for a float
        return Value(raw=raw, kind="nonvalue")
    if math.isnan(f):  # pandas' blank cell
        return Value(raw="", kind="empty")
    if math.isinf(f):
        return Value(raw=raw, kind="nonvalue")
    flags = {"sign_missing", "unit_missing"}
    unit = _infer_unit(nname, None)
    if unit:
        flags.add("unit_inferred")
        if unit == "%" and isinstance(x, float) and 0 < abs(f) <= 1.5:
            f = round(f * 100, 10)  # a 95% cell read as 0.95
            flags.add("fraction")
    return Value(raw=raw, kind="numeric", low=f, high=f, unit=unit, flags=frozenset(flags))


@lru_cache(maxsize=8192)
def _parse_text(raw: str, nname: str) -> Value:
    # Cached: a workbook repeats "≥95%", "有效", "及时" hundreds of times; Value is immutable.
    s = _normalise(raw)
    if _EMPTY.fullmatch(s):
        return Value(raw=raw, kind="empty")
    flags: set[str] = set()
    if s.endswith("?"):
        flags.add("question")
        s = s.rstrip("?")
    elif _is_activity_list(s):
        flags.add("activity_list")
    ns = norm(s)
    if not flags:
        # Time and level are strict full matches, tried before the name: "健全" in "…健全性" is fine.
        v = _parse_time(raw, s) or _parse_level(raw, s)
        if v is not None:
            return v
    if ns and nname and ns == nname:
        flags.add("repeats_name")
    if not flags:
        v = _parse_numeric(raw, s, nname) or _parse_sign_only(raw, s)
        if v is not None:
            return v
    if nname and len(ns) >= 2 and ns in nname:
        flags.add("repeats_name")
    if len(s) <= 15 and _MEASURE_END.search(s) and not _VERB_START.search(s) and not _NOT_A_NAME.search(s):
        flags.add("bare_measure")
    if flags:
        return Value(raw=raw, kind="nonvalue", flags=frozenset(flags))
    return Value(raw=raw, kind="text")


def _parse_level(raw: str, s: str) -> Value | None:
    if s in LEVELS:
        level, sign = LEVELS[s]
        return Value(raw=raw, kind="level", level=level, sign=sign,
                     flags=frozenset({"exclusive"} if sign == ">" else ()))
    m = _LEVEL.fullmatch(s)
    if m is None or m["pre"].endswith(("不", "未", "没", "无", "非")):
        return None  # "不满意", "未完成" negate the level
    level, tail, flags = m["level"], m["tail"], set()
    sign = LEVELS.get(level, (level, None))[1]
    if tail and tail.endswith(("以上", "以下")):
        sign = _SUFFIX_SIGN[tail[-2:]]
        flags.add("inclusive_suffix")
    if sign in (">", "<"):
        flags.add("exclusive")
    obj = tail if tail in ("工作任务", "任务", "目标") else None
    return Value(raw=raw, kind="level", level=level, sign=sign, prefix=m["pre"] or None, object=obj,
                 flags=frozenset(flags))


def _parse_time(raw: str, s: str) -> Value | None:
    m = _TIME_WINDOW.fullmatch(s)
    if m and 1 <= int(m["m1"]) <= 12 and 1 <= int(m["m2"]) <= 12:
        return Value(raw=raw, kind="time", low=float(m["m1"]), high=float(m["m2"]),
                     per="年" if m["per"] else None, flags=frozenset({"time_window"}))
    m = _TIME_MONTH.fullmatch(s) or _TIME_YEAR.fullmatch(s) or _TIME_YEAREND.fullmatch(s)
    if m is None:
        return None
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else 12 if (groups.get("yend") or "y" not in groups) else None
    if month is not None and not 1 <= month <= 12:
        return None
    deadline = bool(groups.get("before") or groups.get("end") or groups.get("yend")
                    or ("y" not in groups and "m" not in groups))
    year = int(groups["y"]) if groups.get("y") else None
    return Value(raw=raw, kind="time", sign="≤" if deadline else None,
                 low=float(month) if month is not None else None, high=float(month) if month else None,
                 per="年" if groups.get("per") else None, year=year,
                 flags=frozenset({"deadline"} if deadline else ()))


def _number(token: str, flags: set[str]) -> float:
    if token[0].isdigit() or token[0] == ".":
        return _to_float(token)
    flags.add("chinese_numeral")
    return float(_cn_to_int(token))


def _parse_numeric(raw: str, s: str, nname: str) -> Value | None:
    m = _NUMERIC.fullmatch(s)
    if m is None:
        return None
    flags: set[str] = set()
    g = m.groupdict()
    unit = g["money"] or g["unit"]
    cn = not g["num"][0].isdigit() and g["num"][0] != "."
    if cn and not (unit or g["wan"]):
        return None  # "促进两地经济" is a sentence, not a number: Chinese numerals need a unit
    low = _number(g["num"], flags)
    high = _number(g["num2"], flags) if g["num2"] else low
    if not (math.isfinite(low) and math.isfinite(high)):
        return None  # a 400-digit "number" is not a target
    if g["neg"]:
        low, high = -low, (high if g["num2"] else -low)
    if g["wan"]:
        if unit:
            low, high = low * 10000, high * 10000
            flags.add("multiplied")
        else:
            unit = "万"  # "4.9万": shorthand for 万元 in money text
    if any(w in g["obj"] for w in ("以上", "以下", "以内")):
        return None  # "60%以下的指标有": a phrase about a band, not a target
    if unit == "年" and (g["obj"].startswith("度") or (not g["sign"] and 1900 <= low <= 2100)):
        return None  # "2021年度计划", "2020年完成": a year, not a count of years
    if g["u1"] and unit and g["u1"] != unit:
        return None  # "3次-5家" is not a range
    unit = unit or g["u1"]
    units: tuple[str, ...] = (unit,) if unit else ()
    if g["ulist"]:
        units += tuple(u for u in re.split(r"[、,]", g["ulist"].rstrip("等")) if u)
        flags.add("ambiguous_unit")
    if g["unit2"]:
        units += (g["unit2"],)
        flags.add("ambiguous_unit")
    sign = _SIGN_OF[g["sign"]] if g["sign"] else None
    suffix = g["suffix"]
    if suffix == "左右":
        flags.add("approximate")
    elif suffix:
        ssign = _SUFFIX_SIGN[suffix[-2:]]
        if sign is None:
            sign = ssign
            flags.add("inclusive_suffix")
        elif sign[0] != ssign:
            flags.add("sign_conflict")
    kind = "range" if g["num2"] else "numeric"
    if kind == "range":
        flags.add("range")
        sign = None if not g["sign"] else sign
    elif sign is None:
        flags.add("sign_missing")
    if sign in (">", "<"):
        flags.add("exclusive")
    prefix = g["pre"] or None
    if not unit:
        flags.add("unit_missing")
        unit = _infer_unit(nname, prefix)
        if unit:
            flags.add("unit_inferred")
        elif prefix:
            flags.add("truncated")  # "调研企业20": the unit (家) was cut off
        units = (unit,) if unit else ()
    per = g["per"] or (("每" + g["per3"]) if g["per3"] else None) or (("每" + g["per2"]) if g["per2"] else None)
    return Value(raw=raw, kind=kind, sign=sign, low=low, high=high, unit=unit, units=units,
                 per=per[1:] if per else None, prefix=prefix, object=g["obj"] or None,
                 base=g["base"] or None, flags=frozenset(flags))


def _parse_sign_only(raw: str, s: str) -> Value | None:
    """"预算执行率≥": a sign and nothing to compare with (rule 11)."""
    m = _SIGN_ONLY.fullmatch(s)
    if m is None or (m["base"] and not m["base"].endswith("的")):
        return None  # "高于全国平均水平" compares with a reference, it is not cut off
    return Value(raw=raw, kind="nonvalue", sign=_SIGN_OF[m["sign"]], prefix=m["pre"] or None,
                 base=m["base"] or None,
                 per=m["per"][1:] if m["per"] else None, flags=frozenset({"truncated"}))


def parse_number(text: object) -> float | None:
    """A plain number, typed or as a cell: " 233.35 " -> 233.35, "8.6万元" -> 8.6, "—" -> None."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        try:
            f = float(text)
        except OverflowError:
            return None
        return f if math.isfinite(f) else None
    if not isinstance(text, str):
        text = str(text)
    m = _PLAIN_NUMBER.fullmatch(_normalise(text))
    if m is None:
        return None
    f = _to_float(m["num"])
    if not math.isfinite(f):
        return None
    if m["wan"] and m["unit"]:
        f *= 10000  # "3万份"; "8.6万元" and a bare "4.9万" (万元 shorthand) keep the number
    return -f if m["neg"] == "-" else f


def parse_percent(text: object) -> float | None:
    """A rate as a percent number: "52%" -> 52.0, 0.9981 (a %-formatted float cell) -> 99.81.

    Floats with abs <= 1.5 are fractions (Excel stores 95% as 0.95); ints and text are taken as
    written ("100" -> 100.0), "‰" is divided by 10.
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, float):
        if not math.isfinite(text):
            return None
        return round(text * 100, 10) if abs(text) <= 1.5 else text
    if isinstance(text, int):
        return parse_number(text)
    m = _PLAIN_NUMBER.fullmatch(_normalise(text if isinstance(text, str) else str(text)))
    if m is None or m["wan"] or m["money"] or (m["unit"] and m["unit"] not in ("%", "‰")):
        return None
    f = _to_float(m["num"]) * (-1 if m["neg"] == "-" else 1)
    if not math.isfinite(f):
        return None
    return round(f / 10, 10) if m["unit"] == "‰" else f
