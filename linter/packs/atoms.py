"""The whole words an expression's matches must contain: a pre-check that rules a lexicon out
of a text without compiling its RE2 expression.

``atoms(source)`` gives alternatives, each a set of words, such that every match of the
expression contains all the words of at least one alternative (None when nothing is known),
written ``"w1 w2|w3"`` (compact in the cache, read once per process).
A word is a run of ASCII letters and digits. Where the expression puts a word boundary on both
sides of a run (``\\b``, ``\\s``, ``\\W``, an ASCII character that is not a letter or digit,
the start or end of the text) the text must hold it as a whole word (``word``); with a boundary
before it only, a word starting with it (``word*``: ``assess\\w*``); after it only, a word
ending with it (``*word``). The text's words are listed once (``Words``), so each check is a
set lookup or a binary search.

The expression is read with the parser of Python's ``re`` module, whose syntax RE2's mostly
shares. Where the two differ the answer errs towards "not known": a pattern Python cannot
read has no atoms, nor has one with POSIX classes (``[[:alpha:]]``, which Python reads as a
class and a literal ``]``); a construct Python reads as optional where RE2 reads a literal
(``a{,3}``) only loses words. Matching ignores case: outside ASCII, only the Kelvin sign and
the long s fold to an ASCII letter in RE2 (tested over every code point), so a text holding
either has no word list and every expression is run on it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # typeshed describes CPython's parser under its former names
    import sre_constants as sre
    import sre_parse as _parser
else:
    from re import _constants as sre
    from re import _parser

Atoms = str  # "w1 w2|w3": alternatives separated by "|", words by " "
Dnf = frozenset[frozenset[str]]  # alternatives, each the words all of which a match holds
MIN_PART = 3  # a shorter start or end of a word is in almost every text
MAX_ALTERNATIVES = 256  # inside an expression; beyond, each is cut to its longest word
MAX_TOP = 4096  # the alternatives of a whole expression (a lexicon: one or more per term)
FOLDS_TO_ASCII = "\u212a\u017f"  # KELVIN SIGN, LATIN SMALL LETTER LONG S

_WORD = re.compile(r"[A-Za-z0-9]+")
_ALNUM = frozenset(map(ord, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_EDGES = (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END,
          sre.AT_END_STRING)
_NOT_ALNUM_CLASSES = (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)


class Words(NamedTuple):
    """The words of a text, lower case: as a set, sorted, and sorted spelt backwards."""

    whole: frozenset[str]
    forwards: list[str]
    backwards: list[str]

    def has(self, atom: str) -> bool:
        if atom in self.whole:
            return True
        if atom.endswith("*"):
            return _starts(self.forwards, atom[:-1])
        if atom.startswith("*"):
            return _starts(self.backwards, atom[:0:-1])
        return False


def _starts(ordered: list[str], prefix: str) -> bool:
    at = bisect.bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


def text_words(text: str) -> Words | None:
    """The words of a text, or None where a character folds into a word."""
    if any(c in text for c in FOLDS_TO_ASCII):
        return None
    whole = frozenset(w.lower() for w in _WORD.findall(text))
    return Words(whole, sorted(whole), sorted(w[::-1] for w in whole))


def atoms(source: str) -> Atoms | None:
    """The alternatives of whole words one of which every match of ``source`` holds, or None
    if unknown. The rarest-looking (longest) word of each alternative comes first."""
    if "[:" in source:
        return None
    try:
        found = _Reader().alternatives(list(_parser.parse(source).data), False, False, top=True)
    except Exception:  # a private parser: any surprise means "not known"
        return None
    if not found:
        return None
    return "|".join(sorted(" ".join(sorted(a, key=lambda w: (-len(w.strip("*")), w)))
                           for a in found))


class _Reader:
    """Reads the words of an expression. Groups are spliced into the sequence around them;
    an alternation or optional part that touches a letter or digit is distributed over the
    sequence (``a(b|c)`` is ``ab|ac``; Python's parser factors ``ab|ac`` into ``a(b|c)``, and
    a word may run across the join); any other is read in its place, knowing whether a word
    boundary lies on each side of it."""

    def __init__(self) -> None:
        self.budget = 4 * MAX_ALTERNATIVES  # sequences made by distributing, in all

    def alternatives(self, items: list[tuple[Any, Any]], left: bool, right: bool,
                     top: bool = False) -> Dnf | None:
        """What a sequence requires; ``left``/``right``: a word boundary lies just outside.
        None when it requires nothing known. The whole expression (``top``: a lexicon's
        terms, say) may keep more alternatives than a part of it."""
        most = MAX_TOP if top else MAX_ALTERNATIVES
        items = _spliced(items)
        for i, (op, value) in enumerate(items):
            branches = _branches(op, value)
            if branches is None or not (_touches(items, i - 1) or _touches(items, i + 1)):
                continue
            if self.budget < len(branches):
                break  # too many: read each alternation in its place instead
            self.budget -= len(branches)
            union: set[frozenset[str]] = set()
            for branch in branches:
                found = self.alternatives([*items[:i], *branch, *items[i + 1:]], left, right)
                if not found:
                    return None
                union |= found
            return _simplest(union, most)
        return self._in_place(items, left, right, most)

    def _in_place(self, items: list[tuple[Any, Any]], left: bool, right: bool,
                  most: int) -> Dnf | None:
        words: set[str] = set()
        parts: list[Dnf] = []
        i = 0
        while i < len(items):
            op, value = items[i]
            if op is sre.LITERAL and value in _ALNUM:
                end = i
                while end < len(items) and _touches(items, end):
                    end += 1
                run = "".join(chr(v) for _, v in items[i:end]).lower()
                before, after = _bounded(items, i - 1, -1, left), _bounded(items, end, 1, right)
                if before and after:
                    words.add(run)
                elif (before or after) and len(run) >= MIN_PART:
                    words.add(f"{run}*" if before else f"*{run}")
                i = end
                continue
            branches = _branches(op, value)
            if branches is not None:
                before, after = _bounded(items, i - 1, -1, left), _bounded(items, i + 1, 1, right)
                found = _simplest(self.union(branches, before, after), most)
                if found:
                    parts.append(found)
            elif op in _REPEATS and value[0] >= 1:
                # Repeated, the body touches itself: only words bounded inside it count.
                found = self.alternatives(list(value[2].data), False, False)
                if found:
                    parts.append(found)
            i += 1
        if words:
            parts.append(frozenset([frozenset(words)]))
        return _all_of(parts)

    def union(self, branches: list[list[tuple[Any, Any]]], left: bool,
              right: bool) -> set[frozenset[str]] | None:
        union: set[frozenset[str]] = set()
        for branch in branches:
            found = self.alternatives(branch, left, right)
            if not found:
                return None  # one alternative requires nothing: the whole requires nothing
            union |= found
        return union


def _simplest(union: set[frozenset[str]] | None, most: int = MAX_ALTERNATIVES) -> Dnf | None:
    """The alternatives without those that hold another (implied by it), and at most
    ``most`` of them: beyond, each is cut to its longest word."""
    if union is None:
        return None
    if len(union) > most:
        union = {frozenset([max(a, key=lambda w: (len(w.strip("*")), w))]) for a in union}
        if len(union) > most:
            return None
    if len(union) > MAX_ALTERNATIVES:
        return frozenset(union)  # too many to compare pairwise; each check is cheap anyway
    ordered = sorted(union, key=len)
    kept: list[frozenset[str]] = []
    for alternative in ordered:
        if not any(k <= alternative for k in kept):
            kept.append(alternative)
    return frozenset(kept)


def _spliced(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The sequence with its groups' contents in their place."""
    if not any(op is sre.SUBPATTERN for op, _ in items):
        return items
    out: list[tuple[Any, Any]] = []
    for op, value in items:
        if op is sre.SUBPATTERN:
            out.extend(_spliced(list(value[-1].data)))
        else:
            out.append((op, value))
    return out


