"""Cold start of the hook: `disclosure-lint check DRAFT --quiet` against `python -c pass`,
against importing the libraries a Markdown draft's check needs (click, markdown-it-py, RE2),
against a floor (those libraries, parsing the draft, and compiling and first running the
pack's expressions the draft can match: what any check of it with these libraries and this
pack must spend), and beside proselint's cold start on the same draft when it is installed.

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
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIBRARIES = "import click, markdown_it, re2"  # what a Markdown draft's check cannot do without
# The floor: the libraries, the draft parsed, and each expression the check compiled for it
# compiled (as the pack compiles them) and run over the draft once (RE2 builds its automata
# on first use). argv: the draft, a JSON file of the expressions.
FLOOR = f"""{LIBRARIES}, json, sys
text = open(sys.argv[1], encoding="utf-8").read()
markdown_it.MarkdownIt("commonmark").enable("table").parse(text)
options = re2.Options()
options.case_sensitive, options.log_errors, options.never_capture = False, False, True
for pattern in json.load(open(sys.argv[2], encoding="utf-8")):
    re2.compile(pattern, options).search(text)
"""
# Records the expressions one check of the draft compiles (argv: the draft, the JSON file).
RECORD = """import json, sys
from linter import api
from linter.packs import lazy
compiled, compile = [], lazy._compile
lazy._compile = lambda pattern: compiled.append(pattern) or compile(pattern)
api.check([sys.argv[1]])
json.dump(compiled, open(sys.argv[2], "w", encoding="utf-8"))
"""
DEFAULT_DRAFT = REPO / "examples" / "item1c-draft.md"
# Libraries a plain Markdown draft never needs (markdown_it it does need).
NOT_FOR_MARKDOWN = ("lxml", "docx", "jinja2", "jsonschema", "charset_normalizer",
                    "concurrent.futures.process", "multiprocessing")


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def time_runs(commands: list[list[str]], runs: int, warmup: int = 2
              ) -> list[tuple[list[float], list[float]]]:
    """Wall and CPU (user + system) seconds of ``runs`` runs of each command (after
    ``warmup`` unmeasured runs), the commands taking turns. CPU time is the steadier figure
    on a machine doing other work; wall time is what a user waits."""
    env = environment()
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


def record_expressions(script: Path, draft: Path, into: Path) -> int:
    """Write the expressions one check of ``draft`` compiles (the pack's cache filled
    first, as the hook finds it) to ``into``; their number."""
    env = environment()
    subprocess.run([str(script), "check", str(draft), "--quiet"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env, check=False)
    subprocess.run([sys.executable, "-c", RECORD, str(draft), str(into)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return len(json.loads(into.read_text(encoding="utf-8")))


def report(script: Path, draft: Path, runs: int, top: int, expressions: Path) -> str:
    compiled = record_expressions(script, draft, expressions)
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "libraries alone": [sys.executable, "-c", LIBRARIES],
                "floor": [sys.executable, "-c", FLOOR, str(draft), str(expressions)],
                "disclosure-lint check --quiet": [str(script), "check", str(draft), "--quiet"]}
    proselint = proselint_command(draft)
    if proselint is not None:
        commands["proselint"] = proselint
    times = dict(zip(commands, time_runs(list(commands.values()), runs), strict=True))
    rows = import_times(script, draft)
    lines = [f"draft: {draft}", f"runs: {runs} each (after 2 warm-up runs), taking turns",
             f"floor: {LIBRARIES}, parse the draft, compile and run the {compiled} expressions "
             "the check compiles for it", "",
             f"{'':30} {'wall median':>12} {'p90':>8} {'cpu median':>11} {'p90':>8}"]
    for label, (wall, cpu) in times.items():
        lines.append(f"{label:30} {statistics.median(wall) * 1000:10.0f}ms "
                     f"{p90(wall) * 1000:6.0f}ms {statistics.median(cpu) * 1000:9.0f}ms "
                     f"{p90(cpu) * 1000:6.0f}ms")
    hook = [statistics.median(v) for v in times["disclosure-lint check --quiet"]]
    for label, under in (("linter over interpreter", "python -c pass"),
                         ("linter over floor", "floor")):
        base = [statistics.median(v) for v in times[under]]
        lines.append(f"{label:30} {(hook[0] - base[0]) * 1000:10.0f}ms "
                     f"{'':8} {(hook[1] - base[1]) * 1000:9.0f}ms")
    if proselint is None:
        lines.append("proselint: not installed, comparison skipped (pip install proselint)")
    else:
        other = [statistics.median(v) for v in times["proselint"]]
        for label, mine in (("disclosure-lint / proselint", hook),
                            ("floor / proselint", [statistics.median(v)
                                                   for v in times["floor"]])):
            lines.append(f"{label:30} {mine[0] / other[0]:11.2f}x "
                         f"{'':8} {mine[1] / other[1]:10.2f}x")
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
    with tempfile.TemporaryDirectory() as scratch:
        expressions = Path(scratch) / "expressions.json"
        sys.stdout.write(report(args.script, args.draft, args.runs, args.top, expressions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
