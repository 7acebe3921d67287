"""Write the sample workbooks of perfxl (run as ``python samples/build_samples.py``).

Five workbooks in the layouts of the five seed forms (/work/shared/seeds, DOMAIN.md §1), typed the
way an accountant would have typed them into Excel and keeping the seeds' real mistakes; six layout
variants; and corrected copies in ``samples/corrected/`` in which every kept mistake is fixed.

Every kept mistake is written through ``M(value, "PX4 …")``: the writer records the cell it lands
in, and ``samples/MISTAKES.md`` is generated from those records (so the addresses cannot drift).
A corrected workbook must record no mistake at all; the build fails otherwise.

Deterministic: fixed document dates and fixed zip timestamps, so a rebuild is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
CORRECTED = HERE / "corrected"
FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0)

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# ------------------------------------------------------------------------------------------------
# Writing helpers


class M:
    """A cell value that is a real mistake of the seed, with notes "PXn what is wrong"."""

    def __init__(self, value: object, *notes: str) -> None:
        assert notes and all(n[:3] in {"PX1", "PX2", "PX3", "PX4", "PX5", "PX6"} for n in notes), notes
        self.value = value
        self.notes = notes


@dataclass
class Mistake:
    sheet: str
    cell: str
    value: str
    family: str
    note: str


@dataclass
class Book:
    """A workbook being written, with the mistakes recorded while writing."""

    path: Path
    wb: Workbook = field(default_factory=Workbook)
    mistakes: list[Mistake] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.wb.remove(self.wb.active)
        self.wb.properties.creator = "贸促会财务室"
        self.wb.properties.created = FIXED_TIME
        self.wb.properties.modified = FIXED_TIME
        self.wb.properties.lastModifiedBy = "贸促会财务室"

    def sheet(self, title: str, *, row0: int = 0, col0: int = 0) -> "Sheet":
        return Sheet(self, self.wb.create_sheet(title), row0, col0)

    def save(self) -> None:
        buf = io.BytesIO()
        self.wb.save(buf)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(_stable_zip(buf.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-03-01T09:00:00Z", data)
            dst.writestr(zi, data)
    return out.getvalue()


class Sheet:
    """A worksheet written with 1-based (row, col) relative to an origin (row0, col0)."""

    def __init__(self, book: Book, ws, row0: int, col0: int) -> None:
        self.book, self.ws, self.row0, self.col0 = book, ws, row0, col0

    def addr(self, row: int, col: int) -> str:
        return f"{get_column_letter(col + self.col0)}{row + self.row0}"

    def put(self, row: int, col: int, value: object = None, rows: int = 1, cols: int = 1, *,
            bold: bool = False, align: str = "center", wrap: bool = True, border: bool = True,
            fmt: str | None = None, size: float | None = None) -> None:
        if isinstance(value, M):
            for note in value.notes:
                self.book.mistakes.append(Mistake(self.ws.title, self.addr(row, col),
                                                  _show(value.value), note[:3], note[3:].strip()))
            value = value.value
        r, c = row + self.row0, col + self.col0
        cell = self.ws.cell(r, c, value)
        if isinstance(value, str) and value.startswith("="):
            # typed as text in Excel ('=100%): a value with an equals sign, not a formula
            cell.data_type = "s"
            cell.quotePrefix = True
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if bold or size:
            cell.font = Font(bold=bold, size=size or 11)
        if fmt:
            cell.number_format = fmt
        if rows > 1 or cols > 1:
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r + rows - 1, end_column=c + cols - 1)
        if border:
            for rr in range(r, r + rows):
                for cc in range(c, c + cols):
                    self.ws.cell(rr, cc).border = BORDER

    def title(self, row: int, text: object, ncols: int, *, size: float = 16) -> None:
        self.put(row, 1, text, 1, ncols, bold=True, size=size, border=False)
        self.ws.row_dimensions[row + self.row0].height = 30

    def line(self, row: int, text: object, ncols: int, *, align: str = "center") -> None:
        self.put(row, 1, text, 1, ncols, border=False, align=align)

    def widths(self, *widths: float) -> None:
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i + self.col0)].width = w

    def height(self, row: int, h: float) -> None:
        self.ws.row_dimensions[row + self.row0].height = h


def _show(v: object) -> str:
    if v is None or v == "":
        return "（空）"
    s = str(v).replace("\n", "⏎")
    return s if len(s) <= 40 else s[:38] + "…"


def chooser(fixed: bool):
    """pick(bad, good): the seed's value, or the corrected one."""
    return lambda bad, good: good if fixed else bad


def spans(rows: list, key) -> list[tuple[int, int, object]]:
    """Runs of equal keys: (start index, length, key) -- the vertically merged category cells."""
    out: list[tuple[int, int, object]] = []
    for i, r in enumerate(rows):
        k = _plain(key(r))
        if out and out[-1][2] == k:
            s, n, kk = out[-1]
            out[-1] = (s, n + 1, kk)
        else:
            out.append((i, 1, k))
    return out


def _plain(v):
    if isinstance(v, M):
        return v.value
    if isinstance(v, tuple):
        return tuple(_plain(x) for x in v)
    return v


def keep(rows: list) -> list:
    return [r for r in rows if r is not None]


# ------------------------------------------------------------------------------------------------
# 000 徐州 部门整体预算绩效目标表 (半年/全年)

XZ_FUNCTIONS = (
    "(一)参与境外重要经贸团组邀请来访和接待工作，组织我市重要经贸团组出访，开展同国际经贸组织的交流与合作。\n"
    "(二)组织参加国际贸易展览会和博览会;主办或承办国际经贸展览会、博览会和经贸活动;协调管理我市出国(境)经贸展览;"
    "发展同世界各国、各地区展览机构和组织的联系。\n"
    "(三)组织开展国内外经济贸易信息调研和政策宣传推介工作，提供经贸信息、咨询和资信调查等服务。\n"
    "(四)开展签发和出具中国出口货物原产地证明书等对外贸易有关文件和单证工作;开展调解、仲裁、敦促履约等国际商事争议"
    "解决体系研究和建设工作;会同有关部门开展国际经贸摩擦预警、应对和海外维权工作。\n"
    "(五)完成市委、市政府交办的其他任务。"
)
XZ_DUTY_FAIR = ("组织参加国际贸易展览会和博览会；主办或承办国际经贸展览会、博览会和经贸活动；协调管理我市出国(境)"
                "经贸展览；发展同世界各国、各地区展览机构和组织的联系。")
XZ_DUTY_INFO = "组织开展国内外经济贸易信息调研和政策宣传推介工作，提供经贸信息、咨询和资信调查等服务。"
XZ_DUTY_CO = ("开展签发和出具中国出口货物原产地证明书等对外贸易有关文件和单证工作；开展调解、仲裁、敦促履约等国际商事争议"
              "解决体系研究和建设工作；会同有关部门开展国际经贸摩擦预警、应对和海外维权工作。")
XZ_PROJ_FAIR = "落实和推进江苏省贸促会重大经贸活动经费"
XZ_PROJ_CO = "货物原产地证签发、管理及风险监控"


def xuzhou_data(fixed: bool) -> dict:
    p = chooser(fixed)
    staffing = p(
        M("中国国际贸易促进委员会徐州市支会，参照公务员管理事业单位，人员编制数5人，实有在职人数7人，退休人员2人。"
          "根据部门职责分工，本部门内设机构为综合业务部，具体业务包括会展、出证认证等商事法律服务。",
          "PX6 实有在职人数7人 ÷ 编制数5人 = 140%，而在职人员控制率目标为＝100%，单位自身数据无法达到"),
        "中国国际贸易促进委员会徐州市支会，参照公务员管理事业单位，人员编制数5人，实有在职人数5人，退休人员2人。"
        "根据部门职责分工，本部门内设机构为综合业务部，具体业务包括会展、出证认证等商事法律服务。")
    goals = "\n".join([
        "（1）原产地证书签发大于等于10000份。",
        "（2）签发优惠证明书大于等于1500份。",
        "（3）组织会员企业培训人次大于等于1000人次。",
        "（4）培训合格率大于等于95%。",
        "（5）关税优惠额大于等于300万美元。",
        p("（6）服务企业满意度大于等于95%", "（6）服务对象满意度大于等于95%。"),
        p("（7）组织企业参加展、会数量（国际、国内）15场次。", "（7）组织企业参加展、会数量（国际、国内）＝15场次。"),
        "（8）展会对企业开拓市场作用明显。",
        p("（9）参加展会数量完成率100%。", "（9）参加展会数量完成率＝100%。"),
    ])
    if not fixed:
        goals = M(goals, "PX6 年度目标（9）“参加展会数量完成率100%”与指标表“≤100%”方向不一致（目标文字无符号，表中为≤）")
    spending = [
        # name, half, full
        ("基本支出", 107.66, 215.32),
        ("项目支出", p(13.91, 7.85), 18.03),
        (XZ_PROJ_FAIR, p(3.91, 2.61), 7.82),
        (XZ_PROJ_CO, p(M(10, "PX3 半年计划执行数10 = 全年10.21的98%，而对应产出（原产地证书≥5000份/≥10000份）只安排50%"),
                       5.24), 10.21),
    ]
    common = [
        # 一级, 二级, 三级, 半年, 全年
        ("决策", "计划制定", "中长期规划制定健全性", "健全", "健全"),
        ("决策", "计划制定", "工作计划制定健全性", "健全", "健全"),
        ("决策", "目标设定", "绩效目标合理性", "合理", "合理"),
        ("决策", "目标设定", "绩效指标明确性", "明确", "明确"),
        ("决策", "预算编制", "预算编制科学性", "科学", "科学"),
        ("决策", "预算编制", "预算编制规范性", "规范", "规范"),
        ("过程", "预算执行", "预算调整率", "＝0%", "＝0%"),
        ("过程", "预算执行", "支付进度符合率", "＝100%", "＝100%"),
        ("过程", "预算执行", "预算执行率", p("＝52%", "＝49.5%"), "＝100%"),
        ("过程", "预算执行", "结转结余率", "＝0%", "＝0%"),
        ("过程", "预算执行", "公用经费控制率", "≤100%", "≤100%"),
        ("过程", "预算执行", "“三公经费”变动率", "≤0%", "≤0%"),
        ("过程", "预算执行", "政府采购执行率", "＝100%", "＝100%"),
        ("过程", "预算执行", "非税收入预算完成率",
         p(M("≥100%", "PX4 封顶比率写“≥100%”，建议“＝100%”（提示）"), "＝100%"),
         p(M("≥100%", "PX4 封顶比率写“≥100%”，建议“＝100%”（提示）"), "＝100%")),
        ("过程", "预算管理", "预算管理制度健全性", "健全", "健全"),
        ("过程", "预算管理", "资金使用合规性", "合规", "合规"),
        ("过程", "预算管理", "绩效管理覆盖率", "＝100%", "＝100%"),
        ("过程", "预算管理", "基础信息完善性", "完善", "完善"),
        ("过程", "预算管理", "预决算信息公开度", "公开", "公开"),
        ("过程", "预算管理", "非税收入管理合规性", "合规", "合规"),
        ("过程", "资产管理", "资产管理制度健全性", "健全", "健全"),
        ("过程", "资产管理", "资产管理规范性", "规范", "规范"),
        ("过程", "资产管理", "固定资产利用率", "＝100%", "＝100%"),
        ("过程", "项目管理", "项目管理制度健全性", "健全", "健全"),
        ("过程", "项目管理", "项目管理制度执行规范性", "规范", "规范"),
        ("过程", "人员管理", "人员管理制度健全性", "健全", "健全"),
        ("过程", "人员管理", "人员管理制度执行有效性", "有效", "有效"),
        ("过程", "人员管理", "在职人员控制率", "＝100%", "＝100%"),
        ("过程", "机构建设", "组织建设工作及时完成率", "＝100%", "＝100%"),
        ("过程", "机构建设", "业务学习与培训及时完成率", "＝100%", "＝100%"),
        ("过程", "机构建设", "纪检监察工作有效性", "有效", "有效"),
    ]
    wrong_dir = "PX4 完成率用“≤”：≤目标被0满足，方向错误（应为≥/＝）"
    duties = [
        # 一级, 二级(职能), 重点工作, 对应项目, 三级, 半年, 全年
        ("履职", XZ_DUTY_FAIR, "组织企业参加展、会（国际、国内）", XZ_PROJ_FAIR, "组织企业参加展、会数量（国际、国内）",
         "＝5场次", "＝15场次"),
        ("履职", XZ_DUTY_FAIR, "组织企业参加展、会（国际、国内）", XZ_PROJ_FAIR, "展会对企业开拓市场作用", "明显", "明显"),
        ("履职", XZ_DUTY_FAIR, "组织企业参加展、会（国际、国内）", XZ_PROJ_FAIR, "参加展会数量完成率",
         p(M("≤33%", wrong_dir), "≥33%"), p(M("≤100%", wrong_dir), "＝100%")),
        ("履职", XZ_DUTY_INFO, "组织会员企业培训", XZ_PROJ_CO, "组织会员企业培训人次", "≥500人次", "≥1000人次"),
        ("履职", XZ_DUTY_INFO, "组织会员企业培训", XZ_PROJ_CO, "培训合格率", "≥95%", "≥95%"),
        ("履职", XZ_DUTY_CO, "原产地证书签发", XZ_PROJ_CO, "原产地证书签发数量", "≥5000份", "≥10000份"),
        ("履职", XZ_DUTY_CO, "签发优惠证明书", XZ_PROJ_CO, "签发优惠证明书数量", "≥750份", "≥1500份"),
    ]
    empty2 = "PX1 二级指标行没有三级指标和指标值（空的二级行）"
    benefits = keep([
        ("效益指标", "经济效益", "关税优惠额", "≥150万美元", "≥300万美元"),
        ("效益指标", M("社会效益", empty2), "", "", "") if not fixed else
        ("效益指标", "社会效益", "服务外贸企业数量", "≥150家", "≥300家"),
        None if fixed else ("效益指标", M("生态效益", empty2), "", "", ""),
        None if fixed else ("效益指标", M("可持续影响", empty2), "", "", ""),
        ("满意度指标", "服务对象满意度", "服务对象满意度", "≥95%", "≥95%"),
    ])
    return dict(staffing=staffing, goals=goals, spending=spending, common=common, duties=duties, benefits=benefits)


