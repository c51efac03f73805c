"""Choose a parser from an input's content first and its file name second."""

from __future__ import annotations

import re

from linter.inputs import Source

_ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|body|div|p|table|h[1-6])\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)\b|</(?:p|div|td)>", re.IGNORECASE)
_RPAGE = re.compile(r"^\|.*\[(?:Text Block|Flag)\]\s*$", re.MULTILINE)
_MD_SYNTAX = re.compile(r"^(?:#{1,6} \S|[-*+] \S|\d+\. \S|> \S|\|.*\|\s*$)", re.MULTILINE)

_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown",
    ".htm": "html", ".html": "html", ".xhtml": "html",
    ".docx": "docx",
}


def detect_format(source: Source) -> str:
    """The parser name for ``source``. Content wins over the extension where they disagree
    (a .txt saved from a browser is HTML; a .html that is a zip is not HTML)."""
    head = source.data[:65536]
    suffix = _suffix(source.path)
    if head.startswith(_ZIP_MAGIC) or suffix == ".docx":
        return "docx"
    if _HTML_START.match(head) or (suffix in (".htm", ".html", ".xhtml") and _HTML_ANYWHERE.search(head)):
        return "html"
    sample = head.decode("utf-8", "replace").lstrip("\ufeff")
    if _RPAGE.search(sample):
        return "rpage"
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if _MD_SYNTAX.search(sample) and re.search(r"^#{1,6} \S", sample, re.MULTILINE):
        return "markdown"
    return "text"


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name[name.rfind("."):] if "." in name else ""
