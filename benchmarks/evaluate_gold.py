"""Measure the built-in Item 1C pack against careful reading (../shared/corpus/GOLD.md).

Prints the five measures of GOLD.md (missed gaps, not-met recall, not-met precision, answers,
exact status) per requirement and overall on the hand-read dev filings
(``item1c-gold-dev.json``); then the errors and warnings per section on the full 10-K filings
of ``../shared/corpus/filings``; and, with ``--disagreements``, every judgement where the
linter and the reader differ, for study. The filer-flag diagnostics stay in
``evaluate_item1c.py``.

    .venv/bin/python benchmarks/evaluate_gold.py
    .venv/bin/python benchmarks/evaluate_gold.py --disagreements rm-process
    .venv/bin/python benchmarks/evaluate_gold.py --gold other-gold.json --corpus other-dev/
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "benchmarks"))

from evaluate_item1c import FLAGS, REQUIREMENTS, lint_record  # noqa: E402

NOT_MET = ("partial", "missing")
ANSWERED = frozenset(FLAGS)  # the six "whether" requirements, each with its cyd flag


@dataclass
class Tally:
    """Counts behind the five measures for one requirement (or all of them)."""

    missing: int = 0  # reader says missing
    missed_gaps: int = 0  # ... and the linter says met
    reader_not_met: int = 0
    caught: int = 0  # reader not met, linter not met
    linter_not_met: int = 0
    agreed_not_met: int = 0  # linter not met, reader not met
    answered: int = 0
    same_answer: int = 0
    judged: int = 0
    exact: int = 0
    rows: list[tuple[str, str, str, Any, Any, str, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("missing", "missed_gaps", "reader_not_met", "caught", "linter_not_met",
                     "agreed_not_met", "answered", "same_answer", "judged", "exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def judge(tally: Tally, adsh: str, gold: dict[str, Any], got: dict[str, Any]) -> None:
    reader, linter = gold["status"], got["status"]
    tally.judged += 1
    tally.exact += reader == linter
    if reader == "missing":
        tally.missing += 1
        tally.missed_gaps += linter == "met"
    if reader in NOT_MET:
        tally.reader_not_met += 1
        tally.caught += linter in NOT_MET
    if linter in NOT_MET:
        tally.linter_not_met += 1
        tally.agreed_not_met += reader in NOT_MET
    answer_differs = False
    if gold.get("answer") is not None and got["id"] in ANSWERED:
        tally.answered += 1
        tally.same_answer += gold["answer"] == got.get("answer")
        answer_differs = gold["answer"] != got.get("answer")
    if reader != linter or answer_differs:
        evidence = " | ".join(e["text"] for e in got.get("evidence", []))
        tally.rows.append((adsh, reader, linter, gold.get("answer"), got.get("answer"),
                           gold.get("quote", ""), evidence))


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "-"


def table(tallies: dict[str, Tally]) -> str:
    head = ("| requirement | missed gaps ≤0.05 | not-met recall ≥0.85 | not-met precision ≥0.90 "
            "| answers ≥0.95 | exact ≥0.80 |")
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    total = Tally()
    for rid in REQUIREMENTS:
        t = tallies[rid]
        total.add(t)
        lines.append(_row(rid, t))
    lines.append(_row("**all**", total))
    return "\n".join(lines)


def _row(name: str, t: Tally) -> str:
    return (f"| {name} | {_ratio(t.missed_gaps, t.missing)} | {_ratio(t.caught, t.reader_not_met)}"
            f" | {_ratio(t.agreed_not_met, t.linter_not_met)} | "
            f"{_ratio(t.same_answer, t.answered)} | {_ratio(t.exact, t.judged)} |")


def evaluate(gold_path: Path, corpus: Path, jobs: int) -> dict[str, Tally]:
    labels: dict[str, dict[str, Any]] = json.loads(gold_path.read_text())["labels"]
    records = [json.loads((corpus / f"{adsh}.json").read_text()) for adsh in sorted(labels)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lint_record, records, chunksize=4))
    tallies = {rid: Tally() for rid in REQUIREMENTS}
    for adsh, result in zip(sorted(labels), results, strict=True):
        got = {r["id"]: r for r in result["requirements"]}
        for rid in REQUIREMENTS:
            if rid in labels[adsh] and rid in got:
                judge(tallies[rid], adsh, labels[adsh][rid], got[rid])
    return tallies


def filings_table(folder: Path) -> str:
    """Errors and warnings per section on full filings, with the rules that raised them."""
    from linter.api import load_document
    from linter.engine import lint
    from linter.packs import load_pack

    pack = load_pack("item1c")
    lines = ["| filing | errors | warnings | rules raising errors |", "| --- | --- | --- | --- |"]
    errors = warnings = count = 0
    for path in sorted(folder.glob("*.htm*")):
        result = lint(load_document(str(path)), [pack]).to_plain()
        findings = result["findings"]
        errs = [f["rule"] for f in findings if f["severity"] == "error"]
        warns = sum(f["severity"] == "warning" for f in findings)
        errors, warnings, count = errors + len(errs), warnings + warns, count + 1
        lines.append(f"| {path.name} | {len(errs)} | {warns} | {', '.join(errs) or '-'} |")
    if count:
        lines.append(f"| **per section** | {errors / count:.2f} | {warnings / count:.2f} | |")
    return "\n".join(lines)


def disagreements(tallies: dict[str, Tally], wanted: Iterable[str]) -> str:
    out: list[str] = []
    for rid in wanted:
        for adsh, reader, linter, ga, la, quote, evidence in tallies[rid].rows:
            out.append(f"{rid} {adsh}: reader {reader}/{ga} linter {linter}/{la}\n"
                       f"    reader: {quote[:300]}\n    linter: {evidence[:300]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "item1c-gold-dev.json")
    parser.add_argument("--corpus", type=Path, default=SHARED / "item1c-dev")
    parser.add_argument("--filings", type=Path, default=SHARED / "filings")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--disagreements", nargs="*", metavar="ID",
                        help="list the judgements that differ (all requirements if no id)")
    args = parser.parse_args(argv)
    tallies = evaluate(args.gold, args.corpus, args.jobs)
    print(f"## Careful reading ({args.gold.name})\n")
    print(table(tallies))
    if args.filings.is_dir():
        print(f"\n## Full filings ({args.filings.name}/)\n")
        print(filings_table(args.filings))
    if args.disagreements is not None:
        print("\n## Disagreements\n")
        print(disagreements(tallies, args.disagreements or REQUIREMENTS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
