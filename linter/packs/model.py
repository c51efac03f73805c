"""Compiled packs: rules with their conditions ready to run, lexicons as one RE2 each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter.packs.conditions import Condition, Regex
from linter.results import Severity


@dataclass(frozen=True)
class Lexicon:
    name: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    regex: Regex = field(compare=False, repr=False)


@dataclass(frozen=True)
class Rule:
    """One rule, compiled. Kind-specific fields are None for the other kinds."""

    id: str
    kind: str
    severity: Severity
    title: str
    message: str
    why: str
    fix: str
    source: str  # the rule file
    pack: str  # id of the pack that defined it
    citation: str = ""
    cyd: str | None = None
    references: tuple[tuple[str, str], ...] = ()
    forms: tuple[str, ...] = ()
    # the located items the rule is limited to, or never runs under ("1.05", "8.01")
    items: tuple[str, ...] = ()
    except_items: tuple[str, ...] = ()
    examples: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # requirement
    evidence: Condition | None = None
    partial: Condition | None = None
    partial_message: str = ""
    # what a partial result lacks, case by case: (condition on a partial sentence, message)
    partial_reasons: tuple[tuple[Condition, str], ...] = ()
    partial_severity: Severity | None = None
    # substance: modalities that give only `partial`, and what makes evidence concrete
    modality_partial: tuple[str, ...] = ()
    modality_message: str = ""
    specific: Condition | None = None
    specific_message: str = ""
    window: int = 0
    answer_no: Condition | None = None
    answer_yes: Condition | None = None
    answer_default: bool | None = None
    no_gives_way: bool = False  # a "no" yields to evidence of a yes elsewhere in the section
    has_answer: bool = False
    # which evidence sentences to report (localisation): conditions in order of preference
    cite: tuple[Condition, ...] = ()
    max_evidence: int = 3
    # the answer of a `partial` result: read from the partial sentences, else a constant
    partial_no: Condition | None = None
    partial_yes: Condition | None = None
    partial_answer: bool | None = None
    # forbid
    match: Condition | None = None
    unless: Condition | None = None
    requires: Condition | None = None
    # a match in a section with at most this many other words: the section is incorporated
    incorporates_within: int | None = None
    # conditional
    when: Condition | None = None
    then: Condition | None = None
    then_requirement: str | None = None
    then_status: tuple[str, ...] = ("met",)
    # flag
    element: str | None = None
    requirement: str | None = None
    check: str | None = None
    # metric
    measure: str | None = None
    of: Condition | None = None
    minimum: float | None = None
    maximum: float | None = None
    per: int | None = None
    metric_scope: str = "section"
    # clock: the business days from the date the `determined` sentence gives (or the
    # `discovered` one, when the text says the determination followed `promptly`)
    business_days: int | None = None
    determined: Condition | None = None
    discovered: Condition | None = None
    promptly: Condition | None = None
    missing_message: str = ""
    missing_severity: Severity | None = None

    def metadata(self) -> dict[str, Any]:
        """The plain data reporters need (SARIF rule descriptors, explain pages)."""
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "severity": str(self.severity),
            "citation": self.citation, "cyd": self.cyd, "why": self.why, "fix": self.fix,
            "message": self.message, "pack": self.pack,
            "references": [{"title": t, "url": u} for t, u in self.references],
        }


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    version: str
    forms: tuple[str, ...]
    path: str  # the pack.yaml
    rules: tuple[Rule, ...]
    lexicons: dict[str, Lexicon] = field(compare=False, hash=False)
    references: tuple[tuple[str, str], ...] = ()
    chain: tuple[str, ...] = ()  # ids of this pack and the packs it extends, nearest first
    files: tuple[str, ...] = ()  # the pack.yaml files of the chain, for cache invalidation

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def applies_to(self, form: str | None) -> bool:
        """True when the form is unknown or one of the pack's forms (amendments included)."""
        if not form:
            return True
        base = form.upper().removesuffix("/A")
        return any(f.removesuffix("/A") == base for f in self.forms)
