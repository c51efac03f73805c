"""HTML and full EDGAR filings with Inline XBRL: blocks, cyd facts, form and fiscal year."""

from __future__ import annotations

import re

from linter.inputs import Source
from linter.model import Block, Document
from linter.parsers.html_blocks import extract_blocks
from linter.parsers.html_tree import load
from linter.parsers.ixbrl import Facts, read_facts

_COVER_FORM = re.compile(r"form\s+(10-K|20-F|8-K|40-F|10-Q|6-K)\b(/A)?", re.IGNORECASE)
_COVER_YEAR = re.compile(
    r"\bfor\s+the\s+(?:fiscal\s+|financial\s+)?year\s+ended\s*:?\s*"
    r"(?:[A-Za-z]+\s+\d{1,2}\s*,?\s*)?(\d{4})", re.IGNORECASE)
_BASE_FORM = re.compile(r"(10-K|20-F|8-K|40-F|10-Q|6-K)", re.IGNORECASE)
_COVER_BLOCKS = 80  # the cover page of every EDGAR form fits in its first blocks


def parse(source: Source) -> Document:
    tree = load(source)
    no_facts = Facts((), (), False)  # only XML keeps the namespaces that name the facts
    facts = read_facts(tree.root, tree.line_offset, tree.raw) if tree.xml else no_facts
    blocks = tuple(extract_blocks(tree))
    meta = dict(facts.dei)
    form, fiscal_year = _from_dei(meta)
    cover_form, cover_year = _from_cover(blocks)
    if cover_form:
        meta["cover"] = cover_form
    return Document(
        path=source.path,
        format="inline-xbrl" if facts.inline else "html",
        text="\n".join(b.text for b in blocks),
        blocks=blocks,
        facts=facts.cyd,
        form=form or cover_form,
        fiscal_year=fiscal_year or cover_year,
        meta=tuple(meta.items()),
    )


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
