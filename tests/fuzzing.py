"""Fuzz targets for every input the linter reads, and the property they must all keep.

The property: an input gives a result (which every reporter then renders) or one clean
error (a ``LintError``: one line naming the file, exit 2), never another exception, never a
hang (each example runs under ``LIMIT`` seconds) and never an unbounded allocation (the
fuzzing process runs under an address-space cap). ``tests/test_fuzz.py`` runs each target a
few dozen times on every test run; ``benchmarks/fuzz.py --minutes N`` runs them for longer.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fuzz_files import PackFiles, config_text, docx_doc, pack_files
from fuzz_text import (
    EIGHT_KS,
    FILINGS,
    SEEDS,
    as_bytes,
    corpus_file,
    dev_text,
    html_doc,
    huge_line,
    markdown_doc,
    mutated,
    plain_doc,
    rpage_doc,
)
from hypothesis import strategies as st

from linter.errors import ConfigError, LintError, PackError
from linter.results import DocumentResult, RunError, RunResult

LIMIT = 20.0  # seconds one example may take on a busy two-core machine (real ones take < 2)
MEMORY = 3 * 1024**3  # bytes of address space the fuzzing process may add to what it holds


class Hang(Exception):
    """An example ran over its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float = LIMIT) -> Iterator[None]:
    """Raise Hang in the main thread when the block runs over ``seconds``."""
    def _alarm(signum: int, frame: object) -> None:
        raise Hang(f"over {seconds:.0f}s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_cap(extra: int = MEMORY) -> Iterator[None]:
    """Cap the process's address space at what it uses now plus ``extra``: an unbounded
    allocation becomes a MemoryError, a failure like any other."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    cap = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _debug() -> Iterator[None]:
    """Let a bug propagate out of the batch runner instead of becoming an error line."""
    previous = os.environ.get("DISCLOSURE_LINT_DEBUG")
    os.environ["DISCLOSURE_LINT_DEBUG"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DISCLOSURE_LINT_DEBUG", None)
        else:
            os.environ["DISCLOSURE_LINT_DEBUG"] = previous


_WORKERS: dict[tuple[str | None, str | None], Any] = {}


def _worker(form: str | None, input_format: str | None) -> Any:
    from linter.api import CheckOptions
    from linter.runner import Worker

    key = (form, input_format)
    if key not in _WORKERS:
        _WORKERS[key] = Worker(CheckOptions(form=form, input_format=input_format))
    return _WORKERS[key]


def lint_bytes(data: bytes, suffix: str, form: str | None = None,
               input_format: str | None = None) -> DocumentResult | RunError:
    """The property for a draft: lint it from a file as the CLI does, then render the result
    in every format. Only an input error may come out, and it must name the file."""
    from linter.reporters import FILE_WRITERS, REPORTERS, get_reporter
    from linter.suppress import RULES

    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = os.path.join(folder, f"draft{suffix}")
        Path(path).write_bytes(data)
        with time_limit(), _debug():
            outcome, rules = _worker(form, input_format).lint_path(path)
            if isinstance(outcome, RunError):
                assert outcome.path == path and outcome.message
                assert "\n" not in str(outcome), str(outcome)
                return outcome
            rules.update((rule.id, rule.metadata()) for rule in RULES.values())
            report = RunResult((outcome,), (), tuple(sorted(rules.items())))
            plain = report.to_plain()
            for name in REPORTERS:
                for quiet in (False, True):
                    assert get_reporter(name)(plain, quiet=quiet)
            if outcome.format == "docx":
                module, _, func = FILE_WRITERS["docx"].partition(":")
                import importlib

                write = getattr(importlib.import_module(module), func)
                write(plain, os.path.join(folder, "reviewed.docx"), quiet=True)
    return outcome


def load_pack_files(files: PackFiles) -> None:
    """The property for a pack: it compiles (and its examples run) or a PackError says where."""
    from linter.packs import load_pack
    from linter.packs.tooling import test_packs

    with tempfile.TemporaryDirectory(prefix="fuzz-pack-") as folder:
        root = Path(folder) / "pack"
        (root / "rules").mkdir(parents=True)
        (root / "pack.yaml").write_text(files.pack, encoding="utf-8", errors="surrogatepass")
        for name, text in files.rules:
            (root / "rules" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        with time_limit():
            try:
                pack = load_pack(str(root), use_cache=False)
            except PackError as exc:
                assert str(exc) and "\n" not in str(exc).strip(), str(exc)
                return
            test_packs([pack], verbose=True)


def load_config_text(name: str, text: str, draft: bytes) -> None:
    """The property for a configuration: it loads and a draft under it lints, or one clean
    error names the file."""
    from linter.config import load_config

    with tempfile.TemporaryDirectory(prefix="fuzz-config-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        (Path(folder) / "drafts").mkdir()
        (Path(folder) / "drafts" / "a.md").write_bytes(draft)
        with time_limit():
            try:
                config = load_config(str(path))
                config.settings_for(str(Path(folder) / "drafts" / "a.md"))
            except ConfigError as exc:
                assert "\n" not in str(exc).strip(), str(exc)
                return
            from linter.api import CheckOptions
            from linter.runner import run

            with _debug():
                try:
                    result = run([str(Path(folder) / "drafts" / "a.md")],
                                 CheckOptions(config=str(path)))
                except LintError as exc:
                    assert "\n" not in str(exc).strip(), str(exc)
                    return
            for error in result.errors:
                assert not error.message.startswith("internal error"), str(error)


# -- targets ----------------------------------------------------------------------------------

Check = Callable[..., object]


@dataclass(frozen=True)
class Target:
    """A strategy and the property its examples must keep."""

    strategy: st.SearchStrategy[Any]
    check: Check


def _draft(suffix: str, input_format: str | None = None,
           form: str | None = None) -> Callable[[bytes], object]:
    def check(data: bytes) -> object:
        return lint_bytes(data, suffix, form, input_format)
    return check


TARGETS: dict[str, Target] = {
    "text": Target(st.one_of(as_bytes(plain_doc()), huge_line()), _draft(".txt")),
    "text-bytes": Target(st.binary(max_size=2000), _draft(".txt")),
    "markdown": Target(st.one_of(as_bytes(markdown_doc()), huge_line()), _draft(".md")),
    "html": Target(as_bytes(html_doc()), _draft(".html")),
    "filing": Target(st.one_of(corpus_file(EIGHT_KS).flatmap(mutated),
                               corpus_file(FILINGS[:1]).flatmap(mutated)), _draft(".htm")),
    "docx": Target(docx_doc(), _draft(".docx")),
    "rpage": Target(st.one_of(as_bytes(rpage_doc()), corpus_file(SEEDS).flatmap(mutated)),
                    _draft(".txt")),
    "dev-text": Target(dev_text().flatmap(mutated), _draft(".txt")),
    "detect": Target(st.one_of(corpus_file(SEEDS + EIGHT_KS).flatmap(mutated),
                               st.binary(max_size=500)), _draft("")),
    "forced-format": Target(st.tuples(st.sampled_from(("text", "markdown", "html", "docx",
                                                       "rpage")), corpus_file(
        SEEDS + EIGHT_KS[:2]).flatmap(mutated)),
        lambda args: lint_bytes(args[1], ".txt", None, args[0])),
    "pack": Target(pack_files(), load_pack_files),
    "config": Target(st.tuples(config_text(), as_bytes(markdown_doc())),
                     lambda args: load_config_text(*args[0], args[1])),
}

