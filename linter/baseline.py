"""Baselines: record today's findings, then report only the findings not recorded."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.errors import ConfigError
from linter.results import DocumentResult, Finding, RunResult

BASELINE_VERSION = 1
_SPACES = re.compile(r"\s+")
_FIELDS = ("path", "rule", "section", "fingerprint")
WHOLE_SECTION = ("requirement", "conditional", "metric", "flag")


@dataclass(frozen=True, order=True, slots=True)
class Key:
    """What identifies a finding across edits: never its line, so text added above it or a
    paragraph moved within the section does not make it new."""

    path: str  # posix, relative to the baseline file's folder
    rule: str
    section: str  # the disclosure section's title, case and spacing folded
    fingerprint: str  # hash of rule and the text concerned, case and spacing folded


@dataclass(frozen=True, slots=True)
class Baseline:
    """Recorded findings as a multiset: a sentence flagged twice is recorded twice."""

    path: str
    counts: tuple[tuple[Key, int], ...]

    @property
    def folder(self) -> Path:
        return Path(self.path).resolve().parent


def fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def text_fingerprint(finding: Finding, whole_section: bool = False) -> str:
    """The rule and the text concerned: the sentence excerpt, or the message when a finding has
    no text. A finding about the whole section has no text of its own: only the rule counts."""
    text = "" if whole_section else fold(finding.excerpt or finding.message)
    basis = f"{finding.rule}\0{text}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def whole_section_rules(result: RunResult) -> frozenset[str]:
    """Rules whose finding is about the whole section, one per document: a requirement missing
    or partly met, a condition unmet, a measure, a flag against the text. Each is shown at a
    sentence (its first evidence or trigger) that changes when paragraphs move, so the sentence
    is no part of its identity. Only `forbid` findings are about the sentence they quote."""
    return frozenset(rule for rule, meta in result.rules if meta.get("kind") in WHOLE_SECTION)


def relative(doc_path: str, folder: Path) -> str:
    """The document's path relative to ``folder`` (``<stdin>`` and the like stay as they are)."""
    if doc_path.startswith("<") or doc_path == "-":
        return doc_path
    try:
        return Path(os.path.relpath(Path(doc_path).resolve(), folder)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return Path(doc_path).resolve().as_posix()


def key_of(doc: DocumentResult, finding: Finding, folder: Path,
           whole: frozenset[str] = frozenset()) -> Key:
    section = fold(doc.section.title) if doc.section else ""
    return Key(relative(doc.path, folder), finding.rule, section,
               text_fingerprint(finding, finding.rule in whole))


def record(result: RunResult, path: str) -> Baseline:
    """Today's findings as a baseline to be written at ``path``."""
    folder, whole = Path(path).resolve().parent, whole_section_rules(result)
    counts = Counter(key_of(d, f, folder, whole) for d in result.documents for f in d.findings)
    return Baseline(path, tuple(sorted(counts.items())))


def dumps(baseline: Baseline, result: RunResult) -> str:
    """Sorted, indented JSON with one entry per distinct finding: small, stable diffs."""
    folder, whole = baseline.folder, whole_section_rules(result)
    excerpts: dict[Key, str] = {}
    for d in result.documents:
        for f in d.findings:
            excerpts.setdefault(key_of(d, f, folder, whole), f.excerpt or f.message)
    entries = [{**dataclasses.asdict(key), "count": n, "excerpt": excerpts.get(key, "")}
               for key, n in baseline.counts]  # sorted by key: one line per field, fixed order
    body = {"version": BASELINE_VERSION, "tool": "disclosure-lint", "findings": entries}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def write(result: RunResult, path: str) -> Baseline:
    baseline = record(result, path)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(baseline, result))
    except OSError as exc:
        raise ConfigError(path, f"cannot write the baseline: {exc.strerror or exc}") from None
    return baseline


def load(path: str) -> Baseline:
    """Read and check a baseline; any fault is one ConfigError at file:line:column."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(path, f"cannot read the baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "the baseline is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(path, f"the baseline is not valid JSON: {exc.msg}",
                          exc.lineno, exc.colno) from None
    return Baseline(path, tuple(sorted(_entries(path, data, text).items())))


def _entries(path: str, data: Any, text: str) -> Counter[Key]:
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(path, f"not a disclosure-lint baseline (version {BASELINE_VERSION})",
                          *_where(text, '"version"'))
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ConfigError(path, "the baseline has no 'findings' list", *_where(text, '"findings"'))
    counts: Counter[Key] = Counter()
    for i, entry in enumerate(findings):
        bad = _fault(entry)
        if bad:
            raise ConfigError(path, f"findings[{i}]: {bad}", *_nth_entry(text, i))
        counts[Key(*(entry[name] for name in _FIELDS))] += entry.get("count", 1)
    return counts


def _fault(entry: Any) -> str:
    if not isinstance(entry, dict):
        return "an entry must be an object"
    for name in _FIELDS:
        if not isinstance(entry.get(name), str):
            return f"'{name}' must be a string"
    count = entry.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return "'count' must be a positive integer"
    return ""


def _where(text: str, needle: str) -> tuple[int, int]:
    """Line and column of the first ``needle`` in ``text`` (1:1 when it is absent)."""
    at = text.find(needle)
    return _position(text, at) if at >= 0 else (1, 1)


def _nth_entry(text: str, index: int) -> tuple[int, int]:
    """Line and column of entry ``index`` of the findings list, found by decoding entry by
    entry from the list's opening bracket (json reports no positions for valid input)."""
    decoder = json.JSONDecoder()
    at = text.find("[", text.find('"findings"'))
    if at < 0:
        return 1, 1
    pos = at + 1
    for i in range(index + 1):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if i == index:
            return _position(text, pos)
        try:
            _, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
    return _position(text, at)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def apply(result: RunResult, baseline: Baseline) -> RunResult:
    """``result`` without the findings the baseline records, each record hiding as many
    occurrences as it counts (the earliest in the document), and how many were hidden."""
    folder, whole = baseline.folder, whole_section_rules(result)
    remaining = Counter(dict(baseline.counts))
    hidden = 0
    documents = []
    for doc in result.documents:
        kept = []
        for finding in doc.findings:
            key = key_of(doc, finding, folder, whole)
            if remaining[key] > 0:
                remaining[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        documents.append(dataclasses.replace(doc, findings=tuple(kept)))
    return dataclasses.replace(result, documents=tuple(documents),
                               baselined=(result.baselined or 0) + hidden)
