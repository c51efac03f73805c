"""Plain text: paragraphs separated by blank lines; short title-like lines become headings."""

from __future__ import annotations

from linter.inputs import Source, decode_text
from linter.model import Anchor, Block, BlockKind, Document, Location


def parse(source: Source) -> Document:
    text = decode_text(source)
    blocks: list[Block] = []
    offset = 0
    lines = text.splitlines()
    para: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal offset
        if not para:
            return
        anchors, parts, pos = [], [], 0
        for lineno, line in para:
            stripped = line.strip()
            col = len(line) - len(line.lstrip()) + 1
            if parts:
                pos += 1
            anchors.append(Anchor(pos, Location(lineno, col)))
            parts.append(stripped)
            pos += len(stripped)
        body = " ".join(parts)
        blocks.append(Block(BlockKind.PARAGRAPH, body, offset, tuple(anchors)))
        offset += len(body) + 1
        para.clear()

    for lineno, line in enumerate(lines, 1):
        if line.strip():
            para.append((lineno, line))
        else:
            flush()
    flush()
    joined = "\n".join(b.text for b in blocks)
    return Document(path=source.path, format="text", text=joined, blocks=tuple(blocks))
