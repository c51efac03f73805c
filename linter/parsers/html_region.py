"""Find where a full filing's item headings are in the source and walk only those stretches."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from linter.parsers.html_blocks import DISPLAY
from linter.parsers.html_text import BLOCK_TAGS, HIDDEN_TAGS, local_name

# "Item 1C", "Item 16K", "Item 1.05" as they may stand in the source: any markup, entity,
# space or non-ASCII byte between the words. A superset of what the block text matches.
_GAP = rb"(?:\s|&#?\w{1,8};|[\x80-\xff]|<[^<>]{0,400}>)*"
# Matched in lower-cased source: a literal start lets the regular expression engine skip
# ahead fast, where a case-insensitive pattern reads every byte (ten times slower).
_CANDIDATE = re.compile(rb"item" + _GAP + rb"1" + _GAP + rb"(?:c|6" + _GAP + rb"k|\." + _GAP
                        + rb"05)")
_WINDOW = 1 << 18  # bytes lower-cased at a time: the source is read only as far as needed
_OVERLAP = 2048  # a mention that starts in one window may end in the next
_ENTITY = re.compile(rb"&#?\w+;")
_WORD = re.compile(r"[A-Za-z0-9]+")
_TAG_NAME = re.compile(rb"<([A-Za-z][\w:.-]*)")
_HIDDEN_LOCALS = frozenset(t.rpartition("}")[2].lower() for t in HIDDEN_TAGS)
_STYLED = frozenset({"div", "p", "table", "section"})  # the tags whose display is read


def candidates(root: Any, raw: bytes) -> Iterator[tuple[Any, int]]:
    """Each place the source names an item that may head the disclosure, as the element
    whose start tag precedes it and that tag's byte offset, in document order. The n-th
    ``<span`` of an XML source is the n-th span of its tree; comments or CDATA holding
    tags would break that, and raise LookupError."""
    previous = None
    for at in _mentions(raw, max(raw.find(b"</ix:header>"), 0)):
        tag_at = _last_start_tag(raw, at)
        name = _TAG_NAME.match(raw, tag_at) if tag_at >= 0 else None
        if name is None:
            raise LookupError("no start tag before the text")
        qname = name.group(1)
        prefix, _, local = qname.decode("ascii").rpartition(":")
        uri = root.nsmap.get(prefix or None)
        nth = len(_start_tag(qname).findall(raw, 0, tag_at))
        element = next(itertools.islice(root.iter(f"{{{uri}}}{local}" if uri else local), nth,
                                        None), None)
        if element is None or not _first_word(raw[name.end() : raw.find(b"<", name.end())],
                                              element.text):
            raise LookupError("source and tree disagree")
        if element is not previous:
            previous = element
            yield element, tag_at


@lru_cache(maxsize=64)
def _start_tag(qname: bytes) -> re.Pattern[bytes]:
    return re.compile(b"<" + re.escape(qname) + rb"[\s/>]")


def _first_word(source: bytes, text: str | None) -> bool:
    """Do the source after a start tag (attributes, then text) and the element's text
    start with the same word?"""
    content = _ENTITY.sub(b" ", source.partition(b">")[2])
    ours = _WORD.search(content.decode("ascii", "replace"))
    theirs = _WORD.search(text or "")
    return (ours and ours.group()) == (theirs and theirs.group())


def tag_offset(raw: bytes, ancestor: Any, element: Any, at: int) -> int:
    """Byte offset of the start tag of ``ancestor``, given ``element`` (itself or a
    descendant) whose start tag is at ``at``: as many start tags back as elements between."""
    from lxml import etree

    for el in ancestor.iter(etree.Element):
        if el is element:
            break
        at = _last_start_tag(raw, at)
    return max(at, 0)


def _mentions(raw: bytes, begin: int = 0) -> Iterator[int]:
    """Offsets of the candidate mentions from ``begin`` on, in order."""
    for start in range(begin, len(raw), _WINDOW):
        window = raw[start : start + _WINDOW + _OVERLAP].lower()
        for m in _CANDIDATE.finditer(window):
            if m.start() >= _WINDOW:
                break
            yield start + m.start()


def _last_start_tag(raw: bytes, end: int) -> int:
    at = raw.rfind(b"<", 0, end)
    while at >= 0 and raw[at + 1 : at + 2] in (b"/", b"!", b"?"):
        at = raw.rfind(b"<", 0, at)
    return at


_LOCALS: dict[Any, str] = {}  # qualified tag -> local name ("" for comments, entities)


def _local(element: Any) -> str:
    tag = element.tag
    known = _LOCALS.get(tag)
    if known is None:
        known = _LOCALS[tag] = local_name(tag) if isinstance(tag, str) else ""
    return known


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
    """The local name of a block element; "" for inline ones, blocks shown inline among
    them (the whole-tree walk renames those spans; here the tree is left as it is, since
    the source's tags are still counted against it)."""
    local = _local(element)
    if local not in BLOCK_TAGS or (local in _STYLED and _display(element) == "inline"):
        return ""
    return local


def events_from(start: Any) -> Iterator[tuple[str, Any]]:
    """Walk events from ``start`` to the end of the document, as ``etree.iterwalk`` over the
    whole cleaned tree would give them: hidden parts left out (``tail``: their tails
    kept), blocks shown inline read as inline markup (``inline-start``, ``inline-end``)."""
    node, sibling = start, start
    while node is not None:
        while sibling is not None:
            following = sibling.getnext()
            yield from _subtree(sibling)
            sibling = following
        node = node.getparent()
        if node is not None:
            yield ("inline-end" if _shown_inline(node) else "end"), node
            sibling = node.getnext()


def _shown_inline(element: Any) -> bool:
    return _local(element) in _STYLED and _display(element) == "inline"


def _subtree(element: Any) -> Iterator[tuple[str, Any]]:
    from lxml import etree

    if hidden(element) or not _local(element):
        yield "tail", element
        return
    walker = etree.iterwalk(element, events=("start", "end"))
    skipped = None
    for event, el in walker:
        local = _local(el)
        if local in _STYLED:
            display = _display(el)
            if display == "none":
                if event == "start":
                    walker.skip_subtree()
                    yield "tail", el
                continue  # its end event comes after the skip
            if display == "inline":
                yield ("inline-start" if event == "start" else "inline-end"), el
                continue
        elif local in _HIDDEN_LOCALS or not local:
            if event == "start":
                if local:
                    walker.skip_subtree()
                    skipped = el
                yield "tail", el
            elif el is not skipped and local:
                yield "tail", el
            continue
        yield event, el
