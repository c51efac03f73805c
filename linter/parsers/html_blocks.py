"""Turn an HTML tree into blocks in one pass over its text nodes, in document order."""

from __future__ import annotations

import re
from typing import Any

from linter.model import Anchor, Block, BlockKind, Location
from linter.parsers.html_text import (
    BLOCK_TAGS,
    CELL_TAGS,
    HEADING_TAGS,
    HIDDEN_TAGS,
    LIST_TAGS,
    collapse,
    local_name,
)
from linter.parsers.html_tree import Tree

# EDGAR headings are rarely <h1> to <h6>: they are short bold, underlined or italic runs
# (Workiva: font-weight:700 spans), or text in capitals.
_EMPHASIS_TAGS = frozenset({"b", "strong", "u", "i", "em"})
_EMPHASIS_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)|underline|italic", re.IGNORECASE)
_DISPLAY = re.compile(r"display\s*:\s*(none|inline)", re.IGNORECASE)
_ITEM_OR_PART = re.compile(r"(?:item|part)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Page furniture repeated at every page break of an EDGAR filing: the page number and the
# "Table of Contents" link back to the index. Left in, they would split the disclosure's
# paragraphs with sentences nobody wrote.
_FURNITURE = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,3}|[ivxlc]{1,7})\s*[-\u2013\u2014]?"
    r"|(?:back\s+to\s+|return\s+to\s+)?(?:the\s+)?table\s+of\s+contents|index",
    re.IGNORECASE)
# The first word of a text, searched for in the source to give a column: entities (&#160;)
# may stand for what precedes or follows it there.
_PROBE = re.compile(r"[A-Za-z0-9]+")
# Workiva puts megabytes of hidden contexts before the first visible text; columns are
# searched for after it.
_HEADER_END = re.compile(rb"</ix:header\s*>")
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_SEARCH_WINDOW = 262144
_HEADING_CHARS = 120
_XPATHS: dict[str, Any] = {}

Part = tuple[str, Any, bool]  # raw text, the element it belongs to (owner), is it a tail


def _xpath(expression: str) -> Any:
    """XPath objects are compiled once per process (and lxml is imported only when needed)."""
    compiled = _XPATHS.get(expression)
    if compiled is None:
        from lxml import etree

        compiled = _XPATHS[expression] = etree.XPath(expression)
    return compiled


def extract_blocks(tree: Tree) -> list[Block]:
    """The visible blocks of ``tree`` in document order. Drops hidden parts of the tree
    (ix:header among them): read facts first."""
    from lxml import etree

    etree.strip_elements(tree.root, *HIDDEN_TAGS, with_tail=False)
    builder = _Builder(tree)
    add = builder.add
    for node in _xpath("//text()")(tree.root):
        add(node)
    builder.flush()
    return builder.blocks


