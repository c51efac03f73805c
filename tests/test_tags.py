"""`tags suggest`: cyd flag values and text-block spans from the text, on real filings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx_build import build_seed_draft

from linter.api import check
from linter.cli import main
from linter.tags import FURTHER_BLOCKS, TagSuggestions, suggest

FLAGS = {
    "rm-integrated": "CybersecurityRiskManagementProcessesIntegratedFlag",
    "rm-third-party-engaged": "CybersecurityRiskManagementThirdPartyEngagedFlag",
    "rm-third-party-oversight":
        "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag",
    "rm-material-effect":
        "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
    "gov-mgmt-responsible": "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
    "gov-mgmt-reports-to-board":
        "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
}
TEXT_BLOCKS = {  # DESIGN.md's table plus REGULATION.md's further elements: ten in all
    "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
    "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
    "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
    "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
    *FURTHER_BLOCKS,
}


def _suggest(path: Path) -> TagSuggestions:
    result = check([str(path)])
    assert not result.errors, result.errors
    (document,) = result.documents
    return suggest(document)


def _seed(corpus: Path, prefix: str) -> Path:
    (path,) = sorted((corpus / "seeds").glob(f"{prefix}_*.txt"))
    return path


def _rpage_flags(path: Path) -> dict[str, str]:
    """The filer's flags, read straight from the R page: `|Label [Flag]` then `|value`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    labels = {i: line for i, line in enumerate(lines) if line.endswith("[Flag]")}
    return {line: lines[i + 1].lstrip("|").strip() for i, line in labels.items()}


def test_seed_001_suggests_a_value_for_the_flag_it_leaves_untagged(corpus: Path) -> None:
    path = _seed(corpus, "001")
    tags = _suggest(path)
    flags = {f.requirement: f for f in tags.flags}
    assert {f.element for f in tags.flags} == set(FLAGS.values())
    assert {f.element for f in tags.blocks} == TEXT_BLOCKS
    # the seed engages third-party experts but tags neither third-party flag
    engaged = flags["rm-third-party-engaged"]
    assert (engaged.filer, engaged.suggested, engaged.agreement) == (None, True, "tag-it")
    assert engaged.evidence and "third-part" in engaged.evidence[0].text
    # it says nothing of overseeing providers: nothing to tag either way
    oversight = flags["rm-third-party-oversight"]
    assert (oversight.filer, oversight.suggested, oversight.agreement) == (
        None, None, "both-untagged")
    # the flags it does carry are reported as tagged, "true" and "false" as written
    assert len(_rpage_flags(path)) == 4
    assert sorted(f.filer for f in tags.flags if f.filer) == ["false", "true", "true", "true"]
    effect = flags["rm-material-effect"]
    assert (effect.filer, effect.suggested, effect.agreement) == ("false", False, "agree")


def test_seed_000_flags_are_compared_with_the_text(corpus: Path) -> None:
    tags = _suggest(_seed(corpus, "000"))
    assert all(f.filer in ("true", "false") for f in tags.flags)
    for flag in tags.flags:
        expected = ("text-silent" if flag.suggested is None else
                    "agree" if str(flag.suggested).lower() == flag.filer else "disagree")
        assert flag.agreement == expected


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_spans_point_at_the_sentences_in_the_source(corpus: Path, prefix: str) -> None:
    path = _seed(corpus, prefix)
    lines = path.read_text(encoding="utf-8").splitlines()
    tags = _suggest(path)
    spans = [e for block in tags.blocks for e in block.spans]
    assert spans
    for span in spans:
        at = lines[span.line - 1][span.column - 1:]
        assert at.startswith(span.text[:40]), (span.line, span.column, span.text)
    mgmt = {b.element: b for b in tags.blocks}["CybersecurityRiskRoleOfManagementTextBlock"]
    starts = [e.start for e in mgmt.spans]
    assert starts == sorted(set(starts))  # the union of the (c)(2) evidence, in text order


def test_full_filing_flags_match_its_inline_xbrl(corpus: Path) -> None:
    path = corpus / "filings" / "amzn-10-k-2025-02-07.html"
    html = path.read_text(encoding="utf-8")
    tagged = dict(re.findall(
        r'name="cyd:(\w+Flag)"[^>]*?format="ixt:fixed-(true|false)"', html))
    assert len(tagged) == 6
    tags = _suggest(path)
    assert {f.element: f.filer for f in tags.flags} == tagged
    for flag in tags.flags:
        assert flag.suggested is not None
        assert flag.agreement == ("agree" if str(flag.suggested).lower() == tagged[flag.element]
                                  else "disagree")
    assert sum(f.agreement == "agree" for f in tags.flags) >= 5
    committee = {b.element: b for b in tags.blocks}[
        "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"]
    assert any("Security Committee" in e.text for e in committee.spans)


def test_cli_text_and_json(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_seed(corpus, "001"))
    assert main(["tags", "suggest", path]) == 0
    text = capsys.readouterr().out
    assert ("CybersecurityRiskManagementThirdPartyEngagedFlag: suggest true; filer untagged; "
            "tag-it") in text
    assert ("CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag: "
            "suggest leave untagged") in text
    assert main(["tags", "suggest", "--format", "json", path]) == 0
    plain = json.loads(capsys.readouterr().out)
    (doc,) = plain["documents"]
    assert plain["errors"] == []
    assert {f["element"] for f in doc["flags"]} == set(FLAGS.values())
    role = next(b for b in doc["blocks"]
                if b["element"] == "CybersecurityRiskRoleOfManagementTextBlock")
    assert set(role["requirements"]) == {"gov-mgmt-responsible", "gov-mgmt-expertise",
                                         "gov-mgmt-informed", "gov-mgmt-reports-to-board"}
    assert all({"text", "line", "column"} <= set(s) for s in role["spans"])


def test_cli_input_error_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["tags", "suggest", str(tmp_path / "absent.md")]) == 2
    assert main(["tags", "suggest", "--format", "json", str(broken)]) == 2
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("disclosure-lint: ") for e in errors)
    assert "absent.md" in errors[0] and "broken.docx" in errors[1]
    assert json.loads(captured.out)["errors"][0]["path"].endswith("broken.docx")


def test_docx_spans_name_the_paragraph(corpus: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    draft = build_seed_draft(corpus, tmp_path, "001")
    paragraphs = [p.text for p in docx.Document(str(draft)).paragraphs]
    tags = _suggest(draft)
    engaged = {f.requirement: f for f in tags.flags}["rm-third-party-engaged"]
    assert engaged.suggested is True
    spans = [e for block in tags.blocks for e in block.spans]
    assert spans and all(e.paragraph is not None for e in spans)
    for span in spans:
        offset = span.column - 1
        assert paragraphs[span.paragraph][offset:].startswith(span.text[:40])
    assert main(["tags", "suggest", str(draft)]) == 0
    assert f"paragraph {spans[0].paragraph}, offset {spans[0].column - 1}: " in (
        capsys.readouterr().out)
