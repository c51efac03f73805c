"""Shared fixtures: the real-filing corpus lives in ../shared/corpus beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus is missing: {CORPUS} (CI provides ../shared beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
