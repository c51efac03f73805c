"""The reporter registry: each reporter renders the plain-data result model to one format."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

import click

from linter.errors import LintError
from linter.registry import load
from linter.results import RunResult


class Reporter(Protocol):
    """Render the plain report (``RunResult.to_plain()``); ``bytes`` for binary formats."""

    def __call__(self, report: dict[str, Any], *, quiet: bool = False) -> str | bytes: ...


# format name -> "module:function"; imported only when asked for, so that plain text output
# never pays for Jinja or XML.
REPORTERS: dict[str, str] = {
    "text": "linter.reporters.text:render",
    "text-color": "linter.reporters.text:render_color",
    "json": "linter.reporters.json:render",
    "jsonl": "linter.reporters.jsonl:render",
    "html": "linter.reporters.html:render",
    "markdown": "linter.reporters.markdown:render",
    "sarif": "linter.reporters.sarif:render",
    "junit": "linter.reporters.junit:render",
    "github": "linter.reporters.github:render",
}

# Formats that write their own files: name -> "module:function" called as
# ``write(report, target, *, quiet)``. An annotated .docx copy is a file per draft (a folder
# for a batch), so it cannot go through ``render`` to one stream.
FILE_WRITERS: dict[str, str] = {
    "docx": "linter.reporters.docx:write",
}

AUTO = "auto"
# Formats that show, under each requirement not met, how other filers meet it (quiet text,
# the pre-commit hook, never does: it neither imports nor reads the precedent file).
SHOW_PRECEDENTS = ("text", "text-color", "json", "html", "markdown")


@dataclass(frozen=True, slots=True)
class Output:
    """One report to write: a format name and its target (``-`` for standard output)."""

    format: str
    target: str


def resolve_auto(target: str, environ: Mapping[str, str], stdout_is_tty: bool) -> str:
    """``--format auto``: GitHub annotations under GitHub Actions, colour text on a terminal
    (unless NO_COLOR is set, https://no-color.org), plain text otherwise."""
    if environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if target == "-" and stdout_is_tty and not environ.get("NO_COLOR"):
        return "text-color"
    return "text"


def plan_outputs(formats: Sequence[str], outputs: Sequence[str]) -> tuple[Output, ...]:
    """Pair each ``--format`` with the ``--output`` at the same position (standard output
    when there is none), resolve ``auto`` and refuse unknown formats before any work."""
    if len(outputs) > len(formats):
        raise click.ClickException("more --output than --format options; "
                               "pair each --output with a --format")
    plan: list[Output] = []
    for i, name in enumerate(formats or ("text",)):
        target = outputs[i] if i < len(outputs) else "-"
        if name == AUTO:
            name = resolve_auto(target, os.environ, sys.stdout.isatty())
        if name not in REPORTERS and name not in FILE_WRITERS:
            raise click.ClickException(
                f"--format: unknown format {name!r}; "
                f"choose from {', '.join([AUTO, *REPORTERS, *FILE_WRITERS])}")
        plan.append(Output(name, target))
    if sum(1 for o in plan if o.target == "-") > 1:
        raise click.ClickException("only one --format may go to standard output; "
                               "give the others an --output")
    return tuple(plan)


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise click.ClickException(
            f"--format: unknown format {name!r}; choose from {', '.join(REPORTERS)}")
    reporter: Reporter = load(REPORTERS[name])
    return reporter


def emit(result: RunResult, plan: Sequence[Output], *, quiet: bool = False,
         precedents: bool = True) -> None:
    """Render ``result`` in each format of ``plan`` (``plan_outputs``), to its output."""
    report = result.to_plain()
    shown = report
    if precedents and _needs_precedents(report, plan, quiet):
        from linter.precedents import attach

        shown = attach(report)
    for out in plan:
        if out.format in FILE_WRITERS:
            load(FILE_WRITERS[out.format])(report, out.target, quiet=quiet)
            continue
        plain = shown if out.format in SHOW_PRECEDENTS else report
        write(out.target, get_reporter(out.format)(plain, quiet=quiet))


def _needs_precedents(report: dict[str, Any], plan: Sequence[Output], quiet: bool) -> bool:
    """A format that shows precedents, and a requirement not met to show them for."""
    if not any(o.format in SHOW_PRECEDENTS and not (quiet and o.format.startswith("text"))
               for o in plan):
        return False
    from linter.results import Status

    return any(r["status"] in (Status.MISSING, Status.PARTIAL)
               for d in report["documents"] for r in d["requirements"])


def write(target: str, content: str | bytes) -> None:
    """Write one report; an unwritable target is a one-line error naming it."""
    if isinstance(content, bytes) and target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        return
    try:
        if isinstance(content, bytes):
            with open(target, "wb") as fh:
                fh.write(content)
        else:
            with open_text(target) as out:
                out.write(content)
    except OSError as exc:
        if target == "-":
            raise
        raise _unwritable(target, exc) from None


@contextlib.contextmanager
def open_text(target: str) -> Iterator[TextIO]:
    """Standard output as is (``-``), or a file opened for a text report; an unwritable one is
    a one-line error naming it."""
    if target == "-":
        yield sys.stdout
        return
    try:
        file = open(target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as exc:
        raise _unwritable(target, exc) from None
    with file:
        yield file


def _unwritable(target: str, exc: OSError) -> LintError:
    return LintError(target, f"cannot write the report: {exc.strerror or exc}")
