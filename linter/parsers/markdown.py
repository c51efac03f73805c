"""Markdown via markdown-it-py: headings, paragraphs, lists, table cells, quotes; positions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.inputs import Source, decode
from linter.model import Anchor, BlockKind, Comment, Document, Location
from linter.parsers.blocks import LINE_BREAK, BlockBuilder, form_of, plain_titles

if TYPE_CHECKING:
    from markdown_it.token import Token

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ALIGN_WINDOW = 12  # how far an entity or escape may stretch a character in the source


def parse(source: Source) -> Document:
    from markdown_it import MarkdownIt  # lazy: only Markdown inputs pay for the parser

    decoded = decode(source)
    text = _blank_front_matter(decoded.text)
    lines = LINE_BREAK.split(text)
    reader = _Reader(lines)
    reader.read(MarkdownIt("commonmark").enable("table").parse("\n".join(lines)))
    blocks = plain_titles(reader.builder.blocks)
    return Document(path=source.path, format="markdown", text=reader.builder.text, blocks=blocks,
                    form=form_of(blocks), meta=(("encoding", decoded.encoding),),
                    comments=tuple(reader.comments))


def _blank_front_matter(text: str) -> str:
    """YAML front matter is not draft text; blank it, keeping line numbers."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return text
    return "\n" * found.group(0).count("\n") + text[found.end() :]


class _Reader:
    """Walks the token stream, tracking containers, and builds blocks with exact anchors."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.builder = BlockBuilder()
        self.comments: list[Comment] = []
        self.cursor: dict[int, int] = {}  # line index -> first column not yet consumed

    def read(self, tokens: list[Token]) -> None:
        containers: list[str] = []
        kind, level = BlockKind.PARAGRAPH, 0
        for token in tokens:
            if token.type in ("list_item_open", "blockquote_open", "th_open", "td_open"):
                containers.append(token.type)
            elif token.type in ("list_item_close", "blockquote_close", "th_close", "td_close"):
                containers.pop()
            elif token.type == "heading_open":
                kind, level = BlockKind.HEADING, int(token.tag[1:])
            elif token.type == "paragraph_open":
                kind, level = _container_kind(containers), 0
            elif token.type == "inline" and token.map:
                if containers and containers[-1] in ("th_open", "td_open"):
                    kind = BlockKind.TABLE_CELL
                self._inline(token, kind, level)
                kind, level = BlockKind.PARAGRAPH, 0
            elif token.type == "html_block" and token.map:
                self._comments_in(token.content, token.map[0])

    def _inline(self, token: Token, kind: BlockKind, level: int) -> None:
        assert token.map is not None
        line = token.map[0]
        out: list[str] = []
        anchors: list[Anchor] = []
        size = 0
        for child in token.children or ():
            if child.type in ("text", "code_inline") and child.content:
                content = child.content
                # one space where a removed comment or tag leaves two
                skip = len(content) - len(content.lstrip(" ")) if out and out[-1][-1:] == " " else 0
                for offset, column in self._align(content, line):
                    kept = _shifted(Anchor(offset, Location(line + 1, column + 1)), skip)
                    if kept.offset < len(content) - skip:
                        anchors.append(Anchor(size + kept.offset, kept.location))
                out.append(content[skip:])
                size += len(content) - skip
            elif child.type in ("softbreak", "hardbreak"):
                line += 1
                if out and not out[-1].endswith(" "):
                    out.append(" ")
                    size += 1
            elif child.type == "html_inline":
                self._comments_in(child.content, line, self._align(child.content, line)[0][1])
        self._add(kind, "".join(out), anchors, level)

    def _add(self, kind: BlockKind, text: str, anchors: list[Anchor], level: int) -> None:
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        kept = [_shifted(a, lead) for a in anchors if a.offset - lead < len(body)]
        self.builder.add_exact(kind, body, _dedupe(kept), level)

    def _align(self, fragment: str, line: int) -> list[tuple[int, int]]:
        """(offset in fragment, 0-based column) anchors placing ``fragment`` in source ``line``."""
        source = self.lines[line] if line < len(self.lines) else ""
        col = self.cursor.get(line, 0)
        found = source.find(fragment, col)
        if found >= 0:
            self.cursor[line] = found + len(fragment)
            return [(0, found)]
        # An escape or entity changed the text ("\*", "&amp;"): align character by character.
        anchors: list[tuple[int, int]] = []
        expected = -1
        for k, ch in enumerate(fragment):
            j = source.find(ch, col, col + _ALIGN_WINDOW)
            j = col if j < 0 else j
            if j != expected:
                anchors.append((k, j))
            expected = col = j + 1
        self.cursor[line] = col
        return anchors

    def _comments_in(self, html: str, line: int, column: int = 0) -> None:
        for found in _COMMENT.finditer(html):
            before = html[: found.start()]
            at_line = line + before.count("\n")
            col = (column if "\n" not in before else 0) + len(before.rpartition("\n")[2])
            body = " ".join(found.group(1).split())
            self.comments.append(Comment(body, at_line + 1, col + 1, len(self.builder.blocks)))


def _container_kind(containers: list[str]) -> BlockKind:
    return BlockKind.LIST_ITEM if "list_item_open" in containers else BlockKind.PARAGRAPH


def _shifted(anchor: Anchor, lead: int) -> Anchor:
    """``anchor`` in the text with its first ``lead`` characters (whitespace) stripped."""
    if anchor.offset >= lead:
        return Anchor(anchor.offset - lead, anchor.location)
    loc = anchor.location
    return Anchor(0, Location(loc.line, loc.column + lead - anchor.offset))


def _dedupe(anchors: list[Anchor]) -> list[Anchor]:
    out: list[Anchor] = []
    for anchor in anchors:
        if out and out[-1].offset == anchor.offset:
            out[-1] = anchor
        else:
            out.append(anchor)
    return out
