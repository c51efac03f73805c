"""Read Inline XBRL facts: every ``cyd`` flag and text block, and the ``dei`` cover facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from linter.model import Fact, Location
from linter.parsers.html_text import BLOCK_TAGS, IX_NAMESPACES, collapse, local_name
from linter.parsers.html_tree import Lines

# Any taxonomy year (cyd/2024, cyd/2025, …); the prefix is whatever the filer declared.
_CYD = re.compile(r"^http://xbrl\.sec\.gov/cyd/\d{4}(?:-\d\d-\d\d)?/?$")
_DEI = re.compile(r"^http://xbrl\.sec\.gov/dei/\d{4}(?:-\d\d-\d\d)?/?$")
# ixt:fixed-true / fixed-false (any transformation registry version or prefix), and the
# older booleantrue / booleanfalse.
_FIXED = {"fixed-true": "true", "fixed-false": "false", "booleantrue": "true",
          "booleanfalse": "false"}
_DEI_KEPT = frozenset({"DocumentType", "DocumentFiscalYearFocus", "DocumentPeriodEndDate",
                       "EntityRegistrantName", "EntityCentralIndexKey", "AmendmentFlag",
                       "DocumentFiscalPeriodFocus"})
# The cyd and dei taxonomies hold flags, text blocks, dates and strings: all ix:nonNumeric.
_FACT_TAGS = tuple(f"{{{ns}}}nonNumeric" for ns in sorted(IX_NAMESPACES))
_BREAK = "\x00"  # a block boundary; source newlines inside a paragraph are only spaces
_CONTINUATION_TAGS = tuple(f"{{{ns}}}continuation" for ns in sorted(IX_NAMESPACES))


@dataclass(frozen=True)
class Facts:
    """What the Inline XBRL of one document tags: cyd facts and the kept dei facts."""

    cyd: tuple[Fact, ...]
    dei: tuple[tuple[str, str], ...]
    inline: bool  # the document carries Inline XBRL at all


def read_facts(root: Any, line_offset: int = 0, raw: bytes = b"",
               lines: Lines | None = None) -> Facts:
    """Facts of the tree rooted at ``root`` (an lxml element parsed as XML, namespaces kept).
    ``raw``, the parsed bytes (split in ``lines`` when given), gives each fact the column of
    its tag."""
    namespaces: dict[str, str | None] = {}
    continuations: dict[str, Any] = {}
    found: list[Any] = []
    inline = any(uri in IX_NAMESPACES for uri in root.nsmap.values())
    for element in root.iter(*_FACT_TAGS, *_CONTINUATION_TAGS):  # one pass for both
        if element.tag in _CONTINUATION_TAGS:
            continuations[element.get("id")] = element
        else:
            found.append(element)
    cyd: list[Fact] = []
    dei: list[tuple[str, str]] = []
    columns = _Columns(raw, lines)
    for element in found:
        inline = True
        prefix, _, name = (element.get("name") or "").rpartition(":")
        known = prefix in namespaces
        uri = namespaces[prefix] if known else _resolve(element, prefix, namespaces)
        if uri is None:
            continue
        if _DEI.match(uri):
            if name in _DEI_KEPT:
                dei.append((f"dei:{name}", collapse("".join(element.itertext()))))
            continue
        value = _value(element, name, continuations)
        line = element.sourceline or 1
        location = Location(line + line_offset, columns.find(line, element.get("name")))
        cyd.append(Fact(name=name, value=value, namespace=uri, location=location))
    return Facts(tuple(cyd), tuple(dei), inline)


class _Columns:
    """Columns of fact tags on their source line: EDGAR files put a document on a few long
    lines, where a line number alone points nowhere."""

    def __init__(self, raw: bytes, lines: Lines | None = None) -> None:
        self.raw = raw
        self.lines = lines
        # Facts come in document order: each is searched for after the one before on its
        # line (a megabyte line is not read again from its start for every fact).
        self.after: dict[int, int] = {}

    def find(self, line: int, qname: str) -> int:
        if not self.raw:
            return 1
        if self.lines is None:
            self.lines = Lines(self.raw)
        if not 0 < line <= len(self.lines):
            return 1
        base, stop = self.lines.span(line - 1)
        name = f'name="{qname}"'.encode("ascii", "replace")
        start = self.after.get(line, base)
        at = self.raw.find(name, start, stop)
        if at < 0 and start > base:
            at = self.raw.find(name, base, stop)
        if at < 0:
            return 1
        self.after[line] = at + 1
        tag = self.raw.rfind(b"<", base, at)
        return (tag if tag >= 0 else at) - base + 1


def _resolve(element: Any, prefix: str, cache: dict[str, str | None]) -> str | None:
    """The namespace of a QName prefix, cached when the root declares it (as EDGAR files do)."""
    uri = element.nsmap.get(prefix or None)
    wanted = uri if uri is not None and (_CYD.match(uri) or _DEI.match(uri)) else None
    if uri is not None and element.getroottree().getroot().nsmap.get(prefix or None) == uri:
        cache[prefix] = wanted
    return wanted


def _value(element: Any, name: str, continuations: dict[str, Any]) -> str:
    fmt = (element.get("format") or "").rpartition(":")[2].lower()
    if fmt in _FIXED:
        return _FIXED[fmt]
    text = "\n".join(_block_texts(_chain(element, continuations)))
    if name.endswith("Flag") and text.lower() in ("true", "false"):
        return text.lower()
    return text


def _chain(element: Any, continuations: dict[str, Any]) -> Iterator[Any]:
    """The fact element, then each ix:continuation its ``continuedAt`` chain names, in order."""
    seen: set[str] = set()
    while element is not None:
        yield element
        next_id = element.get("continuedAt")
        if not next_id or next_id in seen:
            return
        seen.add(next_id)
        element = continuations.get(next_id)


def _block_texts(elements: Iterator[Any]) -> Iterator[str]:
    """Text of the elements, one collapsed line per HTML block; ix:exclude content left out."""
    from lxml import etree

    for top in elements:
        parts: list[str] = []
        walker = etree.iterwalk(top, events=("start", "end"))
        for event, el in walker:
            local = local_name(el.tag) if isinstance(el.tag, str) else ""
            if event == "start":
                if local == "exclude":
                    walker.skip_subtree()  # its end event still comes, with the tail
                    continue
                if local in BLOCK_TAGS or local == "br":
                    parts.append(_BREAK)
                parts.append(el.text or "")
            else:
                if local in BLOCK_TAGS:
                    parts.append(_BREAK)
                if el is not top:
                    parts.append(el.tail or "")
        for line in "".join(parts).split(_BREAK):
            line = collapse(line)
            if line:
                yield line
