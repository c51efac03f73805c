"""Engine features packs ask for: `cite` preference, answers on partial results, and a section
that only incorporates the disclosure by reference."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.errors import PackError
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

MATERIAL = """\
id: material-effect
kind: requirement
severity: error
evidence: {pattern: 'reasonably likely to materially affect'}
partial: {pattern: '\\bmaterial (?:cybersecurity )?incidents?\\b'}
answer:
  "no": {pattern: '\\bnot aware of any risks\\b'}
  default: null
  partial:
    "no": {pattern: '\\b(?:have not|has not|never) (?:experienced|suffered|identified)\\b'}
    "yes": {pattern: '\\b(?:experienced|suffered) a material\\b'}
    default: null
examples:
  fail: [{text: We have not experienced any material incidents., status: partial, answer: false}]
  pass: [{text: Risks are not reasonably likely to materially affect us., status: met}]
"""

INCORPORATED = """\
id: incorporated
kind: forbid
severity: warning
match: {pattern: '\\bincorporated (?:herein )?by reference\\b'}
section_incorporated: {max_other_words: 12}
examples:
  fail: [{text: The information required by this Item is incorporated by reference.}]
  pass: [{text: Our board oversees cybersecurity.}]
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
    for body in (CITED, MATERIAL, INCORPORATED):
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


@pytest.mark.parametrize(("sentence", "answer"), [
    ("We have not experienced any material cybersecurity incidents.", False),
    ("In 2023 we suffered a material incident affecting our billing systems.", True),
    ("Material incidents are escalated to the CISO.", None),
])
def test_partial_result_carries_an_answer(tmp_path: Path, pack: Pack, sentence: str,
                                          answer: bool | None) -> None:
    result = lint_md(tmp_path, f"# Item 1C. Cybersecurity\n\n{sentence}\n", pack)
    found = req(result, "material-effect")
    assert (found.status, found.answer) == (Status.PARTIAL, answer)
    assert [f.rule for f in result.findings if f.rule == "material-effect"] == ["material-effect"]


def test_partial_answer_constant(tmp_path: Path) -> None:
    target = tmp_path / "p"
    shutil.copytree(MINI, target)
    text = rule_file(MATERIAL)
    start = text.index("  partial:\n")
    end = text.index("examples:")
    write_rule(target, text[:start] + "  partial: false\n" + text[end:])
    result = lint_md(tmp_path, "# Item 1C. Cybersecurity\n\nMaterial incidents are rare.\n",
                     load_pack(str(target)))
    assert req(result, "material-effect").answer is False


def test_section_that_only_incorporates_is_not_applicable(tmp_path: Path, pack: Pack) -> None:
    text = ("# Item 1C. Cybersecurity\n\nThe information required by this Item is incorporated "
            "herein by reference to the section entitled Cybersecurity in our 2024 Proxy "
            "Statement.\n")
    result = lint_md(tmp_path, text, pack)
    assert {r.status for r in result.requirements} == {Status.NOT_APPLICABLE}
    assert [f.rule for f in result.findings] == ["incorporated"]
    assert result.findings[0].line == 3


def test_cross_reference_in_a_full_section_changes_nothing(tmp_path: Path, pack: Pack) -> None:
    text = ("# Item 1C. Cybersecurity\n\nOur board receives reports on cybersecurity from the "
            "chief information security officer each quarter. We engage third-party assessors "
            "to test our controls annually. Details of director skills are incorporated by "
            "reference to our proxy statement.\n")
    result = lint_md(tmp_path, text, pack)
    assert req(result, "third-party-engaged").status == Status.MET
    assert req(result, "board-committee").status == Status.PARTIAL
    assert "incorporated" in {f.rule for f in result.findings}


@pytest.mark.parametrize(("old", "new", "where"), [
    ("section_incorporated: {max_other_words: 12}", "section_incorporated: {max_words: 12}",
     "max_words"),
    ("section_incorporated: {max_other_words: 12}", "section_incorporated: {max_other_words: x}",
     "max_other_words"),
    ("match: {pattern:", "match: {year: last-year, pattern:", "year"),
])
def test_new_keys_are_schema_checked(tmp_path: Path, old: str, new: str, where: str) -> None:
    target = tmp_path / "p"
    shutil.copytree(MINI, target)
    write_rule(target, rule_file(INCORPORATED).replace(old, new))
    with pytest.raises(PackError) as info:
        load_pack(str(target))
    assert where in info.value.message and info.value.line is not None


def test_partial_answer_must_be_a_constant_or_conditions(tmp_path: Path) -> None:
    target = tmp_path / "p"
    shutil.copytree(MINI, target)
    text = rule_file(MATERIAL).replace('    default: null\nexamples', '    maybe: 1\nexamples')
    write_rule(target, text)
    with pytest.raises(PackError):
        load_pack(str(target))
