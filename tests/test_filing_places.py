"""Places in a full EDGAR filing: the text, HTML and Markdown reports say ¶ N of the section and
the filing's page (from its footers); JSON and SARIF keep line and column."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from linter.cli import main
from linter.parsers.html_pages import page_breaks

FILINGS = ("amzn-10-k-2025-02-07.html", "ba-10-k-2025-02-03.html", "ibm-10-k-2025-02-25.html",
           "unp-10-k-2025-02-07.html")
PLACE = re.compile(r"¶ (\d+), page (\d+)")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check", *args, "--fail-on", "never"]) == 0
    return capsys.readouterr().out


def report(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(run([str(path), "--format", "json"], capsys))["documents"][0]


def paragraphs(doc: dict) -> list[dict]:  # type: ignore[type-arg]
    return [b for b in doc["blocks"] if b["kind"] != "heading"]


def toc_pages(path: Path) -> tuple[int, int]:
    """The pages the filing's own table of contents gives for Item 1C and for Item 2."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")[:600_000]))
    text = re.sub(r"\s+", " ", text)
    m = re.search(r"Item 1C\. Cybersecurity (\d+) Item 2\. Properties (\d+)", text)
    assert m, path.name
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("name", FILINGS)
def test_text_report_points_at_paragraph_and_page(name: str, corpus: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "filings" / name
    doc = report(path, capsys)
    text = run([str(path)], capsys)
    places = [(int(a), int(b)) for a, b in PLACE.findall(text)]
    assert len(places) == len(doc["findings"])
    assert not re.search(rf"{re.escape(name)}:\d+:\d+", text)  # no :8:302640 for a person
    by_start = sorted(doc["findings"], key=lambda f: (f["line"], f["column"], f["rule"]))
    for (number, page), finding in zip(places, by_start, strict=True):
        block = paragraphs(doc)[number - 1]  # the ¶ N holds the finding's sentence
        assert finding["excerpt"][:40] in " ".join(block["text"].split()), finding["rule"]
        assert block["page"] == str(page)
    page = run([str(path), "--format", "html"], capsys)
    quoted = re.findall(r'<blockquote class="evidence">(.*?)<span class="where">¶ (\d+), '
                        r'page (\d+)</span>', page, re.S)
    assert len(quoted) > 10  # every requirement's evidence, placed the same way
    for sentence, number, page_number in quoted:
        block = paragraphs(doc)[int(number) - 1]
        assert html.unescape(sentence)[:40] in " ".join(block["text"].split())
        assert block["page"] == page_number
    quiet = run([str(path), "--quiet"], capsys)  # the one-line form stays file:line:col
    assert all(re.match(rf".*{re.escape(name)}:\d+:\d+: ", line) for line in
               quiet.splitlines()[:-1])


@pytest.mark.parametrize("name", [n for n in FILINGS if not n.startswith("ibm")])
def test_pages_agree_with_the_filings_table_of_contents(name: str, corpus: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "filings" / name
    first, next_item = toc_pages(path)
    pages = [int(b["page"]) for b in report(path, capsys)["blocks"]]
    assert pages[0] == first and pages == sorted(pages) and pages[-1] <= next_item


def test_html_and_markdown_reports_use_the_same_places(corpus: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "filings" / "ibm-10-k-2025-02-25.html"
    text = run([str(path)], capsys)
    expected = PLACE.findall(text)
    md = run([str(path), "--format", "markdown"], capsys)
    assert re.findall(r"^\d+\. \*\*\w+\*\* `[\w-]+` ¶ (\d+), page (\d+):", md, re.M) == expected
    assert "lines 8\u20138" not in md and "pages 10\u201311" in md
    page = run([str(path), "--format", "html"], capsys)
    shown = re.findall(r'class="muted">&middot; ¶ (\d+), page (\d+)<', page)
    assert sorted(shown) == sorted(expected)
    assert "(line 8" not in page and 'class="lineno">¶ 1<' in page


def test_json_and_sarif_keep_line_and_column(corpus: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "filings" / "ibm-10-k-2025-02-25.html"
    doc = report(path, capsys)
    assert {f["line"] for f in doc["findings"]} == {8}
    assert all(f["column"] > 800_000 for f in doc["findings"])
    sarif = json.loads(run([str(path), "--format", "sarif"], capsys))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert sorted((r["startLine"], r["startColumn"]) for r in regions) == sorted(
        (f["line"], f["column"]) for f in doc["findings"])


def test_drafts_keep_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = run([str(corpus / "seeds" / "001_659ef0b4b750ad89.txt")], capsys)
    assert "¶" not in text and re.search(r"\(lines \d+-\d+\)", text)


def test_unnumbered_pages_give_no_page(tmp_path: Path) -> None:
    raw = b"".join(b"<p>Text %d.</p><hr style=\"page-break-after:always\">" % i for i in range(4))
    assert page_breaks(raw) == ()  # footers are prose, not numbers: no page is claimed
    numbered = b"".join(b"<p>Text.</p><p>- %d -</p><hr style=\"page-break-after:always\">" % i
                        for i in range(1, 4))
    assert [p.number for p in page_breaks(numbered)] == ["1", "2", "3"]
