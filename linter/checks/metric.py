"""Kind `metric`: counts and thresholds over the section or a subsection."""

from __future__ import annotations

import re

from linter.checks.base import Hit, Outcome, ScopeView
from linter.model import Document
from linter.packs.model import Rule

_WORD = re.compile(r"\w+")


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    indexes = [i for i in range(len(scope.sentences))
               if rule.metric_scope == "section" or scope.subsections[i] == rule.metric_scope]
    if not indexes:
        return Outcome()  # an absent subsection is the requirement rules' finding, not this one
    words = sum(len(_WORD.findall(scope.sentences[i].text)) for i in indexes)
    value, first = _measure(rule, scope, indexes, words)
    if rule.per:
        value = value * rule.per / max(words, 1)
    if rule.minimum is not None and value < rule.minimum:
        return Outcome((Hit(message=_say(rule, value, "under", rule.minimum), at_heading=True),))
    if rule.maximum is not None and value > rule.maximum:
        message = _say(rule, value, "over", rule.maximum)
        if first is not None:
            return Outcome((Hit(first[0], first[1], message),))
        return Outcome((Hit(message=message, at_heading=True),))
    return Outcome()


def _measure(rule: Rule, scope: ScopeView, indexes: list[int],
             words: int) -> tuple[float, tuple[int, int] | None]:
    if rule.measure == "words":
        return float(words), None
    if rule.measure == "sentences":
        return float(len(indexes)), None
    count, first = 0, None
    assert rule.of is not None  # the loader refuses a count without `of`
    for i in indexes:
        sentence = scope.sentences[i]
        spans = rule.of.spans(scope.passages[i])
        if spans is None:
            continue
        count += len(spans) or 1
        if first is None:
            a, b = spans[0] if spans else (0, len(sentence.text))
            first = (sentence.start + a, sentence.start + b)
    return float(count), first


def _say(rule: Rule, value: float, side: str, limit: float) -> str:
    unit = f"per {rule.per} words" if rule.per else rule.measure or ""
    shown = f"{value:.1f}" if rule.per else f"{value:.0f}"
    return f"{rule.message} ({shown} {unit}, {side} the limit of {limit:g})"
