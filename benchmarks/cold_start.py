"""Cold start of the hook: `disclosure-lint check DRAFT --quiet` against `python -c pass`
and against importing the libraries a Markdown draft's check needs (click, markdown-it-py,
RE2: the floor the project's own code sits on), and beside proselint's cold start on the
same draft when proselint is installed.

    .venv/bin/python benchmarks/cold_start.py [--runs 20] [--draft FILE] [--top 15]
    .venv/bin/pip install proselint   # only for the comparison; skipped when absent

Each run is a fresh process of the installed console script, as pre-commit starts it; the
commands take turns run by run, so that a busy machine slows them alike. Both may write
their bytecode caches (as an installed package has them), whatever PYTHONDONTWRITEBYTECODE
says. The default draft is examples/item1c-draft.md. Then `python -X importtime` of one run
lists the modules that cost most, and flags heavy libraries imported although a Markdown
draft does not need them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIBRARIES = "import click, markdown_it, re2"  # what a Markdown draft's check cannot do without
DEFAULT_DRAFT = REPO / "examples" / "item1c-draft.md"
# Libraries a plain Markdown draft never needs (markdown_it it does need).
NOT_FOR_MARKDOWN = ("lxml", "docx", "jinja2", "jsonschema", "charset_normalizer",
                    "concurrent.futures.process", "multiprocessing")


def time_runs(commands: list[list[str]], runs: int, warmup: int = 2
              ) -> list[tuple[list[float], list[float]]]:
    """Wall and CPU (user + system) seconds of ``runs`` runs of each command (after
    ``warmup`` unmeasured runs), the commands taking turns. CPU time is the steadier figure
    on a machine doing other work; wall time is what a user waits."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for i in range(warmup + runs):
        for command, (wall, cpu) in zip(commands, times, strict=True):
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)  # reaped here, with its resource use
            child.returncode = os.waitstatus_to_exitcode(status)
            if i >= warmup:
                wall.append(time.perf_counter() - start)
                cpu.append(usage.ru_utime + usage.ru_stime)
    return times


def proselint_command(draft: Path) -> list[str] | None:
    """proselint on ``draft`` (its ``check`` subcommand where it has one), or None."""
    script = Path(sys.executable).with_name("proselint")
    found = str(script) if script.exists() else shutil.which("proselint")
    if found is None:
        return None
    usage = subprocess.run([found, "--help"], capture_output=True, text=True, check=False)
    return [found, "check", str(draft)] if " check " in usage.stdout else [found, str(draft)]


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
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "libraries alone": [sys.executable, "-c", LIBRARIES],
                "disclosure-lint check --quiet": [str(script), "check", str(draft), "--quiet"]}
    proselint = proselint_command(draft)
    if proselint is not None:
        commands["proselint"] = proselint
    times = dict(zip(commands, time_runs(list(commands.values()), runs), strict=True))
    rows = import_times(script, draft)
    lines = [f"draft: {draft}", f"runs: {runs} each (after 2 warm-up runs), taking turns", "",
             f"{'':30} {'wall median':>12} {'p90':>8} {'cpu median':>11} {'p90':>8}"]
    for label, (wall, cpu) in times.items():
        lines.append(f"{label:30} {statistics.median(wall) * 1000:10.0f}ms "
                     f"{p90(wall) * 1000:6.0f}ms {statistics.median(cpu) * 1000:9.0f}ms "
                     f"{p90(cpu) * 1000:6.0f}ms")
    hook = [statistics.median(v) for v in times["disclosure-lint check --quiet"]]
    bare = [statistics.median(v) for v in times["python -c pass"]]
    lines.append(f"{'linter over interpreter':30} {(hook[0] - bare[0]) * 1000:10.0f}ms "
                 f"{'':8} {(hook[1] - bare[1]) * 1000:9.0f}ms")
    if proselint is None:
        lines.append("proselint: not installed, comparison skipped (pip install proselint)")
    else:
        other = [statistics.median(v) for v in times["proselint"]]
        lines.append(f"{'disclosure-lint / proselint':30} {hook[0] / other[0]:11.2f}x "
                     f"{'':8} {hook[1] / other[1]:10.2f}x")
    lines += ["", f"imports: {len(rows)} modules, {sum(r[0] for r in rows) / 1000:.0f}ms in all",
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
