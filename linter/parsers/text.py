"""Plain text: paragraphs between blank lines; item and title-like lines as headings; list items."""

from __future__ import annotations

import dataclasses
import re

from linter.inputs import Source, decode
from linter.model import Block, BlockKind, Comment, Document, Location
from linter.parsers.blocks import (
    LINE_BREAK,
    TITLE_LEVEL,
    BlockBuilder,
    form_of,
    heads_prose,
    is_title_like,
    piece,
)

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


def is_item_heading(line: str) -> bool:
    """A short line naming a form item: the heading of a filing section."""
    return len(line) <= 120 and ITEM_HEADING.fullmatch(line) is not None


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
        if block.kind is BlockKind.HEADING and block.level == TITLE_LEVEL and not heads_prose(
                block.text, blocks[i + 1].text):
            out[i] = dataclasses.replace(block, kind=BlockKind.PARAGRAPH, level=0)
    return tuple(out)


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
        builder.add(BlockKind.HEADING, [piece(line, lineno)], level=TITLE_LEVEL)
        return 1
    return 0


def _is_bare_item(text: str) -> bool:
    return re.fullmatch(r"(?:part\s+[ivx]+\W*)?item\s*\S+", text, re.IGNORECASE) is not None
