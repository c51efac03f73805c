"""Configuration: discovery, validation with positions, per-path overrides, command line wins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linter.cli import main
from linter.config import find_config, load_config
from linter.errors import ConfigError

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"
DRAFT = "# Item 1C. Cybersecurity\n\nOur board receives reports. Our systems are fully secure.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(MINI, root / "packs" / "mini")
    (root / "drafts" / "legacy").mkdir(parents=True)
    (root / "drafts" / "item1c.md").write_text(DRAFT)
    (root / "drafts" / "legacy" / "old.md").write_text(DRAFT)
    return root


def lint_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out.strip() else {"stderr": out.err})


def findings(report: dict, index: int = 0) -> dict[str, str]:  # type: ignore[type-arg]
    return {f["rule"]: f["severity"] for f in report["documents"][index]["findings"]}


def test_yaml_config_found_by_walking_up(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".disclosure-lint.yaml").write_text(
        "packs: [packs/mini]\nignore: [section-length]\nseverity: {absolute-claims: error}\n"
        "per_path:\n  'drafts/legacy/*': {ignore: [absolute-claims, section-length]}\n")
    code, report = lint_json([str(project / "drafts")], capsys)
    assert code == 1
    assert [Path(d["path"]).name for d in report["documents"]] == ["item1c.md", "old.md"]
    current, legacy = findings(report, 0), findings(report, 1)
    assert current["absolute-claims"] == "error" and "section-length" not in current
    assert "absolute-claims" not in legacy


def test_command_line_wins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".disclosure-lint.yaml").write_text(
        "packs: [packs/mini]\nselect: [absolute-claims]\nfail_on: never\n")
    draft = str(project / "drafts" / "item1c.md")
    code, report = lint_json([draft], capsys)
    assert code == 0 and set(findings(report)) == {"absolute-claims"}  # fail_on: never
    code, report = lint_json([draft, "--select", "board-committee,section-length",
                              "--fail-on", "warning"], capsys)
    assert code == 1 and set(findings(report)) == {"board-committee"}


def test_pyproject_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.disclosure-lint]\n'
                                            'packs = ["packs/mini"]\nignore = ["board-*"]\n')
    _, report = lint_json([str(project / "drafts" / "item1c.md")], capsys)
    assert "board-committee" not in findings(report) and "absolute-claims" in findings(report)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".disclosure-lint.yaml").write_text("form: 20-F\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    config = find_config(str(inner / "draft.md"))
    assert config is not None and config.settings_for(str(inner / "draft.md")).form == "20-F"


def test_another_tools_pyproject_is_not_parsed(tmp_path: Path) -> None:
    # no header, dotted key or [tool] table that could hold our table: not read as TOML (the
    # name as a project or script is not a table), so not an error even when broken
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project\nname = "disclosure-lint"\n\n'
                                             '[project.scripts]\ndisclosure-lint = "x"\n'
                                             '[tool.ruff]\nline-length = 99\n')
    assert find_config(str(tmp_path / "draft.md")) is None


@pytest.mark.parametrize("table", ['[tool]\ndisclosure-lint.form = "20-F"\n',
                                   'tool.disclosure-lint.form = "20-F"\n',
                                   '[ tool . "disclosure-lint" ]\nform = "20-F"\n'])
def test_pyproject_table_in_any_toml_spelling(tmp_path: Path, table: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(f'{table}\n[project]\nname = "x"\n')
    config = find_config(str(tmp_path / "draft.md"))
    assert config is not None and config.settings_for(str(tmp_path / "draft.md")).form == "20-F"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".disclosure-lint.yaml").write_text("form: 20-F\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(str(tmp_path / "repo" / "draft.md")) is None


def test_yaml_config_errors_have_positions(tmp_path: Path) -> None:
    path = tmp_path / ".disclosure-lint.yaml"
    path.write_text("packs: [item1c]\nselcet: [x]\n")
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert (info.value.line, info.value.column) == (2, 1)
    assert "unknown key 'selcet'" in info.value.message
    path.write_text("severity:\n  rule-a: fatal\n")
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert (info.value.line, info.value.column) == (2, 11)
    assert "(at severity.rule-a)" in str(info.value)


def test_toml_config_errors_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.disclosure-lint]\n'
                    'form = "10-K"\nfail_on = "loud"\n')
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert info.value.line == 6 and "'loud' is not one of" in info.value.message
    path.write_text('[tool.disclosure-lint]\nform = \n')
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert info.value.line == 2 and "invalid TOML" in info.value.message


def test_bad_config_exits_2_with_one_line(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".disclosure-lint.yaml").write_text("packs: packs/mini\n")
    code = main(["check", str(project / "drafts" / "item1c.md")])
    err = capsys.readouterr().err
    assert code == 2 and ".disclosure-lint.yaml:1:8: " in err and "Traceback" not in err


def test_explicit_config_and_form(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "lint.yaml"
    config.write_text("packs: [packs/mini]\nform: 8-K\n")
    code, report = lint_json([str(project / "drafts" / "item1c.md"), "--config", str(config)],
                             capsys)
    doc = report["documents"][0]
    assert code == 0 and doc["form"] == "8-K"
    assert {r["status"] for r in doc["requirements"]} == {"not-applicable"}
    _, report = lint_json([str(project / "drafts" / "item1c.md"), "--config", str(config),
                           "--form", "10-K"], capsys)
    assert report["documents"][0]["form"] == "10-K"


def test_misspelt_rule_ids_are_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = [str(project / "drafts" / "item1c.md"), str(project / "drafts" / "legacy" / "old.md")]
    code = main(["check", *drafts, "--pack", str(project / "packs" / "mini"),
                 "--ignore", "absolute-claim"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("--ignore: no rule matches 'absolute-claim'") == 1  # once, not per file
    (project / ".disclosure-lint.yaml").write_text("packs: [packs/mini]\n"
                                                   "severity: {board-comittee: info}\n")
    code = main(["check", drafts[0]])
    err = capsys.readouterr().err
    assert code == 2 and ".disclosure-lint.yaml: severity: no rule matches 'board-comittee'" in err
