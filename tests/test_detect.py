"""Format detection: content first, extension second; real seeds and filings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from linter.inputs import Source
from linter.parsers.detect import detect_format

RPAGE = "|\nTitle\n|Cybersecurity Risk Management Third Party Engaged [Flag]\n|true\n"


@pytest.mark.parametrize(("path", "data", "expected"), [
    ("draft.md", b"We assess risks.\n", "markdown"),
    ("draft.txt", b"# Item 1C. Cybersecurity\n\nWe assess risks.\n", "text"),
    ("-", b"# Item 1C. Cybersecurity\n\n## Governance\n\nText.\n", "markdown"),
    ("-", b"# disclosure-lint: disable=x -- y\nItem 1C. Cybersecurity\n\nText.\n", "text"),
    ("-", b"Item 1C. Cybersecurity\n\nWe assess risks.\n", "text"),
    ("saved.txt", b"<!DOCTYPE html>\n<html><body><p>Item 1C</p></body></html>", "html"),
    ("page.htm", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
    ("draft.html", b"Intro line\n<div>Item 1C</div>\n", "html"),
    ("draft", b"PK\x03\x04rest-of-zip", "docx"),
    ("draft.docx", b"not a zip at all", "docx"),
    ("viewer.txt", RPAGE.encode(), "rpage"),
    ("viewer.md", RPAGE.encode(), "rpage"),
    ("viewer.txt", codecs.BOM_UTF16_LE + RPAGE.encode("utf-16-le"), "rpage"),
    ("viewer.txt", RPAGE.encode("utf-16-be"), "rpage"),
    ("C:\\drafts\\item.MD", b"Text.\n", "markdown"),
])
def test_detect(path: str, data: bytes, expected: str) -> None:
    assert detect_format(Source(path, data)) == expected


def test_real_inputs(corpus: Path) -> None:
    for seed in (corpus / "seeds").glob("*.txt"):
        assert detect_format(Source(str(seed), seed.read_bytes())) == "rpage"
    for filing in (corpus / "filings").glob("*.html"):
        with filing.open("rb") as fh:
            head = fh.read(65536)
        assert detect_format(Source("-", head)) == "html"  # by content alone
