"""Evidence selection of requirement rules: `cite` tiers, `max_evidence`, repeated sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.errors import PackError
from linter.packs import Pack, load_pack
from linter.results import RequirementResult, Status

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"

RULE = """\
id: board-oversight
kind: requirement
severity: error
title: Board oversight
message: The draft does not say how the board oversees cyber risk.
why: A test rule.
fix: Say it.
evidence: {{lexicon: board}}
{extra}
examples:
  fail: [{{text: Nothing here., status: missing}}]
  pass: [{{text: Our board oversees cybersecurity., status: met}}]
"""

TIERS = """\
cite:
  - {all: [{lexicon: committee}, {pattern: '\\boversees?\\b'}]}
  - {lexicon: committee}"""

FIVE = ("# Item 1C. Cybersecurity\n\nThe board meets often. The board has four members. "
        "The board reviews risk. The board hears from the CISO. The board approves the plan.\n")


def make_pack(tmp_path: Path, extra: str) -> Pack:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    (target / "rules" / "board-oversight.yaml").write_text(RULE.format(extra=extra),
                                                           encoding="utf-8")
    return load_pack(str(target))


def evidence_of(tmp_path: Path, pack: Pack, text: str) -> RequirementResult:
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    result = lint(load_document(str(path)), [pack])
    return next(r for r in result.requirements if r.id == "board-oversight")


def texts(found: RequirementResult) -> list[str]:
    return [e.text for e in found.evidence]


def test_first_tier_any_sentence_meets_wins(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, TIERS)
    text = ("# Item 1C. Cybersecurity\n\nThe board reports to the Risk Committee. The Audit "
            "Committee of the board oversees cyber risk. Our board has four members.\n")
    found = evidence_of(tmp_path, pack, text)
    assert found.status == Status.MET
    assert texts(found) == ["The Audit Committee of the board oversees cyber risk."]


def test_a_later_tier_when_the_first_meets_none(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, TIERS)
    text = ("# Item 1C. Cybersecurity\n\nOur board has four members. The board reports to the "
            "Risk Committee.\n")
    assert texts(evidence_of(tmp_path, pack, text)) == ["The board reports to the Risk Committee."]


def test_no_tier_met_reports_the_evidence_as_found(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, TIERS)
    text = "# Item 1C. Cybersecurity\n\nOur board has four members. The board meets often.\n"
    assert texts(evidence_of(tmp_path, pack, text)) == ["Our board has four members.",
                                                        "The board meets often."]


def test_three_sentences_by_default_in_document_order(tmp_path: Path) -> None:
    found = evidence_of(tmp_path, make_pack(tmp_path, ""), FIVE)
    assert texts(found) == ["The board meets often.", "The board has four members.",
                            "The board reviews risk."]


@pytest.mark.parametrize("limit", [1, 5])
def test_max_evidence(tmp_path: Path, limit: int) -> None:
    found = evidence_of(tmp_path, make_pack(tmp_path, f"max_evidence: {limit}"), FIVE)
    assert len(found.evidence) == limit
    assert found.evidence[0].text == "The board meets often."


def test_a_sentence_repeated_in_quotation_marks_is_cited_once(tmp_path: Path) -> None:
    text = ("# Item 1C. Cybersecurity\n\nThe board oversees cyber risk.\n\n"
            "\"The board oversees cyber risk.\"\n\nThe board meets often.\n")
    found = evidence_of(tmp_path, make_pack(tmp_path, ""), text)
    assert texts(found) == ["The board oversees cyber risk.", "The board meets often."]
    assert found.evidence[0].line == 3


def test_cite_never_changes_the_status(tmp_path: Path) -> None:
    text = "# Item 1C. Cybersecurity\n\nNothing about oversight here.\n"
    assert evidence_of(tmp_path, make_pack(tmp_path, TIERS), text).status == Status.MISSING


@pytest.mark.parametrize("extra", ["max_evidence: 0", "max_evidence: 6", "cite: []"])
def test_bad_evidence_keys_are_pack_errors(tmp_path: Path, extra: str) -> None:
    with pytest.raises(PackError) as caught:
        make_pack(tmp_path, extra)
    assert "board-oversight.yaml:" in str(caught.value)


GOVERNANCE = """\
# Item 1C. Cybersecurity

## Governance

Our Board of Directors oversees risks from cybersecurity threats through its Audit Committee.
Our Vice President of IT reports to our Chief Financial Officer and meets with the Audit
Committee each quarter. Our Chief Information Security Officer is responsible for assessing
and managing our cybersecurity risks and leads a team of twelve security professionals. Our
CISO has more than 20 years of experience in information security and holds the CISSP
certification. Our outside advisers are experienced professionals who previously worked at
large consulting firms. Senior management receives monthly updates from the IT team. The
CISO is informed about
and monitors the prevention, detection, mitigation and remediation of incidents through daily
reports from our security operations center. The CISO reports to the Audit Committee on
significant incidents.
"""


@pytest.mark.parametrize(("rule_id", "cited"), [
    ("gov-mgmt-responsible", "Our Chief Information Security Officer is responsible for"),
    ("gov-mgmt-informed", "The CISO is informed about and monitors the prevention"),
    ("gov-mgmt-expertise", "Our CISO has more than 20 years of experience"),
])
def test_built_in_pack_cites_the_sentence_that_answers(tmp_path: Path, rule_id: str,
                                                       cited: str) -> None:
    path = tmp_path / "draft.md"
    path.write_text(GOVERNANCE, encoding="utf-8")
    result = lint(load_document(str(path)), [load_pack("item1c")])
    found = next(r for r in result.requirements if r.id == rule_id)
    assert found.status == Status.MET
    assert [e.text.startswith(cited) for e in found.evidence] == [True]
