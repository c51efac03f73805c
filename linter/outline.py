"""Sections from heading levels: a section runs to the next heading of its level or above."""

from __future__ import annotations

from collections.abc import Sequence

from linter.model import Block, BlockKind, Section


def sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """One section per heading, in document order; ``first`` is the heading's index, ``end``
    the index of the next heading at the same or a higher level (a lower number)."""
    headings = [(i, b) for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING]
    out: list[Section] = []
    for n, (index, block) in enumerate(headings):
        level = block.level or 1
        later = (j for j, other in headings[n + 1 :] if (other.level or 1) <= level)
        end = next(later, len(blocks))
        out.append(Section(title=block.text, level=level, heading=index, first=index, end=end))
    return tuple(out)


def children(outline: Sequence[Section], parent: Section) -> tuple[Section, ...]:
    """The sections directly inside ``parent`` (one level down, whatever the level numbers)."""
    inside = [s for s in outline if parent.first < s.first < parent.end]
    return tuple(s for s in inside if not any(o.first < s.first < o.end for o in inside))
