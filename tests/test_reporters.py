"""Reporters on a report built from seed 001's prose: text, JSON(+schema), JSON Lines, Markdown,
JUnit, GitHub annotations, the registry and the progress bar."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import click
import jsonschema
import pytest
from reportdata import seed_plain

from linter.cli import main
from linter.progress import bar, line
from linter.reporters import REPORTERS, get_reporter, plan_outputs, resolve_auto
from linter.reporters.github import escape_data, escape_property

SCHEMA = Path(__file__).resolve().parents[1] / "linter" / "schemas" / "report.schema.json"
HOSTILE = "<script>alert(1)</script> a | b *bold* [link](x) & <b onclick=\"x()\">"


@pytest.fixture
def report(corpus: Path, tmp_path: Path) -> dict[str, Any]:
    return seed_plain(corpus, tmp_path)


@pytest.fixture
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def test_every_registered_reporter_renders_a_string(report: dict[str, Any]) -> None:
    for name in REPORTERS:
        out = get_reporter(name)(report)
        assert isinstance(out, str) and out.endswith("\n"), name


def test_text_groups_by_document_and_names_missing_requirements(report: dict[str, Any]) -> None:
    out = get_reporter("text")(report)
    lines = out.splitlines()
    assert lines[0].startswith("seed001.txt: Cybersecurity Risk Management (lines 1-")
    assert any("missing" in x and "rm-third-party-oversight" in x for x in lines)
    assert any("partial" in x and "gov-mgmt-expertise" in x for x in lines)
    assert "seed001.txt:7:39: warning [vague-frequency]" in out
    assert lines[-1] == ("1 document: 2 errors, 1 warning, 0 info; 2 requirements missing; "
                         "1 unreadable")
    assert "\x1b[" not in out


def test_quiet_text_is_findings_and_summary_only(report: dict[str, Any]) -> None:
    out = get_reporter("text")(report, quiet=True).splitlines()
    assert all(x.startswith(("seed001.txt:", "broken.docx:")) for x in out[:-1])
    assert len(out) == 3 + 1 + 1  # three findings, one unreadable input, the summary
    assert out[-1].startswith("1 document:")


def test_colour_only_when_asked(report: dict[str, Any]) -> None:
    coloured = get_reporter("text-color")(report)
    assert "\x1b[31m" in coloured  # red for errors and missing
    assert click.unstyle(coloured) == get_reporter("text")(report)


def test_auto_format_choice() -> None:
    assert resolve_auto("-", {"GITHUB_ACTIONS": "true"}, False) == "github"
    assert resolve_auto("-", {}, True) == "text-color"
    assert resolve_auto("-", {"NO_COLOR": "1"}, True) == "text"
    assert resolve_auto("-", {}, False) == "text"
    assert resolve_auto("out.txt", {}, True) == "text"


def test_formats_pair_with_outputs_by_order() -> None:
    plan = plan_outputs(["html", "sarif", "text"], ["r.html", "r.sarif"])
    assert [(o.format, o.target) for o in plan] == [("html", "r.html"), ("sarif", "r.sarif"),
                                                    ("text", "-")]
    with pytest.raises(click.ClickException, match="unknown format 'pdf'"):
        plan_outputs(["pdf"], [])
    with pytest.raises(click.ClickException, match="more --output"):
        plan_outputs(["json"], ["a", "b"])
    with pytest.raises(click.ClickException, match="standard output"):
        plan_outputs(["json", "text"], [])


def test_unknown_format_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("Our CISO reports to the Audit Committee quarterly.\n", encoding="utf-8")
    assert main(["check", str(draft), "--format", "pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown format 'pdf'" in err[0]


def test_json_matches_the_schema(report: dict[str, Any], schema: dict[str, Any]) -> None:
    data = json.loads(get_reporter("json")(report))
    jsonschema.validate(data, schema)
    assert data["documents"][0]["requirements"][3]["status"] == "missing"
    bad = json.loads(json.dumps(data))
    bad["documents"][0]["requirements"][0]["status"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_json_lines_one_document_per_line_then_summary(report: dict[str, Any],
                                                       schema: dict[str, Any]) -> None:
    lines = get_reporter("jsonl")(report).splitlines()
    assert len(lines) == 2
    doc, tail = (json.loads(x) for x in lines)
    defs = {"$defs": schema["$defs"]}
    jsonschema.validate(doc, {**defs, "$ref": "#/$defs/document"})
    jsonschema.validate(tail, {**defs, "$ref": "#/$defs/jsonlTail"})
    assert tail["summary"]["documents"] == 1 and doc["path"] == "seed001.txt"


def test_markdown_checklist_and_escaping(corpus: Path, tmp_path: Path) -> None:
    report = seed_plain(corpus, tmp_path, hostile=HOSTILE)
    report["documents"][0]["requirements"][0]["evidence"][0]["text"] = HOSTILE
    out = get_reporter("markdown")(report)
    rows = [x for x in out.splitlines() if x.startswith("| ")]
    checklist = [x for x in rows if "`rm-" in x or "`gov-" in x]
    assert len(checklist) == 12
    assert "**Missing**" in next(x for x in checklist if "rm-third-party-oversight" in x)
    hostile_row = checklist[0]
    assert "<script>" not in out and "\\<script\\>" in hostile_row
    assert "a \\| b" in hostile_row  # a pipe in the draft does not split the cell
    assert len(re.split(r"(?<!\\)\|", hostile_row)) == 6 + 2  # six cells, pipes at both ends
    assert "\\*bold\\*" in hostile_row and "&amp;" in hostile_row


def test_github_annotations_escape(report: dict[str, Any]) -> None:
    out = get_reporter("github")(report).splitlines()
    first = out[0]
    assert first.startswith("::error file=seed001.txt,line=1,col=1,endLine=1,endColumn=")
    assert "title=gov-board-committee (17 CFR 229.106(c)(1))::" in first
    assert "%0AFix: " in first
    assert out[2].startswith("::warning file=seed001.txt,line=7,col=39,")
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_junit_one_suite_per_document_and_failures(report: dict[str, Any]) -> None:
    root = ET.fromstring(get_reporter("junit")(report))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["seed001.txt", "unreadable inputs"]
    doc = suites[0]
    cases = doc.findall("testcase")
    assert len(cases) == 12 + 3 and doc.get("tests") == "15"
    failed = {c.get("name", "").split(":")[0] for c in cases if c.find("failure") is not None}
    assert {"rm-third-party-oversight", "gov-board-committee", "gov-mgmt-expertise"} <= failed
    assert doc.get("failures") == str(3 + 3)
    assert root.get("errors") == "1"


def test_junit_survives_control_characters(report: dict[str, Any]) -> None:
    report["documents"][0]["findings"][0]["message"] = "bad \x07 byte"
    ET.fromstring(get_reporter("junit")(report))


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert bar(io.StringIO()) is None
    tty = Tty()
    draw = bar(tty)
    assert draw is not None
    for i in range(1, 4):
        draw(i, 3)
    written = tty.getvalue()
    assert "3/3 documents" in written and written.endswith("\r")
    assert line(1, 4) == "[" + "#" * 7 + "." * 23 + "] 1/4 documents"