def build_xuzhou(book: Book, d: dict, *, swap: bool = False, row0: int = 0, col0: int = 0,
                 sheet: str = "部门整体绩效目标") -> None:
    s = book.sheet(sheet, row0=row0, col0=col0)
    s.widths(12, 16, 16, 18, 24, 14, 14)
    H, F = (7, 6) if swap else (6, 7)  # columns of 半年 / 全年
    s.title(1, "徐州市市本级部门整体预算绩效目标表", 7)
    s.line(2, "2024年度", 7)
    s.put(3, 1, "单位名称", bold=True)
    s.put(3, 2, "中国国际贸易促进委员会徐州市支会（机关）", 1, 6, align="left")
    s.put(4, 1, "单位\n主要职能", bold=True)
    s.put(4, 2, XZ_FUNCTIONS, 1, 6, align="left")
    s.height(4, 150)
    s.put(5, 1, "机构设置及\n人员配置", bold=True)
    s.put(5, 2, d["staffing"], 1, 6, align="left")
    s.height(5, 48)
    # 部门整体资金 block
    r = 6
    income = [("资金总额", 233.35), ("财政专户管理资金", 0), ("国有资本金", 0), ("社保基金", "0.00"),
              ("上年结转资金", 0), ("其他资金", 0)]
    n_income = 1 + 1 + 3 + 5
    n_spend = 1 + len(d["spending"])
    s.put(r, 1, "部门整体\n资金（万\n元）", n_income + n_spend, 1, bold=True)
    s.put(r, 2, "收入", n_income, 1, bold=True)
    s.put(r, 3, None, 1, 4)
    s.put(r, 7, "全年\n预算数", bold=True)
    s.put(r + 1, 3, "资金总额", 1, 4)
    s.put(r + 1, 7, 233.35, fmt="0.00")
    s.put(r + 2, 3, "财政拨款", 3, 1)
    for i, (name, val) in enumerate([("小计", 233.35), ("一般公共预算资金", 233.35), ("政府性基金", 0)]):
        s.put(r + 2 + i, 4, name, 1, 3)
        s.put(r + 2 + i, 7, val, fmt="0.00")
    for i, (name, val) in enumerate(income[1:]):
        s.put(r + 5 + i, 3, name, 1, 4)
        s.put(r + 5 + i, 7, val, fmt="0.00")
    r += n_income
    s.put(r, 2, "支出", n_spend, 1, bold=True)
    s.put(r, 3, None, 1, 3)
    s.put(r, H, "半年\n计划执行数", bold=True)
    s.put(r, F, "全年\n预算数", bold=True)
    for i, (name, half, full) in enumerate(d["spending"]):
        s.put(r + 1 + i, 3, name, 1, 3, align="center" if i < 2 else "left")
        s.put(r + 1 + i, H, half, fmt="0.00")
        s.put(r + 1 + i, F, full, fmt="0.00")
    r += n_spend
    s.put(r, 1, "中长期目标", bold=True)
    s.put(r, 2, "以各类贸易投资促进工作为抓手，促进我市会展业高质量发展，建设淮海经济区会展核心城市。", 1, 6, align="left")
    r += 1
    s.put(r, 1, "年度目标", bold=True)
    s.put(r, 2, d["goals"], 1, 6, align="left")
    s.height(r, 150)
    r += 1

    def heading5(row: int) -> None:
        s.put(row, 1, "一级指标", bold=True)
        s.put(row, 2, "二级指标", bold=True)
        s.put(row, 3, "三级指标", 1, 3, bold=True)
        s.put(row, H, "半年指标值", bold=True)
        s.put(row, F, "全年指标值", bold=True)

    def table5(row: int, rows: list) -> int:
        heading5(row)
        row += 1
        for start, n, k in spans(rows, lambda x: x[0]):
            s.put(row + start, 1, k, n, 1)
        for start, n, k in spans(rows, lambda x: (x[0], x[1])):
            s.put(row + start, 2, rows[start][1], n, 1)
        for i, (_, _, name, half, full) in enumerate(rows):
            s.put(row + i, 3, name, 1, 3)
            s.put(row + i, H, half)
            s.put(row + i, F, full)
        return row + len(rows)

    r = table5(r, d["common"])
    # 履职 table with 重点工作 / 对应项目
    for c, text in enumerate(["一级指标", "二级指标", "重点工作", "对应项目", "三级指标"], start=1):
        s.put(r, c, text, bold=True)
    s.put(r, H, "半年指标值", bold=True)
    s.put(r, F, "全年指标值", bold=True)
    r += 1
    rows = d["duties"]
    for col, key in ((1, lambda x: x[0]), (2, lambda x: x[1]), (3, lambda x: (x[1], x[2])), (4, lambda x: (x[1], x[2], x[3]))):
        for start, n, _k in spans(rows, key):
            s.put(r + start, col, rows[start][col - 1], n, 1, align="left" if col == 2 else "center")
    for i, row in enumerate(rows):
        s.put(r + i, 5, row[4])
        s.put(r + i, H, row[5])
        s.put(r + i, F, row[6])
        s.height(r + i, 36)
    r += len(rows)
    table5(r, d["benefits"])


# ------------------------------------------------------------------------------------------------
# 001 福州长乐 部门整体支出绩效目标表

CL_GOAL = ("立足贸促投资促进职能，发挥行业优势，贡献发展力量，重点抓好以下工作：（一）增强政治意识，突出组织建设。一是加强思想"
           "建设；二是加强支部建设；三是落实意识形态。（二）增强服务意识，强化服务职能。一是专业化推进商事认证服务；二是强化服务"
           "外资企业工作；三是常态化抓好招商促发展。（三）增强革新意识，注重整改落实。针对巡察组指出的问题，我们将虚心接受、照单"
           "全收，对能立即整改的问题即知即改，对难以立即整改到位的问题要制定方案、建立台账，确保逐条逐项限期整改。")
CL_FUNCTION = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，紧紧围绕区委区政府及上级贸促会工作部署，"
               "查漏补缺，固强补弱，狠抓落实，为长乐奋力打造现代化国际城市重要窗口作出积极贡献。积极为企业搭建国内、国际经贸交流"
               "平台，开展商事法律服务、贸易投资培训等工作，努力以各种形式的中外经济技术合作与交流促进对外经贸工作。")
POS = "正向指标，全部完成得满分，未完成得分=实际完成值/目标值*指标分值"
NEG_ALL = "反向指标，完成得满分，未完成不得分"


def changle_data(fixed: bool) -> dict:
    p = chooser(fixed)
    rep = "PX4 说明栏重复三级指标名称"
    trunc = "PX4 说明栏在词中截断（文字不完整）"
    nofml = "PX4 指标计算公式没有运算符也没有“统计”，只是名称/文件"
    misc = "PX4 管理类比率放在“经济效益指标”下（分类错误）"
    cap = "PX4 封顶比率写“≥100%”，建议“＝100%”"
    pos_eq = "PX4 评分标准写“正向指标…”，但目标值为“＝”"
    goal = p(M(CL_GOAL, "PX6 年度总体目标与年度目标任务（履职目标表）文字完全相同"),
             "立足贸促投资促进职能，全年签发原产地证书不少于80份，组织不少于2家企业参加境内外展会，开展志愿服务活动不少于5场，"
             "持续提升商事认证和涉外法律服务水平，服务企业满意度不低于97%。")
    general = [
        # 名称, 内涵, 依据, 公式, 评分, 目标, 审核
        ("“三公”经费控制率", p(M("", "PX1 一般性支出“内涵解释”为空"), "“三公”经费实际支出占年初预算安排的比例，反映三公经费控制情况"),
         "“三公”经费管理相关规定", "三公经费实际支出数/预算数*100%", "小于或等于目标得100，否则得0", "≤100%", "是"),
        ("“三公”经费违规使用次数", p(M("", "PX1 一般性支出“内涵解释”为空"), "年度内“三公”经费违反规定使用的次数"),
         "“三公”经费管理相关规定", "统计法", "小于或等于目标得100，否则得0", "≤0次", "是"),
        ("会议费、差旅费超标使用次数", p(M("", "PX1 一般性支出“内涵解释”为空"), "年度内会议费、差旅费超过标准使用的次数"),
         "会议费、差旅费管理相关规定", "统计法", "小于或等于目标得100，否则得0", "≤0次", "是"),
    ]
    neg = "反向指标，实际值小于或等于目标值得满分，超出部分按比例扣分"
    eq = "等于目标值得满分，否则不得分"
    ind = [
        # 一级, 二级, 三级, 内涵, 依据, 公式, 评分, 目标, 审核
        ("成本指标", "经济成本指标", "法律顾问费用",
         p(M("法律顾问费用", rep), "全年聘请法律顾问支付的服务费用"),
         p(M("法律顾问费用", rep), "法律顾问服务合同"),
         p(M("法律顾问费用", rep, nofml), "按合同约定的年度服务费统计"),
         p(POS, neg), p(M("≥6000元", "PX4 成本指标用“≥”（成本应为≤，反向）"), "≤6000元"),
         p(M("", "PX1 指标审核为空（其余各行均为“是”）"), "是")),
        ("成本指标", "经济成本指标", "购置资产成本",
         p(M("购置资产成本", rep), "年度新增购置资产的采购支出"),
         "采购合同", "单价*数量", p(POS, neg), p(M("≥5000元", "PX4 成本指标用“≥”（成本应为≤，反向）"), "≤5000元"), "是"),
        ("产出指标", "数量指标", "购置资产数量", "新增购置的资产数量", "年度工作计划",
         p(M("新增购置的资产数量", nofml), "按验收入库的资产件数统计"), POS,
         p(M("≥3台、件、辆、套等", "PX4 单位为列举（台、件、辆、套），单位不唯一"), "≥3件"), "是"),
        ("产出指标", "质量指标", "购置验收通过率", "通过验收的购置数量占购置总数量的比率", "采购合同",
         p(M("通过验收的购置数量占购置总数量的比率", nofml), "通过验收的购置数量/购置总数量*100%"),
         p(M(POS, pos_eq), eq), "=100%", "是"),
        ("产出指标", "时效指标", "部门决算公开及时性", "按照《预算法》规定和政府信息公开要求",
         p(M("公开通知文件", "PX4 设置依据与计算公式相同"), "《预算法》及政府信息公开相关规定"),
         p(M("公开通知文件", nofml), "按时公开的决算信息项数/应公开的决算信息项数*100%"),
         p(POS, eq), p(M("≥100%", cap), "＝100%"), "是"),
        (p("效益指标", "产出指标"), p(M("经济效益指标", misc), "质量指标"), "固定资产利用率",
         p(M("衡量单位合理使用固定资产情况。固定资产利用率=（实际在用固定资产总额/所有固定资产总额/所有固定资", trunc,
             "PX4 公式写错：除以“所有固定资产总额”两次"), "衡量单位合理使用固定资产情况"),
         p(M("衡量单位合理使用固定资产情况。固定资产利用率=（实际在用固定资产总额/所有固定资", trunc),
           "《预算绩效评价共性指标体系框架》（财预〔2013〕53号）"),
         p(M("衡量单位合理使用固定资产情况。固定资产利用率=（实际在用固定资产总额/所有固定资", trunc),
           "实际在用固定资产总额/所有固定资产总额*100%"),
         POS, "≥75%", "是"),
        (p("效益指标", "产出指标"), p(M("经济效益指标", misc), "质量指标"), "在职人员控制率",
         p(M("在职人员控制率=（在职人员数/编制数）×100%在职人员数：单位实际在职人数编制", trunc, rep), "单位在职人员数占编制数的比例，反映人员控制情况"),
         p(M("在职人员控制率=（在职人员数/编制数）×100%在职人员数：单位实际在职人数编制", trunc),
           "《预算绩效评价共性指标体系框架》（财预〔2013〕53号）"),
         p(M("在职人员控制率=（在职人员数/编制数）×100%在职人员数：单位实际在职人数编制", trunc),
           "在职人员数/编制数*100%"),
         NEG_ALL, "≤100%", "是"),
        None if not fixed else
        ("效益指标", "经济效益指标", "帮助企业享受关税减免金额", "企业凭原产地证书在进口国享受的关税减免金额",
         "年度工作计划", "按企业反馈的减免金额统计", POS, "≥10万元", "是"),
        ("效益指标", "社会效益指标", "开展志愿服务活动场次", p("每年共计开展志愿服务活动场次", "全年组织干部职工参加志愿服务的活动次数"), "年度工作计划",
         p(M("每年共计开展志愿服务活动场次", nofml), "按活动记录统计"), POS, "≥5场", "是"),
        ("效益指标", "社会效益指标", "企业受益率",
         p("企业受益率=受益企业数量/全部服务企业数量*100%", "获得服务并受益的企业占全部服务企业的比例"), "年度工作计划",
         p("企业受益率=受益企业数量/全部服务企业数量*100%", "受益企业数量/全部服务企业数量*100%"), p(POS, eq), p(M("≥100%", cap), "＝100%"), "是"),
        ("满意度指标", "服务对象满意度指标", "企业满意度",
         p(M("调查企业满意数/调查企业满意总数*100%", "PX4 满意度公式分子分母同一措辞（满意数/满意总数）"),
           "服务企业对本单位服务的满意程度"),
         "满意度调查表",
         p(M("调查企业满意数/调查企业满意总数*100%", "PX4 满意度公式分子分母同一措辞（满意数/满意总数）"),
           "调查中表示满意的企业数/调查企业总数*100%"),
         POS, "≥97%", "是"),
        None if fixed else
        ("满意度指标", "服务对象满意度指标", M("走访企业数", "PX4 “走访企业数”是产出数量，放在满意度指标下（分类错误）"),
         M("走访企业数", rep), "年度工作计划", M("走访企业数", rep, nofml), POS, "≥5家", "是"),
        # second 产出 block (as in the seed)
        ("产出指标", "数量指标", "原产地证书签发数量", "证书签发到户数量", "年度工作计划",
         p(M("证书签发到户数量", nofml), "按出证系统签发记录统计"), POS, "≥80份", "是"),
        ("产出指标", "数量指标", "参展企业数量", "参加展会的企业总数", "年度工作计划",
         p(M("参加展会的企业总数", nofml), "按参展报名及参展记录统计"), POS, "≥2家", "是"),
        ("产出指标", "数量指标", "聘请法律顾问人数", p("每年聘请的法律顾问人数", "年度签订服务合同的法律顾问数量"), "年度工作计划",
         p(M("每年聘请的法律顾问人数", nofml), "按法律顾问服务合同统计"), p(M(POS, pos_eq), eq), "=1人", "是"),
        None if not fixed else
        ("产出指标", "数量指标", "走访企业数", "全年实地走访服务企业的数量", "年度工作计划", "按走访记录统计", POS, "≥5家", "是"),
        ("产出指标", "数量指标", "每年每单位科级以下党政干部参训率",
         p(M("每年每单位干部参训率=本单位各级干部实际参加脱产培训和网上专题班的人数/本单位各", trunc),
           "本单位科级以下党政干部参加脱产培训和网上专题班的比例"),
         "年度工作计划",
         p(M("每年每单位干部参训率=本单位各级干部实际参加脱产培训和网上专题班的人数/本单位各", trunc),
           "实际参训的科级以下干部人数/本单位科级以下干部总数*100%"),
         p(POS, eq), p(M("≥100%", cap), "＝100%"), "是"),
    ]
    ind = keep(ind)
    if fixed:  # the two management rates sit with the other 质量 rows
        moved = [r for r in ind if r[2] in ("固定资产利用率", "在职人员控制率")]
        ind = [r for r in ind if r not in moved]
        at = next(i for i, r in enumerate(ind) if r[2] == "购置验收通过率") + 1
        ind[at:at] = moved
    return dict(goal=goal, general=general, indicators=ind)


LABELS_PLAIN: dict[str, str] = {}
LABELS_BROKEN = {
    "部门(单位)名称": "部门（单位）名称：",
    "部门预算编码": "部门预算\n编码",
    "年度\n预算\n安排\n(万元)": "年度预算安排（万元）",
    "资金总额": "资 金 总 额",
    "项目支出": "项 目 支 出",
    "基本支出": "基 本 支 出",
    "其他支出": "其 他 支 出",
    "年度\n总体\n目标": "年度总体\n目标：",
    "年度\n履职\n目标": "年度履职\n目标",
    "部门职能": "部门\n职能",
    "年度目标任务": "年度目标\n任务",
    "支出项目名称": "支出项目\n名称",
    "预算金额（万元）": "预算金额\n(万元)",
    "一般性支\n出情况": "一般性支出\n情况",
    "指标名称": "指 标 名 称",
    "内涵解释": "内涵\n解释",
    "设置依据": "设置\n依据",
    "指标计算公式或方法": "指标计算公式\n或方法",
    "评分标准": "评分\n标准",
    "目标值": "目 标 值",
    "指标审核": "指标\n审核",
    "年度绩效指标": "年度\n绩效\n指标",
    "一级指标": "一级\n指标",
}


