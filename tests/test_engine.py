"""The engine: statuses, answers, evidence and finding positions, kinds, selection, fingerprints."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from linter.api import load_document
from linter.checks import CHECKS, get_check
from linter.engine import LintConfig, lint
from linter.model import Anchor, Block, BlockKind, Document, Fact, Location, Scope, Section
from linter.packs import Pack, load_pack
from linter.resources import data_dir
from linter.results import DocumentResult, Status

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(str(MINI))


def lint_text(tmp_path: Path, text: str, pack: Pack, config: LintConfig | None = None,
              **replace: object) -> tuple[Document, DocumentResult]:
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    document = load_document(str(path))
    if replace:
        document = dataclasses.replace(document, **replace)  # type: ignore[arg-type]
    return document, lint(document, [pack], config or LintConfig())


def requirement(result: DocumentResult, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in result.requirements if r.id == rule)


DRAFT = """\
# Item 1C. Cybersecurity

Our program is described below.

We engage third-party assessors to test our controls annually.

Our board receives reports on cybersecurity.
"""


def test_met_with_answer_and_evidence_position(tmp_path: Path, mini: Pack) -> None:
    _, result = lint_text(tmp_path, DRAFT, mini)
    req = requirement(result, "third-party-engaged")
    assert (req.status, req.answer) == (Status.MET, True)
    assert req.citation == "17 CFR 229.106(b)(1)(ii)"
    (ev,) = req.evidence
    assert ev.text.startswith("We engage third-party assessors") and (ev.line, ev.column) == (5, 1)


def test_clear_no_meets_the_requirement(tmp_path: Path, mini: Pack) -> None:
    _, result = lint_text(tmp_path, "# Item 1C. Cybersecurity\n\nWe do not engage third "
                          "parties in connection with these processes.\n", mini)
    req = requirement(result, "third-party-engaged")
    assert (req.status, req.answer) == (Status.MET, False)
    assert not [f for f in result.findings if f.rule == "third-party-engaged"]


def test_partial_finding_at_the_sentence_with_its_own_message(tmp_path: Path, mini: Pack) -> None:
    _, result = lint_text(tmp_path, DRAFT, mini)
    assert requirement(result, "board-committee").status == Status.PARTIAL
    (finding,) = [f for f in result.findings if f.rule == "board-committee"]
    assert finding.message.startswith("The draft mentions the board but names no committee")
    assert str(finding.severity) == "warning"  # partial_severity
    assert (finding.line, finding.column) == (7, 5)  # "board" in line 7
    assert finding.excerpt == "Our board receives reports on cybersecurity."


def test_missing_is_anchored_at_the_section_heading(tmp_path: Path, mini: Pack) -> None:
    text = "Intro line.\n\n# Item 1C. Cybersecurity\n\nWe take it seriously.\n"
    document, _ = lint_text(tmp_path, text, mini)
    heading = next(i for i, b in enumerate(document.blocks) if b.kind == BlockKind.HEADING)
    section = Section("Item 1C. Cybersecurity", 1, heading, heading, len(document.blocks))
    scoped = dataclasses.replace(document, scope=Scope("1C", section))
    result = lint(scoped, [mini])
    finding = next(f for f in result.findings if f.rule == "third-party-engaged")
    assert (finding.line, finding.column) == (3, 3)
    assert finding.excerpt == "Item 1C. Cybersecurity"
    assert finding.start == document.blocks[heading].start
    assert [b.text for b in result.blocks] == ["Item 1C. Cybersecurity", "We take it seriously."]


def test_missing_section_is_anchored_at_line_1(tmp_path: Path, mini: Pack) -> None:
    document, _ = lint_text(tmp_path, "\n\nSome other filing text.\n", mini)
    empty = Section("", 0, None, 0, 0)
    result = lint(dataclasses.replace(document, scope=Scope("1C", empty, found=False)), [mini])
    finding = next(f for f in result.findings if f.rule == "third-party-engaged")
    assert (finding.line, finding.column, finding.excerpt) == (1, 1, "")
    assert requirement(result, "third-party-engaged").status == Status.MISSING


def test_other_form_is_not_applicable(tmp_path: Path, mini: Pack) -> None:
    _, result = lint_text(tmp_path, DRAFT, mini, form="8-K")
    assert {r.status for r in result.requirements} == {Status.NOT_APPLICABLE}
    assert result.findings == ()


def test_incorporated_by_reference_is_not_applicable(tmp_path: Path, mini: Pack) -> None:
    document, _ = lint_text(tmp_path, DRAFT, mini)
    assert document.scope is not None
    scope = dataclasses.replace(document.scope, incorporated=True)
    result = lint(dataclasses.replace(document, scope=scope), [mini])
    assert {r.status for r in result.requirements} == {Status.NOT_APPLICABLE}
    assert result.findings == ()


def test_forbid_unless_and_conditional(tmp_path: Path, mini: Pack) -> None:
    text = ("# Item 1C. Cybersecurity\n\nOur systems are fully secure. No system is fully "
            "secure.\n\nIn 2024 we suffered a ransomware attack.\n")
    _, result = lint_text(tmp_path, text, mini)
    (absolute,) = [f for f in result.findings if f.rule == "absolute-claims"]
    assert (absolute.line, absolute.column, absolute.end_column) == (3, 17, 29)
    assert absolute.excerpt == "Our systems are fully secure."
    (incident,) = [f for f in result.findings if f.rule == "incident-materiality"]
    assert incident.line == 5 and incident.excerpt == "In 2024 we suffered a ransomware attack."


def test_flag_mismatch_against_the_text(tmp_path: Path, mini: Pack) -> None:
    text = "# Item 1C. Cybersecurity\n\nWe do not engage third parties for this work.\n"
    facts = (Fact("CybersecurityRiskManagementThirdPartyEngagedFlag", "true",
                  location=Location(40, 2)),)
    _, result = lint_text(tmp_path, text, mini, facts=facts)
    (flag,) = [f for f in result.findings if f.rule == "third-party-flag"]
    assert (flag.line, flag.column) == (40, 2)
    assert "tagged true; text says no" in flag.message
    said_no = (dataclasses.replace(facts[0], value="false"),)
    _, agree = lint_text(tmp_path, text, mini, facts=said_no)
    assert not [f for f in agree.findings if f.rule == "third-party-flag"]


def test_metric_minimum(tmp_path: Path, mini: Pack) -> None:
    _, result = lint_text(tmp_path, "# Item 1C\n\nShort.\n", mini)
    (metric,) = [f for f in result.findings if f.rule == "section-length"]
    assert "under the limit of 8" in metric.message and metric.line == 1


def test_select_ignore_and_severity(tmp_path: Path, mini: Pack) -> None:
    _, only = lint_text(tmp_path, DRAFT, mini, LintConfig(select=("board-*",)))
    assert {r.id for r in only.requirements} == {"board-committee"}
    assert {f.rule for f in only.findings} == {"board-committee"}
    _, ignored = lint_text(tmp_path, DRAFT, mini, LintConfig(ignore=("board-committee",)))
    assert "board-committee" not in {f.rule for f in ignored.findings}
    # a configured severity is the rule's: its partial findings take one level below it
    _, raised = lint_text(tmp_path, DRAFT, mini, LintConfig(severity={"board-committee": "error"}))
    assert {str(f.severity) for f in raised.findings if f.rule == "board-committee"} == {"warning"}
    _, partial = lint_text(tmp_path, DRAFT, mini,
                           LintConfig(partial_severity={"board-*": "error"}))
    assert {str(f.severity) for f in partial.findings if f.rule == "board-committee"} == {"error"}


def test_fingerprint_survives_moving_lines(tmp_path: Path, mini: Pack) -> None:
    _, before = lint_text(tmp_path, DRAFT, mini)
    _, after = lint_text(tmp_path, DRAFT.replace("# Item", "\n\n\n# Item"), mini)
    prints = {f.rule: f.fingerprint for f in before.findings}
    moved = {f.rule: f.fingerprint for f in after.findings}
    assert prints == moved and all(len(p) == 16 for p in prints.values())
    assert [f.line for f in before.findings] != [f.line for f in after.findings]
    _, edited = lint_text(tmp_path, DRAFT.replace("Our board receives", "Our board gets"), mini)
    changed = {f.rule: f.fingerprint for f in edited.findings}
    assert changed["board-committee"] != prints["board-committee"]


def test_docx_paragraph_reaches_evidence_and_findings(mini: Pack) -> None:
    texts = ["Item 1C. Cybersecurity", "We engage third-party assessors.",
             "Our systems are fully secure."]
    blocks, offset = [], 0
    for i, text in enumerate(texts):
        kind = BlockKind.HEADING if i == 0 else BlockKind.PARAGRAPH
        blocks.append(Block(kind, text, offset, (Anchor(0, Location(i + 1, 1, i + 4, 0)),)))
        offset += len(text) + 1
    document = Document("d.docx", "docx", "\n".join(texts), tuple(blocks), form="10-K",
                        scope=Scope("", Section(texts[0], 1, 0, 0, 3)))
    result = lint(document, [mini])
    ev = requirement(result, "third-party-engaged").evidence[0]
    assert ev.paragraph == 5 and ev.to_plain()["paragraph"] == 5
    absolute = next(f for f in result.findings if f.rule == "absolute-claims")
    assert absolute.paragraph == 6 and absolute.to_plain()["paragraph"] == 6


RULE = """\
id: {id}
kind: requirement
severity: error
title: t
message: m
why: w
fix: f
window: {window}
evidence: {evidence}
examples:
  fail: [{{text: x}}]
  pass: [{{text: y}}]
