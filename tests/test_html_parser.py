"""The HTML parser on pages written here and one built from a real Item 1C text."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from linter.api import load_document
from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.parsers.html import parse

PAGE = """<!DOCTYPE html>
<html>
<head>
<title>ACME 10-K</title>
<style>p { color: red; }</style>
<script>var secret = "not text";</script>
</head>
<body>
<div style="text-align:center"><b>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</b></div>
<div>FORM 10-K</div>
<p>For the fiscal year ended December&nbsp;31, 2024</p>
<h1>Annual Report</h1>
<h2>Item&nbsp;1C.&nbsp;Cybersecurity</h2>
<p>We   assess\u200b cyber&nbsp;risks
   every quarter.<br>Our CISO leads the <b>security</b> team.</p>
<div><span style="font-weight:700">Governance</span></div>
<ul><li>The Audit Committee oversees cyber risk.</li><li>It meets four times a year.</li></ul>
<table><tr><td>Committee</td><td>$</td><td>2,024</td></tr></table>
<div style="display:none">Hidden words.</div>
<p>RISK FACTORS</p>
<p>First paragraph.<br><br>Second paragraph.</p>
</body>
</html>
"""


def _page() -> Document:
    return parse(Source("page.html", PAGE.encode()))


def test_blocks_kinds_and_text() -> None:
    document = _page()
    assert document.format == "html"
    got = [(b.kind, b.level, b.text) for b in document.blocks]
    assert got == [
        (BlockKind.HEADING, 3, "UNITED STATES SECURITIES AND EXCHANGE COMMISSION"),
        (BlockKind.HEADING, 3, "FORM 10-K"),
        (BlockKind.PARAGRAPH, 0, "For the fiscal year ended December 31, 2024"),
        (BlockKind.HEADING, 1, "Annual Report"),
        (BlockKind.HEADING, 2, "Item 1C. Cybersecurity"),
        (BlockKind.PARAGRAPH, 0,
         "We assess cyber risks every quarter. Our CISO leads the security team."),
        (BlockKind.HEADING, 3, "Governance"),
        (BlockKind.LIST_ITEM, 0, "The Audit Committee oversees cyber risk."),
        (BlockKind.LIST_ITEM, 0, "It meets four times a year."),
        (BlockKind.TABLE_CELL, 0, "Committee"),
        (BlockKind.HEADING, 3, "RISK FACTORS"),
        (BlockKind.PARAGRAPH, 0, "First paragraph."),
        (BlockKind.PARAGRAPH, 0, "Second paragraph."),
    ]
    assert "secret" not in document.text and "Hidden" not in document.text
    assert "ACME" not in document.text  # <title> is not body text
    assert document.text == "\n".join(b.text for b in document.blocks)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text


def test_form_and_year_from_the_cover() -> None:
    document = _page()
    assert document.form == "10-K"
    assert document.fiscal_year == "2024"
    assert dict(document.meta)["cover"] == "10-K"


def test_positions_point_into_the_source() -> None:
    document = _page()
    lines = PAGE.split("\n")
    for block in document.blocks:
        location = block.locate(0)
        line = lines[location.line - 1]
        first_word = re.match(r"\w+", block.text)
        assert first_word is not None
        assert line[location.column - 1 :].startswith(first_word.group()), (block.text, line)
    paragraph = next(b for b in document.blocks if b.text.startswith("We assess"))
    # the paragraph's second source line, "every quarter.", keeps its own line
    offset = paragraph.text.index("every")
    assert paragraph.locate(offset).line == paragraph.locate(0).line + 1


def test_a_plain_page_is_its_own_draft_with_subsections() -> None:
    draft = ("<html><body><h1>Cybersecurity</h1><h2>Risk Management and Strategy</h2>"
             "<p>We have a program.</p><h2>Governance</h2><p>The Board oversees it.</p>"
             "</body></html>")
    path = Path("draft.html")
    document = parse(Source(str(path), draft.encode()))
    from linter.scope import locate

    located = locate(document)
    scope = located.scope
    assert scope is not None and scope.found and scope.item == ""
    assert scope.section.first == 0 and scope.section.end == len(located.blocks)
    assert scope.section.title == "Cybersecurity"
    assert [s.title for s in scope.subsections] == ["Risk Management and Strategy", "Governance"]
    assert located.form is None


def test_page_built_from_a_real_item_1c_text(corpus: Path, tmp_path: Path) -> None:
    """An EDGAR-style page around a filer's own Item 1C text: table of contents, heading split
    over a <br>, NBSPs; the located section holds exactly the filer's text."""
    record = json.loads((corpus / "item1c-dev" / "0000004962-25-000016.json").read_text())
    text = " ".join(record["text"].split())
    sentences = re.split(r"(?<=\.) (?=[A-Z])", text)
    third = len(sentences) // 3
    paragraphs = [" ".join(sentences[:third]), " ".join(sentences[third : 2 * third]),
                  " ".join(sentences[2 * third :])]
    body = "".join(f'<p style="text-align:justify">{escape(p).replace(" ", "&#160;", 3)}</p>'
                   for p in paragraphs)
    page = (
        "<html><body><div>FORM 10-K</div>"
        "<table><tr><td><a href='#c'>Item 1C.</a></td><td><a href='#c'>Cybersecurity</a></td>"
        "<td>24</td></tr><tr><td><a href='#p'>Item 2.</a></td><td>Properties</td><td>25</td>"
        "</tr></table><p>Item 1B. Unresolved Staff Comments</p><p>None.</p>"
        "<p id='c' style='font-weight:bold'>ITEM&#160;1C.<br/>CYBERSECURITY</p>"
        f"{body}<p id='p'><b>ITEM 2. PROPERTIES</b></p><p>Our offices are leased.</p>"
        "</body></html>"
    )
    path = tmp_path / "amex.html"
    path.write_text(page, encoding="utf-8")
    document = load_document(str(path))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1C"
    assert document.form == "10-K"
    assert scope.section.title == "ITEM 1C. CYBERSECURITY"
    inside = document.blocks[scope.section.first + 1 : scope.section.end]
    assert " ".join(b.text for b in inside) == text
    assert document.blocks[scope.section.end].text == "ITEM 2. PROPERTIES"


