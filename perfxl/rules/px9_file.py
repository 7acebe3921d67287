"""PX9xx the file itself: the file errors of ``perfxl.errors`` as catalogue entries, plus the
runner's own findings (a rule that crashed, a waiver that matched nothing).

The file errors are raised by the file layer, not computed by a rule function; they are registered
here (scope "file", no function) so that ``perfxl rules`` and docs/rules.md list every code.
"""

from __future__ import annotations

from perfxl.errors import FILE_ERRORS
from perfxl.rules.registry import RuleSpec, register, rule

_FILE_DOC = """
说明：
{message}
原因：
文件本身有问题，perfxl 无法（或不应）读取其中的表格；批量检查时该文件记为“error”，其余文件照常检查。
错误示例：
{example}
正确示例：
修复或重新导出文件后再检查。
"""

_EXAMPLES = {
    "PX901": "命令行中的路径拼写错误。",
    "PX902": "把 .docx 或 .pdf 改名为 .xlsx。",
    "PX903": "下载中断、只有一半的 .xlsx 文件。",
    "PX904": "设置了打开密码的工作簿。",
    "PX905": "所有工作表都没有内容。",
    "PX906": "工作簿里只有说明文字，没有绩效表。",
    "PX907": "合计单元格显示 #REF!。",
    "PX908": "解压后体积异常巨大的文件（zip 炸弹）。",
    "PX909": "极大的工作簿，处理时间超过限制。",
    "PX910": "perfxl 自身的缺陷。",
    "PX911": "含数百万个单元格的工作簿。",
    "PX912": "公式引用了另一个工作簿的数据。",
    "PX913": "检查过程中文件被 Excel 独占打开或被删除。",
    "PX914": "工作簿结构特殊，回写后可能丢失内容。",
    "PX915": ".et、.numbers 等格式。",
}

for _code, (_name, _message) in FILE_ERRORS.items():
    register(RuleSpec(_code, _name, "error", (), _message.replace("{detail}", "…"),
                      _FILE_DOC.format(message=_message.replace("{detail}", "…"),
                                       example=_EXAMPLES.get(_code, "—")).strip(), scope="file"))


@rule("PX916", "rule-crashed", "warning", (), "规则 {code} 运行出错，已跳过：{detail}")
def rule_crashed(ctx):
    """
    说明：
    某条规则在检查这张表时出错；这条规则的结果缺失，其余规则照常运行。
    原因：
    表格写法超出了规则的预期，或 perfxl 有缺陷；请把文件反馈给维护者。
    错误示例：
    PX509 运行出错：ZeroDivisionError。
    正确示例：
    所有规则都正常运行，没有 PX916。
    """
    return ()  # emitted by the runner (perfxl.rules.registry.run_rules), never by itself


@rule("PX917", "unused-waiver", "warning", (), "豁免 {code} {cell} 没有对应的问题，可删除此行")
def unused_waiver(ctx):
    """
    说明：
    perfxl.conf 工作表中的豁免行没有匹配到任何问题。
    原因：
    问题已经改正，或代码、单元格写错；留着无用的豁免会掩盖以后的新问题。
    错误示例：
    perfxl.conf：PX205 B12 已核实（B12 已无 PX205 问题）。
    正确示例：
    删除该行。
    """
    return ()  # emitted by the engine after apply_waivers
