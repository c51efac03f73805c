"""Plain-data views shared by reporters: ordering, verdicts, rule metadata, flag checks."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

SEVERITIES = ("error", "warning", "info")
STATUSES = ("met", "partial", "missing", "not-applicable")
_RANK = {"error": 0, "warning": 1, "info": 2}
_SPACES = re.compile(r"\s+")


def sorted_findings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings by severity (errors first), then by place in the document."""
    return sorted(doc["findings"],
                  key=lambda f: (_RANK.get(f["severity"], 3), f["line"], f["column"], f["rule"]))


def by_place(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(doc["findings"], key=lambda f: (f["line"], f["column"], f["rule"]))


def severity_counts(doc: dict[str, Any]) -> dict[str, int]:
    counts = Counter(f["severity"] for f in doc["findings"])
    return {s: counts.get(s, 0) for s in SEVERITIES}


def status_counts(doc: dict[str, Any]) -> dict[str, int]:
    counts = Counter(r["status"] for r in doc["requirements"])
    return {s: counts.get(s, 0) for s in STATUSES}


def verdict(doc: dict[str, Any]) -> tuple[str, str]:
    """(css key, words) for a document: what a reviewer should do with the draft."""
    sev, status = severity_counts(doc), status_counts(doc)
    if doc.get("section") and not doc["section"].get("found", True):
        return "fail", "Section not found"
    if sev["error"] or status["missing"]:
        return "fail", "Action needed"
    if sev["warning"] or status["partial"]:
        return "warn", "Review suggested"
    return "pass", "No issues found"


def rule_meta(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    meta = report.get("rules", {}).get(rule_id)
    return meta if isinstance(meta, dict) else {}


def rule_title(report: dict[str, Any], rule_id: str) -> str:
    meta = rule_meta(report, rule_id)
    for key in ("title", "name", "summary"):
        if isinstance(meta.get(key), str) and meta[key]:
            return str(meta[key])
    return ""


def requirement_title(report: dict[str, Any], req: dict[str, Any]) -> str:
    return str(req.get("title") or rule_title(report, req["id"]) or req["id"])


def answer_words(answer: bool | None) -> str:
    return "not said" if answer is None else ("yes" if answer else "no")


def flag_checks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each cyd flag in the input beside the answer read from the text."""
    by_cyd = {r.get("cyd"): r for r in doc["requirements"] if r.get("cyd")}
    rows = []
    for element, value in sorted(doc.get("facts", {}).items()):
        if not element.endswith("Flag"):
            continue
        req = by_cyd.get(element)
        answer = req.get("answer") if req else None
        filed = str(value).strip().lower()
        if answer is None or filed not in ("true", "false"):
            agree = "unknown"
        else:
            agree = "yes" if (filed == "true") == answer else "no"
        rows.append({"element": element, "value": str(value),
                     "requirement": req["id"] if req else "", "answer": answer, "agree": agree})
    return rows


def short(text: str, limit: int) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def fingerprint(finding: dict[str, Any]) -> str:
    """The finding's own fingerprint, or a hash of rule and the text concerned: stable when
    lines above it move, because it never looks at line numbers."""
    if finding.get("fingerprint"):
        return str(finding["fingerprint"])
    basis = finding["rule"] + "\0" + normalise(finding.get("excerpt") or finding["message"])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def heading_of(doc: dict[str, Any], offset: int) -> str:
    """The title of the last heading block at or before ``offset`` in the section, or ''."""
    title = ""
    for block in doc.get("blocks", []):
        if block["start"] > offset:
            break
        if block["kind"] == "heading":
            title = block["text"]
    return title


def count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def summary_words(report: dict[str, Any]) -> str:
    s = report["summary"]
    parts = [count(s["errors"], "error"), count(s["warnings"], "warning"), f"{s['info']} info"]
    missing = sum(status_counts(d)["missing"] for d in report["documents"])
    text = count(s["documents"], "document") + ": " + ", ".join(parts)
    text += f"; {count(missing, 'requirement')} missing"
    if s.get("input_errors"):
        text += f"; {s['input_errors']} unreadable"
    if "baselined" in s:  # a --baseline run says how much it hid
        text += f"; {s['baselined']} hidden by the baseline"
    return text


def by_paragraph(doc: dict[str, Any]) -> bool:
    """Do places read better as paragraphs of the section than as lines? So in an HTML
    source whose lines do not tell its paragraphs (a full EDGAR filing: a few megabyte
    lines, where ``8:302640`` means nothing to a reader)."""
    blocks = doc.get("blocks") or []
    if doc.get("format") not in ("html", "inline-xbrl") or len(blocks) < 2:
        return False
    return len({b["line"] for b in blocks}) * 2 <= len(blocks)


def paragraph_place(doc: dict[str, Any], offset: int) -> str:
    """``¶ N`` (the N-th paragraph of the section, headings not counted) or the heading's
    title, and the page where the filing's footers number it: ``¶ 4, page 10``."""
    number, place, page = 0, "¶ 1", None
    for block in doc.get("blocks", []):
        if block["start"] > offset:
            break
        if block["kind"] == "heading":
            place = f"heading “{short(block['text'], 60)}”"
        else:
            number += 1
            place = f"¶ {number}"
        page = block.get("page")
    return f"{place}, page {page}" if page else place


EN_DASH = "\u2013"


def section_span(doc: dict[str, Any], dash: str = EN_DASH) -> str:
    """Where the section sits: ``lines 3-40``, or its pages (or paragraphs) in a filing."""
    section = doc["section"]
    if not by_paragraph(doc):
        return f"lines {section['start_line']}{dash}{section['end_line']}"
    pages = [b["page"] for b in doc["blocks"] if b.get("page")]
    paragraphs = count(sum(1 for b in doc["blocks"] if b["kind"] != "heading"), "paragraph")
    if not pages:
        return paragraphs
    span = pages[0] if pages[0] == pages[-1] else f"{pages[0]}{dash}{pages[-1]}"
    return f"{paragraphs}, page{'s' * (pages[0] != pages[-1])} {span}"
