"""The section-wide pre-check of lexicons, terms and patterns agrees with per-passage matching."""

from __future__ import annotations

from typing import Any

import pytest

from linter.packs.compile import ConditionCompiler, Where
from linter.packs.conditions import Passage, Shared, anchored
from linter.packs.yamlpos import Positioned


def holds(condition: dict[str, Any], sentences: list[str], i: int, window: int = 0) -> bool:
    """Whether ``condition`` holds on sentence ``i`` (or a window around it), with the
    sentences sharing one section text, as the engine evaluates them."""
    shared = Shared(" ".join(sentences))
    lo, hi = max(i - window, 0), i + window + 1
    passage = Passage(" ".join(sentences[lo:hi]), shared=shared)
    compiled = ConditionCompiler({}).compile(condition, Where("t.yaml", Positioned(None, {}, {}),
                                                              ()))
    return compiled.spans(passage) is not None


SECTION = ["Item 1C. Cybersecurity.", "Not applicable.", "We have no operations."]


@pytest.mark.parametrize("pattern", [r"^not applicable", r"applicable\.$",
                                     r"^\W*not applicable\W*$", r"\Anot", r"(?i:^NOT)"])
def test_anchored_patterns_match_inside_the_section(pattern: str) -> None:
    assert holds({"pattern": pattern}, SECTION, 1)
    # ...so that a `none:` built on them excludes the sentence instead of never excluding
    assert not holds({"none": [{"pattern": pattern}]}, SECTION, 1)


def test_anchors_hold_at_the_edges_of_a_window() -> None:
    assert holds({"pattern": r"^item 1c.*no operations\.$"}, SECTION, 1, window=1)


def test_anchored_pattern_absent_from_the_sentence_still_fails() -> None:
    assert not holds({"pattern": r"^we have"}, SECTION, 1)
    assert holds({"none": [{"pattern": r"^we have"}]}, SECTION, 1)


def test_unanchored_patterns_still_use_the_pre_check() -> None:
    shared = Shared("Nothing here. Or here.")
    passage = Passage("Nothing here.", shared=shared)
    compiled = ConditionCompiler({}).compile({"pattern": r"[^.]*board"},
                                             Where("t.yaml", Positioned(None, {}, {}), ()))
    assert compiled.spans(passage) is None
    assert shared.present == {"pattern:[^.]*board": False}


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^a", True), (r"a$", True), (r"\Aa", True), (r"a\z", True), (r"x|(?:^y)", True),
    (r"[a]^", True), (r"\Q^\E", True), (r"[[:alpha:]]$", True),
    (r"[^a]", False), (r"\^\$", False), (r"[$^]", False), (r"[]^$]", False), (r"[^]^$]", False),
    (r"\bboard\b", False), (r"a\\b", False), (r"[\]^]x", False),
])
def test_anchored(pattern: str, expected: bool) -> None:
    assert anchored(pattern) is expected