"""


def test_window_near_and_subsection(tmp_path: Path) -> None:
    pack_dir = tmp_path / "p"
    (pack_dir / "rules").mkdir(parents=True)
    (pack_dir / "pack.yaml").write_text("id: p\ntitle: t\nversion: '1.0'\nforms: [10-K]\n")
    (pack_dir / "rules" / "windowed.yaml").write_text(RULE.format(
        id="windowed", window=1,
        evidence="{all: [{subsection: governance}, {term: CISO}, {term: experience}]}"))
    (pack_dir / "rules" / "near.yaml").write_text(RULE.format(
        id="near", window=0, evidence="{near: [{term: CISO}, {term: experience}], within: 3}"))
    pack = load_pack(str(pack_dir))
    text = ("# Item 1C\n\n## Risk Management\n\nOur CISO has long experience.\n\n"
            "## Governance\n\nOur CISO joined in 2020. She has 20 years of experience.\n\n"
            "We also train staff.\n\n"
            "The CISO has many, many, many, many years of experience.\n")
    path = tmp_path / "d.md"
    path.write_text(text)
    document = load_document(str(path))
    heads = [i for i, b in enumerate(document.blocks) if b.kind == BlockKind.HEADING]
    subs = (Section("Risk Management", 2, heads[1], heads[1], heads[2]),
            Section("Governance", 2, heads[2], heads[2], len(document.blocks)))
    assert document.scope is not None
    scope = dataclasses.replace(document.scope, subsections=subs)
    result = lint(dataclasses.replace(document, scope=scope), [pack])
    windowed = [e.text for e in requirement(result, "windowed").evidence]
    # Outside the governance subsection nothing counts; inside, a sentence and its neighbour
    # together meet the condition, and each is cited.
    assert windowed == ["Our CISO joined in 2020.", "She has 20 years of experience.",
                        "The CISO has many, many, many, many years of experience."]
    near = [e.text for e in requirement(result, "near").evidence]
    assert near == ["Our CISO has long experience."]


def test_a_heading_is_never_evidence(tmp_path: Path, mini: Pack) -> None:
    # "## Board Oversight" names a topic; only prose can meet (or partly meet) a requirement
    _, result = lint_text(tmp_path, "# Item 1C. Cybersecurity\n\n## Board Oversight\n\n"
                          "We keep our systems patched.\n", mini)
    req = requirement(result, "board-committee")
    assert (req.status, req.evidence) == (Status.MISSING, ())
    _, result = lint_text(tmp_path, "# Item 1C. Cybersecurity\n\n## Governance\n\n"
                          "Our board oversees cybersecurity risk.\n", mini)
    req = requirement(result, "board-committee")
    assert req.status == Status.PARTIAL and req.evidence[0].text.startswith("Our board")


def test_selecting_a_flag_rule_alone_still_reads_its_requirement(tmp_path: Path,
                                                                 mini: Pack) -> None:
    # `--select third-party-flag` must not silence the rule by leaving out the requirement
    # it compares the tag with; the requirement itself is not reported
    text = "# Item 1C. Cybersecurity\n\nWe do not engage third parties for this work.\n"
    facts = (Fact("CybersecurityRiskManagementThirdPartyEngagedFlag", "true"),)
    _, result = lint_text(tmp_path, text, mini, LintConfig(select=("third-party-flag",)),
                          facts=facts)
    assert [f.rule for f in result.findings] == ["third-party-flag"]
    assert result.requirements == ()


def test_every_kind_of_the_schema_has_a_check() -> None:
    # the registry names its modules as text (imported on first use): a typo must fail here
    schema = json.loads((data_dir("rules") / "pack.schema.json").read_text(encoding="utf-8"))
    assert sorted(CHECKS) == sorted(schema["$defs"]["common"]["properties"]["kind"]["enum"])
    assert all(callable(get_check(kind)) for kind in CHECKS)
