"""The parser registry: one module per input format, chosen by content and extension."""

from __future__ import annotations

from typing import Protocol

from linter.inputs import Source
from linter.model import Document
from linter.registry import load


class Parser(Protocol):
    def __call__(self, source: Source) -> Document: ...


# format name -> "module:function"; modules are imported only when a file needs them,
# so that `check` on one Markdown draft never pays for lxml or python-docx.
PARSERS: dict[str, str] = {
    "text": "linter.parsers.text:parse",
    "markdown": "linter.parsers.markdown:parse",
    "html": "linter.parsers.html:parse",
    "docx": "linter.parsers.docx:parse",
    "rpage": "linter.parsers.rpage:parse",
}


def get_parser(name: str) -> Parser:
    parser: Parser = load(PARSERS[name])
    return parser


def parse(source: Source, format: str | None = None) -> Document:
    """Parse ``source`` with the named format, or the one detected from its content."""
    from linter.parsers.detect import detect_format

    return get_parser(format or detect_format(source))(source)
