"""Stream a batch as JSON Lines: each document written as soon as it is linted, none kept.

A batch over thousands of filings then needs the memory of one document, not of all of them:
only the input errors and the counts for the summary line are kept to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from linter.reporters import open_text
from linter.reporters.jsonl import line, tail
from linter.results import DocumentResult, RunError, RunResult, Severity

if TYPE_CHECKING:
    from linter.api import CheckOptions


@dataclass(frozen=True)
class Streamed:
    """What a streamed run leaves behind: its input errors and its worst finding."""

    errors: tuple[RunError, ...]
    worst: int  # the rank of the most severe finding (0: none)


def stream_jsonl(paths: Iterable[str], options: CheckOptions, target: str,
                 progress: Callable[[int, int], None] | None = None) -> Streamed:
    """Lint ``paths`` and write the JSON Lines report to ``target`` (``-``: standard output)
    line by line; the output is byte for byte what ``--format jsonl`` renders at the end."""
    from linter.api import collect
    from linter.packs import PackCache
    from linter.runner import outcomes, pair_amendments

    cache = PackCache()
    for name in options.packs:  # a broken pack fails before any output
        cache.get(name)
    files = list(collect(paths, options.include, options.exclude))
    counts = dict.fromkeys(Severity, 0)
    errors: dict[RunError, None] = {}
    documents = 0
    # From the first incident report on, documents wait for the end of the batch: an
    # amendment is compared with its original, which may come after it.
    held: list[DocumentResult] = []
    with open_text(target) as out:
        for done, (outcome, _) in enumerate(outcomes(files, options, cache), start=1):
            if isinstance(outcome, DocumentResult):
                if held or _incident(outcome):
                    held.append(outcome)
                else:
                    documents += _write(out, outcome, counts)
            else:
                errors[outcome] = None
            if progress is not None:
                progress(done, len(files))
        for document in pair_amendments(tuple(held), options, cache)[0]:
            documents += _write(out, document, counts)
        summary = RunResult((), tuple(errors)).to_plain()
        summary["summary"].update(documents=documents, errors=counts[Severity.ERROR],
                                  warnings=counts[Severity.WARNING], info=counts[Severity.INFO])
        out.write(tail(summary))
    worst = max((s.rank for s, n in counts.items() if n), default=0)
    return Streamed(tuple(errors), worst)


def _incident(document: DocumentResult) -> bool:
    return (document.form or "").upper().startswith(("8-K", "6-K"))


def _write(out: TextIO, document: DocumentResult, counts: dict[Severity, int]) -> int:
    """One document's line, written at once; its findings counted for the summary."""
    for finding in document.findings:
        counts[finding.severity] += 1
    out.write(line(document.to_plain()))
    out.flush()
    return 1
