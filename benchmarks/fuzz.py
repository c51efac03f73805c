"""The long fuzz profile: every target of tests/fuzzing.py, at random, for N minutes.

    .venv/bin/python benchmarks/fuzz.py --minutes 10
    .venv/bin/python benchmarks/fuzz.py --minutes 2 --target html --target docx

Targets take turns in rounds of ``--batch`` examples until the time is up. Each example runs
under the per-example time limit and the whole process under an address-space cap (see
tests/fuzzing.py). Failing examples are kept in benchmarks/out/fuzz-db, so the next run
replays them first; they are not shrunk unless ``--shrink`` is given (shrinking a big input
can take minutes). A target that fails is reported with its traceback and dropped from the
following rounds. Prints, per target, the examples run, how many gave a result and how many
a clean input error, the slowest example, and the failures. Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fuzzing import TARGETS, memory_cap  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from linter.results import DocumentResult, RunError  # noqa: E402


def _example(name: str, batch: int, database: DirectoryBasedExampleDatabase,
             counts: Counter[str], slowest: dict[str, float], shrink: bool) -> Callable[[], None]:
    """One round of a target: ``batch`` examples, each tallied and timed."""
    target = TARGETS[name]
    phases = tuple(Phase) if shrink else tuple(p for p in Phase if p is not Phase.shrink)

    @settings(max_examples=batch, deadline=None, database=database, print_blob=True,
              suppress_health_check=list(HealthCheck), phases=phases)
    @given(target.strategy)
    def example(value: object) -> None:
        started = time.perf_counter()
        outcome = target.check(value)
        slowest[name] = max(slowest[name], time.perf_counter() - started)
        counts["result" if isinstance(outcome, DocumentResult) else
               "input error" if isinstance(outcome, RunError) else "done"] += 1

    # One database entry per target: the closures share their source, hence Hypothesis's key.
    setattr(example, "_hypothesis_internal_add_digest", name.encode())  # noqa: B010
    run: Callable[[], None] = example
    return run


def fuzz(names: list[str], minutes: float, batch: int, shrink: bool) -> tuple[str, bool]:
    database = DirectoryBasedExampleDatabase(str(REPO / "benchmarks" / "out" / "fuzz-db"))
    tally: dict[str, Counter[str]] = {name: Counter() for name in names}
    slowest = dict.fromkeys(names, 0.0)
    failures: dict[str, str] = {}
    end = time.monotonic() + minutes * 60
    while time.monotonic() < end and len(failures) < len(names):
        for name in names:
            if name in failures or time.monotonic() >= end:
                continue
            example = _example(name, batch, database, tally[name], slowest, shrink)
            try:
                example()
            except Exception:  # a failure of the property: report it, fuzz the others
                failures[name] = traceback.format_exc(limit=-12)
    lines = [f"{minutes:g} minutes, batches of {batch}", "",
             f"{'target':15} {'examples':>9} {'results':>8} {'errors':>8} {'slowest':>8}  status"]
    for name in names:
        counts = tally[name]
        lines.append(f"{name:15} {sum(counts.values()):9} {counts['result'] + counts['done']:8} "
                     f"{counts['input error']:8} {slowest[name]:7.2f}s  "
                     f"{'FAILED' if name in failures else 'ok'}")
    for name, failure in failures.items():
        lines += ["", f"== {name} ==", failure]
    return "\n".join(lines) + "\n", not failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS),
                        help="only this target (repeatable; default: all)")
    parser.add_argument("--batch", type=int, default=50, help="examples per target per round")
    parser.add_argument("--shrink", action="store_true",
                        help="shrink a failing example (can take minutes on a big input)")
    args = parser.parse_args()
    # The built-in packs' cache of this run stays out of the user's ~/.cache.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="disclosure-lint-fuzz-cache-")
    with memory_cap():
        report, ok = fuzz(args.target or sorted(TARGETS), args.minutes, args.batch, args.shrink)
    sys.stdout.write(report)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
