"""The engine: run every selected rule of the packs over a document's scope; a pure function."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from linter.checks import Hit, Outcome, ScopeView, Verdict, get_check
from linter.model import Document, Location
from linter.packs.model import Pack, Rule
from linter.results import (
    BlockInfo,
    DocumentResult,
    Evidence,
    Finding,
    RequirementResult,
    Severity,
    Status,
)

EXCERPT = 240


@dataclass(frozen=True)
class LintConfig:
    """What the configuration and command line decide for one document."""

    select: tuple[str, ...] = ()  # rule ids or globs (`gov-*`); empty = all
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id or glob -> severity
    # the same for a requirement's partial findings; by default one level below `severity`
    partial_severity: Mapping[str, str] = field(default_factory=dict)

    def selects(self, rule_id: str) -> bool:
        if self.select and not _any_glob(rule_id, self.select):
            return False
        return not _any_glob(rule_id, self.ignore)

    def severity_of(self, rule: Rule, hit: Hit) -> Severity:
        """A configured severity wins (for a partial finding: its configured partial severity,
        else one level below the configured severity); else the hit's own, else the rule's."""
        if hit.partial:
            for pattern, value in self.partial_severity.items():
                if fnmatch.fnmatchcase(rule.id, pattern):
                    return Severity(value)
        for pattern, value in self.severity.items():
            if fnmatch.fnmatchcase(rule.id, pattern):
                return Severity(value).demoted() if hit.partial else Severity(value)
        return hit.severity or rule.severity


def _any_glob(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(rule_id, p) for p in patterns)


def lint(document: Document, packs: Iterable[Pack], config: LintConfig = LintConfig(),
         extra: Iterable[tuple[Rule, Hit]] = ()) -> DocumentResult:
    """Requirement results and findings for ``document`` under ``packs``. ``extra``: hits
    of rules outside the packs (an amendment against its original), selected, placed,
    graded and suppressed as the packs' own are."""
    from linter.api import describe
    from linter.suppress import apply

    view = ScopeView.build(document)
    outcomes: dict[int, Outcome] = {}  # by rule (two packs may share a rule id)

    def requirement(rule: Rule) -> Outcome:
        """A requirement rule's outcome, checked once however often it is asked for."""
        if id(rule) not in outcomes:
            outcomes[id(rule)] = get_check("requirement")(rule, view, document)
        return outcomes[id(rule)]

    requirements: list[RequirementResult] = []
    hits: list[tuple[Rule, Hit]] = []
    for pack in packs:
        rules = [r for r in pack.rules if config.selects(r.id) and _applies(pack, r, document)]
        incorporating = _incorporating(rules, pack, view, document, requirement)
        running = {r.id for r in rules} if incorporating is None else set()
        # a flag or conditional rule reads its requirement's verdict even when --select
        # leaves the requirement itself out of the report
        if incorporating is None:
            running |= {ref for r in rules for ref in (r.requirement, r.then_requirement)
                        if ref and any(q.id == ref and _applies(pack, q, document)
                                       for q in pack.rules)}
        verdicts: dict[str, Verdict] = {}
        for rule in (r for r in pack.rules if r.kind == "requirement"):
            reported = config.selects(rule.id)
            if not reported and rule.id not in running:
                continue
            verdict = Verdict(Status.NOT_APPLICABLE)
            if rule.id in running:
                outcome = requirement(rule)
                verdict = outcome.verdict or verdict
                if reported:
                    hits.extend((rule, h) for h in outcome.hits)
            verdicts[rule.id] = verdict
            if reported:
                requirements.append(_requirement(rule, verdict, document))
        if incorporating is not None:
            hits.extend(incorporating)
            continue
        informed = dataclasses.replace(view, requirements=verdicts)
        for rule in (r for r in rules if r.kind != "requirement"):
            hits.extend((rule, h) for h in get_check(rule.kind)(rule, informed, document).hits)
    hits.extend((rule, hit) for rule, hit in extra if config.selects(rule.id))
    findings = _findings(document, hits, config)
    kept, suppressed = apply(document, findings)
    kept.sort(key=lambda f: (f.line, f.column, f.rule))
    return dataclasses.replace(describe(document), requirements=tuple(requirements),
                               findings=tuple(kept), blocks=_blocks(document),
                               suppressed=suppressed)


def _incorporating(rules: list[Rule], pack: Pack, view: ScopeView, document: Document,
                   requirement: Callable[[Rule], Outcome]) -> list[tuple[Rule, Hit]] | None:
    """The hit of the rules that find the section only incorporates the disclosure by
    reference (S-K 229.10(d)), or None when it does not. Such a section says little besides
    the cross-reference, and nothing of it meets (even partly) a requirement: a section that
    cross-refers and also discloses is linted as usual. A scope the parser already marked
    incorporated counts too. The section is reported once: one finding per rule."""
    marked = document.scope is not None and document.scope.incorporated
    out: list[tuple[Rule, Hit]] = []
    for rule in (r for r in rules if r.incorporates_within is not None):
        found = get_check(rule.kind)(rule, view, document).hits
        if found and (marked or _other_words(view, found) <= (rule.incorporates_within or 0)):
            out.append((rule, found[0]))
    if out and not marked and _discloses(_requirement_rules(pack, document), view,
                                         [h for _, h in out], requirement):
        return None
    return out if out or marked else None