class _Builder:
    """Groups text nodes into blocks: a new block starts wherever the enclosing block
    element changes or a block element closes (the text after it is a block of its own).
    Styles are read only where they decide something: display on block elements, emphasis
    on the runs of short blocks (heading candidates)."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.blocks: list[Block] = []
        self.offset = 0
        self.container: Any = None
        self.parts: list[Part] = []
        self.is_block: dict[Any, bool] = {}
        self.visible: dict[Any, bool] = {}
        self.lines: list[bytes] | None = None
        self.cursor = (0, 0)

    def add(self, node: Any) -> None:
        owner = node.getparent()
        if node.is_tail:
            self._add_tail(node, owner)
            return
        # The common case, inlined: the text of a run whose block is its parent or above.
        element = owner
        while element is not None:
            tag = element.tag
            block = _BLOCK_TAG.get(tag)
            if block is None:
                block = _block_tag(tag)
            if block and (self.is_block.get(element) or self._displayed_as_block(element)):
                break
            element = element.getparent()
        if element is not self.container:
            if self.parts:
                self.flush()
            self.container = element
        self.parts.append((node, owner, False))

    def _add_tail(self, node: Any, owner: Any) -> None:
        tag = owner.tag
        if _block_tag(tag) and self._displayed_as_block(owner):
            container, boundary = self._container(owner.getparent()), True
        elif tag.__class__ is str and local_name(tag) == "br":
            # <br><br> separates paragraphs in hand-written HTML; one <br> is a space.
            previous = owner.getprevious()
            boundary = (previous is not None and previous.tag == tag
                        and not (previous.tail or "").strip())
            container = self._container(owner.getparent())
            if not boundary and container is self.container and self.parts:
                node = " " + node
        else:
            container, boundary = self._container(owner.getparent()), False
        if boundary or container is not self.container:
            if self.parts:
                self.flush()
            self.container = container
        self.parts.append((node, owner, True))

    def _displayed_as_block(self, element: Any) -> bool:
        """A block element shows as a block unless its style says inline (EDGAR agents write
        runs as <div style="display:inline">)."""
        known = self.is_block.get(element)
        if known is None:
            style = element.get("style")
            known = True
            if style and "display" in style:
                display = _DISPLAY.search(style)
                known = display is None or display.group(1).lower() != "inline"
            self.is_block[element] = known
        return known

    def _container(self, element: Any) -> Any:
        """The nearest block element at or above ``element``."""
        while element is not None:
            if _block_tag(element.tag) and self._displayed_as_block(element):
                return element
            element = element.getparent()
        return None

    def _visible(self, element: Any) -> bool:
        """Not inside a display:none element (ix:header's wrapper, spacer cells, …)."""
        chain = []
        while element is not None:
            known = self.visible.get(element)
            if known is not None:
                break
            chain.append(element)
            element = element.getparent()
        else:
            known = True
        for el in reversed(chain):
            if known:
                style = el.get("style") if el.tag.__class__ is str else None
                if style and "none" in style:
                    display = _DISPLAY.search(style)
                    known = display is None or display.group(1).lower() != "none"
            self.visible[el] = known
        return known

    def flush(self) -> None:
        parts, self.parts = self.parts, []
        container = self.container
        raw = parts[0][0] if len(parts) == 1 else "".join(p[0] for p in parts)
        local = local_name(container.tag) if container is not None else ""
        if local in CELL_TAGS and _LETTER.search(raw) is None:
            return  # "$", "2024", "(1,234)": half a 10-K's cells; no disclosure rule reads them
        text = collapse(raw)
        if not text or (len(text) <= 30 and _FURNITURE.fullmatch(text)):
            return
        if not self._visible(container):
            return
        line = parts[0][1].sourceline or 1
        if "\n" in raw:
            text, anchors = self._lines(raw, line)
        else:
            anchors = (Anchor(0, Location(line + self.tree.line_offset, self._column(line, raw))),)
        kind, level = self._kind(text, local, parts)
        self.blocks.append(Block(kind, text, self.offset, anchors, level))
        self.offset += len(text) + 1

    def _lines(self, raw: str, line: int) -> tuple[str, tuple[Anchor, ...]]:
        """A text over several source lines (hand-written HTML): an anchor per line."""
        texts: list[str] = []
        anchors: list[Anchor] = []
        pos = 0
        for k, segment in enumerate(raw.split("\n")):
            norm = collapse(segment)
            if not norm:
                continue
            if texts:
                texts.append(" ")
                pos += 1
            column = self._column(line + k, segment) if k == 0 else _indent(segment)
            anchors.append(Anchor(pos, Location(line + k + self.tree.line_offset, column)))
            texts.append(norm)
            pos += len(norm)
        return "".join(texts), tuple(anchors)

    def _kind(self, text: str, local: str, parts: list[Part]) -> tuple[BlockKind, int]:
        if local in HEADING_TAGS:
            return BlockKind.HEADING, HEADING_TAGS[local]
        if len(text) <= _HEADING_CHARS:
            level = heading_level(text, lambda: self._emphasised(parts))
            if level:
                return BlockKind.HEADING, level
        if local in CELL_TAGS:
            return BlockKind.TABLE_CELL, 0
        if local in LIST_TAGS:
            return BlockKind.LIST_ITEM, 0
        return BlockKind.PARAGRAPH, 0

    def _emphasised(self, parts: list[Part]) -> bool:
        """Every run of text is bold, underlined or italic (by tag or style), up to the block."""
        container = self.container
        for raw, owner, is_tail in parts:
            if not raw.strip():
                continue
            element = owner.getparent() if is_tail else owner
            while element is not None:
                if _emphasis(element):
                    break
                if element is container:
                    return False
                element = element.getparent()
            else:
                return False
        return True

    def _column(self, line: int, segment: str) -> int:
        """Best-effort column of ``segment`` on source line ``line``: EDGAR files hold whole
        documents on a handful of lines, so the column is what points a reader there. Text
        is searched for just after its tag (``>text``), moving forward through the file."""
        stripped = segment.lstrip()
        m = _PROBE.match(stripped)
        if m is None:
            return 1
        lines = self.lines
        if lines is None:
            lines = self.lines = self.tree.raw.split(b"\n")
            self.cursor = _body_start(self.tree.raw)
        if not 0 < line <= len(lines):
            return 1
        start = self.cursor[1] if self.cursor[0] == line else 0
        lead = segment[: len(segment) - len(stripped)]
        # What precedes the text in the source: the tag's ">", its spaces, or an entity
        # (">&#160;Basic") whose ";" is all we can count on.
        before = b">" + lead.encode("ascii") if lead.strip(" \t") == "" else b";"
        needle = before + m.group().encode("ascii")
        found = lines[line - 1].find(needle, start, start + _SEARCH_WINDOW)
        if found < 0:
            return 1
        found += len(before)
        self.cursor = (line, found)
        return found + 1


_BLOCK_TAG: dict[Any, bool] = {}


def _block_tag(tag: Any) -> bool:
    """Is ``tag`` (a qualified name, or lxml's Entity/Comment factory) a block tag; cached."""
    known = _BLOCK_TAG.get(tag)
    if known is None:
        known = _BLOCK_TAG[tag] = tag.__class__ is str and local_name(tag) in BLOCK_TAGS
    return known


def _emphasis(element: Any) -> bool:
    tag = element.tag
    if tag.__class__ is not str:
        return False
    style = element.get("style")
    if style:
        # Literal tests first: Workiva writes every span's weight, ":400" or ":700".
        if "font-weight:700" in style or "underline" in style or "italic" in style:
            return True
        if "font-weight:400" not in style and _EMPHASIS_STYLE.search(style):
            return True
    return local_name(tag) in _EMPHASIS_TAGS


def _body_start(raw: bytes) -> tuple[int, int]:
    m = _HEADER_END.search(raw) or _BODY.search(raw)
    if m is None:
        return (0, 0)
    return raw.count(b"\n", 0, m.start()) + 1, m.start() - (raw.rfind(b"\n", 0, m.start()) + 1)


def _indent(segment: str) -> int:
    return len(segment) - len(segment.lstrip()) + 1


def heading_level(text: str, emphasised: Any) -> int:
    """The heading level of a short emphasised or capitalised line (PART 1, Item 2, anything
    else 3), or 0 when ``text`` reads as prose. ``emphasised()`` is asked only when needed."""
    if len(text) > _HEADING_CHARS:
        return 0
    words = text.count(" ") + 1
    if words > 14:
        return 0
    item = _ITEM_OR_PART.match(text)
    if not item and (text[-1] in "!?;,:" or (text[-1] == "." and words > 6)):
        return 0
    if _LETTER.search(text) is None:
        return 0
    if not (len(text) >= 4 and text.isupper()) and not emphasised():
        return 0
    if item:
        return 1 if item.group().lower() == "part" else 2
    return 3
