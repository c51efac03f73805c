"""JUnit XML for CI: a test suite per document, a test case per requirement and per finding."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from linter.reporters import view

# XML 1.0 forbids most control characters; a draft may still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FAILING = ("missing", "partial")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text:
        element.text = _clean(text)
    return element


def _requirement_case(report: dict[str, Any], suite: ET.Element, doc: dict[str, Any],
                      req: dict[str, Any]) -> int:
    title = view.requirement_title(report, req)
    case = _sub(suite, "testcase", classname=f"{doc['path']}.requirements",
                name=f"{req['id']}: {title}" if title != req["id"] else req["id"])
    if req["status"] not in FAILING:
        if req["evidence"]:
            first = req["evidence"][0]
            _sub(case, "system-out", f"{req['status']}: line {first['line']}: {first['text']}")
        return 0
    detail = [f"{req['id']} is {req['status']} ({req.get('citation') or 'no citation'})"]
    detail += [f"line {e['line']}: {e['text']}" for e in req["evidence"]]
    _sub(case, "failure", "\n".join(detail), message=f"requirement {req['status']}",
         type=req["status"])
    return 1


def _finding_case(suite: ET.Element, doc: dict[str, Any], f: dict[str, Any]) -> None:
    case = _sub(suite, "testcase", classname=f"{doc['path']}.findings",
                name=f"{f['rule']} at line {f['line']}", file=doc["path"], line=str(f["line"]))
    body = [f"{doc['path']}:{f['line']}:{f['column']}: {f['message']}"]
    labels = (("excerpt", "Text"), ("why", "Why"), ("fix", "Fix"), ("citation", "Citation"))
    body += [f"{label}: {f[key]}" for key, label in labels if f.get(key)]
    _sub(case, "failure", "\n".join(body), message=f["message"], type=f["severity"])


def _suite(report: dict[str, Any], root: ET.Element, doc: dict[str, Any]) -> tuple[int, int]:
    findings = view.by_place(doc)
    tests = len(doc["requirements"]) + len(findings)
    suite = _sub(root, "testsuite", name=doc["path"], tests=str(tests))
    failures = sum(_requirement_case(report, suite, doc, r) for r in doc["requirements"])
    for f in findings:
        _finding_case(suite, doc, f)
    failures += len(findings)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return tests, failures


def render(report: dict[str, Any], *, quiet: bool = False) -> str:
    root = ET.Element("testsuites", name="disclosure-lint")
    tests = failures = 0
    for doc in report["documents"]:
        t, f = _suite(report, root, doc)
        tests, failures = tests + t, failures + f
    errors = report.get("errors", [])
    if errors:
        suite = _sub(root, "testsuite", name="unreadable inputs", tests=str(len(errors)),
                     failures="0", errors=str(len(errors)), skipped="0")
        for e in errors:
            case = _sub(suite, "testcase", classname="inputs", name=e["path"])
            _sub(case, "error", e["message"], message=e["message"], type="input-error")
    root.set("tests", str(tests + len(errors)))
    root.set("failures", str(failures))
    root.set("errors", str(len(errors)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
