"""The built-in 8-K Item 1.05 pack on realistic incident reports (written for the test)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from linter.engine import lint
from linter.inputs import Source
from linter.packs import load_pack
from linter.parsers import parse
from linter.scope import locate

REPORT = (
    "Item 1.05 Material Cybersecurity Incidents\n\n"
    "On April 14, 2025, the Company detected unauthorized activity on its network and determined "
    "that a threat actor had deployed ransomware. The threat actor encrypted certain servers at "
    "two manufacturing plants and exfiltrated files containing employee information.\n\n"
    "The incident disrupted production at both plants for five days and is reasonably likely to "
    "materially affect our results of operations for the second quarter."
)
NOT_DETERMINED = (
    "Item 1.05 Material Cybersecurity Incidents\n\n"
    "On May 2, 2025, the Company identified unauthorized access to certain of its email accounts. "
    "The investigation is ongoing, and the Company has not yet determined whether the incident is "
    "material."
)


def _lint(tmp_path: Path, text: str) -> tuple[dict[str, str], set[str]]:
    document = parse(Source(str(tmp_path / "8k.txt"), text.encode()), "text")
    document = locate(dataclasses.replace(document, form="8-K"))
    result = lint(document, [load_pack("item105")])
    return {r.id: str(r.status) for r in result.requirements}, {f.rule for f in result.findings}


def test_a_complete_report_meets_nature_scope_timing_impact(tmp_path: Path) -> None:
    statuses, rules = _lint(tmp_path, REPORT)
    for rid in ("incident-nature", "incident-scope", "incident-timing", "incident-impact"):
        assert statuses[rid] == "met", rid
    assert "not-material-under-105" not in rules


def test_not_yet_determined_belongs_in_item_801(tmp_path: Path) -> None:
    statuses, rules = _lint(tmp_path, NOT_DETERMINED)
    assert "not-material-under-105" in rules
    assert statuses["incident-undetermined"] == "partial"  # no undertaking to amend


def test_the_8k_pack_does_not_run_on_a_10k(tmp_path: Path) -> None:
    document = parse(Source(str(tmp_path / "10k.txt"), REPORT.encode()), "text")
    document = locate(dataclasses.replace(document, form="10-K"))
    result = lint(document, [load_pack("item105")])
    assert {str(r.status) for r in result.requirements} == {"not-applicable"}
