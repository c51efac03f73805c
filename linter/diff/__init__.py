"""Last year's filing against this year's draft: what changed, requirement by requirement."""

from __future__ import annotations

from linter.diff.compare import compare
from linter.diff.model import DiffResult

__all__ = ["DiffResult", "compare"]
