"""HTML and full EDGAR filings with Inline XBRL: blocks, cyd facts, form and fiscal year."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from linter.inputs import Source
from linter.model import Block, Document
from linter.parsers.blocks import plain_titles
from linter.parsers.html_blocks import extract_blocks, extract_region
from linter.parsers.html_pages import page_breaks
from linter.parsers.html_region import (
    block_start,
    candidates,
    enclosing,
    events_from,
    tag_offset,
)
from linter.parsers.html_text import local_name
from linter.parsers.html_tree import Tree, load
from linter.parsers.ixbrl import Facts, read_facts
from linter.scope import continues_item, is_boundary, item_order, names_item, real_section
from linter.signatures import signature_date_in_source

_COVER_FORM = re.compile(r"form\s+(10-K|20-F|8-K|40-F|10-Q|6-K)\b(/A)?", re.IGNORECASE)
_COVER_YEAR = re.compile(
    r"\bfor\s+the\s+(?:fiscal\s+|financial\s+)?year\s+ended\s*:?\s*"
    r"(?:[A-Za-z]+\s+\d{1,2}\s*,?\s*)?(\d{4})", re.IGNORECASE)
_BASE_FORM = re.compile(r"(10-K|20-F|8-K|40-F|10-Q|6-K)", re.IGNORECASE)
_COVER_BLOCKS = 80  # the cover page of every EDGAR form fits in its first blocks
T = TypeVar("T")
_BEFORE_HEADING = 20  # blocks read after a mention of the item for its heading


def parse(source: Source) -> Document:
    """A full filing (Inline XBRL) keeps the blocks of its located item only: the rest of
    it (statements, notes, exhibits) is never read. Any other page keeps every block."""
    tree = load(source)
    no_facts = Facts((), (), False)  # only XML keeps the namespaces that name the facts
    facts = read_facts(tree.root, tree.line_offset, tree.raw, tree.lines) if tree.xml else no_facts
    meta = dict(facts.dei)
    form, fiscal_year = _from_dei(meta)
    regions = _regions(tree, form) if tree.xml and facts.inline else None
    if regions is None:
        blocks = tuple(extract_blocks(tree))
        cover: tuple[Block, ...] = blocks
    else:
        cover, blocks = regions
    blocks = plain_titles(blocks)
    cover_form, cover_year = _from_cover(cover)
    if cover_form:
        meta["cover"] = cover_form
    signed = signature_date_in_source(tree.raw)
    if signed:
        meta["signed"] = signed
    return Document(
        path=source.path,
        format="inline-xbrl" if facts.inline else "html",
        text="\n".join(b.text for b in blocks),
        blocks=blocks,
        facts=facts.cyd,
        form=form or cover_form,
        fiscal_year=fiscal_year or cover_year,
        meta=tuple(meta.items()),
        pages=page_breaks(tree.raw, tree.line_offset),
    )


def _regions(tree: Tree, form: str | None) -> tuple[tuple[Block, ...], tuple[Block, ...]] | None:
    """The cover page's blocks and those of the item's section (up to and with the next
    item's heading), or None when the item is not found that way (the whole tree is read)."""
    root = tree.root
    body = next((e for e in root if isinstance(e.tag, str) and local_name(e.tag) == "body"), None)
    first = next((e for e in body if isinstance(e.tag, str)), None) if body is not None else None
    if first is None:
        return None
    cover = extract_region(tree, events_from(first), enclosing(first), _Cover())  # texts
    cover_form, _ = _from_cover(tuple(cover))
    # Candidates are found as they are needed: the source is scanned (and its tags
    # counted) only as far as the item's heading.
    found = ((s, tag_offset(tree.raw, s[0], element, at))
             for element, at in candidates(root, tree.raw)
             if (s := block_start(element)) is not None)
    seen: list[tuple[tuple[Any, list[tuple[Any, str]]], int]] = []
    # a section with a full body first; else the first whose body is short (a cross-reference)
    fallback: list[Block] | None = None
    try:
        for item in item_order(form or cover_form):
            for (start, around), at in itertools.chain(seen, _remember(found, seen)):
                blocks = extract_region(tree, events_from(start), around, _Until(item), at)
                if real_section(item, blocks) is not None:
                    return tuple(cover), tuple(blocks)
                if fallback is None and real_section(item, blocks, True) is not None:
                    fallback = blocks
    except LookupError:
        return None
    return (tuple(cover), tuple(fallback)) if fallback is not None else None


def _remember(items: Iterator[T], into: list[T]) -> Iterator[T]:
    for item in items:
        into.append(item)
        yield item


class _Cover:
    """Ends the cover page's blocks once they tell the form and the fiscal year."""

    def __init__(self) -> None:
        self.blocks = 0
        self.form = self.year = False

    def __call__(self, block: Block) -> bool:
        self.blocks += 1
        self.form = self.form or _COVER_FORM.match(block.text) is not None
        self.year = self.year or _COVER_YEAR.search(block.text) is not None
        return (self.form and self.year) or self.blocks >= _COVER_BLOCKS


class _Until:
    """Ends an item's stretch: at the first other item's heading (or the signatures) after
    the item's own heading, or before one is seen, at any other item or part heading or after
    a few blocks. The item's part heading repeated inside it (a running page head) goes on."""

    def __init__(self, item: str) -> None:
        self.item = item
        self.heading = False
        self.blocks = 0

    def __call__(self, block: Block) -> bool:
        self.blocks += 1
        if not is_boundary(block):
            return not self.heading and self.blocks > _BEFORE_HEADING
        if names_item(self.item, block):
            self.heading = True
            return False
        return not (self.heading and continues_item(self.item, block))


def _from_dei(meta: dict[str, str]) -> tuple[str | None, str | None]:
    form = None
    m = _BASE_FORM.match(meta.get("dei:DocumentType", ""))
    if m:
        form = m.group(1).upper()
    year = meta.get("dei:DocumentFiscalYearFocus") or None
    return form, year


def _from_cover(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    """Form and fiscal year as the cover page states them ("FORM 10-K", "For the fiscal year
    ended December 31, 2024")."""
    form = year = None
    for block in blocks[:_COVER_BLOCKS]:
        if form is None:
            m = _COVER_FORM.match(block.text)
            if m:
                form = m.group(1).upper()
        if year is None:
            y = _COVER_YEAR.search(block.text)
            if y:
                year = y.group(1)
        if form and year:
            break
    return form, year
