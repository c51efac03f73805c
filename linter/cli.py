"""The command line: parse options, call linter.api, hand results to a reporter, exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from linter import __version__
from linter.errors import ExitCode, LintError
from linter.scope import FORMS

INPUT_FORMATS = ("text", "markdown", "html", "docx", "rpage")


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
@click.option("--output", "-o", "outputs", multiple=True,
              help="File for the --format at the same position (default: standard output).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 (default: config, else error).")
@click.option("--pack", "packs", multiple=True,
              help="Rule pack: built-in name or path (repeatable; default: by form).")
@click.option("--config", "config", type=click.Path(dir_okay=False),
              help="Configuration file (default: found by walking up from each input).")
@click.option("--select", multiple=True, help="Only these rule ids or globs (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or globs (comma-separated).")
@click.option("--fiscal-year", help="Fiscal year of the filing.")
@click.option("--filing-date", callback=lambda _c, _p, v: _iso_date(v),
              help="Date the report is (or was) filed, YYYY-MM-DD, for the Form 8-K clock "
                   "(default: configuration, else the date under the signatures).")
@click.option("--include", multiple=True, help="Glob of files to lint inside folders.")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Read every input as this format instead of detecting it.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Parallel workers for a batch (0 = one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary line.")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in this baseline file (then report none of them).")
@click.option("--no-precedents", is_flag=True,
              help="Do not show how other filers meet the requirements not met.")
def check(paths: tuple[str, ...], form: str | None, formats: tuple[str, ...],
          outputs: tuple[str, ...], fail_on: str | None, packs: tuple[str, ...],
          config: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          fiscal_year: str | None, filing_date: str | None, include: tuple[str, ...],
          exclude: tuple[str, ...], input_format: str | None, jobs: int, quiet: bool,
          baseline: str | None, write_baseline: str | None, no_precedents: bool) -> None:
    """Lint drafts: files, folders (recursed) or - for standard input."""
    from linter.api import CheckOptions
    from linter.api import check as run_check
    from linter.reporters import emit, plan_outputs
    from linter.runner import fail_on as configured_fail_on

    plan = plan_outputs(formats, outputs)  # an unknown format or unpaired --output fails first

    options = CheckOptions(form=form.upper() if form else None, include=include, exclude=exclude,
                           jobs=jobs or os.cpu_count() or 1, input_format=input_format,
                           packs=packs, config=config, select=_ids(select), ignore=_ids(ignore),
                           fiscal_year=fiscal_year, filing_date=filing_date)
    fail_on = fail_on or configured_fail_on(paths, config)
    from linter.progress import bar

    if [o.format for o in plan] == ["jsonl"] and not (baseline or write_baseline):
        from linter.stream import stream_jsonl

        streamed = stream_jsonl(paths, options, plan[0].target, progress=bar())
        for error in streamed.errors:
            click.echo(f"disclosure-lint: {error}", err=True)
        raise SystemExit(_exit_code(bool(streamed.errors), streamed.worst, fail_on))
    known = None
    if baseline or write_baseline:  # imported only when asked for: the hook starts faster
        from linter import baseline as baselines

        known = baselines.load(baseline) if baseline else None  # a bad one fails before any work
    result = run_check(paths, options, progress=bar())  # a bar on a terminal only
    if write_baseline:
        known = baselines.write(result, write_baseline)
    if known is not None:
        result = baselines.apply(result, known)
    for error in result.errors:
        click.echo(f"disclosure-lint: {error}", err=True)
    emit(result, plan, quiet=quiet, precedents=not no_precedents)
    worst = max((f.severity.rank for d in result.documents for f in d.findings), default=0)
    raise SystemExit(_exit_code(bool(result.errors), worst, fail_on))


def _iso_date(value: str | None) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this computer is warned about.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes linting the uploads (0: one per core, at most 4).")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most files in one review.")
def serve(host: str, port: int, open_browser: bool, jobs: int, max_files: int) -> None:
    """The review page: a local web app to upload drafts and read, print and download the
    report (needs the serve extra: pip install 'disclosure-lint[serve]')."""
    from linter.serve.server import ServeOptions
    from linter.serve.server import serve as run_server

    raise SystemExit(run_server(ServeOptions(host, port, open_browser, jobs, max_files)))


@cli.group()
def rules() -> None:
    """List, explain, test and validate rule packs."""


@rules.command("list")
@click.option("--pack", "packs", multiple=True, help="Pack name or path (default: all built-in).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def rules_list(packs: tuple[str, ...], fmt: str) -> None:
    """Every rule: id, kind, severity, citation, title."""
    from linter.packs.tooling import list_rules, packs_named

    click.echo(list_rules(packs_named(packs), fmt), nl=False)


@rules.command("explain")
@click.argument("rule_id")
@click.option("--pack", "packs", multiple=True, help="Pack name or path (default: all built-in).")
@click.option("--no-precedents", is_flag=True,
              help="Leave out how other filers meet the requirement.")
def rules_explain(rule_id: str, packs: tuple[str, ...], no_precedents: bool) -> None:
    """What a rule checks, why, examples, how to fix, references, and precedents."""
    from linter.packs.tooling import explain, find_rule, packs_named

    rule = find_rule(packs_named(packs), rule_id)
    text = explain(rule)
    if not no_precedents and rule.kind == "requirement":
        from linter.precedents import describe

        found = describe(rule.id)
        text += ("\n" + found) if found else ""
    click.echo(text, nl=False)


@rules.command("test")
@click.argument("packs", nargs=-1)
@click.option("--verbose", "-v", is_flag=True, help="Show passing examples too.")
def rules_test(packs: tuple[str, ...], verbose: bool) -> None:
    """Run every example of every rule (default: all built-in packs); exit 1 on a failure."""
    from linter.packs.tooling import packs_named, test_packs

    report, ok = test_packs(packs_named(packs), verbose)
    click.echo(report, nl=False)
    raise SystemExit(ExitCode.OK if ok else ExitCode.FINDINGS)


@rules.command("validate")
@click.argument("packs", nargs=-1, required=True)
def rules_validate(packs: tuple[str, ...]) -> None:
    """Check packs against the schema and compile them; exit 2 with file:line:column if not."""
    from linter.packs.tooling import validate

    click.echo(validate(packs), nl=False)


@cli.group()
def tags() -> None:
    """Help for XBRL tagging: cyd values and spans inferred from the text."""


@tags.command("suggest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--form", type=click.Choice(FORMS, case_sensitive=False), help="Form of the filing.")
@click.option("--pack", "packs", multiple=True,
              help="Rule pack: built-in name or path (repeatable; default: by form).")
@click.option("--config", "config", type=click.Path(dir_okay=False),
              help="Configuration file (default: found by walking up from each input).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def tags_suggest(paths: tuple[str, ...], form: str | None, packs: tuple[str, ...],
                 config: str | None, fmt: str) -> None:
    """Each cyd flag's value and each text block's sentences, read from the text, beside the
    filer's tags; exit 2 if an input cannot be read."""
    from linter.api import CheckOptions
    from linter.api import check as run_check
    from linter.tags import suggest, to_json, to_text

    options = CheckOptions(form=form.upper() if form else None, packs=packs, config=config)
    result = run_check(paths, options)
    suggestions = [suggest(document) for document in result.documents]
    for error in result.errors:
        click.echo(f"disclosure-lint: {error}", err=True)
    if fmt == "json":
        click.echo(to_json(suggestions, [e.to_plain() for e in result.errors]), nl=False)
    else:
        click.echo(to_text(suggestions), nl=False)
    raise SystemExit(ExitCode.ERROR if result.errors else ExitCode.OK)


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--form", type=click.Choice(FORMS, case_sensitive=False), help="Form of the filing.")
@click.option("--pack", "packs", multiple=True,
              help="Rule pack: built-in name or path (repeatable; default: by form).")
