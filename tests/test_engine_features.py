"""Engine features packs ask for: `cite` preference."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.packs import Pack, load_pack
from linter.results import DocumentResult, Status

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"

COMMON = """\
title: A test rule
message: The draft does not cover this.
why: A test rule.
fix: Cover it.
"""

CITED = """\
id: board-oversight
kind: requirement
severity: error
evidence: {lexicon: board}
cite: {lexicon: committee}
examples:
  fail: [{text: Nothing here., status: missing}]
  pass: [{text: Our board oversees cybersecurity., status: met}]
"""

def rule_file(body: str) -> str:
    """A complete rule file: the body after its id, kind and severity lines, plus COMMON."""
    head = body.split("\n", 3)
    return "\n".join(head[:3]) + "\n" + COMMON + head[3]


def write_rule(target: Path, body: str) -> None:
    name = body.split("\n", 1)[0].removeprefix("id: ")
    (target / "rules" / f"{name}.yaml").write_text(body, encoding="utf-8")


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    for body in (CITED,):
        write_rule(target, rule_file(body))
    return load_pack(str(target))


def lint_md(tmp_path: Path, text: str, pack: Pack) -> DocumentResult:
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    return lint(load_document(str(path)), [pack])


def req(result: DocumentResult, rule_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in result.requirements if r.id == rule_id)


def test_cite_reports_the_sentences_that_also_meet_it(tmp_path: Path, pack: Pack) -> None:
    text = ("# Item 1C. Cybersecurity\n\nOur board receives reports. The board has four "
            "members.\n\nThe Audit Committee of the board oversees cyber risk.\n")
    found = req(lint_md(tmp_path, text, pack), "board-oversight")
    assert found.status == Status.MET
    assert [e.text for e in found.evidence] == [
        "The Audit Committee of the board oversees cyber risk."]
    assert found.evidence[0].line == 5


def test_cite_falls_back_to_the_evidence(tmp_path: Path, pack: Pack) -> None:
    text = "# Item 1C. Cybersecurity\n\nOur board receives reports. The board has four members.\n"
    found = req(lint_md(tmp_path, text, pack), "board-oversight")
    assert found.status == Status.MET
    assert [e.text for e in found.evidence] == ["Our board receives reports.",
                                                "The board has four members."]


