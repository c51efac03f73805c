"""Tagging help: the cyd flag values and text-block spans a document's text suggests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from linter.results import DocumentResult, Evidence, RequirementResult, Status

# The cyd text blocks that no requirement names as its own element (REGULATION.md, "The cyd
# taxonomy"): each is spanned by the evidence of the requirements it covers. The Role of
# Management block holds the whole of Item 106(c)(2).
FURTHER_BLOCKS: dict[str, tuple[str, ...]] = {
    "CybersecurityRiskManagementProcessesIntegratedTextBlock": ("rm-integrated",),
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock":
        ("rm-material-effect",),
    "CybersecurityRiskRoleOfManagementTextBlock": (
        "gov-mgmt-responsible", "gov-mgmt-expertise", "gov-mgmt-informed",
        "gov-mgmt-reports-to-board"),
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock":
        ("gov-mgmt-responsible",),
}

@dataclass(frozen=True, slots=True)
class FlagSuggestion:
    """One cyd flag: the value the text answers (None: leave untagged) beside the filer's."""

    element: str
    requirement: str
    status: Status
    suggested: bool | None
    filer: str | None  # the value tagged in the input, as written; None when untagged
    evidence: tuple[Evidence, ...]

    @property
    def agreement(self) -> str:
        """agree / disagree; tag-it (text answers, filer untagged); text-silent (filer tagged,
        text silent); both-untagged. An untagged flag means unknown, never false."""
        filer = _boolean(self.filer)
        if filer is None:
            return "both-untagged" if self.suggested is None else "tag-it"
        if self.suggested is None:
            return "text-silent"
        return "agree" if filer == self.suggested else "disagree"

    def to_plain(self) -> dict[str, Any]:
        return {"element": self.element, "requirement": self.requirement,
                "status": str(self.status), "suggested": self.suggested, "filer": self.filer,
                "agreement": self.agreement, "evidence": [e.to_plain() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class BlockSuggestion:
    """One cyd text block: the evidence sentences that should go in it (none: leave it out)."""

    element: str
    requirements: tuple[tuple[str, Status], ...]
    spans: tuple[Evidence, ...]

    def to_plain(self) -> dict[str, Any]:
        return {"element": self.element,
                "requirements": {rid: str(status) for rid, status in self.requirements},
                "spans": [e.to_plain() for e in self.spans]}


@dataclass(frozen=True, slots=True)
class TagSuggestions:
    path: str
    format: str
    form: str | None
    flags: tuple[FlagSuggestion, ...]
    blocks: tuple[BlockSuggestion, ...]

    def to_plain(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "form": self.form,
                "flags": [f.to_plain() for f in self.flags],
                "blocks": [b.to_plain() for b in self.blocks]}


def suggest(document: DocumentResult) -> TagSuggestions:
    """The suggestions for one linted document: a pure function of its result."""
    facts = dict(document.facts)
    by_id = {r.id: r for r in document.requirements}
    flags = tuple(
        FlagSuggestion(element=r.cyd, requirement=r.id, status=r.status, suggested=r.answer,
                       filer=facts.get(r.cyd), evidence=r.evidence)
        for r in document.requirements if r.cyd and r.cyd.endswith("Flag"))
    own = [(r.cyd, (r,)) for r in document.requirements if r.cyd and r.cyd.endswith("TextBlock")]
    further = [(element, tuple(by_id[i] for i in ids if i in by_id))
               for element, ids in FURTHER_BLOCKS.items()]
    blocks = tuple(_block(element, reqs) for element, reqs in own + further if reqs)
    return TagSuggestions(document.path, document.format, document.form, flags, blocks)


def _block(element: str, requirements: tuple[RequirementResult, ...]) -> BlockSuggestion:
    spans = {(e.start, e.end): e for r in requirements for e in r.evidence}
    return BlockSuggestion(element=element,
                           requirements=tuple((r.id, r.status) for r in requirements),
                           spans=tuple(spans[key] for key in sorted(spans)))


def _boolean(value: str | None) -> bool | None:
    """An XBRL boolean as tagged (true / false, 1 / 0); anything else is no answer."""
    text = (value or "").strip().lower()
    return True if text in ("true", "1") else False if text in ("false", "0") else None


def to_json(suggestions: Sequence[TagSuggestions], errors: Sequence[dict[str, Any]]) -> str:
    plain = {"documents": [s.to_plain() for s in suggestions], "errors": list(errors)}
    return json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def to_text(suggestions: Sequence[TagSuggestions]) -> str:
    lines: list[str] = []
    for doc in suggestions:
        lines += [f"{doc.path} ({doc.format}{', ' + doc.form if doc.form else ''})", "  flags:"]
        lines += [_flag_line(f) for f in doc.flags] or ["    (no cyd flag applies)"]
        lines.append("  text blocks:")
        for block in doc.blocks:
            statuses = ", ".join(f"{rid} {status}" for rid, status in block.requirements)
            lines.append(f"    {block.element} ({statuses})")
            lines += [f"      {_where(e)}: {e.text}" for e in block.spans] or [
                "      leave out: the text does not address it"]
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _flag_line(flag: FlagSuggestion) -> str:
    value = "leave untagged" if flag.suggested is None else str(flag.suggested).lower()
    filer = flag.filer if flag.filer is not None else "untagged"
    return f"    {flag.element}: suggest {value}; filer {filer}; {flag.agreement}"


def _where(evidence: Evidence) -> str:
    if evidence.paragraph is not None:  # .docx: the column is one past the paragraph offset
        return f"paragraph {evidence.paragraph}, offset {evidence.column - 1}"
    return f"{evidence.line}:{evidence.column}"
