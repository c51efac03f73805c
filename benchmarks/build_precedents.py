"""Build linter/data/precedents.json: for each Item 106 requirement, short sentences from real
annual reports that meet it, and the share of filers in the corpus that meet it.

    .venv/bin/python benchmarks/build_precedents.py [--corpus ../shared/corpus] [--jobs 2]

Rerun it whenever the built-in pack's verdicts change (tests/test_precedents.py says which
precedent no longer holds). A sentence is chosen only if:

- the linter, reading its whole filing, cites it as evidence of a `met` requirement;
- the careful-reading verdict of item1c-gold-dev.json, where the filing has one, is `met` too;
- linted on its own (a draft of that one sentence), the requirement is still `met`;
- it is 60 words or fewer, reads as a clean sentence, and does not name its company.

Among those, the most specific and shortest win (numbers, named roles and committees,
frequencies, frameworks), each from a different company, and a company lends at most
MAX_PER_COMPANY sentences to the whole file. The share of filers is the linter's: among the
latest report of each company (by CIK), the share whose requirement is `met`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_item1c import lint_record as lint_one

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "linter" / "data" / "precedents.json"
PER_REQUIREMENT = 3
MAX_WORDS = 60
MIN_WORDS = 8
MAX_PER_COMPANY = 2
CANDIDATES = 25  # best-scored candidates per requirement tried alone before giving up

# Marks of a specific sentence: numbers, named roles, committees, frequencies, frameworks.
SPECIFIC = re.compile(
    r"\b(?:(?!(?:19|20)\d\d\b)\d+|CISO|CIO|CTO|CISSP|CISM|CISA|CRISC|NIST|ISO|SOC"
    r"|Chief [A-Z]\w+ (?:\w+ )?Officer"
    r"|[A-Z]\w+ Committee|quarterly|annually|monthly|semi-annual\w*|each year|at least"
    r"|penetration|tabletop|questionnaires?|contracts?|due diligence|audits?|assessments?"
    r"|degree|certif\w+|years?)\b")
# What a sentence must speak of to serve as a model for each requirement (on top of the
# linter's `met`): the rubric's substance, so that a specific sentence about something else
# (a certification cited as "integration", an incident's cost as "material effect") is not
# chosen for its numbers.
_BODY = r"(?=.*\b(?:Board|[A-Z]\w+ Committee)\b)"
TOPIC = {
    "rm-process": r"(?=.*\b(?:penetration|vulnerabilit|scan|monitor|tabletop|training|test))",
    "rm-integrated": r"(?=.*\bintegrat)(?=.*\b(?:enterprise|overall|company-wide) risk)",
    "rm-third-party-engaged": (r"(?=.*\b(?:engage|retain|third[- ]part|consultants?|assessors?"
                               r"|auditors?)\b)"),
    "rm-third-party-oversight": (r"(?=.*\b(?:vendors?|suppliers?|service providers?|third[- ]part))"
                                 r"(?=.*\b(?:diligence|assess|review|contract|questionnaire|evaluat))"),
    "rm-material-effect": r"(?=.*reasonably likely)(?=.*materially affect)",
    "gov-board-oversight": _BODY + r"(?=.*\bcyber)(?=.*\b(?:overs(?:ee|ight)|responsib))",
    "gov-board-committee": (r"(?=.*\b(?:[A-Z]\w+ Committee|[Ff]ull Board)\b)(?=.*\bcyber)"
                            r"(?=.*\b(?:overs(?:ee|ight)|responsib))"),
    "gov-board-informed": (_BODY + r"(?=.*\b(?:quarterly|annually|each (?:regular )?meeting|"
                           r"at least|twice))(?=.*\b(?:reports?|updates?|briefings?)\b)"),
    "gov-mgmt-responsible": (r"(?=.*\b(?:Chief \w+ (?:\w+ )?Officer|CISO|CIO|CTO|Director|"
                             r"Vice President|[A-Z]\w+ Committee)\b)"
                             r"(?=.*\b(?:responsib|leads?|manag))"),
    "gov-mgmt-expertise": r"(?=.*\b(?:years|degree|certif\w*|CISSP|CISM|served)\b)",
    # a named manager who is told: informed, notified, escalated to, receives reports
    "gov-mgmt-informed": (r"(?=.*\b(?:CISO|Officer|CIO|CTO|Director|Committee)\b)"
                          r"(?=.*\b(?:informed|escalat\w*|notif\w*|receives?|briefed|updated"
                          r"|reports? to)\b)"),
    "gov-mgmt-reports-to-board": (_BODY + r"(?=.*\b(?:CISO|Officer|CIO|CTO|Director|management)\b)"
                                  r"(?=.*\b(?:reports?|updates?|briefs?|briefings?)\b)"),
}
# Noise of the data sets (doubled quotes, kept entities, paragraphs glued without a space)
# and wording that reads badly out of its filing.
NOISY = re.compile(r'""|&amp;|&#|\s[,.;:]|\bno t\b|\bthe Company(?:s|\'s)?\b|\bsee\b|\bbelow\b'
                   r"|\babove\b|\bItem\b|^\W|\bthis (?:section|annual report)\b", re.IGNORECASE)
# Case matters here: a lowercase or numbered start (a split list), a heading glued to its
# paragraph ("Governance Our Board ..."), a paragraph glued to the next ("threats.Our").
BROKEN = re.compile(r"^[a-z\d]|[a-z]\.[A-Z]|^(?:[A-Z][\w,&-]*\s+(?:(?:on|and|of)\s+)?){1,6}"
                    r"(?:Our|We|The)\s")


# Read against GOLD.md's rubric and found wanting: (requirement, accession) -> why.
REJECTED = {
    ("gov-mgmt-reports-to-board", "0001493152-26-015327"):
        "the board reviews the program with management: that management reports is implied, "
        "not said",
}


def lint_text(text: str, form: str, fiscal_year: str | None = None) -> dict[str, Any]:
    """The plain result of linting ``text`` as a plain-text draft with the built-in pack
    (compiled once per process), as the accuracy benchmarks do."""
    return lint_one({"text": text, "form": form, "fiscal_year": fiscal_year})


def alone(sentence: str) -> str:
    """A draft holding one sentence under an Item 1C heading."""
    return f"Item 1C. Cybersecurity\n\n{sentence}\n"


def lint_record(path: Path) -> dict[str, Any]:
    record = json.loads(path.read_text(encoding="utf-8"))
    result = lint_text(record["text"], record["form"], record.get("fiscal_year"))
    return {"adsh": record["adsh"], "cik": record["cik"], "company": record["company"],
            "form": record["form"], "fiscal_year": record["fiscal_year"], "filed": record["filed"],
            "requirements": {r["id"]: {"status": r["status"],
                                       "evidence": [e["text"] for e in r["evidence"]]}
                             for r in result["requirements"]}}


SUFFIXES = {"Llc": "LLC", "Plc": "PLC", "Lp": "LP", "Ltd": "Ltd", "N.v.": "N.V.", "S.a.": "S.A."}


def company_name(conformed: str) -> str:
    """EDGAR's upper-case conformed name in title case ("Shepherd's Finance, LLC")."""
    words = [w[:1].upper() + w[1:].lower() for w in conformed.split()]
    return " ".join(SUFFIXES.get(w.rstrip(","), w.rstrip(",")) + ("," if w.endswith(",") else "")
                    for w in words)


