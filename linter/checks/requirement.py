"""Kind `requirement`: something the disclosure must say; status, answer and evidence."""

from __future__ import annotations

import re

from linter.checks.base import Found, Hit, Outcome, ScopeView, Verdict, first_span
from linter.modality import Modality, modality_at
from linter.model import Document, Sentence
from linter.packs.conditions import Spans
from linter.packs.model import Rule
from linter.results import Severity, Status

_WORD = re.compile(r"\w+")


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    # A clear "no" meets the requirement: the rule asks whether, not that (S-K 106(b)(1)).
    said_no = scope.prose(scope.find(rule.answer_no, rule.window))
    evidence = _affirmed(rule, scope, scope.prose(scope.find(rule.evidence, rule.window)))
    said_yes = _affirmed(rule, scope, scope.prose(scope.find(rule.answer_yes, rule.window)))
    if said_no and not (rule.no_gives_way and (evidence or said_yes)):
        # where the rule says so, a no gives way to what the section affirms elsewhere: "we
        # have no personnel of our own" beside "our management team will report" is a yes
        return Outcome(verdict=Verdict(Status.MET, False, _evidence(scope, said_no, rule)))
    if evidence or said_yes:
        answer = True if said_yes else (rule.answer_default if rule.has_answer else None)
        found = sorted(evidence + said_yes, key=lambda item: item[0])
        shortfalls = [_shortfall(rule, scope, item) for item in found]
        solid = [item for item, short in zip(found, shortfalls, strict=True) if not short]
        if solid:
            return Outcome(verdict=Verdict(Status.MET, answer, _evidence(scope, solid, rule)))
        start, end = first_span(*found[0], scope)
        hit = Hit(start, end, shortfalls[0], _partial_severity(rule), partial=True)
        return Outcome((hit,), Verdict(Status.PARTIAL, answer, _evidence(scope, found, rule)))
    partial = scope.prose(scope.find(rule.partial, rule.window))
    if partial:
        start, end = first_span(*partial[0], scope)
        hit = Hit(start, end, _partial_reason(rule, scope, partial), _partial_severity(rule),
                  partial=True)
        verdict = Verdict(Status.PARTIAL, _partial_answer(rule, scope, partial),
                          _evidence(scope, partial, rule))
        return Outcome((hit,), verdict)
    return Outcome((Hit(message=rule.message, at_heading=True),), Verdict(Status.MISSING))


def _partial_reason(rule: Rule, scope: ScopeView, partial: Found) -> str:
    """What the partial result lacks: the first of the rule's reasons that a partial sentence
    shows ("only incidents", "only the past limb"), else its partial message."""
    for condition, message in rule.partial_reasons:
        if any(scope.holds(condition, i, rule.window) for i, _ in partial):
            return message
    return rule.partial_message or rule.message


def _partial_severity(rule: Rule) -> Severity:
    """A partial result is the item there but thin: one level below the rule's severity,
    unless the rule says otherwise (DESIGN.md, rule kinds)."""
    return rule.partial_severity or rule.severity.demoted()


def _affirmed(rule: Rule, scope: ScopeView, found: Found) -> Found:
    """``found`` without the sentences that deny what they mention ("we do not have a CISO"):
    a denial is an answer, read by the rule's `answer.no`, never evidence of a yes."""
    if not rule.modality_partial:
        return found
    return [item for item in found if _modality(scope, item) is not Modality.DENIAL]


def _modality(scope: ScopeView, item: tuple[int, Spans]) -> Modality:
    index, spans = item
    sentence = scope.sentences[index]
    inside = [(a - sentence.start, b - sentence.start) for a, b in spans if a >= sentence.start]
    if not inside:
        return modality_at(sentence.text, 0)
    return modality_at(sentence.text, min(a for a, _ in inside), max(a for a, _ in inside),
                       max(b for _, b in inside))


def _shortfall(rule: Rule, scope: ScopeView, item: tuple[int, Spans]) -> str:
    """Why an evidence sentence gives only `partial` ("" when it meets the rule): hedged,
    planned or hypothetical wording, or nothing concrete."""
    if rule.specific is not None and not scope.holds(rule.specific, item[0], rule.window):
        return rule.specific_message or rule.partial_message or rule.message
    if rule.modality_partial and str(_modality(scope, item)) in rule.modality_partial:
        return rule.modality_message or rule.partial_message or rule.message
    return ""


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
