"""What every check kind shares: the prepared scope it reads and the hits it returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from linter.model import BlockKind, Document, Location, Sentence
from linter.packs.conditions import Condition, Passage, Shared, Spans, fiscal_year_of
from linter.packs.model import Rule
from linter.results import Severity, Status

SUBSECTION_WORDS = (("govern", "governance"), ("risk", "risk-management"))


@dataclass(frozen=True)
class Hit:
    """A finding before the engine decorates it: the text concerned, as document offsets.

    ``at_heading`` anchors content that is missing at the section heading; ``location``
    pins a hit that is not in the text (an XBRL fact)."""

    start: int = 0
    end: int = 0
    message: str = ""
    severity: Severity | None = None
    at_heading: bool = False
    partial: bool = False  # a requirement addressed but thin, not missing
    location: Location | None = None


@dataclass(frozen=True)
class Verdict:
    """A requirement's status, answer and evidence sentences."""

    status: Status
    answer: bool | None = None
    evidence: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Outcome:
    hits: tuple[Hit, ...] = ()
    verdict: Verdict | None = None


Found = list[tuple[int, Spans]]  # (index into ScopeView.sentences, spans as document offsets)


@dataclass(frozen=True)
class ScopeView:
    """The located section, split into sentences with their subsection, for checks to read.

    ``requirements`` holds the verdicts of the requirement rules, for conditional and flag
    rules (the engine runs requirement rules first)."""

    sentences: tuple[Sentence, ...]
    subsections: tuple[str | None, ...]
    requirements: Mapping[str, Verdict] = field(default_factory=dict)
    passages: tuple[Passage, ...] = ()  # one per sentence, sharing a memo across rules
    shared: Shared = field(default_factory=lambda: Shared(""))
    headings: frozenset[int] = frozenset()  # sentences that are headings, not prose

    @classmethod
    def build(cls, document: Document) -> ScopeView:
        sentences = document.scope_sentences()
        subsections = tuple(_subsection(document, s.block) for s in sentences)
        shared = Shared(" ".join(s.text for s in sentences),
                        fiscal_year=fiscal_year_of(document.fiscal_year))
        passages = tuple(Passage(s.text, sub, shared) for s, sub in zip(sentences, subsections,
                                                                         strict=True))
        headings = frozenset(i for i, s in enumerate(sentences)
                             if document.blocks[s.block].kind is BlockKind.HEADING)
        return cls(sentences, subsections, passages=passages, shared=shared, headings=headings)

    def passage(self, i: int, window: int = 0) -> tuple[Passage, int, int, int]:
        """The passage for sentence ``i`` and the document offset of its start, with the
        bounds of sentence ``i`` inside it."""
        lo, hi = max(i - window, 0), min(i + window + 1, len(self.sentences))
        parts = self.sentences[lo:hi]
        text, focus = "", (0, 0)
        for j, sentence in enumerate(parts, lo):
            if text:
                text += " "
            if j == i:
                focus = (len(text), len(text) + len(sentence.text))
            text += sentence.text
        passage = Passage(text, self.subsections[i], self.shared)
        return passage, parts[0].start, focus[0], focus[1]

    def find(self, condition: Condition | None, window: int = 0) -> Found:
        """Sentences where ``condition`` holds, with its spans (document offsets)."""
        if condition is None:
            return []
        out: Found = []
        for i, sentence in enumerate(self.sentences):
            if window == 0:
                found = condition.spans(self.passages[i])
                if found is not None:
                    shift = sentence.start
                    out.append((i, tuple((a + shift, b + shift) for a, b in found)))
                continue
            passage, _, lo, hi = self.passage(i, window)
            found = condition.spans(passage)
            if found is None:
                continue
            mine = tuple((a - lo + sentence.start, b - lo + sentence.start)
                         for a, b in found if a < hi and b > lo)
            if mine or not found:  # matches only in a neighbour make it, not this one, evidence
                out.append((i, mine))
        return out

    def prose(self, found: Found) -> Found:
        """``found`` without headings: a heading names a topic; it never meets a requirement."""
        return [item for item in found if item[0] not in self.headings]

    def holds(self, condition: Condition | None, i: int, window: int = 0) -> bool:
        if condition is None:
            return False
        if window == 0:
            return condition.spans(self.passages[i]) is not None
        return condition.spans(self.passage(i, window)[0]) is not None


def _subsection(document: Document, block: int) -> str | None:
    if document.scope is None:
        return None
    for sub in document.scope.subsections:
        if sub.first <= block < sub.end:
            title = sub.title.lower()
            return next((name for word, name in SUBSECTION_WORDS if word in title), None)
    return None


def first_span(index: int, spans: Spans, view: ScopeView) -> tuple[int, int]:
    """The text a hit concerns: its first span, or the whole sentence when it has none."""
    if spans:
        return spans[0]
    sentence = view.sentences[index]
    return sentence.start, sentence.end


class Check(Protocol):
    def __call__(self, rule: Rule, scope: ScopeView, document: Document) -> Outcome: ...
