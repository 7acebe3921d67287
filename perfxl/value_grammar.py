"""The vocabulary of the value notation (DOMAIN.md §2): sign words, units, levels, time patterns.

Data for ``perfxl.values`` — word lists and the regular expressions compiled from them, kept apart
from the parsing logic so either can be read on its own.
"""

from __future__ import annotations

import re

# --- vocabulary ------------------------------------------------------------------------------
# Alternations are listed longest first: Python's regex alternation is ordered, not longest-match.
_SIGN_WORDS = {
    "≥": ("大于或等于", "大于等于", "不少于", "不低于", "不小于", "至少", "最少", "≥", "≧", "⩾", ">=", "=>"),
    "≤": ("小于或等于", "小于等于", "不超过", "不高于", "不大于", "不多于", "至多", "最多", "≤", "≦", "⩽", "<=", "=<"),
    ">": ("大于", "超过", "高于", "多于", ">"),
    "<": ("小于", "低于", "不满", "不足", "少于", "<"),
    "=": ("等于", "==", "="),
}
_SIGN_OF = {w: s for s, words in _SIGN_WORDS.items() for w in words}
_SIGN_RE = "|".join(re.escape(w) for w in sorted(_SIGN_OF, key=len, reverse=True))

_MONEY_UNITS = ("万美元", "万元", "亿元", "美元", "元")
_COUNT_UNITS = (
    "个工作日", "工作日", "个月", "人次", "场次", "批次", "架次", "户次", "班次", "课时", "学时", "平方米",
    "平米", "立方米", "公里", "千米", "小时", "分钟", "千克", "公斤", "公顷", "m2", "km", "kg",
    "%", "‰", "份", "场", "家", "次", "宗", "个", "本", "人", "台", "套", "件", "辆", "分", "月", "天", "日",
    "年", "周", "篇", "项", "条", "期", "批", "所", "名", "张", "册", "部", "间", "处", "座", "栋", "户",
    "页", "位", "支", "只", "块", "株", "棵", "亩", "吨", "例", "门", "课", "起", "床", "套次", "TB", "GB",
)
_ALL_UNITS = _MONEY_UNITS + _COUNT_UNITS
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_ALL_UNITS, key=len, reverse=True))
_MONEY_RE = "|".join(re.escape(u) for u in _MONEY_UNITS)
_COUNT_RE = "|".join(re.escape(u) for u in sorted(_COUNT_UNITS, key=len, reverse=True))
# A second unit word straight after the first ("3宗家企业"), unless it starts a common noun.
_UNIT2_RE = r"(?:家|宗|个|份|场|次|人|台|套|件|辆|本|项|名)(?!目|员|才|庭|数|所|地|账|餐|额|体|民|口|门|间|性)"

_PER_WORDS = "季度|学期|单位|年|月|季|周|天|日|场|次|期|批|人|家|个|项|班"
_NUM = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MULT = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = r"[一二两三四五六七八九十][零一二两三四五六七八九十百千]*"
_TEXTCH = r"[^\d,;:!?、。()\"“”'‘’%≥≤<>=/*×÷+]"  # a character allowed in a prefix, base or object

_SUFFIX_SIGN = {"以上": "≥", "以下": "≤", "以内": "≤"}

LEVELS: dict[str, tuple[str, str | None]] = {
    # exact phrase -> (canonical level, sign)
    "达成年度指标": ("达成", None),
    "部分达成年度指标并具有一定效果": ("部分达成", None),
    "未达成年度指标且效果较差": ("未达成", None),
    "正增长": ("正增长", ">"),
}
_LEVEL_WORDS = (
    "按时完成", "按期完成", "部分达成", "未达成", "达成", "正增长", "非常满意", "比较满意", "基本满意", "较满意",
    "健全", "完善", "明确", "科学", "规范", "合理", "合规", "公开", "有效", "明显", "及时", "稳定", "健康",
    "符合", "满足", "完成", "满意", "合格", "增加", "增长", "良好", "显著", "达标", "优秀", "到位", "准确", "完整",
)
_LEVEL_TAILS = "及以上|以上|以下|发展|年度指标|工作任务|任务|目标"

