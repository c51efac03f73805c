"""The reporter registry: each reporter renders the plain-data result model to one format."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any, Protocol

import click

from linter.results import RunResult


class Reporter(Protocol):
    def __call__(self, report: dict[str, Any], *, quiet: bool = False) -> str: ...


# format name -> "module:function"; imported only when asked for.
REPORTERS: dict[str, str] = {
    "text": "linter.reporters.text:render",
    "json": "linter.reporters.json:render",
}


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise click.BadParameter(f"unknown format {name!r}; choose from {', '.join(REPORTERS)}",
                                 param_hint="--format")
    module, _, func = REPORTERS[name].partition(":")
    reporter: Reporter = getattr(importlib.import_module(module), func)
    return reporter


def emit(result: RunResult, formats: Sequence[str], outputs: Sequence[str], *, quiet: bool = False) -> None:
    """Render ``result`` in each format, to its paired output or to standard output."""
    if len(outputs) > len(formats):
        raise click.UsageError("more --output than --format options")
    report = result.to_plain()
    for i, name in enumerate(formats):
        text = get_reporter(name)(report, quiet=quiet)
        target = outputs[i] if i < len(outputs) else "-"
        if target == "-":
            sys.stdout.write(text)
        else:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
