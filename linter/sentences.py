"""Split blocks into sentences, filing-aware ("Inc.", "U.S.", "No.", "(i)"), keeping offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.model import Block, Sentence

# A candidate end: terminal punctuation, closing quotes or brackets, then whitespace; or a
# period glued to a capitalised word ("threats.Our"), which EDGAR's flattened text blocks
# often hold (the Financial Statement and Notes data sets drop the space at paragraph joins).
# A run of punctuation is tried from its first character only: tried from each of its
# characters, a long run ("......" as a leader line) cost quadratic time.
_CANDIDATE = re.compile(r"((?<![.!?])[.!?]+|\u2026)([\"'\u201d\u2019)\]]*)(\s+|(?=[A-Z][a-z]))")
_WORD = re.compile(r"[\w.&\u2019'-]+\Z")
_SECTION_REF = re.compile(
    r"\b(?:items?|parts?|sections?|notes?|rules?|articles?|schedules?|exhibits?|annex|appendix"
    r"|chapter)\s+[\w.()-]+\Z",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # u.s, i.e, e.g, a.m, n.a (last period is the candidate)
_LIST_MARKER = re.compile(r"\(?(?:\d{1,2}|[ivx]{1,4}|[a-z])\)?")
_ENUM_NEXT = re.compile(r"\((?:\d{1,2}|[ivx]{1,4}|[a-z])\)\s+[a-z]")
_NEXT_WORD = re.compile(r"[A-Za-z]+")
_LOWER_MARKER = re.compile(r"(?:[ivx]{1,4}|[a-h])[.)]\s+[A-Z]")  # "… incidents. ii. Reporting"
_TOKEN = re.compile(r"[a-z0-9]+")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Always followed by a name or a number, never the end of a sentence in a filing.
_NEVER_END = _words(
    "mr mrs ms dr prof st messrs hon rev gen sen rep gov fig figs vs v no nos approx ref vol "
    "art jan feb mar apr jun jul aug sep sept oct nov dec"
)
# End a sentence only when the next word is one that starts sentences ("…, Inc. We …").
_AMBIGUOUS = _words("inc corp co cos ltd llc plc lp llp bros etc al cf jr sr")
_STARTERS = _words(
    "we our the this these that those in as any each it its they their there if for to while "
    "although however additionally also such further furthermore moreover since with under on "
    "at by during from all a an when where because none neither management see refer no "
    "accordingly following given based despite regardless like other"
)


def split_blocks(blocks: Iterable[Block]) -> tuple[Sentence, ...]:
    """Every sentence of every block, with offsets in Document.text, stripped of whitespace."""
    out: list[Sentence] = []
    for index, block in enumerate(blocks):
        for start, end in split_text(block.text):
            text = block.text[start:end]
            out.append(Sentence(text, block.start + start, block.start + end, index))
    return tuple(out)


def split_text(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.end() >= len(text) or not _ends_sentence(text, m, start):
            continue
        _add(spans, text, start, m.end(2))
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _ends_sentence(text: str, m: re.Match[str], sentence_start: int) -> bool:
    nxt = text[m.end()]
    if nxt.islower() and not _LOWER_MARKER.match(text, m.end()):
        return False
    if "." not in m.group(1) or m.group(2):
        return True  # "!" / "?", or a period inside closing quotes: the quote ends it
    found = _WORD.search(text, max(sentence_start, m.start() - 40), m.start())
    word = found.group(0) if found else ""
    lower = word.lower()
    if not m.group(3):  # glued: "threats.Our" but not "U.S.Government"
        return len(word) >= 3 and word.isalpha() and word[-1].islower() and lower not in _NEVER_END
    if lower in _NEVER_END:
        return False
    if nxt == "(" and _ENUM_NEXT.match(text, m.end()):
        return False
    if _is_list_marker(text, word, found.start() if found else m.start(), sentence_start):
        return False
    if (lower in _AMBIGUOUS or _DOTTED.fullmatch(lower) or (len(word) == 1 and word.isupper())
            or _SECTION_REF.search(text, max(0, m.start() - 30), m.start())):
        return _next_word(text, m.end()) in _STARTERS
    return True


def _is_list_marker(text: str, word: str, word_start: int, sentence_start: int) -> bool:
    """"1." / "ii." / "(a)." opening a sentence, or right after a colon or semicolon."""
    if not _LIST_MARKER.fullmatch(word):
        return False
    before = text[sentence_start:word_start].rstrip()
    return not before or before[-1] in ":;"


def _next_word(text: str, pos: int) -> str:
    found = _NEXT_WORD.match(text, pos)
    return found.group(0).lower() if found else ""


def words(text: str) -> tuple[str, ...]:
    """The word tokens of ``text``, lower case. Spacing, punctuation and a dropped apostrophe
    ("Board's" / "Boards", an EDGAR data-set quirk) are no difference between two texts."""
    return tuple(_TOKEN.findall(text.lower().replace("\u2019", "").replace("'", "")))