def _touches(items: list[tuple[Any, Any]], i: int) -> bool:
    """Whether ``items[i]`` is a letter or digit."""
    return 0 <= i < len(items) and items[i][0] is sre.LITERAL and items[i][1] in _ALNUM


def _branches(op: Any, value: Any) -> list[list[tuple[Any, Any]]] | None:
    """The alternatives of an alternation, or of an optional part (``x?`` is ``x|``)."""
    if op is sre.BRANCH:
        return [list(branch.data) for branch in value[1]]
    if op in _REPEATS and value[0] == 0 and value[1] == 1:
        return [list(value[2].data), []]
    return None


def _bounded(items: list[tuple[Any, Any]], i: int, step: int, outside: bool) -> bool:
    """Whether a word boundary lies at ``items[i]``, looking away from the word (``step``):
    past the end it is ``outside``; a part that may repeat zero times bounds if its body
    does on the side of the word and what lies beyond it bounds too."""
    if not 0 <= i < len(items):
        return outside
    op, value = items[i]
    if op in _REPEATS and value[0] == 0 and value[2].data:
        body = value[2].data
        near = body[0] if step > 0 else body[-1]
        return _bounds(near) and _bounded(items, i + step, step, outside)
    return _bounds(items[i])


def _bounds(item: tuple[Any, Any]) -> bool:
    """Whether ``item`` puts a word boundary where it stands."""
    op, value = item
    if op is sre.AT:
        return value in _EDGES
    if op is sre.LITERAL:
        return value < 128 and value not in _ALNUM  # ASCII punctuation folds to nothing else
    if op is sre.IN:
        return all((kind is sre.CATEGORY and what in _NOT_ALNUM_CLASSES)
                   or (kind is sre.LITERAL and what < 128 and what not in _ALNUM)
                   for kind, what in value)
    if op in _REPEATS:
        low, _high, body = value
        return low >= 1 and len(body.data) == 1 and _bounds(body.data[0])
    return False


def _all_of(parts: list[Dnf]) -> Dnf | None:
    """The conjunction of several requirements, as alternatives (cross product, bounded)."""
    if not parts:
        return None
    parts.sort(key=len)
    combined = parts[0]
    for part in parts[1:]:
        if len(combined) * len(part) > MAX_ALTERNATIVES:
            continue  # dropping a requirement only weakens the pre-check
        combined = frozenset(a | b for a, b in itertools.product(combined, part))
    return combined
