"""The document model: immutable values every parser produces and every rule reads."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the source file: line and column (1-based) for text-like sources;
    for .docx, ``paragraph`` (0-based index in the body) and ``offset`` in that paragraph."""

    line: int
    column: int
    paragraph: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a stretch of a block's text starts in the source: ``offset`` in the block's
    text corresponds to ``location``; text after it advances the column one per character
    until the next anchor."""

    offset: int
    location: Location


@dataclass(frozen=True, slots=True)
class Block:
    """One heading, paragraph, list item or table cell, with the way back to its source."""

    kind: BlockKind
    text: str
    start: int  # offset of text in Document.text
    anchors: tuple[Anchor, ...]
    level: int = 0  # heading level (1 = top); 0 for non-headings

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def locate(self, offset: int) -> Location:
        """The source location of ``offset`` (relative to this block's text)."""
        if not self.anchors:
            return Location(1, 1)
        i = max(bisect.bisect_right(self.anchors, offset, key=lambda a: a.offset) - 1, 0)
        anchor = self.anchors[i]
        delta = max(offset - anchor.offset, 0)
        loc = anchor.location
        if loc.paragraph is not None:
            return Location(loc.line, loc.column + delta, loc.paragraph, (loc.offset or 0) + delta)
        return Location(loc.line, loc.column + delta)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one block; ``start``/``end`` are offsets in Document.text."""

    text: str
    start: int
    end: int
    block: int  # index into Document.blocks


@dataclass(frozen=True, slots=True)
class Section:
    """A titled stretch of blocks: blocks[first:end] of the document.

    ``heading`` is the index of the heading block, or None for an implicit section
    (a file holding only the draft)."""

    title: str
    level: int
    heading: int | None
    first: int
    end: int


@dataclass(frozen=True, slots=True)
class Scope:
    """The located disclosure: the Item 1C / 16K / 1.05 section and its subsections."""

    item: str  # "1C", "16K", "1.05", or "" when the file is the draft itself
    section: Section
    subsections: tuple[Section, ...] = ()
    found: bool = True  # False when a full filing was searched and no such item exists
    incorporated: bool = False  # the item only incorporates the disclosure by reference


@dataclass(frozen=True, slots=True)
class Fact:
    """An XBRL ``cyd`` fact found in the input (Inline XBRL tag or R-page line)."""

    name: str  # local name, e.g. CybersecurityRiskManagementThirdPartyEngagedFlag
    value: str  # "true"/"false" for flags; plain text for text blocks
    namespace: str = ""
    location: Location | None = None

    @property
    def is_flag(self) -> bool:
        return self.name.endswith("Flag")


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment in the source, kept out of the text but visible to suppressions: ``text`` is
    its body (e.g. ``disclosure-lint: disable=ID -- reason``), ``block`` the index of the block
    that follows it (``len(blocks)`` at the end of the file)."""

    text: str
    line: int
    column: int = 1
    block: int = 0


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The end of a printed page in the source, and the number its footer shows ("" if none)."""

    line: int
    column: int
    number: str


@dataclass(frozen=True)
class Document:
    """One parsed input: ordered blocks, the facts it carries, and the located scope."""

    path: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    facts: tuple[Fact, ...] = ()
    form: str | None = None  # "10-K", "20-F", "8-K", … as detected from the content
    fiscal_year: str | None = None
    scope: Scope | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())
    comments: tuple[Comment, ...] = ()  # source comments, in order (Markdown/HTML/text)
    pages: tuple[PageBreak, ...] = ()  # a paginated filing's page breaks, in order (HTML)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        from linter.sentences import split_blocks

        return split_blocks(self.blocks)

    def locate(self, offset: int) -> Location:
        """The source location of an offset in Document.text."""
        i = self.block_at(offset)
        if i is None:
            return Location(1, 1)
        block = self.blocks[i]
        return block.locate(offset - block.start)

    def block_at(self, offset: int) -> int | None:
        """The index of the block holding an offset of Document.text (None without blocks)."""
        if not self.blocks:
            return None
        # bisect on the blocks themselves: no list of starts rebuilt on every call (the engine
        # locates every evidence sentence and finding)
        return max(bisect.bisect_right(self.blocks, offset, key=lambda b: b.start) - 1, 0)

    def page_of(self, location: Location) -> str | None:
        """The number in the footer of the page holding ``location`` (None: not known)."""
        i = bisect.bisect_left(self.pages, (location.line, location.column),
                               key=lambda p: (p.line, p.column))
        return self.pages[i].number or None if i < len(self.pages) else None

    def scope_blocks(self) -> tuple[Block, ...]:
        if self.scope is None:
            return self.blocks
        s = self.scope.section
        return self.blocks[s.first : s.end]

    def scope_sentences(self) -> tuple[Sentence, ...]:
        if self.scope is None:
            return self.sentences
        s = self.scope.section
        return tuple(x for x in self.sentences if s.first <= x.block < s.end)
