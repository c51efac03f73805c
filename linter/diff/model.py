"""The diff result model: per-requirement verdicts then and now, sentence changes, findings
new and fixed, stale content; frozen values with their plain data (the diff JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linter import __version__
from linter.diff.stale import Stale
from linter.results import Finding

DIFF_VERSION = 1
STATUS_RANK = {"missing": 0, "partial": 1, "met": 2}


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two documents compared."""

    path: str
    format: str
    form: str | None
    section: str
    statuses: tuple[tuple[str, int], ...]

    def to_plain(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "form": self.form,
                "section": self.section, "statuses": dict(self.statuses)}


@dataclass(frozen=True, slots=True)
class Row:
    """A sentence of either text and what became of it."""

    kind: str  # "same", "reworded", "removed", "added"
    old: str | None
    new: str | None
    old_line: int | None
    new_line: int | None
    similarity: float

    def to_plain(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "old_line": self.old_line,
                "new_line": self.new_line, "similarity": self.similarity}


@dataclass(frozen=True, slots=True)
class RequirementChange:
    """One requirement's verdict then and now, and how its evidence changed."""

    id: str
    title: str
    citation: str
    old_status: str | None
    new_status: str | None
    old_answer: bool | None
    new_answer: bool | None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reworded: tuple[tuple[str, str], ...] = ()

    @property
    def change(self) -> str:
        """``regressed``, ``improved``, ``changed`` (a status not ranked, or the answer) or
        ``unchanged``; ``added`` / ``dropped`` when only one side has the requirement."""
        if self.old_status is None:
            return "added"
        if self.new_status is None:
            return "dropped"
        old, new = STATUS_RANK.get(self.old_status), STATUS_RANK.get(self.new_status)
        if old is not None and new is not None and old != new:
            return "regressed" if new < old else "improved"
        if self.old_status != self.new_status or self.old_answer != self.new_answer:
            return "changed"
        return "unchanged"

    def to_plain(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "citation": self.citation,
                "change": self.change,
                "old": {"status": self.old_status, "answer": self.old_answer},
                "new": {"status": self.new_status, "answer": self.new_answer},
                "evidence": {"added": list(self.added), "removed": list(self.removed),
                             "reworded": [{"old": o, "new": n} for o, n in self.reworded]}}


@dataclass(frozen=True)
class DiffResult:
    old: Side
    new: Side
    requirements: tuple[RequirementChange, ...]
    rows: tuple[Row, ...]
    new_findings: tuple[Finding, ...]
    fixed_findings: tuple[Finding, ...]
    stale: tuple[Stale, ...]

    @property
    def regressions(self) -> tuple[RequirementChange, ...]:
        return tuple(r for r in self.requirements if r.change == "regressed")

    @property
    def new_errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.new_findings if str(f.severity) == "error")

    @property
    def gates(self) -> bool:
        """Whether CI should fail: a requirement regressed or a new error appeared."""
        return bool(self.regressions or self.new_errors)

    def to_plain(self) -> dict[str, Any]:
        kinds = [r.kind for r in self.rows]
        changes = [r.change for r in self.requirements]
        return {
            "version": DIFF_VERSION,
            "tool": {"name": "disclosure-lint", "version": __version__},
            "old": self.old.to_plain(),
            "new": self.new.to_plain(),
            "requirements": [r.to_plain() for r in self.requirements],
            "findings": {"new": [f.to_plain() for f in self.new_findings],
                         "fixed": [f.to_plain() for f in self.fixed_findings]},
            "stale": [s.to_plain() for s in self.stale],
            "sentences": [r.to_plain() for r in self.rows],
            "summary": {
                "regressed": changes.count("regressed"),
                "improved": changes.count("improved"),
                "changed": changes.count("changed"),
                "new_findings": len(self.new_findings),
                "new_errors": len(self.new_errors),
                "fixed_findings": len(self.fixed_findings),
                "stale": len(self.stale),
                "sentences": {k: kinds.count(k) for k in ("same", "reworded", "added",
                                                          "removed")},
                "fails": self.gates,
            },
        }
