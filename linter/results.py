"""The result model: requirement results, findings, and their plain data (the JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from linter import __version__
from linter.errors import one_line

JSON_VERSION = 1


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def demoted(self) -> Severity:
        """One level down (info stays info): the default severity of a partial result."""
        return {"error": Severity.WARNING}.get(self.value, Severity.INFO)


class Status(StrEnum):
    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    line: int
    column: int
    start: int  # offset in Document.text
    end: int
    paragraph: int | None = None  # .docx paragraph index

    def to_plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "line": self.line, "column": self.column,
                               "start": self.start, "end": self.end}
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        return out


@dataclass(frozen=True, slots=True)
class RequirementResult:
    id: str
    status: Status
    answer: bool | None = None
    citation: str = ""
    cyd: str | None = None
    evidence: tuple[Evidence, ...] = ()
    title: str = ""

    def to_plain(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": str(self.status),
            "answer": self.answer,
            "citation": self.citation,
            "cyd": self.cyd,
            "evidence": [e.to_plain() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str = ""
    citation: str = ""
    fix: str = ""
    why: str = ""
    paragraph: int | None = None
    fingerprint: str = ""
    start: int = 0  # offsets in Document.text of the text concerned (for highlighting)
    end: int = 0

    def to_plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "citation": self.citation,
            "fix": self.fix,
            "why": self.why,
            "fingerprint": self.fingerprint,
            "start": self.start,
            "end": self.end,
        }
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        return out


@dataclass(frozen=True, slots=True)
class SectionInfo:
    title: str
    start_line: int
    end_line: int
    item: str = ""
    found: bool = True
    subsections: tuple[str, ...] = ()

    def to_plain(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "item": self.item,
            "found": self.found,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "subsections": list(self.subsections),
        }


@dataclass(frozen=True, slots=True)
class BlockInfo:
    """A block of the located section, for reports that show the text annotated."""

    kind: str
    text: str
    start: int  # offset in Document.text
    line: int
    column: int
    paragraph: int | None = None
    page: str | None = None  # the page number of a paginated filing, from its footers

    def to_plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "start": self.start,
                               "line": self.line, "column": self.column,
                               "paragraph": self.paragraph}
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(frozen=True, slots=True)
class DocumentResult:
    path: str
    format: str
    form: str | None
    section: SectionInfo | None
    requirements: tuple[RequirementResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    blocks: tuple[BlockInfo, ...] = ()  # the section's blocks, for annotated reports
    suppressed: int = 0

    def to_plain(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "form": self.form,
            "section": self.section.to_plain() if self.section else None,
            "requirements": [r.to_plain() for r in self.requirements],
            "findings": [f.to_plain() for f in self.findings],
            "facts": dict(self.facts),
            "suppressed": self.suppressed,
            "blocks": [b.to_plain() for b in self.blocks],
        }


@dataclass(frozen=True, slots=True)
class RunError:
    """An input that could not be linted; the rest of the batch goes on."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return one_line(f"{where}: {self.message}")

    def to_plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "message": self.message}
        if self.line is not None:
            out["line"], out["column"] = self.line, self.column
        return out


@dataclass(frozen=True)
class RunResult:
    documents: tuple[DocumentResult, ...]
    errors: tuple[RunError, ...] = ()
    rules: tuple[tuple[str, dict[str, Any]], ...] = field(default=())  # rule id -> metadata
    baselined: int | None = None  # findings hidden by --baseline (None: no baseline in use)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.documents for f in d.findings if f.severity == severity)

    def to_plain(self) -> dict[str, Any]:
        plain: dict[str, Any] = {
            "version": JSON_VERSION,
            "tool": {"name": "disclosure-lint", "version": __version__},
            "documents": [d.to_plain() for d in self.documents],
            "errors": [e.to_plain() for e in self.errors],
            "summary": {
                "documents": len(self.documents),
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "input_errors": len(self.errors),
            },
            "rules": dict(self.rules),
        }
        if self.baselined is not None:
            plain["summary"]["baselined"] = self.baselined
        return plain
