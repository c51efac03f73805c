"""Precedents: how other filers meet a requirement, from real annual reports; read only when a
report shows them (a missing or partial requirement), never on a quiet run."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "precedents.json"
NOT_MET = ("missing", "partial")


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The shipped precedent file: requirement id -> share of filers meeting it and examples."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def for_requirement(rule_id: str) -> dict[str, Any] | None:
    """The precedents of one requirement (``share``, ``met``, ``filers``, ``examples``)."""
    found = load()["requirements"].get(rule_id)
    return copy.deepcopy(found) if found else None  # a report may be edited; the cache not


def attach(report: dict[str, Any]) -> dict[str, Any]:
    """The plain report with ``precedents`` on each requirement not met; ``report`` itself is
    left as it is (only the dictionaries on the way to a changed requirement are new)."""
    return {**report, "documents": [
        {**doc, "requirements": [_with_precedents(req) for req in doc["requirements"]]}
        for doc in report["documents"]]}


def _with_precedents(req: dict[str, Any]) -> dict[str, Any]:
    found = for_requirement(req["id"]) if req["status"] in NOT_MET else None
    return {**req, "precedents": found} if found else req


def share_words(found: dict[str, Any]) -> str:
    return f"met by {round(100 * found['share'])}% of {found['filers']} filers in the corpus"


def cite(example: dict[str, Any]) -> str:
    return (f"{example['company']}, Form {example['form']}, fiscal {example['fiscal_year']}, "
            f"accession {example['accession']}")


def describe(rule_id: str) -> str:
    """The precedents section of ``rules explain``, or '' for a rule without any."""
    found = for_requirement(rule_id)
    if not found:
        return ""
    words = share_words(found)
    lines = ["## How other filers say it",
             f"{words[0].upper()}{words[1:]} (the latest annual report of each company)."]
    for example in found["examples"]:
        lines.append(f"- \"{example['text']}\" ({cite(example)})")
    return "\n".join(lines) + "\n"
