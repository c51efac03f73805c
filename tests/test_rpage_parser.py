"""R-page parser on both seeds: exact facts, draft text assembly, chrome dropped, locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.api import load_document
from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.parsers.detect import detect_format
from linter.parsers.rpage import CYD_ELEMENTS, element_name, parse

SEED_000 = "000_c9ce561330e11307.txt"
SEED_001 = "001_659ef0b4b750ad89.txt"
P = "CybersecurityRisk"
FLAGS = {
    SEED_000: {
        f"{P}ManagementProcessesIntegratedFlag": "true",
        f"{P}ManagementThirdPartyEngagedFlag": "true",
        f"{P}ThirdPartyOversightAndIdentificationProcessesFlag": "true",
        f"{P}MateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag": "false",
        f"{P}ManagementPositionsOrCommitteesResponsibleFlag": "true",
        f"{P}ManagementPositionsOrCommitteesResponsibleReportToBoardFlag": "true",
    },
    SEED_001: {
        f"{P}ManagementProcessesIntegratedFlag": "true",
        f"{P}MateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag": "false",
        f"{P}ManagementPositionsOrCommitteesResponsibleFlag": "true",
        f"{P}ManagementPositionsOrCommitteesResponsibleReportToBoardFlag": "true",
    },
}
TEXT_BLOCKS = {
    SEED_000: {
        f"{P}ManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
        f"{P}ManagementProcessesIntegratedTextBlock",
        f"{P}BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        f"{P}RoleOfManagementTextBlock",
        f"{P}ManagementPositionsOrCommitteesResponsibleTextBlock",
        f"{P}ProcessForInformingManagementOrCommitteesResponsibleTextBlock",
    },
    SEED_001: {
        f"{P}ManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
        f"{P}ManagementProcessesIntegratedTextBlock",
        f"{P}ProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        f"{P}RoleOfManagementTextBlock",
        f"{P}ManagementPositionsOrCommitteesResponsibleTextBlock",
        f"{P}ManagementExpertiseOfManagementResponsibleTextBlock",
        f"{P}ProcessForInformingManagementOrCommitteesResponsibleTextBlock",
    },
}
CHROME = ("|X", "- References", "+ Details", "Reference 1", "presentationRef", "12 Months Ended",
          "[Line Items]", "[Text Block]", "[Flag]", "Dec. 31, 2024",
          "Cybersecurity Risk Management and Strategy Disclosure")


def _seed(corpus: Path, name: str) -> Document:
    return load_document(str(corpus / "seeds" / name))


@pytest.mark.parametrize("name", [SEED_000, SEED_001])
def test_exact_facts(corpus: Path, name: str) -> None:
    doc = _seed(corpus, name)
    assert doc.format == "rpage"
    assert {f.name: f.value for f in doc.facts if f.is_flag} == FLAGS[name]
    assert {f.name for f in doc.facts if not f.is_flag} == TEXT_BLOCKS[name]
    assert {f.name for f in doc.facts} <= CYD_ELEMENTS
    assert doc.fiscal_year == "2024" and ("period", "Dec. 31, 2024") in doc.meta


@pytest.mark.parametrize("name", [SEED_000, SEED_001])
def test_chrome_absent_and_main_block_first(corpus: Path, name: str) -> None:
    doc = _seed(corpus, name)
    for chrome in CHROME:
        assert chrome not in doc.text
    main = next(f for f in doc.facts if f.name.endswith("ManagingThreatsTextBlock"))
    assert doc.text.startswith(main.value)
    for fact in doc.facts:  # every text block is in the draft, each only once
        if not fact.is_flag:
            flat = " ".join(fact.value.split())
            assert " ".join(doc.text.split()).count(flat) >= 1


def test_repeated_blocks_are_read_once(corpus: Path) -> None:
    doc = _seed(corpus, SEED_001)
    informing = ("Our dedicated cybersecurity personnel regularly update our cybersecurity panel")
    assert doc.text.count(informing) == 1
    assert doc.text.count("Members of this panel regularly receive detailed reports") == 1
    seed0 = _seed(corpus, SEED_000)
    assert seed0.text.count("Mr. Hui Jin, our chief executive officer") == 1
    assert seed0.text.endswith("decisions with regard to the cybersecurity matters of our company.")


@pytest.mark.parametrize("name", [SEED_000, SEED_001])
def test_locations_point_into_the_file(corpus: Path, name: str) -> None:
    path = corpus / "seeds" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    doc = _seed(corpus, name)
    for block in doc.blocks:
        for offset, char in enumerate(block.text):
            loc = block.locate(offset)
            assert lines[loc.line - 1][loc.column - 1] == char
    for fact in doc.facts:
        assert fact.location is not None
        loc = fact.location
        first = fact.value.split("\n")[0]
        assert lines[loc.line - 1][loc.column - 1 :].lower().startswith(first.lower())


def test_headings_inside_blocks(corpus: Path) -> None:
    doc = _seed(corpus, SEED_000)
    assert doc.blocks[0].kind is BlockKind.HEADING
    assert doc.blocks[0].text == "Risk Management and Strategy"
    first = doc.sentences[1]
    assert first.text.startswith("We have implemented procedures for assessing")
    assert doc.form is None  # the seeds never name their item


def test_element_names_from_labels() -> None:
    assert element_name("Cybersecurity Risk Management Third Party Engaged", "Flag") == (
        "CybersecurityRiskManagementThirdPartyEngagedFlag")
    assert element_name(
        "Cybersecurity Risk Board Committee or Subcommittee Responsible for Oversight",
        "Text Block") == f"{P}BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"
    unknown = element_name("Some New Disclosure, Item", "Text Block")
    assert unknown == "SomeNewDisclosureItemTextBlock"


def test_dataset_element_names_are_known(corpus: Path) -> None:
    names: set[str] = set()
    for path in sorted((corpus / "item1c-dev").glob("*.json"))[:200]:
        record = json.loads(path.read_text())
        names |= set(record["flags"]) | set(record["blocks"])
    assert names and names <= CYD_ELEMENTS


def test_unknown_labels_8k_and_odd_layout() -> None:
    page = (
        "|\nMaterial Cybersecurity Incident\n|1 Months Ended\nMay 02, 2025\n"
        "|Material Cybersecurity Incident Nature [Text Block]\n"
        "|On April 28, 2025, we detected unauthorized access.\nItem 1.05 applies.\n"
        "|Brand New Element [Flag]\n|TRUE\n"
        "|Material Cybersecurity Incident Scope [Text Block]\n|\n\n"
        "|X\n- References\n"
    )
    source = Source("incident.txt", page.encode("utf-8"))
    assert detect_format(source) == "rpage"
    doc = parse(source)
    assert {f.name: f.value for f in doc.facts} == {
        "MaterialCybersecurityIncidentNatureTextBlock":
            "On April 28, 2025, we detected unauthorized access.\nItem 1.05 applies.",
        "BrandNewElementFlag": "true",
        "MaterialCybersecurityIncidentScopeTextBlock": "",
    }
    assert doc.form == "8-K" and doc.fiscal_year == "2025"
    assert doc.text == "On April 28, 2025, we detected unauthorized access.\nItem 1.05 applies."
