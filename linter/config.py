"""Configuration: `.disclosure-lint.yaml` or `[tool.disclosure-lint]` in pyproject.toml,
found by walking up from each linted file, validated with errors at file:line:column."""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from linter.errors import ConfigError
from linter.packs.yamlpos import Path_, Positioned

YAML_NAMES = (".disclosure-lint.yaml", ".disclosure-lint.yml")
TOML_TABLE = "tool.disclosure-lint"
# Where a [tool.disclosure-lint] table can start: its own header or dotted key
# (`[tool."disclosure-lint"]`, `tool.disclosure-lint.form = …`), or a `[tool]` table or a
# `tool = {…}` that may hold it. A pyproject.toml with none of these is another tool's.
_MAY_HOLD_TABLE = (r"^[ \t\ufeff]*(?:\[\[?[ \t]*)?[\"']?tool[\"']?[ \t]*"
                   r"(?:\.[ \t]*[\"']?disclosure-lint\b|\]|=)")


@dataclass(frozen=True)
class Settings:
    """What configuration decides for one file (before the command line is applied)."""

    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    partial_severity: tuple[tuple[str, str], ...] = ()
    form: str | None = None
    fiscal_year: str | None = None
    filing_date: str | None = None
    amends: str | None = None  # the original report this file amends (8-K/A)

    def overlay(self, data: dict[str, Any], base: Path) -> Settings:
        """These settings with ``data`` (a config mapping) laid over them."""
        packs = tuple(_pack_ref(p, base) for p in data["packs"]) if "packs" in data else self.packs
        fy = data.get("fiscal_year")
        return Settings(
            packs=packs,
            select=tuple(data.get("select", self.select)),
            ignore=tuple(data.get("ignore", self.ignore)),
            severity=tuple({**dict(self.severity), **data.get("severity", {})}.items()),
            partial_severity=tuple({**dict(self.partial_severity),
                                    **data.get("partial_severity", {})}.items()),
            form=data.get("form", self.form),
            fiscal_year=str(fy) if fy is not None else self.fiscal_year,
            filing_date=str(data["filing_date"]) if "filing_date" in data else self.filing_date,
            amends=str((base / data["amends"]).resolve()) if "amends" in data else self.amends,
        )


@dataclass(frozen=True)
class Config:
    """A configuration file, validated."""

    path: str
    data: dict[str, Any] = field(compare=False)

    @property
    def root(self) -> Path:
        return Path(self.path).resolve().parent

    @property
    def fail_on(self) -> str | None:
        value = self.data.get("fail_on")
        return str(value) if value else None

    def settings_for(self, file: str) -> Settings:
        """Top-level settings, then every `per_path` glob matching the file, in order."""
        settings = Settings().overlay(self.data, self.root)
        rel = _relative(file, self.root)
        for glob, overrides in self.data.get("per_path", {}).items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], glob):
                settings = settings.overlay(overrides, self.root)
        return settings


def _relative(file: str, root: Path) -> str:
    try:
        return Path(file).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(file).as_posix()


def _pack_ref(ref: str, base: Path) -> str:
    """A pack named by path is relative to the configuration file; a bare name is built-in."""
    if "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")) or (base / ref).is_dir():
        return str((base / ref).resolve())
    return ref


def find_config(file: str, memo: dict[Path, Config | None] | None = None) -> Config | None:
    """The nearest configuration above ``file`` (the working folder for standard input);
    the search stops at a folder holding `.git` or at the filesystem root. ``memo`` keeps
    the answer per folder for the length of one run."""
    start = Path.cwd() if file == "-" else Path(file).resolve().parent
    return _find_in(start, {} if memo is None else memo)


def _find_in(folder: Path, memo: dict[Path, Config | None]) -> Config | None:
    if folder not in memo:
        memo[folder] = _config_in(folder, memo)
    return memo[folder]


def _config_in(folder: Path, memo: dict[Path, Config | None]) -> Config | None:
    for name in YAML_NAMES:
        if (folder / name).is_file():
            return load_config(str(folder / name))
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        config = _load_toml(pyproject, required=False)
        if config is not None:
            return config
    if (folder / ".git").exists() or folder.parent == folder:
        return None
    return _find_in(folder.parent, memo)


def load_config(path: str) -> Config:
    """Read and validate a configuration file (YAML, or a pyproject.toml)."""
    if path.endswith(".toml"):
        config = _load_toml(Path(path), required=True)
        assert config is not None
        return config
    from linter.packs.yamlpos import load_yaml

    doc = load_yaml(_read(path), path, ConfigError)
    if doc.data is None:
        doc = Positioned({}, {(): (1, 1)}, {})
    _validate(doc, path)
    return Config(path, doc.data)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror or exc}") from None


def _load_toml(path: Path, required: bool) -> Config | None:
    text = _read(str(path))
    if not required and not re.search(_MAY_HOLD_TABLE, text, re.MULTILINE):
        return None  # another tool's pyproject.toml: not even parsed
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        reason = str(exc).split(" (at line")[0]
        raise ConfigError(str(path), f"invalid TOML: {reason}", line, col) from None
    table = data.get("tool", {}).get("disclosure-lint")
    if table is None:
        if required:
            raise ConfigError(str(path), f"no [{TOML_TABLE}] table")
        return None
    table = _dates_as_text(table)
    doc = Positioned(table, _toml_positions(text, table), {})
    _validate(doc, str(path))
    return Config(str(path), table)


def _dates_as_text(value: Any) -> Any:
    """TOML dates (`filing_date = 2025-06-13`) as ISO text, as YAML's are read."""
    import datetime

    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _toml_positions(text: str, table: dict[str, Any]) -> dict[Path_, tuple[int, int]]:
    """tomllib keeps no positions: find each key's line by searching the text after the
    table's header (good enough to point a user at the right line)."""
    lines = text.splitlines()
    head = next((i for i, line in enumerate(lines)
                 if re.match(r"\s*\[\s*tool\s*\.\s*[\"']?disclosure-lint", line)), 0)
    out: dict[Path_, tuple[int, int]] = {(): (head + 1, 1)}

    def walk(value: Any, at: Path_, after: int) -> None:
        if not isinstance(value, dict):
            return
        for key, child in value.items():
            pattern = re.compile(rf"^\s*(?:\[.*)?[\"']?{re.escape(str(key))}[\"']?\s*[=\].]")
            row = next((i for i in range(after, len(lines)) if pattern.search(lines[i])), after)
            col = max(lines[row].find(str(key)), 0) + 1 if row < len(lines) else 1
            out[(*at, key)] = (row + 1, col)
            walk(child, (*at, key), row)

    walk(table, (), head)
    return out


@cache
def _schema() -> str:
    path = Path(__file__).resolve().parent / "schemas" / "config.schema.json"
    return path.read_text(encoding="utf-8")


def _validate(doc: Positioned, path: str) -> None:
    from linter.packs.schema import validate

    validate(doc, "config", path, ConfigError, json.loads(_schema()))
