"""HTML: one self-contained, printable page (inline CSS, nothing loaded from anywhere)."""

from __future__ import annotations

from typing import Any

from linter.reporters import context, templating


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    return templating.render("report.html.j2", **context.run(report))
