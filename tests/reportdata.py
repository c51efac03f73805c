"""Plain-data reports shaped like ``RunResult.to_plain()``, built from a real seed's prose."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from linter.inputs import Source
from linter.model import BlockKind, Document
from linter.parsers.text import parse as parse_text
from linter.results import (
    BlockInfo,
    DocumentResult,
    Evidence,
    Finding,
    RequirementResult,
    RunError,
    RunResult,
    SectionInfo,
    Severity,
    Status,
)

# id, title, citation, cyd element, a pattern whose first matching sentence is the evidence
REQUIREMENTS = (
    ("rm-process", "Processes for assessing, identifying and managing cyber risks",
     "17 CFR 229.106(b)(1)",
     "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
     r"processes for handling"),
    ("rm-integrated", "Integration into overall risk management", "17 CFR 229.106(b)(1)(i)",
     "CybersecurityRiskManagementProcessesIntegratedFlag", r"integral part of our overall"),
    ("rm-third-party-engaged", "Assessors, consultants, auditors or other third parties engaged",
     "17 CFR 229.106(b)(1)(ii)", "CybersecurityRiskManagementThirdPartyEngagedFlag",
     r"third-party security experts|third[- ]part(y|ies)"),
    ("rm-third-party-oversight", "Oversight of risks from third-party service providers",
     "17 CFR 229.106(b)(1)(iii)",
     "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag", r"vendor risk"),
    ("rm-material-effect", "Material effect of cybersecurity risks", "17 CFR 229.106(b)(2)",
     "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
     r"reasonably likely to materially affect"),
    ("gov-board-oversight", "Board oversight of cyber risk", "17 CFR 229.106(c)(1)",
     "CybersecurityRiskBoardOfDirectorsOversightTextBlock", r"board of directors"),
    ("gov-board-committee", "Board committee responsible for oversight", "17 CFR 229.106(c)(1)",
     "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
     r"\b(audit|risk) committee\b"),
    ("gov-board-informed", "How the board is informed", "17 CFR 229.106(c)(1)",
     "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
     r"report\w* to (our|the) board|board of directors informed"),
    ("gov-mgmt-responsible", "Management positions or committees responsible",
     "17 CFR 229.106(c)(2)(i)", "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
     r"senior executive officers oversee|management committee"),
    ("gov-mgmt-expertise", "Expertise of management responsible", "17 CFR 229.106(c)(2)(i)",
     "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock",
     r"years of relevant experience"),
    ("gov-mgmt-informed", "How management is informed and monitors", "17 CFR 229.106(c)(2)(ii)",
     "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
     r"receive detailed reports"),
    ("gov-mgmt-reports-to-board", "Management reports to the board", "17 CFR 229.106(c)(2)(iii)",
     "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
     r"report\w* to (our|the) board|board of directors informed"),
)

_LABEL = re.compile(r"^\|(?P<label>.+?) \[(?P<kind>Text Block|Flag)\]\s*$")
_SENTENCE = re.compile(r"[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$")


def read_seed(seed: Path) -> tuple[str, dict[str, str]]:
    """The seed's prose (main block, then each block not already inside it) and its flags."""
    blocks: list[str] = []
    flags: dict[str, str] = {}
    lines = seed.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = _LABEL.match(lines[i])
        i += 1
        if not match:
            continue
        value: list[str] = []
        while i < len(lines) and not (lines[i].startswith("|") and value):
            value.append(lines[i].removeprefix("|"))
            i += 1
        text = "\n\n".join(v.strip() for v in value if v.strip())
        if match["kind"] == "Flag":
            name = "Cybersecurity" + match["label"].title().replace(" ", "").removeprefix(
                "Cybersecurity") + "Flag"
            flags[name] = text
        elif text and not any(text in b for b in blocks):
            blocks.append(text)
    return "\n\n".join(blocks), flags


def _heading(text: str) -> bool:
    return len(text) < 80 and not text.rstrip().endswith((".", ":", ";"))


def _evidence(document: Document, pattern: str) -> tuple[Evidence, ...]:
    regex = re.compile(pattern, re.IGNORECASE)
    for block in document.blocks:
        for m in _SENTENCE.finditer(block.text):
            if regex.search(m.group()):
                start = block.start + m.start() + len(m.group()) - len(m.group().lstrip())
                loc = document.locate(start)
                return (Evidence(m.group().strip(), loc.line, loc.column, start,
                                 block.start + m.end()),)
    return ()


