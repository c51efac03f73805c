"""Each input the fuzzer (tests/fuzzing.py) found mishandled, kept as a regression test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli import main

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"


def _err_lines(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(argv)
    return code, capsys.readouterr().err.splitlines()


def _mini_copy(tmp_path: Path, pack_yaml: str) -> Path:
    root = tmp_path / "pack"
    (root / "rules").mkdir(parents=True)
    for rule in (MINI / "rules").glob("*.yaml"):
        (root / "rules" / rule.name).write_text(rule.read_text())
    (root / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    return root


def test_a_control_character_in_a_pack_is_one_line_at_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """PyYAML's reader error spans two lines and carries no line or column."""
    text = (MINI / "pack.yaml").read_text()
    root = _mini_copy(tmp_path, text.replace("title:", "title: a\x0c", 1))
    code, err = _err_lines(["rules", "validate", str(root)], capsys)
    assert code == 2
    assert len(err) == 1, err
    assert f"{root / 'pack.yaml'}:2:9: invalid YAML: character U+000C" in err[0]


def test_a_control_character_in_a_configuration_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / ".disclosure-lint.yaml"
    config.write_text("fail_on: warning\n\x07select: [rm-*]\n")
    draft = tmp_path / "draft.md"
    draft.write_text("# Item 1C. Cybersecurity\n\nThe Audit Committee oversees cyber risk.\n")
    code, err = _err_lines(["check", str(draft), "--config", str(config)], capsys)
    assert code == 2
    assert err == [f"disclosure-lint: {config}:2:1: invalid YAML: character U+0007: "
                   "control characters are not allowed"]


def test_a_key_holding_a_line_break_stays_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini_copy(tmp_path, (MINI / "pack.yaml").read_text() + '"bad\\nkey\\u2028": 1\n')
    code, err = _err_lines(["rules", "validate", str(root)], capsys)
    assert code == 2
    assert len(err) == 1, err
    assert "unknown key" in err[0] and "bad\\nkey\\u2028" in err[0]


def test_a_file_name_holding_a_line_break_stays_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "draft\nnamed.md"
    empty.write_text("  \n")
    code, err = _err_lines(["check", str(empty)], capsys)
    assert code == 2
    assert err == [f"disclosure-lint: {tmp_path}/draft\\nnamed.md: file is empty"]


def test_a_truncated_edgar_filing_is_read_as_html(tmp_path: Path, corpus: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Cut short, an Inline XBRL 8-K is no longer XML; read as HTML, its XML declaration made
    lxml refuse the text ("Unicode strings with encoding declaration are not supported")."""
    source = corpus / "8k" / "0001193125-25-119311.html"
    data = source.read_bytes()
    assert data.lstrip().startswith(b"<XBRL>\n<?xml")
    cut = tmp_path / "cut.html"
    cut.write_bytes(data[: len(data) * 3 // 4])
    assert main(["check", str(cut), "--format", "json", "--fail-on", "never"]) == 0
    [document] = json.loads(capsys.readouterr().out)["documents"]
    assert document["format"] == "html" and document["form"] == "8-K"
    assert document["section"]["item"] == "1.05"
    assert {r["id"]: r["status"] for r in document["requirements"]}["incident-nature"] == "met"


@pytest.mark.parametrize("unit", [".", "!?", ". . ", "\u2026"])
def test_a_long_run_of_punctuation_splits_in_linear_time(unit: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A line of 400,000 periods (a leader line gone wrong) took minutes: the sentence
    splitter tried the run from each of its characters. The draft now lints in seconds."""
    import time

    from linter.sentences import split_text

    started = time.perf_counter()
    assert split_text("We report to the board" + unit * 200_000 + " Our CISO leads.")
    assert time.perf_counter() - started < 5  # quadratic: 200,000² steps, hours
    draft = tmp_path / "dots.md"
    draft.write_text("# Item 1C. Cybersecurity\n\n" + "." * 400_000 + "\n\nOur CISO leads.\n")
    started = time.perf_counter()
    assert main(["check", str(draft), "--fail-on", "never", "--quiet"]) == 0
    assert time.perf_counter() - started < 30
    capsys.readouterr()


def test_a_repeated_comment_header_is_detected_in_linear_time(
        tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged filing whose XML declaration and comment header repeat, with no markup after
    them: each comment body (".*?") could run on into the next copy, and the failing match
    tried every split. Twelve copies took 13 s, and each more multiplied that by four."""
    import time

    source = (corpus / "8k" / "0001679788-25-000094.html").read_bytes()  # Workiva's header
    start = source.index(b"<?xml")
    header = source[start : source.index(b"<html", start)]
    assert header.count(b"<!--") == 3
    draft = tmp_path / "damaged.htm"
    draft.write_bytes(header * 16 + b"Item 1.05 Material Cybersecurity Incidents.\n")
    started = time.perf_counter()
    assert main(["check", str(draft), "--fail-on", "never", "--format", "json"]) in (0, 2)
    assert time.perf_counter() - started < 10
    capsys.readouterr()
