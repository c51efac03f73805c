"""The short fuzz profile: every target of tests/fuzzing.py, a few dozen examples each.

Reproducible (derandomized) so that a run finds the same examples every time; the long,
random profile is ``benchmarks/fuzz.py --minutes N``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fuzzing import TARGETS, memory_cap
from hypothesis import HealthCheck, given, settings

EXAMPLES = {"html": 20, "filing": 6, "docx": 15, "pack": 25, "config": 20, "forced-format": 15}
SHORT = dict(deadline=None, derandomize=True, database=None, print_blob=True,
             suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _capped() -> Iterator[None]:
    with memory_cap():
        yield


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz(name: str, corpus: object) -> None:
    target = TARGETS[name]

    @settings(max_examples=EXAMPLES.get(name, 30), **SHORT)  # type: ignore[arg-type]
    @given(target.strategy)
    def keeps_the_property(value: object) -> None:
        target.check(value)

    keeps_the_property()
