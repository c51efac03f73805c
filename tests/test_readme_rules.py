"""The README's rule table is generated from the rule YAML and must match it; rewrite:
``pytest tests/test_readme_rules.py --update-golden``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli import main

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"
REGENERATE = ("regenerate it with `.venv/bin/python -m pytest -q tests/test_readme_rules.py "
              "--update-golden` (it writes the output of `disclosure-lint rules list --format "
              "markdown` between the markers) and review the diff")


def _generated(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["rules", "list", "--format", "markdown"]) == 0
    return capsys.readouterr().out


def test_readme_rule_table_is_generated_from_the_rules(
        repo: Path, capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    readme = repo / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, f"README.md needs {START} … {END}"
    head, rest = text.split(START)
    table, tail = rest.split(END)
    expected = "\n" + _generated(capsys)
    if update_golden:
        readme.write_text(head + START + expected + END + tail, encoding="utf-8")
        return
    assert table == expected, f"README.md's rule table differs from the rules; {REGENERATE}"


def test_markdown_table_lists_every_built_in_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from linter.packs.tooling import packs_named

    rows = _generated(capsys).splitlines()
    assert rows[0] == "| id | pack | kind | severity | citation | title |"
    ids = [row.split(" | ")[0].removeprefix("| ").strip("`") for row in rows[2:]]
    assert ids == [r.id for p in packs_named(()) for r in p.rules]
    assert {p.id for p in packs_named(())} >= {"item1c", "item105"}
    assert all(row.count(" | ") == 5 for row in rows)  # a "|" inside a cell is escaped


def _yaml_blocks(repo: Path) -> list[str]:
    text = (repo / "README.md").read_text(encoding="utf-8")
    return [block.split("\n```")[0] for block in text.split("```yaml\n")[1:]]


def test_readme_house_pack_and_configuration_work(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The house pack and the configuration the README shows are valid and do what it says."""
    blocks = _yaml_blocks(repo)
    (pack,) = [b for b in blocks if "extends: item1c" in b]
    (rule,) = [b for b in blocks if b.startswith("id: no-best-in-class")]
    (config,) = [b for b in blocks if b.startswith("# .disclosure-lint.yaml")]
    (tmp_path / "house-pack" / "rules").mkdir(parents=True)
    (tmp_path / "house-pack" / "pack.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "house-pack" / "rules" / "no-best-in-class.yaml").write_text(rule, "utf-8")
    (tmp_path / ".disclosure-lint.yaml").write_text(config, encoding="utf-8")
    draft = tmp_path / "item1c.md"
    draft.write_text((repo / "examples" / "item1c-draft.md").read_text(encoding="utf-8")
                     + "\nWe maintain a best-in-class security program.\n", encoding="utf-8")
    assert main(["rules", "test", str(tmp_path / "house-pack")]) == 0
    capsys.readouterr()
    assert main(["check", str(draft), "--quiet", "--format", "json"]) == 1
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    rules = {f["rule"]: f["severity"] for f in doc["findings"]}
    assert rules["no-best-in-class"] == "warning" and rules["absolute-claim"] == "error"
    assert "vague-frequency" not in rules
