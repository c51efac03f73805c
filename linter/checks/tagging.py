"""Kind `tagging`: the Inline XBRL `cyd` facts of an annual report, checked before submission."""

from __future__ import annotations

from collections.abc import Sequence

from linter.checks.base import Hit, Outcome, ScopeView
from linter.model import Document
from linter.packs.model import Rule
from linter.sentences import words as _words

_PROBE = 12  # words from each end of a text block looked for in the section


def check(rule: Rule, scope: ScopeView, document: Document) -> Outcome:
    if rule.check == "none":
        # XBRL US DQC_0202: an Inline XBRL annual report with no cyd fact at all.
        if document.format != "inline-xbrl" or document.facts:
            return Outcome()
        return Outcome((Hit(message=rule.message, at_heading=True),))
    section = " ".join(_words(" ".join(s.text for s in scope.sentences)))
    hits = []
    for fact in (f for f in document.facts if not f.is_flag):
        words = _words(fact.value)
        if not words or _inside(words, section):
            continue
        message = f"{rule.message} ({fact.name}: \"{' '.join(fact.value.split()[:_PROBE])}…\")"
        if fact.location is not None:
            hits.append(Hit(message=message, location=fact.location))
        else:
            hits.append(Hit(message=message, at_heading=True))
    return Outcome(tuple(hits))


def _inside(words: Sequence[str], section: str) -> bool:
    """Does the section hold the block: its first or its last words, in order?"""
    head, tail = " ".join(words[:_PROBE]), " ".join(words[-_PROBE:])
    return head in section or tail in section
