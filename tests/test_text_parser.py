"""Plain-text parser: headings, lists, paragraphs, comments and exact line/column anchors."""

from __future__ import annotations

import json
from pathlib import Path

from linter.api import load_document
from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.outline import children, sections
from linter.parsers.blocks import is_title_like
from linter.parsers.text import parse

DRAFT = """\
ITEM 1C. CYBERSECURITY

Risk Management and Strategy

We maintain a program to assess, identify and manage
   material risks from cybersecurity threats.

Our program includes:
- annual risk assessments;
• penetration tests by Acme, Inc. and
  other outside firms; and
(a) tabletop exercises.

# disclosure-lint: disable=gov-mgmt-expertise -- expertise is in the proxy
Governance
Our Board of Directors oversees cybersecurity risk. Our CISO reports to the Audit Committee.
<!-- disclosure-lint: disable=rm-process -- reviewed by counsel -->
Our Board receives quarterly reports.
"""


def _parse(text: str, path: str = "draft.txt") -> Document:
    return parse(Source(path, text.encode("utf-8")))


def assert_positions(document: Document, source: str) -> None:
    """Every character of every block maps back to the same character in the source."""
    lines = source.replace("\r\n", "\n").split("\n")
    for block in document.blocks:
        for offset, char in enumerate(block.text):
            if char == " ":
                continue  # the join between two source lines
            loc = block.locate(offset)
            assert lines[loc.line - 1][loc.column - 1] == char, (block.text, offset, loc)


def test_headings_lists_paragraphs() -> None:
    doc = _parse(DRAFT)
    kinds = [(b.kind, b.level, b.text[:30]) for b in doc.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1, "ITEM 1C. CYBERSECURITY"),
        (BlockKind.HEADING, 2, "Risk Management and Strategy"),
        (BlockKind.PARAGRAPH, 0, "We maintain a program to asses"),
        (BlockKind.PARAGRAPH, 0, "Our program includes:"),
        (BlockKind.LIST_ITEM, 0, "annual risk assessments;"),
        (BlockKind.LIST_ITEM, 0, "penetration tests by Acme, Inc"),
        (BlockKind.LIST_ITEM, 0, "tabletop exercises."),
        (BlockKind.HEADING, 2, "Governance"),
        (BlockKind.PARAGRAPH, 0, "Our Board of Directors oversee"),
        (BlockKind.PARAGRAPH, 0, "Our Board receives quarterly r"),
    ]
    assert doc.blocks[5].text == "penetration tests by Acme, Inc. and other outside firms; and"
    assert doc.form == "10-K"
    assert_positions(doc, DRAFT)


def test_anchors_point_at_lines_and_columns() -> None:
    doc = _parse(DRAFT)
    para = doc.blocks[2]
    assert para.locate(0).line == 5 and para.locate(0).column == 1
    second = para.text.index("material")
    assert (para.locate(second).line, para.locate(second).column) == (6, 4)
    bullet = doc.blocks[5]
    assert (bullet.locate(0).line, bullet.locate(0).column) == (10, 3)
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text


def test_comments_are_kept_out_of_the_text_and_point_at_the_next_block() -> None:
    doc = _parse(DRAFT)
    assert "disclosure-lint" not in doc.text
    assert [(c.text, c.line, c.block) for c in doc.comments] == [
        ("disclosure-lint: disable=gov-mgmt-expertise -- expertise is in the proxy", 14, 7),
        ("disclosure-lint: disable=rm-process -- reviewed by counsel", 17, 9),
    ]
    assert doc.blocks[7].text == "Governance"


def test_multi_line_comment_and_crlf() -> None:
    source = ("Governance\r\n<!-- disclosure-lint:\r\n disable=x -- why -->\r\n"
              "The Board oversees risk.\r\n")
    doc = _parse(source)
    assert [b.text for b in doc.blocks] == ["Governance", "The Board oversees risk."]
    assert doc.comments[0].text == "disclosure-lint: disable=x -- why"
    assert (doc.comments[0].line, doc.comments[0].block) == (2, 1)
    assert doc.blocks[1].locate(0).line == 4
    assert_positions(doc, source)


def test_split_item_heading_and_title_rules() -> None:
    doc = _parse("ITEM 16K.\nCYBERSECURITY\n\nWe assess risks.\n")
    assert doc.blocks[0].kind is BlockKind.HEADING
    assert doc.blocks[0].text == "ITEM 16K. CYBERSECURITY"
    assert doc.form == "20-F"
    assert is_title_like("Risk Management and Strategy") and is_title_like("GOVERNANCE")
    assert not is_title_like("We assess risks.") and not is_title_like("our program")
    wrapped = _parse("Our Board of Directors\noversees cyber risk.\n")
    assert [b.kind for b in wrapped.blocks] == [BlockKind.PARAGRAPH]


def test_hash_headings_in_plain_text() -> None:
    source = "# Item 1C. Cybersecurity\n\n## Governance ##\nThe Board oversees risk.\n"
    doc = _parse(source)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Item 1C. Cybersecurity"),
        (BlockKind.HEADING, 2, "Governance"),
        (BlockKind.PARAGRAPH, 0, "The Board oversees risk."),
    ]
    assert_positions(doc, source)


def test_sections_from_heading_levels() -> None:
    doc = _parse(DRAFT)
    outline = sections(doc.blocks)
    assert [(s.title, s.level, s.first, s.end) for s in outline] == [
        ("ITEM 1C. CYBERSECURITY", 1, 0, 10),
        ("Risk Management and Strategy", 2, 1, 7),
        ("Governance", 2, 7, 10),
    ]
    assert [s.title for s in children(outline, outline[0])] == [
        "Risk Management and Strategy", "Governance"]


def test_real_filing_text(corpus: Path, tmp_path: Path) -> None:
    record = json.loads((corpus / "item1c-dev" / "0000004962-25-000016.json").read_text())
    body = record["text"]
    path = tmp_path / "item1c.txt"
    source = "Item 1C. Cybersecurity\n\n" + body + "\n"
    path.write_text(source, encoding="utf-8")
    doc = load_document(str(path))
    assert doc.format == "text"
    assert (doc.blocks[0].kind, doc.blocks[0].text) == (BlockKind.HEADING, "Item 1C. Cybersecurity")
    assert doc.form == "10-K"
    assert " ".join(b.text for b in doc.blocks[1:]).split() == body.split()
    assert len(doc.blocks) - 1 == len([p for p in body.split("\n\n") if p.strip()])
    assert len(doc.sentences) > 5
    assert_positions(doc, source)


def test_seeds_read_as_text(corpus: Path) -> None:
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        doc = load_document(str(seed), input_format="text")
        assert doc.format == "text"
        assert_positions(doc, seed.read_text(encoding="utf-8"))
        assert any("third-party" in s.text for s in doc.sentences)
