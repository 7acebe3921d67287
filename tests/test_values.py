"""perfxl.values: the DOMAIN.md §2 table, seed values, and property tests (never raises)."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfxl.values import Value, parse_number, parse_percent, parse_value

# (text, name, expected attributes). "flags" lists flags that must be present, "no_flags" absent.
CASES: list[tuple[object, str | None, dict]] = [
    # --- DOMAIN.md §2 table, rows 1-15 -------------------------------------------------------
    ("＝52%", None, dict(kind="numeric", sign="=", low=52, unit="%", no_flags={"sign_missing"})),
    ("≤0%", None, dict(kind="numeric", sign="≤", low=0, unit="%")),
    ("≥300万美元", None, dict(kind="numeric", sign="≥", low=300, unit="万美元", no_flags={"multiplied"})),
    ("≥3台、件、辆、套等", None, dict(kind="numeric", sign="≥", low=3, units=("台", "件", "辆", "套"),
                                  flags={"ambiguous_unit"})),
    ("原产地证书签发大于等于10000份", None, dict(kind="numeric", sign="≥", low=10000, unit="份",
                                                 prefix="原产地证书签发")),
    ("1-2次", None, dict(kind="range", sign=None, low=1, high=2, unit="次", flags={"range"})),
    ("每年不少于3次", None, dict(kind="numeric", sign="≥", low=3, unit="次", per="年")),
    ("不低于年初工作计划的90%", None, dict(kind="numeric", sign="≥", low=90, unit="%", base="年初工作计划的")),
    ("满意度90%以上", None, dict(kind="numeric", sign="≥", low=90, unit="%", prefix="满意度",
                                 flags={"inclusive_suffix"})),
    ("每场150家出口企业以内", None, dict(kind="numeric", sign="≤", low=150, unit="家", per="场",
                                         object="出口企业", flags={"inclusive_suffix"})),
    ("预算执行率≥95", None, dict(kind="numeric", sign="≥", low=95, unit="%", prefix="预算执行率",
                                 flags={"unit_inferred", "unit_missing"}, no_flags={"truncated"})),
    ("3万份", None, dict(kind="numeric", sign=None, low=30000, unit="份", flags={"sign_missing", "multiplied"})),
    ("每年两场", None, dict(kind="numeric", sign=None, low=2, unit="场", per="年",
                            flags={"sign_missing", "chinese_numeral"})),
    ("合规", None, dict(kind="level", level="合规")),
    ("提高员工办事效率", "提高员工办事效率", dict(kind="nonvalue", flags={"repeats_name"})),
    # --- further seed values -----------------------------------------------------------------
    ("＝15场次", None, dict(kind="numeric", sign="=", low=15, unit="场次")),
    ("≥95%", None, dict(kind="numeric", sign="≥", low=95, unit="%", flags=set(), exact_flags=True)),
    ("＝100%", None, dict(kind="numeric", sign="=", low=100, unit="%")),
    ("≥100%", None, dict(kind="numeric", sign="≥", low=100, unit="%")),
    ("=1人", None, dict(kind="numeric", sign="=", low=1, unit="人")),
    ("≥5场", None, dict(kind="numeric", sign="≥", low=5, unit="场")),
    ("≤0次", None, dict(kind="numeric", sign="≤", low=0, unit="次")),
    ("≥6000元", None, dict(kind="numeric", sign="≥", low=6000, unit="元")),
    ("≥500人次", None, dict(kind="numeric", sign="≥", low=500, unit="人次")),
    ("95%以上", None, dict(kind="numeric", sign="≥", low=95, unit="%", flags={"inclusive_suffix"})),
    ("不低于90%", None, dict(kind="numeric", sign="≥", low=90, unit="%")),
    ("每年不低于90%", None, dict(kind="numeric", sign="≥", low=90, unit="%", per="年")),
    ("每年≥95%", None, dict(kind="numeric", sign="≥", low=95, unit="%", per="年")),
    ("每年90%以上", None, dict(kind="numeric", sign="≥", low=90, unit="%", per="年")),
    ("满意度 ≥ 90", None, dict(kind="numeric", sign="≥", low=90, unit="%", prefix="满意度",
                               flags={"unit_inferred"})),
    ("调研企业200家", None, dict(kind="numeric", sign=None, low=200, unit="家", prefix="调研企业",
                                 flags={"sign_missing"}, no_flags={"truncated"})),
    ("调研企业20", "调研企业的数量", dict(kind="numeric", low=20, unit=None, prefix="调研企业",
                                          flags={"truncated", "unit_missing"})),
    ("预算执行率≥", None, dict(kind="nonvalue", sign="≥", prefix="预算执行率", flags={"truncated"})),
    ("9个Ukey", None, dict(kind="numeric", sign=None, low=9, unit="个", object="Ukey", flags={"sign_missing"})),
    ("每年4次", None, dict(kind="numeric", low=4, unit="次", per="年", flags={"sign_missing"})),
    ("每年不少于3宗家企业", None, dict(kind="numeric", sign="≥", low=3, units=("宗", "家"), object="企业",
                                       flags={"ambiguous_unit"})),
    ("每年不少于8家企业", None, dict(kind="numeric", sign="≥", low=8, unit="家", object="企业",
                                     no_flags={"ambiguous_unit"})),
    ("调解人数5人", None, dict(kind="numeric", low=5, unit="人", prefix="调解人数")),
    ("购买30套硒鼓", None, dict(kind="numeric", low=30, unit="套", prefix="购买", object="硒鼓")),
    ("预计每年250份", None, dict(kind="numeric", low=250, unit="份", per="年", prefix="预计")),
    ("支付进度为95%", None, dict(kind="numeric", low=95, unit="%", prefix="支付进度为", flags={"sign_missing"})),
    ("企业满意度≥95%", None, dict(kind="numeric", sign="≥", low=95, unit="%", prefix="企业满意度")),
    ("≥60", "驻境外代表处绩效评价分数", dict(kind="numeric", sign="≥", low=60, unit="分", flags={"unit_inferred"})),
    ("≥60", None, dict(kind="numeric", sign="≥", low=60, unit=None, flags={"unit_missing"},
                       no_flags={"truncated"})),
    ("100%", "预算执行率", dict(kind="numeric", sign=None, low=100, unit="%", flags={"sign_missing"})),
    ("3-5家", None, dict(kind="range", low=3, high=5, unit="家", flags={"range"})),
    ("5至8家企业", None, dict(kind="range", low=5, high=8, unit="家", object="企业")),
    ("90%～95%", None, dict(kind="range", low=90, high=95, unit="%")),
    ("2—3次", None, dict(kind="range", low=2, high=3, unit="次")),
    ("不超过5万元", None, dict(kind="numeric", sign="≤", low=5, unit="万元")),
    ("大于10家", None, dict(kind="numeric", sign=">", low=10, unit="家", flags={"exclusive"})),
    ("低于5%", None, dict(kind="numeric", sign="<", low=5, unit="%", flags={"exclusive"})),
    ("４次/年", None, dict(kind="numeric", low=4, unit="次", per="年")),
    ("１０，０００份", None, dict(kind="numeric", low=10000, unit="份")),
    ("百分之九十", None, dict(kind="numeric", low=90, unit="%")),
    ("100人左右", None, dict(kind="numeric", low=100, unit="人", flags={"approximate", "sign_missing"})),
    # --- time --------------------------------------------------------------------------------
    ("每年12月底前", None, dict(kind="time", sign="≤", low=12, per="年", flags={"deadline"})),
    ("2020年9月", None, dict(kind="time", low=9, year=2020, no_flags={"deadline"})),
    ("每年5-9月", None, dict(kind="time", low=5, high=9, per="年", flags={"time_window"})),
    ("每年9月", None, dict(kind="time", low=9, per="年")),
    ("2021年底前", None, dict(kind="time", sign="≤", low=12, year=2021, flags={"deadline"})),
    # --- levels ------------------------------------------------------------------------------
    ("及时", None, dict(kind="level", level="及时")),
    ("有效", "人员管理制度执行有效性", dict(kind="level", level="有效", no_flags={"repeats_name"})),
    ("健全", None, dict(kind="level", level="健全")),
    ("合格以上", None, dict(kind="level", level="合格", sign="≥", flags={"inclusive_suffix"})),
    ("正增长", None, dict(kind="level", level="正增长", sign=">")),
    ("达成年度指标", None, dict(kind="level", level="达成")),
    ("部分达成年度指标并具有一定效果", None, dict(kind="level", level="部分达成")),
    ("未达成年度指标且效果较差", None, dict(kind="level", level="未达成")),
    ("满意", None, dict(kind="level", level="满意")),
    ("按时完成", None, dict(kind="level", level="按时完成")),
    ("培训合格", None, dict(kind="level", level="合格", prefix="培训")),
    ("健康发展", None, dict(kind="level", level="健康")),
    # --- non-values and text -----------------------------------------------------------------
    ("一是提供原产地证代签服务；二是加强商事法律培训服务。", None, dict(kind="nonvalue", flags={"activity_list"})),
    ("企业满意度", None, dict(kind="nonvalue", flags={"bare_measure"})),
    ("企业满意度", "申办原产地证书的企业满意度", dict(kind="nonvalue", flags={"bare_measure", "repeats_name"})),
    ("人员到位情况", "人员到位率", dict(kind="nonvalue", flags={"bare_measure"})),
    ("绩效评价合格分数值", "开展工作业务次数", dict(kind="nonvalue", flags={"bare_measure"})),
    ("支付当年1-12月水电费", "支付当年1-12月水电费", dict(kind="nonvalue", flags={"repeats_name"})),
    ("单位日常办公的安保及清洁工作的人员？", "单位日常办公的安保及清洁工作的人员",
     dict(kind="nonvalue", flags={"question", "repeats_name"})),
    ("为受益者提供优质工作环境", "为受益者提供优质工作环境", dict(kind="nonvalue", flags={"repeats_name"})),
    ("续签租赁合同", "四个租赁合同", dict(kind="text")),
    ("确保审证人员的CA证书正常使用", "CA证书成功续期", dict(kind="text")),
    ("促进两地经济文化的交流", None, dict(kind="text")),
    ("不满意", None, dict(kind="text")),
    ("2020年度计划投入12万元，购买彩色激光打印机硒鼓", None, dict(kind="text")),
    ("三公经费实际支出数/预算数*100%", None, dict(kind="text")),  # a formula, not a target
    ("60%以下的指标有", None, dict(kind="text")),  # report prose about a band
    ("4.64%，部门预算执行率", None, dict(kind="text")),
    ("2021年度计划", None, dict(kind="text")),
    # --- empty -------------------------------------------------------------------------------
    ("", None, dict(kind="empty")),
    (None, None, dict(kind="empty", raw="")),
    ("—", None, dict(kind="empty")),
    ("  ", None, dict(kind="empty")),
    ("/", None, dict(kind="empty")),
    # --- numeric cells -----------------------------------------------------------------------
    (0.95, "企业满意度", dict(kind="numeric", low=95, unit="%", flags={"sign_missing", "unit_inferred"})),
    (0.9981, "预算执行率", dict(kind="numeric", low=99.81, unit="%")),
    (100, None, dict(kind="numeric", low=100, unit=None, flags={"sign_missing", "unit_missing"}, raw="100")),
    (12, None, dict(kind="numeric", low=12, raw="12")),
    (12.0, None, dict(kind="numeric", low=12, raw="12")),
    (60, "绩效评价得分", dict(kind="numeric", low=60, unit="分")),
    (float("nan"), None, dict(kind="empty")),
]


def _id(case: tuple) -> str:
    return f"{case[0]!r}|{case[1] or ''}"


@pytest.mark.parametrize("text,name,expected", CASES, ids=[_id(c) for c in CASES])
def test_table(text: object, name: str | None, expected: dict) -> None:
    v = parse_value(text, name)
    expected = dict(expected)
    must = expected.pop("flags", set())
    must_not = expected.pop("no_flags", set())
    if expected.pop("exact_flags", False):
        assert v.flags == frozenset(must), v
    for key, want in expected.items():
        got = getattr(v, key)
        if isinstance(want, (int, float)) and not isinstance(want, bool) and got is not None:
            assert math.isclose(got, want), (key, v)
        else:
            assert got == want, (key, v)
    assert must <= v.flags, v
    assert not (must_not & v.flags), v
    if isinstance(text, str):
        assert v.raw == text


def test_number_property_and_describe() -> None:
    v = parse_value("≥95%")
    assert v.number == 95 and v.is_quantitative and v.describe() == "≥ 95 %"
    assert parse_value("每年不少于3次").describe() == "每年 ≥ 3 次"
    assert parse_value("合格以上").describe() == "≥ 合格"
    assert not parse_value("有效").is_quantitative
    assert parse_value("1-2次").is_quantitative
    assert parse_value("").describe() == "（空）"


def test_name_never_gives_a_sign() -> None:
    # rule 2: "以下" in the name is part of the name, not a sign
    v = parse_value("100%", "每年每单位科级以下党政干部参训率")
    assert v.sign is None and "sign_missing" in v.flags


@pytest.mark.parametrize(
    "text,expected",
    [(" 233.35 ", 233.35), ("２３３．３５", 233.35), ("8.6万元", 8.6), ("1,234.5", 1234.5), (12, 12.0),
     (8.6, 8.6), ("—", None), ("", None), ("abc", None), ("52%", 52.0), (None, None), (True, None),
     ("-3", -3.0), ("3万份", 30000.0), ("12abc", None), (float("inf"), None), ("≥95%", None)],
)
def test_parse_number(text: object, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("52%", 52.0), ("99.81％", 99.81), (0.9981, 99.81), ("100", 100.0), ("100.00%", 100.0), (1.0, 100.0),
     (100, 100.0), (52.1, 52.1), ("5‰", 0.5), ("abc", None), (None, None), ("8万元", None), (float("nan"), None)],
)
def test_parse_percent(text: object, expected: float | None) -> None:
    assert parse_percent(text) == expected


# --- properties ------------------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_FULLWIDTH = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
_VOCAB = st.sampled_from(list("≥≤=＝<>%％-—～~至、，。；？") + ["不少于", "以上", "以内", "每年", "万", "万元",
                                                              "月", "底前", "一是", "二是", "两", "十", "家", "次"])
_TEXTS = st.one_of(
    st.text(),
    st.text(st.one_of(_CJK, _FULLWIDTH, st.characters(max_codepoint=0x7F), _VOCAB.map(lambda s: s[0]))),
    st.lists(st.one_of(_VOCAB, st.from_regex(r"\d{1,5}(\.\d{1,2})?", fullmatch=True), _CJK), max_size=8).map("".join),
)
_CELLS = st.one_of(_TEXTS, st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans())
_NAMES = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["企业满意度", "预算执行率", "绩效评价分数", "年度"]))


@settings(max_examples=400, deadline=None)
@given(_CELLS, _NAMES)
def test_parse_value_total(text: object, name: str | None) -> None:
    v = parse_value(text, name)
    assert isinstance(v, Value)
    assert v.kind in ("numeric", "range", "level", "time", "text", "nonvalue", "empty")
    if isinstance(text, str):
        assert v.raw == text
    if v.kind in ("numeric", "range"):
        assert v.low is not None and v.high is not None
        assert v.is_quantitative
    assert v.sign in (None, "≥", "≤", "=", ">", "<")
    assert isinstance(v.describe(), str)


@settings(max_examples=300, deadline=None)
@given(_CELLS)
def test_parse_number_and_percent_total(text: object) -> None:
    for f in (parse_number, parse_percent):
        r = f(text)
        assert r is None or (isinstance(r, float) and math.isfinite(r))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["≥", "≤", "＝", "=", ">", "<", "＞", "大于等于", "不少于", "不超过", "低于", "至少"]),
    st.one_of(st.integers(0, 10**6), st.decimals(0, 10**4, places=2).map(str)),
    st.sampled_from(["%", "％", "份", "万元", "次", "人次", "家", "场", ""]),
    st.sampled_from(["", "每年", "满意度", "原产地证书签发"]),
)
def test_sign_survives_describe(sign: str, number: object, unit: str, prefix: str) -> None:
    v = parse_value(f"{prefix}{sign}{number}{unit}")
    assert v.kind == "numeric"
    assert v.sign is not None and v.sign in v.describe()
    assert math.isclose(v.low, float(str(number)))


def test_speed() -> None:
    samples = [c[0] for c in CASES if isinstance(c[0], str)]
    n = 0
    start = time.perf_counter()
    for i in range(20):
        for s in samples:
            parse_value(f"{s}{i}" if i else s)  # mostly uncached strings
            n += 1
    per_call = (time.perf_counter() - start) / n
    assert per_call < 2e-4, f"{per_call * 1e6:.1f} µs per call"
