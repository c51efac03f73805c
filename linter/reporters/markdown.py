"""Markdown for pull-request comments and memos: summary, checklist table, findings."""

from __future__ import annotations

from typing import Any

from linter.reporters import context, templating


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    return templating.render("report.md.j2", quiet=quiet, **context.run(report))
