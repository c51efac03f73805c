"""Plain text: findings grouped by document and section, missing requirements, a summary line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from linter.reporters import view

Paint = Callable[[str, str], str]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan",
            "missing": "red", "partial": "yellow", "met": "green", "not-applicable": "white"}


def _plain(text: str, key: str) -> str:
    return text


def _colour(text: str, key: str) -> str:
    if key == "bold":
        return click.style(text, bold=True)
    if key == "dim":
        return click.style(text, dim=True)
    return click.style(text, fg=_COLOURS.get(key), bold=key in ("error", "missing"))


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    return _render(report, quiet, _plain)


def render_color(report: dict[str, Any], *, quiet: bool = False) -> str:
    """The same report with severity colours, for a terminal."""
    return _render(report, quiet, _colour)


def _render(report: dict[str, Any], quiet: bool, paint: Paint) -> str:
    lines: list[str] = []
    for doc in report["documents"]:
        lines.extend(_findings_only(doc, paint) if quiet else _document(report, doc, paint))
    for error in report.get("errors", []):
        where = error["path"] + (f":{error['line']}" if error.get("line") else "")
        lines.append(f"{where}: {paint('error', 'error')} {error['message']}")
    lines.append(paint(view.summary_words(report), "bold"))
    return "\n".join(lines) + "\n"


def _finding_line(doc: dict[str, Any], f: dict[str, Any], paint: Paint,
                  paragraphs: bool = False) -> str:
    """``file:line:col: …``; in a filing, ``file ¶ 4, page 10: …`` (the --quiet line keeps
    line and column, for editors and hooks that read it)."""
    where = f"{doc['path']}:{f['line']}:{f['column']}"
    if paragraphs:
        where = f"{doc['path']} {view.paragraph_place(doc, f.get('start', 0))}"
    return f"{where}: {paint(f['severity'], f['severity'])} [{f['rule']}] {f['message']}"


def _findings_only(doc: dict[str, Any], paint: Paint) -> list[str]:
    return [_finding_line(doc, f, paint) for f in view.by_place(doc)]


def _document(report: dict[str, Any], doc: dict[str, Any], paint: Paint) -> list[str]:
    lines = [paint(_header(doc), "bold")]
    counts = view.status_counts(doc)
    if doc["requirements"]:
        lines.append("  requirements: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    for req in doc["requirements"]:
        if req["status"] in ("missing", "partial"):
            title = view.requirement_title(report, req)
            cite = f"  ({req['citation']})" if req.get("citation") else ""
            status = paint(req["status"].ljust(8), req["status"])
            lines.append(f"    {status} {req['id']}: {title}{cite}")
            lines.extend(_precedents(req.get("precedents"), paint))
    heading = None
    paragraphs = view.by_paragraph(doc)
    for f in view.by_place(doc):
        here = view.heading_of(doc, f.get("start", 0))
        if here != heading:
            heading = here
            lines.append(f"  {paint(here or '(section)', 'dim')}")
        lines.append("    " + _finding_line(doc, f, paint, paragraphs))
        if f.get("fix"):
            lines.append(f"      fix: {f['fix']}")
    lines.append("")
    return lines


def _precedents(found: dict[str, Any] | None, paint: Paint) -> list[str]:
    """How other filers meet the requirement (present only when the report asked for them)."""
    if not found or not found["examples"]:
        return []
    from linter.precedents import cite, share_words

    lines = [paint(f"      how other filers say it ({share_words(found)}):", "dim")]
    for ex in found["examples"]:
        lines.append(f"        \"{ex['text']}\"")
        lines.append(paint(f"          {cite(ex)}", "dim"))
    return lines


def _header(doc: dict[str, Any]) -> str:
    section = doc.get("section")
    if not section:
        return f"{doc['path']}: no disclosure section found"
    if not section.get("found", True):
        return f"{doc['path']}: {section.get('title') or 'the section'} not found"
    span = view.section_span(doc, "-")
    title = view.short(section.get("title") or "section", 72)
    return f"{doc['path']}: {title} ({span})"
