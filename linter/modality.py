"""How a sentence says what it says: a present fact, a hedge, a plan, a hypothetical, a denial.

A careful reader of Item 106 gives weight only to what the company says it does now
(S-K 229.106(b)(1) asks for the processes it has): "at times we may engage" is a hedge,
"we intend to adopt" a plan, "if an incident occurs, we would engage" a hypothetical,
"we do not have a CISO" a denial. The modality is read in the clause that holds the words a
rule matched, before them, so that "the CISO reports quarterly and, in the event of an
incident, …" stays a present fact.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Modality(StrEnum):
    PRESENT = "present"
    HEDGE = "hedge"
    PLAN = "plan"
    HYPOTHETICAL = "hypothetical"
    DENIAL = "denial"


# A clause ends at a semicolon or colon, or at a comma that opens a new main clause
# ("…, but the Audit Committee receives…"; "…, and our CISO reports…").
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:but|and|while|whereas|although|however)\s+(?=(?:we|our|the|its|their|it|they|"
    r"this|these|management|[A-Z]))|\.\s")
# A modal before the matched words hedges them; "at times we engage" is a frequency, a fact,
# where "at times we may engage" is a hedge.
_HEDGE = re.compile(
    r"\b(?:may|might|can)\b",
    re.IGNORECASE)
# "As needed" anywhere in the clause is a hedge, unless it only widens a cadence ("quarterly,
# or more often as needed").
_AS_NEEDED = re.compile(
    r"\b(?:where (?:appropriate|necessary|needed|warranted)|as (?:appropriate|needed|necessary|"
    r"warranted|required|deemed (?:necessary|appropriate))|when (?:necessary|needed|appropriate|"
    r"warranted)|if (?:necessary|needed|appropriate|warranted))\b", re.IGNORECASE)
_CADENCE = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|annual(?:ly)?|yearly|semi-?annual(?:ly)?|biannual(?:ly)?"
    r"|regular(?:ly)?|periodic(?:ally)?|routine(?:ly)?|each (?:quarter|year|month|meeting)|every "
    r"(?:quarter|year|month|meeting)|at least|standing)\b", re.IGNORECASE)
_PLAN = re.compile(
    r"\b(?:plans?|planning|planned|intends?|intending|intended|expects?|expecting|hopes?|working"
    r"|are working|is working) (?:\w+ )?to\b|\banticipat\w*\b|"
    r"\b(?:is|are) (?:currently )?(?:evaluating|considering|exploring|developing)\b|\b(?:is|are) in"
    r" the process of\b|\bin the future\b|\bgoing forward\b|\bwill (?:\w+ly )?(?:begin|start|"
    r"implement|adopt|establish|develop|engage|hire|retain|appoint|consider|evaluate|explore|"
    r"formali[sz]e|introduce|put in place|seek|look to|enhance|build|create|design|expand)\b",
    re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|should|could|would|in the event|in case|in cases|upon (?:the )?"
    r"(?:occurrence|discovery|detection|identification)|if and when|when and if|whenever|"
    r"in the unlikely event)\b", re.IGNORECASE)
_DENIAL = re.compile(
    r"\b(?:not|no|never|neither|nor|without|lacks?|none)\b|n't\b", re.IGNORECASE)
_DENIAL_REACH = 5  # a negation this many words before the phrase governs it
_AS_NEEDED_REACH = 3  # "as needed" this many words after the last matched word qualifies it


def modality_at(text: str, first: int, last: int | None = None,
                last_end: int | None = None) -> Modality:
    """The modality of the clause of ``text`` that holds the matched words from ``first`` to
    ``last`` (the start of the last of them): a negation just before them, a plan or a hedge
    anywhere before the last of them ("our CIO may oversee"), a condition that opens the
    clause ("in the event of an incident, management will report"), or "as needed" with no
    cadence anywhere in the clause."""
    start = 0
    for found in _CLAUSE_BREAK.finditer(text, 0, first):
        start = found.end()
    end = _CLAUSE_BREAK.search(text, first)
    stop_at = end.start() if end else len(text)  # the clause ends there
    last = first if last is None or (end and last >= stop_at) else max(last, first)
    before, governing = text[start:first], text[start:last]
    for stop in {first, last}:
        if _DENIAL.search(" ".join(text[start:stop].split()[-_DENIAL_REACH:])):
            return Modality.DENIAL
    if _PLAN.search(governing):
        return Modality.PLAN
    if _HYPOTHETICAL.search(before):
        return Modality.HYPOTHETICAL
    if _HEDGE.search(governing):
        return Modality.HEDGE
    clause = text[start:stop_at]
    if not _CADENCE.search(clause) and _qualified_as_needed(text, start, stop_at,
                                                            last if last_end is None else last_end):
        return Modality.HEDGE
    return Modality.PRESENT


def _qualified_as_needed(text: str, start: int, end: int, tail: int) -> bool:
    """ "As needed" that qualifies the matched words: opening the clause ("As needed, we
    engage …"), or closing it just after them ("… reports to the board as needed."); in the
    middle ("external resources to monitor and, as appropriate, respond") it qualifies
    another verb."""
    for found in _AS_NEEDED.finditer(text, start, end):
        opening = len(text[start:found.start()].split()) <= 1
        closing = (len(text[found.end():end].split()) <= 1
                   and len(text[tail:found.start()].split()) <= _AS_NEEDED_REACH)
        if opening or closing:
            return True
    return False
