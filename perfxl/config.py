"""Configuration: which rules run, at what severity, with which tolerances and local variants.

Sources, nearest wins (DESIGN.md "Findings and rules"): an explicit ``--config FILE``; else a
``perfxl.toml`` beside the checked files or in a parent folder; else ``[tool.perfxl]`` of the nearest
``pyproject.toml``. A workbook may add a ``perfxl.conf`` sheet: ``key = value`` settings lines and
waivers (``PX205 B12 理由``), the Excel analogue of ``noqa``.

National defaults are DOMAIN.md's; a ``profile`` switches on a local variant (DOMAIN §3, §5).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SEVERITY_VALUES = ("error", "warning", "info", "off")


class ConfigError(ValueError):
    """A configuration file or sheet line perfxl cannot use (the CLI exits with 2)."""


@dataclass(frozen=True)
class ScoringSettings:
    """Scoring parameters; defaults are the national rules or common practice of DOMAIN §3."""

    budget_weight: float = 10.0  # 预算执行率 weight (§3.2)
    indicator_total: float = 90.0  # Σ indicator weights (§3.2)
    total: float = 100.0
    # 一级 split of the 90 (§3.2); 成本 folds into 产出 (unconfirmed default)
    split: tuple[tuple[str, float], ...] = (("产出", 50.0), ("效益", 30.0), ("满意度", 10.0))
    check_split: bool = True
    # grade bands: (lower bound, grade), highest first; "差" below the last (§3.4)
    grades: tuple[tuple[float, str], ...] = ((90.0, "优"), (80.0, "良"), (60.0, "中"))
    grade_floor: str = "差"
    strict_top: bool = False  # "> 90" for 优 (local variant)
    over_ratio: float = 1.2  # over-achievement highlight A ≥ 1.2 × T (广西 1.3)
    over_zero: float | None = None  # 广西: A ≥ 30 when T = 0
    qualitative_bands: tuple[float, float] = (0.8, 0.6)  # 达成 ≥ 80 %, 部分达成 ≥ 60 % (§3.6)
    range_bound: str = "low"  # range targets score against the lower bound (§2 rule 7)
    cost_cap: float | None = None  # 山西: no own 成本指标 -> at most 5 on the default one
    red_gap: float = 0.05  # 自评预警 red: achievement > 5 % above spending (§3.8)
    yellow_unspent: float = 0.20  # 自评预警 yellow: > 20 % unspent
    # Guangzhou 部门整体 scheme (§5)
    guangzhou: bool = False
    gz_duty: float = 50.0
    gz_output: float = 20.0
    gz_benefit: float = 20.0
    gz_rate: float = 10.0
    gz_management: float = 50.0
    gz_management_items: tuple[tuple[str, float], ...] = (
        ("预算编制", 3.0), ("预算执行", 4.0), ("信息公开", 4.0), ("绩效管理", 15.0),
        ("采购管理", 10.0), ("资产管理", 10.0), ("运行成本", 4.0))
    gz_bands: tuple[float, float, float] = (60.0, 100.0, 150.0)



PROFILES: dict[str, dict[str, Any]] = {
    "national": {},
    "guangzhou": {"guangzhou": True},
    "guangdong": {"guangzhou": True},
    "guangxi": {"over_ratio": 1.3, "over_zero": 30.0},
    "shanxi": {"cost_cap": 5.0},
    "grade_80": {"grades": ((80.0, "优"), (70.0, "良"), (60.0, "中"))},
    "strict_90": {"strict_top": True},
}


@dataclass(frozen=True)
class Waiver:
    """One waiver line of a ``perfxl.conf`` sheet: ``PX205 Sheet1!B12 理由``."""

    code: str  # code, prefix or kebab name
    cell: str  # A1 address or "*"
    sheet: str | None = None
    reason: str = ""
    row: int = 0  # 1-based row in the perfxl.conf sheet (where an unused waiver is reported)

    def matches(self, finding: Any) -> bool:
        rule = finding.rule
        if not (rule == self.code or (self.code.upper().startswith("PX") and rule.startswith(self.code.upper()))
                or _rule_name(rule) == self.code):
            return False
        if self.sheet and self.sheet != finding.sheet:
            return False
        return self.cell == "*" or self.cell.replace("$", "").upper() == (finding.cell or "").upper()


def _rule_name(code: str) -> str | None:
    from perfxl.rules.registry import RULES  # late: the catalogue imports this module

    rule = RULES.get(code)
    return rule.spec.name if rule else None


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code | prefix | kebab name, severity | "off")
    money_tol: float = 0.01  # 万元
    pct_tol: float = 0.01  # percentage points
    text_money_tol: float = 0.005  # goal-text amounts vs the budget cell (relative)
    half_rate_tol: float = 1.0  # 半年 derived rate targets, pp (DOMAIN §6)
    share_gap: float = 30.0  # 半年 money share vs output share, pp
    satisfaction_floor: float = 80.0
    profile: str = "national"
    scoring: ScoringSettings = field(default_factory=ScoringSettings)
    waivers: tuple[Waiver, ...] = ()
    source: str = ""  # where the settings came from, for messages

    def with_overrides(self, select: Iterable[str] | None = None,
                       ignore: Iterable[str] | None = None) -> "Config":
        """Command-line --select/--ignore: a given --select replaces, --ignore adds."""
        new_select = tuple(select) if select else self.select
        new_ignore = self.ignore + tuple(ignore or ())
        return replace(self, select=new_select, ignore=new_ignore)

    def severity_for(self, code: str, name: str, default: str | None) -> str | None:
        """The configured severity of a rule; the most specific pattern wins (code > prefix)."""
        best, best_len = default, -1
        for pattern, sev in self.severity:
            p = pattern.upper()
            if pattern == name or p == code:
                spec_len = 100
            elif code.startswith(p):
                spec_len = len(p)
            else:
                continue
            if spec_len > best_len:
                best, best_len = sev, spec_len
        return best

    def with_settings(self, settings: dict[str, Any], source: str = "") -> "Config":
        return _apply(self, settings, source or self.source)

    def with_sheet(self, rows: list[list[str]] | None) -> "Config":
        """Apply a ``perfxl.conf`` sheet: its settings lines and its waivers."""
        if not rows:
            return self
        settings, waivers = parse_conf_sheet(rows)
        cfg = _apply(self, settings, "perfxl.conf") if settings else self
        return replace(cfg, waivers=cfg.waivers + tuple(waivers))


# ---------------------------------------------------------------------------------------------
# Loading

_TOP_KEYS = {"select", "ignore", "severity", "tolerance", "profile", "scoring",
             "money_tol", "pct_tol", "text_money_tol", "half_rate_tol", "share_gap",
             "satisfaction_floor"}


def _apply(cfg: Config, data: dict[str, Any], source: str) -> Config:
    data = _unflatten(data)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{source}: 未知的设置项 {', '.join(sorted(unknown))}")
    changes: dict[str, Any] = {"source": source}
    scoring = cfg.scoring
    if "profile" in data:
        name = str(data["profile"]).strip()
        if name not in PROFILES:
            raise ConfigError(f"{source}: 未知的 profile “{name}”（可选：{', '.join(PROFILES)}）")
        changes["profile"] = name
        scoring = replace(ScoringSettings(), **PROFILES[name])
    for key in ("select", "ignore"):
        if key in data:
            changes[key] = _as_tuple(data[key])
    severity = dict(cfg.severity)
    for pattern, sev in dict(data.get("severity") or {}).items():
        sev = str(sev).strip().lower()
        if sev not in SEVERITY_VALUES:
            raise ConfigError(f"{source}: {pattern} 的严重程度 “{sev}” 无效（可选：{', '.join(SEVERITY_VALUES)}）")
        severity[str(pattern)] = sev
    changes["severity"] = tuple(severity.items())
    tol = dict(data.get("tolerance") or {})
    for key, target in (("money", "money_tol"), ("pct", "pct_tol"), ("text_money", "text_money_tol")):
        if key in tol:
            changes[target] = float(tol.pop(key))
    if tol:
        raise ConfigError(f"{source}: 未知的容差项 {', '.join(sorted(tol))}")
    for key in ("money_tol", "pct_tol", "text_money_tol", "half_rate_tol", "share_gap", "satisfaction_floor"):
        if key in data:
            changes[key] = float(data[key])
    if "scoring" in data:
        scoring = _scoring_from(scoring, dict(data["scoring"]), source)
    changes["scoring"] = scoring
    return replace(cfg, **changes)


def _unflatten(data: dict[str, Any]) -> dict[str, Any]:
    """Sheet lines use dotted keys ("severity.PX205 = info", "scoring.over_ratio = 1.3")."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        head, dot, rest = key.partition(".")
        if dot and head in ("severity", "tolerance", "scoring"):
            out.setdefault(head, {})[rest] = value
        else:
            out[key] = value
    return out


