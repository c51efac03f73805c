"""Each risk and style rule of the item1c pack on a realistic paragraph (written for the test)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from linter.engine import lint
from linter.inputs import Source
from linter.packs import load_pack
from linter.parsers import parse
from linter.scope import locate


def findings(tmp_path: Path, text: str, form: str = "10-K") -> set[str]:
    document = parse(Source(str(tmp_path / "draft.txt"), text.encode()), "text")
    document = locate(dataclasses.replace(document, form=form))
    return {f.rule for f in lint(document, [load_pack("item1c")]).findings}


HYPOTHETICAL = (
    "In August of the fiscal year, an unauthorized party accessed our customer support platform "
    "using stolen credentials. We experienced a ransomware attack on two regional distribution "
    "centers, which we contained within three days.\n\n"
    "Our information systems could be the subject of ransomware attacks that could disrupt our "
    "operations and harm our reputation."
)
ABSOLUTE = (
    "Our multi-layered defenses, including endpoint detection and a 24/7 monitoring service, "
    "keep our network fully secure. We have never experienced a cybersecurity incident."
)
INCIDENTS_ONLY = (
    "We maintain an incident response plan and test it annually. During the fiscal year we did "
    "not experience any material cybersecurity incidents."
)
VAGUE = (
    "The Audit Committee oversees cybersecurity risk. Our Chief Information Officer periodically "
    "updates the Audit Committee on the state of our information security program."
)
GENERIC = (
    "Our Director of IT leads the program. She is a seasoned leader with deep industry "
    "expertise and a wealth of experience."
)
# The adjectives sit beside the position: gov-mgmt-expertise reports them as partial, once.
GENERIC_BESIDE_POSITION = (
    "Our Director of IT leads the program. She is a seasoned technology leader with extensive "
    "experience in managing complex systems."
)
UNNAMED = (
    "The Audit Committee of our Board of Directors oversees management's handling of "
    "cybersecurity risks and receives reports from our Chief Technology Officer each quarter. "
    "Material incidents are escalated promptly to an appropriate committee of the Board."
)
ASPIRATIONAL = (
    "We are a small company with limited resources. We intend to implement a formal incident "
    "response plan and plan to engage an outside firm to assess our controls next year."
)
COMPLIANCE = (
    "Our cybersecurity program is fully compliant with the NIST Cybersecurity Framework and we "
    "review it every year."
)
ATTACKER = (
    "We completed remediation of CVE-2023-4966 on our remote-access gateways in the first quarter; "
    "two legacy servers remain unpatched pending their retirement."
)
NOT_APPLICABLE = "Item 1C. Cybersecurity\n\nNot applicable."
INCORPORATED = (
    "The information required by this Item is incorporated herein by reference to the section "
    'captioned "Cybersecurity" in our 2024 Annual Report to Shareholders, filed as Exhibit 13.'
)
CLEAN = (
    "Our cybersecurity program is informed by the NIST Cybersecurity Framework. Our Chief "
    "Information Security Officer, who has 18 years of information security experience and holds "
    "the CISSP certification, reports to the Audit Committee each quarter. As of the date of this "
    "report, we are not aware of any risks from cybersecurity threats, including as a result of "
    "previous incidents, that have materially affected or are reasonably likely to materially "
    "affect us."
)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("hypothetical-incident", HYPOTHETICAL),
        ("absolute-claim", ABSOLUTE),
        ("rm-material-effect", INCIDENTS_ONLY),
        ("vague-frequency", VAGUE),
        ("generic-expertise", GENERIC),
        ("unnamed-committee", UNNAMED),
        ("aspirational-process", ASPIRATIONAL),
        ("unsupported-compliance", COMPLIANCE),
        ("attacker-detail", ATTACKER),
        ("not-applicable", NOT_APPLICABLE),
        ("incorporated-by-reference", INCORPORATED),
    ],
)
def test_rule_fires_on_a_realistic_paragraph(tmp_path: Path, rule: str, text: str) -> None:
    assert rule in findings(tmp_path, text)


def test_a_well_written_paragraph_raises_no_risk_rule(tmp_path: Path) -> None:
    risk_rules = {
        "hypothetical-incident",
        "absolute-claim",
        "rm-material-effect",
        "vague-frequency",
        "generic-expertise",
        "unnamed-committee",
        "aspirational-process",
        "unsupported-compliance",
        "attacker-detail",
        "not-applicable",
        "incorporated-by-reference",
        "item-1c-in-20f",
        "item-16k-in-10k",
    }
    assert findings(tmp_path, CLEAN) & risk_rules == set()


def test_incidents_only_materiality_is_one_partial_finding(tmp_path: Path) -> None:
    """The incidents-only gap of (b)(2) is reported once, by rm-material-effect's partial."""
    document = parse(Source(str(tmp_path / "draft.txt"), INCIDENTS_ONLY.encode()), "text")
    result = lint(locate(dataclasses.replace(document, form="10-K")), [load_pack("item1c")])
    about = [f for f in result.findings if f.rule == "rm-material-effect"]
    assert len(about) == 1
    assert "only of incidents" in about[0].message
    plain = {r["id"]: r for r in result.to_plain()["requirements"]}
    assert (plain["rm-material-effect"]["status"], plain["rm-material-effect"]["answer"]) == (
        "partial",
        False,
    )


def test_generic_expertise_is_one_finding_per_gap(tmp_path: Path) -> None:
    found = findings(tmp_path, GENERIC_BESIDE_POSITION)
    assert "gov-mgmt-expertise" in found  # partial: a claim, no facts
    assert "generic-expertise" not in found
    with_facts = GENERIC_BESIDE_POSITION + (
        " She holds the CISSP certification and previously led security operations at a "
        "regional bank."
    )
    assert {"gov-mgmt-expertise", "generic-expertise"} & findings(tmp_path, with_facts) == set()


def test_hypothetical_framing_needs_an_incident_that_happened(tmp_path: Path) -> None:
    only_risk = HYPOTHETICAL.split("\n\n", 1)[1]
    assert "hypothetical-incident" not in findings(tmp_path, only_risk)


def test_wrong_item_for_the_form(tmp_path: Path) -> None:
    text = "Item 1C. Cybersecurity\n\nOur Chief Information Officer leads our security program."
    assert "item-1c-in-20f" in findings(tmp_path, text, form="20-F")
    assert "item-1c-in-20f" not in findings(tmp_path, text, form="10-K")
    assert "item-16k-in-10k" in findings(tmp_path, text.replace("1C", "16K"), form="10-K")


def test_knowledge_qualified_statement_is_not_absolute(tmp_path: Path) -> None:
    text = (
        "To our knowledge, we have not experienced any material cybersecurity incident, "
        "although there can be no assurance that our controls will prevent all attacks."
    )
    assert "absolute-claim" not in findings(tmp_path, text)
