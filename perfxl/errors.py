"""Problems with the file itself (PX9xx): one-line Chinese reasons, never tracebacks.

A ``PerfxlFileError`` is raised by the file layer and caught by the runner, which turns it into a
``status: "error"`` row with ``error`` = "PX9xx 说明". The codes are part of the rule catalogue
(``perfxl.rules.px9_file``) so that ``perfxl rules`` and docs/rules.md list them too.
"""

from __future__ import annotations

# code -> (kebab name, one-line Chinese message template)
FILE_ERRORS: dict[str, tuple[str, str]] = {
    "PX901": ("file-not-found", "文件不存在：{detail}"),
    "PX902": ("not-a-workbook", "不是 Excel 工作簿（.xlsx/.xlsm/.xls）：{detail}"),
    "PX903": ("corrupt-workbook", "工作簿已损坏，无法打开：{detail}"),
    "PX904": ("encrypted-workbook", "工作簿已加密：{detail}"),
    "PX905": ("empty-workbook", "工作簿是空的，没有任何内容"),
    "PX906": ("no-form-found", "未识别出任何绩效表（找不到“一级指标”“三级指标”等表头）"),
    "PX907": ("formula-error", "单元格含公式错误 {detail}"),
    "PX908": ("unsafe-package", "工作簿结构可疑，已拒绝读取：{detail}"),
    "PX909": ("timeout", "处理超时（超过 {detail} 秒），已跳过"),
    "PX910": ("internal-error", "内部错误，已跳过此文件：{detail}"),
    "PX911": ("memory-limit", "内存占用超限，已跳过此文件：{detail}"),
    "PX912": ("external-link", "工作簿含外部链接（未读取外部数据）：{detail}"),
    "PX913": ("file-unavailable", "文件在处理过程中被占用或删除：{detail}"),
    "PX914": ("cannot-annotate", "无法安全回写标注，原文件未改动：{detail}"),
    "PX915": ("unsupported-format", "不支持的文件格式：{detail}"),
}


class PerfxlFileError(Exception):
    """The file cannot be read (or written) as a workbook; carries a PX9xx code."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        template = FILE_ERRORS.get(code, ("", "{detail}"))[1]
        self.message = template.format(detail=detail).rstrip("：: ")
        super().__init__(f"{code} {self.message}")

    @property
    def line(self) -> str:
        """The one-line reason used in reports: 'PX904 工作簿已加密：…'."""
        return f"{self.code} {self.message}"
