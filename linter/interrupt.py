"""Ctrl-C during a batch: stop between files, and never in the middle of a report line."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Interrupt:
    """Ctrl-C during a batch: raised while a file is being linted (that file is dropped),
    only noted while its result is being written, so that no report line is cut short."""

    def __init__(self) -> None:
        self.pending = False
        self.busy = False
        self.previous: Any = None

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def _handle(self, signum: int, frame: object) -> None:
        self.pending = True
        if self.busy:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def producing(self) -> Iterator[None]:
        self.busy = True
        try:
            yield
        finally:
            self.busy = False
