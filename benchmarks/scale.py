"""A batch at scale: wall time, peak memory and byte-identical output whatever --jobs.

    .venv/bin/python benchmarks/scale.py                 # dev corpus + full filings + 8-Ks
    .venv/bin/python benchmarks/scale.py --copies 10     # the dev corpus ten times over
    .venv/bin/python benchmarks/scale.py --json          # also --format json, for comparison

Lints ../shared/corpus with the installed console script: the 538 Item 1C texts of
item1c-dev (each written to a draft file in a temporary folder, ``--copies`` times), the full
10-K filings and the 8-Ks, in one run of ``check --format jsonl --jobs 2`` and again with
``--jobs 1``. For each run: wall time, the peak resident memory of the whole process tree
(the parent and its workers, summed; sampled every 20 ms) and of its largest process, and
whether the two outputs are the same bytes. Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    label: str
    seconds: float
    tree_peak: int  # bytes, parent and workers summed
    process_peak: int  # bytes, the largest single process
    digest: str
    lines: int
    code: int


def write_drafts(folder: Path, copies: int) -> list[Path]:
    """The dev corpus texts as draft files (``copies`` folders of them), then the filings."""
    records = sorted((CORPUS / "item1c-dev").glob("*.json"))
    texts = {r.stem: json.loads(r.read_text(encoding="utf-8"))["text"] for r in records}
    for copy in range(copies):
        sub = folder / f"dev-{copy:02d}"
        sub.mkdir()
        for name, text in texts.items():
            (sub / f"{name}.txt").write_text(text, encoding="utf-8")
    return [folder, CORPUS / "filings", CORPUS / "8k"]


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def run(label: str, command: list[str], output: Path) -> Run:
    """Run ``command``, sampling the memory of its process tree until it ends."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = process_peak = 0
    while proc.poll() is None:
        sizes = [_rss(pid) for pid in _tree(proc.pid)]
        tree_peak, process_peak = max(tree_peak, sum(sizes)), max(process_peak, *sizes, 0)
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    data = output.read_bytes() if output.exists() else b""
    return Run(label, seconds, tree_peak, process_peak, hashlib.sha256(data).hexdigest(),
               data.count(b"\n"), proc.returncode)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1, help="times the dev corpus is linted")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="also run --format json")
    parser.add_argument("--script", type=Path, default=Path(sys.executable).with_name(
        "disclosure-lint"), help="the installed console script (default: beside this python)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    if not args.script.exists():
        sys.exit(f"no console script at {args.script}; pip install the project first")
    with tempfile.TemporaryDirectory(prefix="disclosure-lint-scale-") as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        inputs = [str(p) for p in write_drafts(folder, args.copies)]
        plan = [(f"jsonl --jobs {args.jobs}", "jsonl", args.jobs), ("jsonl --jobs 1", "jsonl", 1)]
        if args.json:
            plan.append((f"json --jobs {args.jobs}", "json", args.jobs))
        runs = []
        for label, fmt, jobs in plan:
            output = Path(tmp) / f"{label.replace(' ', '_')}.out"
            command = [str(args.script), "check", *inputs, "--format", fmt, "--output",
                       str(output), "--jobs", str(jobs), "--fail-on", "never", "--quiet"]
            runs.append(run(label, command, output))
    files = 538 * args.copies + len(list((CORPUS / "filings").glob("*.htm*"))) + len(
        list((CORPUS / "8k").glob("*.htm*")))
    print(f"inputs: {538 * args.copies} dev-corpus drafts ({args.copies} x 538), the full "
          f"filings and the 8-Ks: {files} files")
    print(f"{'run':18} {'wall':>8} {'peak RSS (tree)':>16} {'largest process':>16} "
          f"{'lines':>7} {'exit':>5}")
    for r in runs:
        print(f"{r.label:18} {r.seconds:7.1f}s {r.tree_peak / 2**20:13.0f} MB "
              f"{r.process_peak / 2**20:13.0f} MB {r.lines:7} {r.code:5}")
    same = runs[0].digest == runs[1].digest
    print(f"--jobs {args.jobs} and --jobs 1 JSONL: "
          f"{'byte-identical' if same else 'DIFFERENT'} (sha256 {runs[0].digest[:16]})")
    return 0 if same and all(r.code in (0, 1) for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
