"""The section locator over plain blocks, as any parser (text, Markdown, .docx, HTML) makes them."""

from __future__ import annotations

import pytest

from linter.model import Anchor, Block, BlockKind, Document, Location
from linter.scope import locate

H, P, C = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE_CELL
BODY = ("We maintain a cybersecurity program that assesses, identifies and manages material risks "
        "from cybersecurity threats, and it is integrated into our enterprise risk management.")


def _doc(*items: tuple[BlockKind, str] | str, format: str = "markdown",
         form: str | None = None, meta: tuple[tuple[str, str], ...] = ()) -> Document:
    blocks, offset = [], 0
    for n, item in enumerate(items):
        kind, text = (P, item) if isinstance(item, str) else item
        level = 2 if kind == H else 0
        blocks.append(Block(kind, text, offset, (Anchor(0, Location(n + 1, 1)),), level))
        offset += len(text) + 1
    return Document(path="x", format=format, text="\n".join(b.text for b in blocks),
                    blocks=tuple(blocks), form=form, meta=meta)


def _section_texts(document: Document) -> list[str]:
    assert document.scope is not None
    s = document.scope.section
    return [b.text for b in document.blocks[s.first : s.end]]


TOC = ((C, "Item 1A."), (C, "Risk Factors"), (C, "Item 1B."), (C, "Unresolved Staff Comments"),
       (C, "Item 1C."), (C, "Cybersecurity"), (C, "Item 2."), (C, "Properties"))


def test_the_real_item_not_the_table_of_contents() -> None:
    document = locate(_doc(*TOC, (H, "Item 1B. Unresolved Staff Comments"), "None.",
                           (H, "Item 1C. Cybersecurity"), BODY, "The Audit Committee oversees it.",
                           (H, "Item 2. Properties"), "We lease offices."))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1C"
    assert scope.section.title == "Item 1C. Cybersecurity"
    assert scope.section.heading == scope.section.first == 10
    assert _section_texts(document)[1:] == [BODY, "The Audit Committee oversees it."]
    assert document.form == "10-K"


@pytest.mark.parametrize("heading", [
    ("Item 1C. Cybersecurity",), ("ITEM 1C — CYBERSECURITY",), ("Item 1C: Cybersecurity",),
    ("Item\u00a01C.\u00a0Cybersecurity",), ("item 1c.cybersecurity",),
    ("ITEM 1C.", "CYBERSECURITY"),
    ("Item 1C", "Cybersecurity."), ("**Item 1C. Cybersecurity**",),
])
def test_heading_variants(heading: tuple[str, ...]) -> None:
    document = locate(_doc(*TOC, *[(H, h) for h in heading], BODY, (H, "ITEM 2. PROPERTIES"), "x"))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1C"
    assert scope.section.first == len(TOC)
    assert _section_texts(document)[-1] == BODY
    assert "1C" in scope.section.title.upper() and "CYBERSECURITY" in scope.section.title.upper()


def test_headings_in_table_cells_and_paragraphs() -> None:
    document = locate(_doc(*TOC, (C, "Item 1C."), (C, "Cybersecurity"), BODY, "Item 2.", "x",
                           format="html"))
    assert _section_texts(document) == ["Item 1C.", "Cybersecurity", BODY]


def test_a_sentence_naming_the_item_is_not_its_heading() -> None:
    document = locate(_doc("Item 1C of this report describes our program in detail below, as "
                           "required by the SEC.", (H, "Item 1C. Cybersecurity"), BODY,
                           (H, "Item 2. Properties")))
    assert document.scope is not None and document.scope.section.first == 1


def test_20f_item_16k_ends_at_item_17_or_part_iii() -> None:
    for end in ("Item 17. Financial Statements", "PART III"):
        document = locate(_doc((H, "Item 16J. Insider Trading Policies"), "We have one.",
                               (H, "Item 16K. Cybersecurity"), BODY, (H, end), "More."))
        scope = document.scope
        assert scope is not None and scope.item == "16K"
        assert _section_texts(document) == ["Item 16K. Cybersecurity", BODY]
        assert document.form == "20-F"


