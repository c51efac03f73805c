"""The item105 pack on the eight real 8-Ks of the corpus: each Item 1.05 is linted and every
incident aspect its filer tagged is addressed (met or partial)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.packs import load_pack

_P = "MaterialCybersecurityIncident"
REQUIREMENTS = {
    f"{_P}NatureTextBlock": "incident-nature",
    f"{_P}ScopeTextBlock": "incident-scope",
    f"{_P}TimingTextBlock": "incident-timing",
    f"{_P}MaterialImpactOrReasonablyLikelyMaterialImpactTextBlock": "incident-impact",
    f"{_P}InformationNotAvailableOrUndeterminedTextBlock": "incident-undetermined",
}
ACCESSIONS = (
    "0001193125-25-119311", "0001193125-25-143135", "0001193125-26-149607",
    "0001213900-25-054319", "0001437749-26-009193", "0001493152-26-013239",
    "0001679788-25-000094", "0001683168-25-006583",
)

needs_html = pytest.mark.skipif(
    importlib.util.find_spec("linter.parsers.html") is None,
    reason="the HTML / Inline XBRL parser has not landed",
)


@needs_html
@pytest.mark.parametrize("accession", ACCESSIONS)
def test_item_105_is_linted_and_tagged_aspects_are_met(corpus: Path, accession: str) -> None:
    label = json.loads((corpus / "8k" / "labels.json").read_text(encoding="utf-8"))[accession]
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    assert document.form is not None and document.form.startswith("8-K")
    scope_text = " ".join(b.text for b in document.scope_blocks())
    assert "1.05" in scope_text  # the Item 1.05 report is inside what is linted
    result = lint(document, [load_pack("item105")])
    statuses = {r.id: str(r.status) for r in result.requirements}
    tagged = [REQUIREMENTS[e] for e in label["facts"] if e in REQUIREMENTS]
    assert tagged
    assert {rid: statuses[rid] for rid in tagged if statuses[rid] not in ("met", "partial")} == {}
    evidence = {r.id: r.evidence for r in result.requirements}
    for rid in tagged:  # evidence is the incident's own text, never the forward-looking legend
        assert all("forward-looking" not in e.text.lower() for e in evidence[rid][:1]), rid
