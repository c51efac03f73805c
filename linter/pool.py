"""Worker processes for a batch: results in input order, and a worker that dies costs only its file.

``concurrent.futures.ProcessPoolExecutor`` breaks the whole pool when one worker is killed (the
out-of-memory killer, a stray ``kill``), failing every file still queued. Here each worker
holds one file at a time, so the parent always knows which file a dead worker had: that file
becomes an error, a new worker takes its place and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Generator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from linter.results import RunError

if TYPE_CHECKING:
    from linter.api import CheckOptions
    from linter.runner import Outcome

AHEAD = 8  # files handed out beyond the next one to report, per worker: bounds the buffer


@dataclass
class _Slot:
    """One worker process, its end of the pipe and the index of the file it holds."""

    process: BaseProcess
    conn: Connection
    index: int | None = None


def _serve(options: CheckOptions, conn: Connection) -> None:
    """A worker's life: lint each path received until told to stop (None)."""
    from linter.runner import Worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    worker = Worker(options)
    for name in options.packs:  # compile once per worker, before its first file
        worker.cache.get(name)
    while (path := conn.recv()) is not None:
        conn.send(worker.lint_path(path))


def _start(options: CheckOptions) -> _Slot:
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_serve, args=(options, theirs), daemon=True)
    process.start()
    theirs.close()
    return _Slot(process, ours)


def death(exitcode: int | None) -> str:
    """Why a worker ended, in words: the signal that killed it, or its exit status."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"worker process killed by {name}{hint} while linting this file"
    return f"worker process exited (status {exitcode}) while linting this file"


def imap(files: list[str], options: CheckOptions, jobs: int) -> Generator[Outcome, None, None]:
    """Each file's outcome, in input order, linted by ``jobs`` worker processes."""
    done: dict[int, Outcome] = {}
    slots = [_start(options) for _ in range(min(jobs, len(files)))]
    sent = reported = 0
    try:
        while reported < len(files):
            for i, slot in enumerate(slots):
                if slot.index is None and sent < min(len(files), reported + AHEAD * jobs):
                    slots[i] = _give(slot, sent, files[sent], options)
                    sent += 1
            busy = [s for s in slots if s.index is not None]
            ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy]))
            for i, slot in enumerate(slots):
                if slot.index is not None and ready & {slot.conn, slot.process.sentinel}:
                    slots[i] = _collect(slot, files, done, options)
            while reported in done:
                yield done.pop(reported)
                reported += 1
    finally:
        _stop(slots)


def _give(slot: _Slot, index: int, path: str, options: CheckOptions) -> _Slot:
    """Hand the worker a file; a worker found dead while idle is replaced first."""
    try:
        slot.conn.send(path)
    except OSError:
        _reap(slot)
        slot = _start(options)
        slot.conn.send(path)
    slot.index = index
    return slot


def _collect(slot: _Slot, files: list[str], done: dict[int, Outcome],
             options: CheckOptions) -> _Slot:
    """Take the worker's answer; if it died instead, its file is an error and a new worker
    takes its place."""
    assert slot.index is not None
    index = slot.index
    try:
        done[index] = slot.conn.recv()
    except (EOFError, OSError):  # the worker died before it answered
        _reap(slot)
        done[index] = (RunError(files[index], death(slot.process.exitcode)), {})
        return _start(options)
    slot.index = None
    return slot


def _reap(slot: _Slot) -> None:
    slot.process.join(timeout=5)
    if slot.process.is_alive():
        slot.process.kill()
        slot.process.join()
    slot.conn.close()


def _stop(slots: list[_Slot]) -> None:
    """Ask idle workers to finish, end busy ones (an interrupted batch), reap them all."""
    for slot in slots:
        try:
            if slot.index is None:
                slot.conn.send(None)
            else:
                slot.process.terminate()
        except OSError:
            slot.process.terminate()
    for slot in slots:
        _reap(slot)
