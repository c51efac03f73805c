"""Run the engine over a batch: settings per file, packs compiled once, optional process pool."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.config import Config, Settings, find_config, load_config
from linter.errors import ConfigError, InputError, PackError
from linter.interrupt import Interrupt
from linter.results import DocumentResult, RunError, RunResult
from linter.scope import is_amendment

if TYPE_CHECKING:
    from collections.abc import Callable

    from linter.api import CheckOptions
    from linter.checks import Hit
    from linter.model import Document
    from linter.packs import PackCache
    from linter.packs.model import Rule

Outcome = tuple[DocumentResult | RunError, dict[str, dict[str, Any]]]


class Worker:
    """Lints one file at a time; keeps the compiled packs for every file it is given."""

    def __init__(self, options: CheckOptions, cache: PackCache | None = None) -> None:
        from linter.packs import PackCache

        self.options = options
        self.cache = cache or PackCache()
        self.config = load_config(options.config) if options.config else None
        self.described: set[str] = set()
        self.configs: dict[Path, Config | None] = {}  # folder -> nearest configuration

    def settings(self, path: str) -> tuple[Settings, str]:
        """The file's settings, and where they come from (for errors)."""
        config: Config | None = self.config or find_config(path, self.configs)
        return (config.settings_for(path), config.path) if config else (Settings(), "")

    def lint_path(self, path: str, original: tuple[str, Document] | None = None) -> Outcome:
        """The file's result (or its error) and the metadata of packs not reported before.
        An amendment given its ``original`` (path, report) is also compared with it."""
        try:
            return self._lint(path, original)
        except (InputError, PackError, ConfigError) as exc:
            return RunError(exc.path, exc.message, exc.line, exc.column), {}
        except Exception as exc:  # a bug on one file must not lose the rest of a batch
            if os.environ.get("DISCLOSURE_LINT_DEBUG"):
                raise
            return RunError(path, f"internal error: {type(exc).__name__}: {exc}"), {}

    def _lint(self, path: str, original: tuple[str, Document] | None) -> Outcome:
        from linter.api import load_document
        from linter.engine import LintConfig, lint
        from linter.packs import default_pack
        from linter.suppress import RULES

        opts = self.options
        settings, source = self.settings(path)
        document = load_document(path, opts.form or settings.form, opts.input_format)
        fiscal_year = opts.fiscal_year or settings.fiscal_year
        if fiscal_year:
            document = dataclasses.replace(document, fiscal_year=fiscal_year)
        filed = opts.filing_date or settings.filing_date
        if filed:
            document = dataclasses.replace(document, meta=(*document.meta, ("filed", filed)))
        names = opts.packs or settings.packs or (default_pack(document.form),)
        packs = [self.cache.get(name) for name in names]
        config = LintConfig(select=opts.select or settings.select,
                            ignore=opts.ignore or settings.ignore, severity=dict(settings.severity),
                            partial_severity=dict(settings.partial_severity))
        asked = (("--select", "", opts.select), ("--ignore", "", opts.ignore),
                 (source, "select", settings.select), (source, "ignore", settings.ignore),
                 (source, "severity", tuple(dict(settings.severity))),
                 (source, "partial_severity", tuple(dict(settings.partial_severity))))
        if any(patterns for _, _, patterns in asked):
            from linter import amendments

            known = [r.id for pack in packs for r in pack.rules] + [*RULES, *amendments.RULES]
            for where, key, patterns in asked:
                _require_matches(where, patterns, known, key)
        extra: list[tuple[Rule, Hit]] = []
        if original is not None:
            from linter import amendments

            items = amendments.compare(original[1], document, self.cache.get("item105"))
            extra = amendments.hits(items, original[0])
        result = lint(document, packs, config, extra)
        rules: dict[str, dict[str, Any]] = {}
        for pack in packs:
            if pack.path not in self.described:
                self.described.add(pack.path)
                rules.update((r.id, r.metadata()) for r in pack.rules)
        return result, rules