def build_changle(book: Book, d: dict, labels: dict[str, str] = LABELS_PLAIN) -> None:
    def L(text: str) -> str:
        return labels.get(text, text)

    s = book.sheet("部门整体支出绩效目标表")
    s.widths(9, 10, 13, 18, 26, 18, 22, 24, 14, 8)
    s.title(1, "部门整体支出绩效目标表", 10)
    s.line(2, "(2024 年度)", 10)
    s.put(3, 1, L("部门(单位)名称"), 1, 2, bold=True)
    s.put(3, 3, "中国国际贸易促进委员会福州市长乐区委员会", 1, 4)
    s.put(3, 7, L("部门预算编码"), 1, 2, bold=True)
    s.put(3, 9, "510", 1, 2)
    s.put(4, 1, L("年度\n预算\n安排\n(万元)"), 4, 1, bold=True)
    for i, (name, val) in enumerate([("资金总额", 80.01), ("项目支出", 9.50), ("基本支出", 70.51), ("其他支出", 0.00)]):
        s.put(4 + i, 2, L(name), 1, 4)
        s.put(4 + i, 6, val, 1, 5, fmt="0.00")
    s.put(8, 1, L("年度\n总体\n目标"), bold=True)
    s.put(8, 2, d["goal"], 1, 9, align="left")
    s.height(8, 80)
    s.put(9, 1, L("年度\n履职\n目标"), 2, 1, bold=True)
    s.put(9, 2, L("部门职能"), 1, 3, bold=True)
    s.put(9, 5, L("年度目标任务"), 1, 3, bold=True)
    s.put(9, 8, L("支出项目名称"), bold=True)
    s.put(9, 9, L("预算金额（万元）"), 1, 2, bold=True)
    s.put(10, 2, CL_FUNCTION, 1, 3, align="left")
    s.put(10, 5, CL_GOAL, 1, 3, align="left")
    s.put(10, 8, "整体支出")
    s.put(10, 9, 80.01, 1, 2, fmt="0.00")
    s.height(10, 190)
    heads = ["内涵解释", "设置依据", "指标计算公式或方法", "评分标准", "目标值", "指标审核"]
    r = 11
    s.put(r, 1, L("一般性支\n出情况"), 1 + len(d["general"]), 1, bold=True)
    s.put(r, 2, L("指标名称"), 1, 3, bold=True)
    for i, h in enumerate(heads):
        s.put(r, 5 + i, L(h), bold=True)
    for i, row in enumerate(d["general"]):
        s.put(r + 1 + i, 2, row[0], 1, 3)
        for j, v in enumerate(row[1:]):
            s.put(r + 1 + i, 5 + j, v)
    r += 1 + len(d["general"])
    rows = d["indicators"]
    s.put(r, 1, L("年度绩效指标"), 1 + len(rows), 1, bold=True)
    s.put(r, 2, L("一级指标"), 1, 3, bold=True)  # the seed's heading spans 一级/二级/三级
    for i, h in enumerate(heads):
        s.put(r, 5 + i, L(h), bold=True)
    r += 1
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        for j, v in enumerate(row[2:]):
            s.put(r + i, 4 + j, v, align="left" if 1 <= j <= 4 else "center")
        s.height(r + i, 45)


# ------------------------------------------------------------------------------------------------
# 002 武威: 项目支出绩效自评表 + 部门(单位)整体支出绩效目标(自评)表

WW_GOAL = ("该项目资金用于：扶持培育农产品食品出口龙头企业，发展外向型农业中介服务组织，加强与丝绸之路经济带国家和地区的合作，"
           "持续扩大农副产品外销规模，稳步扩大优势产业对外合作；组织不少于5家外经贸企业参加第二十六届中国·兰州投资贸易洽谈会；"
           "培育跨境电子商务经营主体，以进境木材指定监管场地、进口肉类指定查验场启动运营为契机，进一步加大宣传推介和招商引资力度，"
           "培育木材、肉类贸易加工产业链，加快甘肃（武威）国际陆港建设，加强与沿海港口、内陆口岸合作，扩大对外合作交流，"
           "推动外向型经济快速发展。")


def wuwei_project_data(fixed: bool) -> dict:
    p = chooser(fixed)
    rng = "PX4 区间目标（非标准，按下限计分）"
    nodev = "PX5 得分<分值，偏差原因分析及改进措施为空"
    funds = [
        # name, 年初, 全年, 执行, 分值, 执行率, 得分
        ("年度资金总额", 8.6, 8.6, 8.6, p(M(100, "PX5 预算执行率分值应为10，填了100"), 10), 1.0,
         p(M(100, "PX5 预算执行率得分 = min(10×100%,10) = 10，填了100"), 10)),
        ("其中：当年财政拨款", 8.6, 8.6,
         p(M(None, "PX1 全年执行数为空而总额已填", "PX2 分项全年执行数合计0 ≠ 年度资金总额8.6"), 8.6), "—", None, "—"),
        ("上年结转资金", None, None, None, "—", None, "—"),
        ("其他资金", None, None, None, "—", None, "—"),
    ]
    if not fixed:
        goal = M(WW_GOAL, "PX6 预期目标“组织不少于5家”与指标“组织参展企业数 3-5家”不一致")
        actual = "项目经费支付合理合规，截止12月30日，预算执行率为100%。"
        ind = [
            # 一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差
            ("产出指标", "数量指标", "指标1：外出考察次数", M("1-2次", rng), 1, 10,
             M(8, nodev, "PX5 实际1次达到区间下限1次，应得满分10，填8；同一(T,A)=(1-2次,1)在本表得分比例不同"), ""),
            ("产出指标", "数量指标", "指标2：举行培训班次数", M("1-2次", rng), 1, 5, 5, ""),
            ("产出指标", "数量指标", "指标3：组织参展企业数", M("3-5家", rng, "PX6 与部门整体目标表“5-8家”矛盾"), 3, 10,
             M(8, nodev, "PX5 实际3家达到区间下限3家，应得满分10，填8"), ""),
            ("产出指标", "质量指标", "指标1：考察学习情况", M("1-2次", rng), 1, 10, M(8, nodev, "PX5 达到下限应得满分10，填8"), ""),
            ("产出指标", "质量指标", "指标2：举行培训班情况", M("1-2次", rng), 1, 5, M(4, nodev, "PX5 达到下限应得满分5，填4"), ""),
            ("产出指标", "质量指标", "指标3：参加展会情况", M("3-5家", rng), 2, 10,
             M(8, nodev, "PX5 重算 2÷3×10 = 6.67，填8"), ""),
            ("产出指标", "时效指标", "指标1：按时完成", "完成", "完成", 5,
             M(4, nodev, "PX5 定性目标已达成（完成/完成）却扣分，须说明偏差原因"), ""),
            ("产出指标", "成本指标", "指标1：严格按相关规定执行", M("合规", "PX4 成本指标填定性“合规”，应为≤数值"), "合规", 5, 5, ""),
            ("效益指标", "经济效益指标", "指标1：进出口贸易额保持正增长", "正增长", "正增长", 10, 10, ""),
            ("效益指标", "社会效益指标", "指标1：外贸企业稳定发展", "稳定", "稳定", 10, 10, ""),
            ("效益指标", "生态效益指标", "指标1：企业发展符合环保要求", "符合", "符合", 5, 5, ""),
            ("效益指标", "可持续影响指标", "指标1：外向型经济健康发展", "健康", "健康", 5, 5, ""),
            ("满意度指标", "服务对象满意度指标", M("", "PX1 三级指标为空"),
             M("满意", "PX4 满意度指标值为定性“满意”，应为≥数值（如≥90%）"), "满意", 10, 10, ""),
        ]
        total = (M(100, "PX5 指标分值合计100（应为90，加预算执行率10共100）；一级分配产出60/效益30/满意度10≠50/30/10"),
                 M(90, "PX5 总分应 = 指标得分合计 + 预算执行率得分（90 + 10 = 100），填90"))
    else:
        goal = WW_GOAL
        actual = "项目经费支付合理合规，截止12月30日，全年执行8.6万元，预算执行率为100%。"
        dev = "受疫情影响部分展会延期举办，实际组织3家企业参展；下一步提前对接展会主办方，扩大企业动员范围。"
        ind = [
            ("产出指标", "数量指标", "指标1：外出考察次数", "≥1次", 1, 10, 10, ""),
            ("产出指标", "数量指标", "指标2：举办培训班次数", "≥1次", 1, 5, 5, ""),
            ("产出指标", "数量指标", "指标3：组织参展企业数", "≥5家", 3, 5, 3, dev),
            ("产出指标", "质量指标", "指标1：考察报告完成率", "＝100%", "100%", 5, 5, ""),
            ("产出指标", "质量指标", "指标2：培训合格率", "≥95%", "96%", 5, 5, ""),
            ("产出指标", "质量指标", "指标3：参展企业达成合作意向比例", "≥60%", "66.7%", 5, 5, ""),
            ("产出指标", "时效指标", "指标1：项目按期完成率", "＝100%", "100%", 10, 10, ""),
            ("产出指标", "成本指标", "指标1：项目支出成本控制数", "≤8.6万元", "8.6万元", 5, 5, ""),
            ("效益指标", "经济效益指标", "指标1：全市外贸进出口额增长率", "≥5%", "5.5%", 10, 10, ""),
            ("效益指标", "社会效益指标", "指标1：扶持外贸企业数量", "≥10家", "11家", 10, 10, ""),
            ("效益指标", "生态效益指标", "指标1：参展企业环保合规率", "＝100%", "100%", 5, 5, ""),
            ("效益指标", "可持续影响指标", "指标1：培育跨境电商经营主体数量", "≥2家", "2家", 5, 5, ""),
            ("满意度指标", "服务对象满意度指标", "指标1：服务对象满意度", "≥90%", "95%", 10, 10, ""),
        ]
        total = (100, 98)
    return dict(funds=funds, goal=goal, actual=actual, indicators=ind, total=total)


def build_wuwei_project(book: Book, d: dict, *, sheet: str = "项目自评", text_numbers: bool = False) -> None:
    s = book.sheet(sheet)
    s.widths(10, 18, 16, 30, 12, 12, 8, 8, 26)
    T = _texter(text_numbers)
    s.title(1, "2021年市外服中心预算项目支出绩效自评表", 9)
    s.put(2, 1, "项目名称", bold=True)
    s.put(2, 2, "服务外向型经济工作经费", 1, 8)
    s.put(3, 1, "主管部门", bold=True)
    s.put(3, 2, "市商务局", 1, 3)
    s.put(3, 5, "实施单位", bold=True)
    s.put(3, 6, "市对外经济贸易发展服务中心", 1, 4)
    s.put(4, 1, "项目资金（万元）", 5, 1, bold=True)
    s.put(4, 2, None)
    for i, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        s.put(4, 3 + i, h, bold=True)
    s.put(4, 9, None)
    for i, (name, *vals) in enumerate(d["funds"]):
        s.put(5 + i, 2, name)
        for j, v in enumerate(vals):
            kind = ("money", "money", "money", "score", "pct", "score")[j]
            v, fmt = T(v, kind, i * 10 + j)
            s.put(5 + i, 3 + j, v, fmt=fmt)
        s.put(5 + i, 9, None)
    s.put(9, 1, "年度总体目标", 2, 1, bold=True)
    s.put(9, 2, "预期目标", 1, 4, bold=True)
    s.put(9, 6, "实际完成情况", 1, 4, bold=True)
    s.put(10, 2, d["goal"], 1, 4, align="left")
    s.put(10, 6, d["actual"], 1, 4, align="left")
    s.height(10, 170)
    rows = d["indicators"]
    s.put(11, 1, "绩效指标", 1 + len(rows), 1, bold=True)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
        s.put(11, 2 + i, h, bold=True)
    r = 12
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], align="left")
        s.put(r + i, 5, row[3])
        v, fmt = T(row[4], "count", i)
        s.put(r + i, 6, v, fmt=fmt)
        v, fmt = T(row[5], "score", i)
        s.put(r + i, 7, v, fmt=fmt)
        v, fmt = T(row[6], "score", i + 1)
        s.put(r + i, 8, v, fmt=fmt)
        s.put(r + i, 9, row[7], align="left")
    r += len(rows)
    s.put(r, 1, "总分", 1, 6, bold=True)
    w, sc = d["total"]
    v, fmt = T(w, "score", 0)
    s.put(r, 7, v, fmt=fmt)
    v, fmt = T(sc, "score", 1)
    s.put(r, 8, v, fmt=fmt)
    s.put(r, 9, None)
    s.put(r + 1, 1, "说明", bold=True)
    s.put(r + 1, 2, None, 1, 8)


def _texter(on: bool):
    """For variant_numbers_as_text: every number typed as text, in several hand-typed spellings."""
    def plain(v, kind, i):
        if isinstance(v, M):
            return v, "0.00%" if kind == "pct" else None
        if kind == "pct" and isinstance(v, float):
            return v, "0.00%"
        return v, None

    def text(v, kind, i):
        inner = v.value if isinstance(v, M) else v
        if not isinstance(inner, (int, float)) or isinstance(inner, bool):
            return v, None
        if kind == "pct":
            t = f"{inner * 100:.2f}%"
        elif kind == "money":
            t = [f"{inner} ", _fullwidth(str(inner)), f"{inner}万元"][i % 3]
        elif kind == "score":
            t = f"{inner}分" if i % 2 == 0 else _fullwidth(str(inner))
        else:
            t = str(inner) if i % 2 else _fullwidth(str(inner))
        return (M(t, *v.notes) if isinstance(v, M) else t), None

    return text if on else plain


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


WW_FUNCTIONS = ("负责对外经济贸易相关事务的统筹协调和服务;负责对外经贸项目落地前后的跟踪服务;负责以保税物流中心、进口肉类指定查验场"
                "和武威进境木材检验检疫集中监管区为平台的对外经济贸易的运行监测、情况汇总;配合相关部门做好重大外贸活动的服务保障工作。")


