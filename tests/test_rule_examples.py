"""Every example of every shipped pack runs as a test; a rule lacking either kind fails."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from linter.packs import Pack, load_pack
from linter.packs.examples import run_examples
from linter.resources import data_dir

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


def _rule_files() -> list[tuple[str, str]]:
    roots = [*sorted(data_dir("rules").glob("*/pack.yaml")), FIXTURES / "mini" / "pack.yaml"]
    return [(str(pack_yaml.parent), rule.stem) for pack_yaml in roots
            for rule in sorted((pack_yaml.parent / "rules").glob("*.yaml"))]


@cache
def _pack(folder: str) -> Pack:
    return load_pack(folder)


@pytest.mark.parametrize(("folder", "rule_id"), _rule_files(),
                         ids=[f"{Path(f).name}/{r}" for f, r in _rule_files()])
def test_rule_examples(folder: str, rule_id: str) -> None:
    pack = _pack(folder)
    rule = pack.rule(rule_id)
    assert rule is not None, f"{rule_id} is disabled or missing in {pack.id}"
    results = [r for r in run_examples(pack) if r.rule == rule_id]
    assert {r.kind for r in results} == {"fail", "pass"}
    failures = [str(r) for r in results if not r.ok]
    assert not failures, "\n".join(failures)


def test_a_rule_without_pass_examples_fails(tmp_path: Path) -> None:
    from linter.packs.examples import ExampleResult
    from linter.packs.model import Rule

    pack = _pack(str(FIXTURES / "mini"))
    rule = pack.rule("absolute-claims")
    assert rule is not None
    lacking = Rule(**{**{f: getattr(rule, f) for f in rule.__dataclass_fields__},
                      "examples": {"fail": rule.examples["fail"]}})
    stripped = Pack(pack.id, pack.title, pack.version, pack.forms, pack.path, (lacking,),
                    pack.lexicons)
    results = run_examples(stripped)
    assert ExampleResult("absolute-claims", "pass", 0, False, "no `pass` example",
                         rule.source) in results
