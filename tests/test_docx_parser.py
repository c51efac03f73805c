"""The .docx parser: real filing text in Word parses like its plain-text twin and maps back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx_build import build_real_draft, docx_with_body

from linter.cli import main
from linter.inputs import Source, read_source
from linter.model import BlockKind, Document
from linter.parsers import parse
from linter.parsers import text as text_parser
from linter.parsers.docx import parse as parse_docx


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _load(path: Path) -> Document:
    return parse(read_source(str(path)))


def _python_docx_paragraphs(path: Path) -> list[Paragraph]:
    """Every body paragraph in document order, read by python-docx itself (the index space
    the parser documents: all w:p under w:body, table cells included)."""
    document = docx.Document(str(path))
    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


@pytest.fixture(scope="module")
def draft(corpus: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_real_draft(corpus, tmp_path_factory.mktemp("docx"))


def test_same_sentences_as_plain_text(draft) -> None:  # type: ignore[no-untyped-def]
    from_docx = _load(draft.docx)
    from_text = text_parser.parse(read_source(str(draft.text)))
    assert from_docx.format == "docx"
    got = [s.text for s in from_docx.sentences]
    assert len(got) > 40
    assert got == [s.text for s in from_text.sentences]


def test_headings_lists_and_cells(draft) -> None:  # type: ignore[no-untyped-def]
    document = _load(draft.docx)
    headings = tuple((b.text, b.level) for b in document.blocks if b.kind == BlockKind.HEADING)
    assert headings == draft.headings
    def texts(kind: BlockKind) -> tuple[str, ...]:
        return tuple(b.text for b in document.blocks if b.kind == kind)

    assert texts(BlockKind.LIST_ITEM) == draft.list_items
    assert texts(BlockKind.TABLE_CELL) == draft.cells


def test_every_sentence_maps_back_to_its_paragraph(draft) -> None:  # type: ignore[no-untyped-def]
    document = _load(draft.docx)
    paragraphs = _python_docx_paragraphs(draft.docx)
    for sentence in document.sentences:
        start = document.locate(sentence.start)
        assert start.paragraph is not None and start.offset is not None
        assert (start.line, start.column) == (start.paragraph + 1, start.offset + 1)
        source = paragraphs[start.paragraph].text
        assert _norm(source[start.offset :]).startswith(_norm(sentence.text)), sentence.text
        last = document.locate(sentence.end - 1)
        assert last.paragraph is not None and last.offset is not None
        assert paragraphs[last.paragraph].text[last.offset] == sentence.text[-1]


def test_table_cell_paragraphs_are_addressed(draft) -> None:  # type: ignore[no-untyped-def]
    document = _load(draft.docx)
    paragraphs = _python_docx_paragraphs(draft.docx)
    two = next(b for b in document.blocks if b.kind == BlockKind.TABLE_CELL and len(b.anchors) == 2)
    first, second = (a.location.paragraph for a in two.anchors)
    assert first is not None and second == first + 1
    assert _norm(paragraphs[first].text + " " + paragraphs[second].text) == two.text


def _body(tmp_path: Path, xml: str) -> Document:
    path = docx_with_body(tmp_path / "x.docx", xml)
    return parse_docx(Source(str(path), path.read_bytes()))


def _p(text: str, ppr: str = "", rpr: str = "") -> str:
    run = f"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def test_outline_level_numbering_and_bold_rules(tmp_path: Path) -> None:
    doc = _body(tmp_path, "".join([
        _p("Cybersecurity", "<w:outlineLvl w:val='0'/>"),
        _p("Risk Management", "<w:pStyle w:val='Heading3'/>"),
        _p("Numbered step one.", "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"),
        _p("Bold sentence that ends with a period.", rpr="<w:b/>"),
        _p("Governance", rpr="<w:b/>"),
        _p("Not bold after all", rpr="<w:b w:val='0'/>"),
    ]))
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1, "Cybersecurity"),
        (BlockKind.HEADING, 3, "Risk Management"),
        (BlockKind.LIST_ITEM, 0, "Numbered step one."),
        (BlockKind.PARAGRAPH, 0, "Bold sentence that ends with a period."),
        (BlockKind.HEADING, 4, "Governance"),
        (BlockKind.PARAGRAPH, 0, "Not bold after all"),
    ]


def test_tracked_changes_content_controls_and_hyperlinks(tmp_path: Path) -> None:
    doc = _body(tmp_path, (
        "<w:p><w:r><w:t xml:space='preserve'>The Board </w:t></w:r>"
        "<w:del w:id='1' w:author='a'><w:r><w:delText>never </w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='a'><w:r><w:t xml:space='preserve'>regularly </w:t></w:r></w:ins>"
        "<w:hyperlink w:anchor='x'><w:r><w:t>oversees</w:t></w:r></w:hyperlink>"
        "<w:r><w:tab/><w:t>risk.</w:t></w:r></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent>" + _p("Inside a content control.")
        + "</w:sdtContent></w:sdt>"
    ))
    assert [b.text for b in doc.blocks] == ["The Board regularly oversees risk.",
                                            "Inside a content control."]
    assert doc.blocks[1].anchors[0].location.paragraph == 1


def test_style_based_on_heading_and_list_style(tmp_path: Path) -> None:
    path = tmp_path / "styled.docx"
    document = docx.Document()
    from docx.enum.style import WD_STYLE_TYPE

    custom = document.styles.add_style("Disclosure Title", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Item 1C. Cybersecurity", style="Title")
    document.add_paragraph("Governance", style="Disclosure Title")
    document.add_paragraph("A numbered point.", style="List Number")
    document.save(str(path))
    doc = parse_docx(Source(str(path), path.read_bytes()))
    assert [(b.kind, b.level) for b in doc.blocks] == [
        (BlockKind.HEADING, 1), (BlockKind.HEADING, 2), (BlockKind.LIST_ITEM, 0)]


def test_cli_reads_docx_as_json(draft, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    code = main(["check", str(draft.docx), "--format", "json", "--fail-on", "never"])
    out = capsys.readouterr()
    assert code == 0, out.err
    report = json.loads(out.out)
    assert report["errors"] == []
    [doc] = report["documents"]
    assert doc["format"] == "docx" and doc["path"] == str(draft.docx)