def wuwei_dept_data(fixed: bool) -> dict:
    p = chooser(fixed)
    num = "PX4 数量指标值为“完成”，应为数值"
    g1 = ("目标1:结合我市实际,扶持培育本地农产品食品出口龙头企业,发展外向型农业,持续扩大农副产品外销规模,稳步扩大优势产业对外合作;"
          "鼓励企业加强与丝绸之路经济带沿线国家和地区的合作,年内组织{n}家外贸企业参加境内外各类展会。")
    g2 = ("目标2:充分发挥我中心职能职责,以进境木材指定监管场地、进口肉类指定查验场启动运营为契机,进一步加大宣传推介和招商引资力度,"
          "培育木材、肉类贸易加工产业链,加快甘肃(武威)国际陆港建设,培育跨境电子商务经营主体,加强与沿海港口、内陆口岸合作,"
          "扩大对外合作交流,推动外向型经济快速发展。")
    g3 = "目标3:深入开展调研,积极支持外贸企业发展,举办{m}进出口贸易相关知识培训班,提升外贸企业业务水平。"
    goal = "\n".join([g1.format(n=p("5-8", "不少于5")), g2, g3.format(m=p("2-3次", "不少于2次"))])
    if not fixed:
        goal = M(goal, "PX4 目标文字用区间（5-8家、2-3次）", "PX6 “5-8家”与项目自评表“3-5家”矛盾；指标表只写“完成”，无法核对")
    prior = p([M(None, "PX1 上年预算执行情况数值行整行为空"), None, None, None, None, None],
              [80.5, 82.3, 81.9, 0.9951, 0.4, 0])
    if fixed:
        ind = [
            ("投入指标", "资金投入", "指标1:预算资金到位率", "＝100%"),
            ("投入指标", "资金投入", "指标2:预算支出执行率", "＝100%"),
            ("投入指标", "资金投入", "指标3:“三公”经费控制率", "≤100%"),
            ("投入指标", "财务管理", "指标1:财务制度健全性", "健全"),
            ("投入指标", "财务管理", "指标2:资金使用合规性", "合规"),
            ("投入指标", "财务管理", "指标3:政府采购合规性", "合规"),
            ("投入指标", "人事管理", "指标1:人员编制合规性", "合规"),
            ("投入指标", "人事管理", "指标2:管理制度健全性", "健全"),
            ("投入指标", "资产管理", "指标1:管理制度健全性", "健全"),
            ("投入指标", "资产管理", "指标2:清理清查及时性", "及时"),
            ("投入指标", "部门工作管理", "指标1:工作流程规范性", "规范"),
            ("投入指标", "部门工作管理", "指标2:管理制度健全性", "健全"),
            ("产出指标", "数量指标", "指标1:举办培训班次数", "≥2次"),
            ("产出指标", "数量指标", "指标2:外出考察次数", "≥2次"),
            ("产出指标", "数量指标", "指标3:组织参展企业数", "≥5家"),
            ("产出指标", "质量指标", "指标1:培训合格率", "≥95%"),
            ("产出指标", "质量指标", "指标2:考察报告完成率", "＝100%"),
            ("产出指标", "质量指标", "指标3:参展企业达成合作意向比例", "≥60%"),
            ("产出指标", "时效指标", "指标1:培训班按计划举办率", "＝100%"),
            ("产出指标", "时效指标", "指标2:考察学习按期完成率", "＝100%"),
            ("产出指标", "时效指标", "指标3:展会组织按期完成率", "＝100%"),
            ("产出指标", "成本指标", "指标1:公用经费支出控制数", "≤8.72万元"),
            ("效益指标", "经济效益指标", "指标1:全市外贸进出口额增长率", "≥5%"),
            ("效益指标", "经济效益指标", "指标2:新增外贸企业数量", "≥10家"),
            ("效益指标", "社会效益指标", "指标1:外贸企业培训覆盖率", "≥80%"),
            ("效益指标", "生态效益指标", "指标1:参展企业环保合规率", "＝100%"),
            ("效益指标", "可持续影响指标", "指标1:培育跨境电商经营主体数量", "≥2家"),
            ("满意度指标", "服务对象满意度指标", "指标1:服务对象满意度", "≥90%"),
        ]
    else:
        nosign = "PX4 指标值缺少符号（“100%”应写“＝100%”）"
        ind = [
            ("投入指标", "资金投入", "指标1:预算资金到位率", M("100%", nosign)),
            ("投入指标", "资金投入", "指标2:预算支出执行率", M("100%", nosign)),
            ("投入指标", "资金投入", "指标3:“三公”经费控制情况", "合规"),
            ("投入指标", "财务管理", "指标1:财务制度健全性", "健全"),
            ("投入指标", "财务管理", "指标2:资金使用合规性", "合规"),
            ("投入指标", "财务管理", "指标3:政府采购合规性", "合规"),
            ("投入指标", "人事管理", "指标1:人员编制合规性", "合规"),
            ("投入指标", "人事管理", "指标2:管理制度健全性", "健全"),
            ("投入指标", "资产管理", "指标1:管理制度健全性", "健全"),
            ("投入指标", "资产管理", "指标2:清理清查及时性", "及时"),
            ("投入指标", "部门工作管理", "指标1:工作流程规范性", "规范"),
            ("投入指标", "部门工作管理", "指标2:管理制度健全性", "健全"),
            ("产出指标", "数量指标", M("指标1:举办培训班2-3次", "PX4 区间写在指标名称里（2-3次）"), M("完成", num)),
            ("产出指标", "数量指标", M("指标2:外出考察学习2-3次", "PX4 区间写在指标名称里（2-3次）"), M("完成", num)),
            ("产出指标", "数量指标", M("指标3:组织5-8家企业参加展会", "PX4 区间写在指标名称里（5-8家）"), M("完成", num)),
            ("产出指标", "质量指标", "指标1:举办培训班2-3次", "培训合格"),
            ("产出指标", "质量指标", "指标2:外出考察学习2-3次", M("效果良好", "PX4 指标值不是可判定的等级（无评判标准）")),
            ("产出指标", "质量指标", "指标3:组织5-8家企业参加展会", M("成效显著", "PX4 指标值不是可判定的等级（无评判标准）")),
            ("产出指标", "时效指标", "指标1:举办培训班2-3次", "按时完成"),
            ("产出指标", "时效指标", "指标2:外出考察学习2-3次", "按时完成"),
            ("产出指标", "时效指标", "指标3:组织5-8家企业参加展会", "按时完成"),
            ("产出指标", "成本指标", "指标1:严格按相关规定执行", M("合规", "PX4 成本指标填定性“合规”，应为≤数值")),
            ("效益指标", "经济效益指标", "指标1:外贸进出口额保持正增长", "正增长"),
            ("效益指标", "经济效益指标", "指标2:外贸企业数量增加", "增加"),
            ("效益指标", "社会效益指标", "指标1:外贸企业健康发展", M("健康发展", "PX4 指标值即三级名称的一部分（不可衡量）")),
            ("效益指标", "生态效益指标", "指标1:外贸企业符合环保要求", "合规"),
            ("效益指标", "可持续影响指标", "指标1:外向型经济稳定发展", M("稳定发展", "PX4 指标值即三级名称的一部分（不可衡量）")),
            ("满意度指标", "服务对象满意度指标", "指标1:对各项服务事项满意程度",
             M("满意", "PX4 满意度指标值为定性“满意”，应为≥数值")),
            ("满意度指标", "服务对象满意度指标", M("指标1:对各项服务事项满意程度", "PX4 满意度指标重复填列（同名三级出现两次）"),
             M("满意", "PX4 满意度指标值为定性“满意”，应为≥数值")),
        ]
    return dict(goal=goal, prior=prior, indicators=ind)


def build_wuwei_dept(book: Book, d: dict) -> None:
    s = book.sheet("部门整体目标")
    s.widths(12, 14, 16, 22, 14, 14, 14)
    s.title(1, "部门(单位)整体支出绩效目标自评表", 7)
    s.line(2, "(2021年度)", 7)
    s.put(3, 1, "部门(单位)名称", 1, 2, bold=True)
    s.put(3, 3, "市对外经济贸易发展服务中心", 1, 5)
    s.put(4, 1, "联系人", 1, 2, bold=True)
    s.put(4, 3, "李启晶", 1, 2)
    s.put(4, 5, "联系电话", bold=True)
    s.put(4, 6, "0935-2165233", 1, 2)
    s.put(5, 1, "编制人数", 1, 2, bold=True)
    s.put(5, 3, 3, 1, 2)
    s.put(5, 5, "实有人数", bold=True)
    s.put(5, 6, 3, 1, 2)
    s.put(6, 1, "单位职能", 1, 2, bold=True)
    s.put(6, 3, WW_FUNCTIONS, 1, 5, align="left")
    s.height(6, 70)
    s.put(7, 1, "上年预算执行情况", 2, 1, bold=True)
    for i, h in enumerate(["年初预算数", "调整预算数", "实际支出数", "预算执行率", "年末结转结余数", "结转下年使用数"]):
        s.put(7, 2 + i, h, bold=True)
        s.put(8, 2 + i, d["prior"][i], fmt="0.00%" if i == 3 else "0.00")
    s.put(9, 1, "年度主要任务及预算构成", 5, 1, bold=True)
    s.put(9, 2, "任务名称", 2, 2, bold=True)
    s.put(9, 4, "当年预算金额(万元)", 1, 4, bold=True)
    s.put(10, 4, "总额", bold=True)
    s.put(10, 5, "财政拨款", bold=True)
    s.put(10, 6, "其他资金", 1, 2, bold=True)
    for i, (name, a, b, c) in enumerate([("任务1:公用经费", 8.72, 8.72, 0), ("任务2:事业运行经费", 64.59, 64.59, 0),
                                         ("任务3:专项业务经费", 8.6, 8.6, 0)]):
        s.put(11 + i, 2, name, 1, 2, align="left")
        s.put(11 + i, 4, a, fmt="0.00")
        s.put(11 + i, 5, b, fmt="0.00")
        s.put(11 + i, 6, c, 1, 2, fmt="0.00")
    s.put(14, 1, "金额合计", 1, 3, bold=True)
    s.put(14, 4, 81.91, fmt="0.00")
    s.put(14, 5, 81.91, fmt="0.00")
    s.put(14, 6, 0, 1, 2, fmt="0.00")
    s.put(15, 1, "年度总体绩效目标", bold=True)
    s.put(15, 2, d["goal"], 1, 6, align="left")
    s.height(15, 160)
    rows = d["indicators"]
    s.put(16, 1, "年度绩效指标", 1 + len(rows), 1, bold=True)
    s.put(16, 2, "一级指标", bold=True)
    s.put(16, 3, "二级指标", bold=True)
    s.put(16, 4, "三级指标", 1, 2, bold=True)
    s.put(16, 6, "指标值", 1, 2, bold=True)
    r = 17
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], 1, 2, align="left")
        s.put(r + i, 6, row[3], 1, 2)


# ------------------------------------------------------------------------------------------------
# 003 东莞 项目支出绩效目标批复表 (16 projects, one sheet each)

DG_APPROVAL = ("根据预算管理的有关规定，绩效目标由预算单位申报，作为预算审核安排、绩效运行监控、绩效自评、重点绩效评价的重要依据之一。"
               "请你单位将本项目的绩效目标与部门预算按有关规定一并公开，并以绩效目标为导向，加强项目管理，及时采集相关数据，做好绩效监控，"
               "努力提高财政资金使用效果，确保绩效目标的实现。")
GD2 = ("数量指标（或建筑规模指标）", "质量指标", "时效指标（工期指标）", "预算（或投资规模）控制指标",
       "社会、经济、生态效益指标", "可持续影响指标", "服务对象满意度指标")
GD1 = ("预期产出指标",) * 4 + ("效果指标",) * 2 + ("满意度指标",)


@dataclass
class Project:
    name: str
    medium: object
    annual: object
    goal_medium: object
    goal_annual: object
    # seven rows: (中期三级, 中期值, 年度三级, 年度值) in GD2 order
    rows: list
    approval_label: str = "市财政局批复意见"
    level1: tuple = GD1
    level2: tuple = GD2
    visitor_row: bool = True
    target_heading: str = "计划指标值（或计划水平）"
    money_fmt: str = "0.00"


