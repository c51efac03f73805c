"""Turn an HTML tree into blocks: inline markup merged in C, then one walk over the blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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

_XHTML = "{http://www.w3.org/1999/xhtml}"
DISPLAY = re.compile(r"display\s*:\s*(none|inline)", re.IGNORECASE)
_ITEM_OR_PART = re.compile(r"(?:item|part)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Page furniture repeated at every page break of an EDGAR filing: the page number and the
# "Table of Contents" link back to the index. Left in, they would split the disclosure's
# paragraphs with sentences nobody wrote.
_FURNITURE = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,3}|[ivxlc]{1,7})\s*[-\u2013\u2014]?"
    r"|(?:back\s+to\s+|return\s+to\s+)?(?:the\s+)?table\s+of\s+contents|index",
    re.IGNORECASE)
_FURNITURE_START = frozenset("0123456789-\u2013\u2014ivxlcptbrIVXLCPTBR")
# The first word of a text, searched for in the source to give a column: entities (&#160;)
# may stand for what precedes or follows it there.
_PROBE = re.compile(r"[A-Za-z0-9]+")
# EDGAR headings are rarely <h1> to <h6>: they are short bold, underlined or italic runs
# (Workiva: font-weight:700 spans), or text in capitals. The tags that open a text in the
# source tell its emphasis.
_EMPHASIS = re.compile(
    rb"<(?:b|strong|u|i|em)[\s>]|font-weight\s*:\s*(?:bold|[6-9]00)|underline|italic",
    re.IGNORECASE)
_OPENING_TAGS = 3  # how many tags just before a text are read for its emphasis
# Workiva puts megabytes of hidden contexts before the first visible text; columns are
# searched for after it.
_HEADER_END = re.compile(rb"</ix:header\s*>")
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_SEARCH_WINDOW = 262144
_HEADING_CHARS = 120
# Page breaks (Workiva: <hr style="page-break-after:always">) and what the top of a page
# holds: running heads that repeat the part and item being read, then the text goes on,
# often mid-sentence.
_PAGE_BREAK = re.compile(r"(?:page-)?break-(before|after)\s*:\s*(?:always|page)", re.IGNORECASE)
_BREAKING = frozenset({"hr", "div", "p", "table"})
_RUNNING_HEAD_CHARS = 100
_PAGE_HEAD_BLOCKS = 4  # blocks at the top of a page that may be its running head
_ITEM_HEADING = re.compile(r"[\W_]*item\s*(\d{1,2}(?:\s*\.\s*\d{2}|[a-z])?)\b", re.IGNORECASE)
_PART_HEADING = re.compile(r"[\W_]*part\s+(?:i{1,3}|iv|[1-4])\b", re.IGNORECASE)
_ITEM_NAMED = re.compile(r"\bitem\s*(\d{1,2}(?:\s*\.\s*\d{2}|[a-z])?)\b", re.IGNORECASE)
_TRAILING = frozenset(",.;:)")  # a text that starts so ends the sentence before it
_SENTENCE_END = frozenset(".!?:;\u201d\"'\u2019")
_TAGS: dict[Any, str] = {}  # qualified tag (or lxml's Entity factory) -> local name, or ""


def extract_blocks(tree: Tree) -> list[Block]:
    """The visible blocks of ``tree`` in document order. Restructures the tree (drops hidden
    parts, ix:header among them, and merges inline markup): read facts first."""
    from lxml import etree

    root = tree.root
    etree.strip_elements(root, *HIDDEN_TAGS, with_tail=False)
    _apply_display(root)
    etree.strip_tags(root, *INLINE_TAGS)
    builder = _Builder(tree)
    builder.walk(etree.iterwalk(root, events=("start", "end")))
    return builder.blocks


def extract_region(tree: Tree, events: Iterable[tuple[str, Any]],
                   enclosing: list[tuple[Any, str]], until: Callable[[Block], bool],
                   start: int | None = None) -> list[Block]:
    """The blocks of one stretch of the document: ``events`` as ``walk`` reads them (plus
    ``tail``: an element left out but its tail, and ``inline-start`` / ``inline-end``: a
    block element read as inline markup), inside the ``enclosing`` block elements, until
    a block satisfies ``until`` (kept). ``start``, a byte offset at or before the stretch,
    is where columns are searched from; without it only the text is read: every block a
    paragraph without anchors."""
    builder = _Builder(tree, until)
    if start is None:
        builder.texts_only = True
    else:
        builder.started = True
        builder.cursor = _position(tree.raw, start)
    builder.walk(events, enclosing)
    return builder.blocks


def _apply_display(root: Any) -> None:
    """display:none elements go (their tail stays); blocks shown inline (EDGAR agents write
    runs as <div style="display:inline">) become inline markup, merged with the rest."""
    ns = _XHTML if root.tag.startswith(_XHTML) else ""
    hidden: list[Any] = []
    inline: list[Any] = []
    # Block elements only: reading every span's style would cost a tenth of the parse, and
    # EDGAR hides facts in ix:hidden, not in hidden spans.
    for element in root.iter(ns + "div", ns + "p", ns + "table", ns + "section"):
        style = element.get("style")
        if style and "display" in style:
            m = DISPLAY.search(style)
            if m is not None:
                (hidden if m.group(1).lower() == "none" else inline).append(element)
    for element in hidden:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    for element in inline:
        element.tag = "span"


def _local(tag: Any) -> str:
    known = _TAGS.get(tag)
    if known is None:
        known = _TAGS[tag] = local_name(tag) if tag.__class__ is str else ""
    return known


class _Builder:
    """Walks the merged tree: a block element opens a block, and the text after a block
    element closes is a block of its own (in the enclosing element)."""

    def __init__(self, tree: Tree, until: Callable[[Block], bool] | None = None) -> None:
        self.tree = tree
        self.blocks: list[Block] = []
        self.offset = 0
        self.started = False  # the column search has its starting point
        self.cursor = (0, 0)
        self.found: tuple[bytes, int, int] | None = None
        self.until = until
        self.done = False
        self.texts_only = False
        self.item = ""  # the item of the last item heading read ("1c"), for running heads
        self.page_top: int | None = None  # blocks read since a page break, while at its top
        self.head_first = 0  # index of the first block read at the top of the page

    def walk(self, events: Iterable[tuple[str, Any]],
             enclosing: list[tuple[Any, str]] | None = None) -> None:
        stack: list[tuple[Any, str]] = [(None, ""), *(enclosing or ())]
        parts: list[tuple[str, Any]] = []
        flush = self.flush
        block_tags = BLOCK_TAGS
        br_pending = False
        for event, element in events:
            if self.done:
                break
            local = _local(element.tag)
            if event != "start" and event != "end":  # from a stretch's walk (html_region)
                local = "" if event == "tail" else "span"  # left out / a block shown inline
                event = "start" if event == "inline-start" else "end"
            if event == "start":
                if local in block_tags:
                    if parts:
                        flush(parts, stack[-1][1])
                        parts = []
                    stack.append((element, local))
                    br_pending = False
                    if local in _BREAKING and _page_break(element, "before"):
                        self.break_page()
                elif local == "br":
                    if br_pending and parts:  # <br><br>: a paragraph break
                        flush(parts, stack[-1][1])
                        parts = []
                    br_pending = True
                    continue
                elif not local:
                    continue  # an unexpanded entity reference: its text is not content
                text = element.text
                if text:
                    parts.append((text, element))
                    br_pending = br_pending and text.isspace()
            else:
                if local in block_tags:
                    if parts:
                        flush(parts, local)
                        parts = []
                    stack.pop()
                    br_pending = False
                    if local in _BREAKING and _page_break(element, "after"):
                        self.break_page()
                tail = element.tail
                if tail:
                    if local == "br" and parts and not tail.isspace():
                        tail = " " + tail
                    parts.append((tail, element))
                    br_pending = br_pending and tail.isspace()
        if parts and not self.done:
            flush(parts, stack[-1][1])

    def flush(self, parts: list[tuple[str, Any]], local: str) -> None:
        raw = parts[0][0] if len(parts) == 1 else "".join(p[0] for p in parts)
        if local in CELL_TAGS and raw.upper() == raw.lower():
            return  # "$", "2024", "(1,234)": half a 10-K's cells; no disclosure rule reads them
        text = collapse(raw)
        if not text or (len(text) <= 30 and text[0] in _FURNITURE_START
                        and _FURNITURE.fullmatch(text)):
            return
        if self.texts_only:
            block = Block(BlockKind.PARAGRAPH, text, self.offset, ())
        else:
            first = next(p for p in parts if not p[0].isspace())
            line = first[1].sourceline or 1
            if "\n" in raw:
                text, anchors = self._lines(raw, line)
            else:
                location = Location(line + self.tree.line_offset, self._find(line, raw))
                anchors = (Anchor(0, location),)
            kind, level = _kind(text, local, self._emphasised)
            block = Block(kind, text, self.offset, anchors, level)
        if self.page_top is not None and not self._at_page_top(block):
            return
        if text[0] in _TRAILING and self.blocks and _continues(self.blocks[-1], block):
            # "…committee meetings</ix:continuation>, and the CIDO …": an Inline XBRL fact
            # ending mid-sentence must not split the sentence
            self.blocks[-1] = _join(self.blocks[-1], block, "")
            self.offset = self.blocks[-1].end + 1
            return
        if block.kind is BlockKind.HEADING and (m := _ITEM_HEADING.match(text)):
            self.item = _item_key(m.group(1))
        self.blocks.append(block)
        self.offset += len(text) + 1
        if self.until is not None and self.until(block):
            self.done = True

    def break_page(self) -> None:
        self.page_top, self.head_first = 0, len(self.blocks)

    def _at_page_top(self, block: Block) -> bool:
        """Read a block at the top of a page: False when it is taken in (a running head
        dropped, or the rest of a paragraph the page break cut, joined to it)."""
        self.page_top = (self.page_top or 0) + 1
        text = block.text
        if len(text) <= _RUNNING_HEAD_CHARS and self.item and _names_item(text, self.item):
            # "PART I ITEM 1C. CYBERSECURITY", "Item 1C (continued)", "Company | Item 1C": the
            # page head repeats the item being read, and so do the blocks above it on the page
            del self.blocks[self.head_first :]
            self.offset = self.blocks[-1].end + 1 if self.blocks else 0
            return False
        previous = self.blocks[-1] if len(self.blocks) == self.head_first and self.blocks else None
        if len(text) > _RUNNING_HEAD_CHARS or self.page_top >= _PAGE_HEAD_BLOCKS:
            self.page_top = None
        if previous is not None and _continues(previous, block):
            joined = _join(previous, block, "" if block.text[0] in _TRAILING else " ")
            self.blocks[-1] = joined
            self.offset = joined.end + 1
            self.page_top = None
            return False
        return True

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
                column = len(segment) - len(segment.lstrip()) + 1
            else:
                column = self._find(line + k, segment)
            anchors.append(Anchor(pos, Location(line + k + self.tree.line_offset, column)))
            texts.append(norm)
            pos += len(norm)
        return "".join(texts), tuple(anchors)

    def _find(self, line: int, segment: str) -> int:
        """Best-effort column of ``segment`` on source line ``line``: EDGAR files hold whole
        documents on a handful of lines, so the column is what points a reader there. Text
        is searched for just after its tag (``>text``), moving forward through the file;
        where it was found is kept for ``_emphasised``."""
        self.found = None
        stripped = segment.lstrip()
        m = _PROBE.match(stripped)
        if m is None:
            return 1
        lines = self.tree.lines
        if not self.started:
            self.started = True
            self.cursor = _body_start(self.tree.raw)
        if not 0 < line <= len(lines):
            return 1
        start = self.cursor[1] if self.cursor[0] == line else 0
        lead = segment[: len(segment) - len(stripped)]
        # What precedes the text in the source: the tag's ">", its spaces, or an entity
        # (">&#160;Basic") whose ";" is all we can count on.
        before = b">" + lead.encode("ascii") if lead.strip(" \t") == "" else b";"
        base, stop = lines.span(line - 1)  # searched in place: lines can be megabytes
        source = self.tree.raw
        found = source.find(before + m.group().encode("ascii"), base + start,
                            min(base + start + _SEARCH_WINDOW, stop))
        if found < 0:
            return 1
        found -= base
        self.cursor = (line, found + len(before))
        self.found = (source, base + found + 1, base)
        return found + len(before) + 1

    def _emphasised(self) -> bool:
        """Do the tags that open the last text found emphasise it (bold, underline, italic)?"""
        return self.found is not None and _opened_with_emphasis(*self.found)


def _page_break(element: Any, side: str) -> bool:
    style = element.get("style")
    if not style or "break" not in style:
        return False
    m = _PAGE_BREAK.search(style)
    return m is not None and m.group(1).lower() == side


def _item_key(number: str) -> str:
    return "".join(number.split()).lower()


def _names_item(text: str, item: str) -> bool:
    """Does a page-top ``text`` read as a head naming ``item`` (not a sentence that does)?"""
    if text[-1] in ".!?" and not _ITEM_HEADING.match(text) and not _PART_HEADING.match(text):
        return False
    return any(_item_key(m.group(1)) == item for m in _ITEM_NAMED.finditer(text))


def _continues(previous: Block, block: Block) -> bool:
    """Is ``block`` the rest of ``previous``, a paragraph the page break cut mid-sentence?"""
    return (previous.kind is BlockKind.PARAGRAPH and block.kind is BlockKind.PARAGRAPH
            and previous.text[-1] not in _SENTENCE_END
            and (block.text[0].islower() or block.text[0] in _TRAILING))


def _join(previous: Block, block: Block, space: str = " ") -> Block:
    shift = len(previous.text) + len(space)
    anchors = previous.anchors + tuple(Anchor(a.offset + shift, a.location) for a in block.anchors)
    return Block(previous.kind, f"{previous.text}{space}{block.text}", previous.start, anchors,
                 previous.level)


def _opened_with_emphasis(source: bytes, end: int, line_start: int) -> bool:
    """Do the opening tags right before ``end`` (up to three, back to back, on the line
    that starts at ``line_start``) emphasise?"""
    for _ in range(_OPENING_TAGS):
        start = source.rfind(b"<", max(end - 2048, line_start), end)
        if start < 0 or source[start + 1 : start + 2] == b"/":
            return False
        if _EMPHASIS.search(source, start, end):
            return True
        if start == line_start or source[start - 1 : start] != b">":
            return False
        end = start
    return False


def _body_start(raw: bytes) -> tuple[int, int]:
    m = _HEADER_END.search(raw) or _BODY.search(raw)
    if m is None:
        return (0, 0)
    return _position(raw, m.start())


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line (1-based) and column (0-based) of byte ``offset``."""
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1)


def _kind(text: str, local: str, emphasised: Callable[[], bool]) -> tuple[BlockKind, int]:
    if local in HEADING_TAGS:
        return BlockKind.HEADING, HEADING_TAGS[local]
    level = heading_level(text, emphasised)
    if level:
        return BlockKind.HEADING, level
    if local in CELL_TAGS:
        return BlockKind.TABLE_CELL, 0
    if local in LIST_TAGS:
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def heading_level(text: str, emphasised: Callable[[], bool]) -> int:
    """The heading level of a short emphasised or capitalised line (PART 1, Item 2, anything
    else 3), or 0 when ``text`` reads as prose. ``emphasised()`` is asked last: it reads
    the source."""
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
