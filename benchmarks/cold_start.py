"""Cold start of the hook: `disclosure-lint check DRAFT --quiet` against `python -c pass`.

    .venv/bin/python benchmarks/cold_start.py [--runs 20] [--draft FILE] [--top 15]

Each run is a fresh process of the installed console script, as pre-commit starts it. The
default draft is examples/item1c-draft.md. Then `python -X importtime` of one run lists the
modules that cost most, and flags heavy libraries imported although a Markdown draft does not
need them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DRAFT = REPO / "examples" / "item1c-draft.md"
# Libraries a plain Markdown draft never needs (markdown_it it does need).
NOT_FOR_MARKDOWN = ("lxml", "docx", "jinja2", "jsonschema", "charset_normalizer",
                    "concurrent.futures.process", "multiprocessing")


def time_runs(command: list[str], runs: int, warmup: int = 2) -> list[float]:
    """Wall seconds of ``runs`` runs of ``command`` (after ``warmup`` unmeasured runs)."""
    env = {**os.environ, "NO_COLOR": "1"}
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=False)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return times


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def import_times(script: Path, draft: Path) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, depth, module) for each import of one run."""
    done = subprocess.run([sys.executable, "-X", "importtime", str(script), "check", str(draft),
                           "--quiet"], capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip(" "))) // 2
        rows.append((int(own), int(total), depth, name.strip()))
    return rows


def report(script: Path, draft: Path, runs: int, top: int) -> str:
    baseline = time_runs([sys.executable, "-c", "pass"], runs)
    hook = time_runs([str(script), "check", str(draft), "--quiet"], runs)
    rows = import_times(script, draft)
    lines = [f"draft: {draft}", f"runs: {runs} each (after 2 warm-up runs)", "",
             f"{'':28} {'median':>9} {'p90':>9}"]
    for label, values in (("python -c pass", baseline), ("disclosure-lint check --quiet", hook)):
        lines.append(f"{label:28} {statistics.median(values) * 1000:8.0f}ms "
                     f"{p90(values) * 1000:8.0f}ms")
    extra = (statistics.median(hook) - statistics.median(baseline)) * 1000
    lines += [f"{'linter over interpreter':28} {extra:8.0f}ms", "",
              f"imports: {len(rows)} modules, {sum(r[0] for r in rows) / 1000:.0f}ms in all",
              f"top {top} top-level imports by cumulative time:"]
    for _, total, _, name in sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])[:top]:
        lines.append(f"  {total / 1000:7.1f}ms  {name}")
    cumulative = {name: total for _, total, _, name in rows}
    heavy = [f"{name} ({cumulative[name] / 1000:.1f}ms)" for name in NOT_FOR_MARKDOWN
             if name in cumulative]
    lines.append("imported although a Markdown draft does not need them: "
                 + (", ".join(heavy) if heavy else "none"))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--draft", type=Path, default=DEFAULT_DRAFT)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--script", type=Path, default=Path(sys.executable).with_name(
        "disclosure-lint"), help="the installed console script (default: beside this python)")
    args = parser.parse_args()
    if not args.script.exists():
        sys.exit(f"no console script at {args.script}; pip install the project first")
    if not args.draft.is_file():
        sys.exit(f"no draft at {args.draft}")
    sys.stdout.write(report(args.script, args.draft, args.runs, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