def dongguan_projects(fixed: bool) -> list[Project]:
    p = chooser(fixed)
    B = "PX4 预算执行率作为绩效指标（与预算执行率得分重复计算，提示）"
    NOSIGN = "PX4 指标值缺少符号"
    NV = "PX4 指标值不可衡量"
    DIFF = "PX3 中期与年度三级指标名称不同（不是同一指标）"
    COPY = "PX3 年度目标照抄中期滚动目标（中期=年度）"
    M1 = "PX3 中期目标文字引用一年的金额"
    SAME = "PX3 中期数量与年度相同，而中期预算为年度的3倍"
    VIS = "PX1 “受访人群满意度”二级行没有三级指标和指标值（空的二级行）"
    out: list[Project] = []

    def proj(name, medium, annual, gm, ga, rows, **kw):
        out.append(Project(name, medium, annual, gm, ga, rows, **kw))

    # 1
    proj("CO出证认证EDI管理系统CA证书费用", 0.75, 0.25,
         p(M("支付进度为40%", "PX3 中期支付进度目标40%低于年度95%"),
           "2021年--2023年按时完成CO出证认证EDI管理系统CA证书续期，保障出证认证业务系统正常运行。"),
         p("支付进度为95%", "2021年按时完成不少于9个Ukey的CA证书续期，保障审证人员的CA证书正常使用。"),
         [
             (p(M("计划缴纳CO出证认证EDI管理系统CA证书数量", DIFF), "缴纳CO出证认证EDI管理系统CA证书数量"),
              p(M("9个Ukey", NOSIGN, SAME), "≥27个Ukey"),
              p("缴纳CO出证认证证书数量", "缴纳CO出证认证EDI管理系统CA证书数量"), p(M("9个Ukey", NOSIGN), "≥9个Ukey")),
             (p("为企业办证服务质量", "CA证书续期成功率"), p(M("企业满意度", NV + "（只写了度量名称）"), "＝100%"),
              p("为企业办证服务质量", "CA证书续期成功率"),
              p(M("企业满意度≥95%", "PX4 满意度写在质量指标下（分类错误）"), "＝100%")),
             (p(M("（实际缴纳数量应缴纳数量）100%", DIFF, "PX4 三级指标名称是残缺的公式"), "证书续期按期完成率"),
              p("及时", "＝100%"), p("计划进度完成时效", "证书续期按期完成率"), p("及时", "＝100%")),
             (p("预算执行率", "CA证书单价"), p(M("每年≥95%", B), "每个≤280元"),
              p("预算执行率", "CA证书单价"), p(M("每年≥95%", B), "每个≤280元")),
             ("CA证书成功续期", p("有效", "＝100%"), "CA证书成功续期",
              p(M("确保审证人员的CA证书正常使用", NV + "（是一句工作描述）"), "＝100%")),
             ("业务系统网络安全和数据安全", p("有效", "≤0次"), "业务系统网络安全和数据安全", p("有效", "≤0次")),
             (p("企业满意度", "申办原产地证书的企业满意度"), "≥95%",
              p(M("申办原产地证书的企业满意度", DIFF), "申办原产地证书的企业满意度"), "≥95%"),
         ])
    # 2
    rent = ("长安、凤岗签证点的办公场所租金、员工宿舍租金以及总部工作人员停车场租金，费用支出22.16万元：1.长安签证点7.06万元，"
            "具体包括：（1）办公场所租金、水电费、物业管理费4.9万；（2）长安签证点员工宿舍租金1800元/月，年合共2.16万；"
            "3.凤岗签证点3.1万元，具体包括：办公场所租金、水电费、物业管理费；3.继续租用莞城房管所停车场租金12万元。")
    rent_ok_a = ("长安、凤岗签证点的办公场所租金、员工宿舍租金以及总部工作人员停车场租金，费用支出22.00万元：1.长安签证点7.06万元，"
                 "具体包括：（1）办公场所租金、水电费、物业管理费4.9万元；（2）长安签证点员工宿舍租金1800元/月，年合共2.16万元；"
                 "2.凤岗签证点2.94万元，具体包括：办公场所租金、水电费、物业管理费；3.继续租用莞城房管所停车场租金12万元。")
    proj("办公及业务场所租金", 66.00, 22.00,
         p(M(rent, M1, COPY), "2021年--2023年持续保障长安、凤岗签证点办公场所、员工宿舍及总部停车场的租赁，为出证认证业务提供稳定的办公场所。"),
         p(M(rent, "PX2 目标文字合计22.16万元 ≠ 本年度申请22.00万元"), rent_ok_a),
         [
             ("租赁合同数量", p(M("续签租赁合同", "PX4 数量指标值非数值"), "≥12份"), "租赁合同数量",
              p(M("续签租赁合同", "PX4 数量指标值非数值"), "≥4份")),
             ("为受益者提供优质工作环境", p("有效", "≥95%"), "为受益者提供优质工作环境", p("有效", "≥95%")),
             (p("提高工作效率", "租金按合同约定支付及时率"), p("有效", "＝100%"),
              p("提高工作效率", "租金按合同约定支付及时率"),
              p(M("提高工作效率", NV + "（重复三级名称）"), "＝100%")),
             (p("预算执行率", "年租金总额"), p(M("≥95%", B), "≤66万元"), p("预算执行率", "年租金总额"), p(M("≥95%", B), "≤22万元")),
             ("为单位高效、顺利开展工作提供基础保障", p("有效", "≥95%"), "为单位高效、顺利开展工作提供基础保障", p("有效", "≥95%")),
             (p("提高员工办事效率", "签证点业务正常开展率"), p(M("提高员工办事效率", NV + "（重复三级名称）"), "＝100%"),
              p("提高员工办事效率", "签证点业务正常开展率"), p(M("提高员工办事效率", NV + "（重复三级名称）"), "＝100%")),
             ("员工的满意度", "≥95%", "员工的满意度", "≥95%"),
         ], approval_label="市财\n政局\n批复\n意见")
    # 3
    act = ("结合我市实际，通过参加贸促总会及相关贸促机构组织的有代表性的大型经贸活动，快速、高效地搜集国际经贸信息；加强与境外商协会的"
           "交流，促成建立交流合作机制，推动我市行业商协会同境外相关商协会对接；积极引进优质项目进入我市举办，提高我市国际知名度，"
           "推动招商引资。")
    proj("参加对口组织经贸活动费用", 30.00, 10.00, p(M(act, COPY), act),
         p(act, "2021年参加贸促总会及相关贸促机构组织的大型经贸活动不少于4次，与境外商协会开展交流对接不少于3次。"),
         [
             ("参加活动场次", p(M("每年4次", NOSIGN), "≥12次"), "参加活动场次", p(M("每年4次", NOSIGN), "≥4次")),
             ("项目计划完成情况", "不低于年初工作计划的90%", "项目计划完成情况", "不低于年初工作计划的90%"),
             ("计划进度完成时效", p("及时", "每年12月底前"), "计划进度完成时效", p("及时", "每年12月底前")),
             (p("预算执行率", "单次活动平均费用"), p(M("100%", B, NOSIGN), "≤2.5万元"),
              p("预算执行率", "单次活动平均费用"), p(M("100%", B, NOSIGN), "≤2.5万元")),
             ("建立健全与沿线国家政府、行业协会、企业等沟通交流机制，拓展对外交流新渠道", p("每年不少于3次", "不少于9次"),
              "建立健全与沿线国家政府、行业协会、企业等沟通交流机制，拓展对外交流新渠道", "每年不少于3次"),
             (p("促进贸促工作", "引进优质项目来莞举办数量"), p("有效", "≥3个"), p("促进贸促工作", "引进优质项目来莞举办数量"),
              p("有效", "≥1个")),
             (p("提升服务水平", "企业满意度"), p(M("企业满意度", NV + "（只写了度量名称）"), "≥90%"),
              p("提升服务水平", "企业满意度"), p(M("企业满意度", NV + "（只写了度量名称）"), "≥90%")),
         ], approval_label="市财\n政局\n批复\n意见")
    # 4
    go_m = ("以服务企业走出去为重点，寻找我市支柱产业与国际经贸的对接点，为我市企业搭建交流合作平台，开拓亚太地区、欧美地区以及非洲地区的"
            "市场，提供信息资源整合服务，企业境外风险防控服务，助力我市主动融入一带一路建设，打造东莞贸促优质服务升级版。")
    go_a = "以服务企业走出去为重点，寻找我市支柱产业与国际经贸的对接点，为我市企业搭建交流合作平台，重点为我市企业开拓东南亚和南美国家市场。"
    proj("出访、招商、办展活动", 45.00, 15.00, go_m, go_a, [
        (p(M("签署友好合作协议数量", DIFF), "组织出访及参展企业数量"),
         p(M("每年不少于3宗家企业", "PX4 单位含两个量词（宗、家），单位不明确"), "不少于24家"),
         p(M("企业数量", DIFF), "组织出访及参展企业数量"),
         p(M("每年不少于8家企业", "PX3 年度目标（8家）大于中期目标（3宗）"), "不少于8家")),
        ("项目计划完成情况", "不低于年初工作计划的90%", "项目计划完成情况", "不低于年初工作计划的90%"),
        ("计划进度完成时效", "每年12月底前", "计划进度完成时效", "每年12月底前"),
        (p("预算执行率", "单个出访团组平均费用"), p(M("每年不低于90%", B), "≤5万元"),
         p("预算执行率", "单个出访团组平均费用"), p(M("每年不低于90%", B), "≤5万元")),
        (p("专项活动取得经济成效情况", "企业达成合作意向数量"),
         p(M("宣传东莞投资环境，搭建我市与境外国家经贸合作网络渠道，帮助企业抢占海外市场商机，助推“东莞制造全球行”。", NV + "（一段工作描述）"),
           "不少于15个"),
         p("专项活动取得经济成效情况", "企业达成合作意向数量"),
         p(M("宣传东莞投资环境，搭建我市与境外国家经贸合作网络渠道，帮助企业抢占海外市场商机，助推“东莞制造全球行”。", NV + "（一段工作描述）"),
           "不少于5个")),
        (p("产生持续影响", "与境外机构建立长期合作关系数量"),
         p(M("支持和引导拓展境外市场，抢占更多国际贸易市场份额，培育对外经贸合作新动能。", NV + "（一段工作描述）"), "不少于6个"),
         p("产生持续影响", "与境外机构建立长期合作关系数量"),
         p(M("支持和引导拓展境外市场，抢占更多国际贸易市场份额，培育对外经贸合作新动能。", NV + "（一段工作描述）"), "不少于2个")),
        ("参与企业满意度", p(M("得到外出参展及参加经贸考察企业的认同", "PX4 满意度指标值非数值"), "≥90%"),
         "参与企业满意度", p(M("得到外出参展及参加经贸考察企业的认同", "PX4 满意度指标值非数值"), "≥90%")),
    ])
    # 5
    med = ("根据《关于设立中国国际贸易促进委员会中国国际商会东莞调解中心的意见》（东财复【2014】43号）文件内容，东莞调解中心的人员经费"
           "和公用经费列入我会年度预算安排，由市财政参照市机关事业单位职员薪酬标准执行，每年补助人员经费和公用经费53万。")
    proj("东莞调解中心普通职员经费", 159.00, 53.00,
         p(M(med, M1, COPY), "根据《关于设立中国国际贸易促进委员会中国国际商会东莞调解中心的意见》（东财复【2014】43号）文件内容，"
                            "2021年--2023年持续保障东莞调解中心职员调解人员经费和公用经费，推动商事调解业务发展。"),
         p(med, med.replace("53万。", "53万元。")), [
             ("职员调解人员数量", p(M("调解人数5人", NOSIGN), "≥5人"), "职员调解人员数量", p(M("调解人员5人", NOSIGN), "≥5人")),
             ("人员到位率", p(M("人员到位情况", NV + "（只写了度量名称）"), "＝100%"), "人员到位率",
              p(M("人员到位情况", NV + "（只写了度量名称）"), "＝100%")),
             (p("工作任务完成时间", "调解案件按期结案率"), p("及时", "≥90%"), p("工作任务完成时间", "调解案件按期结案率"), p("及时", "≥90%")),
             (p("预算执行率", "人均经费"), p(M("95%以上", B), "每人≤10.6万元"), p("预算执行率", "人均经费"), p(M("95%以上", B), "每人≤10.6万元")),
             (p("调解业务开展", "受理调解案件数量"), p("有效", "≥150件"), p("调解业务开展", "受理调解案件数量"), p("有效", "≥50件")),
             ("提升调解成功案例的比例", p(M("提升调解业务成功比例", NV + "（重复三级名称）"), "≥60%"),
              "提升调解成功案例的比例", p(M("提升调解业务成功比例", NV + "（重复三级名称）"), "≥60%")),
             (p(M("年度考核", "PX4 “年度考核”放在满意度指标下（分类错误）"), "调解当事人满意度"),
              p(M("对调解员年度考核", "PX4 满意度指标值非数值"), "≥90%"),
              p(M("年度考核", "PX4 “年度考核”放在满意度指标下（分类错误）"), "调解当事人满意度"),
              p(M("对调解员年度考核", "PX4 满意度指标值非数值"), "≥90%")),
         ], approval_label="市财\n政局\n批复\n意见")
    # 6
    fair = "通过组织举办境外来莞经贸洽谈会、推介会，帮助企业在“家门口”即可掌握相关国家、地区最新经贸动态、项目信息，实现经贸对接，为莞企及莞货走出去搭建实效平台。"
    proj("国际经济贸易东莞洽谈会", 9.00, 3.00, fair,
         p(M(fair.replace("帮助企业在", "帮助企业企业在"), COPY), "2021年组织举办境外来莞经贸洽谈会、推介会不少于2场，帮助企业在“家门口”实现经贸对接。"), [
             ("组织活动场次", p(M("每年两场", NOSIGN), "≥6场"), "组织活动场次", p(M("每年两场", NOSIGN), "≥2场")),
             ("会议符合企业所需", "≥90%", "会议符合企业所需", "≥90%"),
             ("计划进度完成时效", p("及时", "每年12月底前"), "计划进度完成时效", p("及时", "每年12月底前")),
             (p("预算执行率", "单场活动平均费用"), p(M("100%", B, NOSIGN), "≤1.5万元"),
              p("预算执行率", "单场活动平均费用"), p(M("100%", B, NOSIGN), "≤1.5万元")),
             (p("提高企业的国际视野水平，促进莞货走出去", "参会企业数量"), p("有效", "≥150家"),
              p("提高企业的国际视野水平，促进莞货走出去", "参会企业数量"), p("有效", "≥50家")),
             (p("促进贸促工作", "达成合作意向企业数量"), p("有效", "≥15家"), p("促进贸促工作", "达成合作意向企业数量"), p("有效", "≥5家")),
             (p("提高服务质量", "参会企业满意度"), "≥90%", p(M("满意度调查", DIFF), "参会企业满意度"), "≥90%"),
         ])
    # 7
    lec_m = ("计划与中国贸促会合作举办关于涉外商事法律方面的讲座，聘请国内外权威专家授课。通过中国贸促会邀请权威专家授课，为企业提供涉外"
             "商事法律知识的培训平台，学习涉外商事法律，了解国际贸易经贸摩擦预警应对等。")
    lec_a = ("明年拟与中国贸促会合作举办3场关于涉外商事法律方面的讲座，聘请国内外权威专家授课。通过中国贸促会邀请权威专家授课，为企业提供"
             "涉外商事法律知识的培训平台，学习涉外商事法律，了解国际贸易经贸摩擦预警应对等。")
    proj("国际贸易业务讲座", 30.00, 10.00, lec_m,
         p(M(lec_a, "PX3 2021年度的表写“明年”", "PX6 目标文字“3场”在指标表中没有对应的场次指标"),
           lec_a.replace("明年拟", "2021年拟").replace("举办3场", "举办不少于3场")), [
             (p("参加讲座企业的数量", "举办讲座场次"),
              p(M("每场150家出口企业以内", "PX4 数量指标用“以内”（≤），方向错误"), "≥9场"),
              p("参加讲座企业的数量", "举办讲座场次"),
              p(M("每场150家企业以内", "PX4 数量指标用“以内”（≤），方向错误"), "≥3场")),
             (p("讲座符合企业需求", "讲座内容符合企业“走出去”需求比例"), "≥90%",
              p(M("讲座内容符合企业“走出去”需求", DIFF), "讲座内容符合企业“走出去”需求比例"),
              p(M("讲座符合企业需求", NV + "（没有数值）"), "≥90%")),
             ("计划举办时间", "每年9月", "计划举办时间", p(M("2020年9月", "PX3 年份2020与表年度2021不符"), "2021年9月")),
             (p("预算执行率", "单场讲座平均费用"), p(M("100%", B, NOSIGN), "≤3.4万元"),
              p("预算执行率", "单场讲座平均费用"), p(M("≥100%", B, "PX4 封顶比率写“≥100%”"), "≤3.4万元")),
             (p(M("为企业“走出去提供相关信息以及知识”", DIFF), "参加讲座企业数量"), p("有效", "≥450家"),
              p("为企业“走出去”提供相关信息知识", "参加讲座企业数量"), p("有效", "≥150家")),
             (p("提高企业“走出去”的抗风险能力", "企业涉外法律咨询受理数量"), p("有效", "≥30件"),
              p(M("提高企业“走出去”的看风险能力", DIFF + "（“看”为错字）"), "企业涉外法律咨询受理数量"), p("有效", "≥10件")),
             ("企业满意度", "≥90%", "企业满意度", "≥90%"),
         ], approval_label="市财\n政局\n批复\n意见")
    # 8
    ton_m = "项目计划根据证书的签发量，每年购买彩色激光打印机硒鼓，配合中国贸促会履行国际协议，启动新版原产地证格式，使用彩色激光打印原产地证，为企业出具原产地证书。"
    ton_a = "2020年度计划投入12万元，购买彩色激光打印机硒鼓，配合中国贸促会履行国际协议，启动新版原产地证格式，使用彩色激光打印原产地证，为企业出具原产地证书。"
    proj("其他货物购置", 24, 8.00, ton_m,
         p(M(ton_a, "PX3 2021年度的表写“2020年度”", "PX2 目标文字12万元 ≠ 本年度申请8.00万元"), ton_a.replace("2020年度计划投入12万元", "2021年度计划投入8万元")), [
             ("购买硒鼓数量", p(M("购买30套硒鼓", NOSIGN, SAME), "购买≥90套硒鼓"), "购买硒鼓数量", p(M("购买30套硒鼓", NOSIGN), "购买≥30套硒鼓")),
             ("购买硒鼓数量达标率", p(M("100%", NOSIGN), "＝100%"), "购买硒鼓数量达标率", p(M("100%", NOSIGN), "＝100%")),
             ("计划进度完成时效", p("及时", "每年12月底前"), "计划进度完成时效",
              p(M("有效", "PX3 时效指标中期“及时”、年度“有效”不一致"), "每年12月底前")),
             (p("预算执行率", "硒鼓单价"), p(M("每年≥90%", B), "每套≤2700元"), p("预算执行率", "硒鼓单价"), p(M("每年≥90%", B), "每套≤2700元")),
             ("打印原产地证数量", p(M("3万份", NOSIGN, SAME), "≥9万份"), "打印原产地证数量", p(M("3万份", NOSIGN), "≥3万份")),
             ("对促进国际贸易便利的影响", "有效", "对促进国际贸易便利的影响", "有效"),
             ("企业满意度", "≥95%", "企业满意度", "≥95%"),
         ], money_fmt="General")
    # 9
    arc = ("项目计划每年投入2万元，用于企业档案著录，建立企业档案数字化系统、整理实现档案数字化，满足贸促会办证窗口在市民中心开设后，"
           "随时便捷查阅企业档案资料的需求。预计每年有1000份新增的企业档案资料需要整理归档并梳理到数字化系统，每份需要20元的整理费用，"
           "合计每年投入2万元。")
    arc_ok = ("项目计划每年投入0.5万元，用于企业档案著录，建立企业档案数字化系统、整理实现档案数字化，满足贸促会办证窗口在市民中心开设后，"
              "随时便捷查阅企业档案资料的需求。预计每年有250份新增的企业档案资料需要整理归档并梳理到数字化系统，每份需要20元的整理费用，"
              "合计每年投入0.5万元。")
    proj("企业档案整理数字化费用", 1.5, 0.5,
         p(M(arc, M1, COPY), "2021年--2023年累计整理企业档案不少于750份，建成企业档案数字化系统，满足办证窗口随时便捷查阅企业档案资料的需求。"),
         p(M(arc, "PX2 目标文字每年2万元（1000份×20元）≠ 本年度申请0.5万元", "PX6 目标文字1000份 ≠ 指标250份"), arc_ok), [
             ("整理企业档案份数", p(M("预计每年250份", NOSIGN), "≥750份"), "整理企业档案份数", p(M("250份", NOSIGN), "≥250份")),
             ("整理数量比率", p(M("100%", NOSIGN), "＝100%"), "整理数量比率", p(M("100%", NOSIGN), "＝100%")),
             ("计划进度完成时效", p("及时", "每年12月底前"), "计划进度完成时效", p("及时", "每年12月底前")),
             (p("预算执行率", "每份档案整理费用"), p(M("每年≥90%", B), "每份≤20元"), p("预算执行率", "每份档案整理费用"), p(M("每年≥90%", B), "每份≤20元")),
             ("便捷查阅企业档案资料", "满足", "便捷查阅企业档案资料", "满足"),
             ("无纸化办公", "有效", "无纸化办公", "有效"),
             ("办事企业满意度", "≥95%", "办事企业满意度", p(M("95%", NOSIGN), "≥95%")),
         ], approval_label="市财\n政局\n批复\n意见", money_fmt="General")
    # 10
    wat = "依据上年水电费缴费情况作预算申报 一、水费0.6万：500元/月*12个月 二、电费7.4万：0.62万元/月*12个月"
    wat_ok = "依据上年水电费缴费情况作预算申报 一、水费0.6万元：500元/月*12个月 二、电费6.4万元：0.5333万元/月*12个月"
    proj("水电费补助", 21.00, 7.00,
         p(M(wat, M1, COPY), "2021年--2023年持续保障办公场所水电费支出，依据上年缴费情况逐年申报。"),
         p(M(wat, "PX2 目标文字0.6+7.4 = 8万元 ≠ 本年度申请7.00万元；0.62万元×12 = 7.44 ≠ 7.4"), wat_ok), [
             (p("支付当年1-12月水电费", "支付水电费月数"), p(M("支付当年1-12月水电费", NV + "（与三级名称相同）"), "＝36个月"),
              p("支付当年1-12月水电费", "支付水电费月数"), p(M("支付当年1-12月水电费", NV + "（与三级名称相同）"), "＝12个月")),
             (p("为受益者提供优质工作环境", "水电供应保障率"), p(M("提高办公室后勤管理水平", NV), "＝100%"),
              p("为受益者提供优质工作环境", "水电供应保障率"), p(M("提高办公室后勤管理水平", NV), "＝100%")),
             (p("年进度工程进度率", "水电费按时缴纳率"), p(M("100%", NOSIGN), "＝100%"),
              p(M("年进度工程进度", DIFF), "水电费按时缴纳率"), p(M("100%", NOSIGN), "＝100%")),
             (p("预算执行率", "月均水电费"), p(M("90%以上", B), "每月≤0.59万元"), p("预算执行率", "月均水电费"), p(M("90%以上", B), "每月≤0.59万元")),
             (p("节能水平提高", "年度用电量下降率"), p(M("节约能源或节省工作成本", NV), "≥3%"),
              p("节能水平提高", "年度用电量下降率"), p(M("节约能源或节省工作成本", NV), "≥1%")),
             (p("为单位高效、顺利的开展工作提高基础保障", "因水电中断影响办公次数"), p(M("提高办公室后勤管理水平", NV), "≤0次"),
              p(M("为单位高效、顺利的开展工作提供基础保障", DIFF), "因水电中断影响办公次数"), p(M("提高办公室后勤管理水平", NV), "≤0次")),
             ("受益者满意度", p(M("满意", "PX4 满意度指标值非数值"), "≥90%"), "受益者满意度", p(M("满意", "PX4 满意度指标值非数值"), "≥90%")),
         ], approval_label="市财\n政局\n批复\n意见")
    # 11
    net = "两个签证点每月的宽带费用为310元/月，全年共0.4万元。"
    proj("网络线路租赁费", 1.2, 0.4,
         p(M(net, M1, COPY), "2021年--2023年持续保障两个签证点的网络线路，确保出证认证业务系统稳定运行。"),
         p(M(net, "PX2 310元/月×12 = 0.372万元（两点各310元则0.744万元）≠ 0.4万元"), "两个签证点每月的宽带费用合计为333元/月，全年共0.4万元。"), [
             (p("宽带费用", "宽带线路数量"), p(M("每月宽带费用支出", NV + "（数量指标不是数值）"), "＝2条"),
              p("宽带费用", "宽带线路数量"), p(M("每月宽带费用支出", NV + "（数量指标不是数值）"), "＝2条")),
             (p("为出口企业办理原产地证书效率", "网络线路正常运行率"), p(M("每月宽带费用支出务质量", NV + "（复制残缺）"), "≥99%"),
              p("为出口企业办理原产地证书效率", "网络线路正常运行率"), p(M("提高服务质量", NV), "≥99%")),
             (p(M("计划进度完成时效时", "PX4 三级名称错字（“时效时”）"), "计划进度完成时效"), p("及时", "每年12月底前"),
              p("计划进度完成时效时", "计划进度完成时效"), p("及时", "每年12月底前")),
             (p("预算执行率", "每条线路月租费"), p("≥95%", "每月≤167元"), p("预算执行率", "每条线路月租费"), p(M("≥95%", B), "每月≤167元")),
             (p("提高管理和服务水平", "网络故障导致业务中断次数"), p(M("办证数量", NV + "（只写了度量名称）"), "≤0次"),
              p("提高管理和服务水平", "网络故障导致业务中断次数"),
              p(M("企业满意度有所提高", "PX4 满意度写在效益指标下（分类错误）"), "≤0次")),
             (p("促进我市外贸出口", "签证点年签发原产地证书数量"), p(M("办证数量", NV + "（只写了度量名称）"), "≥30000份"),
              p("促进我市外贸出口", "签证点年签发原产地证书数量"), p(M("货物原产地证出证数量增加", NV), "≥10000份")),
             ("办事企业满意度", "≥95%", p(M("提高服务质量", DIFF), "办事企业满意度"), "≥95%"),
         ], money_fmt="General")
    # 12
    hire = "按4万元/年的标准，继续聘用原有5名临时聘用人员：保安3名；厨工2名。"
    proj("未过渡普通聘用人员经费支出", 60.00, 20.00,
         p(M(hire, M1, COPY), "2021年--2023年按标准继续聘用原有5名临时聘用人员（保安3名、厨工2名），保障机关安保和后勤运转。"), hire, [
             ("未过渡聘用人员人数", p(M("5人", NOSIGN), "＝5人"), "未过渡聘用人员人数", p(M("5人", NOSIGN), "＝5人")),
             ("人员到位率", p(M("人员到位情况", NV + "（只写了度量名称）"), "＝100%"), "人员到位率", p(M("人员到位情况", NV + "（只写了度量名称）"), "＝100%")),
             ("工作任务完成时间", p("按时完成工作任务", "按时完成"), "工作任务完成时间", p("按时完成工作任务", "按时完成")),
             (p("预算执行率", "人均年经费"), p(M("95%以上", B), "每人≤4万元"), p("预算执行率", "人均年经费"), p(M("95%以上", B), "每人≤4万元")),
             (p("促进贸促工作", "机关安全事故发生次数"), p("有效", "≤0次"), p("促进贸促工作", "机关安全事故发生次数"), p("有效", "≤0次")),
             (p(M("促进贸促工作", "PX4 同一三级指标在社会效益和可持续影响下重复"), "后勤保障工作正常运转率"), p("有效", "＝100%"),
              p(M("促进贸促工作", "PX4 同一三级指标在社会效益和可持续影响下重复"), "后勤保障工作正常运转率"), p("有效", "＝100%")),
             (p(M("工作考核", "PX4 “工作考核”放在满意度指标下（分类错误）"), "机关干部职工满意度"),
              p(M("合格以上", "PX4 满意度指标值非数值"), "≥90%"),
              p(M("工作考核", "PX4 “工作考核”放在满意度指标下（分类错误）"), "机关干部职工满意度"),
              p(M("合格以上", "PX4 满意度指标值非数值"), "≥90%")),
         ])
    # 13
    prop = "申请12万元用于对贸促会2200平方米办公场所予以物业管理费补助。"
    proj("物业管理费", 110.28, 36.76,
         p(M(prop, M1, COPY), "2021年--2023年持续对贸促会2200平方米办公场所予以物业管理费补助，保障办公环境安全整洁。"),
         p(M(prop, "PX2 目标文字12万元 ≠ 本年度申请36.76万元"), "申请36.76万元用于对贸促会2200平方米办公场所予以物业管理费补助。"), [
             (p(M("单位日常办公的安保及清洁工作的人员", DIFF), "单位日常办公的安保、清洁的人数"),
              p(M("单位日常办公的安保及清洁工作的人员？", NV + "（以“？”结尾）"), "≥3人"),
              "单位日常办公的安保、清洁的人数", p(M("3人", NOSIGN), "≥3人")),
             (p("为受益者提供优质工作环境", "物业服务考核合格率"), p(M("提高办公室后勤管理水平", NV), "＝100%"),
              p("为受益者提供优质工作环境", "物业服务考核合格率"), p(M("为受益者提供优质工作环境", NV + "（与三级名称相同）"), "＝100%")),
             (p("年度进度率", "物业费按季度支付及时率"), p("及时", "＝100%"), p("年度进度率", "物业费按季度支付及时率"), p("及时", "＝100%")),
             (p("预算执行率", "每平方米月物业费"), p(M("90%以上", B), "≤13.93元"), p("预算执行率", "每平方米月物业费"), p(M("每年90%以上", B), "≤13.93元")),
             (p(M("提高安全、整洁的办公环境", DIFF), "办公场所安全事故次数"), p(M("加强单位后勤保障管理", NV), "≤0次"),
              p("提供安全舒适的办公环境", "办公场所安全事故次数"), p(M("加强单位后勤保障管理", NV), "≤0次")),
             (p(M("为单位高效、顺利开展工作提高基础保障", DIFF), "后勤保障工作正常运转率"), p(M("提高办公室后勤管理水平", NV), "＝100%"),
              p("为单位高效、顺利开展工作提供基础保障", "后勤保障工作正常运转率"), p(M("提高办公室后勤管理水平", NV), "＝100%")),
             ("预期受益者的满意度", "满意度90%以上", "预期受益者的满意度", "满意度90%以上"),
         ])
    # 14
    guide = ("1、印刷注册备案业务表格及申领员卡。项目计划每年投入0.1万元，计划每年印刷签发产地证所需的各种注册备案表、申请表和申领员卡等资料，"
             "为企业提供统一固定格式的表格。2、印刷业务小册子。项目计划每年投入0.4万元，计划每年印刷业务小册子，加强业务的推广，"
             "提高办事公开透明度，提高办事企业的申办业务水平。")
    proj("业务流程指南印制费", 1.5, 0.5,
         p(M(guide, M1, COPY), "2021年--2023年每年印刷注册备案业务表格、申领员卡和业务小册子，累计印刷不少于13500本，提高办事公开透明度。"), guide, [
             ("印刷数量", p(M("100%", NOSIGN, "PX3 中期“100%”与年度“印刷4500本”单位不同"), "印刷≥13500本"),
              "印刷数量", p(M("印刷4500本", NOSIGN), "印刷≥4500本")),
             ("质量达标率", p(M("100%", NOSIGN), "＝100%"), "质量达标率", p(M("100%", NOSIGN), "＝100%")),
             ("计划进度完成时效", p("及时", "每年6月底前"), "计划进度完成时效", p("及时", "每年6月底前")),
             (p("预算执行率", "每本印刷单价"), p(M("每年≥90%", B), "≤1.2元"), p("预算执行率", "每本印刷单价"), p(M("每年≥90%", B), "≤1.2元")),
             ("对企业申办业务水平的影响", "有效", "对企业申办业务水平的影响", "有效"),
             ("对办事便利化的影响", "有效", "对办事便利化的影响", "有效"),
             ("办事企业满意度", "≥95%", "办事企业满意度", "≥95%"),
         ], approval_label="市财\n政局\n批复\n意见", money_fmt="General")
    # 15
    rep = ("通过境外设立经贸代表处招商、收集信息，宣传我市改革开放成果和投资环境，加强与驻在国（地区）政府、经济促进部门、工商会、企业等"
           "部门和经济组织的联系，对接世界500强和大型跨国企业，加快引进高新技术和先进制造业、高端服务业及高级人才，为我市企业“走出去”"
           "提供服务，使境外经贸代表处成为促进招商引资、保证外贸稳增长的新渠道、新方式，提升我市开放型经济水平。")
    proj("驻境外经贸代表处管理费用", 66.00, 22.00, p(M(rep, COPY), rep),
         p(rep, "2021年通过境外经贸代表处开展招商、信息收集和经贸对接活动不少于20次，为我市企业“走出去”提供服务。"), [
             ("开展工作业务次数", p(M("绩效评价合格分数值", NV + "（只写了度量名称）"), "≥60次"),
              "开展工作业务次数", p(M("绩效评价合格分数值", NV + "（只写了度量名称）"), "≥20次")),
             ("符合境外代表处管理规定要求", p("100%", "＝100%"), "符合境外代表处管理规定要求", p(M("100%", NOSIGN), "＝100%")),
             ("计划进度完成时效", p("及时", "每年12月底前"), "计划进度完成时效", p("及时", "每年12月底前")),
             (p("预算执行率", "单个代表处年度管理费用"), p(M("100%", B, NOSIGN), "≤11万元"),
              p("预算执行率", "单个代表处年度管理费用"), p(M("100%", B, NOSIGN), "≤11万元")),
             (p("促进两地经济文化的交流", "组织两地经贸交流活动场次"), p("有效", "≥15场"), p("促进两地经济文化的交流", "组织两地经贸交流活动场次"), p("有效", "≥5场")),
             (p("对两地的经贸合作发展提供帮助", "促成合作项目数量"), p("有效", "≥6个"), p("对两地的经贸合作发展提供帮助", "促成合作项目数量"), p("有效", "≥2个")),
             (p(M("驻境外代表处绩效评价分数", "PX4 “绩效评价分数”放在满意度指标下（分类错误）"), "服务企业满意度"),
              p(M("≥60", "PX4 指标值缺少单位"), "≥90%"),
              p(M("驻境外代表处绩效评价分数", "PX4 “绩效评价分数”放在满意度指标下（分类错误）"), "服务企业满意度"),
              p(M("≥60", "PX4 指标值缺少单位"), "≥90%")),
         ], approval_label="市财\n政局\n批复\n意见")
    # 16 -- national 二级 labels, truncated heading and values; 年度目标 and 批复意见 rebuilt from the scattered pieces
    res = ("根据市政府[2021]1号文《东莞市人民政府关于加快打造新动能推动高质量发展的若干意见》，其中，“建立优势传统产业成长服务资源池，"
           "与国内外高水平咨询服务机构合作开展产业集群及个体诊断辅导服务”作为“打造产业全链升级新动能”的一项重要内容。结合我会职能，"
           "我会委托专业机构开展深入解读区域全面经济伙伴关系协定（RCEP）的国际贸易规则的课题研究，协助外贸企业对规则的理解和利用。")
    L2N = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标")
    L1N = ("产出指标",) * 4 + ("效益指标",) * 4 + ("满意度指标",)
    proj("进出口企业专项调研费用", p(M(60, "PX3 中期预算60 ≠ 3×年度2（其余15个项目均为3倍）"), 6), 2,
         p(res, res + "2021年--2023年累计调研企业不少于600家。"),
         p(M(res, COPY), res + "2021年调研企业不少于200家。"), [
             ("调研企业的数量", p(M("调研企业200家", NOSIGN), "调研企业≥600家"), "调研企业的数量",
              p(M("调研企业20", "PX4 指标值被截断（“调研企业20”）"), "调研企业≥200家")),
             ("分析企业的经营现状和经营诉求", "有效", "分析企业的经营现状和经营诉求", "有效"),
             ("调研开展周期", "每年5-9月", "调研开展周期", "每年5-9月"),
             (p(M("预算（或投资规模）控制指标", "PX4 三级名称是二级标签；预算执行率作为成本指标"), "单家企业调研成本"),
              p(M("预算执行率≥95", "PX4 指标值缺少单位（%）", B), "每家≤100元"),
              p(M("预算（或投资规模）控制指标", "PX4 三级名称是二级标签；预算执行率作为成本指标"), "单家企业调研成本"),
              p(M("预算执行率≥", "PX4 指标值被截断（“预算执行率≥”）"), "每家≤100元")),
             ("调研报告参考价值", "有效", "调研报告参考价值", "有效"),
             ("为企业“走出去”提供相关信息以及知识", "有效", "为企业“走出去”提供相关信息以及知识", "有效"),
             (p(M("助推我市开放型经济发展", "PX4 生态效益指标名称没有环境相关内容"), "调研及报告无纸化传递率"), p("有效", "≥90%"),
              p(M("助推我市开放型经济发展", "PX4 生态效益指标名称没有环境相关内容"), "调研及报告无纸化传递率"), p("有效", "≥90%")),
             ("提高企业“走出去”的抗风险能力", "有效", "提高企业“走出去”的抗风险能力", "有效"),
             ("受益者满意度", p(M("满意度 ≥ 90", "PX4 指标值缺少单位（%）"), "满意度≥90%"), "受益者满意度",
              p(M("满意度 ≥ 90", "PX4 指标值缺少单位（%）"), "满意度≥90%")),
         ], level1=L1N, level2=L2N, visitor_row=False,
         target_heading=p("计划指标值（或平）", "计划指标值（或计划水平）"), approval_label="市财\n政局\n批复\n意见",
         money_fmt="General")
    if not fixed:
        for pr in out[:15]:
            pr.rows.append(M("受访人群满意度", VIS))
    else:
        for pr in out[:15]:
            pr.rows.append(None)  # the 受访人群满意度 row, given an indicator below
    return out


