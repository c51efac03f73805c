"""The plain-data context the HTML and Markdown templates render: one dict per document."""

from __future__ import annotations

from typing import Any

from linter.reporters import view
from linter.reporters.annotate import annotated_blocks

STATUS_LABELS = {"met": "Met", "partial": "Partial", "missing": "Missing",
                 "not-applicable": "Not applicable"}
STATUS_ICONS = {"met": "✓", "partial": "◐", "missing": "✗", "not-applicable": "\u2013"}
SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Information"}


def checklist(report: dict[str, Any], doc: dict[str, Any]) -> list[dict[str, Any]]:
    paragraphs = view.by_paragraph(doc)
    return [{
        "id": req["id"],
        "title": view.requirement_title(report, req),
        "citation": req.get("citation") or "",
        "cyd": req.get("cyd") or "",
        "status": req["status"],
        "label": STATUS_LABELS.get(req["status"], req["status"]),
        "icon": STATUS_ICONS.get(req["status"], "?"),
        "answer": _answer(req),
        "evidence": [{**e, "place": _place(doc, e, paragraphs)}
                     for e in req["evidence"]],
        "precedents": _precedents(req.get("precedents")),
    } for req in doc["requirements"]]


def _precedents(found: dict[str, Any] | None) -> dict[str, Any] | None:
    """How other filers meet a requirement not met, when the report carries it."""
    if not found or not found.get("examples"):
        return None
    from linter.precedents import cite, share_words

    return {"words": share_words(found),
            "examples": [{**e, "cite": cite(e)} for e in found["examples"]]}


def _place(doc: dict[str, Any], item: dict[str, Any], paragraphs: bool) -> str:
    """Where a finding or a piece of evidence is: ``line 12``, or ``¶ 4, page 10`` in a
    filing (see ``view.by_paragraph``)."""
    if paragraphs:
        return view.paragraph_place(doc, item.get("start", 0))
    return f"line {item['line']}"


def _answer(req: dict[str, Any]) -> str:
    """The answer read from the text, for "whether" requirements and any with an answer."""
    whether = str(req.get("cyd") or "").endswith("Flag")
    if whether or req.get("answer") is not None:
        return view.answer_words(req.get("answer"))
    return ""


def numbered_findings(doc: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return list(enumerate(view.sorted_findings(doc), 1))


def by_severity(report: dict[str, Any], doc: dict[str, Any],
                numbered: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    groups = []
    paragraphs = view.by_paragraph(doc)
    for severity in view.SEVERITIES:
        items = [{"number": n, "title": view.rule_title(report, f["rule"]),
                  "place": _place(doc, f, paragraphs), "paragraphs": paragraphs, **f}
                 for n, f in numbered if f["severity"] == severity]
        if items:
            groups.append({"severity": severity, "label": SEVERITY_LABELS[severity],
                           "findings": items})
    return groups


def document(report: dict[str, Any], index: int, doc: dict[str, Any]) -> dict[str, Any]:
    numbered = numbered_findings(doc)
    key, words = view.verdict(doc)
    return {
        "anchor": f"doc-{index}",
        "path": doc["path"],
        "format": doc["format"],
        "form": doc.get("form") or "",
        "section": doc.get("section"),
        "verdict": key,
        "verdict_words": words,
        "statuses": view.status_counts(doc),
        "severities": view.severity_counts(doc),
        "checklist": checklist(report, doc),
        "flags": view.flag_checks(doc),
        "groups": by_severity(report, doc, numbered),
        "blocks": _labelled(doc, annotated_blocks(doc, numbered)),
        "span": view.section_span(doc) if doc.get("section") else "",
        "suppressed": doc.get("suppressed", 0),
    }


def _labelled(doc: dict[str, Any], blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each block's margin label: its line, or its paragraph (¶ N) in a filing."""
    if not view.by_paragraph(doc):
        return [{**b, "label": str(b["line"])} for b in blocks]
    labels, number = [], 0
    for b in blocks:
        number += b["kind"] != "heading"
        labels.append({**b, "label": "" if b["kind"] == "heading" else f"¶ {number}"})
    return labels


def run(report: dict[str, Any]) -> dict[str, Any]:
    """Everything a report template needs; plain data only."""
    return {
        "tool": report["tool"],
        "summary": report["summary"],
        "summary_words": view.summary_words(report),
        "documents": [document(report, i, d) for i, d in enumerate(report["documents"], 1)],
        "errors": report.get("errors", []),
    }
