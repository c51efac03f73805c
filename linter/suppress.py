"""Suppression comments in drafts: `disclosure-lint: disable=ID[,ID] -- reason` and `enable=ID`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.model import Comment, Document
from linter.packs.model import Rule
from linter.results import Finding, Severity

# The findings suppressions themselves produce, as rules (for reporters, SARIF, `explain`).
WITHOUT_REASON = Rule(
    id="suppression-without-reason", kind="suppression", severity=Severity.WARNING,
    title="Suppression without a reason", message="A suppression comment gives no reason.",
    raw={"description": "A `disclosure-lint: disable=ID` comment in a draft with no reason "
                        "after `--`."},
    why="A reviewer must be able to see why a finding was accepted.",
    fix="Add the reason after `--`: <!-- disclosure-lint: disable=ID -- reason -->",
    source=__name__, pack="")
UNUSED = Rule(
    id="unused-suppression", kind="suppression", severity=Severity.WARNING,
    title="Unused suppression", message="A suppression comment suppresses nothing.",
    raw={"description": "A rule named by a `disable` comment that reported nothing in the "
                        "blocks the comment covers."},
    why="Stale suppressions hide future findings of the same rule.",
    fix="Remove the comment, or correct the rule id.", source=__name__, pack="")
RULES = {rule.id: rule for rule in (WITHOUT_REASON, UNUSED)}
_DIRECTIVE = re.compile(r"^\s*disclosure-lint:\s*(disable|enable)\s*=\s*(.*?)\s*(?:--\s*(.*))?$",
                        re.IGNORECASE | re.DOTALL)


@dataclass
class Directive:
    """One `disable` comment: the rules it names and the blocks it covers."""

    comment: Comment
    rules: tuple[str, ...]
    reason: str
    first: int
    end: int  # blocks[first:end] are covered
    used: set[str] = field(default_factory=set)

    def covers(self, rule: str, block: int) -> bool:
        return rule in self.rules and self.first <= block < self.end


def directives(document: Document) -> list[Directive]:
    """`disable=` covers the next block, or, when an `enable=` for the same rule follows,
    every block up to that comment (a range)."""
    parsed = [(c, m) for c in document.comments if (m := _DIRECTIVE.match(c.text))]
    out: list[Directive] = []
    for n, (comment, m) in enumerate(parsed):
        if m.group(1).lower() != "disable":
            continue
        rules = tuple(r.strip() for r in m.group(2).split(",") if r.strip())
        enables = [c.block for c, later in parsed[n + 1:] if later.group(1).lower() == "enable"
                   and set(rules) & {r.strip() for r in later.group(2).split(",")}]
        end = enables[0] if enables else comment.block + 1
        out.append(Directive(comment, rules, (m.group(3) or "").strip(), comment.block, end))
    return out


def apply(document: Document,
          findings: list[tuple[Finding, int | None]]) -> tuple[list[Finding], int]:
    """Drop the findings a directive covers (each given with its block index); add a finding
    for each directive without a reason and each rule named that suppressed nothing."""
    active = directives(document)
    kept: list[Finding] = []
    suppressed = 0
    for finding, block in findings:
        hit = next((d for d in active if block is not None and d.covers(finding.rule, block)), None)
        if hit is None:
            kept.append(finding)
        else:
            hit.used.add(finding.rule)
            suppressed += 1
    for d in active:
        if not d.reason:
            kept.append(_about(d, WITHOUT_REASON, f"Suppression of {', '.join(d.rules)} gives no "
                               "reason; add one after `--`."))
        for rule in d.rules:
            if rule not in d.used:
                kept.append(_about(d, UNUSED, f"Suppression of {rule} suppresses nothing."))
    return kept, suppressed


def _about(d: Directive, rule: Rule, message: str) -> Finding:
    line, column = d.comment.line, d.comment.column
    return Finding(rule=rule.id, severity=rule.severity, message=message, line=line,
                   column=column, end_line=line, end_column=column + len(d.comment.text),
                   excerpt=d.comment.text.strip(), fix=rule.fix, why=rule.why,
                   fingerprint=_print(rule.id, d.comment.text))


def _print(rule: str, text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{rule}\0{' '.join(text.split())}".encode()).hexdigest()[:16]