def test_inline_xbrl_facts_any_year_any_prefix() -> None:
    page = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:cy="http://xbrl.sec.gov/cyd/2025" xmlns:dx="http://xbrl.sec.gov/dei/2025"
      xmlns:fake="http://example.com/cyd/2024"
      xmlns:t="http://www.xbrl.org/inlineXBRL/transformation/2022-02-16">
<body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric name="dx:DocumentType" contextRef="c">20-F</ix:nonNumeric>
<ix:nonNumeric name="dx:DocumentFiscalYearFocus" contextRef="c">2025</ix:nonNumeric>
<ix:nonNumeric name="cy:CybersecurityRiskManagementThirdPartyEngagedFlag"
  contextRef="c">TRUE</ix:nonNumeric>
</ix:hidden></ix:header></div>
<p>Item 16K. Cybersecurity</p>
<ix:nonNumeric contextRef="c" escape="true" continuedAt="k1"
  name="cy:CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock">
<p>We assess risks.<ix:exclude> (page 7)</ix:exclude></p>
<p><ix:nonNumeric name="cy:CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"
  contextRef="c" format="t:fixed-false">We do not</ix:nonNumeric> oversee vendors.</p>
</ix:nonNumeric>
<p>Item 17. Financial Statements</p>
<ix:continuation id="k2"><p>Third part.</p></ix:continuation>
<ix:continuation id="k1" continuedAt="k2"><p>Second part.</p></ix:continuation>
<ix:nonNumeric name="fake:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c"
  format="t:fixed-true">not a cyd fact</ix:nonNumeric>
</body></html>"""
    document = parse(Source("f.htm", page.encode()))
    assert document.format == "inline-xbrl"
    assert document.form == "20-F" and document.fiscal_year == "2025"
    facts = {f.name: f for f in document.facts}
    assert set(facts) == {
        "CybersecurityRiskManagementThirdPartyEngagedFlag",
        "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
        "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag",
    }
    assert facts["CybersecurityRiskManagementThirdPartyEngagedFlag"].value == "true"
    oversight = facts["CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"]
    assert oversight.value == "false"
    block = facts[
        "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock"]
    assert block.value == "We assess risks.\nWe do not oversee vendors.\nSecond part.\nThird part."
    assert block.namespace == "http://xbrl.sec.gov/cyd/2025"
    tag_line = next(n for n, line in enumerate(page.split("\n"), 1) if "ThreatsTextBlock" in line)
    assert block.location is not None and block.location.line == tag_line
    assert "(page 7)" in document.text  # excluded from the fact, still visible on the page
    assert "2025" not in document.text  # ix:header is hidden


def test_edgar_wrapper_keeps_line_numbers(corpus: Path) -> None:
    path = corpus / "8k" / "0001193125-25-119311.html"
    lines = path.read_text(encoding="ascii").split("\n")
    document = parse(Source(str(path), path.read_bytes()))
    name = "MaterialCybersecurityIncidentNatureTextBlock"
    nature = next(f for f in document.facts if f.name == name)
    assert nature.location is not None
    line = lines[nature.location.line - 1]
    assert line[nature.location.column - 1 :].startswith("<ix:nonNumeric")
    assert f"cyd:{name}" in line[nature.location.column - 1 :].split(">", 1)[0]
