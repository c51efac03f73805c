"""Kind `conditional`: if A is said anywhere, B must be said too (or a requirement met)."""

from __future__ import annotations

from linter.checks.base import Hit, Outcome, ScopeView, first_span
from linter.model import Document
from linter.packs.model import Rule


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    triggers = scope.find(rule.when)
    if not triggers:
        return Outcome()
    if rule.then_requirement is not None:
        verdict = scope.requirements.get(rule.then_requirement)
        if verdict is None or str(verdict.status) in rule.then_status:
            return Outcome()
    elif scope.find(rule.then):
        return Outcome()
    start, end = first_span(*triggers[0], scope)
    return Outcome((Hit(start, end),))
