"""Read Inline XBRL facts: every ``cyd`` flag and text block, and the ``dei`` cover facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from linter.model import Fact, Location
from linter.parsers.html_text import BLOCK_TAGS, IX_NAMESPACES, collapse, local_name

# Any taxonomy year (cyd/2024, cyd/2025, …); the prefix is whatever the filer declared.
_CYD = re.compile(r"^http://xbrl\.sec\.gov/cyd/\d{4}(?:-\d\d-\d\d)?/?$")
_DEI = re.compile(r"^http://xbrl\.sec\.gov/dei/\d{4}(?:-\d\d-\d\d)?/?$")
# ixt:fixed-true / fixed-false (any transformation registry version or prefix), and the
# older booleantrue / booleanfalse.
_FIXED = {"fixed-true": "true", "fixed-false": "false", "booleantrue": "true",
          "booleanfalse": "false"}
_DEI_KEPT = frozenset({"DocumentType", "DocumentFiscalYearFocus", "DocumentPeriodEndDate",
                       "EntityRegistrantName", "AmendmentFlag", "DocumentFiscalPeriodFocus"})
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


def read_facts(root: Any, line_offset: int = 0) -> Facts:
    """Facts of the tree rooted at ``root`` (an lxml element parsed as XML, namespaces kept)."""
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
        line = (element.sourceline or 1) + line_offset
        cyd.append(Fact(name=name, value=value, namespace=uri, location=Location(line, 1)))
    return Facts(tuple(cyd), tuple(dei), inline)


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
