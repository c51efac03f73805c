"""Suppression comments: with a reason, without one, unused, ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import load_document
from linter.engine import lint
from linter.packs import Pack, load_pack
from linter.results import DocumentResult

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"
HEAD = "# Item 1C. Cybersecurity\n\nWe engage third-party assessors to test our controls.\n\n"


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(str(MINI))


def run(tmp_path: Path, body: str, pack: Pack) -> DocumentResult:
    path = tmp_path / "draft.md"
    path.write_text(HEAD + body, encoding="utf-8")
    return lint(load_document(str(path)), [pack])


def rules(result: DocumentResult) -> list[str]:
    return [f.rule for f in result.findings]


def test_finding_without_suppression(tmp_path: Path, mini: Pack) -> None:
    result = run(tmp_path, "Our systems are fully secure.\n", mini)
    assert "absolute-claims" in rules(result) and result.suppressed == 0


def test_suppression_with_reason(tmp_path: Path, mini: Pack) -> None:
    body = ("<!-- disclosure-lint: disable=absolute-claims -- approved by counsel -->\n"
            "Our systems are fully secure.\n")
    result = run(tmp_path, body, mini)
    assert "absolute-claims" not in rules(result)
    assert not {"suppression-without-reason", "unused-suppression"} & set(rules(result))
    assert result.suppressed == 1


def test_suppression_without_reason_still_suppresses_and_is_reported(tmp_path: Path,
                                                                     mini: Pack) -> None:
    body = "<!-- disclosure-lint: disable=absolute-claims -->\nOur systems are fully secure.\n"
    result = run(tmp_path, body, mini)
    assert "absolute-claims" not in rules(result)
    (finding,) = [f for f in result.findings if f.rule == "suppression-without-reason"]
    assert str(finding.severity) == "warning" and (finding.line, finding.column) == (5, 1)
    assert "absolute-claims" in finding.message and finding.fingerprint


def test_unused_suppression(tmp_path: Path, mini: Pack) -> None:
    body = ("<!-- disclosure-lint: disable=absolute-claims,no-such-rule -- reviewed -->\n"
            "We monitor threats.\n\nOur systems are fully secure.\n")
    result = run(tmp_path, body, mini)
    unused = [f for f in result.findings if f.rule == "unused-suppression"]
    assert [f.message for f in unused] == [
        "Suppression of absolute-claims suppresses nothing.",
        "Suppression of no-such-rule suppresses nothing."]
    assert all(str(f.severity) == "warning" and f.line == 5 for f in unused)
    assert "absolute-claims" in rules(result)  # the next block only, not the one after it


def test_disable_enable_range(tmp_path: Path, mini: Pack) -> None:
    body = ("<!-- disclosure-lint: disable=absolute-claims -- legacy wording, rewrite in Q3 -->\n"
            "Our systems are fully secure.\n\nOur network is impenetrable.\n\n"
            "<!-- disclosure-lint: enable=absolute-claims -->\n"
            "We guarantee uptime.\n")
    result = run(tmp_path, body, mini)
    remaining = [f for f in result.findings if f.rule == "absolute-claims"]
    assert [f.excerpt for f in remaining] == ["We guarantee uptime."]
    assert result.suppressed == 2
    assert "unused-suppression" not in rules(result)


def test_missing_requirement_suppressed_before_the_heading(tmp_path: Path, mini: Pack) -> None:
    path = tmp_path / "draft.md"
    path.write_text("<!-- disclosure-lint: disable=board-committee -- full board, see p. 3 -->\n"
                    "# Item 1C. Cybersecurity\n\nWe engage consultants to test our controls.\n")
    result = lint(load_document(str(path)), [mini])
    assert "board-committee" not in rules(result) and result.suppressed == 1
