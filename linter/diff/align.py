"""Align the sentences of two versions by content, not position: same, reworded, added, removed."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from linter.sentences import words

_PIECE = re.compile(r"\S+\s*")
REWORDED = 0.6  # a pair this similar (difflib ratio over words) is one sentence reworded


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of the alignment: an old sentence, a new one, or both."""

    kind: str  # "same", "reworded", "removed", "added"
    old: int | None
    new: int | None
    similarity: float = 1.0


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def align(old: Sequence[str], new: Sequence[str], threshold: float = REWORDED) -> tuple[Pair, ...]:
    """Pairs in reading order of the new text; a removed sentence follows the row of the old
    sentence before it. The same words anywhere count as the same sentence (moved, not
    changed); then the most similar remaining pairs above ``threshold`` count as reworded."""
    # A sentence without words ("." left by a split) is matched by its characters.
    old_words = [words(s) or (s.strip(),) for s in old]
    new_words = [words(s) or (s.strip(),) for s in new]
    pairs = _exact(old_words, new_words)
    matched_old = {p.old for p in pairs}
    matched_new = {p.new for p in pairs}
    pairs += _similar(old_words, new_words, matched_old, matched_new, threshold)
    matched_old |= {p.old for p in pairs}
    matched_new |= {p.new for p in pairs}
    pairs += [Pair("removed", i, None, 0.0) for i in range(len(old)) if i not in matched_old]
    pairs += [Pair("added", None, j, 0.0) for j in range(len(new)) if j not in matched_new]
    return tuple(sorted(pairs, key=_order(pairs)))


def _exact(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[Pair]:
    waiting: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(old):
        if key:
            waiting[key].append(i)
    pairs = []
    for j, key in enumerate(new):
        if waiting.get(key):
            pairs.append(Pair("same", waiting[key].pop(0), j))
    return pairs


def _similar(old: list[tuple[str, ...]], new: list[tuple[str, ...]], used_old: set[int | None],
             used_new: set[int | None], threshold: float) -> list[Pair]:
    scored = []
    for i, a in enumerate(old):
        if i in used_old or not a:
            continue
        vocabulary = set(a)
        for j, b in enumerate(new):
            if j in used_new or not b or len(vocabulary & set(b)) < threshold * min(len(a), len(b)):
                continue  # too few shared words to reach the threshold: skip difflib
            score = similarity(a, b)
            if score >= threshold:
                scored.append((score, -i, -j))
    pairs, taken_old, taken_new = [], set(), set()
    for score, i, j in sorted(scored, reverse=True):
        if -i not in taken_old and -j not in taken_new:
            taken_old.add(-i)
            taken_new.add(-j)
            pairs.append(Pair("reworded", -i, -j, round(score, 3)))
    return pairs


def _order(pairs: list[Pair]) -> Callable[[Pair], tuple[int, int, int]]:
    """Sort key: new position; a removed sentence just after its old predecessor's row."""
    new_of_old = {p.old: p.new for p in pairs if p.old is not None and p.new is not None}

    def key(p: Pair) -> tuple[int, int, int]:
        if p.new is not None:
            return (p.new, 0, 0)
        assert p.old is not None
        before = [new_of_old[i] for i in range(p.old) if i in new_of_old]
        return (before[-1] if before else -1, 1, p.old)

    return key


def pieces(old: str, new: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Word-level marks for a reworded pair: the old side's pieces (``same``/``deleted``) and
    the new side's (``same``/``inserted``)."""
    a, b = _PIECE.findall(old), _PIECE.findall(new)
    left: list[dict[str, str]] = []
    right: list[dict[str, str]] = []
    matcher = SequenceMatcher(None, [w.strip().lower() for w in a], [w.strip().lower() for w in b],
                              autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append({"op": "same", "text": "".join(a[i1:i2])})
            right.append({"op": "same", "text": "".join(b[j1:j2])})
            continue
        if i2 > i1:
            left.append({"op": "deleted", "text": "".join(a[i1:i2])})
        if j2 > j1:
            right.append({"op": "inserted", "text": "".join(b[j1:j2])})
    return left, right


def merged(old: str, new: str) -> list[dict[str, str]]:
    """One inline run of pieces for a reworded pair: words kept, deleted, then inserted."""
    left, right = pieces(old, new)
    out: list[dict[str, str]] = []
    i = j = 0
    while i < len(left) or j < len(right):
        if i < len(left) and left[i]["op"] == "deleted":
            out.append(left[i])
            i += 1
        elif j < len(right) and right[j]["op"] == "inserted":
            out.append(right[j])
            j += 1
        else:  # both sides at the same kept run
            out.append(right[j] if j < len(right) else left[i])
            i, j = i + 1, j + 1
    return out
