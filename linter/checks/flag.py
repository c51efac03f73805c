"""Kind `flag`: an XBRL cyd flag in the input checked against the answer read from the text."""

from __future__ import annotations

from linter.checks.base import Hit, Outcome, ScopeView
from linter.model import Document
from linter.packs.model import Rule
from linter.results import Status


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    verdict = scope.requirements.get(rule.requirement or "")
    if verdict is None or verdict.status == Status.NOT_APPLICABLE:
        return Outcome()
    fact = next((f for f in document.facts if f.name == rule.element), None)
    value = fact.value.strip().lower() if fact else None
    if rule.check == "mismatch":
        wrong = value in ("true", "false") and verdict.answer is not None \
            and (value == "true") != verdict.answer
    elif rule.check == "untagged":
        # Only a tagged filing can leave a flag untagged; a plain draft carries no facts.
        tagged = any(f.is_flag for f in document.facts)
        wrong = tagged and value is None and verdict.status in (Status.MET, Status.PARTIAL)
    else:  # unsupported: flagged true, but the text does not address the requirement
        wrong = value == "true" and verdict.status == Status.MISSING
    if not wrong:
        return Outcome()
    message = rule.message
    if value is not None:
        message += f" (tagged {value}; text says {_said(verdict.answer, verdict.status)})"
    if fact is not None and fact.location is not None:
        return Outcome((Hit(message=message, location=fact.location),))
    return Outcome((Hit(message=message, at_heading=True),))


def _said(answer: bool | None, status: Status) -> str:
    if status == Status.MISSING:
        return "nothing"
    return {True: "yes", False: "no", None: "unclear"}[answer]