def _scoring_from(base: ScoringSettings, data: dict[str, Any], source: str) -> ScoringSettings:
    known = set(ScoringSettings.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: 未知的评分设置 {', '.join(sorted(unknown))}")
    try:
        if "grades" in data:  # [[90, "优"], [80, "良"], [60, "中"]]
            data["grades"] = tuple((float(lo), str(g)) for lo, g in data["grades"])
        for key in ("split", "gz_management_items"):  # {产出 = 50, 效益 = 30, 满意度 = 10}
            if key in data:
                data[key] = tuple((str(k), float(v)) for k, v in dict(data[key]).items())
        for key in ("qualitative_bands", "gz_bands"):
            if key in data:
                data[key] = tuple(float(x) for x in data[key])
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{source}: 评分设置格式不对（{exc}）") from exc
    for key, value in data.items():
        data[key] = _scalar_setting(key, ScoringSettings.__dataclass_fields__[key].type, value, source)
    return replace(base, **data)


_TRUE, _FALSE = {"true", "是", "yes", "1"}, {"false", "否", "no", "0"}


def _scalar_setting(key: str, declared: Any, value: Any, source: str) -> Any:
    """A number, switch or text setting as its field declares it (a config typed by hand may hold
    "十" for a weight, or the text "false" from a settings sheet): a clear error, not a crash
    half-way through a check."""
    if declared in ("float", "float | None"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{source}: 评分设置 {key} 应为数字，而不是 {value!r}")
        return float(value)
    if declared == "bool" and not isinstance(value, bool):
        if isinstance(value, (int, float)) and value in (0, 1):  # a settings sheet reads 1 as 1.0
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ConfigError(f"{source}: 评分设置 {key} 应为 true 或 false，而不是 {value!r}")
    if declared == "str" and not isinstance(value, str):
        raise ConfigError(f"{source}: 评分设置 {key} 应为文字，而不是 {value!r}")
    return value


def _as_tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v for v in re.split(r"[,\s，]+", value) if v)
    return tuple(str(v) for v in value)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc}") from exc


