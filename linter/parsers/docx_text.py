"""WordprocessingML text: paragraph indexing and run text shared by the .docx parser and reporter.

Paragraph index: the position of a ``w:p`` element among *all* ``w:p`` descendants of
``w:body`` in document order (``body.iter(w:p)``), so paragraphs inside table cells, nested
tables and content controls are counted where they appear. Anyone holding the file can find the
paragraph again with ``body_paragraphs(body)[index]``; the index does not depend on which
paragraphs the parser turns into blocks.

Paragraph text: the text of the paragraph's runs (including runs inside hyperlinks, tracked
insertions, fields and content controls; excluding tracked deletions and text boxes), with
``w:t`` as written, ``w:tab``/``w:ptab`` as a tab, line breaks as "\\n", and page or column
breaks as nothing, as python-docx reads them. Offsets are positions in that text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{ns}p``."""
    return f"{{{W}}}{tag}"


_P, _R = w("p"), w("r")
# Containers whose runs are not part of the paragraph's current text (deleted, moved away).
_SKIP = frozenset({w("del"), w("moveFrom"), w("pPr"), w("rPr")})
_TAB = frozenset({w("tab"), w("ptab")})
_NEWLINE = frozenset({w("cr")})


@dataclass(frozen=True, slots=True)
class RunSpan:
    """One ``w:r`` element of a paragraph and the stretch of paragraph text it holds."""

    element: Any  # lxml element; typed loosely since lxml is imported lazily
    start: int
    end: int


def body_paragraphs(body: Any) -> list[Any]:
    """Every ``w:p`` under ``w:body`` in document order: the paragraph index space."""
    return list(body.iter(_P))


def iter_runs(paragraph: Any) -> Iterator[Any]:
    """The paragraph's runs in order, descending into hyperlinks, insertions, fields and
    content controls but not into deletions or into runs (text boxes live inside runs)."""
    for child in paragraph:
        tag = child.tag
        if tag == _R:
            yield child
        elif isinstance(tag, str) and tag not in _SKIP and tag != _P:
            yield from iter_runs(child)


def run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag in _TAB:
            parts.append("\t")
        elif tag in _NEWLINE:
            parts.append("\n")
        elif tag == w("br"):
            if child.get(w("type"), "textWrapping") == "textWrapping":
                parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def run_spans(paragraph: Any) -> list[RunSpan]:
    """Each run of the paragraph with its [start, end) offsets in the paragraph text."""
    spans: list[RunSpan] = []
    pos = 0
    for run in iter_runs(paragraph):
        text = run_text(run)
        spans.append(RunSpan(run, pos, pos + len(text)))
        pos += len(text)
    return spans


def paragraph_text(paragraph: Any) -> str:
    return "".join(run_text(r) for r in iter_runs(paragraph))
