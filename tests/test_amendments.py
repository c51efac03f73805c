"""8-K/A incident amendments: the real Nucor original and amendment, and Stryker's amendment."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from linter.api import check, load_document
from linter.engine import lint
from linter.packs import load_pack

NUCOR = "0001193125-25-119311"  # "will continue to monitor the timing and materiality"
NUCOR_A = "0001193125-25-143135"  # Amendment No. 1: "has not had a material impact"
STRYKER_A = "0001193125-26-149607"


def _8k(corpus: Path, accession: str) -> str:
    return str(corpus / "8k" / f"{accession}.html")


def test_amendments_are_recognised_from_the_cover(corpus: Path) -> None:
    assert load_document(_8k(corpus, NUCOR_A)).form == "8-K/A"
    assert load_document(_8k(corpus, STRYKER_A)).form == "8-K/A"
    assert load_document(_8k(corpus, NUCOR)).form == "8-K"


def test_real_amendments_refer_to_the_original_and_say_what_is_determined(corpus: Path) -> None:
    for accession in (NUCOR_A, STRYKER_A):
        result = lint(load_document(_8k(corpus, accession)), [load_pack("item105")])
        statuses = {r.id: r for r in result.requirements}
        assert statuses["amendment-refers-original"].status == "met"
        assert statuses["amendment-determined"].status == "met"
        cited = " ".join(e.text for e in statuses["amendment-determined"].evidence)
        assert "determined" in cited or "material impact" in cited
        assert "filing-deadline" not in {f.rule for f in result.findings}


def test_the_original_report_is_not_held_to_the_amendment_rules(corpus: Path) -> None:
    result = lint(load_document(_8k(corpus, NUCOR)), [load_pack("item105")])
    statuses = {r.id: r.status for r in result.requirements}
    assert statuses["amendment-refers-original"] == "not-applicable"
    assert statuses["amendment-determined"] == "not-applicable"


def test_an_amendment_that_neither_refers_back_nor_determines(corpus: Path,
                                                               tmp_path: Path) -> None:
    """Built from Nucor's real amendment: its Item 1.05 paragraphs with every sentence that
    names the Original Form 8-K or states a finding of the investigation left out (the
    change), linted as an 8-K/A."""
    document = load_document(_8k(corpus, NUCOR_A))
    kept = []
    for sentence in document.scope_sentences()[1:]:
        text = sentence.text
        if any(w in text for w in ("Original", "revealed", "determined", "not had", "restored")):
            continue
        if "Forward-Looking" in text or "forward-looking" in text:
            break
        kept.append(text)
    assert len(kept) >= 2
    path = tmp_path / "amendment.md"
    path.write_text("Item 1.05 Material Cybersecurity Incidents\n\n" + " ".join(kept) + "\n",
                    encoding="utf-8")
    result = lint(load_document(str(path), form="8-K/A"), [load_pack("item105")])
    statuses = {r.id: r.status for r in result.requirements}
    assert statuses["amendment-refers-original"] == "missing"
    assert statuses["amendment-determined"] == "missing"


def _pair_findings(documents: tuple) -> dict[str, list[str]]:  # type: ignore[type-arg]
    amendment = next(d for d in documents if d.form == "8-K/A")
    out: dict[str, list[str]] = {}
    for finding in amendment.findings:
        if finding.rule.startswith("amendment-"):
            out.setdefault(finding.rule, []).append(finding.message)
    return out


def test_given_both_reports_the_amendment_answers_the_impact_and_leaves_the_timing_open(
        corpus: Path) -> None:
    """Nucor's original said it "will continue to monitor the timing and materiality of the
    incident"; the amendment says the incident "has not had a material impact" but nothing
    of its timing."""
    result = check([_8k(corpus, NUCOR), _8k(corpus, NUCOR_A)])
    found = _pair_findings(result.documents)
    assert len(found["amendment-answers"]) == 1 and "impact" in found["amendment-answers"][0]
    assert "has not had a material impact" in found["amendment-answers"][0]
    assert len(found["amendment-still-open"]) == 1
    assert "timing" in found["amendment-still-open"][0]
    original = next(d for d in result.documents if d.form == "8-K")
    assert not [f for f in original.findings if f.rule.startswith("amendment-")]
    assert {"amendment-answers", "amendment-still-open"} <= dict(result.rules).keys()


def test_a_configuration_pairs_an_amendment_with_its_original(corpus: Path,
                                                              tmp_path: Path) -> None:
    """The two real Nucor reports copied under other names; the configuration says which one
    the amendment amends, and only the amendment is checked."""
    shutil.copy(_8k(corpus, NUCOR), tmp_path / "original.htm")
    shutil.copy(_8k(corpus, NUCOR_A), tmp_path / "amendment.htm")
    (tmp_path / ".disclosure-lint.yaml").write_text(
        "per_path:\n  amendment.htm:\n    amends: original.htm\n", encoding="utf-8")
    result = check([str(tmp_path / "amendment.htm")])
    found = _pair_findings(result.documents)
    assert "original.htm left the impact undetermined" in found["amendment-answers"][0]
    assert "original.htm left the timing undetermined" in found["amendment-still-open"][0]


def test_an_amendment_alone_is_not_paired(corpus: Path) -> None:
    result = check([_8k(corpus, STRYKER_A)])
    assert not _pair_findings(result.documents)


def test_amendments_of_other_registrants_are_not_paired(corpus: Path) -> None:
    """Nucor's original and Stryker's amendment: different registrants on their covers."""
    result = check([_8k(corpus, NUCOR), _8k(corpus, STRYKER_A)])
    assert not _pair_findings(result.documents)


def test_a_missing_original_named_in_the_configuration_is_one_line(corpus: Path,
                                                                   tmp_path: Path) -> None:
    shutil.copy(_8k(corpus, NUCOR_A), tmp_path / "amendment.htm")
    (tmp_path / ".disclosure-lint.yaml").write_text(
        "per_path:\n  amendment.htm:\n    amends: nowhere.htm\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "linter", "check",
                          str(tmp_path / "amendment.htm")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert "nowhere.htm" in run.stderr and "Traceback" not in run.stderr


def test_an_amendment_told_by_its_cover_and_its_explanatory_note(corpus: Path,
                                                                 tmp_path: Path) -> None:
    """Built from Nucor's real amendment as a plain-text draft (the change): a "FORM 8-K/A"
    cover line instead of Inline XBRL cover facts, its real explanatory paragraph under an
    "Explanatory Note" heading before Item 1.05, and the Item 1.05 text without its own
    mentions of the Original Form 8-K. The note alone tells which report it amends."""
    document = load_document(_8k(corpus, NUCOR_A))
    note = document.blocks[0].text
    assert note.startswith("This Amendment No. 1")
    body = [s.text for s in document.scope_sentences()
            if "Original" not in s.text and "Amendment" not in s.text][1:]
    body = body[: next(i for i, t in enumerate(body) if "forward-looking" in t.lower())]
    path = tmp_path / "amendment.txt"
    path.write_text("FORM 8-K/A\n\nExplanatory Note\n\n" + note + "\n\nItem 1.05. Material "
                    "Cybersecurity Incidents.\n\n" + " ".join(body) + "\n", encoding="utf-8")
    amendment = load_document(str(path))
    assert amendment.form == "8-K/A" and amendment.scope is not None
    assert amendment.scope.item == "1.05"
    result = lint(amendment, [load_pack("item105")])
    refers = {r.id: r for r in result.requirements}["amendment-refers-original"]
    assert refers.status == "met" and refers.evidence[0].text.startswith("This Amendment No. 1")


def test_streamed_json_lines_pair_the_amendment_too(corpus: Path, tmp_path: Path) -> None:
    """`--format jsonl` streams, yet an amendment (listed before its original here) is still
    compared with it: the incident reports wait for the end of the batch, and the lines are
    the rendered report's, byte for byte."""
    from linter.cli import main

    files = [_8k(corpus, NUCOR_A), str(corpus / "filings" / "ibm-10-k-2025-02-25.html"),
             _8k(corpus, NUCOR)]
    streamed, rendered = tmp_path / "streamed.jsonl", tmp_path / "rendered.jsonl"
    main(["check", *files, "--format", "jsonl", "--output", str(streamed)])
    main(["check", *files, "--format", "jsonl", "--output", str(rendered), "--format", "json",
          "--output", str(tmp_path / "all.json")])
    assert streamed.read_bytes() == rendered.read_bytes()
    assert b"amendment-still-open" in streamed.read_bytes()


