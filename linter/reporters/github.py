"""GitHub Actions workflow commands: one annotation per finding, on the file and lines concerned."""

from __future__ import annotations

from typing import Any

from linter.reporters import view

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command (actions/toolkit ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property (actions/toolkit ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, f: dict[str, Any]) -> str:
    props = {
        "file": path,
        "line": str(f["line"]),
        "col": str(f["column"]),
        "endLine": str(max(f["end_line"], f["line"])),
        "endColumn": str(f["end_column"]),
        "title": f"{f['rule']} ({f['citation']})" if f.get("citation") else f["rule"],
    }
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    body = f["message"] + (f"\nFix: {f['fix']}" if f.get("fix") else "")
    return f"::{COMMANDS[f['severity']]} {head}::{escape_data(body)}"


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    lines = [annotation(doc["path"], f) for doc in report["documents"] for f in view.by_place(doc)]
    for e in report.get("errors", []):
        head = f"file={escape_property(e['path'])},title=unreadable input"
        lines.append(f"::error {head}::{escape_data(e['message'])}")
    lines.append(view.summary_words(report))
    return "\n".join(lines) + "\n"