@pytest.mark.parametrize("end", ["Item 7.01 Regulation FD Disclosure.", "Item 8.01 Other Events",
                                 "Item 9.01 Financial Statements and Exhibits.", "SIGNATURE",
                                 "Item 2.02 Results of Operations"])
def test_8k_item_105_ends_at_the_next_item_or_signature(end: str) -> None:
    document = locate(_doc((H, "Item 1.05 Material Cybersecurity Incidents."), BODY,
                           (H, "Forward-Looking Statements"), "We may be wrong.", (H, end), "x"))
    scope = document.scope
    assert scope is not None and scope.item == "1.05" and document.form == "8-K"
    assert _section_texts(document)[-1] == "We may be wrong."


def test_a_known_form_is_kept() -> None:
    document = locate(_doc((H, "Item 1C. Cybersecurity"), BODY, form="10-K/A"))
    assert document.form == "10-K/A"


def test_a_draft_without_an_item_heading_is_the_section() -> None:
    document = locate(_doc((H, "Cybersecurity"), (H, "Cybersecurity Risk Management and Strategy"),
                           BODY, (H, "Governance"), "The Board oversees cyber risk."))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == ""
    assert scope.section.heading is None
    assert (scope.section.first, scope.section.end) == (0, 5)
    assert scope.section.title == "Cybersecurity"
    assert [(s.title, s.first, s.end) for s in scope.subsections] == [
        ("Cybersecurity Risk Management and Strategy", 1, 3), ("Governance", 3, 5)]
    assert document.form is None


def test_subsection_variants_and_run_in_headings() -> None:
    document = locate(_doc((H, "Item 1C. Cybersecurity"), (H, "Risk Management & Strategy"), BODY,
                           "Governance. The Audit Committee oversees cybersecurity risk.",
                           "Governance of the program is shared across teams, and this is prose.",
                           (H, "Item 2. Properties")))
    scope = document.scope
    assert scope is not None
    assert [(s.title, s.first, s.end) for s in scope.subsections] == [
        ("Risk Management & Strategy", 1, 3), ("Governance", 3, 5)]


def test_a_full_filing_without_the_item_is_not_found() -> None:
    document = locate(_doc((H, "Item 1A. Risk Factors"), BODY, (H, "Item 2. Properties"),
                           format="inline-xbrl", form="10-K"))
    scope = document.scope
    assert scope is not None and not scope.found and scope.item == "1C"
    assert scope.section.first == scope.section.end == 0
    cover = locate(_doc("FORM 10-K", BODY, format="html", meta=(("cover", "10-K"),)))
    assert cover.scope is not None and not cover.scope.found


def test_an_empty_document() -> None:
    document = locate(_doc())
    assert document.scope is not None and document.scope.section.end == 0


def test_a_run_in_item_heading_heads_the_item() -> None:
    # "Item 1C. Cybersecurity: See …" in one paragraph (how filings answer an item by a
    # cross-reference); a run-in "Item 2. Properties: …" paragraph ends it
    pointer = "Item 1C. Cybersecurity: See “Cybersecurity” in Item 7 of this report."
    run_in_2 = ("Item 2. Properties: We lease our headquarters and several offices in the United "
                "States and abroad, and we believe they are adequate for our needs.")
    document = locate(_doc(*TOC, pointer, run_in_2, format="html", meta=(("cover", "10-K"),)))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1C"
    assert scope.section.title == "Item 1C. Cybersecurity"
    assert _section_texts(document) == [pointer]


def test_a_contents_line_is_not_a_run_in_heading() -> None:
    document = locate(_doc((H, "Item 1C. Cybersecurity. 17"), (H, "Item 2. Properties. 18"),
                           (H, "Item 1C. Cybersecurity"), BODY, (H, "Item 2. Properties"), "x"))
    assert document.scope is not None and document.scope.section.first == 2
