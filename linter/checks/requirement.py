"""Kind `requirement`: something the disclosure must say; status, answer and evidence."""

from __future__ import annotations

import re

from linter.checks.base import Found, Hit, Outcome, ScopeView, Verdict, first_span
from linter.model import Document, Sentence
from linter.packs.model import Rule
from linter.results import Status

_WORD = re.compile(r"\w+")


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    # A clear "no" meets the requirement: the rule asks whether, not that (S-K 106(b)(1)).
    said_no = scope.prose(scope.find(rule.answer_no, rule.window))
    if said_no:
        return Outcome(verdict=Verdict(Status.MET, False, _evidence(scope, said_no, rule)))
    evidence = scope.prose(scope.find(rule.evidence, rule.window))
    said_yes = scope.prose(scope.find(rule.answer_yes, rule.window))
    if evidence or said_yes:
        answer = True if said_yes else (rule.answer_default if rule.has_answer else None)
        found = sorted(evidence + said_yes, key=lambda item: item[0])
        return Outcome(verdict=Verdict(Status.MET, answer, _evidence(scope, found, rule)))
    partial = scope.prose(scope.find(rule.partial, rule.window))
    if partial:
        start, end = first_span(*partial[0], scope)
        hit = Hit(start, end, rule.partial_message or rule.message, rule.partial_severity)
        verdict = Verdict(Status.PARTIAL, _partial_answer(rule, scope, partial),
                          _evidence(scope, partial, rule))
        return Outcome((hit,), verdict)
    return Outcome((Hit(message=rule.message, at_heading=True),), Verdict(Status.MISSING))


def _partial_answer(rule: Rule, scope: ScopeView, partial: Found) -> bool | None:
    """A partial result can still answer "whether": "we have not experienced any material
    incidents" addresses only incidents (so `partial`), but its answer is no."""
    if any(scope.holds(rule.partial_no, i, rule.window) for i, _ in partial):
        return False
    if any(scope.holds(rule.partial_yes, i, rule.window) for i, _ in partial):
        return True
    return rule.partial_answer


def _evidence(scope: ScopeView, found: Found, rule: Rule) -> tuple[Sentence, ...]:
    """Up to ``max_evidence`` distinct sentences that met the rule, in document order: those
    meeting the first of the rule's `cite` conditions (read on the sentence alone) that any of
    them meets, else all of them. In the seed format the text blocks repeat each other, so a
    sentence is cited once, at its first occurrence (compared on its words alone: a block may
    repeat it inside quotation marks)."""
    found = sorted(found, key=lambda item: item[0])
    for condition in rule.cite:
        cited = [(i, spans) for i, spans in found if scope.holds(condition, i)]
        if cited:
            found = cited
            break
    out: list[Sentence] = []
    seen: set[str] = set()
    for i, _ in found:
        sentence = scope.sentences[i]
        key = " ".join(_WORD.findall(sentence.text.lower()))
        if key in seen:
            continue
        seen.add(key)
        out.append(sentence)
        if len(out) == rule.max_evidence:
            break
    return tuple(out)
