"""Page breaks of a paginated EDGAR filing and the page number in the footer before each."""

from __future__ import annotations

import html
import re

from linter.model import PageBreak

# EDGAR filings mark the end of each printed page with a page-break style on an <hr> or <div>;
# the page number is the last text before it ("10", "- 10 -", "Page 10", "… Form 10-K | 10").
# (CSS written in lower case, as every filing agent writes it: a case-blind search costs a
# tenth of a second on a large filing.)
_BREAK = re.compile(rb"break-(?:after|before)\s*:\s*(?:always|page)")
_TAG = re.compile(rb"<[^>]*>")
_FOOTER = re.compile(r"(?:page\s*)?[-\u2013\u2014]?\s*(\d{1,4}|[ivxlc]{1,7})\s*[-\u2013\u2014]?$",
                     re.IGNORECASE)
_FOOTER_CHARS = 80  # a footer is a short line; a longer text before a break is prose
_WINDOW = 3000  # bytes read back from a break for its footer


def page_breaks(raw: bytes, line_offset: int = 0) -> tuple[PageBreak, ...]:
    """Every page break with its footer's number ("" when the page has none); nothing when
    fewer than half of the pages have a numbered footer (the numbers would mislead)."""
    breaks = []
    # Lines are counted once, forward across the breaks: a filing's lines are megabytes long.
    line, counted, line_start = 1 + line_offset, 0, 0
    for m in _BREAK.finditer(raw):
        tag = max(raw.rfind(b"<", counted, m.start()), counted)
        line += raw.count(b"\n", counted, tag)
        line_start = max(raw.rfind(b"\n", counted, tag) + 1, line_start)
        counted = tag
        column = tag - line_start + 1
        breaks.append(PageBreak(line, column, _footer(raw[max(tag - _WINDOW, 0) : tag])))
    numbered = sum(1 for b in breaks if b.number)
    return tuple(breaks) if numbered * 2 >= len(breaks) else ()


def _footer(before: bytes) -> str:
    for chunk in reversed(_TAG.split(before)):
        text = html.unescape(chunk.decode("utf-8", "replace")).replace("\xa0", " ").strip()
        if text:
            m = _FOOTER.search(text) if len(text) <= _FOOTER_CHARS else None
            return m.group(1) if m else ""
    return ""
