"""The closed set of check kinds: one module each, in one literal registry keyed by kind."""

from __future__ import annotations

from linter.checks import clock, conditional, flag, forbid, metric, requirement, tagging
from linter.checks.base import Check, Hit, Outcome, ScopeView, Verdict

__all__ = ["CHECKS", "Check", "Hit", "Outcome", "ScopeView", "Verdict"]

CHECKS: dict[str, Check] = {
    "requirement": requirement.check,
    "forbid": forbid.check,
    "conditional": conditional.check,
    "flag": flag.check,
    "metric": metric.check,
    "clock": clock.check,
    "tagging": tagging.check,
}
