"""The eight real Form 8-K incident reports: Item 1.05 located, incident facts read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linter.api import load_document

ACCESSIONS = (
    "0001193125-25-119311", "0001193125-25-143135", "0001193125-26-149607",
    "0001213900-25-054319", "0001437749-26-009193", "0001493152-26-013239",
    "0001679788-25-000094", "0001683168-25-006583",
)


def _key(text: str) -> str:
    """Letters and digits only: the labels drop quotes, apostrophes and some spaces."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.fixture(scope="module")
def labels(corpus: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((corpus / "8k" / "labels.json").read_text())
    return data


def test_every_8k_in_the_corpus_is_covered(corpus: Path, labels: dict[str, object]) -> None:
    assert sorted(p.stem for p in (corpus / "8k").glob("*.html")) == sorted(ACCESSIONS)
    assert sorted(labels) == sorted(ACCESSIONS)


@pytest.mark.parametrize("accession", ACCESSIONS)
def test_item_105_is_located(corpus: Path, labels: dict[str, dict[str, object]],
                             accession: str) -> None:
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1.05"
    # the form as filed: labels.json gives it from EDGAR's index (8-K or 8-K/A)
    assert document.form == labels[accession]["form"] and document.format == "inline-xbrl"
    assert re.match(r"Item\s*1\.05\b", scope.section.title)
    blocks = document.blocks[scope.section.first : scope.section.end]
    text = " ".join(b.text for b in blocks)
    facts = labels[accession]["facts"]
    assert isinstance(facts, dict)
    nature = facts["MaterialCybersecurityIncidentNatureTextBlock"]["value"]
    assert _key(nature)[:80] in _key(text)
    # ends at the next item or the signatures, never runs into them
    assert not any(re.match(r"(Item\s*[2-9]\.\d\d|SIGNATURES?\b)", b.text) for b in blocks[1:])
    if scope.section.end < len(document.blocks):
        following = document.blocks[scope.section.end].text
        assert re.match(r"(Item\s*\d\.\d\d|SIGNATURES?\b)", following), following


@pytest.mark.parametrize("accession", ACCESSIONS)
def test_incident_facts_are_read(corpus: Path, labels: dict[str, dict[str, object]],
                                 accession: str) -> None:
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    facts = labels[accession]["facts"]
    assert isinstance(facts, dict)
    read = {f.name: f.value for f in document.facts}
    assert set(read) == set(facts)
    for name, label in facts.items():
        assert name.startswith(("MaterialCybersecurityIncident", "Cybersecurity"))
        if name.endswith("Flag"):
            assert read[name] == label["value"]
        else:
            # the labels are cut at a length and lose punctuation; the start must agree
            assert _key(read[name])[:60] == _key(label["value"])[:60], name
