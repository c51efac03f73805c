"""Compare two linted documents: verdicts, evidence, findings, sentences and stale content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from linter.baseline import WHOLE_SECTION, fold
from linter.diff.align import REWORDED, Pair, align, similarity
from linter.diff.model import DiffResult, RequirementChange, Row, Side
from linter.diff.stale import dropped_incidents, renamed, stale_dates
from linter.results import DocumentResult, Finding, RequirementResult
from linter.sentences import split_text, words


def sentences(doc: DocumentResult) -> list[tuple[str, int]]:
    """Each sentence of the located section with the line of its block."""
    out = []
    for block in doc.blocks:
        for start, end in split_text(block.text):
            out.append((" ".join(block.text[start:end].split()), block.line))
    return out


def compare(old: DocumentResult, new: DocumentResult,
            rules: Mapping[str, Mapping[str, Any]]) -> DiffResult:
    before, after = sentences(old), sentences(new)
    old_text, new_text = [s for s, _ in before], [s for s, _ in after]
    pairs = align(old_text, new_text)
    rows = tuple(_row(p, before, after) for p in pairs)
    found = (stale_dates(old_text, new_text, pairs) + renamed(old_text, new_text, pairs)
             + dropped_incidents(old_text, pairs))
    stale = list({(s.kind, s.message): s for s in found}.values())  # blocks repeated
    new_found, fixed = _findings(old, new, rules)
    return DiffResult(_side(old), _side(new), _requirements(old, new), rows, new_found, fixed,
                      tuple(stale))


def _side(doc: DocumentResult) -> Side:
    counts = Counter(str(r.status) for r in doc.requirements)
    return Side(doc.path, doc.format, doc.form, doc.section.title if doc.section else "",
                tuple((s, counts.get(s, 0)) for s in ("met", "partial", "missing")))


def _row(p: Pair, before: list[tuple[str, int]], after: list[tuple[str, int]]) -> Row:
    old = before[p.old] if p.old is not None else None
    new = after[p.new] if p.new is not None else None
    return Row(p.kind, old[0] if old else None, new[0] if new else None,
               old[1] if old else None, new[1] if new else None, p.similarity)


def _requirements(old: DocumentResult, new: DocumentResult) -> tuple[RequirementChange, ...]:
    then = {r.id: r for r in old.requirements}
    now = {r.id: r for r in new.requirements}
    ids = [r.id for r in new.requirements] + [i for i in then if i not in now]
    return tuple(_requirement(then.get(i), now.get(i)) for i in ids)


def _requirement(then: RequirementResult | None,
                 now: RequirementResult | None) -> RequirementChange:
    either = now or then
    assert either is not None
    old_ev = [" ".join(e.text.split()) for e in then.evidence] if then else []
    new_ev = [" ".join(e.text.split()) for e in now.evidence] if now else []
    pairs = align(old_ev, new_ev)
    return RequirementChange(
        id=either.id, title=either.title, citation=either.citation,
        old_status=str(then.status) if then else None,
        new_status=str(now.status) if now else None,
        old_answer=then.answer if then else None, new_answer=now.answer if now else None,
        added=tuple(new_ev[p.new] for p in pairs if p.kind == "added" and p.new is not None),
        removed=tuple(old_ev[p.old] for p in pairs if p.kind == "removed" and p.old is not None),
        reworded=tuple((old_ev[p.old], new_ev[p.new]) for p in pairs
                       if p.kind == "reworded" and p.old is not None and p.new is not None),
    )


def _findings(old: DocumentResult, new: DocumentResult, rules: Mapping[str, Mapping[str, Any]]
              ) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Findings in one document and not the other, matched by identity, never by line."""

    def key(f: Finding) -> tuple[str, str, str]:
        whole = rules.get(f.rule, {}).get("kind") in WHOLE_SECTION
        text = "" if whole else fold(f.excerpt or f.message)  # as a baseline identifies it
        return (f.rule, str(f.severity), text)

    def only(ours: tuple[Finding, ...], theirs: tuple[Finding, ...]) -> list[Finding]:
        left = Counter(key(f) for f in theirs)
        out = []
        for f in ours:
            if left[key(f)]:
                left[key(f)] -= 1
            else:
                out.append(f)
        return out

    came, went = only(new.findings, old.findings), only(old.findings, new.findings)
    # A flagged sentence reworded but still flagged by the same rule is neither new nor fixed.
    for a in list(went):
        b = next((b for b in came if key(b)[:2] == key(a)[:2]
                  and similarity(words(a.excerpt), words(b.excerpt)) >= REWORDED), None)
        if b is not None:
            came.remove(b)
            went.remove(a)
    return tuple(came), tuple(went)
