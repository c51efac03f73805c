"""Compiled conditions: each finds the spans in a passage that satisfy it, or None."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Protocol

from linter.packs.atoms import Words, text_words
from linter.packs.lazy import LazyRegex

Span = tuple[int, int]
Spans = tuple[Span, ...]

_WORD = re.compile(r"\w+")  # fixed pattern, linear: word positions for `near`
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? ")


# Phrases that present a year as the reporting period, not any year: "since 2019" and "in
# 2015 we adopted" are history, and must not match (fixed patterns, no nested repetition).
@cache
def _period_year() -> re.Pattern[str]:
    """Compiled on first use: only a run that knows its fiscal year needs it."""
    return re.compile(
        r"\b(?:during|for|throughout|over)\s+(?:the\s+|our\s+|its\s+)?(?:fiscal|financial)\s+"
        r"(?:year\s+)?(?:(?:ended|ending)\s+)?(?:" + _MONTH + r")?((?:19|20)\d\d)\b"
        r"|\b(?:during|for|throughout|over|in)\s+(?:the\s+|our\s+|its\s+)?(?:fiscal\s+|financial\s+)?"
        r"years?\s+(?:ended|ending)\s+(?:" + _MONTH + r")?((?:19|20)\d\d)\b"
        r"|\bas\s+of\s+" + _MONTH.replace(" ", r"\s+") + r"((?:19|20)\d\d)\b",
        re.IGNORECASE)


@dataclass
class Shared:
    """What every passage of one scope shares: the scope's whole text, and which lexicons,
    terms and patterns occur in it at all (most do not, so most sentences need no search).

    Every passage is a stretch of ``text`` (its sentences joined by the same single space),
    so a match in a passage is a match in ``text`` too, except where a pattern asserts the
    start or end of the text: those never use the pre-check (``Match.prefilter``)."""

    text: str
    present: dict[str, bool] = field(default_factory=dict)
    fiscal_year: int | None = None  # the document's, for `year` conditions
    regexes: dict[str, Regex | None] = field(default_factory=dict)  # see Match._regex

    @cached_property
    def words(self) -> Words | None:
        """The words of ``text``, for the atoms of a Match (see linter.packs.atoms)."""
        return text_words(self.text)


@dataclass
class Passage:
    """The text a condition is evaluated on: one sentence, or a window around one. ``memo``
    keeps each lexicon's matches, since many rules ask about the same lexicon."""

    text: str
    subsection: str | None = None
    shared: Shared | None = None
    memo: dict[str, Spans | None] = field(default_factory=dict)

    @cached_property
    def subject(self) -> Span:
        """Where the grammatical subject of the passage's first sentence lies (roughly: the
        words before its first verb, after an opening phrase such as "In addition,")."""
        return subject_span(self.text)

    @cached_property
    def word_starts(self) -> list[int]:
        return [m.start() for m in _WORD.finditer(self.text)]

    def words_between(self, a: Span, b: Span) -> int:
        """How many words lie strictly between two spans (0 when they touch or overlap)."""
        first, second = (a, b) if a[0] <= b[0] else (b, a)
        if second[0] <= first[1]:
            return 0
        starts = self.word_starts
        return max(bisect.bisect_left(starts, second[0]) - bisect.bisect_left(starts, first[1]), 0)


class Condition(Protocol):
    def spans(self, passage: Passage) -> Spans | None: ...


class Regex(Protocol):
    """A compiled RE2 expression (google-re2 ships no type information)."""

    @property
    def pattern(self) -> str: ...

    def finditer(self, text: str) -> Any: ...

    def search(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Match:
    """A lexicon, a term or a pattern: true where the compiled RE2 expression matches."""

    label: str
    regex: Regex = field(compare=False)
    # False for a pattern with ^, $, \A or \z: "^none" matches the sentence "None." but not
    # the section text around it, so the section-wide search could wrongly rule it out (its
    # words still must be there: a passage's start and end are word boundaries there too).
    prefilter: bool = field(default=True, compare=False)

    def spans(self, passage: Passage) -> Spans | None:
        if self.label in passage.memo:
            return passage.memo[self.label]
        shared = passage.shared
        if shared is not None and (self.prefilter or isinstance(self.regex, LazyRegex)):
            if self.label not in shared.present:
                shared.present[self.label] = self._occurs_in(shared)
            if not shared.present[self.label]:
                passage.memo[self.label] = None
                return None
        regex = self._regex(shared)
        if regex is None:
            passage.memo[self.label] = None
            return None
        found = tuple(m.span() for m in regex.finditer(passage.text) if m.end() > m.start())
        passage.memo[self.label] = found or None
        return found or None

    def _occurs_in(self, shared: Shared) -> bool:
        """Whether the expression may match in a passage of the scope: the words it needs
        are in the scope's text (a passage's words are), and, unless it is anchored (``^``
        holds at the start of a passage, not of the scope's text), it matches there."""
        regex = self._regex(shared)
        return regex is not None and (not self.prefilter or regex.search(shared.text) is not None)

    def _regex(self, shared: Shared | None) -> Regex | None:
        """The expression, or for a passage of a scope the part of it that may match there
        (None: no part may), chosen once per scope."""
        if shared is None or not isinstance(self.regex, LazyRegex):
            return self.regex
        if self.label not in shared.regexes:
            shared.regexes[self.label] = self.regex.within(shared.words)
        return shared.regexes[self.label]


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]

    def spans(self, passage: Passage) -> Spans | None:
        out: list[Span] = []
        for part in self.parts:
            found = part.spans(passage)
            if found is None:
                return None
            out.extend(found)
        return tuple(out)


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def spans(self, passage: Passage) -> Spans | None:
        out: list[Span] = []
        hit = False
        for part in self.parts:
            found = part.spans(passage)
            if found is not None:
                hit = True
                out.extend(found)
        return tuple(out) if hit else None


