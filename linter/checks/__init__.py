"""The closed set of check kinds: one module each, in one literal registry keyed by kind."""

from __future__ import annotations

import importlib
from functools import cache

from linter.checks.base import Check, Hit, Outcome, ScopeView, Verdict

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
    module, _, func = CHECKS[kind].partition(":")
    check: Check = getattr(importlib.import_module(module), func)
    return check
