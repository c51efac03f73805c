"""Build .docx drafts from real filing text for the .docx tests, with a plain-text twin."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

SEED_MAIN = ("|Cybersecurity Risk Management Processes for Assessing, Identifying, and Managing "
             "Threats [Text Block]")
_SENTENCE_GAP = re.compile(r"(?<=[a-z]\.) +(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Draft:
    docx: Path
    text: Path  # the same blocks as plain text: blank lines between blocks
    headings: tuple[tuple[str, int], ...]  # (text, level) expected
    list_items: tuple[str, ...]
    cells: tuple[str, ...]  # expected TABLE_CELL texts, in order


def seed_main_block(corpus: Path, seed: str = "000") -> list[str]:
    """The lines of a seed's main text block (a heading line, then paragraphs)."""
    lines = next(corpus.glob(f"seeds/{seed}_*.txt")).read_text(encoding="utf-8").splitlines()
    start = lines.index(SEED_MAIN) + 2  # skip the label and the lone "|" line
    out = []
    for line in lines[start:]:
        if line.startswith("|"):
            break
        if line.strip():
            out.append(line.strip())
    return out


def dev_paragraphs(corpus: Path, index: int, per: int = 3) -> list[str]:
    """One item1c-dev filing's flattened text, split into paragraphs of ``per`` sentences at
    plain sentence gaps (lower-case letter, period, space, capitalised word)."""
    path = sorted(corpus.glob("item1c-dev/*.json"))[index]
    text = json.loads(path.read_text(encoding="utf-8"))["text"]
    sentences = _SENTENCE_GAP.split(text.strip())
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def sentences_of(paragraph: str) -> list[str]:
    return _SENTENCE_GAP.split(paragraph)


def build_real_draft(corpus: Path, folder: Path, name: str = "draft") -> Draft:
    """Item 1C in Word from real filings: styled headings, a bold heading, runs with mixed
    formatting, a soft line break, a list and a table with merged cells."""
    seed = seed_main_block(corpus)
    gov = dev_paragraphs(corpus, 1)
    listed = sentences_of(dev_paragraphs(corpus, 2)[0])[:3]
    cells = sentences_of(dev_paragraphs(corpus, 3)[0])[:3]
    doc = docx.Document()
    blocks: list[str] = []

    def para(text: str, style: str | None = None) -> None:
        doc.add_paragraph(text, style)
        blocks.append(text)

    doc.add_heading("Item 1C. Cybersecurity", 1)
    blocks.append("Item 1C. Cybersecurity")
    bold = doc.add_paragraph()
    bold.add_run(seed[0]).bold = True  # "Risk Management and Strategy", a bold one-liner
    blocks.append(seed[0])
    first, rest = seed[1].split(" ", 1)
    mixed = doc.add_paragraph()  # several runs: offsets must cross run boundaries
    mixed.add_run(first + " ")
    mixed.add_run(rest[:40]).italic = True
    mixed.add_run(rest[40:])
    blocks.append(seed[1])
    for text in seed[2:]:
        para(text)
    doc.add_heading("Governance", 2)
    blocks.append("Governance")
    for text in gov[:-1]:
        para(text)
    one, two = sentences_of(gov[-1])[0], " ".join(sentences_of(gov[-1])[1:]) or "It ends here."
    doc.add_paragraph(one + "\n" + two)  # a soft line break: two lines of one paragraph
    blocks.append(one + "\n" + two)
    for item in listed:
        para(item, "List Bullet")
    table = doc.add_table(rows=4, cols=2)
    table.cell(0, 0).text = cells[0]
    table.cell(0, 1).text = cells[1]
    table.cell(0, 1).add_paragraph(cells[2])  # a cell holding two paragraphs
    tall = table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: one cell, read once
    tall.text = "Chief Information Security Officer"
    table.cell(1, 1).text = "Board of Directors"
    table.cell(2, 1).text = "Management"
    wide = table.cell(3, 0).merge(table.cell(3, 1))  # horizontal merge
    wide.text = "Audit Committee"
    table_cells = [cells[0], cells[1] + "\n" + cells[2], "Chief Information Security Officer",
                   "Board of Directors", "Management", "Audit Committee"]
    blocks += table_cells
    docx_path, text_path = folder / f"{name}.docx", folder / f"{name}.txt"
    doc.save(str(docx_path))
    text_path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return Draft(
        docx=docx_path,
        text=text_path,
        headings=(("Item 1C. Cybersecurity", 1), (seed[0], 2), ("Governance", 2)),
        list_items=tuple(listed),
        cells=tuple(c.replace("\n", " ") for c in table_cells),
    )


def build_seed_draft(corpus: Path, folder: Path, seed: str = "001") -> Path:
    """A seed's main text block as a Word draft under an "Item 16K" Heading 1 (the seeds are
    20-F filings); its first line, a subsection title, stays a bold one-liner."""
    lines = seed_main_block(corpus, seed)
    doc = docx.Document()
    doc.add_heading("Item 16K. Cybersecurity", 1)
    doc.add_paragraph().add_run(lines[0]).bold = True
    for text in lines[1:]:
        doc.add_paragraph(text)
    path = folder / f"seed{seed}.docx"
    doc.save(str(path))
    return path


def docx_with_body(path: Path, body_xml: str) -> Path:
    """A .docx (python-docx's default template) whose body is ``body_xml`` (w: elements)."""
    doc = docx.Document()
    body = doc.element.body
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>")
    sect = body[-1]
    for child in body[:-1]:
        body.remove(child)
    for child in list(fragment):
        sect.addprevious(child)
    doc.save(str(path))
    return path


def build_section(path: Path, heading: str, paragraphs: list[str]) -> Path:
    """A Word draft of one section: ``heading`` as Heading 1, then plain paragraphs."""
    doc = docx.Document()
    doc.add_heading(heading, 1)
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path
