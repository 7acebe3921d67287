"""The `perfxl` command line: parse, call the public API, format, map exit codes (0/1/2)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from perfxl import __version__

EPILOG = """\
示例：
  perfxl check 收到的表/ --out 已校验/           校验整个文件夹，写出带标注的副本和 校验汇总.xlsx
  perfxl check 表.xlsx --in-place               在原文件上标注（先写临时文件，再原子替换）
  perfxl check 表.xlsx --format json             输出 JSON 报告，供脚本使用
  perfxl check 表.xlsx --select PX2 --ignore PX205
  perfxl inspect 表.xlsx                         查看 perfxl 从表中读到了什么（每个值及其单元格）
  perfxl template project_selfeval -o 自评表.xlsx 生成空白标准模板
  perfxl rules                                   列出全部校验规则

退出码：0 无错误；1 有文件存在错误；2 用法错误或有文件无法读取。
"""

KINDS_HELP = "dept_target（部门整体支出绩效目标表）、project_target（项目支出绩效目标表）、" \
             "project_selfeval（项目支出绩效自评表）、dept_selfeval（部门整体支出绩效自评表）"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # prefix "" is argparse building a sub-command's prog name: leave that alone
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: section titles and -h, and usage errors that exit 2 with a hint."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    _MESSAGES = (("the following arguments are required", "缺少必需的参数"),
                 ("unrecognized arguments", "无法识别的参数"), ("invalid choice", "无效的选项"),
                 ("expected one argument", "需要一个值"), ("invalid int value", "不是整数"),
                 ("invalid float value", "不是数字"), ("not allowed with argument", "不能与此参数同时使用"),
                 ("choose from", "可选"), ("argument", "参数"))

    def error(self, message: str) -> None:  # usage errors exit 2 with a Chinese hint
        for english, chinese in self._MESSAGES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        print(f"perfxl：参数错误：{message}（用 perfxl --help 查看用法）", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="perfxl", description="预算绩效目标表与绩效自评表的读取、校验、评分与回写工具。",
                epilog=EPILOG, formatter_class=_Formatter)
    p.add_argument("--version", action="version", version=f"perfxl {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    c = sub.add_parser("check", help="校验工作簿（文件或文件夹），计算得分，可写回标注",
                       description="校验完整性与一致性，按官方规则计算得分；可把标注写回工作簿。",
                       epilog=EPILOG, formatter_class=_Formatter)
    c.add_argument("paths", nargs="+", metavar="路径", help=".xlsx/.xlsm/.xls 文件或文件夹（递归查找）")
    dest = c.add_mutually_exclusive_group()
    dest.add_argument("--out", metavar="目录", help="把带标注的副本写到此目录（同名、保持子目录结构），并写 校验汇总.xlsx")
    dest.add_argument("--in-place", action="store_true", help="直接在原文件上标注（原子替换，失败时原文件不变）")
    c.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    c.add_argument("--jobs", type=int, default=1, metavar="N", help="并行进程数（默认 1）")
    c.add_argument("--timeout", type=float, default=None, metavar="秒", help="单个文件的处理时限")
    c.add_argument("--config", metavar="文件", help="配置文件（perfxl.toml 或含 [tool.perfxl] 的 pyproject.toml）")
    c.add_argument("--select", action="append", default=[], metavar="规则",
                   help="只运行这些规则：代码（PX205）、前缀（PX2）或名称；可重复或用逗号分隔")
    c.add_argument("--ignore", action="append", default=[], metavar="规则", help="不运行这些规则")
    c.add_argument("--password", metavar="密码", help="加密工作簿的打开密码")
    c.add_argument("--scheduler", metavar="地址", help="在已有的 Dask 集群上运行（需安装 perfxl[dask]）")
    c.add_argument("--no-progress", action="store_true", help="不显示进度条")

    i = sub.add_parser("inspect", help="显示读取结果：每张表的字段及其单元格",
                       description="显示 perfxl 从工作簿中读到的内容：表种、各字段的值和所在单元格。")
    i.add_argument("paths", nargs="+", metavar="路径", help=".xlsx/.xlsm/.xls 文件或文件夹（递归查找）")
    i.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    i.add_argument("--password", metavar="密码", help="加密工作簿的打开密码")

    t = sub.add_parser("template", help="生成空白标准模板", description=f"生成空白标准模板。KIND 可选：{KINDS_HELP}")
    t.add_argument("kind", metavar="KIND", help="表种")
    t.add_argument("-o", "--output", metavar="文件", help="输出文件（默认 <KIND>.xlsx）")

    r = sub.add_parser("rules", help="列出校验规则目录", description="列出全部校验规则：代码、级别、适用表种与提示。")
    r.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="text（默认）、markdown（即 docs/rules.md）或 json")

    a = sub.add_parser("addin", help="生成或安装 Excel 加载项（绩效校验 选项卡）",
                       description="生成 perfxl.xlam（功能区“绩效校验”选项卡：一键校验、清除标注、生成模板），"
                                   "或把它安装到 Excel 的启动文件夹。安装步骤见 docs/excel.md。")
    a.add_argument("action", choices=("build", "install"), help="build：生成 perfxl.xlam；install：安装到 Excel")
    a.add_argument("-o", "--output", metavar="文件", help="build 的输出文件（默认 perfxl.xlam）")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2


def _inspect(args) -> int:
    from perfxl.batch import discover
    from perfxl.inspect import inspect_path, render_text

    files = _discover_or_missing(args.paths, discover)
    if not files:
        print("perfxl：在给定的文件夹里没有找到 .xlsx/.xlsm/.xls 工作簿", file=sys.stderr)
        return 2
    results = [inspect_path(p, password=args.password) for p in files]
    if args.format == "json":
        print(json.dumps({"perfxl": __version__, "files": results}, ensure_ascii=False, indent=1))
    else:
        print("\n".join(render_text(r) for r in results))
    return 2 if any(r["status"] == "error" for r in results) else 0


def _discover_or_missing(paths: list[str], discover) -> list[str]:
    """Every workbook under the given paths; a missing path stays in the list (reported as PX901)."""
    out: list[str] = []
    for p in paths:
        if Path(p).is_dir():
            out.extend(str(f) for f, _root in discover([p]))
        else:
            out.append(p)
    return out


def _check(args) -> int:
    from perfxl.engine import CheckOptions
    from perfxl.check_command import run_check

    options = CheckOptions(
        out=args.out, in_place=args.in_place, config=args.config,
        select=_split(args.select), ignore=_split(args.ignore), password=args.password,
    )
    return run_check(args.paths, options, fmt=args.format, jobs=args.jobs, timeout=args.timeout,
                     scheduler=args.scheduler, progress=not args.no_progress)


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(x.strip() for v in values for x in v.split(",") if x.strip())


def _template(args) -> int:
    from perfxl.templates import template_command

    try:
        path = template_command(args.kind, args.output)
    except ValueError as exc:
        print(f"perfxl：{exc}", file=sys.stderr)
        return 2
    print(f"已生成模板：{path}")
    return 0


def _rules(args) -> int:
    from perfxl.rules import registry

    specs = [r.spec for r in registry.select_rules()]
    if args.format == "markdown":
        print(registry.rules_markdown(), end="")
    elif args.format == "json":
        rows = [{"code": s.code, "name": s.name, "severity": s.severity, "kinds": list(s.kinds),
                 "scope": s.scope, "message": s.message, "doc": registry.doc_sections(s.doc)} for s in specs]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for s in specs:
            kinds = ",".join(s.kinds) if s.kinds else "全部"
            print(f"{s.code}  {s.severity:<7}  {s.name:<34} [{kinds}]")
            print(f"       {s.message}")
        print(f"\n共 {len(specs)} 条规则。详细说明见 docs/rules.md 或 perfxl rules --format markdown。")
    return 0


def _addin(args) -> int:
    from perfxl.addin import addin_command

    try:
        print(addin_command(args.action, args.output))
    except Exception as exc:  # shown to the user as one line, never a traceback
        print(f"perfxl：{exc}", file=sys.stderr)
        return 2
    return 0


_COMMANDS = {"check": _check, "inspect": _inspect, "template": _template, "rules": _rules, "addin": _addin}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
