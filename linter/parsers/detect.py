"""Choose a parser from an input's content first and its file name second."""

from __future__ import annotations

import re

from linter.inputs import BOMS, Source, bomless_utf16

_ZIP_MAGIC = b"PK\x03\x04"
# A comment's body never runs past its own "-->", and nothing is given back once matched:
# with ".*?" bodies, a run of comments not followed by markup (a header repeated in a damaged
# file) could be split in exponentially many ways before the match failed.
_HTML_START = re.compile(
    r"\s*+(?:<\?xml[^>]*+>\s*+)?+(?:<!--(?:[^-]|-(?!->))*+-->\s*+)*+"
    r"<(?:!doctype\s+html|html|body|div|p|table|h[1-6])\b",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body)\b|</(?:p|div|td)>", re.IGNORECASE)
_RPAGE = re.compile(r"^\|.*\[(?:Text Block|Flag)\]\s*$", re.MULTILINE)
# An ATX heading that is not a plain-text suppression comment ("# disclosure-lint: …").
_MD_HEADING = re.compile(r"^#{1,6} (?!\s*disclosure-lint\s*:)\S", re.MULTILINE | re.IGNORECASE)
_HTML_SUFFIXES = (".htm", ".html", ".xhtml")
_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown",
    ".htm": "html", ".html": "html", ".xhtml": "html",
    ".docx": "docx",
    ".txt": "text", ".text": "text",
}
FORMATS = ("text", "markdown", "html", "docx", "rpage")


def detect_format(source: Source) -> str:
    """The parser name for ``source``. Content wins over the extension where they disagree
    (a .txt saved from a browser is HTML; a .txt saved from the EDGAR viewer is an R page)."""
    suffix = _suffix(source.path)
    if source.data.startswith(_ZIP_MAGIC) or suffix == ".docx":
        return "docx"
    sample = _sample(source.data[:65536])
    if _HTML_START.match(sample) or (suffix in _HTML_SUFFIXES and _HTML_ANYWHERE.search(sample)):
        return "html"
    if _RPAGE.search(sample):
        return "rpage"
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return "markdown" if _MD_HEADING.search(sample) else "text"


def _sample(head: bytes) -> str:
    """The start of the input as text, decoded leniently (its BOM's codec, UTF-16 recognised by
    its NUL pattern, else UTF-8)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "replace")
    return head.decode(bomless_utf16(head) or "utf-8", "replace")


def _suffix(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""