@dataclass(frozen=True)
class Not:
    part: Condition

    def spans(self, passage: Passage) -> Spans | None:
        return () if self.part.spans(passage) is None else None


@dataclass(frozen=True)
class Near:
    first: Condition
    second: Condition
    within: int

    def spans(self, passage: Passage) -> Spans | None:
        a = self.first.spans(passage)
        if not a:
            return None
        b = self.second.spans(passage)
        if not b:
            return None
        pairs = [(x, y) for x in a for y in b if passage.words_between(x, y) <= self.within]
        if not pairs:
            return None
        return tuple(s for pair in pairs for s in pair)


@dataclass(frozen=True)
class Subject:
    """True where ``part`` matches inside the subject of the sentence: "Our board oversees
    risk" is about the board, "Our CISO reports to the board" is not."""

    part: Condition

    def spans(self, passage: Passage) -> Spans | None:
        found = self.part.spans(passage)
        if not found:
            return None
        lo, hi = passage.subject
        inside = tuple(s for s in found if s[0] < hi and s[1] > lo)
        return inside or None


# An opening phrase that is not the subject ("In addition,", "As part of our program,").
_OPENER = re.compile(
    r"(?:in|as|under|through|with|at|to|for|from|by|on|consistent|pursuant|given|because|while|"
    r"although|since|additionally|further|furthermore|moreover|also|accordingly|generally|"
    r"specifically|currently|today|overall|similarly|importantly|ultimately|finally|"
    r"notwithstanding|following|during|after|before|once|when|where|if|upon)\b[^,]{0,160},\s*",
    re.IGNORECASE)
# Words that end a subject: auxiliaries and the verbs these sections use.
_VERBS = frozenset((
    "is", "are", "was", "were", "has", "have", "had", "will", "may", "shall", "can", "could",
    "would", "should", "must", "does", "do", "did", "oversee", "oversees", "oversaw",
    "overseeing", "receive", "receives", "review", "reviews", "provide", "provides", "report",
    "reports", "maintain", "maintains", "meet", "meets", "discuss", "discusses", "monitor",
    "monitors", "retain", "retains", "delegate", "delegates", "consider", "considers", "evaluate",
    "evaluates", "assess", "assesses", "approve", "approves", "hold", "holds", "exercise",
    "exercises", "take", "takes", "engage", "engages", "manage", "manages", "lead", "leads",
    "direct", "directs", "govern", "governs", "supervise", "supervises", "perform", "performs",
    "conduct", "conducts", "serve", "serves", "play", "plays", "remain", "remains", "continue",
    "continues", "keep", "keeps", "get", "gets", "brief", "briefs", "update", "updates", "inform",
    "informs", "advise", "advises", "work", "works", "use", "uses", "relies", "help", "helps",
    "include", "includes", "comprise", "comprises", "consist", "consists", "chair", "chairs",
    "set", "sets", "establishes", "implement", "implements", "ensure", "ensures", "regularly",
    "periodically", "annually", "quarterly", "also", "actively", "ultimately", "generally",
    "primarily"
))
_SUBJECT_WORDS = 8


def subject_span(text: str) -> Span:
    opener = _OPENER.match(text)
    start = opener.end() if opener else 0
    words = list(_WORD.finditer(text, start))
    end = start
    for word in words[:_SUBJECT_WORDS]:
        if word.group().lower() in _VERBS and word.start() > start:
            break
        end = word.end()
    return start, end


@dataclass(frozen=True)
class InSubsection:
    name: str

    def spans(self, passage: Passage) -> Spans | None:
        return () if passage.subsection == self.name else None


@dataclass(frozen=True)
class Year:
    """A year presented as the reporting period, compared with the document's fiscal year.

    ``other-than-fiscal`` holds for a period year that is neither the fiscal year nor the
    next (the filing date's year, and the calendar year in which a fiscal year ending early
    in the year is labelled); ``fiscal`` for one that is. Never holds when the fiscal year is
    unknown: no guess is better than a wrong one."""

    mode: str

    def spans(self, passage: Passage) -> Spans | None:
        fiscal = passage.shared.fiscal_year if passage.shared is not None else None
        if fiscal is None:
            return None
        out = []
        for m in _period_year().finditer(passage.text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            current = int(m.group(group)) in (fiscal, fiscal + 1)
            if current == (self.mode == "fiscal"):
                out.append(m.span())
        return tuple(out) or None


def fiscal_year_of(value: str | None) -> int | None:
    """The four-digit year in a fiscal-year value ("2024", "FY2024"), or None."""
    found = re.search(r"(?:19|20)\d\d", value or "")
    return int(found.group()) if found else None


# An escape (its character captured), a character class, or a bare ^ or $.
_TOKENS = re.compile(r"\\(.)|\[\^?\]?(?:\\.|[^\]\\])*\]|[\^$]", re.DOTALL)


def anchored(pattern: str) -> bool:
    """Whether an RE2 pattern may assert the start or end of the text (``^ $ \\A \\z``).

    Errs towards True (a needless answer costs only speed): ``\\Q...\\E`` quoting and
    ``[[:alpha:]]`` classes are not followed, and ``^`` in ``\\p{^Greek}`` counts."""
    if "^" not in pattern and "$" not in pattern and not any(  # most patterns: no pass
            escape in pattern for escape in ("\\A", "\\z", "\\Q")):
        return False
    for token in _TOKENS.finditer(pattern):  # one pass in C: escapes and classes skipped
        if token.group() in ("^", "$") or token.group(1) in ("A", "z", "Q"):
            return True
    return False
