"""`fiscal_year` in a configuration found from a nested folder reaches the stale-year rule, for
a file and for standard input (found from the working folder); --fiscal-year wins."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from linter.cli import main

DRAFT = """\
# Item 1C. Cybersecurity

## Governance

The Audit Committee oversees cybersecurity risk and receives quarterly reports from our CISO.

During fiscal 2023, we did not identify any risks from cybersecurity threats that materially
affected or are reasonably likely to materially affect us.
"""


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose configuration says fiscal 2025, and a draft three folders down;
    the working folder is the draft's."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".disclosure-lint.yaml").write_text("fiscal_year: 2025\nform: 10-K\n")
    folder = tmp_path / "a" / "b" / "c"
    folder.mkdir(parents=True)
    (folder / "item1c.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder / "item1c.md"


def _stale(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code = main(["check", *args, "--format", "json", "--fail-on", "never",
                 "--select", "stale-fiscal-year"])
    out = capsys.readouterr()
    assert code == 0, out.err
    findings: list[dict[str, Any]] = json.loads(out.out)["documents"][0]["findings"]
    return findings


def test_fiscal_year_from_the_configuration(nested: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (finding,) = _stale(capsys, "item1c.md")
    assert (finding["rule"], finding["line"]) == ("stale-fiscal-year", 7)
    assert finding["excerpt"].startswith("During fiscal 2023")


def test_command_line_fiscal_year_wins(nested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _stale(capsys, "item1c.md", "--fiscal-year", "2023") == []


def test_standard_input_finds_the_configuration_from_the_working_folder(
        nested: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8"))))
    (finding,) = _stale(capsys, "-")
    assert finding["line"] == 7
    monkeypatch.chdir(nested.parents[3].parent)  # outside the repository: no configuration
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8"))))
    assert _stale(capsys, "-", "--form", "10-K") == []
