"""`diff OLD NEW` on real pairs of annual reports: the changes the texts really contain."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing

from linter.api import diff
from linter.cli import main
from linter.diff.align import words

SEEDS = ("000_c9ce561330e11307.txt", "001_659ef0b4b750ad89.txt")


def pairs(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    """The companies with two reports in the corpus (same CIK), oldest first."""
    by_cik: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted((corpus / "item1c-dev").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        by_cik[record["cik"]].append(record)
    return {cik: sorted(recs, key=lambda r: (r["fiscal_year"], r["filed"], r["form"]))
            for cik, recs in by_cik.items() if len(recs) > 1}


def drafts(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    a, b = tmp_path / "last-year.txt", tmp_path / "this-year.txt"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return str(a), str(b)


def pair(corpus: Path, tmp_path: Path, cik: str) -> tuple[str, str]:
    records = pairs(corpus)[cik]
    return drafts(tmp_path, records[0]["text"], records[-1]["text"])


def validator(repo: Path) -> jsonschema.Draft202012Validator:
    schemas = repo / "linter" / "schemas"
    report = json.loads((schemas / "report.schema.json").read_text(encoding="utf-8"))
    schema = json.loads((schemas / "diff.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in (report, schema))
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_every_real_pair_diffs(corpus: Path, tmp_path: Path, repo: Path) -> None:
    found = pairs(corpus)
    assert len(found) == 17
    check = validator(repo)
    for cik in found:
        old, new = pair(corpus, tmp_path, cik)
        plain = diff(old, new).to_plain()
        check.validate(plain)
        assert len(plain["requirements"]) == 12, cik
        # The same words (spacing and punctuation aside, as in Lightstone's "REIT ," fixed to
        # "REIT,") are the same text.
        identical = words(found[cik][0]["text"]) == words(found[cik][-1]["text"])
        kinds = plain["summary"]["sentences"]
        assert (kinds["added"] + kinds["removed"] + kinds["reworded"] == 0) == identical, cik


def test_dropped_incident_paragraph_is_reported(corpus: Path, tmp_path: Path) -> None:
    """Kartoon Studios described a December 2024 intrusion in its fiscal 2024 report; the
    fiscal 2025 report no longer mentions it."""
    old, new = pair(corpus, tmp_path, "1355848")
    stale = [s for s in diff(old, new).stale if s.kind == "incident-dropped"]
    assert len(stale) == 1
    assert stale[0].old.startswith("On December 13, 2024, we experienced a cybersecurity incident")
    assert "storyboard" in stale[0].old  # the whole paragraph, not only its first sentence
    # Kept the other way round: nothing was dropped.
    assert not [s for s in diff(new, old).stale if s.kind == "incident-dropped"]
    assert not [s for s in diff(old, old).stale if s.kind == "incident-dropped"]


def test_officer_changed_is_reported(corpus: Path, tmp_path: Path) -> None:
    """Climb Bio's cybersecurity lead went from the chief operating officer to the chief
    financial officer; the sentence is reworded, not added and removed."""
    old, new = pair(corpus, tmp_path, "1768446")
    result = diff(old, new)
    names = [s for s in result.stale if s.kind == "name"]
    assert [s.message.split(":")[1].split(";")[0].strip() for s in names] == [
        "chief operating officer \u2192 chief financial officer"]
    responsible = next(r for r in result.requirements if r.id == "gov-mgmt-responsible")
    assert responsible.change == "unchanged"
    assert [n.split(",")[0] for _, n in responsible.reworded] == ["Our chief financial officer "]
    assert not result.gates


def test_committee_changed_is_reported(corpus: Path, tmp_path: Path) -> None:
    """Macerich's Security Committee reported quarterly to the Audit Committee in fiscal 2024
    and to the Board of Directors in fiscal 2025; a co-chair's title changed too."""
    old, new = pair(corpus, tmp_path, "912242")
    messages = [s.message for s in diff(old, new).stale if s.kind == "name"]
    assert any("Audit Committee \u2192" in m for m in messages)
    assert any("Executive Vice President of Portfolio Operations and People \u2192 Executive "
               "Vice President of Enterprise Operations" in m for m in messages)


