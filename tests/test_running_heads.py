"""The whole section and only it: running page heads that repeat the item (or its part) at
the top of each page continue the section; the next different item ends it; headings are
never evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.packs import load_pack
from linter.parsers import parse
from linter.scope import locate

# Page heads as EDGAR agents print them after a page break (the filings of the corpus carry
# only the "Table of Contents" link there; these are inserted in memory at their page breaks).
HEADS = {
    "part-over-item": '<div><span style="font-weight:700">PART I</span></div>'
                      '<div><span style="font-weight:700">ITEM 1C. CYBERSECURITY</span></div>',
    "part-and-item": '<div><span style="font-weight:700">PART I ITEM 1C. CYBERSECURITY</span>'
                     "</div>",
    "continued": '<div><span style="font-weight:700">Item 1C. Cybersecurity (continued)</span>'
                 "</div>",
    "company-and-item": "<table><tr><td><span>The Company</span></td><td><span>2024 Form 10-K"
                        '</span></td><td><span style="font-weight:700">Part I, Item 1C</span>'
                        "</td></tr></table>",
}
# Filings whose Item 1C crosses a page break before its Governance subsection ends
FILINGS = ("ba-10-k-2025-02-03.html", "ibm-10-k-2025-02-25.html", "unp-10-k-2025-02-07.html")
_BREAK = 'page-break-after:always"/>'
_ITEM_2 = re.compile(r">\s*Item(?:&#160;|\s)*2\.", re.IGNORECASE)


def _with_heads(raw: str, head: str) -> tuple[str, int]:
    """The filing with ``head`` after every page break inside its Item 1C (from its first cyd
    text block to the Item 2 heading), and how many breaks that was."""
    start = raw.index("TextBlock", raw.index('name="cyd:'))
    end = _ITEM_2.search(raw, start)
    assert end is not None
    middle = raw[start : end.start()]
    return raw[:start] + middle.replace(_BREAK, _BREAK + head) + raw[end.start():], \
        middle.count(_BREAK)


def _prose(document: Document, first: int, end: int) -> list[str]:
    return [s.text for s in document.sentences
            if first <= s.block < end and document.blocks[s.block].kind is not BlockKind.HEADING]


def _governance(document: Document) -> list[str]:
    scope = document.scope
    assert scope is not None
    subs = [s for s in scope.subsections if s.title == "Governance"]
    assert len(subs) == 1
    return _prose(document, subs[0].first, subs[0].end)


@pytest.mark.parametrize("name", FILINGS)
@pytest.mark.parametrize("head", sorted(HEADS))
def test_page_heads_do_not_cut_the_section(corpus: Path, name: str, head: str) -> None:
    raw = (corpus / "filings" / name).read_text(encoding="ascii")
    original = load_document(str(corpus / "filings" / name))
    edited, breaks = _with_heads(raw, HEADS[head])
    assert breaks >= 1
    document = locate(parse(Source(name, edited.encode("ascii")), None))
    scope, before = document.scope, original.scope
    assert scope is not None and before is not None and scope.found
    # the governance half and every sentence of it are inside the section, as without heads
    governance = _governance(document)
    assert governance == _governance(original) and len(governance) >= 5
    assert _prose(document, scope.section.first, scope.section.end) == _prose(
        original, before.section.first, before.section.end)
    assert re.match(r"Item\s+2\.", document.blocks[scope.section.end].text)
    result = lint(document, [load_pack("item1c")])
    expected = lint(original, [load_pack("item1c")])
    assert [(r.id, r.status, r.answer) for r in result.requirements] == [
        (r.id, r.status, r.answer) for r in expected.requirements]


def _draft(folder: Path, fmt: str, blocks: list[tuple[str, str]]) -> Path:
    """``blocks`` as (kind, text): "h" a heading, "p" a paragraph."""
    if fmt == "docx":
        import docx

        doc = docx.Document()
        for kind, text in blocks:
            if kind == "h":
                doc.add_heading(text, 1 if text.upper().startswith(("ITEM", "PART")) else 2)
            else:
                doc.add_paragraph(text)
        path = folder / "draft.docx"
        doc.save(str(path))
        return path
    if fmt == "markdown":
        text = "\n\n".join(f"## {t}" if k == "h" else t for k, t in blocks)
        path = folder / "draft.md"
    else:
        text = "\n\n".join(t for _, t in blocks)
        path = folder / "draft.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "docx"])
def test_a_section_with_page_heads_in_a_draft(corpus: Path, tmp_path: Path, fmt: str) -> None:
    # The real Item 1C of a 10-K, as text pasted from a printed page: the page heads between
    # its paragraphs, then Item 2.
    original = load_document(str(corpus / "filings" / "unp-10-k-2025-02-07.html"))
    assert original.scope is not None
    section = original.blocks[original.scope.section.first : original.scope.section.end]
    blocks = [("h" if b.kind is BlockKind.HEADING else "p", b.text) for b in section]
    middle = len(blocks) // 2
    heads = [("h", "PART I"), ("h", "ITEM 1C. CYBERSECURITY (continued)")]
    paged = [*blocks[:middle], *heads, *blocks[middle:], ("h", "Item 2. Properties"),
             ("p", "We own our headquarters building.")]
    document = load_document(str(_draft(tmp_path, fmt, paged)))
    scope = document.scope
    assert scope is not None and scope.item == "1C"
    texts = [b.text for b in document.blocks[scope.section.first : scope.section.end]]
    assert texts[-1] == blocks[-1][1] and "We own our headquarters building." not in texts
    assert [t for _, t in blocks if t in texts] == [t for _, t in blocks]


def test_the_next_item_or_another_part_still_ends_it(tmp_path: Path) -> None:
    body = ("We maintain a cybersecurity program that assesses, identifies and manages material "
            "risks from cybersecurity threats, integrated into our enterprise risk management.")
    for end in ("PART II", "Item 2. Properties"):
        path = tmp_path / "draft.md"
        path.write_text(f"## Item 1C. Cybersecurity\n\n{body}\n\n## PART I\n\n{body}\n\n## {end}"
                        "\n\nAfter.\n", encoding="utf-8")
        document = load_document(str(path))
        scope = document.scope
        assert scope is not None
        texts = [b.text for b in document.blocks[scope.section.first : scope.section.end]]
        assert texts == ["Item 1C. Cybersecurity", body, "PART I", body]
    path = tmp_path / "draft20f.md"
    path.write_text(f"## Item 16K. Cybersecurity\n\n{body}\n\n## PART II\n\n{body}\n\n"
                    "## PART III\n\n## Item 17. Financial Statements\n\nAfter.\n", encoding="utf-8")
    document = load_document(str(path))
    assert document.scope is not None and document.scope.item == "16K"
    assert document.blocks[document.scope.section.end].text == "PART III"


HEADINGS = ["Cybersecurity program", "Third-party risk management",
            "Board oversight of cybersecurity risk", "Governance", "Management's Role"]


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "plain"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx"])
def test_headings_are_never_evidence(tmp_path: Path, fmt: str, marked: bool) -> None:
    # Each heading names a requirement's topic; the prose under it says nothing of it. The
    # headings are marked as such (Markdown #, bold HTML, Word heading styles) or written as
    # plain lines, the item's heading included.
    prose = "We take the protection of our information seriously."
    blocks = [("h", "Item 1C. Cybersecurity")]
    for heading in HEADINGS:
        blocks += [("h", heading), ("p", prose)]
    if not marked:
        blocks = [("p", t) for _, t in blocks]
    if fmt == "html":
        import html

        parts = "".join(f"<p><b>{html.escape(t)}</b></p>" if k == "h" else f"<p>{t}</p>"
                        for k, t in blocks)
        path = tmp_path / "draft.html"
        path.write_text(f"<html><body>{parts}</body></html>", encoding="utf-8")
    else:
        path = _draft(tmp_path, fmt, blocks)
    document = load_document(str(path))
    result = lint(document, [load_pack("item1c")])
    cited = {e.text for r in result.requirements for e in r.evidence}
    assert not cited & {*HEADINGS, "Item 1C. Cybersecurity"}
    board = next(r for r in result.requirements if r.id == "gov-board-oversight")
    assert board.status.value == "missing"


@pytest.mark.parametrize("name", ["amzn-10-k-2025-02-07.html", *FILINGS])
def test_full_filing_headings_are_never_evidence(corpus: Path, name: str) -> None:
    document = load_document(str(corpus / "filings" / name))
    headings = {b.text for b in document.scope_blocks() if b.kind is BlockKind.HEADING}
    assert len(headings) >= 2
    result = lint(document, [load_pack("item1c")])
    cited = [e.text for r in result.requirements for e in r.evidence]
    assert cited and not set(cited) & headings


def test_a_sentence_cut_by_a_page_break_is_whole(corpus: Path) -> None:
    # In this 10-K a Governance sentence runs from one page to the next, across the page
    # number and the "Table of Contents" link; another ends an Inline XBRL fact mid-sentence.
    document = load_document(str(corpus / "filings" / "ba-10-k-2025-02-03.html"))
    sentences = [s.text for s in document.scope_sentences()]
    assert any(s.startswith("In the event of a potentially material cybersecurity event, the "
                            "Chair of the Audit Committee is notified") for s in sentences)
    assert any(s.startswith("Both committees brief the full Board on cybersecurity matters "
                            "discussed during committee meetings, and the CIDO provides")
               for s in sentences)
    assert not any(s[0].islower() or s[0] in ",." for s in sentences)


def test_short_lines_of_a_list_stay_prose(tmp_path: Path) -> None:
    # Sentence-case short lines head prose; a run of them is a list, the draft's own words.
    steps = ["Identification of assets", "Assessment of threats", "Testing of controls"]
    blocks = [("h", "Item 1C. Cybersecurity"), ("p", "Cybersecurity program"),
              ("p", "Our process has three steps:"), *[("p", s) for s in steps],
              ("p", "Governance"), ("p", "Our board of directors oversees cybersecurity risk.")]
    path = _draft(tmp_path, "text", blocks)
    document = load_document(str(path))
    kinds = {b.text: b.kind for b in document.blocks}
    assert kinds["Cybersecurity program"] is BlockKind.HEADING
    assert kinds["Governance"] is BlockKind.HEADING
    assert all(kinds[s] is BlockKind.PARAGRAPH for s in steps)


def test_page_top_of_an_html_page(tmp_path: Path) -> None:
    # A page break inside the item: its running head goes, the cut sentence is joined, a
    # sentence at the top of a page that names the item stays, and so does the next item.
    page_break = '<hr style="page-break-after:always"/>'
    path = tmp_path / "draft.html"
    lines = ["<html><body><h2>Item 1C. Cybersecurity</h2>",
             "<p>Our security team monitors our systems and, in the event of an incident,</p>",
             f"{page_break}<p>PART I</p><p><b>ITEM 1C. CYBERSECURITY (continued)</b></p>",
             "<p>the Chief Information Security Officer informs the Audit Committee.</p>",
             f"{page_break}<p>This Item 1C should be read with Item 1A.</p>",
             f"{page_break}<h2>Item 2. Properties</h2><p>We lease offices.</p></body></html>"]
    path.write_text("\n".join(lines), encoding="utf-8")
    document = load_document(str(path))
    assert [b.text for b in document.blocks] == [
        "Item 1C. Cybersecurity",
        "Our security team monitors our systems and, in the event of an incident, the Chief "
        "Information Security Officer informs the Audit Committee.",
        "This Item 1C should be read with Item 1A.", "Item 2. Properties", "We lease offices."]
    joined = document.blocks[1]
    at = joined.text.index("the Chief")
    assert (joined.locate(0).line, joined.locate(at).line) == (2, 4)
    assert joined.locate(at).column == lines[3].index("the Chief") + 1
    assert document.scope is not None and document.scope.section.end == 3
