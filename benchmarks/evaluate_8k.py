"""Measure the built-in Item 1.05 pack on the real 8-Ks of ../shared/corpus/8k.

For each incident fact a filer tagged (labels.json), the requirement it corresponds to is
`found` when the linter says met or partial, and `located` when one of its evidence sentences
overlaps the filer's tagged text (the item1c-dev localisation test: one contains the other, or
80% of the sentence's words are in the block). The data sets drop apostrophes ("Companys"), so
both sides are compared without them; a tagged "block" with no words at all (a lone ".") can
hold no evidence and is counted under `empty`, not `tagged`. Prints a table per requirement
and, with ``--misses``, what the filer tagged and what the linter cited.

    .venv/bin/python benchmarks/evaluate_8k.py
    .venv/bin/python benchmarks/evaluate_8k.py --misses
    .venv/bin/python benchmarks/evaluate_8k.py --corpus OTHER/8k   # any folder of the same shape

A report is read as filed: an 8-K/A, an Item 8.01 report or a Form 6-K as well as an 8-K.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "8k"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_item1c import overlaps  # noqa: E402  (a sibling script, not a package)

_WORD = re.compile(r"[A-Za-z0-9]")
_APOSTROPHES = re.compile("['\u2019]")


def lint_filing(path: Path) -> dict[str, Any]:
    """The plain (JSON-contract) result of the 8-K at ``path`` under the item105 pack."""
    from linter.api import load_document
    from linter.engine import lint
    from linter.packs import load_pack

    plain: dict[str, Any] = lint(load_document(str(path)), [load_pack("item105")]).to_plain()
    return plain


def requirements() -> dict[str, str]:
    """The requirement of each incident text block, as its rule file names it (``cyd:``)."""
    from linter.packs import load_pack

    return {r.cyd: r.id for r in load_pack("item105").rules if r.kind == "requirement" and r.cyd}


def _filing(corpus: Path, accession: str) -> Path:
    """The accession's document: ``.html``, ``.htm`` or ``.xhtml``."""
    found = sorted(corpus.glob(f"{accession}.*htm*"))
    return found[0] if found else corpus / f"{accession}.html"


def score(labels: dict[str, Any], corpus: Path = CORPUS
          ) -> tuple[dict[str, Counter[str]], list[str], dict[str, Any]]:
    """Per requirement: tagged, found, located; the misses as lines; each filing's result."""
    by_element = requirements()
    tally: dict[str, Counter[str]] = {rid: Counter() for rid in by_element.values()}
    misses: list[str] = []
    results = {}
    for accession, label in sorted(labels.items()):
        result = lint_filing(_filing(corpus, accession))
        results[accession] = result
        statuses = {r["id"]: r for r in result["requirements"]}
        for element, fact in label["facts"].items():
            rid = by_element.get(element)
            if rid is None:
                continue  # an Item 1C fact some filers add to their 8-K
            req = statuses[rid]
            if not _WORD.search(fact["value"]):
                tally[rid].update(empty=1)
                continue
            found = req["status"] in ("met", "partial")
            located = found and any(overlaps(_plain(e["text"]), _plain(fact["value"]))
                                    for e in req["evidence"])
            tally[rid].update(tagged=1, found=int(found), located=int(located))
            if not located:
                cited = " | ".join(e["text"][:100] for e in req["evidence"][:2]) or "-"
                misses.append(f"{accession} {rid} {req['status']}: tagged "
                              f"{fact['value'][:140]!r}; cited {cited!r}")
    return tally, misses, results


def _plain(text: str) -> str:
    """``text`` without apostrophes, as the data sets give the filers' blocks."""
    return _APOSTROPHES.sub("", text)


def table(tally: dict[str, Counter[str]]) -> str:
    lines = [f"{'requirement':<24}{'tagged':>8}{'found':>8}{'located':>9}{'empty':>7}"]
    total: Counter[str] = Counter()
    for rid, c in tally.items():
        total.update(c)
        lines.append(f"{rid:<24}{c['tagged']:>8}{c['found']:>8}{c['located']:>9}{c['empty']:>7}")
    lines.append(f"{'all':<24}{total['tagged']:>8}{total['found']:>8}{total['located']:>9}"
                 f"{total['empty']:>7}")
    share = total["located"] / total["tagged"] if total["tagged"] else 0.0
    lines.append(f"\nlocated: {total['located']} of {total['tagged']} tagged blocks ({share:.0%})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list what was not located")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="folder of reports with their labels.json (default: the 8k corpus)")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.json").is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    labels = json.loads((args.corpus / "labels.json").read_text(encoding="utf-8"))
    tally, misses, results = score(labels, args.corpus)
    sections = sum(1 for r in results.values() if r["section"] and r["section"].get("found"))
    forms = Counter(str(r["form"]) for r in results.values())
    print(f"{len(results)} reports ({', '.join(f'{n} {f}' for f, n in sorted(forms.items()))}); "
          f"incident section located in {sections}\n")
    print(table(tally))
    if args.misses:
        print("\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
