"""Locate the disclosure inside a document: Item 1C / 16K / 1.05 and its subsections."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from functools import cache

from linter.model import Block, BlockKind, Document, Scope, Section
from linter.signatures import with_signature_date

ITEM_FORMS = {"1C": "10-K", "16K": "20-F", "1.05": "8-K"}
_FORM_ITEMS = {"10-K": "1C", "20-F": "16K", "8-K": "1.05"}
_ITEMS = ("1C", "16K", "1.05")
# incident reports amended (a 10-K/A or 20-F/A amends an annual report: nothing to pair)
AMENDMENT_FORMS = ("8-K/A", "6-K/A")
FORMS = ("10-K", "20-F", "8-K", "8-K/A", "6-K", "6-K/A")  # the forms a user may name

_ITEM_NAMES = {"1C": r"item\s*1\s*c", "16K": r"item\s*16\s*k", "1.05": r"item\s*1\s*\.\s*05"}
_TITLE_RE = {
    "1C": re.compile(r"cyber\s*security\b", re.IGNORECASE),
    "16K": re.compile(r"cyber\s*security\b", re.IGNORECASE),
    "1.05": re.compile(r"material\s+cyber\s*security\s+incidents?\b", re.IGNORECASE),
}
# The next item ends the section: Item 2 (10-K), Item 17 / Part III (20-F), Item 7.01,
# 8.01, 9.01 or the signatures (8-K); any other item or part heading as well.
_BOUNDARY = re.compile(
    r"[\W_]*(?:item\s*\d{1,2}\s*(?:\.\s*\d{2}|[a-z])?\b|part\s+(?:i{1,3}|iv|v|[1-5])\b|signatures?\b)",
    re.IGNORECASE)
# A part heading, and what may follow it on the same line before the item ("PART I, ITEM 1C")
_PART = re.compile(r"[\W_]*part\s+(i{1,3}|iv|v|[1-5])\b", re.IGNORECASE)
_ITEM_PARTS = {"1C": ("i", "1"), "16K": ("ii", "2")}  # Form 10-K Part I; Form 20-F Part II
_SUBSECTIONS = (
    re.compile(r"[\W_]*(?:cyber\s*security\s+)?risk\s+management(?:\s*,)?\s*(?:and|&)\s*strategy\b",
               re.IGNORECASE),
    re.compile(r"[\W_]*(?:cyber\s*security\s+)?governance\b", re.IGNORECASE),
)
_RUN_IN = re.compile(r"\s*(?:[.:\u2013\u2014]|\s-\s)")  # "Governance. Our Board …"
_LETTER = re.compile(r"[^\W\d_]")
_SHORT = 100  # a heading-like line: short, or marked as a heading by its parser
_SPLIT_TITLE_WORDS = 6
_MIN_BODY_CHARS = 150  # a table-of-contents entry has (next to) nothing before the next item


# Where an item heading starts; NBSPs are already spaces in block text, but not in every
# parser's, so \s and a leading run of punctuation ("**", "§", "•") are allowed.
@cache
def _item_re(item: str) -> re.Pattern[str]:
    """Compiled on first use: a 10-K that has its Item 1C never looks for the other items."""
    return re.compile(r"[\W_]*" + _ITEM_NAMES[item] + r"\b[\s.:;\-\u2013\u2014]*", re.IGNORECASE)


# An item heading run in with its answer: the item, a title of a few capitalised words, then
# a colon, period or dash ("Item 1C. Cybersecurity: The information required …").
@cache
def _run_in_item() -> re.Pattern[str]:
    """Compiled on first use: a draft's item heading stands alone; filings run them in."""
    return re.compile(
        r"[\W_]*item\s*\d{1,2}(?:\s*\.\s*\d{2}|[a-z])?\b[\s.:\-\u2013\u2014]*"
        r"(?-i:[A-Z])[\w'\u2019,&/()\- ]{0,100}?\s*(?:[.:\u2013\u2014]|\s-\s)\s", re.IGNORECASE)


def locate_section(document: Document) -> Document:
    """The scope of any report: its Item 1C / 16K / 1.05 (``locate``), else an incident
    report's body (a 6-K, an Item 8.01); and the date it was signed, when the text shows it."""
    document = with_signature_date(locate(document))
    scope, form = document.scope, (document.form or "").upper()
    if scope is not None and scope.item in ITEM_FORMS and form not in ("8-K", "6-K"):
        return document  # its item found, and no 8-K or 6-K whose cover may mark it amended
    from linter.incident import locate_report

    return locate_report(document)


