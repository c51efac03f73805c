"""What the parsers build with: blocks joined into the text, title-like lines, the form named."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from linter.model import Anchor, Block, BlockKind, Location

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SHORT_TITLE_WORDS = 6
TITLE_LEVEL = 2  # a title-like line's heading level
_SENTENCE_WORDS = frozenset({  # verbs and subjects: a line holding one is a sentence
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "shall", "may", "can",
    "could", "would", "should", "does", "do", "did", "we", "i", "it", "they", "he", "she", "you"})
_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
                          "the", "to", "with", "its", "our"])


def is_title_like(line: str) -> bool:
    """A short line in title case (or upper case) with no final punctuation: "Governance"."""
    words = line.split()
    if not words or len(line) > 80 or len(words) > 10:
        return False
    if line[-1] in ".,;:!?" or not line[0].isupper():
        return False
    if line.isupper():
        return True
    return _title_case(words) or is_short_title(line)


def _title_case(words: list[str]) -> bool:
    major = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    return bool(major) and sum(w[0].isupper() for w in major) >= 0.75 * len(major)


def is_short_title(line: str) -> bool:
    """A few words in sentence case, none a verb or a subject, no final punctuation:
    "Cybersecurity program", "Third-party risk management". It heads prose; a run of such
    lines is a list ("Identification of assets", "Assessment of threats"), see ``titles``."""
    words = line.split()
    return (bool(words) and len(words) <= _SHORT_TITLE_WORDS and line[0].isupper()
            and line[-1] not in ".,;:!?"
            and not any(w.lower().strip("\u2019'") in _SENTENCE_WORDS for w in words))


def heads_prose(title: str, following: str) -> bool:
    """Does a title-like line head ``following``? A sentence-case one does not when the next
    line is one too: both are lines of a list."""
    return _title_case(title.split()) or not is_short_title(following)


class BlockBuilder:
    """Accumulates blocks joined by newlines into Document.text, with their anchors."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.offset = 0

    def add(self, kind: BlockKind, pieces: Sequence[tuple[str, Location]], level: int = 0) -> None:
        """Add one block made of ``pieces`` (each text with the source location of its first
        character), joined by single spaces."""
        anchors: list[Anchor] = []
        parts: list[str] = []
        pos = 0
        for text, location in pieces:
            if not text:
                continue
            if parts:
                pos += 1
            anchors.append(Anchor(pos, location))
            parts.append(text)
            pos += len(text)
        if not parts:
            return
        body = " ".join(parts)
        self.blocks.append(Block(kind, body, self.offset, tuple(anchors), level))
        self.offset += len(body) + 1

    def add_exact(self, kind: BlockKind, text: str, anchors: Sequence[Anchor],
                  level: int = 0) -> None:
        """Add a block whose text and anchors are already built (an empty text adds nothing)."""
        if text:
            self.blocks.append(Block(kind, text, self.offset, tuple(anchors), level))
            self.offset += len(text) + 1

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def piece(line: str, lineno: int, start: int = 0) -> tuple[str, Location]:
    """The text of ``line`` from ``start``, stripped, with the location of its first character."""
    body = line[start:]
    stripped = body.strip()
    column = start + len(body) - len(body.lstrip()) + 1
    return stripped, Location(lineno, column)


def plain_titles(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Paragraphs written as titles without any heading mark (a Word paragraph in Normal
    style: "Cybersecurity program", "Board Oversight") become headings when prose follows
    them; a run of such lines is a list and stays as it is."""
    out = list(blocks)
    for i, block in enumerate(blocks[:-1]):
        following = blocks[i + 1]
        if (block.kind is BlockKind.PARAGRAPH and is_title_like(block.text)
                and following.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
                and not is_title_like(following.text)):
            out[i] = dataclasses.replace(block, kind=BlockKind.HEADING, level=TITLE_LEVEL)
    return tuple(out)


def form_of(blocks: Sequence[Block]) -> str | None:
    """The form a draft names in a heading: Item 16K → 20-F, Item 1C → 10-K, Item 1.05 → 8-K."""
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            continue
        form = form_of_text(block.text)
        if form:
            return form
    return None


_FORM_ITEM = re.compile(r"\bitem\s*(16k|1c|1\.05)\b", re.IGNORECASE)
_FORMS = {"16k": "20-F", "1c": "10-K", "1.05": "8-K"}


def form_of_text(text: str) -> str | None:
    found = _FORM_ITEM.search(text)
    return _FORMS[found.group(1).lower()] if found else None
