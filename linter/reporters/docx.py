"""Annotated Word: a copy of each .docx draft with a comment on every finding and unmet requirement.

Findings are anchored on the runs of the paragraph they concern (``paragraph``, else
``line - 1``: see ``linter.parsers.docx`` for the paragraph index); requirements that are missing
or partial, and have no finding of their own, are anchored on the section heading. The input
file is read, never written: the comments go into a copy at ``--output`` (a file for one draft,
a folder of ``<stem>.linted.docx`` for several).
"""

from __future__ import annotations

import copy
import io
import os
import re
import sys
from pathlib import Path
from typing import Any

from linter.errors import LintError
from linter.inputs import read_source
from linter.parsers.docx_text import body_paragraphs, run_spans, w
from linter.zipsafe import check_xml_parts, open_package

AUTHOR, INITIALS = "disclosure-lint", "DL"
UNMET = ("missing", "partial")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write(report: dict[str, Any], target: str, *, quiet: bool = False) -> list[str]:
    """Write the annotated copies for the report's .docx documents; return the paths written."""
    if target == "-":
        raise LintError("--output", "--format docx writes Word files: give --output FILE or FOLDER")
    docs = []
    for doc in report.get("documents", []):
        if doc.get("format") == "docx" and doc.get("path") != "<stdin>":
            docs.append(doc)
        elif not quiet:
            _note(doc.get("path", "?"), "not a .docx file read from disk; no annotated copy")
    if not docs:
        _note(target, "no .docx draft in this run; nothing written")
        return []
    rules = report.get("rules") or {}
    written: list[str] = []
    for doc, dest in zip(docs, _destinations(docs, target), strict=True):
        if _same_file(doc["path"], dest):
            raise LintError(dest, "refusing to overwrite the input draft; choose another --output")
        _save(dest, annotate(doc, rules))
        written.append(dest)
    return written