def is_amendment(form: str | None) -> bool:
    """Does ``form`` amend an incident report (``linter.amendments`` pairs it with its
    original)?"""
    return (form or "").upper() in AMENDMENT_FORMS


def locate(document: Document) -> Document:
    """Return ``document`` with its scope (and, when the item tells it, its form) set."""
    blocks = document.blocks
    texts, boundaries = _outline(blocks)
    preferred = _FORM_ITEMS.get(document.form or "")
    for item in item_order(document.form):
        section = _find_item(item, blocks, texts, boundaries)
        if section is not None:
            scope = Scope(item, section, _subsections(blocks, texts, section))
            form = document.form or ITEM_FORMS[item]
            return dataclasses.replace(document, scope=scope, form=form,
                                       blocks=_headings(blocks, scope))
    if _is_full_filing(document):
        empty = Section(title="", level=0, heading=None, first=0, end=0)
        return dataclasses.replace(document, scope=Scope(preferred or "", empty, (), found=False))
    whole = Section(title=_first_heading(blocks), level=0, heading=None, first=0, end=len(blocks))
    scope = Scope("", whole, _subsections(blocks, texts, whole))
    return dataclasses.replace(document, scope=scope, blocks=_headings(blocks, scope))


def _headings(blocks: tuple[Block, ...], scope: Scope) -> tuple[Block, ...]:
    """``blocks`` with the item's heading and its subsections' headings as headings, however
    the input marked them (a plain paragraph "Item 1C. Cybersecurity" or "Governance"): a
    heading names a topic and is never evidence. A run-in heading's block is prose."""
    marks = [scope.section.heading, *(s.heading for s in scope.subsections)]
    out = list(blocks)
    for k in marks:
        if k is None or blocks[k].kind is BlockKind.HEADING or len(blocks[k].text) > _SHORT:
            continue
        if _run_in_item().match(blocks[k].text) or _run_in_subsection(blocks[k].text):
            continue
        out[k] = dataclasses.replace(blocks[k], kind=BlockKind.HEADING, level=2)
    return tuple(out) if out != list(blocks) else blocks


def item_order(form: str | None) -> tuple[str, ...]:
    """The items searched for, the form's own first."""
    preferred = _FORM_ITEMS.get(form or "")
    return (preferred, *[i for i in _ITEMS if i != preferred]) if preferred else _ITEMS


def is_boundary(block: Block) -> bool:
    """Does ``block`` head an item or part (or the signatures), as sections end at one?"""
    return _is_boundary(block, _text(block))


def _is_boundary(block: Block, text: str) -> bool:
    """A heading-like block starting with an item or part, or a run-in item heading: a
    paragraph that starts with the item and its title ("Item 7. Management's Discussion …:
    Refer to pages 6 through 42 …"), as filings that answer an item by cross-reference
    write it."""
    if _BOUNDARY.match(text) is None:
        return False
    return _heading_like(block, text) or _run_in_item().match(text) is not None


def continues_item(item: str, block: Block) -> bool:
    """Inside ``item``, does the heading ``block`` go on with it rather than end it (the item's
    own heading or its part's heading, repeated as a running page head)?"""
    return _continues(item, _text(block))


def names_item(item: str, block: Block) -> bool:
    """Does ``block`` start by naming ``item`` (its heading, or a repeat of it)?"""
    return _item_re(item).match(_text(block)) is not None


def _outline(blocks: Sequence[Block]) -> tuple[list[str], list[int]]:
    """Each block's normalised text, and the indexes of the item and part headings."""
    texts = [_text(b) for b in blocks]
    boundaries = [i for i, t in enumerate(texts) if _is_boundary(blocks[i], t)]
    return texts, boundaries


def real_section(item: str, blocks: Sequence[Block], short: bool = False) -> Section | None:
    """The item's section among ``blocks`` when one has a body (not a contents entry); with
    ``short``, any body at all (a section that only cross-refers may be one sentence)."""
    texts, boundaries = _outline(blocks)
    return _find_item(item, blocks, texts, boundaries, settle=short)


def _text(block: Block) -> str:
    return " ".join(block.text.split()) if "\xa0" in block.text else block.text


def _heading_like(block: Block, text: str) -> bool:
    return block.kind == BlockKind.HEADING or len(text) <= _SHORT


def _is_full_filing(document: Document) -> bool:
    meta = dict(document.meta)
    return document.format == "inline-xbrl" or "cover" in meta or "dei:DocumentType" in meta


def _first_heading(blocks: Sequence[Block]) -> str:
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            return block.text
    return ""


