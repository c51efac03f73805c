"""The command line: parse options, call linter.api, hand results to a reporter, return an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from linter import __version__
from linter.errors import ExitCode, LintError

FORMS = ("10-K", "20-F", "8-K")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="disclosure-lint")
def cli() -> None:
    """Lint draft cybersecurity disclosures (10-K Item 1C, 20-F Item 16K, 8-K Item 1.05)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--form", type=click.Choice(FORMS, case_sensitive=False), help="Form of the filing.")
@click.option("--format", "formats", multiple=True, default=("text",), show_default=True,
              help="Report format: text, json, jsonl, html, markdown, sarif, junit, github, "
                   "docx, or auto (GitHub annotations under GitHub Actions, colour text on a "
                   "terminal). Repeatable: the n-th --format goes to the n-th --output.")
@click.option("--output", "outputs", multiple=True,
              help="File for the --format at the same position (default: standard output).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--include", multiple=True, help="Glob of files to lint inside folders.")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders.")
@click.option("--input-format", type=click.Choice(["text", "markdown", "html", "docx", "rpage"]),
              help="Read every input as this format instead of detecting it.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Parallel workers for a batch (0 = one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary line.")
def check(paths: tuple[str, ...], form: str | None, formats: tuple[str, ...],
          outputs: tuple[str, ...], fail_on: str, include: tuple[str, ...],
          exclude: tuple[str, ...], input_format: str | None, jobs: int, quiet: bool) -> None:
    """Lint drafts: files, folders (recursed) or - for standard input."""
    from linter.api import CheckOptions, check as run_check
    from linter.reporters import emit, plan_outputs

    plan_outputs(formats, outputs)  # an unknown format or unpaired --output fails before any work

    options = CheckOptions(form=form.upper() if form else None, include=include, exclude=exclude,
                           jobs=jobs or os.cpu_count() or 1, input_format=input_format)
    result = run_check(paths, options)
    for error in result.errors:
        click.echo(f"disclosure-lint: {error}", err=True)
    emit(result, formats, outputs, quiet=quiet)
    raise SystemExit(_exit_code(result, fail_on))


def _exit_code(result: object, fail_on: str) -> int:
    from linter.results import RunResult, Severity

    assert isinstance(result, RunResult)
    if result.errors:
        return ExitCode.ERROR
    if fail_on == "never":
        return ExitCode.OK
    threshold = Severity(fail_on).rank
    hit = any(f.severity.rank >= threshold for d in result.documents for f in d.findings)
    return ExitCode.FINDINGS if hit else ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code. No traceback reaches the user."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="disclosure-lint",
                 standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.exceptions.Abort:
        click.echo("disclosure-lint: aborted", err=True)
        return ExitCode.ERROR
    except click.ClickException as exc:
        exc.show()
        return ExitCode.ERROR
    except LintError as exc:
        click.echo(f"disclosure-lint: {exc}", err=True)
        return ExitCode.ERROR
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.ERROR
    except KeyboardInterrupt:
        click.echo("disclosure-lint: interrupted", err=True)
        return ExitCode.ERROR
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("DISCLOSURE_LINT_DEBUG"):
            raise
        click.echo(f"disclosure-lint: internal error: {type(exc).__name__}: {exc}", err=True)
        return ExitCode.ERROR
    return ExitCode.OK