@click.option("--config", "config", type=click.Path(dir_okay=False),
              help="Configuration file (default: found by walking up from each input).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Read both inputs as this format instead of detecting it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              default="text", show_default=True)
@click.option("--output", help="File for the report (default: standard output).")
@click.option("--quiet", "-q", is_flag=True, help="Only what changed, without evidence.")
def diff(old: str, new: str, form: str | None, packs: tuple[str, ...], config: str | None,
         input_format: str | None, fmt: str, output: str | None, quiet: bool) -> None:
    """Last year's filing (OLD) against this year's draft (NEW), requirement by requirement;
    exit 1 when a requirement regresses or a new error appears."""
    from linter.api import CheckOptions
    from linter.api import diff as run_diff
    from linter.reporters import write
    from linter.reporters.diff import get

    options = CheckOptions(form=form.upper() if form else None, packs=packs, config=config,
                           input_format=input_format)
    result = run_diff(old, new, options)
    write(output or "-", get(fmt)(result.to_plain(), quiet=quiet))
    raise SystemExit(ExitCode.FINDINGS if result.gates else ExitCode.OK)


def _exit_code(errors: bool, worst: int, fail_on: str) -> int:
    """2 on any input error, 1 when the worst finding reaches --fail-on, else 0."""
    from linter.results import Severity

    if errors:
        return ExitCode.ERROR
    if fail_on == "never":
        return ExitCode.OK
    return ExitCode.FINDINGS if worst >= Severity(fail_on).rank else ExitCode.OK


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
        from linter.errors import one_line

        click.echo(one_line(f"disclosure-lint: internal error: {type(exc).__name__}: {exc}"),
                   err=True)
        return ExitCode.ERROR
    return ExitCode.OK