def test_material_effect_improves_and_regresses(corpus: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Acrivon's fiscal 2025 report added the second limb of Item 106(b)(2) ("or are
    reasonably likely to materially affect"): partial then, met now. Read backwards it is a
    regression and a new error, and the exit code is 1."""
    old, new = pair(corpus, tmp_path, "1781174")
    forward = diff(old, new)
    effect = next(r for r in forward.requirements if r.id == "rm-material-effect")
    assert (effect.old_status, effect.new_status, effect.change) == ("partial", "met", "improved")
    assert len(effect.reworded) == 1 and "reasonably likely" in effect.reworded[0][1]
    assert [f.rule for f in forward.fixed_findings] == ["rm-material-effect"]
    assert main(["diff", old, new]) == 0
    capsys.readouterr()
    assert main(["diff", new, old]) == 1
    out = capsys.readouterr().out
    assert "regressed rm-material-effect: met (no) \u2192 partial (no)" in out
    assert "1 regression" in out and "; fails" in out


def test_stale_date_carried_over(corpus: Path, tmp_path: Path) -> None:
    """Hydrofarm updated "As of December 31, 2024" to 2025: nothing stale. Had the sentence
    been carried over unchanged, the date is last year's."""
    records = pairs(corpus)["1695295"]
    old_text, new_text = records[0]["text"], records[-1]["text"]
    assert "As of December 31, 2025, we are not aware" in new_text
    assert not diff(*drafts(tmp_path, old_text, new_text)).stale
    carried = new_text.replace("As of December 31, 2025", "As of December 31, 2024")
    stale = diff(*drafts(tmp_path, old_text, carried)).stale
    assert [(s.kind, s.new[:31]) for s in stale] == [("date", "As of December 31, 2024, we are")]


def test_moving_a_paragraph_is_not_a_change(repo: Path, tmp_path: Path) -> None:
    text = (repo / "examples" / "item1c-draft.md").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    # The third-party paragraph moved to the top of its subsection, the board's paragraph
    # to the end of its own.
    order = [0, 1, 4, 2, 3, 5, 6, 8, 7, *range(9, len(paragraphs))]
    moved = "\n\n".join(paragraphs[i] for i in order)
    assert moved != text
    old, new = drafts(tmp_path, text, moved)
    result = diff(old, new)
    plain = result.to_plain()
    assert {r["kind"] for r in plain["sentences"]} == {"same"}
    assert all(r["change"] == "unchanged" and not any(r["evidence"].values())
               for r in plain["requirements"])
    assert not result.new_findings and not result.fixed_findings and not result.stale
    assert main(["diff", old, new, "--format", "json"]) == 0


def test_r_pages_and_full_filings(corpus: Path, repo: Path) -> None:
    """Seed 000 names its board committee and engages and oversees third parties; seed 001
    does neither: read as last year against this year, those are regressions."""
    seeds = [str(corpus / "seeds" / s) for s in SEEDS]
    result = diff(*seeds)
    changes = {r.id: r.change for r in result.requirements}
    assert changes["rm-third-party-oversight"] == "regressed"
    assert changes["gov-board-committee"] == "regressed"
    assert result.old.format == result.new.format == "rpage"
    filings = [str(corpus / "filings" / f) for f in ("amzn-10-k-2025-02-07.html",
                                                     "ibm-10-k-2025-02-25.html")]
    plain = diff(filings[0], filings[0]).to_plain()
    validator(repo).validate(plain)
    assert plain["old"]["section"] == "Item 1C. Cybersecurity"
    assert plain["summary"]["sentences"]["same"] > 10
    assert set(plain["summary"]["sentences"].values()) - {0} == {
        plain["summary"]["sentences"]["same"]}
    assert not plain["summary"]["fails"]
    assert diff(*filings).to_plain()["new"]["format"] == "inline-xbrl"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_formats_escape_the_text(fmt: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    base = ("Item 1C. Cybersecurity\n\nOur CISO reports to the Audit Committee quarterly on "
            "cybersecurity risks.\n\n")
    old, new = drafts(tmp_path, base, base + "We <script>alert(1)</script> engage "
                      "third-party assessors to test our controls.\n")
    assert main(["diff", old, new, "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "html":
        assert "<script>" not in out and "&lt;script&gt;" in out
        assert 'data-requirement="rm-third-party-engaged"' in out
        assert "<ins>" in out
    elif fmt == "markdown":
        assert "<script>" not in out and "\\<script\\>" in out
    elif fmt == "json":
        assert json.loads(out)["summary"]["sentences"]["added"] == 1
    else:
        assert "improved  rm-third-party-engaged: missing \u2192 met (yes)" in out


def test_unreadable_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Item 1C. Cybersecurity\n\nWe have a CISO.\n", encoding="utf-8")
    assert main(["diff", str(tmp_path / "missing.txt"), str(draft)]) == 2
    err = capsys.readouterr().err
    missing = tmp_path / "missing.txt"
    assert err.strip().splitlines() == [f"disclosure-lint: {missing}: no such file"]


@pytest.mark.browser
def test_side_by_side_in_chromium(corpus: Path, tmp_path: Path) -> None:
    """Kartoon Studios' two reports side by side: the dropped incident is struck out on the
    left, the checklist carries both verdicts, and the page runs no script."""
    from test_html_report import Dom, browse

    old, new = pair(corpus, tmp_path, "1355848")
    page = tmp_path / "changes.html"
    assert main(["diff", old, new, "--format", "html", "--output", str(page)]) == 0
    dom = Dom(browse(page, tmp_path, "--dump-dom", "--virtual-time-budget=2000"))
    rows = [a for t, a in dom.elements if t == "tr" and "data-kind" in a]
    kinds = [a["data-kind"] for a in rows]
    assert kinds.count("removed") == 10 and kinds.count("same") == 7
    checklist = {a["data-requirement"]: a for t, a in dom.elements if "data-requirement" in a}
    assert len(checklist) == 12
    assert checklist["gov-mgmt-expertise"]["data-old"] == "missing"
    assert {a["data-kind"] for t, a in dom.elements if t == "div" and "data-kind" in a} == {
        "incident-dropped"}
    assert "On December 13, 2024, we experienced a cybersecurity incident" in dom.visible()
    assert not {t for t, _ in dom.elements} & {"script", "img", "iframe", "link"}