def build_dongguan(book: Book, projects: list[Project], fixed: bool) -> None:
    for pr in projects:
        s = book.sheet(pr.name)
        s.widths(9, 12, 16, 26, 20, 16, 26, 20)
        s.title(1, "东莞市财政项目支出绩效目标批复表", 8)
        s.line(2, "(2021 年度)", 8)
        s.line(3, "预算单位：中国国际贸易促进委员会东莞市委员会", 8, align="left")
        s.put(4, 1, "项目名称", bold=True)
        s.put(4, 2, pr.name, 1, 3)
        s.put(4, 5, "中期市财政预算（万元）", bold=True)
        s.put(4, 6, pr.medium, fmt=pr.money_fmt)
        s.put(4, 7, "本年度申请市财政预算资金（万元）", bold=True)
        s.put(4, 8, pr.annual, fmt=pr.money_fmt)
        s.put(5, 1, "总体目标", 2, 1, bold=True)
        s.put(5, 2, "中期滚动目标（2021年--2023年）", 1, 4, bold=True)
        s.put(5, 6, "年度目标", 1, 3, bold=True)
        s.put(6, 2, pr.goal_medium, 1, 4, align="left")
        s.put(6, 6, pr.goal_annual, 1, 3, align="left")
        s.height(6, 130)
        ind = [r for r in pr.rows if not isinstance(r, M) and r is not None]
        extra = [r for r in pr.rows if isinstance(r, M) or (r is None and fixed)]
        n = 1 + len(ind) + (len(extra) if pr.visitor_row else 0)
        s.put(7, 1, "绩效指标", n, 1, bold=True)
        for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值（或计划水平）", "二级指标", "三级指标", pr.target_heading]):
            s.put(7, 2 + i, h, bold=True)
        r = 8
        level1 = list(pr.level1)
        if pr.visitor_row:
            level1.append("满意度指标")
        for start, cnt, k in spans(level1, lambda x: x):
            s.put(r + start, 2, k, cnt, 1)
        for i, (n3m, vm, n3a, va) in enumerate(ind):
            s.put(r + i, 3, pr.level2[i])
            s.put(r + i, 4, n3m, align="left")
            s.put(r + i, 5, vm)
            s.put(r + i, 6, pr.level2[i])
            s.put(r + i, 7, n3a, align="left")
            s.put(r + i, 8, va)
            s.height(r + i, 40)
        r += len(ind)
        if pr.visitor_row:
            for x in extra:
                for c in (3, 4, 5):
                    s.put(r, c, None)
                if fixed:
                    s.put(r, 3, "受访人群满意度")
                    s.put(r, 4, "受访群众满意度")
                    s.put(r, 5, "≥90%")
                    s.put(r, 6, "受访人群满意度")
                    s.put(r, 7, "受访群众满意度")
                    s.put(r, 8, "≥90%")
                else:
                    s.put(r, 6, x)
                    s.put(r, 7, None)
                    s.put(r, 8, None)
                r += 1
        s.put(r, 1, pr.approval_label, bold=True)
        s.put(r, 2, DG_APPROVAL, 1, 7, align="left")
        s.height(r, 70)


