"""Turn an HTML tree into blocks in one pass over its text, after inline markup is merged."""

from __future__ import annotations

import re
from typing import Any

from linter.model import Anchor, Block, BlockKind, Location
from linter.parsers.html_text import (
    BLOCK_TAGS,
    CELL_TAGS,
    HEADING_TAGS,
    HIDDEN_TAGS,
    INLINE_TAGS,
    LIST_TAGS,
    collapse,
    local_name,
)
from linter.parsers.html_tree import Tree

# EDGAR headings are rarely <h1> to <h6>: they are short bold, underlined or italic runs
# (Workiva: font-weight:700 spans), or text in capitals.
_EMPHASIS_TAGS = frozenset({"b", "strong", "u", "i", "em"})
_STYLE_SCAN = tuple("{*}" + t for t in ("span", "font", "b", "strong", "u", "i", "em", "p", "div"))
_EMPHASIS_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)|underline|italic", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Page furniture repeated at every page break of an EDGAR filing: the page number and the
# "Table of Contents" link back to the index. Left in, they would split the disclosure's
# paragraphs with sentences nobody wrote.
_FURNITURE = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,3}|[ivxlc]{1,7})\s*[-\u2013\u2014]?"
    r"|(?:back\s+to\s+|return\s+to\s+)?(?:the\s+)?table\s+of\s+contents|index",
    re.IGNORECASE)
_DISPLAY = re.compile(r"display\s*:\s*(none|inline)", re.IGNORECASE)
_ITEM_OR_PART = re.compile(r"(?:item|part)\b", re.IGNORECASE)
# The first word of a text: inline markup may split the text after it, and entities
# (&#160;) may stand for what follows it in the source.
_PROBE = re.compile(r"[A-Za-z0-9]+")
# Workiva puts megabytes of hidden contexts before the first visible text; columns are
# searched for after it.
_HEADER_END = re.compile(rb"</ix:header\s*>")
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_SEARCH_WINDOW = 262144
_HEADING_CHARS = 120
_XPATHS: dict[str, Any] = {}


def _xpath(expression: str) -> Any:
    """XPath objects are compiled once per process (and lxml is imported only when needed)."""
    compiled = _XPATHS.get(expression)
    if compiled is None:
        from lxml import etree

        compiled = _XPATHS[expression] = etree.XPath(expression)
    return compiled


def extract_blocks(tree: Tree) -> list[Block]:
    """The visible blocks of ``tree`` in document order. Mutates the tree (drops hidden parts,
    merges inline markup): read facts first."""
    from lxml import etree

    root = tree.root
    etree.strip_elements(root, *HIDDEN_TAGS, with_tail=False)
    styled, hidden, inline = _scan_styles(root)
    for element in hidden:
        _remove_keeping_tail(element)
    for element in inline:
        element.tag = "span"  # merged into the text around it with the other inline markup
    counts = _styled_counts(styled)
    etree.strip_tags(root, *INLINE_TAGS)
    builder = _Builder(tree, counts)
    add = builder.add
    for node in _xpath("//text()")(root):
        add(node)
    builder.flush()
    return builder.blocks


