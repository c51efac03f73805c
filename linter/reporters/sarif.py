"""SARIF 2.1.0 for code scanning: rules with help text, every result located and fingerprinted."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from linter.reporters import view

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "disclosureLint/v1"


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    rule_ids = _rule_ids(report)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "disclosure-lint",
            "semanticVersion": report["tool"]["version"],
            "version": report["tool"]["version"],
            "rules": [_descriptor(report, rid) for rid in rule_ids],
        }},
        "originalUriBaseIds": {
            "%SRCROOT%": {"description": {"text": "The directory the linter ran in."}}},
        "results": [_result(doc, f, rule_ids.index(f["rule"]))
                    for doc in report["documents"] for f in view.by_place(doc)],
        "invocations": [_invocation(report)],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _rule_ids(report: dict[str, Any]) -> list[str]:
    """Rules with metadata first (in pack order), then any rule a finding names without it."""
    ids = list(report.get("rules", {}))
    for doc in report["documents"]:
        for f in doc["findings"]:
            if f["rule"] not in ids:
                ids.append(f["rule"])
    return ids


def _descriptor(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    meta = view.rule_meta(report, rule_id)
    title = view.rule_title(report, rule_id) or rule_id
    message = str(meta.get("message") or title)
    parts = [("Why it matters", meta.get("why")), ("How to fix", meta.get("fix")),
             ("Citation", meta.get("citation"))]
    text = "\n\n".join(f"{head}: {body}" for head, body in parts if body) or message
    markdown = "\n\n".join(f"**{head}.** {_md(str(body))}" for head, body in parts if body)
    markdown = markdown or _md(message)
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "name": _pascal(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": message},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(str(meta.get("severity")), "warning")},
    }
    refs = meta.get("references")
    if isinstance(refs, list) and refs and isinstance(refs[0], dict) and refs[0].get("url"):
        descriptor["helpUri"] = str(refs[0]["url"])
    tags = [str(t) for t in (meta.get("kind"), meta.get("citation"), meta.get("cyd")) if t]
    if tags:
        descriptor["properties"] = {"tags": tags}
    return descriptor


def _result(doc: dict[str, Any], f: dict[str, Any], index: int) -> dict[str, Any]:
    end_line = max(f["end_line"], f["line"])
    end_column = f["end_column"] if end_line > f["line"] else max(f["end_column"], f["column"] + 1)
    region: dict[str, Any] = {"startLine": f["line"], "startColumn": f["column"],
                              "endLine": end_line, "endColumn": end_column}
    if f.get("excerpt"):
        region["snippet"] = {"text": f["excerpt"]}
    message = f["message"] + (f" Fix: {f['fix']}" if f.get("fix") else "")
    result: dict[str, Any] = {
        "ruleId": f["rule"],
        "ruleIndex": index,
        "level": LEVELS[f["severity"]],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(doc["path"]), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: view.fingerprint(f)},
    }
    if f.get("citation"):
        result["properties"] = {"citation": f["citation"]}
    return result


def _invocation(report: dict[str, Any]) -> dict[str, Any]:
    notes = [{"level": "error", "message": {"text": f"{e['path']}: {e['message']}"},
              "locations": [{"physicalLocation": {
                  "artifactLocation": {"uri": artifact_uri(e["path"])}}}]}
             for e in report.get("errors", [])]
    invocation: dict[str, Any] = {"executionSuccessful": not notes}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def artifact_uri(path: str) -> str:
    """A relative, percent-encoded URI reference (code scanning resolves it from the checkout)."""
    if path in ("-", "<stdin>"):
        return "stdin"
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows: keep it absolute
            return PurePath(path).as_uri()
    return quote(PurePath(path).as_posix())


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
