"""Incident reports filed as a Form 6-K or under Item 8.01.

The corpus holds no real 6-K and no real Item 8.01 incident report: each test below builds
one from the text of a real 8-K of ../shared/corpus/8k, and says in its docstring what it
changed. Nothing else of the filing's text is altered."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter.api import CheckOptions, check, load_document
from linter.engine import lint
from linter.packs import default_pack, load_pack

# "management determined that the incident was not material"
TRIO_TECH = "0001437749-26-009193"
# "the Company nevertheless determined that the incident is material"
CARECLOUD = "0001493152-26-013239"


def incident_paragraphs(corpus: Path, accession: str) -> list[str]:
    """The real 8-K's Item 1.05 paragraphs: its heading and its forward-looking legend left out."""
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    out = []
    for block in document.scope_blocks()[1:]:
        if block.kind == "heading":
            break
        out.append(block.text)
    assert len(out) >= 3
    return out


def six_k(paragraphs: list[str], signed: str) -> str:
    """A Form 6-K as EDGAR shows one: the standard cover, the report, the signatures."""
    cover = ["UNITED STATES SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549",
             "FORM 6-K", "REPORT OF FOREIGN PRIVATE ISSUER PURSUANT TO RULE 13a-16 OR 15d-16 "
             "UNDER THE SECURITIES EXCHANGE ACT OF 1934", "For the month of March 2026",
             "Commission File Number: 001-00000",
             "Indicate by check mark whether the registrant files or will file annual reports "
             "under cover of Form 20-F or Form 40-F.", "Form 20-F \u2612 Form 40-F \u2610"]
    body = [*cover, *paragraphs, "SIGNATURES",
            "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
            "has duly caused this report to be signed on its behalf by the undersigned.",
            f"Date: {signed}"]
    divs = "\n".join(f"<p>{html.escape(text)}</p>" for text in body)
    return f"<html><head><title>6-K</title></head><body>\n{divs}\n</body></html>\n"


def test_a_6k_incident_report_is_linted_as_the_incident_section(corpus: Path,
                                                                tmp_path: Path) -> None:
    """Built from Trio-Tech's real 8-K: its Item 1.05 paragraphs under a Form 6-K cover (the
    change: the 8-K cover and the "Item 1.05" heading replaced by a 6-K cover, which has no
    items). Before, a 6-K got "section not found" and every requirement missing."""
    paragraphs = incident_paragraphs(corpus, TRIO_TECH)
    path = tmp_path / "report-6k.htm"
    path.write_text(six_k(paragraphs, "March 20, 2026"), encoding="utf-8")
    document = load_document(str(path))
    assert document.form == "6-K" and default_pack(document.form) == "item105"
    assert document.scope is not None and document.scope.found
    linted = [b.text for b in document.scope_blocks()]
    assert linted == paragraphs  # the report's body: not the cover, not the signatures
    result = check([str(path)])
    statuses = {r.id: r.status for r in result.documents[0].requirements}
    assert statuses["incident-nature"] == "met" and statuses["incident-timing"] == "met"
    assert statuses["incident-scope"] == "met"
    assert not [f for f in result.documents[0].findings if f.rule.startswith("incident-")
                and f.severity == "error"]


def test_the_6k_from_the_command_line(corpus: Path, tmp_path: Path) -> None:
    """The same built 6-K (Trio-Tech's 8-K text under a 6-K cover), through the CLI."""
    path = tmp_path / "report-6k.htm"
    path.write_text(six_k(incident_paragraphs(corpus, TRIO_TECH), "March 20, 2026"),
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "linter", "check", str(path), "--format", "json"],
                         capture_output=True, text=True, check=False)
    report = json.loads(run.stdout)["documents"][0]
    assert report["form"] == "6-K" and report["section"]["found"]
    assert report["section"]["title"] == "Report on Form 6-K"


def item_801_draft(corpus: Path, accession: str) -> str:
    """The real 8-K's Item 1.05 paragraphs under the Item 8.01 heading instead."""
    return "Item 8.01 Other Events\n\n" + "\n\n".join(incident_paragraphs(corpus, accession))


def test_an_item_801_report_needs_nature_and_timing_only(corpus: Path, tmp_path: Path) -> None:
    """Built from Trio-Tech's real 8-K: the same paragraphs, headed "Item 8.01 Other Events"
    instead of "Item 1.05 Material Cybersecurity Incidents" (the change). Its text says the
    incident was not determined material, which is what Item 8.01 is for."""
    path = tmp_path / "item-801.md"
    path.write_text(item_801_draft(corpus, TRIO_TECH), encoding="utf-8")
    document = load_document(str(path))
    assert document.form == "8-K" and document.scope is not None
    assert document.scope.item == "8.01"
    result = lint(document, [load_pack("item105")])
    statuses = {r.id: r.status for r in result.requirements}
    assert statuses["incident-nature"] == "met" and statuses["incident-timing"] == "met"
    for voluntary in ("incident-impact", "incident-scope", "incident-undetermined"):
        assert statuses[voluntary] == "not-applicable"
    rules = {f.rule for f in result.findings}
    assert "material-under-801" not in rules and "not-material-under-105" not in rules
    assert "filing-deadline" not in rules  # the four-day clock is Item 1.05's


def test_an_item_801_report_that_calls_the_incident_material_is_warned(
        corpus: Path, tmp_path: Path) -> None:
    """Built from CareCloud's real 8-K: its paragraphs headed "Item 8.01 Other Events" instead
    of Item 1.05 (the change). The text says the Company determined the incident is
    material, so it belongs under Item 1.05."""
    path = tmp_path / "item-801.md"
    path.write_text(item_801_draft(corpus, CARECLOUD), encoding="utf-8")
    result = check([str(path)])
    warned = [f for f in result.documents[0].findings if f.rule == "material-under-801"]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert "determined that the incident is material" in warned[0].excerpt


