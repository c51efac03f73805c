"""Lint 500 documents built from item1c-dev texts; show each pack is compiled once, and throughput.

    .venv/bin/python benchmarks/compile_once.py [--documents 500] [--jobs 1] [--pack item1c]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "item1c-dev"


def build_documents(folder: Path, count: int) -> list[str]:
    """Markdown drafts from the corpus texts, cycling through them until there are ``count``."""
    sources = sorted(CORPUS.glob("*.json"))
    if not sources:
        sys.exit(f"no corpus at {CORPUS}")
    paths = []
    for i in range(count):
        data = json.loads(sources[i % len(sources)].read_text(encoding="utf-8"))
        path = folder / f"{i:04d}.md"
        path.write_text(f"# Item 1C. Cybersecurity\n\n{data['text']}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--pack", action="append", default=[])
    args = parser.parse_args()

    from linter.api import CheckOptions, check
    from linter.packs import loader

    compiled: Counter[str] = Counter()
    original = loader.compile_pack

    def counting(raw: Any) -> Any:  # counts real compilations, whatever cache is in front
        pack = original(raw)
        compiled[pack.id] += 1
        return pack

    loader.compile_pack = counting
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_documents(Path(tmp), args.documents)
        started = time.perf_counter()
        result = check(paths, CheckOptions(packs=tuple(args.pack), jobs=args.jobs))
        elapsed = time.perf_counter() - started
    findings = sum(len(d.findings) for d in result.documents)
    print(f"documents linted: {len(result.documents)} (errors: {len(result.errors)}), "
          f"findings: {findings}")
    if args.jobs == 1:
        print("pack compilations: " + (", ".join(f"{k}={v}" for k, v in compiled.items()) or "0"))
    else:
        print(f"pack compilations: in {args.jobs} worker processes, once per worker "
              "(not counted from the parent)")
    print(f"time: {elapsed:.2f} s, throughput: {len(result.documents) / elapsed:.1f} documents/s")
    return 0 if args.jobs > 1 or all(v == 1 for v in compiled.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
