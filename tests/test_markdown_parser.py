"""Markdown parser: block kinds, heading levels, inline markup, comments, exact positions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from linter.api import load_document
from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.outline import sections
from linter.parsers.markdown import parse

DRAFT = """\
---
title: FY2024 draft
---
# Item 1C. *Cybersecurity*

## Risk Management and Strategy

<!-- disclosure-lint: disable=rm-process -- counsel reviewed -->
We engage **third-party assessors** and [consultants](https://example.com) to test
our program, e.g. `pen tests` \\* and AT&amp;T reviews.

1. Annual risk assessments.
2. Tabletop exercises, with a
   follow-up report.

> Quoted policy text.

| Committee | Role |
|-----------|------|
| Audit | Oversees cyber risk |

## Governance

Our Board oversees risk. <!-- disclosure-lint: disable=gov-board-informed -- x --> It meets.
"""


def _parse(text: str) -> Document:
    return parse(Source("draft.md", text.encode("utf-8")))


def assert_positions(document: Document, source: str) -> None:
    lines = source.split("\n")
    for block in document.blocks:
        for offset, char in enumerate(block.text):
            if char == " ":
                continue
            loc = block.locate(offset)
            assert lines[loc.line - 1][loc.column - 1] == char, (block.text, offset, loc)


def test_block_kinds_and_levels() -> None:
    doc = _parse(DRAFT)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Item 1C. Cybersecurity"),
        (BlockKind.HEADING, 2, "Risk Management and Strategy"),
        (BlockKind.PARAGRAPH, 0, "We engage third-party assessors and consultants to test "
                                 "our program, e.g. pen tests * and AT&T reviews."),
        (BlockKind.LIST_ITEM, 0, "Annual risk assessments."),
        (BlockKind.LIST_ITEM, 0, "Tabletop exercises, with a follow-up report."),
        (BlockKind.PARAGRAPH, 0, "Quoted policy text."),
        (BlockKind.TABLE_CELL, 0, "Committee"),
        (BlockKind.TABLE_CELL, 0, "Role"),
        (BlockKind.TABLE_CELL, 0, "Audit"),
        (BlockKind.TABLE_CELL, 0, "Oversees cyber risk"),
        (BlockKind.HEADING, 2, "Governance"),
        (BlockKind.PARAGRAPH, 0, "Our Board oversees risk. It meets."),
    ]
    assert doc.form == "10-K"
    assert "title: FY2024" not in doc.text


def test_positions_are_exact_through_markup_escapes_and_entities() -> None:
    doc = _parse(DRAFT)
    assert_positions(doc, DRAFT)
    heading = doc.blocks[0]
    assert (heading.locate(0).line, heading.locate(0).column) == (4, 3)
    cell = doc.blocks[9]
    assert (cell.locate(0).line, cell.locate(0).column) == (20, 11)


def test_comments_block_and_inline() -> None:
    doc = _parse(DRAFT)
    assert [(c.text, c.line, c.column, c.block) for c in doc.comments] == [
        ("disclosure-lint: disable=rm-process -- counsel reviewed", 8, 1, 2),
        ("disclosure-lint: disable=gov-board-informed -- x", 24, 26, 11),
    ]
    assert "disclosure-lint" not in doc.text


def test_sections() -> None:
    outline = sections(_parse(DRAFT).blocks)
    assert [(s.title, s.level, s.first, s.end) for s in outline] == [
        ("Item 1C. Cybersecurity", 1, 0, 12),
        ("Risk Management and Strategy", 2, 1, 10),
        ("Governance", 2, 10, 12),
    ]


def test_real_filing_text(corpus: Path, tmp_path: Path) -> None:
    record = json.loads((corpus / "item1c-dev" / "0000004962-25-000016.json").read_text())
    paragraphs = [p.strip() for p in record["text"].split("\n\n") if p.strip()]
    half = len(paragraphs) // 2
    source = "\n\n".join(["# Item 1C. Cybersecurity", "## Risk Management and Strategy",
                          *paragraphs[:half], "## Governance", *paragraphs[half:]]) + "\n"
    path = tmp_path / "item1c.md"
    path.write_text(source, encoding="utf-8")
    doc = load_document(str(path))
    assert doc.format == "markdown" and doc.form == "10-K"
    headings = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Item 1C. Cybersecurity", 1), ("Risk Management and Strategy", 2),
                        ("Governance", 2)]
    outline = sections(doc.blocks)
    assert outline[2].first == half + 2 and outline[2].end == len(doc.blocks)
    lines = source.split("\n")
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        loc = doc.locate(sentence.start)
        assert lines[loc.line - 1][loc.column - 1 :].startswith(sentence.text[:20])
    assert_positions(doc, source)


def test_markdown_is_imported_only_for_markdown(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Governance\n\nThe Board oversees cyber risk.\n", encoding="utf-8")
    code = ("import sys; from linter.cli import main; main(['check', sys.argv[1], '--format', "
            "'json']); print(sorted(m for m in ('markdown_it', 'lxml', 'docx', 'jinja2') "
            "if m in sys.modules), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True,
                         check=False)
    assert run.stderr.strip().splitlines()[-1] == "[]"
