"""A progress bar on standard error for batch runs, shown only on a terminal."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[int, int], None]

WIDTH = 30
MIN_BATCH = 2  # one file needs no bar
_INTERVAL = 0.1  # seconds between redraws, so that thousands of tiny files do not flood stderr


def bar(stream: TextIO | None = None, *, force: bool = False) -> Progress | None:
    """A callback ``(done, total)`` that draws a bar on ``stream`` (standard error), or None
    when the stream is not a terminal (piped, redirected, CI logs) or TERM is dumb."""
    out = stream if stream is not None else sys.stderr
    interactive = out.isatty() and os.environ.get("TERM") != "dumb"
    if not (interactive or force):
        return None
    last = [0.0]

    def draw(done: int, total: int) -> None:
        if total < MIN_BATCH:
            return
        now = time.monotonic()
        if done < total and now - last[0] < _INTERVAL:
            return
        last[0] = now
        out.write("\r" + line(done, total))
        if done >= total:
            out.write("\r" + " " * len(line(total, total)) + "\r")
        out.flush()

    return draw


def line(done: int, total: int) -> str:
    """``[#####.....]  12/100 documents``."""
    filled = WIDTH * done // total if total else WIDTH
    return f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done:>{len(str(total))}}/{total} documents"
