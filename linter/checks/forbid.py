"""Kind `forbid`: wording that should not appear; each matching sentence is a finding."""

from __future__ import annotations

from linter.checks.base import Hit, Outcome, ScopeView
from linter.model import Document
from linter.packs.model import Rule


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    if rule.requires is not None and not scope.find(rule.requires, rule.window):
        return Outcome()
    hits = []
    for i, spans in scope.find(rule.match, rule.window):
        if scope.holds(rule.unless, i, rule.window):
            continue
        sentence = scope.sentences[i]
        start, end = spans[0] if spans else (sentence.start, sentence.end)
        hits.append(Hit(start, end))
    return Outcome(tuple(hits))
