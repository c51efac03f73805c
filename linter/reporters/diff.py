"""The `diff` reporters by name (text, JSON, Markdown, HTML) and the templates' plain context."""

from __future__ import annotations

from typing import Any

from linter.reporters import Reporter
from linter.reporters.context import STATUS_ICONS, STATUS_LABELS

# format name -> "module:function", imported only when asked for.
DIFF_REPORTERS: dict[str, str] = {
    "text": "linter.reporters.diff_text:render",
    "json": "linter.reporters.json:render",
    "markdown": "linter.reporters.diff:render_markdown",
    "html": "linter.reporters.diff:render_html",
}
CHANGE_LABELS = {"regressed": "Regressed", "improved": "Improved", "changed": "Changed",
                 "unchanged": "Unchanged", "added": "New requirement", "dropped": "Not checked"}


def get(name: str) -> Reporter:
    from linter.registry import load

    reporter: Reporter = load(DIFF_REPORTERS[name])
    return reporter


def render_html(diff: dict[str, Any], *, quiet: bool = False) -> str:
    from linter.reporters import templating

    return templating.render("diff.html.j2", **context(diff))


def render_markdown(diff: dict[str, Any], *, quiet: bool = False) -> str:
    from linter.reporters import templating

    return templating.render("diff.md.j2", quiet=quiet, **context(diff))


def context(diff: dict[str, Any]) -> dict[str, Any]:
    """Everything the diff templates need; plain data only."""
    from linter.reporters.diff_text import summary_words

    return {"tool": diff["tool"], "old": diff["old"], "new": diff["new"],
            "summary": diff["summary"], "summary_words": summary_words(diff),
            "checklist": [_checklist_row(r) for r in diff["requirements"]],
            "findings": diff["findings"], "stale": diff["stale"],
            "rows": [_row(r) for r in diff["sentences"]]}


def _verdict(state: dict[str, Any]) -> dict[str, str]:
    status = state["status"] or "absent"
    answer = state["answer"]
    return {"status": status, "label": STATUS_LABELS.get(status, "Not checked"),
            "icon": STATUS_ICONS.get(status, "\u2013"),
            "answer": "" if answer is None else ("yes" if answer else "no")}


def _checklist_row(req: dict[str, Any]) -> dict[str, Any]:
    from linter.diff.align import merged

    return {"id": req["id"], "title": req["title"] or req["id"], "citation": req["citation"],
            "change": req["change"], "change_label": CHANGE_LABELS[req["change"]],
            "old": _verdict(req["old"]), "new": _verdict(req["new"]),
            "evidence": req["evidence"],
            "reworded": [merged(p["old"], p["new"]) for p in req["evidence"]["reworded"]]}


def _row(row: dict[str, Any]) -> dict[str, Any]:
    from linter.diff.align import pieces

    kind = row["kind"]
    if kind == "reworded":
        left, right = pieces(row["old"], row["new"])
    else:
        left = [{"op": "deleted" if kind == "removed" else "same", "text": row["old"]}] \
            if row["old"] is not None else []
        right = [{"op": "inserted" if kind == "added" else "same", "text": row["new"]}] \
            if row["new"] is not None else []
    return {"kind": kind, "old": left, "new": right, "old_line": row["old_line"],
            "new_line": row["new_line"]}
