"""Measure the built-in Item 1C pack on the labelled filings of ../shared/corpus/item1c-dev.

Prints, per requirement, the measures defined in the corpus README: recall, answer accuracy
on true and on false flags (separately, with counts), negative specificity and evidence
localisation; then how many filings each risk / style rule fires on, and, with ``--misses``,
the misses for study. With ``--adjudicated`` it also prints answer accuracy with the flags
that the filer's own text explicitly contradicts (``benchmarks/label_contradictions.yaml``)
left out, beside the raw figures; the raw figures stay the headline.

    .venv/bin/python benchmarks/evaluate_item1c.py --jobs 2
    .venv/bin/python benchmarks/evaluate_item1c.py --split tune --adjudicated
    .venv/bin/python benchmarks/evaluate_item1c.py --split holdout --misses rm-material-effect

A fixed 20% of the filings (seeded) is held out from tuning: ``--split tune|holdout|all``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "item1c-dev"
CONTRADICTIONS = REPO / "benchmarks" / "label_contradictions.yaml"
HOLDOUT_SEED = 20240615
HOLDOUT_SHARE = 0.2

_P = "Cybersecurity"
_MAT = "MateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrant"
_INFORM = "ProcessForInforming"
FLAGS = {
    "rm-integrated": f"{_P}RiskManagementProcessesIntegratedFlag",
    "rm-third-party-engaged": f"{_P}RiskManagementThirdPartyEngagedFlag",
    "rm-third-party-oversight": f"{_P}RiskThirdPartyOversightAndIdentificationProcessesFlag",
    "rm-material-effect": f"{_P}Risk{_MAT}Flag",
    "gov-mgmt-responsible": f"{_P}RiskManagementPositionsOrCommitteesResponsibleFlag",
    "gov-mgmt-reports-to-board": f"{_P}RiskManagementPositions"
    "OrCommitteesResponsibleReportToBoardFlag",
}
# The requirement's own text block (localisation) and any further block whose tagging says
# the filer addressed it (recall).
BLOCKS = {
    "rm-process": f"{_P}RiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
    "rm-integrated": f"{_P}RiskManagementProcessesIntegratedTextBlock",
    "rm-material-effect": f"{_P}Risk{_MAT}TextBlock",
    "gov-board-oversight": f"{_P}RiskBoardOfDirectorsOversightTextBlock",
    "gov-board-committee": f"{_P}RiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "gov-board-informed": f"{_P}Risk{_INFORM}"
    "BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "gov-mgmt-responsible": f"{_P}RiskManagementPositionsOrCommitteesResponsibleTextBlock",
    "gov-mgmt-expertise": f"{_P}RiskManagementExpertiseOfManagementResponsibleTextBlock",
    "gov-mgmt-informed": f"{_P}RiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
}
REQUIREMENTS = (
    "rm-process",
    "rm-integrated",
    "rm-third-party-engaged",
    "rm-third-party-oversight",
    "rm-material-effect",
    "gov-board-oversight",
    "gov-board-committee",
    "gov-board-informed",
    "gov-mgmt-responsible",
    "gov-mgmt-expertise",
    "gov-mgmt-informed",
    "gov-mgmt-reports-to-board",
)
BOARD_REQUIREMENTS = (
    "gov-board-oversight",
    "gov-board-committee",
    "gov-board-informed",
    "gov-mgmt-reports-to-board",
)
_MENTIONS_BOARD = re.compile(r"\b(?:boards?|committees?|directors?)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Miss:
    file: str
    requirement: str
    measure: str
    expected: str
    got: str
    snippet: str


@dataclass
class Tally:
    """Counts for one requirement across the filings."""

    recall: list[int] = field(default_factory=lambda: [0, 0])  # hits, cases
    true_answers: list[int] = field(default_factory=lambda: [0, 0])
    false_answers: list[int] = field(default_factory=lambda: [0, 0])
    negative: list[int] = field(default_factory=lambda: [0, 0])
    localised: list[int] = field(default_factory=lambda: [0, 0])  # evidence sentences
    # The answer cells again without the labels the filer's own text contradicts, and how
    # many labels were left out (tagged true, tagged false).
    adjudicated_true: list[int] = field(default_factory=lambda: [0, 0])
    adjudicated_false: list[int] = field(default_factory=lambda: [0, 0])
    excluded: list[int] = field(default_factory=lambda: [0, 0])


def holdout_names(names: Iterable[str]) -> set[str]:
    """The fixed, seeded 20% of the filings kept out of tuning."""
    ordered = sorted(names)
    k = round(len(ordered) * HOLDOUT_SHARE)
    return set(random.Random(HOLDOUT_SEED).sample(ordered, k))


def load_records(split: str) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(CORPUS.glob("*.json"))
    held = holdout_names(f.name for f in files)
    choices: dict[str, Callable[[str], bool]] = {
        "all": lambda n: True,
        "holdout": lambda n: n in held,
        "tune": lambda n: n not in held,
    }
    keep = choices[split]
    return [(f.name, json.loads(f.read_text(encoding="utf-8"))) for f in files if keep(f.name)]


def load_contradictions(path: Path = CONTRADICTIONS) -> frozenset[tuple[str, str]]:
    """The (accession, flag element) pairs whose tagged value the filing's own text contradicts."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["contradictions"]
    return frozenset((str(e["accession"]), str(e["flag"])) for e in entries)