def clean(sentence: str) -> str:
    return " ".join(sentence.split())


def names_company(sentence: str, company: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z]{4,}", company)
             if w.lower() not in {"inc", "corp", "holdings", "group", "company", "limited",
                                  "technology", "technologies", "international", "global"}]
    return any(re.search(rf"\b{re.escape(w)}", sentence, re.IGNORECASE) for w in words[:2])


def decides(quote: str, sentence: str) -> bool:
    """Whether the careful reader's deciding quote is this sentence (mostly the same words)."""
    mine, theirs = set(re.findall(r"\w+", sentence.lower())), re.findall(r"\w+", quote.lower())
    return bool(theirs) and sum(w in mine for w in theirs) >= 0.8 * len(theirs)


# The rule's own words echoed back ("informed about and monitors prevention, detection,
# mitigation and remediation") read as boilerplate to a careful reader (GOLD.md).
ECHO = re.compile(r"prevention, detection, mitigation,? and remediation", re.IGNORECASE)
# Hedges, plans and the generic are not present facts (GOLD.md): never the model to follow.
HEDGE = re.compile(r"\b(?:will|may|might|could|intends?|as needed|as appropriate|designed to"
                   r"|members of management)\b", re.IGNORECASE)


def score(sentence: str) -> float:
    words = len(sentence.split())
    penalty = 3.0 * bool(ECHO.search(sentence)) + 3.0 * bool(HEDGE.search(sentence))
    return 2.0 * len(set(SPECIFIC.findall(sentence))) - words / 12 - penalty