# ------------------------------------------------------------------------------------------------
# 004 天河 部门整体支出绩效自评（报告里的表）

TH_TITLE = "2023年度中国国际贸易促进委员会广州市天河区委员会部门整体支出绩效自评报告"
TH_GOAL = ("2023年本部门整体基础目标为：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，认真落实上级各项决策部署，"
           "努力搭建促进中外经贸往来的桥梁，继续推动贸易便利化，助推营商环境的优化，为天河经济和社会高质量发展贡献正能量。")
TH_A1 = "一是提供原产地证代签服务；二是加强商事法律培训服务。"
TH_A2 = "一是高质量做好会员服务工作；二是坚持走访调研企业制度。"
TH_A3 = "一是深化与港澳地区的经贸合作交流；二是积极组织企业参加境内外展会及经贸活动。"
TH_R1 = ("一是优化拓展商事法律服务，全年累计代办一般原产地证 1257 份、优惠原产地证 653 份，合计 1910 份，其中优惠原产地证代签量同比"
         "增长 38%。二是推进外贸惠企政策“五进”活动，拓展政策宣传矩阵，举办外贸高质量发展政策专题培训。")
TH_R2 = ("一是精心打造为企服务品牌，高质量做好会员服务工作。组织标杆企业参访活动，举办专题年会，举办以企业需求为导向举办会员主题沙龙，"
         "积极为搭建交流平台，促进企业发展。二是制订《天河区贸促会走访调研制度(试行)》，推进企业台账管理，全年走访了几十家会员企业，"
         "实地了解我区企业的经营情况和发展现状。")
TH_R3 = ("一是深化与港澳地区的经贸合作交流。继续与香港贸发局合作“香港秋季电子展”天河专区品牌推广项目。二是善用经贸平台，助推企业开拓"
         "国内外市场。积极组织企业食品展等境内外展会。")
TH_INCOME_TEXT = ("2023 年度总收入、支出 602.05 万元，比年初预算减少 14.91 万元，下降 2.42%，其中：财政拨款收入 602.05 万元（包括：一般"
                  "公共预算 602.05 万元、政府性基金 0 万元）；财政专户管理资金 0 万元。")
TH_INCOME_TEXT2 = ("2023 年预算收入 616.96 万元，调整预算数 603.17 万元，决算数 602.05 万元，决算数比上年减少 34.43 万元，下降 5.4%。"
                   "其中，财政拨款预算收入 616.96 万元，调整预算数 603.17 万元，决算数 602.05 万元，比上年减少 34.43 万元，下降 5.4%；"
                   "政府性基金预算财政拨款收入 0 万元，调整预算数 0 万元，决算数 0 万元，比上年增加 0 万元，与上年持平；国有资本经营预算"
                   "财政拨款收入 0 万元，调整预算数 0 万元，决算数 0 万元，比上年增加 0 万元，与上年持平。")
TH_SPEND_TEXT = ("2023 年一般公共预算初预算支出 616.96 万元，调整预算支出 603.17 万元，决算支出 602.05 万元（其中，基本支出 574.13 万元，"
                 "占比为 95.36%；项目支出 27.92 万元，占比为 4.64%，部门预算执行率 99.81%。从经济性质分类来看，工资福利支出 430.17 万元，"
                 "占比 71.45%；商品和服务支出 81.69 万元，占比 {s2}；对个人和家庭的补助支出 90.19 万元，占比 {s3}；资本性支出 0 万元，"
                 "占比 {s4}。")
TH_BAND = ("2023 年共设置{kind}指标 {n} 个，每个指标评分为 10 分，其中完成率在 60%以下的指标有 0 个；完成率在 60-100%的指标有 0 个，"
           "得分为 0 分；完成率在 100-150%的指标有 {n} 个，得分为 {sc} 分；完成率在 150%以上的指标有 0 个，得分为 0。合计得分为 {tot} 分。")


def tianhe_data(fixed: bool) -> dict:
    p = chooser(fixed)
    act = "PX4 指标值是工作事项列举（“一是…；二是…”），不可衡量"
    if fixed:
        targets = [
            ("产出指标", "数量指标", "代签原产地证书数量", "≥5400份", "≥1800份"),
            ("产出指标", "数量指标", "走访调研会员企业数量", "≥90家", "≥30家"),
            ("效益指标", "社会效益指标", "组织企业参加境内外展会及经贸活动场次", "≥12场", "≥4场"),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "≥95%"),
        ]
    else:
        targets = [
            ("产出指标", "数量指标", "提升商事法律服务水平", M(TH_A1, act, "PX3 实施周期指标值与年度指标值相同"), M(TH_A1, act)),
            ("产出指标", "数量指标", "持续优化营商环境", M(TH_A2, act), M(TH_A2, act)),
            ("效益指标", "社会效益指标", "增强贸促服务能力", M(TH_A3, act), M(TH_A3, act)),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", M("95%", "PX4 指标值缺少符号"), M("95%", "PX4 指标值缺少符号")),
        ]
    wrong = "PX2 占比 ≠ 金额÷决算支出602.05"
    econ = [
        ("工资福利支出", 430.17, 0.7145),
        ("商品和服务支出", 81.69, p(M(0.7145, wrong + "（应为13.57%）", "PX2 经济分类占比合计159.61% ≠ 100%"), 0.1357)),
        ("对个人和家庭的补助支出", 90.19, p(M(0.1056, wrong + "（应为14.98%）"), 0.1498)),
        ("资本性支出", 0, p(M(0.0615, wrong + "（应为0%）"), 0.0)),
    ]
    spend_text = TH_SPEND_TEXT.format(s2=p("71.45%", "13.57%"), s3=p("10.56%", "14.98%"), s4=p("6.15%", "0%"))
    if not fixed:
        spend_text = M(spend_text, "PX2 句中经济分类占比（71.45%、10.56%、6.15%）与金额不符，合计不为100%")
    mgmt_text = p(M("部门整体共设立产出指标 2 个，其中数量指标 2 个；部门整体共设立效益指 2 个，其中社会效益指标 1 个，服务对象满意度指标 1 个。",
                    "PX6 申报表效益指标只有1个（满意度是单独的一级指标），句中写效益指标2个并把满意度算作效益",
                    "PX6 自评表把“持续优化营商环境”列为质量指标，与“数量指标 2 个”不符"),
                  "部门整体共设立产出指标 2 个，其中数量指标 2 个；部门整体共设立效益指标 1 个，其中社会效益指标 1 个；"
                  "满意度指标 1 个，其中服务对象满意度指标 1 个。")
    band_bad = "PX5 完成率100-150%的指标2个、每个10分，得分应为20分，句中写10分"
    band_out = p(M(TH_BAND.format(kind="产出", n=2, sc=10, tot=20), band_bad), TH_BAND.format(kind="产出", n=2, sc=20, tot=20))
    band_eff = p(M(TH_BAND.format(kind="效益", n=2, sc=10, tot=20), band_bad),
                 TH_BAND.format(kind="效益和满意度", n=2, sc=20, tot=20))
    rate_txt = "PX5 年度目标值不是数值，完成率100%无法由实现值÷目标值算出"
    if fixed:
        out_rows = [
            ("数量指标", "代签原产地证书数量", "≥1800份", "1910份", 1.0611, 10, 10),
            ("数量指标", "走访调研会员企业数量", "≥30家", "32家", 1.0667, 10, 10),
        ]
        eff_rows = [
            ("效益指标（分值10）", "社会效益", "组织企业参加境内外展会及经贸活动场次", "≥4场", "4场", 1.0, 10, 10),
            ("满意度指标（分值10）", "服务对象满意度", "服务对象满意度", "≥95%", "98%", 1.0316, 10, 10),
        ]
    else:
        out_rows = [
            ("数量指标", "提升商事法律服务水平", M(TH_A1, act), TH_R1, M(1.0, rate_txt), 10, 10),
            (M("质量指标", "PX6 申报表中“持续优化营商环境”是数量指标，自评表写成质量指标"), "持续优化营商环境", M(TH_A2, act), TH_R2,
             M(1.0, rate_txt), 10, 10),
        ]
        eff_rows = [
            ("效益指标（分值20）", "社会效益", M("增强贸易服务能力", "PX6 三级名称与申报表“增强贸促服务能力”不一致"), M(TH_A3, act), TH_R3,
             M(1.0, rate_txt), 10, 10),
            ("效益指标（分值20）", M("服务对象满意度", "PX4 满意度指标放在效益指标（分值20）下（分类错误）"), "服务对象满意度",
             M("95%", "PX4 指标值缺少符号"), "100%", M(1.0, "PX5 完成率 = 100%÷95% = 105.26%，填100%（封顶未注明）"), 10, 10),
        ]
    perf_text = p("指标得分 50 分，自评得分 49.98 分。结合部门特点，围绕年度工作任务及重点工作任务，设置了 2023 年度部门整体支出绩效目标，"
                  "包括 2 个产出指标和 2 个效益指标。",
                  "指标得分 50 分，自评得分 49.98 分。结合部门特点，围绕年度工作任务及重点工作任务，设置了 2023 年度部门整体支出绩效目标，"
                  "包括 2 个产出指标、1 个效益指标和 1 个满意度指标。")
    return dict(targets=targets, econ=econ, spend_text=spend_text, mgmt_text=mgmt_text, band_out=band_out, band_eff=band_eff,
                out_rows=out_rows, eff_rows=eff_rows, perf_text=perf_text, fixed=fixed)


TH_MGMT = [
    ("预算编制", 3, [("新增预算项目事前绩效评估", 3)]),
    ("预算执行", 4, [("结转结余率", 2), ("财务管理合规性", 2)]),
    ("信息公开", 4, [("预决算公开合规性", 2), ("绩效信息公开情况", 2)]),
    ("绩效管理", 15, [("绩效管理制度建设", 5), ("绩效结果应用", 3), ("绩效管理制度执行", 7)]),
    ("采购管理", 10, [("采购意向公开合规性", 0.5), ("采购意向公开时限", 1.5), ("采购内控制度建设", 1), ("采购活动合规性", 2),
                      ("采购合同签订时效性", 3), ("合同备案时效性", 1), ("采购政策效能", 1)]),
    ("资产管理", 10, [("资产配置合规性", 2), ("资产收益上缴的及时性", 1), ("资产盘点情况", 1), ("数据质量", 2), ("资产管理合规性", 2),
                      ("固定资产利用率", 2)]),
    ("运行成本", 4, [("公用经费控制率", 2), ("“三公”经费控制情况", 2)]),
]


