"""The annotated-Word reporter: one comment per finding on the right paragraph; input untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from docx_build import Draft, build_real_draft, build_seed_draft, docx_with_body

from linter.cli import main
from linter.errors import LintError
from linter.inputs import read_source
from linter.model import BlockKind, Document
from linter.parsers import parse
from linter.parsers.docx_text import body_paragraphs, w
from linter.reporters.docx import AUTHOR, INITIALS, write


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _anchors(path: Path) -> dict[int, tuple[int, str]]:
    """comment id -> (paragraph index of its range start, text between its range markers)."""
    body = docx.Document(str(path)).element.body
    paragraphs = body_paragraphs(body)
    index = {p: i for i, p in enumerate(paragraphs)}
    out: dict[int, tuple[int, str]] = {}
    for start in body.iter(w("commentRangeStart")):
        cid = int(start.get(w("id")))
        para = next(a for a in start.iterancestors(w("p")))
        text, inside = [], False
        for el in body.iter():
            marker = el.tag in (w("commentRangeStart"), w("commentRangeEnd"))
            if marker and int(el.get(w("id"))) == cid:
                inside = el.tag == w("commentRangeStart")
            elif inside and el.tag == w("t"):
                text.append(el.text or "")
        out[cid] = (index[para], "".join(text))
    return out


def _rule_of(comment: Any) -> str:
    """The id a comment names: ``SEVERITY id: …`` or ``STATUS requirement id``."""
    return str(comment.text.splitlines()[0].split(":")[0].split()[-1])


def _finding(document: Document, sentence_index: int, rule: str,
             with_paragraph: bool) -> dict[str, Any]:
    sentence = document.sentences[sentence_index]
    start, last = document.locate(sentence.start), document.locate(sentence.end - 1)
    out: dict[str, Any] = {
        "rule": rule, "severity": "warning", "message": f"{rule} fired on this sentence",
        "line": start.line, "column": start.column, "end_line": last.line,
        "end_column": last.column + 1, "excerpt": sentence.text,
        "citation": "17 CFR 229.106(c)(2)(i)", "fix": "Name the expertise.", "why": "",
    }
    if with_paragraph:
        out["paragraph"] = start.paragraph
    return out


def _report(draft: Draft) -> tuple[dict[str, Any], list[tuple[dict[str, Any], int, str]]]:
    """A report shaped like RunResult.to_plain(), with findings on known sentences: one in
    a body paragraph, one in a list item, one in the second paragraph of a table cell, and a
    missing-requirement finding anchored at the heading."""
    document = parse(read_source(str(draft.docx)))
    kinds = [document.blocks[s.block].kind for s in document.sentences]
    body = kinds.index(BlockKind.PARAGRAPH) + 1
    listed = kinds.index(BlockKind.LIST_ITEM)
    def second_paragraph_of_cell(s: Any) -> bool:
        block = document.blocks[s.block]
        first = block.anchors[0].location.paragraph
        return block.kind == BlockKind.TABLE_CELL and document.locate(s.start).paragraph != first

    cell = next(i for i, s in enumerate(document.sentences) if second_paragraph_of_cell(s))
    expected = []
    findings = []
    for n, (i, with_paragraph) in enumerate([(body, True), (listed, False), (cell, True)]):
        f = _finding(document, i, f"rule-{n}", with_paragraph)
        findings.append(f)
        sentence = document.sentences[i]
        expected.append((f, document.locate(sentence.start).paragraph, sentence.text))
    heading_finding = {**_finding(document, 0, "rm-third-party-oversight", True),
                       "message": "No process to oversee third-party service providers."}
    findings.append(heading_finding)
    expected.append((heading_finding, 0, "Item 1C. Cybersecurity"))
    requirements = [
        {"id": "rm-process", "status": "met", "citation": "17 CFR 229.106(b)(1)", "evidence": []},
        {"id": "rm-third-party-oversight", "status": "missing",  # has a finding: one comment
         "citation": "17 CFR 229.106(b)(1)(iii)", "evidence": []},
        {"id": "gov-mgmt-expertise", "status": "partial", "title": "Expertise of management",
         "citation": "17 CFR 229.106(c)(2)(i)", "evidence": []},
    ]
    doc = {"path": str(draft.docx), "format": "docx", "form": None,
           "section": {"title": "Item 1C. Cybersecurity", "start_line": 1, "end_line": 27,
                       "found": True, "item": "1C", "subsections": []},
           "requirements": requirements, "findings": findings, "facts": {},
           "blocks": [{"kind": "heading", "text": "Item 1C. Cybersecurity", "start": 0,
                       "line": 1, "column": 1, "paragraph": 0}]}
    report = {"version": 1, "documents": [doc], "errors": [],
              "rules": {"gov-mgmt-expertise": {"fix": "Describe the CISO's certifications."}}}
    return report, expected


@pytest.fixture()
def draft(corpus: Path, tmp_path: Path) -> Draft:
    return build_real_draft(corpus, tmp_path)


def test_one_comment_per_finding_on_its_paragraph(draft: Draft, tmp_path: Path) -> None:
    report, expected = _report(draft)
    before = _sha(draft.docx)
    out = tmp_path / "out" / "annotated.docx"
    out.parent.mkdir()
    assert write(report, str(out)) == [str(out)]
    assert _sha(draft.docx) == before
    comments = list(docx.Document(str(out)).comments)
    anchors = _anchors(out)
    assert len(comments) == len(expected) + 1  # + the partial requirement without a finding
    assert {c.author for c in comments} == {AUTHOR} and {c.initials for c in comments} == {INITIALS}
    by_rule = {_rule_of(c): c for c in comments}
    for finding, paragraph, sentence in expected:
        comment = by_rule[finding["rule"]]
        assert comment.text.startswith(f"WARNING {finding['rule']}: {finding['message']}")
        assert "How to fix: Name the expertise." in comment.text
        assert "Citation: 17 CFR 229.106(c)(2)(i)" in comment.text
        where, covered = anchors[comment.comment_id]
        assert where == paragraph
        assert covered == sentence  # runs split so that the comment covers just the sentence
    partial = by_rule["gov-mgmt-expertise"]
    first_line = "PARTIAL requirement gov-mgmt-expertise: Expertise of management"
    assert partial.text.startswith(first_line)
    assert "How to fix: Describe the CISO's certifications." in partial.text
    assert anchors[partial.comment_id] == (0, "Item 1C. Cybersecurity")


def test_batch_writes_a_folder_and_skips_other_formats(draft: Draft, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = _report(draft)
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(draft.docx, other / draft.docx.name)  # same stem: names must not collide
    second = {**report["documents"][0], "path": str(other / draft.docx.name), "findings": []}
    markdown = {**second, "path": "notes.md", "format": "markdown"}
    report = {**report, "documents": [report["documents"][0], second, markdown]}
    folder = tmp_path / "annotated"
    written = write(report, str(folder))
    assert [Path(p).name for p in written] == ["draft.linted.docx", "draft-2.linted.docx"]
    assert "notes.md: not a .docx file" in capsys.readouterr().err
    assert len(docx.Document(written[1]).comments) == 2  # no findings: both unmet requirements


def test_never_overwrites_the_input_or_writes_to_stdout(draft: Draft) -> None:
    report, _ = _report(draft)
    before = _sha(draft.docx)
    with pytest.raises(LintError, match="refusing to overwrite the input"):
        write(report, str(draft.docx))
    with pytest.raises(LintError, match="give --output"):
        write(report, "-")
    assert _sha(draft.docx) == before


def test_cli_end_to_end(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 001 (names no board committee, leaves other requirements short) through the
    engine: the JSON report and the commented copy agree finding for finding."""
    draft = build_seed_draft(corpus, tmp_path, "001")
    before = _sha(draft)
    out, as_json = tmp_path / "commented.docx", tmp_path / "report.json"
    code = main(["check", str(draft), "--format", "json", "--output", str(as_json),
                 "--format", "docx", "--output", str(out), "--fail-on", "never"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert _sha(draft) == before
    [doc] = json.loads(as_json.read_text())["documents"]
    findings = doc["findings"]
    assert {f["rule"] for f in findings} >= {"gov-board-committee"}
    assert all(f.get("paragraph") == f["line"] - 1 for f in findings)
    unmet = [r for r in doc["requirements"] if r["status"] in ("missing", "partial")
             and r["id"] not in {f["rule"] for f in findings}]
    heading = doc["section"]["start_line"] - 1
    expected = Counter((f["rule"], f.get("paragraph", f["line"] - 1)) for f in findings)
    expected.update((r["id"], heading) for r in unmet)
    comments = list(docx.Document(str(out)).comments)
    anchors = _anchors(out)
    assert Counter((_rule_of(c), anchors[c.comment_id][0]) for c in comments) == expected
    assert {c.author for c in comments} <= {AUTHOR}


def test_cli_refuses_docx_to_stdout(draft: Draft, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(draft.docx), "--format", "docx"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--output" in err


def test_a_draft_without_paragraphs_still_gets_its_comments(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = docx_with_body(tmp_path / "empty.docx", "")
    out = tmp_path / "commented.docx"
    code = main(["check", str(empty), "--format", "docx", "--output", str(out),
                 "--fail-on", "never"])
    err = capsys.readouterr().err
    assert code == 0, err
    comments = list(docx.Document(str(out)).comments)
    assert comments and {c.author for c in comments} == {AUTHOR}
