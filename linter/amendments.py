"""An 8-K/A against its original: which items the original left undetermined it now answers."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from linter.checks.base import Hit
from linter.model import Document, Sentence
from linter.packs.model import Pack, Rule
from linter.results import DocumentResult, Severity
from linter.scope import is_amendment

_CITATION = "Form 8-K Item 1.05, Instruction 2"
_WHY = ("Instruction 2 to Item 1.05 requires an amendment, within four business days after the "
        "information is determined or becomes available, for each item the original report "
        "said was not yet determined.")
ANSWERED = Rule(
    id="amendment-answers", kind="amendment", severity=Severity.INFO,
    title="An undetermined item of the original, answered",
    message="The amendment answers an item the original report left undetermined.",
    raw={"description": "Given an 8-K/A and the report it amends (in the same batch, or named "
                        "by `amends:` in the configuration): each item of Item 1.05(a) "
                        "(nature, scope, timing, impact) the original said was not yet "
                        "determined that the amendment now answers, with its answer."},
    why=_WHY, fix="Nothing to do.", source=__name__, pack="", citation=_CITATION)
STILL_OPEN = Rule(
    id="amendment-still-open", kind="amendment", severity=Severity.WARNING,
    title="An undetermined item of the original, still open",
    message="The amendment does not say what is now determined about an item the original "
            "report left undetermined.",
    raw={"description": "Given an 8-K/A and the report it amends (in the same batch, or named "
                        "by `amends:` in the configuration): each item of Item 1.05(a) "
                        "(nature, scope, timing, impact) the original said was not yet "
                        "determined about which the amendment says nothing."},
    why=_WHY, fix="Say what has been determined about it, or that it is still not determined "
                  "(and amend again once it is).", source=__name__, pack="", citation=_CITATION)
# The rules of a comparison with the original, by id (their findings go through the engine
# with the packs' own: --select/--ignore, configured severities, suppression comments).
RULES = {rule.id: rule for rule in (ANSWERED, STILL_OPEN)}
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


def hits(items: Sequence[Item], original: str) -> list[tuple[Rule, Hit]]:
    """One hit per item: answered (at the amendment's answer), or still open (at its
    heading). The messages name the original report by its path as given."""
    out: list[tuple[Rule, Hit]] = []
    for item in items:
        said = " ".join(item.undetermined.text.split())
        if item.answer is not None:
            out.append((ANSWERED, Hit(
                item.answer.start, item.answer.end,
                f"{original} left the {item.topic} undetermined (\"{said}\"); the amendment now "
                f"says: \"{' '.join(item.answer.text.split())}\"")))
        else:
            out.append((STILL_OPEN, Hit(message=f"{original} left the {item.topic} undetermined "
                                                f"(\"{said}\"); the amendment does not say "
                                                "what is now determined about it.",
                                        at_heading=True)))
    return out


def originals(results: Sequence[DocumentResult], named: Mapping[str, str],
              input_format: str | None = None) -> dict[str, tuple[str, Document]]:
    """For every amendment of the batch, its original report and that report read: the one
    the configuration names for it (``named``: amendment path -> original path), else the one
    original report of the batch with the same base form (and registrant, when both covers
    name it). An amendment whose original is not known is left out. Raises InputError for a
    named original that cannot be read. Each report is parsed at most once here (the caller
    lints the amendment again, against the original returned)."""
    from linter.api import load_document

    @functools.cache
    def load(path: str, form: str | None = None) -> Document:
        return load_document(path, form, input_format)

    out: dict[str, tuple[str, Document]] = {}
    for result in results:
        if not is_amendment(result.form):
            continue
        original = named.get(result.path) or _original_in(results, load(result.path, result.form),
                                                          load)
        if original is not None:
            out[result.path] = (original, load(original))
    return out


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
