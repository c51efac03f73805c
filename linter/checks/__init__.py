"""The closed set of check kinds: one module each, in one literal registry keyed by kind."""

from __future__ import annotations

from functools import cache

from linter.checks.base import Check, Hit, Outcome, ScopeView, Verdict
from linter.registry import load

__all__ = ["CHECKS", "Check", "Hit", "Outcome", "ScopeView", "Verdict", "get_check"]

# kind -> "module:function"; a module is imported when a rule of its kind first runs, so that
# a 10-K check never imports the Form 8-K clock.
CHECKS: dict[str, str] = {
    "requirement": "linter.checks.requirement:check",
    "forbid": "linter.checks.forbid:check",
    "conditional": "linter.checks.conditional:check",
    "flag": "linter.checks.flag:check",
    "metric": "linter.checks.metric:check",
    "clock": "linter.checks.clock:check",
    "tagging": "linter.checks.tagging:check",
}


@cache
def get_check(kind: str) -> Check:
    check: Check = load(CHECKS[kind])
    return check