def _scan_styles(root: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """Emphasised elements (bold, underlined, italic), hidden ones (display:none) and
    blocks shown inline (EDGAR agents write runs as <div style="display:inline">), in one
    pass over the elements that carry text styling."""
    styled: list[Any] = []
    hidden: list[Any] = []
    inline: list[Any] = []
    for element in root.iter(*_STYLE_SCAN):
        style = element.get("style")
        if style:
            display = _DISPLAY.search(style) if "display" in style else None
            if display is not None:
                if display.group(1).lower() == "none":
                    hidden.append(element)
                    continue
                inline.append(element)
            if _emphasised(style):
                styled.append(element)
                continue
        if local_name(element.tag) in _EMPHASIS_TAGS:
            styled.append(element)
    return styled, hidden, inline


def _emphasised(style: str) -> bool:
    # Literal tests first: Workiva writes every span's weight, "font-weight:400" or ":700".
    if "font-weight:700" in style or "underline" in style or "italic" in style:
        return True
    if "font-weight:400" in style:
        return False
    return _EMPHASIS_STYLE.search(style) is not None


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _container(element: Any) -> Any:
    """The nearest block element at or above ``element``."""
    while element is not None:
        tag = element.tag
        if isinstance(tag, str) and local_name(tag) in BLOCK_TAGS:
            return element
        element = element.getparent()
    return None


def _styled_counts(elements: list[Any]) -> dict[Any, int]:
    """For each block, how many non-space characters sit inside bold/underlined/italic runs."""
    chosen = set(elements)
    counts: dict[Any, int] = {}
    for element in elements:
        parent = element.getparent()
        if parent is not None and parent in chosen:
            continue  # counted with its styled ancestor
        block = _container(element)
        if block is None:
            continue
        chars = len("".join("".join(element.itertext()).split()))
        counts[block] = counts.get(block, 0) + chars
    return counts


class _Builder:
    """Groups text nodes into blocks: a new block starts wherever the enclosing block
    element changes or a block element closes (the text after it is a block of its own)."""

    def __init__(self, tree: Tree, styled: dict[Any, int]) -> None:
        self.tree = tree
        self.styled = styled
        self.blocks: list[Block] = []
        self.offset = 0
        self.container: Any = None
        self.parts: list[tuple[str, Any, bool, bool]] = []
        self.lines: list[bytes] | None = None
        self.cursor = (0, 0)
        self.space = False

    def add(self, node: Any) -> None:
        owner = node.getparent()
        is_tail = node.is_tail
        parts = self.parts
        if parts and parts[-1][1] is owner and parts[-1][3] == is_tail:
            # libxml2 keeps the text of merged inline markup as adjacent nodes: one string.
            raw, _, after_br, _ = parts[-1]
            parts[-1] = (raw + node, owner, after_br, is_tail)
            return
        if not node.strip():
            self.space = bool(parts)
            return
        if is_tail:
            tag = owner.tag
            local = local_name(tag) if isinstance(tag, str) else ""
            after_br = local == "br"
            if local in BLOCK_TAGS:
                boundary = True
            elif after_br:
                # <br><br> separates paragraphs in hand-written HTML; one <br> is a space.
                previous = owner.getprevious()
                boundary = (previous is not None and previous.tag == tag
                            and not (previous.tail or "").strip())
            else:
                boundary = False
            container = _container(owner.getparent())
        else:
            after_br = boundary = False
            container = owner if local_name(owner.tag) in BLOCK_TAGS else _container(owner)
        if boundary or container is not self.container:
            if parts:
                self.flush()
            self.container = container
        elif self.space:
            after_br = True  # whitespace between the previous text and this one
        self.space = False
        self.parts.append((str(node), owner, after_br, is_tail))

    def flush(self) -> None:
        parts, self.parts = self.parts, []
        if len(parts) == 1 and "\n" not in parts[0][0]:
            raw, owner, _, _ = parts[0]
            text = collapse(raw)
            if not text or self._skipped(text):
                return
            line = owner.sourceline or 1
            location = Location(line + self.tree.line_offset, self._column(line, raw))
            anchors: tuple[Anchor, ...] = (Anchor(0, location),)
        else:
            text, anchors = self._join(parts)
            if not text or self._skipped(text):
                return
        kind, level = self._kind(text)
        self.blocks.append(Block(kind, text, self.offset, anchors, level))
        self.offset += len(text) + 1

    def _join(self, parts: list[tuple[str, Any, bool, bool]]) -> tuple[str, tuple[Anchor, ...]]:
        """Several text nodes (split by <br> or unknown markup) or several source lines."""
        texts: list[str] = []
        anchors: list[Anchor] = []
        pos = 0
        space = False
        for raw, owner, after_br, _ in parts:
            base = owner.sourceline or 1
            for k, segment in enumerate(raw.split("\n")):
                norm = collapse(segment)
                if not norm:
                    space = space or bool(segment)
                    continue
                if texts and (space or after_br or k > 0 or segment[:1].isspace()):
                    texts.append(" ")
                    pos += 1
                column = self._column(base + k, segment) if k == 0 else _indent(segment)
                anchors.append(Anchor(pos, Location(base + k + self.tree.line_offset, column)))
                texts.append(norm)
                pos += len(norm)
                space = segment[-1:].isspace()
                after_br = False
        return "".join(texts), tuple(anchors)

    def _skipped(self, text: str) -> bool:
        """A table cell without a letter ("$", "2024", "(1,234)"): financial statements are
        half a 10-K's cells and no disclosure rule reads them, so they are not blocks. Page
        furniture outside tables is dropped too."""
        if len(text) <= 30 and _FURNITURE.fullmatch(text):
            return True
        container = self.container
        return (container is not None and local_name(container.tag) in CELL_TAGS
                and _LETTER.search(text) is None)

    def _kind(self, text: str) -> tuple[BlockKind, int]:
        container = self.container
        local = local_name(container.tag) if container is not None else ""
        if local in HEADING_TAGS:
            return BlockKind.HEADING, HEADING_TAGS[local]
        if len(text) <= _HEADING_CHARS:
            styled = self.styled.get(container, 0) >= len(text) - text.count(" ")
            level = heading_level(text, styled)
            if level:
                return BlockKind.HEADING, level
        if local in CELL_TAGS:
            return BlockKind.TABLE_CELL, 0
        if local in LIST_TAGS:
            return BlockKind.LIST_ITEM, 0
        return BlockKind.PARAGRAPH, 0

    def _column(self, line: int, segment: str) -> int:
        """Best-effort column of ``segment`` on source line ``line``: EDGAR files hold whole
        documents on a handful of lines, so the column is what points a reader there. Text
        is searched for just after a tag (``>text``), moving forward through the file."""
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


def _body_start(raw: bytes) -> tuple[int, int]:
    m = _HEADER_END.search(raw) or _BODY.search(raw)
    if m is None:
        return (0, 0)
    return raw.count(b"\n", 0, m.start()) + 1, m.start() - (raw.rfind(b"\n", 0, m.start()) + 1)


def _indent(segment: str) -> int:
    return len(segment) - len(segment.lstrip()) + 1


def heading_level(text: str, styled: bool) -> int:
    """The heading level of a short bold/underlined or capitalised line (PART 1, Item 2,
    anything else 3), or 0 when ``text`` reads as prose."""
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
    if not styled and not (len(text) >= 4 and text.isupper()):
        return 0
    if item:
        return 1 if item.group().lower() == "part" else 2
    return 3
