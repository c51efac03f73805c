"""RE2 expressions of a cached pack, compiled when a text first needs them, and for a lexicon
only the terms and patterns that text may match."""

from __future__ import annotations

import functools
from typing import Any

from linter.packs.atoms import Atoms, Words

# Which parts of an expression a text may match, from their atoms: for each alternative of
# each part's atoms, keyed by its first (longest) word, the part and the alternative's other
# words; a part without atoms is under "" (always a candidate).
Gate = dict[str, list[tuple[int, str]]]
MAX_REDUCED = 3  # lexicons compiled in part per expression; then the whole, once


def gate_of(atoms: list[Atoms | None]) -> Gate:
    """The gate of an expression's parts, given the atoms of each."""
    gate: Gate = {}
    for i, found in enumerate(atoms):
        for alternative in found.split("|") if found is not None else ("",):
            first, _, rest = alternative.partition(" ")
            gate.setdefault(first, []).append((i, rest))
    return gate


@functools.cache
def options() -> Any:
    """How every expression is compiled: ignoring case, errors returned, not logged, and no
    groups kept (only whole matches are used; RE2 then matches without its slower engines)."""
    import re2

    made = re2.Options()
    made.case_sensitive = False
    made.log_errors = False
    made.never_capture = True
    return made


def _compile(pattern: str) -> Any:
    import re2

    return re2.compile(pattern, options())


class LazyRegex:
    """An expression made of alternatives (a lexicon's terms and patterns, or just one),
    compiled when first used. Only for a pack from the cache, each of whose expressions
    compiled when the pack was stored, so compiling cannot fail.

    ``within(words)`` is the expression as it can match in a text with those words: the
    alternatives whose atoms the text holds, in their order, or None when there is none. Its
    matches there are the whole expression's (leftmost-first, an alternative that cannot match
    changes nothing), and it compiles in a fraction of the time. A batch gets the whole
    expression after a few texts."""

    __slots__ = ("_compiled", "_reduced", "gate", "parts", "pattern")

    def __init__(self, parts: tuple[str, ...], gate: Gate) -> None:
        self.parts, self.gate = parts, gate
        self.pattern = "|".join(parts)
        self._compiled: Any = None
        self._reduced: dict[tuple[int, ...], Any] = {}

    def whole(self) -> Any:
        if self._compiled is None:
            self._compiled = _compile(self.pattern)
            self._reduced.clear()  # never asked for again: their memory goes back
        return self._compiled

    def within(self, words: Words | None) -> Any:
        if words is None or self._compiled is not None:
            return self.whole()  # once whole, a search over the scope's text says as much
        try:
            keep = self._may_match(words)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):  # damaged entry
            return self.whole()
        if not keep:
            return None
        if len(keep) == len(self.parts):
            return self.whole()
        regex = self._reduced.get(keep)
        if regex is None:
            if len(self._reduced) >= MAX_REDUCED:
                return self.whole()
            regex = self._reduced[keep] = _compile("|".join(self.parts[i] for i in keep))
        return regex

    def _may_match(self, words: Words) -> tuple[int, ...]:
        """The parts one alternative of whose atoms the text holds, in their order."""
        gate, has = self.gate, words.has
        firsts = [*(gate.keys() & words.whole), *(k for k in gate if "*" in k and has(k))]
        keep = {i for i, _ in gate.get("", ())}
        for first in firsts:
            keep.update(i for i, rest in gate[first]
                        if i not in keep and all(has(w) for w in rest.split()))
        if not all(isinstance(i, int) and 0 <= i < len(self.parts) for i in keep):
            raise IndexError("a part the expression does not have")
        return tuple(sorted(keep))

    def search(self, text: str) -> Any:
        return self.whole().search(text)

    def finditer(self, text: str) -> Any:
        return self.whole().finditer(text)
