"""The EDGAR viewer's R page saved as text: text blocks become the draft, flags become facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from linter.inputs import Source, decode
from linter.model import BlockKind, Document, Fact, Location
from linter.parsers.blocks import (
    LINE_BREAK,
    BlockBuilder,
    form_of_text,
    heads_prose,
    is_title_like,
    piece,
)

# The cyd elements of Regulation S-K Item 106 (ten text blocks, six flags) and Form 8-K
# Item 1.05 (REGULATION.md, "The cyd taxonomy"): labels map to these names by title-casing.
CYD_ELEMENTS = frozenset({
    "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
    "CybersecurityRiskManagementProcessesIntegratedTextBlock",
    "CybersecurityRiskManagementProcessesIntegratedFlag",
    "CybersecurityRiskManagementThirdPartyEngagedFlag",
    "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag",
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock",
    "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
    "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
    "CybersecurityRiskRoleOfManagementTextBlock",
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock",
    "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
    "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
    "MaterialCybersecurityIncidentNatureTextBlock",
    "MaterialCybersecurityIncidentScopeTextBlock",
    "MaterialCybersecurityIncidentTimingTextBlock",
    "MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock",
    "MaterialCybersecurityIncidentInformationNotAvailableOrUndeterminedTextBlock",
})
_BY_LOWER = {name.lower(): name for name in CYD_ELEMENTS}
MAIN_BLOCKS = (  # the block that holds the whole section, when the filer tagged one
    "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
    "MaterialCybersecurityIncidentNatureTextBlock",
)

_LABEL = re.compile(r"(.+?)\s*\[(Text Block|Flag)\]")
_OTHER_LABEL = re.compile(r".+\[(?:Line Items|Table|Axis|Domain|Member|Abstract)\]")
_CHROME = re.compile(r"X|- References|\+ Details|Reference \d+:.*|\d+ Months Ended")
_PERIOD = re.compile(r"([A-Z][a-z]{2}\.? \d{1,2}, (\d{4}))")


@dataclass(frozen=True, slots=True)
class _Cell:
    """One viewer cell: a ``|`` line and the lines that continue it."""

    lines: tuple[tuple[int, str, int], ...]  # (line number, text, column of its first char)

    @property
    def first(self) -> str:
        return self.lines[0][1].strip() if self.lines else ""

    def content(self) -> list[tuple[int, str, int]]:
        """The non-blank lines of the cell."""
        return [line for line in self.lines if line[1].strip()]


@dataclass(frozen=True, slots=True)
class _Item:
    """A labelled value: a flag or a text block, by its element name."""

    name: str
    lines: tuple[tuple[int, str, int], ...]

    @property
    def value(self) -> str:
        return "\n".join(text.strip() for _, text, _ in self.lines)

    @property
    def location(self) -> Location | None:
        if not self.lines:
            return None
        lineno, text, column = self.lines[0]
        return Location(lineno, column + len(text) - len(text.lstrip()))


def element_name(label: str, kind: str) -> str:
    """"Cybersecurity Risk Board Committee or Subcommittee …" + "Text Block" → the cyd element
    name: words title-cased and joined, punctuation dropped; a known element keeps its spelling."""
    words = re.findall(r"[A-Za-z0-9]+", label)
    name = "".join(w[:1].upper() + w[1:] for w in words) + kind.replace(" ", "")
    return _BY_LOWER.get(name.lower(), name)


def parse(source: Source) -> Document:
    decoded = decode(source)
    cells = _cells(LINE_BREAK.split(decoded.text))
    items, meta = _items(cells)
    facts = tuple(
        Fact(item.name, item.value.lower() if item.name.endswith("Flag") else item.value,
             location=item.location)
        for item in items
    )
    builder = BlockBuilder()
    for item in _draft_blocks([i for i in items if i.name.endswith("TextBlock")]):
        _add_lines(builder, item.lines)
    blocks = tuple(builder.blocks)
    form = form_of_text(builder.text)
    if form is None and any(f.name.startswith("MaterialCybersecurityIncident") for f in facts):
        form = "8-K"
    period = dict(meta).get("period", "")
    year = _PERIOD.search(period)
    return Document(path=source.path, format="rpage", text=builder.text, blocks=blocks, facts=facts,
                    form=form, fiscal_year=year.group(2) if year else None,
                    meta=(("encoding", decoded.encoding), *meta))


def _cells(lines: Sequence[str]) -> list[_Cell]:
    cells: list[list[tuple[int, str, int]]] = []
    for lineno, line in enumerate(lines, 1):
        if line.startswith("|"):
            cells.append([(lineno, line[1:], 2)])
        elif cells:
            cells[-1].append((lineno, line, 1))
        elif line.strip():
            cells.append([(lineno, line, 1)])
    return [_Cell(tuple(c)) for c in cells]


def _items(cells: list[_Cell]) -> tuple[list[_Item], list[tuple[str, str]]]:
    """Labelled values in page order, and the page's title and period; chrome is dropped."""
    items: list[_Item] = []
    meta: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        label = _LABEL.fullmatch(cell.first)
        if label and len(cell.content()) == 1:
            value = cells[i + 1].content() if i + 1 < len(cells) else []
            items.append(_Item(element_name(label.group(1), label.group(2)), tuple(value)))
            i += 2
            continue
        if cell.first.endswith("Months Ended") and len(cell.content()) > 1:
            meta.append(("period", cell.content()[1][1].strip()))
        elif not cell.first and cell.content() and not items:
            meta.append(("title", cell.content()[0][1].strip()))
        elif cell.content() and not _is_chrome(cell):
            meta.append(("unread", cell.first))  # unknown viewer content, kept out of the text
        i += 1
    return items, meta


def _is_chrome(cell: _Cell) -> bool:
    first = cell.first
    if _OTHER_LABEL.fullmatch(first):
        return True
    return all(_CHROME.fullmatch(text.strip()) for _, text, _ in cell.content())


def _draft_blocks(blocks: list[_Item]) -> list[_Item]:
    """The main block first, then each other block whose text the draft does not yet hold
    (DESIGN.md: the filer's blocks repeat each other; evaluate the text once). Larger blocks
    are considered first, so an excerpt is dropped in favour of the block that holds it."""
    if not blocks:
        return []
    main = next((b for b in blocks if b.name in MAIN_BLOCKS), blocks[0])
    chosen = [main]
    held = _flat(main.value)
    for block in sorted((b for b in blocks if b is not main), key=lambda b: -len(b.value)):
        flat = _flat(block.value)
        if flat and flat not in held:
            chosen.append(block)
            held += "\n" + flat
    rest = [b for b in blocks if b in chosen and b is not main]
    return [main, *rest]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _add_lines(builder: BlockBuilder, lines: Sequence[tuple[int, str, int]]) -> None:
    """Each line of a text block is a paragraph; a short title-like line is a heading."""
    for n, (lineno, text, column) in enumerate(lines):
        body, location = piece(text, lineno)
        location = Location(lineno, location.column + column - 1)
        followed = n + 1 < len(lines)
        kind = (BlockKind.HEADING if followed and is_title_like(body)
                and heads_prose(body, lines[n + 1][1]) else BlockKind.PARAGRAPH)
        builder.add(kind, [(body, location)], level=2 if kind is BlockKind.HEADING else 0)
