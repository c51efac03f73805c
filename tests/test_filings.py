"""The four full 10-K filings: the real Item 1C, its sentences, subsections and cyd facts."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from linter.api import load_document
from linter.model import BlockKind, Document


@dataclass(frozen=True)
class Expected:
    file: str
    heading: str
    first: str
    last: str
    subsections: tuple[str, ...]


FILINGS = (
    Expected(
        "amzn-10-k-2025-02-07.html",
        "Item 1C. Cybersecurity",  # "Item 1C." and "Cybersecurity" are two table cells
        "We have processes in place for assessing, identifying, and managing material risks from "
        "potential unauthorized occurrences on or through our electronic information systems that "
        "could adversely affect the confidentiality, integrity, or availability of our information "
        "systems or the information residing on those systems.",
        "Our chief security officer, who has extensive cybersecurity knowledge and skills gained "
        "from over 15 years of work experience on the security team at Amazon and an extensive "
        "career in the technology and cybersecurity industries as a senior executive in the "
        "federal government, heads the team responsible for implementing and maintaining "
        "cybersecurity and data protection practices at Amazon and reports directly to the Chief "
        "Executive Officer.",
        (),
    ),
    Expected(
        "ba-10-k-2025-02-03.html",
        "Item 1C. Cybersecurity",
        "Our cybersecurity strategy prioritizes detection, analysis and response to known, "
        "anticipated or unexpected threats; effective management of security risks; and "
        "resiliency against incidents.",
        "A strong partnership exists between Information Technology, Enterprise Security, "
        "Corporate Audit, and Law so that identified issues are addressed in a timely manner and "
        "incidents are reported to the appropriate regulatory bodies as required.",
        ("Risk Management and Strategy", "Governance"),
    ),
    Expected(
        "ibm-10-k-2025-02-25.html",
        "Item 1C. Cybersecurity",  # the filing writes "Item 1C. Cybersecurity:"
        "Cybersecurity is a critical part of risk management at IBM and is integrated with the "
        "company\u2019s overall enterprise risk management framework.",
        "In addition, senior management provides briefings as needed to the Audit Committee "
        "Chair, the Audit Committee, and, as appropriate, the full Board, on cybersecurity issues "
        "and incidents of potential interest.",
        ("Risk Management and Strategy", "Governance"),
    ),
    Expected(
        "unp-10-k-2025-02-07.html",
        "Item 1C. Cybersecurity",
        "The Company is subject to cybersecurity threats that could have a material adverse "
        "impact on our results of operations, financial condition, and liquidity.",
        "The RCC and ERMC both meet throughout the year and receive periodic updates on "
        "cybersecurity from the CISO.",
        ("Risk Management and Strategy", "Governance"),
    ),
)
IDS = [f.file.split("-")[0] for f in FILINGS]

# The filer's own tags, read from the source with a regular expression: an oracle that
# shares nothing with the parser.
_FLAG_TAG = re.compile(
    r'<ix:nonNumeric[^>]*name="cyd:(\w+Flag)"[^>]*format="ixt:fixed-(true|false)"')
_BLOCK_TAG = re.compile(r'<ix:nonNumeric[^>]*name="cyd:(\w+TextBlock)"[^>]*>')
_FIRST_TEXT = re.compile(r"(?:<[^>]*>|\s|&#160;)*([^<]{1,200})")
# "Item 1C" in the source, whatever markup or spaces stand between its words
_MENTION = re.compile(rb"item(?:\s|&#160;|&#xa0;|<[^<>]*>)*1c", re.IGNORECASE)
_CACHE: dict[str, Document] = {}


def _document(corpus: Path, name: str) -> Document:
    if name not in _CACHE:
        _CACHE[name] = load_document(str(corpus / "filings" / name))
    return _CACHE[name]


def _source(corpus: Path, name: str) -> str:
    return (corpus / "filings" / name).read_text(encoding="ascii")


def _body_sentences(document: Document) -> list[str]:
    return [s.text for s in document.scope_sentences()
            if document.blocks[s.block].kind != BlockKind.HEADING]


@pytest.mark.parametrize("expected", FILINGS, ids=IDS)
def test_the_real_item_1c_is_located(corpus: Path, expected: Expected) -> None:
    document = _document(corpus, expected.file)
    scope = document.scope
    assert scope is not None and scope.found and scope.item == "1C"
    assert document.format == "inline-xbrl" and document.form == "10-K"
    assert document.fiscal_year == "2024"
    assert scope.section.title == expected.heading
    # not the table of contents: the heading lies in the source after the contents entry
    heading = document.blocks[scope.section.heading or 0].locate(0)
    source = (corpus / "filings" / expected.file).read_bytes().split(b"\n")[heading.line - 1]
    assert len(_MENTION.findall(source[: heading.column - 1])) == 1
    sentences = _body_sentences(document)
    assert sentences[0] == expected.first
    assert sentences[-1] == expected.last
    assert len(sentences) > 10


@pytest.mark.parametrize("expected", FILINGS, ids=IDS)
def test_the_section_ends_before_item_2(corpus: Path, expected: Expected) -> None:
    document = _document(corpus, expected.file)
    section = document.scope.section  # type: ignore[union-attr]
    following = document.blocks[section.end]
    assert re.match(r"Item\s+2\.", following.text)
    inside = document.blocks[section.first : section.end]
    assert not any(re.match(r"Item\s+2\.", b.text) for b in inside)
    assert not any(b.text in ("Table of Contents", "17") for b in inside)  # page furniture


@pytest.mark.parametrize("expected", FILINGS, ids=IDS)
def test_subsections(corpus: Path, expected: Expected) -> None:
    document = _document(corpus, expected.file)
    scope = document.scope
    assert scope is not None
    assert tuple(s.title for s in scope.subsections) == expected.subsections
    for sub in scope.subsections:
        assert scope.section.first < sub.first < sub.end <= scope.section.end
    if scope.subsections:
        assert scope.subsections[-1].end == scope.section.end
        last = scope.subsections[-1]
        governance = " ".join(b.text for b in document.blocks[last.first : last.end])
        assert "Board" in governance


@pytest.mark.parametrize("expected", FILINGS, ids=IDS)
def test_the_six_flags_have_the_filers_values(corpus: Path, expected: Expected) -> None:
    document = _document(corpus, expected.file)
    tagged = dict(_FLAG_TAG.findall(_source(corpus, expected.file)))
    assert len(tagged) == 6
    read = {f.name: f.value for f in document.facts if f.is_flag}
    assert read == tagged
    material = ("CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffect"
                "RegistrantFlag")
    assert read.pop(material) == "false"
    assert set(read.values()) == {"true"}
    assert all(f.namespace == "http://xbrl.sec.gov/cyd/2024" for f in document.facts)


@pytest.mark.parametrize("expected", FILINGS, ids=IDS)
def test_text_blocks_are_read_and_lie_in_the_section(corpus: Path, expected: Expected) -> None:
    document = _document(corpus, expected.file)
    source = _source(corpus, expected.file)
    starts: dict[str, str] = {}
    for tag in _BLOCK_TAG.finditer(source):
        text = _FIRST_TEXT.match(source, tag.end())
        assert text is not None
        starts.setdefault(tag.group(1), " ".join(html.unescape(text.group(1)).split())[:40])
    blocks = {f.name: f.value for f in document.facts if not f.is_flag}
    assert set(blocks) == set(starts)
    assert len(blocks) >= 8
    section = document.scope.section  # type: ignore[union-attr]
    start, end = document.blocks[section.first].start, document.blocks[section.end - 1].end
    section_text = document.text[start:end]
    for name, value in blocks.items():
        assert value.startswith(starts[name]), name
        assert len(value) > 100
        for paragraph in value.split("\n"):
            assert paragraph in section_text, (name, paragraph[:80])