def test_amendment_findings_obey_ignore_and_select(corpus: Path) -> None:
    """The comparison's rules are rules like any other: `--ignore` drops them (it used to be
    refused as matching no rule), `--select` keeps only them."""
    from linter.api import CheckOptions

    both = [_8k(corpus, NUCOR), _8k(corpus, NUCOR_A)]
    ignored = check(both, CheckOptions(ignore=("amendment-still-open",)))
    assert not ignored.errors
    found = _pair_findings(ignored.documents)
    assert "amendment-still-open" not in found and len(found["amendment-answers"]) == 1
    assert "amendment-still-open" not in dict(ignored.rules)
    selected = check(both, CheckOptions(select=("amendment-*",)))
    amendment = next(d for d in selected.documents if d.form == "8-K/A")
    assert {f.rule for f in amendment.findings} == {"amendment-answers", "amendment-still-open"}


def test_configured_severity_reaches_amendment_findings(corpus: Path, tmp_path: Path) -> None:
    shutil.copy(_8k(corpus, NUCOR), tmp_path / "original.htm")
    shutil.copy(_8k(corpus, NUCOR_A), tmp_path / "amendment.htm")
    (tmp_path / ".disclosure-lint.yaml").write_text(
        "severity:\n  amendment-still-open: error\n", encoding="utf-8")
    result = check([str(tmp_path / "original.htm"), str(tmp_path / "amendment.htm")])
    amendment = next(d for d in result.documents if d.form == "8-K/A")
    still_open = [f for f in amendment.findings if f.rule == "amendment-still-open"]
    assert [str(f.severity) for f in still_open] == ["error"]


def test_a_suppression_comment_in_the_amendment_suppresses_its_finding(corpus: Path,
                                                                      tmp_path: Path) -> None:
    """Nucor's real amendment as a Markdown draft, a reasoned `disable` comment above its
    Item 1.05 heading: the still-open finding (placed at that heading) is suppressed and the
    comment is not reported as unused."""
    document = load_document(_8k(corpus, NUCOR_A))
    paragraphs = [b.text for b in document.scope_blocks()]
    path = tmp_path / "amendment.md"
    path.write_text("FORM 8-K/A\n\n<!-- disclosure-lint: disable=amendment-still-open -- the "
                    "timing is answered in the next amendment -->\n# Item 1.05. Material "
                    "Cybersecurity Incidents\n\n" + "\n\n".join(paragraphs[1:]) + "\n",
                    encoding="utf-8")
    result = check([_8k(corpus, NUCOR), str(path)])
    amendment = next(d for d in result.documents if d.path == str(path))
    rules = [f.rule for f in amendment.findings]
    assert "amendment-answers" in rules
    assert "amendment-still-open" not in rules and "unused-suppression" not in rules
    assert amendment.suppressed == 1
