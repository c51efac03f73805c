"""Pre-flight of an annual report's cyd tagging (XBRL US DQC_0202 and blocks outside Item 1C).

The four real 10-Ks of the corpus are tagged as they should be; the failing cases are the
same real filings with one change each, stated in the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.api import check

FILINGS = ("amzn-10-k-2025-02-07", "ba-10-k-2025-02-03", "ibm-10-k-2025-02-25",
           "unp-10-k-2025-02-07")
RULES = ("xbrl-no-cyd-facts", "xbrl-block-outside-section")


def _preflight(path: Path) -> list[tuple[str, str, int]]:
    document = check([str(path)]).documents[0]
    return [(f.rule, str(f.severity), f.line) for f in document.findings if f.rule in RULES]


@pytest.mark.parametrize("name", FILINGS)
def test_real_tagged_10ks_pass(corpus: Path, name: str) -> None:
    assert _preflight(corpus / "filings" / f"{name}.html") == []


def test_a_10k_with_no_cyd_fact(corpus: Path, tmp_path: Path) -> None:
    """Amazon's real 10-K with the cyd prefix bound to another namespace (the change): its
    cybersecurity tags are then no cyd facts at all, as in a filing never tagged."""
    source = (corpus / "filings" / "amzn-10-k-2025-02-07.html").read_text(encoding="utf-8")
    changed = re.sub(r'xmlns:cyd="http://xbrl\.sec\.gov/cyd/\d{4}"',
                     'xmlns:cyd="http://example.invalid/not-cyd"', source)
    assert changed != source
    path = tmp_path / "untagged-10k.htm"
    path.write_text(changed, encoding="utf-8")
    found = _preflight(path)
    assert [(rule, severity) for rule, severity, _ in found] == [("xbrl-no-cyd-facts", "error")]
    result = check([str(path)]).documents[0]
    assert result.section is not None and result.section.found  # Item 1C is still linted


def test_a_cyd_text_block_tagged_outside_item_1c(corpus: Path, tmp_path: Path) -> None:
    """Amazon's real 10-K with one us-gaap text block of its notes (segment reporting policy)
    renamed to a cyd board-oversight text block (the change)."""
    source = (corpus / "filings" / "amzn-10-k-2025-02-07.html").read_text(encoding="utf-8")
    old = 'name="us-gaap:SegmentReportingPolicyPolicyTextBlock"'
    assert source.count(old) == 1
    at = source.index(old)
    line = source.count("\n", 0, at) + 1
    path = tmp_path / "misplaced-block.htm"
    path.write_text(source.replace(old, 'name="cyd:CybersecurityRiskBoardOversightTextBlock"'),
                    encoding="utf-8")
    found = _preflight(path)
    assert [(rule, severity) for rule, severity, _ in found] == [
        ("xbrl-block-outside-section", "warning")]
    assert found[0][2] == line  # pointed at the misplaced tag
