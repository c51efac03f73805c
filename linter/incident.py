"""Incident reports without an Item 1.05: the body of a Form 6-K, an incident under Item 8.01."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from linter.model import Block, BlockKind, Document, Scope, Section
from linter.scope import ITEM_FORMS, is_boundary

# Form 6-K has no items: its cover ends with the Form 20-F / 40-F check box (General
# Instruction B of Form 6-K), and the report itself runs from there to the signatures.
_COVER_END = re.compile(
    r"indicate by check mark|form\s+20-f\b.{0,40}form\s+40-f|regulation s-t rule 101\(b\)"
    r"|if [\"\u201c]?yes[\"\u201d]? is marked", re.IGNORECASE | re.DOTALL)
# What may stand beside the cover's check boxes: the box characters, the answers, "82-____".
_CHECK_BOX = re.compile(r"form\s+(?:20|40)-f|\byes\b|\bno\b|82-"
                        r"|[\s_.:\u2610\u2611\u2612\u25a1\u25a0\u2713\u2714\u00fe\u00fdxX]",
                        re.IGNORECASE)
_COVER_BLOCKS = 80
_MIN_REPORT_CHARS = 150  # less before an exhibit index or the signatures: no report yet
_REPORT_END = re.compile(r"[\W_]*(?:signatures?|exhibit index|exhibits?)\W*$", re.IGNORECASE)
# An amendment's cover or explanatory note: "FORM 8-K/A", "(Amendment No. 1)".
_AMENDMENT = re.compile(r"\bform\s+[86]-k\s*/\s*a\b|\(\s*amendment\s+no\.?\s*\d+\s*\)",
                        re.IGNORECASE)
_NOTE = re.compile(r"[\W_]*explanatory\s+note\b|[\W_]*this\s+amendment\s+no\.", re.IGNORECASE)
_ITEM_801 = re.compile(r"[\W_]*item\s*8\s*\.\s*01\b", re.IGNORECASE)
# Since May 2024 the SEC asks for incidents not (yet) determined material under Item 8.01.
_CYBER_INCIDENT = re.compile(
    r"\bcyber\s*(?:security)?[\s-]*(?:incident|attack|event|intrusion)s?\b|\bransomware\b"
    r"|\bunauthori[sz]ed (?:access|third part(?:y|ies))\b", re.IGNORECASE)


def locate_report(document: Document) -> Document:
    """``document`` with the scope of an incident report that has no Item 1.05 section: a
    6-K's body after its cover, or an 8-K's Item 8.01 when it reports a cyber incident (an 8-K
    or 6-K its cover marks as amended becomes an 8-K/A or 6-K/A first)."""
    document = _amendment(document)
    scope = document.scope
    if scope is not None and scope.item in ITEM_FORMS:
        return document
    section = _item_801(document.blocks)
    if section is not None and (document.form or "8-K").startswith("8-K"):
        return dataclasses.replace(document, scope=Scope("8.01", section),
                                   form=document.form or "8-K")
    if (document.form or "").upper().startswith("6-K"):
        body = _six_k_body(document.blocks)
        if body is not None:
            return dataclasses.replace(document, scope=Scope("", body))
    return document


def _amendment(document: Document) -> Document:
    """An 8-K or 6-K its cover (dei:DocumentType, dei:AmendmentFlag) marks as an amendment
    becomes an 8-K/A or 6-K/A: the amendment's own rules run on it."""
    form = (document.form or "").upper()
    meta = dict(document.meta)
    if form not in ("8-K", "6-K"):
        return document
    if meta.get("dei:DocumentType", "").upper().endswith("/A") or (
            meta.get("dei:AmendmentFlag", "").lower() == "true") or any(
            _AMENDMENT.search(b.text) for b in document.blocks[:_COVER_BLOCKS]):
        return _with_note(dataclasses.replace(document, form=f"{form}/A"))
    return document


def _with_note(document: Document) -> Document:
    """An amendment's scope from its explanatory note on, when the note stands before the
    item's heading: the note is where it says which report it amends."""
    scope = document.scope
    if scope is None or scope.section.heading is None:
        return document
    first = scope.section.first
    note = next((k for k in range(max(first - 5, 0), first)
                 if _NOTE.match(document.blocks[k].text)), None)
    if note is None:
        return document
    section = dataclasses.replace(scope.section, first=note)
    return dataclasses.replace(document, scope=dataclasses.replace(scope, section=section))


def _item_801(blocks: Sequence[Block]) -> Section | None:
    """The Item 8.01 section when its text reports a cybersecurity incident."""
    for i, block in enumerate(blocks):
        if not (is_boundary(block) and _ITEM_801.match(block.text)):
            continue
        end = next((k for k in range(i + 1, len(blocks)) if is_boundary(blocks[k])), len(blocks))
        if any(_CYBER_INCIDENT.search(b.text) for b in blocks[i + 1 : end]):
            title = " ".join(block.text.split()).rstrip(" .:")
            return Section(title=title, level=block.level or 2, heading=i, first=i, end=end)
    return None


def _six_k_body(blocks: Sequence[Block]) -> Section | None:
    """The report after a 6-K's cover page, to its signatures or exhibit index."""
    cover = [i for i, b in enumerate(blocks[:_COVER_BLOCKS]) if _COVER_END.search(b.text)]
    first = cover[-1] + 1 if cover else 0
    while first < len(blocks) and _is_check_box(blocks[first]):
        first += 1
    end, chars = len(blocks), 0
    for k in range(first, len(blocks)):
        # an exhibit index or signatures before any report text (the report is the exhibit
        # that follows) do not end it
        if _REPORT_END.match(blocks[k].text) and chars >= _MIN_REPORT_CHARS:
            end = k
            break
        chars += len(blocks[k].text)
    if first >= end:
        return None
    heading = blocks[first] if blocks[first].kind == BlockKind.HEADING else None
    title = heading.text.strip() if heading else "Report on Form 6-K"
    return Section(title=title, level=1, heading=first if heading else None, first=first, end=end)


def _is_check_box(block: Block) -> bool:
    """What follows the cover's question: the boxes themselves ("Form 20-F ☒ Form 40-F ☐")."""
    text = block.text.strip()
    return len(text) <= 60 and not _CHECK_BOX.sub("", text)