_PACK: list[Any] = []  # the compiled pack, once per worker process


def lint_record(record: dict[str, Any]) -> dict[str, Any]:
    """Lint one filing's text with the built-in pack; the plain (JSON-contract) document result."""
    import dataclasses

    from linter.engine import lint
    from linter.inputs import Source
    from linter.packs import load_pack
    from linter.parsers import parse
    from linter.scope import locate

    if not _PACK:
        _PACK.append(load_pack("item1c"))
    source = Source(record.get("adsh", "filing"), record["text"].encode("utf-8"))
    document = parse(source, "text")
    document = locate(
        dataclasses.replace(
            document, form=_base_form(record.get("form")), fiscal_year=record.get("fiscal_year")
        )
    )
    plain: dict[str, Any] = lint(document, [_PACK[0]]).to_plain()
    return plain


def _base_form(form: str | None) -> str | None:
    if not form:
        return None
    return "20-F" if form.startswith("20-F") else "10-K"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("&amp;", "&"))


def overlaps(sentence: str, block: str) -> bool:
    """The README's localisation test: one contains the other, or 80% of the words are in it."""
    s, b = " ".join(_words(sentence)), " ".join(_words(block))
    if not s or not b:
        return False
    if s in b or b in s:
        return True
    vocabulary = set(b.split())
    words = s.split()
    return sum(w in vocabulary for w in words) >= 0.8 * len(words)