def candidates(records: list[dict[str, Any]], gold: dict[str, Any], rule: str
               ) -> list[tuple[float, str, dict[str, Any]]]:
    out = []
    for rec in records:
        req = rec["requirements"].get(rule)
        if not req or req["status"] != "met":
            continue
        verdict = gold.get(rec["adsh"], {}).get(rule)
        if (rule, rec["adsh"]) in REJECTED:
            continue
        if verdict is not None and verdict["status"] != "met":
            continue  # a careful reader does not find it met: not a model to follow
        for text in dict.fromkeys(clean(t) for t in req["evidence"]):
            n = len(text.split())
            if (not MIN_WORDS <= n <= MAX_WORDS or NOISY.search(text) or BROKEN.search(text)
                    or not text.endswith(".")):
                continue
            if names_company(text, rec["company"]) or not re.search(TOPIC.get(rule, ""), text):
                continue
            bonus = 0.0
            if verdict is not None:  # read with care and met; the reader's deciding sentence
                bonus = 6.0 if decides(verdict.get("quote") or "", text) else 1.0
            out.append((score(text) + bonus, text, rec))
    return sorted(out, key=lambda c: (-c[0], c[1]))


def choose(records: list[dict[str, Any]], gold: dict[str, Any], rules: list[str]
           ) -> dict[str, list[dict[str, str]]]:
    used: Counter[str] = Counter()
    shown: set[str] = set()  # a sentence serves one requirement only
    chosen: dict[str, list[dict[str, str]]] = {}
    for rule in rules:
        picks: list[dict[str, str]] = []
        tried = 0
        for _, text, rec in candidates(records, gold, rule):
            if len(picks) == PER_REQUIREMENT or tried == CANDIDATES:
                break
            if (used[rec["cik"]] >= MAX_PER_COMPANY or text.lower() in shown
                    or any(p["cik"] == rec["cik"] for p in picks)):
                continue
            tried += 1
            statuses = {r["id"]: r["status"]
                        for r in lint_text(alone(text), rec["form"])["requirements"]}
            if statuses.get(rule) != "met":
                continue
            used[rec["cik"]] += 1
            shown.add(text.lower())
            picks.append({"text": text, "company": company_name(rec["company"]),
                          "form": rec["form"], "fiscal_year": rec["fiscal_year"],
                          "accession": rec["adsh"], "cik": rec["cik"]})
        chosen[rule] = picks
    return chosen


def shares(records: list[dict[str, Any]], rules: list[str]) -> dict[str, tuple[int, int]]:
    """(met, filers) per requirement over the latest report of each company."""
    latest: dict[str, dict[str, Any]] = {}
    for rec in sorted(records, key=lambda r: (r["fiscal_year"], r["filed"])):
        latest[rec["cik"]] = rec
    return {rule: (sum(1 for r in latest.values()
                       if r["requirements"].get(rule, {}).get("status") == "met"), len(latest))
            for rule in rules}


def lint_corpus(corpus: Path, jobs: int) -> list[dict[str, Any]]:
    files = sorted((corpus / "item1c-dev").glob("*.json"))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lint_record, files, chunksize=8))


def build(corpus: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    from linter.packs import load_pack

    rules = [r.id for r in load_pack("item1c").rules if r.kind == "requirement"]
    gold = json.loads((corpus / "item1c-gold-dev.json").read_text(encoding="utf-8"))["labels"]
    chosen = choose(records, gold, rules)
    counts = shares(records, rules)
    return {
        "version": 1,
        "source": (f"{len(records)} annual reports (Forms 10-K and 20-F, fiscal 2024-2025) from "
                   "the SEC Financial Statement and Notes data sets"),
        "requirements": {
            rule: {"share": round(counts[rule][0] / counts[rule][1], 3),
                   "met": counts[rule][0], "filers": counts[rule][1],
                   "examples": [{k: v for k, v in p.items() if k != "cik"}
                                for p in chosen[rule]]}
            for rule in rules},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build(args.corpus, lint_corpus(args.corpus, args.jobs))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    for rule, entry in data["requirements"].items():
        print(f"{rule}: {len(entry['examples'])} examples, met by {entry['met']}/"
              f"{entry['filers']} filers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