def _requirement_rules(pack: Pack, document: Document) -> list[Rule]:
    return [r for r in pack.rules if r.kind == "requirement" and _applies(pack, r, document)]


def _discloses(requirements: list[Rule], view: ScopeView, hits: list[Hit],
               requirement: Callable[[Rule], Outcome]) -> bool:
    """Does a sentence outside the cross-references meet (or partly meet) a requirement?"""
    pointing = [s for s in view.sentences if any(s.start <= h.start < s.end for h in hits)]
    for rule in requirements:
        verdict = requirement(rule).verdict
        if verdict is not None and verdict.status in (Status.MET, Status.PARTIAL) and any(
                e not in pointing for e in verdict.evidence):
            return True
    return False


def _other_words(view: ScopeView, hits: tuple[Hit, ...]) -> int:
    """Words of the scope outside the sentences the hits are in."""
    return sum(len(s.text.split()) for s in view.sentences
               if not any(s.start <= h.start < s.end for h in hits))


def _applies(pack: Pack, rule: Rule, document: Document) -> bool:
    """A pack for other forms (an 8-K pack on a 10-K) makes its rules not applicable; so does
    a rule limited to other forms. An unknown form runs everything."""
    if not pack.applies_to(document.form):
        return False
    item = document.scope.item if document.scope else ""
    if (rule.items and item not in rule.items) or item in rule.except_items:
        return False
    form = (document.form or "").upper()
    if rule.forms and all(f.endswith("/A") for f in rule.forms):  # for amendments only
        return form in rule.forms
    if rule.forms and form:
        base = form.removesuffix("/A")
        return any(f.removesuffix("/A") == base for f in rule.forms)
    return True


def _requirement(rule: Rule, verdict: Verdict, document: Document) -> RequirementResult:
    evidence = []
    for sentence in verdict.evidence:
        loc = document.locate(sentence.start)
        evidence.append(Evidence(sentence.text, loc.line, loc.column, sentence.start, sentence.end,
                                 loc.paragraph))
    return RequirementResult(id=rule.id, status=verdict.status, answer=verdict.answer,
                             citation=rule.citation, cyd=rule.cyd, evidence=tuple(evidence),
                             title=rule.title)


def _findings(document: Document, hits: list[tuple[Rule, Hit]],
              config: LintConfig) -> list[tuple[Finding, int | None]]:
    """Decorate hits with rule id, severity, location, excerpt and fingerprint; each with the
    index of the block it is in (for suppressions)."""
    title = document.scope.section.title if document.scope else ""
    seen: dict[str, int] = {}
    out: list[tuple[Finding, int | None]] = []
    for rule, hit in hits:
        start, end, block, excerpt, loc, end_loc = _place(document, hit)
        severity = config.severity_of(rule, hit)
        key = f"{rule.id}\0{' '.join(excerpt.lower().split())}\0{title.lower()}"
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:16]
        finding = Finding(
            rule=rule.id, severity=severity, message=hit.message or rule.message,
            line=loc.line, column=loc.column, end_line=end_loc.line, end_column=end_loc.column,
            excerpt=excerpt, citation=rule.citation, fix=rule.fix, why=rule.why,
            paragraph=loc.paragraph, fingerprint=digest, start=start, end=end)
        out.append((finding, block))
    return out


def _place(document: Document,
           hit: Hit) -> tuple[int, int, int | None, str, Location, Location]:
    """Offsets, block index, excerpt and start/end locations of a hit."""
    if hit.location is not None:
        loc = hit.location
        return 0, 0, None, "", loc, loc
    start, end = hit.start, hit.end
    if hit.at_heading:
        block = _heading_block(document)
        if block is None:  # the section itself is missing: line 1
            return 0, 0, None, "", Location(1, 1), Location(1, 1)
        b = document.blocks[block]
        start, end = b.start, b.end
    block = document.block_at(start)
    if block is None:
        return start, end, None, "", Location(1, 1), Location(1, 1)
    loc = document.locate(start)
    last = document.locate(max(end - 1, start))
    end_loc = Location(last.line, last.column + 1, last.paragraph,
                       None if last.offset is None else last.offset + 1)
    return start, end, block, _excerpt(document, start, end), loc, end_loc


def _heading_block(document: Document) -> int | None:
    scope = document.scope
    if scope is None:
        return 0 if document.blocks else None
    if not scope.found:
        return None
    if scope.section.heading is not None:
        return scope.section.heading
    return scope.section.first if scope.section.first < len(document.blocks) else None


def _excerpt(document: Document, start: int, end: int) -> str:
    """The sentence holding the hit (or the hit's own text when it spans more)."""
    for sentence in document.sentences:
        if sentence.start <= start < sentence.end or start == sentence.start:
            text = sentence.text if end <= sentence.end else document.text[start:end]
            break
    else:
        text = document.text[start:end]
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _blocks(document: Document) -> tuple[BlockInfo, ...]:
    out: list[BlockInfo] = []
    for block in document.scope_blocks():
        loc = block.locate(0)
        page = document.page_of(loc) if document.pages else None
        if out and out[-1].page and (page is None or (loc.line, loc.column) < (out[-1].line,
                                                                               out[-1].column)):
            page = out[-1].page  # a text whose column was not found: it follows the last one
        out.append(BlockInfo(str(block.kind), block.text, block.start, loc.line, loc.column,
                             loc.paragraph, page))
    return tuple(out)
