"""In each full 10-K of the corpus, every tagged cyd flag equals the answer read from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.packs import load_pack

# Each requirement answered by a cyd flag, as its rule file names it (``cyd:``).
FLAGS = {r.cyd: r.id for r in load_pack("item1c").rules
         if r.kind == "requirement" and r.cyd and r.cyd.endswith("Flag")}
FILINGS = (
    "amzn-10-k-2025-02-07.html",
    "ba-10-k-2025-02-03.html",
    "ibm-10-k-2025-02-25.html",
    "unp-10-k-2025-02-07.html",
)


@pytest.mark.parametrize("name", FILINGS)
def test_tagged_flags_equal_the_text(corpus: Path, name: str) -> None:
    document = load_document(str(corpus / "filings" / name))
    result = lint(document, [load_pack("item1c")]).to_plain()
    tagged = {k: v for k, v in result["facts"].items()
              if k.startswith("Cybersecurity") and k.endswith("Flag")}
    assert tagged, "the filing carries cyd flags"
    answers = {r["id"]: r["answer"] for r in result["requirements"]}
    wrong = {
        k: (v, answers[FLAGS[k]])
        for k, v in tagged.items()
        if answers[FLAGS[k]] is not (v == "true")
    }
    assert wrong == {}
    assert not [f for f in result["findings"] if f["rule"].endswith("-mismatch")]