def _settings_in(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("perfxl")
    return data.get("tool", {}).get("perfxl", data)


def find_config_file(start_dir: Path) -> Path | None:
    """The nearest perfxl.toml, or pyproject.toml holding [tool.perfxl], from start_dir upwards."""
    start = start_dir if start_dir.is_dir() else start_dir.parent
    for folder in (start, *start.resolve().parents):
        candidate = folder / "perfxl.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _settings_in(pyproject) is not None:
            return pyproject
    return None


def load_config(start_dir: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration for files under start_dir; an explicit --config file wins."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"配置文件不存在：{path}")
    else:
        path = find_config_file(Path(start_dir or Path.cwd()))
        if path is None:
            return Config()
    settings = _settings_in(path)
    return Config().with_settings(settings or {}, str(path))


# ---------------------------------------------------------------------------------------------
# The perfxl.conf sheet

_SETTING = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*[=＝:：]\s*(.*?)\s*$")
_WAIVER_CODE = re.compile(r"^(PX\d{1,3}|[a-z][a-z0-9-]+)$", re.IGNORECASE)
_CELL = re.compile(r"^(?:(.+)!)?(\$?[A-Za-z]{1,3}\$?\d+|\*)$")


def parse_conf_sheet(rows: list[list[Any]]) -> tuple[dict[str, Any], list[Waiver]]:
    """Settings (``profile = guangzhou``) and waivers (``PX205 | B12 | 理由``) of a perfxl.conf sheet.

    A row may hold its parts in separate cells or in one cell separated by spaces; blank rows and
    rows starting with ``#`` are comments.
    """
    settings: dict[str, Any] = {}
    waivers: list[Waiver] = []
    for index, row in enumerate(rows, start=1):
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if not cells or cells[0].startswith("#"):
            continue
        line = " ".join(cells)
        m = _SETTING.match(line)
        if m:
            settings[m.group(1)] = _setting_value(m.group(2))
            continue
        parts = cells if len(cells) > 1 else line.split(None, 2)
        code = parts[0]
        where = parts[1] if len(parts) > 1 else "*"
        reason = " ".join(parts[2:]) if len(parts) > 2 else ""
        cm = _CELL.match(where)
        if not _WAIVER_CODE.match(code) or not cm:
            raise ConfigError(f"perfxl.conf 第 {index} 行无法识别：{line}")
        waivers.append(Waiver(code=code.upper() if code.upper().startswith("PX") else code,
                              cell=cm.group(2).replace("$", "").upper() if cm.group(2) != "*" else "*",
                              sheet=cm.group(1), reason=reason, row=index))
    return settings, waivers


def _setting_value(text: str) -> Any:
    text = text.strip().strip("\"'")
    try:
        return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else text
    except ValueError:
        return text


def apply_waivers(findings: list[Any], waivers: Iterable[Waiver]) -> tuple[list[Any], list[Waiver]]:
    """Drop waived findings; return (kept findings, waivers that matched nothing)."""
    waivers = list(waivers)
    used: set[int] = set()
    kept = []
    for finding in findings:
        hit = next((i for i, w in enumerate(waivers) if w.matches(finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    return kept, [w for i, w in enumerate(waivers) if i not in used]
