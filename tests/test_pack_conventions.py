"""Conventions every shipped pack keeps: valid, unique ids, file name = id, citations, lexicons."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.packs import load_pack
from linter.resources import data_dir

CANONICAL = {
    "item1c": {"rm-process", "rm-integrated", "rm-third-party-engaged", "rm-third-party-oversight",
               "rm-material-effect", "gov-board-oversight", "gov-board-committee",
               "gov-board-informed", "gov-mgmt-responsible", "gov-mgmt-expertise",
               "gov-mgmt-informed", "gov-mgmt-reports-to-board"},
    "item105": {"incident-nature", "incident-scope", "incident-timing", "incident-impact",
                "incident-undetermined"},
}
PACKS = sorted(p.parent for p in data_dir("rules").glob("*/pack.yaml"))


def _rules(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    return [(f, yaml.safe_load(f.read_text(encoding="utf-8")))
            for f in sorted((folder / "rules").glob("*.y*ml"))]


def _lexicons_used(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["lexicon"]} if isinstance(node.get("lexicon"), str) else set()
        return found.union(*(_lexicons_used(v) for k, v in node.items() if k != "examples"))
    if isinstance(node, list):
        return set().union(*(_lexicons_used(v) for v in node))
    return set()


def test_there_is_a_shipped_pack() -> None:
    assert [p.name for p in PACKS if p.name == "item1c"] == ["item1c"]


@pytest.mark.parametrize("folder", PACKS, ids=[p.name for p in PACKS])
def test_pack_validates_and_compiles(folder: Path) -> None:
    pack = load_pack(str(folder))
    assert pack.id == folder.name
    assert pack.rules


@pytest.mark.parametrize("folder", PACKS, ids=[p.name for p in PACKS])
def test_file_name_is_id(folder: Path) -> None:
    assert [f.stem for f, rule in _rules(folder) if rule["id"] != f.stem] == []
    assert [f.name for f, _ in _rules(folder) if f.suffix != ".yaml"] == []


def test_ids_are_unique_across_shipped_packs() -> None:
    ids = Counter(rule["id"] for folder in PACKS for _, rule in _rules(folder))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("folder", PACKS, ids=[p.name for p in PACKS])
def test_every_requirement_has_a_citation(folder: Path) -> None:
    missing = [f.stem for f, rule in _rules(folder)
               if rule["kind"] == "requirement" and not str(rule.get("citation", "")).strip()]
    assert missing == []


@pytest.mark.parametrize("folder", PACKS, ids=[p.name for p in PACKS])
def test_every_referenced_lexicon_is_defined(folder: Path) -> None:
    pack = load_pack(str(folder))
    undefined = {f.stem: sorted(_lexicons_used(rule) - set(pack.lexicons))
                 for f, rule in _rules(folder)}
    assert {k: v for k, v in undefined.items() if v} == {}


@pytest.mark.parametrize("folder", PACKS, ids=[p.name for p in PACKS])
def test_every_rule_has_both_kinds_of_example(folder: Path) -> None:
    lacking = [f.stem for f, rule in _rules(folder)
               if not rule.get("examples", {}).get("fail") or not rule["examples"].get("pass")]
    assert lacking == []


@pytest.mark.parametrize("name", sorted(CANONICAL))
def test_canonical_requirement_ids(name: str) -> None:
    folder = data_dir("rules") / name
    if not (folder / "pack.yaml").is_file():
        pytest.skip(f"pack {name} is not shipped")
    requirements = {rule["id"] for _, rule in _rules(folder) if rule["kind"] == "requirement"}
    assert CANONICAL[name] <= requirements


def test_readme_documents_every_schema_key() -> None:
    import json

    rules_dir = data_dir("rules")
    schema = json.loads((rules_dir / "pack.schema.json").read_text(encoding="utf-8"))
    readme = (rules_dir / "README.md").read_text(encoding="utf-8")
    keys = {key for definition in schema["$defs"].values() if isinstance(definition, dict)
            for key in definition.get("properties", {})}
    assert sorted(k for k in keys if f"`{k}" not in readme and f"{k}:" not in readme) == []
