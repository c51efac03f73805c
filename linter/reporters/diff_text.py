"""Plain text for `diff`: verdicts then and now, evidence changes, findings, stale content."""

from __future__ import annotations

from typing import Any

from linter.reporters.view import count, short

LIMIT = 160


def render(diff: dict[str, Any], *, quiet: bool = False) -> str:
    old, new = diff["old"], diff["new"]
    lines = [f"{old['path']} \u2192 {new['path']}",
             f"  requirements: {_counts(old)} \u2192 {_counts(new)}"]
    for req in diff["requirements"]:
        lines.extend(_requirement(req, quiet))
    lines.extend(_findings("new findings", diff["findings"]["new"], new["path"]))
    lines.extend(_findings("fixed findings", diff["findings"]["fixed"], old["path"]))
    if diff["stale"]:
        lines.append("  stale content carried over:")
        for item in diff["stale"]:
            lines.append(f"    {item['kind']}: {item['message']}")
            lines.append(f"      last year: \"{short(item['old'], LIMIT)}\"")
            if item["new"]:
                lines.append(f"      this year: \"{short(item['new'], LIMIT)}\"")
    kinds = diff["summary"]["sentences"]
    lines.append("  sentences: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    lines.append(summary_words(diff))
    return "\n".join(lines) + "\n"


def summary_words(diff: dict[str, Any]) -> str:
    s = diff["summary"]
    words = [count(s["regressed"], "regression"), f"{s['improved']} improved",
             count(s["new_errors"], "new error"), f"{s['new_findings']} new findings",
             f"{s['fixed_findings']} fixed", f"{s['stale']} stale"]
    return ", ".join(words) + ("; fails" if s["fails"] else "")


def _counts(side: dict[str, Any]) -> str:
    return ", ".join(f"{n} {s}" for s, n in side["statuses"].items())


def _verdict(state: dict[str, Any]) -> str:
    status = state["status"] or "absent"
    answer = state["answer"]
    return status if answer is None else f"{status} ({'yes' if answer else 'no'})"


def _requirement(req: dict[str, Any], quiet: bool) -> list[str]:
    ev = req["evidence"]
    if req["change"] == "unchanged" and (quiet or not any(ev.values())):
        return []
    lines = [f"    {req['change'].ljust(9)} {req['id']}: {_verdict(req['old'])} \u2192 "
             f"{_verdict(req['new'])}" + (f"  ({req['citation']})" if req["citation"] else "")]
    if quiet:
        return lines
    lines += [f"      + \"{short(t, LIMIT)}\"" for t in ev["added"]]
    lines += [f"      - \"{short(t, LIMIT)}\"" for t in ev["removed"]]
    for pair in ev["reworded"]:
        old, new = around_change(pair["old"], pair["new"])
        lines.append(f"      ~ \"{old}\"")
        lines.append(f"        \u2192 \"{new}\"")
    return lines


def around_change(old: str, new: str) -> tuple[str, str]:
    """Both sentences clipped to a window that starts just before their first difference."""
    old, new = " ".join(old.split()), " ".join(new.split())
    first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    start = max(0, old.rfind(" ", 0, max(first - 50, 0)) + 1) if first > 60 else 0
    lead = "\u2026" if start else ""
    return short(lead + old[start:], LIMIT), short(lead + new[start:], LIMIT)


def _findings(title: str, findings: list[dict[str, Any]], path: str) -> list[str]:
    if not findings:
        return []
    lines = [f"  {title}:"]
    for f in findings:
        lines.append(f"    {path}:{f['line']}:{f['column']}: {f['severity']} [{f['rule']}] "
                     f"{f['message']}")
    return lines
