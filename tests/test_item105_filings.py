"""The item105 pack on the eight real 8-Ks of the corpus: each Item 1.05 is linted and every
incident aspect its filer tagged is addressed (met or partial)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_8k import ACCESSIONS

from linter.api import load_document
from linter.engine import lint
from linter.packs import load_pack

_INCIDENT = "MaterialCybersecurityIncident"
# Each requirement's cyd text block, as its rule file names it (``cyd:``); every incident fact
# a filer tagged must map to one.
REQUIREMENTS = {r.cyd: r.id for r in load_pack("item105").rules
                if r.kind == "requirement" and r.cyd}


@pytest.mark.parametrize("accession", ACCESSIONS)
def test_item_105_is_linted_and_tagged_aspects_are_met(corpus: Path, accession: str) -> None:
    label = json.loads((corpus / "8k" / "labels.json").read_text(encoding="utf-8"))[accession]
    document = load_document(str(corpus / "8k" / f"{accession}.html"))
    assert document.form is not None and document.form.startswith("8-K")
    scope_text = " ".join(b.text for b in document.scope_blocks())
    assert "1.05" in scope_text  # the Item 1.05 report is inside what is linted
    result = lint(document, [load_pack("item105")])
    statuses = {r.id: str(r.status) for r in result.requirements}
    tagged = [REQUIREMENTS[e] for e in label["facts"] if e.startswith(_INCIDENT)]
    assert tagged
    assert {rid: statuses[rid] for rid in tagged if statuses[rid] not in ("met", "partial")} == {}
    evidence = {r.id: r.evidence for r in result.requirements}
    for rid in tagged:  # evidence is the incident's own text, never the forward-looking legend
        assert all("forward-looking" not in e.text.lower() for e in evidence[rid][:1]), rid