def annotate(doc: dict[str, Any], rules: dict[str, Any]) -> bytes:
    """The commented copy of one document's .docx, as bytes."""
    import docx

    source = read_source(doc["path"])
    check_xml_parts(source.path, open_package(source.path, source.data))
    document = docx.Document(io.BytesIO(source.data))
    paragraphs = body_paragraphs(document.element.body)
    if not paragraphs:  # an empty body (Word always writes one paragraph; generators may not)
        paragraphs = [document.add_paragraph()._p]  # the comments need a paragraph to anchor on
    heading = _heading_paragraph(doc, paragraphs)
    for finding in doc.get("findings", []):
        first = _paragraph_of(finding, paragraphs, heading)
        last = finding.get("end_line", first + 1) - 1
        last = last if first <= last < len(paragraphs) else first
        runs = _runs(paragraphs, first, finding.get("column", 1) - 1, last,
                     finding.get("end_column", 0) - 1)
        document.add_comment(runs, _clean(_finding_text(finding)), AUTHOR, INITIALS)
    commented = {f.get("rule") for f in doc.get("findings", [])}
    for req in doc.get("requirements", []):
        if req.get("status") in UNMET and req.get("id") not in commented:
            runs = _runs(paragraphs, heading, 0, heading, -1)
            text = _requirement_text(req, rules.get(req.get("id", ""), {}))
            document.add_comment(runs, _clean(text), AUTHOR, INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph_of(finding: dict[str, Any], paragraphs: list[Any], fallback: int) -> int:
    index = finding.get("paragraph")
    if index is None:
        index = finding.get("line", 1) - 1  # the docx parser's line is paragraph index + 1
    return index if 0 <= index < len(paragraphs) else fallback


def _heading_paragraph(doc: dict[str, Any], paragraphs: list[Any]) -> int:
    """The section heading's paragraph; the first paragraph with text when there is none."""
    section = doc.get("section") or {}
    blocks = doc.get("blocks") or []
    candidates = []
    if section.get("found", True):
        if blocks and blocks[0].get("paragraph") is not None:
            candidates.append(blocks[0]["paragraph"])
        if section.get("start_line"):
            candidates.append(section["start_line"] - 1)
    for index in candidates:
        if 0 <= index < len(paragraphs):
            return int(index)
    for index, p in enumerate(paragraphs):
        if any(span.end > span.start for span in run_spans(p)):
            return index
    return 0


def _runs(paragraphs: list[Any], first: int, start: int, last: int, end: int) -> list[Any]:
    """python-docx Runs covering [start, end) from paragraph ``first`` to ``last`` (end < 0:
    the end of the paragraph); the whole paragraph's runs when the offsets miss."""
    from docx.text.run import Run

    head = _spans_from(paragraphs[first], start, None if first != last else end)
    tail = head if first == last else _spans_from(paragraphs[last], 0, end)
    return [Run(head[0], None), Run(tail[-1], None)]  # type: ignore[arg-type]  # only ._r is used


def _spans_from(paragraph: Any, start: int, end: int | None) -> list[Any]:
    spans = [s for s in run_spans(paragraph) if s.end > s.start]
    if not spans:
        run = paragraph.makeelement(w("r"), {})
        paragraph.append(run)
        return [run]
    stop = end if end is not None and end > start else spans[-1].end
    for cut in (start, stop):  # so that the comment covers exactly the text concerned
        if any(s.start < cut < s.end and _split(s.element, cut - s.start) for s in spans):
            spans = [s for s in run_spans(paragraph) if s.end > s.start]
    chosen = [s.element for s in spans if s.start < stop and s.end > start]
    return chosen or [s.element for s in spans]


def _split(run: Any, at: int) -> bool:
    """Split a run holding one ``w:t`` (and formatting) in two at ``at``; False for runs with
    tabs, breaks or several text elements, which are then covered whole."""
    texts = [c for c in run if c.tag != w("rPr")]
    if len(texts) != 1 or texts[0].tag != w("t"):
        return False
    tail = copy.deepcopy(run)
    text = texts[0].text or ""
    texts[0].text = text[:at]
    next(c for c in tail if c.tag == w("t")).text = text[at:]
    for el in (texts[0], next(c for c in tail if c.tag == w("t"))):
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(tail)
    return True


def _finding_text(finding: dict[str, Any]) -> str:
    lines = [f"{str(finding.get('severity', '')).upper()} {finding.get('rule', '')}: "
             f"{finding.get('message', '')}"]
    if finding.get("fix"):
        lines.append(f"How to fix: {finding['fix']}")
    if finding.get("citation"):
        lines.append(f"Citation: {finding['citation']}")
    return "\n".join(lines)


def _requirement_text(req: dict[str, Any], rule: dict[str, Any]) -> str:
    title = req.get("title") or rule.get("title") or rule.get("message") or ""
    lines = [f"{str(req.get('status', '')).upper()} requirement {req.get('id', '')}"
             + (f": {title}" if title else "")]
    if rule.get("fix"):
        lines.append(f"How to fix: {rule['fix']}")
    if req.get("citation"):
        lines.append(f"Citation: {req['citation']}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _destinations(docs: list[dict[str, Any]], target: str) -> list[str]:
    if len(docs) == 1 and not os.path.isdir(target) and not target.endswith(("/", os.sep)):
        return [target]
    try:
        os.makedirs(target, exist_ok=True)
    except OSError as exc:
        raise LintError(target, f"cannot create the output folder: {exc.strerror or exc}") from None
    used: set[str] = set()
    out = []
    for doc in docs:
        stem, n = Path(doc["path"]).stem, 1
        name = f"{stem}.linted.docx"
        while name in used:
            n += 1
            name = f"{stem}-{n}.linted.docx"
        used.add(name)
        out.append(os.path.join(target, name))
    return out


def _same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _save(dest: str, data: bytes) -> None:
    from linter.reporters import write as write_report

    write_report(dest, data)


def _note(path: str, message: str) -> None:
    sys.stderr.write(f"disclosure-lint: {path}: {message}\n")
