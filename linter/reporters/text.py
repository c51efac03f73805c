"""Plain text: findings grouped by document, one summary line."""

from __future__ import annotations

from typing import Any


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    lines: list[str] = []
    for doc in report["documents"]:
        for req in doc["requirements"]:
            if req["status"] in ("missing", "partial") and not quiet:
                lines.append(f"{doc['path']}: {req['id']}: {req['status']}")
        for f in doc["findings"]:
            lines.append(f"{doc['path']}:{f['line']}:{f['column']}: {f['severity']} [{f['rule']}] {f['message']}")
    s = report["summary"]
    lines.append(f"{s['documents']} document(s): {s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['info']} info, {s['input_errors']} unreadable")
    return "\n".join(lines) + "\n"
