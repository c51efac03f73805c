"""Word (.docx): body paragraphs and tables in order, headings, list items and table cells.

Positions: every block anchors each stretch of its text at ``Location(line=index + 1,
column=offset + 1, paragraph=index, offset=offset)``, where ``index`` is the paragraph index
and ``offset`` the offset in the paragraph text, both defined in ``linter.parsers.docx_text``
(index = position among all ``w:p`` under ``w:body`` in document order, table-cell paragraphs
included). ``linter.reporters.docx`` uses the same definitions to put comments back.

Blocks: a paragraph's lines (split at soft line breaks) are stripped and joined with one space,
tabs read as spaces, as the plain-text parser joins the lines of a paragraph; empty paragraphs
are dropped. A table cell (its paragraphs joined) is one TABLE_CELL block; a vertically merged
cell counts once, nested tables follow their cell. Headings: ``Heading 1``-``9`` and ``Title``
styles or styles based on them, an outline level on the paragraph or its style, and short
one-line paragraphs whose text is all bold with no final punctuation (level 1 for an
"Item 1C."-like title, else one below the last styled heading), and plain one-line titles
followed by prose (``linter.parsers.blocks.plain_titles``). List items: a ``List ...``
style or numbering (``w:numPr``). Text boxes, headers, footers and notes are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from linter.errors import InputError
from linter.inputs import Source
from linter.model import BlockKind, Document, Location
from linter.parsers.blocks import BlockBuilder, plain_titles
from linter.parsers.docx_styles import Styles, numbered, on_off, outline_level
from linter.parsers.docx_text import body_paragraphs, iter_runs, paragraph_text, run_text, w
from linter.zipsafe import check_xml_parts, open_package

_P, _TBL, _TR, _TC = w("p"), w("tbl"), w("tr"), w("tc")
_WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml")})  # content controls
_ITEM_TITLE = re.compile(r"^item\s+\d+[a-z]?(?:\.\d+)?\b", re.IGNORECASE)
_MAX_BOLD_HEADING = 120  # characters; longer bold text is emphasis, not a title
_NOT_TITLE_END = tuple(".;:,")


def parse(source: Source) -> Document:
    package = open_package(source.path, source.data)
    check_xml_parts(source.path, package)
    body, styles_element = _open(source)
    builder = _Builder({p: i for i, p in enumerate(body_paragraphs(body))}, Styles(styles_element))
    builder.walk(body)
    return Document(path=source.path, format="docx", text=builder.out.text,
                    blocks=plain_titles(builder.out.blocks))


def _open(source: Source) -> tuple[Any, Any]:
    """The body and styles elements, read by python-docx from the vetted bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(source.data))
        body, styles = document.element.body, document.styles.element
    except (KeyError, ValueError, AttributeError, PackageNotFoundError, etree.XMLSyntaxError,
            zipfile.BadZipFile) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise InputError(source.path, f"not a readable .docx file ({reason})") from None
    if body is None:
        raise InputError(source.path, "not a readable .docx file (no w:body in word/document.xml)")
    return body, styles


def _pieces(text: str) -> list[tuple[int, str]]:
    """The non-empty stripped lines of a paragraph, each with its offset in the paragraph."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.replace("\t", " ").split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((pos + len(line) - len(line.lstrip()), stripped))
        pos += len(line) + 1
    return out


@dataclass
class _Builder:
    index: dict[Any, int]
    styles: Styles
    out: BlockBuilder = field(default_factory=BlockBuilder)
    last_level: int = 0  # level of the last styled heading, for bold-paragraph headings

    def walk(self, container: Any) -> None:
        for child in container:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.walk(child)

    def add(self, kind: BlockKind, paragraphs: list[Any], level: int = 0) -> None:
        pieces: list[tuple[str, Location]] = []
        for p in paragraphs:
            i = self.index[p]
            pieces += [(text, Location(i + 1, at + 1, i, at))
                       for at, text in _pieces(paragraph_text(p))]
        self.out.add(kind, pieces, level)

    def paragraph(self, p: Any) -> None:
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style = style_el.get(w("val")) if style_el is not None else None
        direct = outline_level(ppr)
        level = direct + 1 if direct is not None and direct < 9 else 0
        if direct is None:
            level = self.styles.heading_level(style)
        listed = numbered(ppr)
        if level:
            self.last_level = level
            self.add(BlockKind.HEADING, [p], level)
        elif listed or (listed is None and self.styles.is_list(style)):
            self.add(BlockKind.LIST_ITEM, [p])
        elif self.bold_title(p, style):
            self.add(BlockKind.HEADING, [p], self.bold_level(paragraph_text(p).strip()))
        else:
            self.add(BlockKind.PARAGRAPH, [p])

    def bold_title(self, p: Any, style: str | None) -> bool:
        text = paragraph_text(p).strip()
        if not text or "\n" in text or len(text) > _MAX_BOLD_HEADING:
            return False
        if not any(c.isalpha() for c in text):
            return False
        if text.endswith(_NOT_TITLE_END) and not _ITEM_TITLE.match(text):
            return False
        runs = [r for r in iter_runs(p) if run_text(r).strip()]
        return bool(runs) and all(self.run_bold(r, style) for r in runs)

    def bold_level(self, text: str) -> int:
        if _ITEM_TITLE.match(text):
            return 1
        return min(self.last_level + 1, 9) if self.last_level else 2

    def run_bold(self, run: Any, paragraph_style: str | None) -> bool:
        rpr = run.find(w("rPr"))
        direct = on_off(rpr.find(w("b"))) if rpr is not None else None
        if direct is not None:
            return direct
        char_style = rpr.find(w("rStyle")) if rpr is not None else None
        if char_style is not None and self.styles.bold(char_style.get(w("val")), paragraph=False):
            return True
        return self.styles.bold(paragraph_style)

    def table(self, tbl: Any) -> None:
        for row in _children(tbl, _TR):
            for cell in _children(row, _TC):
                if _merged_continuation(cell):
                    continue
                self.add(BlockKind.TABLE_CELL, list(_children(cell, _P)))
                for nested in _children(cell, _TBL):
                    self.table(nested)


def _children(element: Any, tag: str) -> list[Any]:
    """Direct children with ``tag``, looking through content-control wrappers."""
    out: list[Any] = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_children(child, tag))
    return out


def _merged_continuation(cell: Any) -> bool:
    """A cell continuing a vertical merge shows the content of the cell above it."""
    tcpr = cell.find(w("tcPr"))
    vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
    return vmerge is not None and vmerge.get(w("val"), "continue") != "restart"
