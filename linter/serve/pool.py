"""The worker pool: every file is linted as its own job, so one slow file holds one worker only."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from linter.errors import LintError
from linter.results import RunError, RunResult
from linter.scope import is_amendment

if TYPE_CHECKING:
    from collections.abc import Callable

    from linter.api import CheckOptions
    from linter.packs import PackCache

_CACHE: PackCache | None = None  # one per worker process: packs compiled once, kept warm


def _warm(packs: tuple[str, ...]) -> None:
    global _CACHE
    from linter.packs import PackCache

    _CACHE = PackCache()
    for name in packs:
        _CACHE.get(name)


def lint_file(path: str, options: CheckOptions) -> RunResult:
    """One file's result; a bad configuration or pack becomes the file's error line."""
    from linter.runner import run

    try:
        return run([path], options, cache=_CACHE)
    except LintError as exc:
        return RunResult((), (RunError(exc.path, exc.message, exc.line, exc.column),))


def pair(result: RunResult, options: CheckOptions) -> RunResult:
    """The review's amendments compared with the originals uploaded beside them, as `check`
    compares the files of one batch."""
    from linter.packs import PackCache
    from linter.runner import pair_amendments

    try:
        documents, rules = pair_amendments(result.documents, options, _CACHE or PackCache())
    except LintError as exc:
        return RunResult(result.documents, (*result.errors, RunError(exc.path, exc.message)),
                         result.rules)
    return RunResult(documents, result.errors, tuple(sorted({**dict(result.rules),
                                                             **rules}.items())))


def annotate_docx(doc: dict[str, Any], rules: dict[str, Any]) -> bytes:
    from linter.reporters.docx import annotate

    return annotate(doc, rules)


def merge(results: list[RunResult]) -> RunResult:
    """One run's result from per-file results, in upload order."""
    rules: dict[str, dict[str, Any]] = {}
    for result in results:
        rules.update(result.rules)
    return RunResult(tuple(d for r in results for d in r.documents),
                     tuple(e for r in results for e in r.errors), tuple(sorted(rules.items())))


class Pool:
    """Worker processes started fresh (``spawn``: the server runs threads, which ``fork``
    would copy half-way), each with the built-in packs compiled before its first file."""

    def __init__(self, workers: int, packs: tuple[str, ...], timeout: float) -> None:
        self.workers, self.packs, self.timeout = workers, packs, timeout
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_warm, initargs=(self.packs,))

    async def lint(self, paths: list[str], options: CheckOptions) -> RunResult:
        """Lint each path in its own job; a file over the time limit is reported, not awaited.
        Amendments are then compared with their originals, in one more job."""
        merged = merge(list(await asyncio.gather(*(self._one(p, options) for p in paths))))
        amended = [d.path for d in merged.documents if is_amendment(d.form)]
        if not amended:
            return merged
        paired = await self._job(pair, (merged, options), "not compared with its original")
        return paired if isinstance(paired, RunResult) else RunResult(
            merged.documents, (*merged.errors, *(RunError(p, paired) for p in amended)),
            merged.rules)

    async def _one(self, path: str, options: CheckOptions) -> RunResult:
        done = await self._job(lint_file, (path, options), "not linted")
        return done if isinstance(done, RunResult) else RunResult((), (RunError(path, done),))

    async def _job(self, function: Callable[..., RunResult], args: tuple[Any, ...],
                   failed: str) -> RunResult | str:
        """The job's result, or why it has none (``failed``, and over the time limit)."""
        loop = asyncio.get_running_loop()
        executor = self.executor
        try:
            job = loop.run_in_executor(executor, function, *args)
            return await asyncio.wait_for(job, self.timeout)
        except TimeoutError:
            return f"{failed}: over the {self.timeout:g}-second limit of one file"
        except BrokenProcessPool:  # a worker died (out of memory, killed): start afresh
            if self.executor is executor:  # once: the other jobs of that pool failed with it
                executor.shutdown(wait=False, cancel_futures=True)
                self.executor = self._start()
            return "internal error: the worker stopped"

    async def annotate(self, doc: dict[str, Any], rules: dict[str, Any]) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, annotate_docx, doc, rules)

    def warm(self) -> None:
        """Start every worker now, so the first review does not wait for them."""
        for future in [self.executor.submit(_noop) for _ in range(self.workers)]:
            future.result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _noop() -> None:
    return None
