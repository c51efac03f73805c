"""Split blocks into sentences, keeping offsets."""

from __future__ import annotations

import re

from linter.model import Block, Sentence

_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")


def split_blocks(blocks: tuple[Block, ...]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for i, block in enumerate(blocks):
        start = 0
        for m in _END.finditer(block.text):
            out.append(Sentence(block.text[start:m.start()], block.start + start, block.start + m.start(), i))
            start = m.end()
        if block.text[start:].strip():
            out.append(Sentence(block.text[start:], block.start + start, block.end, i))
    return tuple(out)
