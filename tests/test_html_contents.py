"""The HTML report of a batch of both seeds holds what the JSON of the same run says: overview,
XBRL flags beside the answers, findings with why / fix / citation, the annotated section."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from linter.cli import main

SEEDS = ("000_c9ce561330e11307.txt", "001_659ef0b4b750ad89.txt")
WORDS = {True: "yes", False: "no", None: "not said"}


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any]]:
    """One CLI run over both seeds writing HTML and JSON: the page and the report."""
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for name in SEEDS:
        shutil.copy(corpus / "seeds" / name, folder / name)
        paths.append(str(folder / name))
    page, report = folder / "report.html", folder / "report.json"
    code = main(["check", *paths, "--format", "html", "--output", str(page),
                 "--format", "json", "--output", str(report)])
    assert code == 1  # both seeds have errors
    return lxml.html.fromstring(page.read_text("utf-8")), json.loads(report.read_text("utf-8"))


def test_batch_overview_lists_each_document_with_its_counts(
        run: tuple[Any, dict[str, Any]]) -> None:
    page, report = run
    rows = page.xpath('//*[@id="overview"]//tbody/tr')
    assert len(rows) == len(report["documents"]) == 2
    for row, doc in zip(rows, report["documents"], strict=True):
        cells = [_text(c) for c in row.xpath("./td")]
        assert cells[0] == doc["path"]
        target = row.xpath(".//a/@href")[0]
        assert page.xpath(f'//section[@id="{target[1:]}"]/@data-path') == [doc["path"]]
        statuses = [sum(r["status"] == s for r in doc["requirements"])
                    for s in ("met", "partial", "missing")]
        severities = [sum(f["severity"] == s for f in doc["findings"])
                      for s in ("error", "warning", "info")]
        assert [int(c) for c in cells[3:9]] == statuses + severities
        assert cells[2] == "Action needed"  # errors in both


def test_flags_beside_the_answers_read_from_the_text(run: tuple[Any, dict[str, Any]]) -> None:
    page, report = run
    for doc in report["documents"]:
        section = page.xpath(f'//section[@data-path="{doc["path"]}"]')[0]
        answers = {r["cyd"]: r.get("answer") for r in doc["requirements"] if r.get("cyd")}
        flags = {k: v for k, v in doc["facts"].items() if k.endswith("Flag")}
        rows = section.xpath('.//table[@class="flags"]/tbody/tr')
        assert {r.get("data-element") for r in rows} == set(flags)
        for row in rows:
            element = row.get("data-element")
            cells = [_text(c) for c in row.xpath("./td")]
            assert cells[1] == flags[element]
            assert cells[2] == WORDS[answers[element]]
    seed000 = page.xpath(f'//section[@data-path="{report["documents"][0]["path"]}"]')[0]
    assert len(seed000.xpath('.//table[@class="flags"]/tbody/tr')) == 6


def test_findings_carry_why_fix_and_citation(run: tuple[Any, dict[str, Any]]) -> None:
    page, report = run
    for doc in report["documents"]:
        section = page.xpath(f'//section[@data-path="{doc["path"]}"]')[0]
        shown = section.xpath('.//div[contains(@class, "finding ")]')
        assert [d.get("data-rule") for d in shown] == [
            f["rule"] for s in ("error", "warning", "info")
            for f in doc["findings"] if f["severity"] == s]
        by_rule = {f["rule"]: f for f in doc["findings"]}
        for div in shown:
            finding = by_rule[div.get("data-rule")]
            terms = dict(zip((_text(t) for t in div.xpath(".//dt")),
                             (_text(d) for d in div.xpath(".//dd")), strict=True))
            assert terms["Why"] == " ".join(finding["why"].split())
            assert terms["How to fix"] == " ".join(finding["fix"].split())
            assert terms["Citation"] == finding["citation"]


def test_annotated_section_highlights_evidence_and_notes_findings(
        run: tuple[Any, dict[str, Any]]) -> None:
    page, report = run
    for doc in report["documents"]:
        section = page.xpath(f'//section[@data-path="{doc["path"]}"]')[0]
        # a sentence may be cut into several marks where findings overlap it: compare the
        # highlighted text with its spaces taken out
        marks = section.xpath('.//div[@class="annotated"]//mark')
        marked = "".join("".join(m.text_content().split()) for m in marks)
        for requirement in doc["requirements"]:
            for evidence in requirement["evidence"]:
                assert "".join(evidence["text"].split()) in marked, requirement["id"]
        # each finding is noted beside the block holding its first line
        for block in section.xpath('.//div[@class="annotated"]/div[@class="text"]'):
            line = int(_text(block.xpath('.//span[@class="lineno"]')[0]))
            notes = block.getnext()
            assert notes.get("class") == "notes"
            noted = {n.xpath("./b")[0].text for n in notes.xpath("./div")}
            assert noted == {f["rule"] for f in doc["findings"] if f["line"] == line}, line
