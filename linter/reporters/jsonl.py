"""JSON Lines for batch runs: one document object per line, then one summary line."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    lines = [json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
             for doc in report["documents"]]
    tail = {key: report[key] for key in ("version", "tool", "errors", "summary") if key in report}
    lines.append(json.dumps(tail, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"
