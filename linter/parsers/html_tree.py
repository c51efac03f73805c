"""Load HTML or Inline XBRL bytes into an lxml tree safely: no entities, no DTD, no network."""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from linter.errors import InputError
from linter.inputs import Source, decode_text

# EDGAR wraps each document of a submission in SGML (<XBRL>, <DOCUMENT>, <TEXT>); the XML
# declaration then no longer opens the file, so the wrapper is cut before parsing.
_XML_START = re.compile(rb"<\?xml\b|<html\b", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+\w+\s*(?:(SYSTEM|PUBLIC)\s*(\"[^\"]*\"|'[^']*')"
                      rb"\s*(\"[^\"]*\"|'[^']*')?)?\s*(\[)?", re.IGNORECASE)
# The W3C (X)HTML DTDs are named by every well-formed EDGAR document of the 2000s; they are
# never loaded (load_dtd=False), so naming them is harmless. Any other external DTD is refused.
_W3C_PUBLIC = re.compile(rb"^[\"']-//W3C//DTD (?:X?HTML|XHTML)\b", re.IGNORECASE)
_W3C_SYSTEM = re.compile(rb"^[\"']https?://www\.w3\.org/TR/", re.IGNORECASE)
_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")
_HEAD = 65536  # a lower-case doctype is looked for this far
_XML_HINT = re.compile(rb"^\s*<\?xml\b|xmlns:ix\s*=|xmlns\s*=\s*[\"']http://www\.w3\.org/1999/xhtml")


@dataclass(frozen=True)
class Tree:
    """A parsed tree, whether it came from the XML parser, and how to map its lines back."""

    root: Any  # lxml.etree._Element (lxml is imported lazily, so not named here)
    xml: bool
    line_offset: int  # lines cut before the parsed slice (EDGAR's SGML wrapper)
    raw: bytes  # the parsed slice, for computing columns

    @cached_property
    def lines(self) -> Lines:
        """The parsed slice's lines."""
        return Lines(self.raw)


class Lines(Sequence[bytes]):
    """The lines of a source, cut out as they are asked for: an EDGAR filing holds a few
    megabyte lines, of which only one or two are ever read."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        starts = [0]
        at = raw.find(b"\n")
        while at >= 0:
            starts.append(at + 1)
            at = raw.find(b"\n", at + 1)
        self.starts = starts
        self.cut: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, index: int) -> tuple[int, int]:
        """Where line ``index`` (0-based) starts and ends in the source, without its newline."""
        start = self.starts[index]
        return start, self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.raw)

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...

    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.starts)
        line = self.cut.get(index)
        if line is None:
            start = self.starts[index]  # IndexError past the end, as a list
            end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.raw)
            line = self.cut[index] = self.raw[start:end]
        return line


def load(source: Source) -> Tree:
    """Parse ``source`` as XHTML when it is XML (Inline XBRL always is), else as HTML."""
    from lxml import etree

    data = _ascii_compatible(source)
    refuse_entities(source.path, data)
    data, line_offset = _unwrap(data)
    if _XML_HINT.search(data[:4096]):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 remove_comments=True, remove_pis=True, huge_tree=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            return Tree(root, True, line_offset, data)
    # XML that does not parse (a truncated filing) is read as HTML, whose parser refuses text
    # carrying an encoding declaration: blank it out, keeping every offset.
    text = _XML_DECLARATION.sub(lambda m: " " * len(m.group()),
                                decode_text(Source(source.path, data)), count=1)
    hparser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text, hparser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(source.path, f"not readable as HTML: {exc}") from None
    if root is None:
        raise InputError(source.path, "not readable as HTML: no elements")
    return Tree(root, False, line_offset, data)


def refuse_entities(path: str, data: bytes) -> None:
    """Refuse entity declarations and external DTDs before any parser sees them (XXE,
    billion laughs). EDGAR documents never declare entities."""
    exact = folded = -1  # the first <!DOCTYPE, and the first in any case in the head
    at = data.find(b"!")  # rare in markup and text, so one fast scan finds every "<!"
    while at >= 0:
        if at and data[at - 1] == 0x3C:
            word = data[at + 1 : at + 8]
            if word[:6] in (b"ENTITY", b"entity"):
                raise InputError(path, "declares XML entities; refused for safety")
            if exact < 0 and word == b"DOCTYPE":
                exact = at - 1
            if folded < 0 and at + 8 <= _HEAD and word.lower() == b"doctype":
                folded = at - 1
        at = data.find(b"!", at + 1)
    start = exact if exact >= 0 else folded
    if start < 0:
        return
    m = _DOCTYPE.match(data, start)
    if m is None:
        return
    if m.group(4):
        raise InputError(path, "declares an internal DTD subset; refused for safety")
    keyword, first, second = m.group(1), m.group(2), m.group(3)
    if keyword is None:
        return
    public = keyword.upper() == b"PUBLIC"
    system = second if public else first
    w3c_system = system is None or _W3C_SYSTEM.match(system)
    if public and first and _W3C_PUBLIC.match(first) and w3c_system:
        return
    if not public and system and _W3C_SYSTEM.match(system):
        return
    raise InputError(path, "references an external DTD or system entity; refused for safety")


def _ascii_compatible(source: Source) -> bytes:
    """UTF-16/32 input re-encoded as UTF-8 so that byte-level checks see its markup."""
    data = source.data
    if data.startswith(_UTF16_32):
        text = decode_text(source)
        text = re.sub(r"^(\s*<\?xml[^>]*?)\sencoding=[\"'][^\"']*[\"']", r"\1", text)
        return text.encode("utf-8")
    return data


def _unwrap(data: bytes) -> tuple[bytes, int]:
    """Cut EDGAR's SGML wrapper; return the document and the number of lines cut before it."""
    head = data[:4096].lstrip()
    if head[:1] != b"<" or not re.match(rb"<(?:XBRL|DOCUMENT|TEXT|SEC-DOCUMENT)>", head, re.I):
        return data, 0
    m = _XML_START.search(data)
    if m is None:
        return data, 0
    end = max(data.rfind(b"</html>"), data.rfind(b"</HTML>"))
    stop = end + len(b"</html>") if end > m.start() else len(data)
    return data[m.start() : stop], data.count(b"\n", 0, m.start())
