"""Find where a full filing's item headings are in the source and walk only those stretches."""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Iterator
from typing import Any

from linter.parsers.html_blocks import DISPLAY
from linter.parsers.html_text import BLOCK_TAGS, HIDDEN_TAGS, local_name

# "Item 1C", "Item 16K", "Item 1.05" as they may stand in the source: any markup, entity,
# space or non-ASCII byte between the words. A superset of what the block text matches.
_GAP = rb"(?:\s|&#?\w{1,8};|[\x80-\xff]|<[^<>]{0,400}>)*"
_NUMBER = _GAP + rb"1" + _GAP + rb"(?:[cC]|6" + _GAP + rb"[kK]|\." + _GAP + rb"05)"
# One pattern per spelling: a literal start lets the regular expression engine skip ahead
# fast, where a case-insensitive one reads every byte (ten times slower).
_CANDIDATES = tuple(re.compile(word + _NUMBER) for word in (b"Item", b"ITEM", b"item"))
_TAG_NAME = re.compile(rb"<([A-Za-z][\w:.-]*)")
_HIDDEN_LOCALS = frozenset(t.rpartition("}")[2].lower() for t in HIDDEN_TAGS)
_STYLED = frozenset({"div", "p", "table", "section"})  # the tags whose display is read


def candidates(root: Any, raw: bytes) -> Iterator[tuple[Any, int]]:
    """Each place the source names an item that may head the disclosure, as the element
    whose start tag precedes it and that tag's byte offset, in document order. The n-th
    start tag of an XML source is the n-th element of its tree."""
    from lxml import etree

    elements = root.iter(etree.Element)
    # "<!" and "<?" (declarations, comments) are rare; "!" and "?" are found fast.
    others = sorted(_after_lt(raw, b"!") + _after_lt(raw, b"?"))
    counted = 0  # start tags before ``scanned``
    scanned = 0
    seen = -1
    for at in heapq.merge(*((m.start() for m in p.finditer(raw)) for p in _CANDIDATES)):
        counted += (raw.count(b"<", scanned, at) - raw.count(b"</", scanned, at)
                    - (bisect.bisect_left(others, at) - bisect.bisect_left(others, scanned)))
        scanned = at
        if counted - 1 <= seen:
            continue  # the same element names the item again
        element = next(itertools.islice(elements, counted - 1 - seen - 1, None), None)
        seen = counted - 1
        tag_at = _last_start_tag(raw, at)
        if element is None or tag_at < 0:
            return
        name = _TAG_NAME.match(raw, tag_at)
        if name is None or local_name(name.group(1).decode("ascii")) != _local(element):
            raise LookupError("source and tree disagree")  # a comment holding a tag, …
        yield element, tag_at


def tag_offset(raw: bytes, ancestor: Any, element: Any, at: int) -> int:
    """Byte offset of the start tag of ``ancestor``, given ``element`` (itself or a
    descendant) whose start tag is at ``at``: as many start tags back as elements between."""
    from lxml import etree

    for el in ancestor.iter(etree.Element):
        if el is element:
            break
        at = _last_start_tag(raw, at)
    return max(at, 0)


def _after_lt(raw: bytes, mark: bytes) -> list[int]:
    """Offsets of every ``<`` followed by ``mark``."""
    found = []
    at = raw.find(mark, 1)
    while at >= 0:
        if raw[at - 1] == 0x3C:
            found.append(at - 1)
        at = raw.find(mark, at + 1)
    return found


def _last_start_tag(raw: bytes, end: int) -> int:
    at = raw.rfind(b"<", 0, end)
    while at >= 0 and raw[at + 1 : at + 2] in (b"/", b"!", b"?"):
        at = raw.rfind(b"<", 0, at)
    return at


def _local(element: Any) -> str:
    return local_name(element.tag) if isinstance(element.tag, str) else ""


def hidden(element: Any) -> bool:
    """Is ``element`` left out of the text (head, script, ix:header …, display:none)?"""
    local = _local(element)
    if local in _HIDDEN_LOCALS:
        return True
    return local in _STYLED and _display(element) == "none"


def _display(element: Any) -> str:
    style = element.get("style")
    if not style or "display" not in style:
        return ""
    m = DISPLAY.search(style)
    return m.group(1).lower() if m else ""


def block_start(element: Any) -> tuple[Any, list[tuple[Any, str]]] | None:
    """The block element a text inside ``element`` belongs to, and the block elements that
    enclose it (outermost first); None when the text is hidden."""
    chain = [element, *element.iterancestors()]
    if any(hidden(e) for e in chain):
        return None
    blocks = [(e, local) for e in chain if (local := _block_local(e))]
    if not blocks:
        return None
    return blocks[0][0], blocks[:0:-1]


def enclosing(element: Any) -> list[tuple[Any, str]]:
    """The block elements around ``element``, outermost first."""
    return [(e, local) for e in reversed(list(element.iterancestors()))
            if (local := _block_local(e))]


def _block_local(element: Any) -> str:
    """The local name of a block element ("" for inline ones); a block shown inline is
    renamed an inline span, as the whole-tree walk does."""
    local = _local(element)
    if local not in BLOCK_TAGS:
        return ""
    if local in _STYLED and _display(element) == "inline":
        element.tag = "span"
        return ""
    return local


def events_from(start: Any) -> Iterator[tuple[str, Any]]:
    """Walk events from ``start`` to the end of the document, as ``etree.iterwalk`` over the
    whole cleaned tree would give them: hidden parts left out (their tails kept), blocks
    shown inline read as inline markup."""
    node, sibling = start, start
    while node is not None:
        while sibling is not None:
            following = sibling.getnext()
            yield from _subtree(sibling)
            sibling = following
        node = node.getparent()
        if node is not None:
            yield "end", node
            sibling = node.getnext()


def _subtree(element: Any) -> Iterator[tuple[str, Any]]:
    from lxml import etree

    if not isinstance(element.tag, str) or hidden(element):
        yield "tail", element
        return
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, el in walker:
        if event == "start" and el is not element and hidden(el):
            walker.skip_subtree()
            yield "tail", el
            continue
        if event == "end" and el is not element and hidden(el):
            continue
        if _local(el) in _STYLED and _display(el) == "inline":
            el.tag = "span"
        yield event, el
