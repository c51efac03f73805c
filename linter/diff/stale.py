"""Content carried over from last year that has gone stale: dates, named people and bodies, and
an incident described last year and silently dropped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from linter.diff.align import Pair

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)")
_BEGAN = "(?:adopted|began|established|implemented|formed|launched)"  # history, not a period
# A year presented as a period or a point in time ("as of December 31, 2024", "fiscal 2024",
# "the year ended ... 2024", "In 2024,", "during 2024"), as opposed to history ("since 2019").
_PERIOD = re.compile(
    rf"\b(?i:as of|as at)\s+(?:{_MONTH}\s+\d{{1,2}},?\s+)?((?:19|20)\d\d)\b"
    rf"|\b(?i:fiscal(?: year)?|FY)\s*((?:19|20)\d\d)\b"
    rf"|\b(?i:year|period|quarter)s?\s+(?i:end(?:ed|ing))\s+(?:{_MONTH}\s+\d{{1,2}},?\s+)?((?:19|20)\d\d)\b"
    rf"|(?:^|[,;:]\s*)In\s+((?:19|20)\d\d)\b(?!\s*[-\u2013]|,?\s+we {_BEGAN})"
    rf"|\b(?:[Dd]uring|[Tt]hroughout)\s+((?:19|20)\d\d)\b"
)
_YEAR_GROUPS = (1, 2, 3, 4, 5)

# Officers and bodies a reader would see renamed: C-suite titles, vice presidents and
# directors with their remit, committees and councils, the board, and persons by honorific.
_NAMES = re.compile(
    r"(?i:\bchief\s+(?:[a-z]+\s+){0,4}?officer\b)"
    r"|\b(?:CISO|CIO|CTO|CFO|CEO|COO|CRO|CPO|CSO|CCO|CDO|SVP-IT|EVP-IT)\b"
    r"|(?i:\b(?:senior\s+|executive\s+)*vice\s+president)(?:\s+of\s+[A-Z][\w&-]*(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w&-]*)*)?"
    r"|(?i:\b(?:IT|information technology|information security|security)\s+director\b)"
    r"|(?:[A-Z][\w&\u2019'-]*\s+(?:(?:and|&|of|on)\s+(?:the\s+)?)?){1,5}(?:Committee|Council|Subcommittee)\b"
    r"|(?i:\b(?:full\s+)?board\s+of\s+directors\b)"
    r"|\b(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
)
_LEADING = re.compile(r"^(?:the|our|its|their|this|that|a|an|each|such|and|of)\s+", re.IGNORECASE)

# A past incident stated as fact ("On December 13, 2024, we experienced a cybersecurity
# incident"), not a denial ("we have not experienced any material incident").
_INCIDENT = re.compile(
    r"\b(?:experienced|detected|discovered|identified|suffered|became aware of"
    r"|(?:was|were) the (?:target|victim) of"
    r"|(?:was|were) (?:hacked|compromised|breached|attacked))\b"
    r"(?:\s+\S+){0,8}?\s+(?:cyber(?:security)?\s+)?(?:incidents?|attacks?|breach(?:es)?|intrusions?"
    r"|unauthori[sz]ed\s+access|ransomware|compromise)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(?:not|never|no|none|any|without)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stale:
    """One piece of carried-over content to review."""

    kind: str  # "date", "name", "incident-dropped"
    message: str
    old: str
    new: str = ""

    def to_plain(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message, "old": self.old, "new": self.new}


def period_years(text: str) -> list[int]:
    return [int(next(m.group(g) for g in _YEAR_GROUPS if m.group(g)))
            for m in _PERIOD.finditer(text)]


def names(text: str) -> dict[str, str]:
    """Folded name -> the name as written, for each officer, body or person named."""
    found = {}
    for m in _NAMES.finditer(text):
        written = _LEADING.sub("", " ".join(m.group(0).split()))
        written = _LEADING.sub("", written)
        found[written.lower().replace("\u2019", "").replace("'", "")] = written
    return found


def stale_dates(old: Sequence[str], new: Sequence[str], pairs: Sequence[Pair]) -> list[Stale]:
    """Sentences kept from last year (same or reworded) that still date themselves in last
    year's reporting period: the latest period year the old text names."""
    years = [y for s in old for y in period_years(s)]
    if not years:
        return []
    last = max(years)
    out = []
    for p in pairs:
        if p.old is None or p.new is None:
            continue
        kept = set(period_years(old[p.old])) & set(period_years(new[p.new]))
        if last in kept:
            out.append(Stale("date", f"carried over from last year with its date ({last}): "
                             "update the period or say that it is history", old[p.old],
                             new[p.new]))
    return out


def renamed(old: Sequence[str], new: Sequence[str], pairs: Sequence[Pair]) -> list[Stale]:
    """In a reworded sentence, an officer or body named last year and replaced or dropped."""
    out = []
    for p in pairs:
        if p.kind != "reworded" or p.old is None or p.new is None:
            continue
        before, after = names(old[p.old]), names(new[p.new])
        gone = [before[k] for k in before if k not in after]
        came = [after[k] for k in after if k not in before]
        if gone:
            was, now = "; ".join(gone), "; ".join(came) or "(no longer named here)"
            out.append(Stale("name", f"named officer or committee changed: {was} \u2192 {now}; "
                             "check the rest of the section says the same", old[p.old],
                             new[p.new]))
    return out


def dropped_incidents(old: Sequence[str], pairs: Sequence[Pair]) -> list[Stale]:
    """A run of last year's sentences, gone this year, that described an incident as fact."""
    removed = sorted(p.old for p in pairs if p.kind == "removed" and p.old is not None)
    runs: list[list[int]] = []
    for i in removed:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        if any(_states_incident(old[i]) for i in run):
            out.append(Stale("incident-dropped", "an incident described last year is no longer "
                             "mentioned: say what became of it (resolved, its effects, whether "
                             "it was material) rather than drop it silently",
                             " ".join(old[i] for i in run)))
    return out


def _states_incident(sentence: str) -> bool:
    m = _INCIDENT.search(sentence)
    return m is not None and not _DENIAL.search(sentence[: m.end()])