_NUMERIC = re.compile(
    rf"(?P<pre>{_TEXTCH}{{0,15}}?)(?P<per>每(?:{_PER_WORDS}))?(?P<sign>{_SIGN_RE})?"
    rf"(?P<base>{_TEXTCH}{{1,12}}?的)?(?P<neg>-)?(?P<num>{_NUM}|{_CN_NUM})"
    rf"(?:(?P<u1>{_UNIT_RE})?-(?P<num2>{_NUM}|{_CN_NUM}))?"
    rf"(?:(?P<money>{_MONEY_RE})|(?P<wan>万)?(?P<unit>{_COUNT_RE})?)"
    rf"(?P<ulist>(?:[、,](?:{_UNIT_RE})(?=[、,等]|$))+等?)?(?P<unit2>{_UNIT2_RE})?"
    rf"(?:/(?P<per2>{_PER_WORDS})|每(?P<per3>{_PER_WORDS}))?"
    rf"(?P<obj>{_TEXTCH}{{0,8}}?)(?P<suffix>[及或]?(?:以上|以下|以内)|左右)?"
)
_SIGN_ONLY = re.compile(
    rf"(?P<pre>{_TEXTCH}{{0,15}}?)(?P<per>每(?:{_PER_WORDS}))?(?P<sign>{_SIGN_RE})(?P<base>{_TEXTCH}{{0,12}})"
)
_LEVEL = re.compile(
    rf"(?P<pre>{_TEXTCH}{{0,12}}?)(?P<level>{'|'.join(_LEVEL_WORDS)})(?P<tail>{_LEVEL_TAILS})?"
)
_TIME_DEADLINE = r"(?P<end>底|末)?(?:\d{1,2}日)?(?P<before>前|之前|以前)?(?:完成)?"
_TIME_MONTH = re.compile(rf"(?P<per>每年)?(?P<m>\d{{1,2}})月(?:份)?{_TIME_DEADLINE}")
_TIME_YEAR = re.compile(rf"(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{{1,2}})月|(?P<yend>底|末))?{_TIME_DEADLINE}")
_TIME_YEAREND = re.compile(r"(?P<per>每年)?年(?:底|末)(?P<before>前|之前|以前)?(?:完成)?")
_TIME_WINDOW = re.compile(r"(?P<per>每年)?(?P<m1>\d{1,2})月?-(?P<m2>\d{1,2})月(?:份)?")

_MEASURE_END = re.compile(
    r"(?:满意度|满意率|满意程度|率|情况|数量|分数值|分数|得分|分值|人数|次数|金额|比例|比率|程度|指数|时效|进度|数)$"
)
_VERB_START = re.compile(r"^(?:提高|提升|增加|降低|减少|确保|保证|加强|促进|保障|推动|推进|节约|节省|支付|完成|实现|做好|强化|优化|扩大|得到)")

_NOT_A_NAME = re.compile(r"[\d,;:。!]")  # a measure name has no digits or sentence punctuation
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[—–―‒−~〜﹣]+|-{2,}")
_TO = re.compile(r"(?<=[\d一二两三四五六七八九十%])[至到](?=[\d一二两三四五六七八九十])")
_INCL = re.compile(r"\(含\)")
_PERCENT_WORDS = re.compile(rf"百分之({_NUM}|{_CN_NUM})")
_TRAIL = re.compile(r"[;,。.!、]+$")
_EMPTY = re.compile(r"[-/\\.。…_*]*|无数据|空")
_PLAIN_NUMBER = re.compile(
    rf"(?P<neg>[+-])?(?P<num>{_NUM})(?:(?P<money>{_MONEY_RE})|(?P<wan>万)?(?P<unit>{_COUNT_RE})?)"
)
_CTRL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
