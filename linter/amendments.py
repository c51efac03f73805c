"""An 8-K/A against its original: which items the original left undetermined it now answers."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.model import Document, Sentence
from linter.packs.model import Pack
from linter.results import DocumentResult, Finding, Severity
from linter.scope import is_amendment

ANSWERED = "amendment-answers"
STILL_OPEN = "amendment-still-open"
_CITATION = "Form 8-K Item 1.05, Instruction 2"
_WHY = ("Instruction 2 to Item 1.05 requires an amendment, within four business days after the "
        "information is determined or becomes available, for each item the original report "
        "said was not yet determined.")
RULES: dict[str, dict[str, Any]] = {
    ANSWERED: {
        "id": ANSWERED, "title": "An undetermined item of the original, answered",
        "kind": "amendment", "severity": "info", "citation": _CITATION, "cyd": None, "pack": "",
        "message": "The amendment answers an item the original report left undetermined.",
        "why": _WHY, "fix": "Nothing to do.", "references": [],
    },
    STILL_OPEN: {
        "id": STILL_OPEN, "title": "An undetermined item of the original, still open",
        "kind": "amendment", "severity": "warning", "citation": _CITATION, "cyd": None,
        "pack": "",
        "message": "The amendment does not say what is now determined about an item the "
                   "original report left undetermined.",
        "why": _WHY,
        "fix": "Say what has been determined about it, or that it is still not determined "
               "(and amend again once it is).",
        "references": [],
    },
}
# The items of Item 1.05(a), each read with the pack's lexicon of the same name.
TOPICS = {"nature": "about-nature", "scope": "about-scope", "timing": "about-timing",
          "impact": "about-impact"}


@dataclass(frozen=True)
class Item:
    """One item of Item 1.05(a): what the original said was open, what the amendment says."""

    topic: str
    undetermined: Sentence
    answer: Sentence | None


def compare(original: Document, amendment: Document, pack: Pack) -> tuple[Item, ...]:
    """Each item the original report said was not yet determined, with the amendment's
    sentence that now says what is determined about it (None when it says nothing)."""
    lex = pack.lexicons
    opened: dict[str, Sentence] = {}
    for sentence in original.scope_sentences():
        if lex["undetermined"].regex.search(sentence.text) and not _legend(pack, sentence):
            for topic, name in TOPICS.items():
                if topic not in opened and lex[name].regex.search(sentence.text):
                    opened[topic] = sentence
    answers = [s for s in amendment.scope_sentences() if lex["determined"].regex.search(s.text)
               and not lex["undetermined"].regex.search(s.text) and not _legend(pack, s)]
    return tuple(Item(topic, said, _best(answers, pack, topic)) for topic, said in opened.items())


def _best(answers: Sequence[Sentence], pack: Pack, topic: str) -> Sentence | None:
    """The answer that speaks most of the topic (the first of equals), or None."""
    regex = pack.lexicons[TOPICS[topic]].regex
    scored = [(sum(1 for _ in regex.finditer(s.text)), -n, s) for n, s in enumerate(answers)]
    best = max(scored, key=lambda t: (t[0], t[1]), default=None)
    return best[2] if best and best[0] else None


def _legend(pack: Pack, sentence: Sentence) -> bool:
    return pack.lexicons["boilerplate"].regex.search(sentence.text) is not None


def findings(items: Sequence[Item], amendment: Document, result: DocumentResult,
             original: str) -> DocumentResult:
    """``result`` (the amendment's) with one finding per item: answered, or still open."""
    added = []
    name = Path(original).name
    for item in items:
        said = " ".join(item.undetermined.text.split())
        rule = RULES[ANSWERED if item.answer else STILL_OPEN]
        if item.answer is not None:
            message = (f"{name} left the {item.topic} undetermined (\"{said}\"); the amendment "
                       f"now says: \"{' '.join(item.answer.text.split())}\"")
            start, end = item.answer.start, item.answer.end
        else:
            message = (f"{name} left the {item.topic} undetermined (\"{said}\"); the amendment "
                       f"does not say what is now determined about it.")
            start, end = _heading(amendment)
        added.append(_finding(rule, message, amendment, start, end))
    return dataclasses.replace(result, findings=(*result.findings, *added))


def _heading(document: Document) -> tuple[int, int]:
    scope = document.scope
    if scope is None or not document.blocks:
        return 0, 0
    index = scope.section.heading if scope.section.heading is not None else scope.section.first
    block = document.blocks[min(index, len(document.blocks) - 1)]
    return block.start, block.end


def _finding(rule: Mapping[str, Any], message: str, document: Document, start: int,
             end: int) -> Finding:
    loc, last = document.locate(start), document.locate(max(end - 1, start))
    excerpt = " ".join(document.text[start:end].split())[:240]
    digest = hashlib.sha256(f"{rule['id']}\0{message}".encode()).hexdigest()[:16]
    return Finding(rule=rule["id"], severity=Severity(rule["severity"]), message=message,
                   line=loc.line, column=loc.column, end_line=last.line,
                   end_column=last.column + 1, excerpt=excerpt, citation=rule["citation"],
                   fix=rule["fix"], why=rule["why"], paragraph=loc.paragraph,
                   fingerprint=digest, start=start, end=end)


def pair_batch(results: Sequence[DocumentResult], named: Mapping[str, str], pack: Pack,
               input_format: str | None = None) -> tuple[DocumentResult, ...]:
    """Every amendment's result compared with its original: the report the configuration
    names for it (``named``: amendment path -> original path), else the one original report
    of the batch with the same base form (and registrant, when both covers name it). ``pack``
    is the incident pack, whose lexicons read the items. Each report is parsed once."""
    from linter.api import load_document

    if not any(is_amendment(r.form) for r in results):
        return tuple(results)

    @functools.cache
    def load(path: str, form: str | None = None) -> Document:
        return load_document(path, form, input_format)

    out = []
    for result in results:
        if not is_amendment(result.form):
            out.append(result)
            continue
        amendment = load(result.path, result.form)
        original = named.get(result.path) or _original_in(results, amendment, load)
        if original is None:
            out.append(result)
            continue
        out.append(findings(compare(load(original), amendment, pack), amendment, result,
                            original))
    return tuple(out)


def _original_in(results: Sequence[DocumentResult], amendment: Document,
                 load: Callable[[str], Document]) -> str | None:
    base = (amendment.form or "").upper().removesuffix("/A")
    candidates = [r.path for r in results if (r.form or "").upper() == base]
    who = _registrant(amendment)
    if who:
        registrants = {p: _registrant(load(p)) for p in candidates}
        candidates = ([p for p in candidates if registrants[p] == who]
                      or [p for p in candidates if not registrants[p]])
    return candidates[0] if len(candidates) == 1 else None


def _registrant(document: Document) -> str:
    meta = dict(document.meta)
    key = meta.get("dei:EntityCentralIndexKey") or meta.get("dei:EntityRegistrantName") or ""
    return " ".join(key.upper().replace(",", " ").replace(".", " ").split())