def score(
    name: str,
    record: dict[str, Any],
    result: dict[str, Any],
    tallies: dict[str, Tally],
    misses: list[Miss],
    contradicted: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    accession = str(record.get("adsh") or Path(name).stem)
    by_id = {r["id"]: r for r in result["requirements"]}
    flags, blocks, text = record.get("flags", {}), record.get("blocks", {}), record["text"]
    mentions_board = bool(_MENTIONS_BOARD.search(text))
    for rid in REQUIREMENTS:
        got, tally = (
            by_id.get(rid, {"status": "missing", "answer": None, "evidence": []}),
            tallies[rid],
        )
        flag, block = FLAGS.get(rid), BLOCKS.get(rid)
        tagged = (flag in flags if flag else False) or (block in blocks if block else False)
        if tagged:
            hit = got["status"] in ("met", "partial")
            _count(tally.recall, hit)
            if not hit:
                misses.append(
                    Miss(
                        name,
                        rid,
                        "recall",
                        "addressed",
                        got["status"],
                        (blocks.get(block or "") or text)[:300],
                    )
                )
        if flag and flag in flags:
            expected = flags[flag] == "true"
            ok = got["answer"] is expected
            _count(tally.true_answers if expected else tally.false_answers, ok)
            if (accession, flag) in contradicted:
                tally.excluded[0 if expected else 1] += 1
            else:
                _count(tally.adjudicated_true if expected else tally.adjudicated_false, ok)
            if not ok:
                snippet = " | ".join(e["text"][:200] for e in got["evidence"][:3]) or text[:300]
                misses.append(
                    Miss(
                        name,
                        rid,
                        f"answer-{str(expected).lower()}",
                        str(expected).lower(),
                        f"{got['status']}/{got['answer']}",
                        snippet,
                    )
                )
        if rid in BOARD_REQUIREMENTS and not mentions_board:
            ok = got["status"] == "missing"
            _count(tally.negative, ok)
            if not ok:
                misses.append(
                    Miss(
                        name,
                        rid,
                        "negative",
                        "missing",
                        got["status"],
                        " | ".join(e["text"][:200] for e in got["evidence"][:2]),
                    )
                )
        if block and block in blocks:
            for evidence in got["evidence"]:
                ok = overlaps(evidence["text"], blocks[block])
                _count(tally.localised, ok)
                if not ok:
                    misses.append(
                        Miss(
                            name, rid, "localisation", "in block", "outside", evidence["text"][:300]
                        )
                    )


def _count(cell: list[int], ok: bool) -> None:
    cell[0] += int(ok)
    cell[1] += 1


def _ratio(cell: list[int]) -> str:
    return f"{cell[0] / cell[1]:.3f} ({cell[0]}/{cell[1]})" if cell[1] else "-"


def table(tallies: dict[str, Tally]) -> str:
    head = (f"{'requirement':27} {'recall':18} {'answer=true':18} {'answer=false':16} "
            f"{'neg. spec.':16} {'localisation':18}")
    rows = [head, "-" * len(head)]
    for rid in REQUIREMENTS:
        t = tallies[rid]
        rows.append(
            f"{rid:27} {_ratio(t.recall):18} {_ratio(t.true_answers):18} "
            f"{_ratio(t.false_answers):16} {_ratio(t.negative):16} {_ratio(t.localised):18}"
        )
    return "\n".join(rows)


def adjudicated_table(tallies: dict[str, Tally], contradicted: int) -> str:
    """Answer accuracy raw and with the contradicted labels left out, for the flag requirements."""
    head = (f"{'requirement':27} {'answer=true raw':18} {'adjudicated':18} {'excl.':6} "
            f"{'answer=false raw':18} {'adjudicated':18} {'excl.':6}")
    rows = [
        f"adjudicated view: {contradicted} labels the filer's own text explicitly contradicts "
        f"({CONTRADICTIONS.relative_to(REPO)}) left out of answer accuracy",
        head,
        "-" * len(head),
    ]
    for rid in FLAGS:
        t = tallies[rid]
        rows.append(
            f"{rid:27} {_ratio(t.true_answers):18} {_ratio(t.adjudicated_true):18} "
            f"{t.excluded[0]:<6} {_ratio(t.false_answers):18} {_ratio(t.adjudicated_false):18} "
            f"{t.excluded[1]:<6}"
        )
    rows.append(
        "recall is unchanged: each listed filing answers the flag's question explicitly, so it "
        "stays a case the draft addresses"
    )
    return "\n".join(rows)


def run(
    records: list[tuple[str, dict[str, Any]]],
    jobs: int,
    lint: Callable[[dict[str, Any]], dict[str, Any]] = lint_record,
) -> list[dict[str, Any]]:
    texts = [record for _, record in records]
    if jobs <= 1:
        return [lint(r) for r in texts]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lint, texts, chunksize=16))


def report(
    records: list[tuple[str, dict[str, Any]]],
    results: list[dict[str, Any]],
    show: str | None,
    limit: int,
    out: Any = sys.stdout,
    contradicted: frozenset[tuple[str, str]] | None = None,
) -> dict[str, Tally]:
    tallies = {rid: Tally() for rid in REQUIREMENTS}
    misses: list[Miss] = []
    fired: Counter[str] = Counter()
    for (name, record), result in zip(records, results, strict=True):
        score(name, record, result, tallies, misses, contradicted or frozenset())
        fired.update({f["rule"] for f in result["findings"]} - set(REQUIREMENTS))
    print(table(tallies), file=out)
    if contradicted is not None:
        print("\n" + adjudicated_table(tallies, len(contradicted)), file=out)
    print(f"\nrisk / style rules: filings with at least one finding (of {len(records)})", file=out)
    for rule, n in sorted(fired.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {rule:34} {n:4}  {n / len(records):.1%}", file=out)
    if show is not None:
        chosen = [m for m in misses if show in ("all", m.requirement, m.measure)]
        print(f"\nmisses ({len(chosen)}):", file=out)
        for m in chosen[:limit]:
            print(
                f"- {m.file} {m.requirement} [{m.measure}] expected {m.expected}, got {m.got}\n"
                f"    {m.snippet}",
                file=out,
            )
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("all", "tune", "holdout"), default="all")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--misses",
        nargs="?",
        const="all",
        default=None,
        help="list misses: all, a requirement id, or a measure (recall, answer-true, …)",
    )
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument(
        "--adjudicated",
        action="store_true",
        help="also print answer accuracy without the labels listed in label_contradictions.yaml",
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    records = load_records(args.split)
    contradicted = load_contradictions() if args.adjudicated else None
    started = time.perf_counter()
    results = run(records, args.jobs)
    elapsed = time.perf_counter() - started
    print(
        f"{len(records)} filings ({args.split}), linted in {elapsed:.1f}s with --jobs {args.jobs}\n"
    )
    report(records, results, args.misses, args.limit, contradicted=contradicted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