def build_tianhe(book: Book, d: dict) -> None:
    s = book.sheet("自评表")
    s.widths(22, 16, 12, 22, 30, 40, 11, 11, 11)
    s.title(1, TH_TITLE, 9, size=14)
    r = 2
    s.put(r, 1, "部门整体支出绩效目标", bold=True)
    s.put(r, 2, TH_GOAL, 1, 8, align="left")
    s.height(r, 60)
    r += 1
    # declared targets
    t = d["targets"]
    s.put(r, 1, "绩效指标", 1 + len(t), 1, bold=True)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标"]):
        s.put(r, 2 + i, h, bold=True)
    s.put(r, 5, "实施周期指标值", bold=True)
    s.put(r, 6, "年度指标值", 1, 4, bold=True)
    r += 1
    for start, n, _k in spans(t, lambda x: x[0]):
        s.put(r + start, 2, t[start][0], n, 1)
    for start, n, _k in spans(t, lambda x: (x[0], x[1])):
        s.put(r + start, 3, t[start][1], n, 1)
    for i, row in enumerate(t):
        s.put(r + i, 4, row[2])
        s.put(r + i, 5, row[3], align="left")
        s.put(r + i, 6, row[4], 1, 4, align="left")
        s.height(r + i, 36)
    r += len(t) + 1
    # 收支情况
    s.put(r, 1, "部门整体收支情况", bold=True)
    s.put(r, 2, TH_INCOME_TEXT, 1, 8, align="left")
    s.height(r, 36)
    r += 1
    for i, (label, val, fmt) in enumerate([("总收入、支出（万元）", 602.05, "0.00"), ("比年初预算增减（万元）", -14.91, "0.00"),
                                           ("比年初预算增减率", -0.0242, "0.00%"), ("财政专户管理资金（万元）", 0, "0.00")]):
        s.put(r, 1 + 2 * i, label, bold=True)
        s.put(r, 2 + 2 * i, val, fmt=fmt)
    s.put(r, 9, None)
    r += 1
    s.put(r, 1, "部门整体收入情况", bold=True)
    s.put(r, 2, TH_INCOME_TEXT2, 1, 8, align="left")
    s.height(r, 75)
    r += 1
    s.put(r, 1, "收入（万元）", bold=True)
    for i, h in enumerate(["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]):
        s.put(r, 2 + i, h, bold=True)
    income = [("预算收入", 616.96, 616.96, 0, 0), ("调整预算数", 603.17, 603.17, 0, 0), ("决算数", 602.05, 602.05, 0, 0),
              ("比上年增减", -34.43, -34.43, 0, 0)]
    for i, (name, *vals) in enumerate(income):
        s.put(r + 1 + i, 1, name)
        for j, v in enumerate(vals):
            s.put(r + 1 + i, 2 + j, v, fmt="0.00")
    s.put(r + 5, 1, "比上年增减率")
    for j, v in enumerate([-0.054, -0.054, "持平", "持平"]):
        s.put(r + 5, 2 + j, v, fmt="0.0%")
    r += 7
    s.put(r, 1, "部门整体支出情况", bold=True)
    s.put(r, 2, d["spend_text"], 1, 8, align="left")
    s.height(r, 60)
    r += 1
    s.put(r, 1, "支出（万元）", bold=True)
    s.put(r, 2, "金额", bold=True)
    s.put(r, 3, "占比", bold=True)
    rows = [("初预算支出", 616.96, None), ("调整预算支出", 603.17, None), ("决算支出", 602.05, None),
            ("基本支出", 574.13, 0.9536), ("项目支出", 27.92, 0.0464)]
    for i, (name, amt, share) in enumerate(rows):
        s.put(r + 1 + i, 1, name)
        s.put(r + 1 + i, 2, amt, fmt="0.00")
        s.put(r + 1 + i, 3, share, fmt="0.00%")
    r += 1 + len(rows)
    s.put(r, 1, "部门预算执行率")
    s.put(r, 2, 0.9981, fmt="0.00%")
    s.put(r, 3, None)
    r += 2
    s.put(r, 1, "经济分类", bold=True)
    s.put(r, 2, "金额", bold=True)
    s.put(r, 3, "占比", bold=True)
    for i, (name, amt, share) in enumerate(d["econ"]):
        s.put(r + 1 + i, 1, name)
        s.put(r + 1 + i, 2, amt, fmt="0.00")
        s.put(r + 1 + i, 3, share, fmt="0.00%")
    r += 1 + len(d["econ"]) + 1
    s.put(r, 1, "部门整体绩效管理情况", bold=True)
    s.put(r, 2, d["mgmt_text"], 1, 8, align="left")
    s.height(r, 36)
    r += 2
    # 自评结论
    s.put(r, 1, "自评结论", bold=True)
    s.put(r, 2, "本部门较好地完成了 2023 年履行职能职责和各项重点工作任务，整体支出和项目绩效情况较为理想，总体上达到了全过程预算绩效管理"
                "的要求，自评等级为“优”。", 1, 6, align="left")
    s.put(r, 8, "自评等级", bold=True)
    s.put(r, 9, "优")
    s.height(r, 45)
    r += 2
    # 履职效能
    s.put(r, 1, "履职效能", bold=True)
    s.put(r, 2, "指标得分", bold=True)
    s.put(r, 3, 50)
    s.put(r, 4, "自评得分", bold=True)
    s.put(r, 5, 49.98)
    s.put(r, 6, d["perf_text"], 1, 4, align="left")
    s.height(r, 60)
    r += 2

    def heading(row: int) -> None:
        s.put(row, 1, "自评指标", bold=True)
        s.put(row, 2, "根据《部门预算绩效目标申报表》填列（如指标有调整请备注说明）", 1, 3, bold=True)
        for i, h in enumerate(["年度目标值", "年度实现值", "指标完成率", "单项分值（权重）", "单项自评得分"]):
            s.put(row, 5 + i, h, bold=True)
        s.height(row, 45)

    s.put(r, 1, "1.部门整体绩效目标产出指标完成情况", 1, 9, align="left", bold=True, border=False)
    s.put(r + 1, 1, d["band_out"], 1, 9, align="left", border=False)
    s.height(r + 1, 45)
    r += 2
    heading(r)
    r += 1
    rows = d["out_rows"]
    s.put(r, 1, "履职效能-整体效能-部门整体绩效目标产出指标完成情况", len(rows), 1)
    s.put(r, 2, "产出指标 (分值 20)", len(rows), 1)
    for i, (l2, l3, tv, av, rate, w, sc) in enumerate(rows):
        s.put(r + i, 3, l2)
        s.put(r + i, 4, l3)
        s.put(r + i, 5, tv, align="left")
        s.put(r + i, 6, av, align="left")
        s.put(r + i, 7, rate, fmt="0.00%")
        s.put(r + i, 8, w)
        s.put(r + i, 9, sc)
        s.height(r + i, 110)
    r += len(rows)
    s.put(r, 1, "产出评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, 20)
    r += 2
    s.put(r, 1, "2.部门整体绩效目标效益指标完成情况", 1, 9, align="left", bold=True, border=False)
    s.put(r + 1, 1, d["band_eff"], 1, 9, align="left", border=False)
    s.height(r + 1, 45)
    r += 2
    heading(r)
    r += 1
    rows = d["eff_rows"]
    s.put(r, 1, "履职效能-整体效能-部门整体绩效目标-效益指标完成情况", len(rows), 1)
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for i, (_l1, l2, l3, tv, av, rate, w, sc) in enumerate(rows):
        s.put(r + i, 3, l2)
        s.put(r + i, 4, l3)
        s.put(r + i, 5, tv, align="left")
        s.put(r + i, 6, av, align="left")
        s.put(r + i, 7, rate, fmt="0.00%")
        s.put(r + i, 8, w)
        s.put(r + i, 9, sc)
        s.height(r + i, 70)
    r += len(rows)
    s.put(r, 1, "效益评价指标综合得分", 1, 8, bold=True)
    s.put(r, 9, 20)
    r += 2
    # 部门预算资金支出率
    s.put(r, 1, "3.部门预算资金支出率", 1, 9, align="left", bold=True, border=False)
    r += 1
    for i, (label, val, fmt) in enumerate([("指标得分", 10, None), ("自评得分", 9.98, "0.00"), ("年初预算金额", 616.96, "0.00"),
                                           ("调整后预算金额", 603.17, "0.00"), ("实际支付", 602.05, "0.00"),
                                           ("年度预算执行率", 0.9981, "0.00%")]):
        s.put(r + i, 1, label, bold=True)
        s.put(r + i, 2, val, fmt=fmt)
    s.put(r, 3, "指标得分 10 分，自评得分 9.98 分。年初预算金额 616.96 万元，调整后预算金额 603.17 万元，实际支付 602.05 万元，"
                "年度预算执行率 99.81%。", 6, 7, align="left")
    r += 7
    # 管理效率
    s.put(r, 1, "管理效率", bold=True)
    s.put(r, 2, "指标得分", bold=True)
    s.put(r, 3, 50)
    s.put(r, 4, "自评得分", bold=True)
    s.put(r, 5, 50)
    s.put(r, 6, "结合部门实际，对部门预算编制、预算执行、信息公开、绩效管理、采购管理、资产管理、运行成本等方面进行评价，基本能达到相关要求。",
          1, 4, align="left")
    s.height(r, 45)
    r += 2
    s.put(r, 1, "指标", bold=True)
    s.put(r, 2, "二级", 1, 3, bold=True)
    s.put(r, 5, "分值", bold=True)
    s.put(r, 6, "自评得分", bold=True)
    r += 1
    for name, weight, subs in TH_MGMT:
        s.put(r, 1, name, len(subs) + 1, 1)
        for i, (sub, sc) in enumerate(subs):
            s.put(r + i, 2, sub, 1, 3)
            s.put(r + i, 5, sc)
            s.put(r + i, 6, sc)
        s.put(r + len(subs), 2, "小计", 1, 3, bold=True)
        s.put(r + len(subs), 5, weight, bold=True)
        s.put(r + len(subs), 6, weight, bold=True)
        r += len(subs) + 1
    s.put(r, 1, "管理效率合计", 1, 4, bold=True)
    s.put(r, 5, 50, bold=True)
    s.put(r, 6, 50, bold=True)


# ------------------------------------------------------------------------------------------------
# Variants


def build_cover(book: Book) -> None:
    s = book.sheet("封面")
    s.widths(60)
    s.put(3, 1, "武威市对外经济贸易发展服务中心", border=False, size=16, bold=True)
    s.put(5, 1, "2021年度项目支出绩效自评报送材料", border=False, size=20, bold=True)
    s.put(9, 1, "报送单位：市对外经济贸易发展服务中心（盖章）", border=False)
    s.put(10, 1, "主管部门：市商务局", border=False)
    s.put(11, 1, "报送日期：2022年3月15日", border=False)
    n = book.sheet("填报说明")
    n.widths(100)
    notes = [
        "填报说明",
        "1．本表由项目实施单位填报，金额单位为万元，保留两位小数。",
        "2．“全年预算数”填写调整后的全年预算，“全年执行数”填写截至12月31日的实际支出；执行率=全年执行数÷全年预算数。",
        "3．预算执行率分值为10分，其余绩效指标分值合计为90分，总分100分。",
        "4．定量指标未完成的，按实际完成值÷年度指标值×分值计分；定性指标按达成、部分达成、未达成分档计分。",
        "5．得分低于分值的指标，须在“偏差原因分析及改进措施”栏说明原因及改进措施。",
        "6．本说明页及封面不参与数据汇总。",
    ]
    for i, t in enumerate(notes, start=1):
        n.put(i, 1, t, border=False, align="left", bold=i == 1)


def national_target_data() -> dict:
    rng = "PX4 区间目标（非标准）"
    return dict(indicators=[
        ("产出指标", "数量指标", "外出考察次数", M("1-2次", rng)),
        ("产出指标", "数量指标", "举行培训班次数", M("1-2次", rng)),
        ("产出指标", "数量指标", "组织参展企业数", M("3-5家", rng, "PX6 年度绩效目标写“不少于5家”，与3-5家不一致")),
        ("产出指标", "质量指标", "培训合格率", "≥95%"),
        ("产出指标", "时效指标", "项目按期完成率", "＝100%"),
        ("产出指标", "成本指标", "严格按相关规定执行", M("合规", "PX4 成本指标填定性“合规”，应为≤数值")),
        ("效益指标", "经济效益指标", "进出口贸易额保持正增长", "正增长"),
        ("效益指标", "社会效益指标", "外贸企业稳定发展", "稳定"),
        ("效益指标", "生态效益指标", "企业发展符合环保要求", "符合"),
        ("效益指标", "可持续影响指标", "外向型经济健康发展", "健康"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ])


def build_national_target(book: Book, d: dict) -> None:
    s = book.sheet("项目支出绩效目标申报表")
    s.widths(12, 14, 18, 30, 20)
    s.title(1, "项目支出绩效目标申报表", 5)
    s.line(2, "（2021年度）", 5)
    s.put(3, 1, "项目名称", bold=True)
    s.put(3, 2, "服务外向型经济工作经费", 1, 4)
    s.put(4, 1, "主管部门", bold=True)
    s.put(4, 2, "市商务局", 1, 2)
    s.put(4, 4, "实施单位", bold=True)
    s.put(4, 5, "市对外经济贸易发展服务中心")
    s.put(5, 1, "项目资金\n（万元）", 3, 1, bold=True)
    for i, (name, v) in enumerate([("年度资金总额", 8.6), ("其中：财政拨款", 8.6), ("其他资金", 0)]):
        s.put(5 + i, 2, name, 1, 2)
        s.put(5 + i, 4, v, 1, 2, fmt="0.00")
    s.put(8, 1, "年度绩效目标", bold=True)
    s.put(8, 2, WW_GOAL, 1, 4, align="left")
    s.height(8, 150)
    rows = d["indicators"]
    s.put(9, 1, "年度绩效指标", 1 + len(rows), 1, bold=True)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        s.put(9, 2 + i, h, bold=True)
    r = 10
    for start, n, _k in spans(rows, lambda x: x[0]):
        s.put(r + start, 2, rows[start][0], n, 1)
    for start, n, _k in spans(rows, lambda x: (x[0], x[1])):
        s.put(r + start, 3, rows[start][1], n, 1)
    for i, row in enumerate(rows):
        s.put(r + i, 4, row[2], align="left")
        s.put(r + i, 5, row[3])


# ------------------------------------------------------------------------------------------------
# Driver

SEED_FILES = {
    "000": "000_xuzhou_dept_target.xlsx",
    "001": "001_changle_dept_target.xlsx",
    "002": "002_wuwei_selfeval_and_dept.xlsx",
    "003": "003_dongguan_project_targets.xlsx",
    "004": "004_tianhe_dept_selfeval.xlsx",
}


def build_all() -> list[Book]:
    books: list[Book] = []
    for fixed in (False, True):
        base = CORRECTED if fixed else HERE
        b = Book(base / SEED_FILES["000"])
        build_xuzhou(b, xuzhou_data(fixed))
        books.append(b)
        b = Book(base / SEED_FILES["001"])
        build_changle(b, changle_data(fixed))
        books.append(b)
        b = Book(base / SEED_FILES["002"])
        build_wuwei_project(b, wuwei_project_data(fixed))
        build_wuwei_dept(b, wuwei_dept_data(fixed))
        books.append(b)
        b = Book(base / SEED_FILES["003"])
        build_dongguan(b, dongguan_projects(fixed), fixed)
        books.append(b)
        b = Book(base / SEED_FILES["004"])
        build_tianhe(b, tianhe_data(fixed))
        books.append(b)
    b = Book(HERE / "variant_reordered_columns.xlsx")
    build_xuzhou(b, xuzhou_data(False), swap=True, row0=3, col0=2)
    books.append(b)
    b = Book(HERE / "variant_linebreaks.xlsx")
    build_changle(b, changle_data(False), LABELS_BROKEN)
    books.append(b)
    b = Book(HERE / "variant_cover_sheet.xlsx")
    build_cover(b)
    build_wuwei_project(b, wuwei_project_data(False))
    books.append(b)
    b = Book(HERE / "variant_numbers_as_text.xlsx")
    build_wuwei_project(b, wuwei_project_data(False), text_numbers=True)
    books.append(b)
    b = Book(HERE / "variant_project_target_national.xlsx")
    build_national_target(b, national_target_data())
    books.append(b)
    return books


def write_mistakes(books: list[Book]) -> None:
    lines = [
        "# Kept real mistakes of the sample workbooks",
        "",
        "Generated by `samples/build_samples.py` (do not edit by hand): every cell written through `M(value, note)` is",
        "listed with the DOMAIN.md §9 family. This is the review list for the golden findings: a checker should report",
        "each of these (severity per the rule: error, or warning where the note says 提示/warn), and nothing on the",
        "copies in `samples/corrected/`. Cell = the top-left cell of a merged range. A relation between cells is",
        "listed at the cell a checker would point to (e.g. the 中期 money cell, the goal text, the row's 得分).",
        "",
    ]
    total = 0
    for b in books:
        if b.path.parent == CORRECTED:
            continue
        lines += [f"## `{b.path.name}`", "", "| # | sheet | cell | value | family | what is wrong |", "|---|---|---|---|---|---|"]
        for i, m in enumerate(b.mistakes, start=1):
            val = m.value.replace("|", "\\|")
            lines.append(f"| {i} | {m.sheet} | {m.cell} | {val} | {m.family} | {m.note.replace('|', '/')} |")
        counts = {}
        for m in b.mistakes:
            counts[m.family] = counts.get(m.family, 0) + 1
        lines += ["", "By family: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f" — {len(b.mistakes)} in all.", ""]
        total += len(b.mistakes)
    lines += [f"Total: {total} kept mistakes.", ""]
    (HERE / "MISTAKES.md").write_text("\n".join(lines), encoding="utf-8")


def verify(books: list[Book]) -> None:
    from python_calamine import CalamineWorkbook

    for b in books:
        wb = CalamineWorkbook.from_path(str(b.path))
        print(f"== {b.path.relative_to(HERE)}  sheets={len(wb.sheet_names)}")
        for name in wb.sheet_names[:3]:
            rows = wb.get_sheet_by_name(name).to_python()
            first = [" | ".join(str(c) for c in row if c not in ("", None)) for row in rows[:4]]
            print(f"   [{name}] {len(rows)} rows: " + " / ".join(x[:50] for x in first if x))


def main() -> int:
    books = build_all()
    bad = [b for b in books if b.path.parent == CORRECTED and b.mistakes]
    for b in bad:
        for m in b.mistakes:
            print(f"corrected copy still has a kept mistake: {b.path.name} {m.sheet}!{m.cell} {m.note}", file=sys.stderr)
    if bad:
        return 1
    for b in books:
        b.save()
    write_mistakes(books)
    if "--quiet" not in sys.argv:
        verify(books)
    return 0


if __name__ == "__main__":
    sys.exit(main())
