"""Kind `clock`: a report filed within its business days of the date the text gives."""

from __future__ import annotations

import re
from datetime import date

from linter.checks.base import Hit, Outcome, ScopeView
from linter.clock import business_days_after, dated, dates_in, deadline, parse_date
from linter.model import Document
from linter.packs.model import Rule

# The filing's date: --filing-date or the configuration ("filed"), else the date the report
# was signed, which EDGAR filers date the day they file ("signed").
FILING_DATE_KEYS = ("filed", "signed")
_VERB = re.compile(r"\b(?:determin|conclu)\w*", re.IGNORECASE)


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    if (document.form or "").upper().endswith("/A"):
        return Outcome()  # an amendment's clock runs from when the information became known
    meta = dict(document.meta)
    filed = next((d for k in FILING_DATE_KEYS if (d := parse_date(meta.get(k, "")))), None)
    start, estimated, where = _start(rule, scope, filed.year if filed else None)
    if start is None:
        return Outcome((Hit(message=rule.missing_message or rule.message,
                            severity=rule.missing_severity, at_heading=True),))
    days = rule.business_days or 0
    taken = business_days_after(start, filed) if filed is not None else 0
    if filed is None or taken <= days:
        return Outcome()
    basis = "discovery (the determination said to follow promptly)" if estimated else (
        "the materiality determination")
    message = (f"Filed {filed.isoformat()}, {taken} business days "
               f"after {basis} on {start.isoformat()}; due by {deadline(start, days).isoformat()}.")
    sentence = scope.sentences[where]
    return Outcome((Hit(sentence.start, sentence.end, f"{rule.message} {message}"),))


def _start(rule: Rule, scope: ScopeView, year: int | None) -> tuple[date | None, bool, int]:
    """The materiality determination's date, whether it is estimated from the discovery,
    and the sentence that gives it."""
    for i, _ in scope.prose(scope.find(rule.determined)):
        sentence = scope.sentences[i]
        found = dated(sentence.text, year)
        if found:
            # the date nearest the words of the determination ("determined on June 3, 2025
            # that the incident, discovered on May 30, was material")
            verb = _VERB.search(sentence.text)
            at = verb.start() if verb else 0
            return min(found, key=lambda item: abs(item[0] - at))[1], False, i
    if scope.find(rule.promptly):
        for i, _ in scope.prose(scope.find(rule.discovered)):
            discovered = dates_in(scope.sentences[i].text, year)
            if discovered:
                return discovered[0], True, i
    return None, False, 0
