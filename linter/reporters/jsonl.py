"""JSON Lines for batch runs: one document object per line, then one summary line."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    return "".join([*(line(doc) for doc in report["documents"]), tail(report)])


def line(document: dict[str, Any]) -> str:
    """One document's line (also written one by one when a batch streams)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def tail(report: dict[str, Any]) -> str:
    """The last line: version, tool, input errors and the summary."""
    keys = ("version", "tool", "errors", "summary")
    return json.dumps({k: report[k] for k in keys if k in report}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"
