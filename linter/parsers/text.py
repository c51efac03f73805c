"""Plain text: paragraphs between blank lines; item and title-like lines as headings; list items."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from linter.inputs import Source, decode
from linter.model import Anchor, Block, BlockKind, Comment, Document, Location

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# "Item 1C. Cybersecurity", "ITEM 16K. CYBERSECURITY", "Part I, Item 1.05 Material …", "ITEM 1C."
ITEM_HEADING = re.compile(
    r"(?:part\s+[ivx]+\s*[.,:\u2013\u2014-]?\s*)?item\s*\d{1,2}[a-z]?(?:\.\d{2})?\s*[.:\u2013\u2014-]?(?:\s*\S.*)?",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(
    r"(?:[-*\u2022\u00b7\u25aa\u25e6\u2013]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)|\d{1,2}\.|[a-z]\.)\s+(?=\S)"
)
_COMMENT_LINE = re.compile(r"\s*<!--(.*?)-->\s*|\s*#\s*(disclosure-lint\s*:.*?)\s*")
# "## Governance" in a .txt saved from Markdown
_HASH_HEADING = re.compile(r"\s*(#{1,6})[ \t]+(?=\S)")
_SHORT_TITLE_WORDS = 6
_TITLE_LEVEL = 2  # a title-like line's heading level
_SENTENCE_WORDS = frozenset({  # verbs and subjects: a line holding one is a sentence
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "shall", "may", "can",
    "could", "would", "should", "does", "do", "did", "we", "i", "it", "they", "he", "she", "you"})
_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
                          "the", "to", "with", "its", "our"])


def is_item_heading(line: str) -> bool:
    """A short line naming a form item: the heading of a filing section."""
    return len(line) <= 120 and ITEM_HEADING.fullmatch(line) is not None


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


def parse(source: Source) -> Document:
    decoded = decode(source)
    builder = BlockBuilder()
    comments: list[Comment] = []
    group: list[tuple[int, str]] = []
    lines = LINE_BREAK.split(decoded.text)
    in_comment: tuple[int, int, list[str]] | None = None
    for lineno, line in enumerate(lines, 1):
        if in_comment is not None:
            start_line, column, body = in_comment
            head, closed, _ = line.partition("-->")
            body.append(head)
            if closed:
                joined = " ".join(s.strip() for s in body).strip()
                comments.append(Comment(joined, start_line, column, len(builder.blocks)))
                in_comment = None
            continue
        comment = _COMMENT_LINE.fullmatch(line)
        opening = line.lstrip().startswith("<!--") and "-->" not in line
        if comment or opening or not line.strip():
            _emit_group(builder, group, more_follows=True)
            group = []
            column = len(line) - len(line.lstrip()) + 1
            if comment:
                body_text = (comment.group(1) or comment.group(2) or "").strip()
                comments.append(Comment(body_text, lineno, column, len(builder.blocks)))
            elif opening:
                in_comment = (lineno, column, [line.lstrip()[4:]])
            continue
        group.append((lineno, line))
    _emit_group(builder, group, more_follows=False)
    blocks = _lists_of_short_lines(builder.blocks)
    return Document(path=source.path, format="text", text=builder.text, blocks=blocks,
                    form=form_of(blocks), meta=(("encoding", decoded.encoding),),
                    comments=tuple(comments))


def _lists_of_short_lines(blocks: list[Block]) -> tuple[Block, ...]:
    """Short sentence-case lines followed by another short line are a list's lines, not
    headings: their words are the draft's (a list of activities), not a topic's name."""
    out = list(blocks)
    for i, block in enumerate(blocks[:-1]):
        if block.kind is BlockKind.HEADING and block.level == _TITLE_LEVEL and not heads_prose(
                block.text, blocks[i + 1].text):
            out[i] = dataclasses.replace(block, kind=BlockKind.PARAGRAPH, level=0)
    return tuple(out)


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
            out[i] = dataclasses.replace(block, kind=BlockKind.HEADING, level=_TITLE_LEVEL)
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


def _emit_group(builder: BlockBuilder, group: list[tuple[int, str]], more_follows: bool) -> None:
    """Turn one run of non-blank lines into heading, list-item and paragraph blocks."""
    if not group:
        return
    i = _emit_heading(builder, group, more_follows)
    current: list[tuple[str, Location]] = []
    kind = BlockKind.PARAGRAPH
    for lineno, line in group[i:]:
        indent = len(line) - len(line.lstrip())
        marker = _LIST_MARKER.match(line, indent)
        if marker:
            builder.add(kind, current)
            current, kind = [piece(line, lineno, marker.end())], BlockKind.LIST_ITEM
        else:
            current.append(piece(line, lineno))
    builder.add(kind, current)


def _emit_heading(builder: BlockBuilder, group: list[tuple[int, str]], more_follows: bool) -> int:
    """Emit the group's heading, if it opens with one; return how many lines it took."""
    (lineno, line), rest = group[0], group[1:]
    text = line.strip()
    hashes = _HASH_HEADING.match(line)
    if hashes:
        builder.add(BlockKind.HEADING, [piece(line.rstrip().rstrip("#"), lineno, hashes.end())],
                    level=len(hashes.group(1)))
        return 1
    if is_item_heading(text):
        pieces = [piece(line, lineno)]
        if rest and _is_bare_item(text) and is_title_like(rest[0][1].strip()):
            pieces.append(piece(rest[0][1], rest[0][0]))  # "ITEM 1C." / "CYBERSECURITY"
        builder.add(BlockKind.HEADING, pieces, level=1)
        return len(pieces)
    continues = bool(rest) and rest[0][1].lstrip()[:1].islower()  # a wrapped sentence, not a title
    followed = bool(rest) or more_follows
    if is_title_like(text) and followed and not continues and not _LIST_MARKER.match(text):
        builder.add(BlockKind.HEADING, [piece(line, lineno)], level=_TITLE_LEVEL)
        return 1
    return 0


def _is_bare_item(text: str) -> bool:
    return re.fullmatch(r"(?:part\s+[ivx]+\W*)?item\s*\S+", text, re.IGNORECASE) is not None