def _finding(document: Document, rule: str, severity: Severity, message: str, needle: str,
             why: str, fix: str, citation: str) -> Finding:
    start = document.text.find(needle) if needle else 0
    start = max(start, 0)
    end = start + len(needle) if needle else start + len(document.blocks[0].text)
    first, last = document.locate(start), document.locate(max(end - 1, start))
    return Finding(rule, severity, message, first.line, first.column, last.line, last.column + 1,
                   excerpt=document.text[start:end], citation=citation, fix=fix, why=why,
                   start=start, end=end)


def document_result(path: Path, prose: str, flags: dict[str, str],
                    statuses: dict[str, Status] | None = None) -> DocumentResult:
    """Parse ``prose`` (written at ``path``) with the real text parser and describe it."""
    path.write_text(prose, encoding="utf-8")
    document = parse_text(Source(str(path), path.read_bytes()))
    statuses = statuses or {}
    requirements = []
    for rid, title, citation, cyd, pattern in REQUIREMENTS:
        evidence = _evidence(document, pattern)
        status = statuses.get(rid, Status.MET if evidence else Status.MISSING)
        if status == Status.MISSING:
            evidence = ()
        answer = None if status == Status.MISSING or not cyd.endswith("Flag") else True
        if rid == "rm-material-effect" and evidence:
            answer = False
        requirements.append(RequirementResult(rid, status, answer, citation, cyd, evidence, title))
    findings = [
        _finding(document, r[0], Severity.ERROR, f"The draft does not address: {r[1].lower()}.",
                 "", "Item 106 asks whether this is the case; silence is not an answer.",
                 "Add a sentence that answers it, yes or no.", r[2])
        for r in REQUIREMENTS if statuses.get(r[0]) == Status.MISSING
    ]
    if "regularly" in document.text:
        findings.append(_finding(
            document, "vague-frequency", Severity.WARNING,
            "“regularly” gives no frequency.", "regularly",
            "Investors cannot tell how often the board or management hears about cyber risk.",
            "Say how often: quarterly, at each meeting, at least annually.",
            "17 CFR 229.106(c)(1)"))
    blocks = tuple(
        BlockInfo("heading" if _heading(b.text) else str(b.kind), b.text, b.start,
                  b.locate(0).line, b.locate(0).column)
        for b in document.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
    )
    last = document.blocks[-1]
    section = SectionInfo(document.blocks[0].text, 1, last.locate(len(last.text) - 1).line,
                          item="16K", subsections=tuple(b.text for b in blocks
                                                        if b.kind == "heading"))
    return DocumentResult(str(path.name), "text", "20-F", section, tuple(requirements),
                          tuple(findings), tuple(sorted(flags.items())), blocks)


def rules_meta() -> tuple[tuple[str, dict[str, Any]], ...]:
    meta = [(rid, {"title": title, "kind": "requirement", "severity": "error",
                   "message": f"The draft must address: {title.lower()}.", "citation": citation,
                   "why": "Item 106 requires it.", "fix": "Describe it.", "cyd": cyd})
            for rid, title, citation, cyd, _ in REQUIREMENTS]
    meta.append(("vague-frequency", {
        "title": "Vague frequency", "kind": "metric", "severity": "warning",
        "message": "A frequency word with no frequency.", "citation": "17 CFR 229.106(c)(1)",
        "why": "“Periodically” tells an investor nothing.", "fix": "Give the frequency."}))
    return tuple(meta)


def seed_run(corpus: Path, tmp: Path, *, hostile: str = "") -> RunResult:
    """Seed 001 as a report: seed 001's statuses as the corpus README describes them."""
    prose, flags = read_seed(corpus / "seeds" / "001_659ef0b4b750ad89.txt")
    if hostile:
        prose = prose.replace("\n\n", "\n\n" + hostile + "\n\n", 1)
    statuses = {"rm-third-party-oversight": Status.MISSING,
                "gov-board-committee": Status.MISSING,
                "gov-mgmt-expertise": Status.PARTIAL}
    doc = document_result(tmp / "seed001.txt", prose, flags, statuses)
    return RunResult((doc,), (RunError("broken.docx", "not a .docx file: bad zip"),), rules_meta())


def seed_plain(corpus: Path, tmp: Path, *, hostile: str = "") -> dict[str, Any]:
    return seed_run(corpus, tmp, hostile=hostile).to_plain()
