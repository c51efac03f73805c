"""Parse-and-locate time for the full EDGAR filings beside lxml parsing the same file alone."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from linter.inputs import Source, read_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "filings"


def lxml_alone(source: Source) -> object:
    """The floor: lxml's XML parser over the bytes, with the same safety settings."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    return etree.fromstring(source.data, parser)


def ours(source: Source) -> object:
    """What `check` does before any rule runs: parse (blocks, facts, form) and locate."""
    from linter.parsers.html import parse
    from linter.scope import locate

    return locate(parse(source))


def medians_ms(source: Source, runs: int, clock: Callable[[], float]) -> tuple[float, float]:
    """Median time of lxml alone and of ours, run alternately so that a busy machine slows
    both alike."""
    base, full = [], []
    for _ in range(runs):
        start = clock()
        lxml_alone(source)
        base.append(clock() - start)
        start = clock()
        ours(source)
        full.append(clock() - start)
    return statistics.median(base) * 1000, statistics.median(full) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, help="filings (default: the corpus's four)")
    parser.add_argument("-n", "--runs", type=int, default=15, help="runs per file (median)")
    parser.add_argument("--cpu", action="store_true",
                        help="measure process CPU time instead of wall-clock time")
    args = parser.parse_args(argv)
    files = args.files or sorted(CORPUS.glob("*.htm*"))
    if not files:
        print(f"no filings found in {CORPUS}", file=sys.stderr)
        return 2
    clock = time.process_time if args.cpu else time.perf_counter
    ours(read_source(str(files[0])))  # import and compile once, outside the timings
    print(f"{'filing':<32} {'MB':>5} {'lxml ms':>8} {'ours ms':>8} {'ratio':>6}")
    worst = 0.0
    for path in files:
        source = read_source(str(path))
        base, full = medians_ms(source, args.runs, clock)
        worst = max(worst, full / base)
        print(f"{path.name:<32} {len(source.data) / 1e6:>5.1f} {base:>8.1f} {full:>8.1f} "
              f"{full / base:>6.2f}")
    kind = "CPU" if args.cpu else "wall-clock"
    print(f"worst ratio {worst:.2f} (goal: at most 2.00); median {kind} time of {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