def _find_item(item: str, blocks: Sequence[Block], texts: list[str],
               boundaries: list[int], settle: bool = True) -> Section | None:
    """The item's real section: among its headings, the first followed by a body before the
    next item; a table-of-contents line is followed by the next item at once. Without one,
    the heading with the longest body when ``settle``, else None."""
    head_re, title_re = _item_re(item), _TITLE_RE[item]
    best: tuple[int, Section] | None = None
    for i in boundaries:
        m = head_re.match(texts[i])
        if m is None:
            continue
        rest = texts[i][m.end():]
        if rest and not title_re.match(rest) and blocks[i].kind != BlockKind.HEADING:
            continue  # a sentence that starts by naming the item
        title, body = texts[i].rstrip(" .:"), i + 1
        if not rest and body < len(blocks) and _is_split_title(texts[body], title_re):
            title, body = f"{title}. {texts[body].rstrip(' .:')}", body + 1
        run_in = _run_in_text(rest, title_re)
        if run_in:
            title = texts[i][: len(texts[i]) - len(run_in)].rstrip(" .:;\u2013\u2014-")
        end = _next_boundary(boundaries, body, item, texts)
        if end is None:
            end = len(blocks)
        chars = len(run_in) + sum(len(texts[k]) for k in range(body, end))
        section = Section(title=title, level=blocks[i].level or 2, heading=i, first=i, end=end)
        if chars >= _MIN_BODY_CHARS:
            return section
        if best is None or chars > best[0]:
            best = (chars, section)
    if settle and best is not None and best[0] > 0:
        return best[1]
    return None


def _run_in_text(rest: str, title_re: re.Pattern[str]) -> str:
    """The prose after the item's title in its heading block ("Item 1C. Cybersecurity: See
    Item 7."), or "" (a contents line's page number is not prose)."""
    m = title_re.match(rest)
    if m is None:
        return ""
    after = rest[m.end():]
    sep = _RUN_IN.match(after)
    if sep is None:
        return ""
    prose = after[sep.end():].strip()
    return prose if _LETTER.search(prose) else ""


def _is_split_title(text: str, title_re: re.Pattern[str]) -> bool:
    """``ITEM 1C.`` in one element and ``CYBERSECURITY`` in the next."""
    return title_re.match(text) is not None and text.count(" ") < _SPLIT_TITLE_WORDS


def _next_boundary(boundaries: list[int], start: int, item: str,
                   texts: list[str]) -> int | None:
    """The next item or part heading that ends the section: not the item's own heading
    repeated, nor its own part's heading (both running page heads)."""
    for k in boundaries[bisect.bisect_left(boundaries, start):]:
        if not _continues(item, texts[k]):
            return k
    return None


def _continues(item: str, text: str) -> bool:
    """The item's own heading, or its part's heading: a running page head, not an end."""
    return _item_re(item).match(text) is not None or _own_part(item, text)


def _own_part(item: str, text: str) -> bool:
    """Does ``text`` head the part the item belongs to ("PART I" for Item 1C, alone or as
    "PART I, ITEM 1C. CYBERSECURITY")? EDGAR agents print the part and the item as a running
    head on every page; inside the item, its own part's heading can be nothing else (the
    real one comes before the part's first item)."""
    m = _PART.match(text)
    return m is not None and m.group(1).lower() in _ITEM_PARTS.get(item, ())


def _subsections(blocks: Sequence[Block], texts: list[str],
                 section: Section) -> tuple[Section, ...]:
    """"Risk Management and Strategy" and "Governance" headings (or run-in headings) within
    the section, each running to the next one or to the section's end."""
    starts: list[tuple[int, str]] = []
    first = section.first + (1 if section.heading is not None else 0)
    for k in range(first, section.end):
        title = _subsection_title(blocks[k], texts[k])
        if title:
            starts.append((k, title))
    subsections = []
    for n, (k, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else section.end
        level = blocks[k].level or section.level + 1
        subsections.append(Section(title=title, level=level, heading=k, first=k, end=end))
    return tuple(subsections)


def _run_in_subsection(text: str) -> bool:
    """A subsection title run in with its prose ("Governance. Our Board …")."""
    for pattern in _SUBSECTIONS:
        m = pattern.match(text)
        if m is not None and text[m.end():].strip(" .:") and _RUN_IN.match(text[m.end():]):
            return True
    return False


def _subsection_title(block: Block, text: str) -> str:
    for pattern in _SUBSECTIONS:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end():]
        if not rest.strip(" .:") and _heading_like(block, text):
            return text.strip(" .:*_#")
        if block.kind == BlockKind.HEADING and len(text) <= _SHORT:
            return text.strip(" .:*_#")
        if _RUN_IN.match(rest):
            return text[: m.end()].strip(" .:*_#")
    return ""