def _require_matches(where: str, patterns: tuple[str, ...], known: list[str],
                     key: str = "") -> None:
    """A misspelt rule id is an error, not a silent no-op."""
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in known):
            label = f"{key}: " if key else ""
            raise ConfigError(where, f"{label}no rule matches {pattern!r} in the packs in use")


def outcomes(files: list[str], options: CheckOptions,
             cache: PackCache | None = None) -> Iterator[Outcome]:
    """Each file's outcome in input order, as soon as it is known (nothing is kept here). On
    Ctrl-C the batch stops and a last error says which files were not linted."""
    produced: Generator[Outcome, None, None]
    if options.jobs > 1 and len(files) > 1 and "-" not in files:
        from linter.pool import imap

        produced = imap(files, options, options.jobs)
    else:
        worker = Worker(options, cache)
        produced = (worker.lint_path(f) for f in files)
    interrupt = Interrupt()
    done = 0
    with interrupt:
        while not interrupt.pending:
            try:
                with interrupt.producing():
                    outcome = next(produced, None)
            except KeyboardInterrupt:
                break
            if outcome is None:
                return
            done += 1
            yield outcome
    produced.close()
    if done < len(files):
        yield RunError(files[done], f"interrupted: this file and {len(files) - done - 1} "
                                    "after it not linted"), {}


def run(files: list[str], options: CheckOptions, cache: PackCache | None = None,
        progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Results in input order. Packs named on the command line are checked before any file,
    so a broken pack stops the run with its own error instead of one per file."""
    from linter.packs import PackCache
    from linter.suppress import RULES

    cache = cache or PackCache()
    for name in options.packs:
        cache.get(name)
    done = _tick(outcomes(files, options, cache), len(files), progress)
    documents = tuple(o for o, _ in done if isinstance(o, DocumentResult))
    # One misspelt --select makes every file fail the same way: report it once.
    errors = tuple(dict.fromkeys(o for o, _ in done if isinstance(o, RunError)))
    rules: dict[str, dict[str, Any]] = {}
    for _, meta in done:
        rules.update(meta)
    if documents:
        rules.update((rule.id, rule.metadata()) for rule in RULES.values())
    documents, paired = pair_amendments(documents, options, cache)
    rules.update(paired)
    return RunResult(documents, errors, tuple(sorted(rules.items())))


def pair_amendments(documents: tuple[DocumentResult, ...], options: CheckOptions,
                     cache: PackCache) -> tuple[tuple[DocumentResult, ...],
                                                dict[str, dict[str, Any]]]:
    """Amendments compared with their originals (named in the configuration, or in the
    batch), and the metadata of the rules that reports."""
    if not any(is_amendment(d.form) for d in documents):
        return documents, {}
    from linter import amendments

    worker = Worker(options, cache)
    named = {d.path: amends for d in documents if is_amendment(d.form)
             and (amends := worker.settings(d.path)[0].amends)}
    try:
        originals = amendments.originals(documents, named, options.input_format)
    except InputError as exc:  # an original named in the configuration that cannot be read
        raise ConfigError(exc.path, exc.message) from None
    paired = []
    for document in documents:
        if document.path in originals:  # linted again, now against its original
            outcome, _ = worker.lint_path(document.path, originals[document.path])
            document = outcome if isinstance(outcome, DocumentResult) else document
        paired.append(document)
    added = {f.rule for d in paired for f in d.findings} & amendments.RULES.keys()
    return tuple(paired), {rule: amendments.RULES[rule].metadata() for rule in sorted(added)}


def _tick(outcomes: Iterator[Outcome], total: int,
          progress: Callable[[int, int], None] | None) -> list[Outcome]:
    """Collect outcomes, reporting (done, total) after each one when asked to."""
    done: list[Outcome] = []
    for outcome in outcomes:
        done.append(outcome)
        if progress is not None:
            progress(len(done), total)
    return done


def fail_on(paths: tuple[str, ...], config_path: str | None) -> str:
    """`fail_on` from the configuration (explicit, or found from the first input), else error."""
    config = load_config(config_path) if config_path else find_config(paths[0] if paths else "-")
    return (config.fail_on if config else None) or "error"