@pytest.mark.parametrize("accession", [TRIO_TECH, CARECLOUD])
def test_an_item_105_report_is_not_taken_for_item_801(corpus: Path, accession: str) -> None:
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    assert document.scope is not None and document.scope.item == "1.05"
    result = lint(document, [load_pack("item105")])
    assert "material-under-801" not in {f.rule for f in result.findings}
    assert {r.id: r.status for r in result.requirements}["incident-impact"] != "not-applicable"


def test_an_8k_with_no_incident_under_item_801_is_not_an_incident_report(tmp_path: Path) -> None:
    path = tmp_path / "other.md"
    path.write_text("Item 8.01 Other Events\n\nThe Company announced a quarterly dividend of "
                    "$0.25 per share, payable on June 1, 2026.\n", encoding="utf-8")
    document = load_document(str(path), form="8-K")
    assert document.scope is not None and document.scope.item != "8.01"
    assert check([str(path)], CheckOptions(form="8-K")).documents[0].form == "8-K"


def test_an_older_6k_cover_with_its_rule_12g3_question(corpus: Path, tmp_path: Path) -> None:
    """Trio-Tech's real 8-K paragraphs under a 6-K cover of the older kind (the change): the
    Rule 12g3-2(b) question, its Yes / No boxes in cells of their own, and the "82-" line."""
    paragraphs = incident_paragraphs(corpus, TRIO_TECH)
    cover = ["FORM 6-K", "Indicate by check mark whether the registrant files or will file "
             "annual reports under cover of Form 20-F or Form 40-F.", "Form 20-F", "\u2612",
             "Form 40-F", "\u2610", "Indicate by check mark whether by furnishing the "
             "information contained in this Form, the registrant is also thereby furnishing the "
             "information to the Commission pursuant to Rule 12g3-2(b) under the Securities "
             "Exchange Act of 1934.", "Yes", "\u2610", "No", "\u2612",
             "If \u201cYes\u201d is marked, indicate below the file number assigned to the "
             "registrant in connection with Rule 12g3-2(b): 82-", "N/A"]
    cells = "".join(f"<td>{html.escape(c)}</td>" for c in cover)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    path = tmp_path / "older-6k.htm"
    path.write_text(f"<html><body><table><tr>{cells}</tr></table>{body}<p>EXHIBIT INDEX</p>"
                    "<p>99.1 Press release</p></body></html>", encoding="utf-8")
    document = load_document(str(path))
    assert document.form == "6-K"
    linted = [b.text for b in document.scope_blocks()]
    assert linted[-len(paragraphs):] == paragraphs and len(linted) <= len(paragraphs) + 1
    assert "99.1 Press release" not in linted


def test_the_8k_benchmark_measures_a_6k(corpus: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/evaluate_8k.py over a folder holding the built 6-K (Trio-Tech's real 8-K
    text under a 6-K cover) with the real 8-K's labels: the report is read as a 6-K and its
    tagged nature block is found and located."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import evaluate_8k

    labels = json.loads((corpus / "8k" / "labels.json").read_text(encoding="utf-8"))
    (tmp_path / f"{TRIO_TECH}.htm").write_text(
        six_k(incident_paragraphs(corpus, TRIO_TECH), "March 20, 2026"), encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({TRIO_TECH: labels[TRIO_TECH]}),
                                          encoding="utf-8")
    assert evaluate_8k.main(["--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 reports (1 6-K); incident section located in 1" in out
    assert "located: 1 of 1 tagged blocks (100%)" in out


def test_a_6k_is_not_told_to_file_under_item_801(corpus: Path, tmp_path: Path) -> None:
    """The built 6-K from Trio-Tech's text, which says the incident was at first determined
    not material: a 6-K has no Item 1.05 / 8.01 choice to warn about."""
    path = tmp_path / "report-6k.htm"
    path.write_text(six_k(incident_paragraphs(corpus, TRIO_TECH), "March 20, 2026"),
                    encoding="utf-8")
    rules = {f.rule for f in check([str(path)]).documents[0].findings}
    assert not rules & {"not-material-under-105", "material-under-801", "filing-deadline"}
    same_as_8k = check([str(corpus / "8k" / f"{TRIO_TECH}.html")]).documents[0]
    assert "not-material-under-105" in {f.rule for f in same_as_8k.findings}


def test_a_6k_whose_report_is_the_exhibit_after_its_signatures(corpus: Path,
                                                               tmp_path: Path) -> None:
    """Trio-Tech's real 8-K paragraphs as the press release a 6-K furnishes as Exhibit 99.1
    after its signatures and exhibit index (the change): the report is the exhibit."""
    paragraphs = incident_paragraphs(corpus, TRIO_TECH)
    head = ["FORM 6-K", "Indicate by check mark whether the registrant files or will file "
            "annual reports under cover of Form 20-F or Form 40-F.", "Form 20-F \u2612 Form 40-F "
            "\u2610", "SIGNATURES", "Date: March 20, 2026", "EXHIBIT INDEX",
            "99.1 Press release", "Exhibit 99.1"]
    text = "".join(f"<p>{html.escape(t)}</p>" for t in [*head, *paragraphs])
    path = tmp_path / "exhibit-6k.htm"
    path.write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
    document = load_document(str(path))
    linted = [b.text for b in document.scope_blocks()]
    assert linted[-len(paragraphs):] == paragraphs
    statuses = {r.id: r.status for r in check([str(path)]).documents[0].requirements}
    assert statuses["incident-nature"] == "met" and statuses["incident-timing"] == "met"
