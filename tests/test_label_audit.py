"""The audited list of flags the filer's own text contradicts: well-formed, true to the corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

KEYS = {"accession", "flag", "tagged", "text_states", "reason"}


@pytest.fixture(scope="module")
def entries(repo: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((repo / "benchmarks" / "label_contradictions.yaml").read_text("utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("contradictions"), list)
    listed: list[dict[str, Any]] = data["contradictions"]
    assert listed, "the list is empty"
    return listed


def test_entries_are_well_formed_sorted_and_unique(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        assert set(entry) == KEYS, entry
        assert isinstance(entry["accession"], str) and len(entry["accession"]) == 20, entry
        assert entry["flag"].startswith("Cybersecurity") and entry["flag"].endswith("Flag"), entry
        assert isinstance(entry["tagged"], bool) and isinstance(entry["text_states"], bool), entry
        assert isinstance(entry["reason"], str) and 0 < len(entry["reason"].split()) <= 25, entry
    keys = [(e["accession"], e["flag"]) for e in entries]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_every_entry_matches_the_corpus_and_states_the_opposite(
    entries: list[dict[str, Any]], corpus: Path
) -> None:
    for entry in entries:
        path = corpus / "item1c-dev" / f"{entry['accession']}.json"
        assert path.is_file(), f"{entry['accession']} is not in the corpus"
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["adsh"] == entry["accession"]
        tagged = record["flags"].get(entry["flag"])
        assert tagged is not None, f"{entry['accession']} does not tag {entry['flag']}"
        assert tagged == str(entry["tagged"]).lower(), entry
        assert entry["text_states"] is not entry["tagged"], entry


def test_evaluation_leaves_listed_labels_out_of_the_adjudicated_view(
    entries: list[dict[str, Any]], corpus: Path, repo: Path
) -> None:
    sys.path.insert(0, str(repo / "benchmarks"))
    try:
        import evaluate_item1c as evaluation
    finally:
        sys.path.remove(str(repo / "benchmarks"))
    contradicted = evaluation.load_contradictions()
    assert contradicted == {(e["accession"], e["flag"]) for e in entries}
    entry = entries[0]
    record = json.loads((corpus / "item1c-dev" / f"{entry['accession']}.json").read_text("utf-8"))
    rid = next(r for r, f in evaluation.FLAGS.items() if f == entry["flag"])
    # A stand-in result that answers the flag as the filer tagged it: raw counts it, the
    # adjudicated view leaves it out and counts it as excluded.
    result = {"requirements": [{"id": rid, "status": "met", "answer": entry["tagged"],
                                "evidence": []}], "findings": []}
    tallies = {r: evaluation.Tally() for r in evaluation.REQUIREMENTS}
    evaluation.score(f"{entry['accession']}.json", record, result, tallies, [], contradicted)
    raw = tallies[rid].true_answers if entry["tagged"] else tallies[rid].false_answers
    adjudicated = (
        tallies[rid].adjudicated_true if entry["tagged"] else tallies[rid].adjudicated_false
    )
    assert raw == [1, 1]
    assert adjudicated == [0, 0]
    assert sum(tallies[rid].excluded) == 1
