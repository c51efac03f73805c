"""Baselines on real filing text: nothing new when unchanged, new problems reported, edits above
or reordered paragraphs never resurrect a baselined finding, duplicates counted, bad files."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from docx_build import dev_paragraphs

from linter.baseline import BASELINE_VERSION, load
from linter.cli import main

HEADING = "# Item 1C. Cybersecurity"
NEW_PROBLEM = "Our systems are fully secure and we have never experienced a cybersecurity incident."
NEUTRAL = ("This section should be read together with the discussion of risk factors elsewhere "
           "in this report.")
FILINGS = 6  # real drafts, the first ones of item1c-dev with at least two findings


def _draft(paragraphs: list[str]) -> str:
    return HEADING + "\n\n" + "\n\n".join(paragraphs) + "\n"


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["check", *args, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def _findings(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(d["path"], f["rule"], f["excerpt"]) for d in report["documents"]
            for f in d["findings"]]


def _lines(report: dict[str, Any]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for d in report["documents"] for f in d["findings"]]


@pytest.fixture(scope="module")
def real(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """Paragraphs of real Item 1C texts whose drafts have at least two findings."""
    from linter.api import check

    chosen: list[list[str]] = []
    probe = tmp_path_factory.mktemp("probe") / "item1c.md"
    for index in range(60):
        paragraphs = dev_paragraphs(corpus, index)
        probe.write_text(_draft(paragraphs), encoding="utf-8")
        if len(check([str(probe)]).documents[0].findings) >= 2:
            chosen.append(paragraphs)
        if len(chosen) == FILINGS:
            return chosen
    pytest.fail("fewer than six item1c-dev texts with two findings")


@pytest.fixture(scope="module")
def pinned_pack(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in pack as it is now, copied: a baseline is compared with findings of the
    same rules, so the tests do not see the pack change between two runs of one test."""
    return Path(shutil.copytree(repo / "rules" / "item1c",
                                tmp_path_factory.mktemp("pack") / "item1c"))


@pytest.fixture()
def drafts(tmp_path: Path, real: list[list[str]], pinned_pack: Path) -> Path:
    """Real drafts in ``tmp_path/drafts``, with a configuration that names the pinned pack."""
    (tmp_path / ".disclosure-lint.yaml").write_text(f"packs: [{json.dumps(str(pinned_pack))}]\n",
                                                    encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, paragraphs in enumerate(real):
        (folder / f"item1c-{i}.md").write_text(_draft(paragraphs), encoding="utf-8")
    return folder


def test_unchanged_drafts_report_nothing_new(tmp_path: Path, drafts: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        code, before = _run(capsys, "drafts")
        total = len(_findings(before))
        assert code == 1 and total >= 2 * FILINGS
        code, written = _run(capsys, "drafts", "--write-baseline", "baseline.json")
        assert code == 0 and written["summary"]["baselined"] == total
        code, after = _run(capsys, "drafts", "--baseline", "baseline.json", "--fail-on", "info")
    assert code == 0
    assert _findings(after) == []
    assert after["summary"]["baselined"] == total
    assert after["summary"]["errors"] == after["summary"]["warnings"] == 0
    # Requirement statuses are the draft's, whatever the baseline hides.
    assert [d["requirements"] for d in after["documents"]] == \
        [d["requirements"] for d in before["documents"]]


def test_new_problem_is_reported(tmp_path: Path, drafts: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "baseline.json")
        target = drafts / "item1c-2.md"
        target.write_text(target.read_text(encoding="utf-8") + "\n" + NEW_PROBLEM + "\n",
                          encoding="utf-8")
        code, report = _run(capsys, "drafts", "--baseline", "baseline.json",
                            "--fail-on", "warning")
    new = _findings(report)
    assert code == 1
    assert new, "the new absolute claim must be reported"
    assert {path for path, _, _ in new} == {"drafts/item1c-2.md"}
    assert "absolute-claim" in {rule for _, rule, _ in new}
    assert all(NEW_PROBLEM in excerpt for _, _, excerpt in new)


def test_text_inserted_above_resurrects_nothing(tmp_path: Path, drafts: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _, before = _run(capsys, "drafts", "--write-baseline", "baseline.json")
        for draft in drafts.iterdir():
            text = draft.read_text(encoding="utf-8")
            draft.write_text(text.replace(HEADING + "\n\n", HEADING + "\n\n" + NEUTRAL + "\n\n"
                                          + NEUTRAL + "\n\n", 1), encoding="utf-8")
        _, raw = _run(capsys, "drafts")
        code, after = _run(capsys, "drafts", "--baseline", "baseline.json", "--fail-on", "info")
    assert _lines(raw) != _lines(before), "the insertion must move the findings"
    assert code == 0 and _findings(after) == []
    assert after["summary"]["baselined"] == len(_findings(raw))


def test_moved_paragraphs_resurrect_nothing(tmp_path: Path, drafts: Path, real: list[list[str]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "baseline.json")
        for i, paragraphs in enumerate(real):
            (drafts / f"item1c-{i}.md").write_text(_draft(paragraphs[::-1]), encoding="utf-8")
        code, after = _run(capsys, "drafts", "--baseline", "baseline.json", "--fail-on", "info")
    assert _findings(after) == []
    assert code == 0


def test_partial_requirement_shown_elsewhere_is_not_new(tmp_path: Path, repo: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A requirement met only in part is one finding per document, shown at its first evidence
    sentence; reordering the paragraphs shows it at another sentence, not a new finding."""
    pack = str(repo / "tests" / "fixtures" / "packs" / "mini")
    oversees = "Our Board of Directors oversees risks from cybersecurity threats."
    engaged = "We engage third-party assessors to test our systems every year."
    receives = "The Board receives a report on cybersecurity from management."
    draft = tmp_path / "item1c.md"
    draft.write_text(_draft([oversees, engaged, receives]), encoding="utf-8")
    with _cwd(tmp_path):
        _, before = _run(capsys, "item1c.md", "--pack", pack)
        _run(capsys, "item1c.md", "--pack", pack, "--write-baseline", "b.json")
        draft.write_text(_draft([receives, engaged, oversees]), encoding="utf-8")
        _, raw = _run(capsys, "item1c.md", "--pack", pack)
        code, after = _run(capsys, "item1c.md", "--pack", pack, "--baseline", "b.json",
                           "--fail-on", "info")
    assert [e for _, r, e in _findings(before) if r == "board-committee"] == [oversees]
    assert [e for _, r, e in _findings(raw) if r == "board-committee"] == [receives]
    assert code == 0 and _findings(after) == []


def test_duplicates_are_counted(tmp_path: Path, drafts: Path, real: list[list[str]],
                                capsys: pytest.CaptureFixture[str]) -> None:
    draft = drafts / "item1c-0.md"
    draft.write_text(_draft([*real[0], NEW_PROBLEM, NEW_PROBLEM]), encoding="utf-8")
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "baseline.json")
        entries = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
        twice = [e for e in entries if e["rule"] == "absolute-claim" and e["count"] == 2]
        assert twice, "the same finding on the same text twice is one entry counted twice"
        draft.write_text(_draft([*real[0], NEW_PROBLEM]), encoding="utf-8")
        code, fewer = _run(capsys, "drafts", "--baseline", "baseline.json",
                           "--fail-on", "warning")
        assert code == 0 and _findings(fewer) == []
        draft.write_text(_draft([*real[0], NEW_PROBLEM, NEW_PROBLEM, NEW_PROBLEM]),
                         encoding="utf-8")
        code, more = _run(capsys, "drafts", "--baseline", "baseline.json",
                          "--fail-on", "warning")
    third = [rule for _, rule, _ in _findings(more)]
    assert code == 1
    assert third.count("absolute-claim") == 1


def test_baseline_file_is_stable_and_sorted(tmp_path: Path, drafts: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "one.json")
        for draft in drafts.iterdir():  # text above every finding: the baseline must not change
            text = draft.read_text(encoding="utf-8")
            draft.write_text(text.replace(HEADING + "\n\n", HEADING + "\n\n" + NEUTRAL + "\n\n",
                                          1), encoding="utf-8")
        _run(capsys, "drafts", "--write-baseline", "two.json")
        one = Path("one.json").read_text(encoding="utf-8")
        assert Path("two.json").read_text(encoding="utf-8") == one
    data = json.loads(one)
    assert data["version"] == BASELINE_VERSION
    keys = [(e["path"], e["rule"], e["section"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert "line" not in one


def test_paths_are_relative_to_the_baseline(tmp_path: Path, drafts: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Written from the repository root, read from elsewhere with absolute paths."""
    (tmp_path / "ci").mkdir()
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "ci/baseline.json")
    recorded = {e["path"] for e in json.loads((tmp_path / "ci" / "baseline.json").read_text(
        encoding="utf-8"))["findings"]}
    assert recorded and all(p.startswith("../drafts/") for p in recorded)
    with _cwd(drafts):
        code, report = _run(capsys, str(drafts), "--baseline",
                            str(tmp_path / "ci" / "baseline.json"))
    assert code == 0 and _findings(report) == []


def test_text_summary_says_how_many_were_hidden(tmp_path: Path, drafts: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _, plain = _run(capsys, "drafts", "--write-baseline", "baseline.json")
        capsys.readouterr()
        code = main(["check", "drafts", "--quiet", "--baseline", "baseline.json"])
        out = capsys.readouterr().out
    assert code == 0
    assert out.strip().splitlines()[-1].endswith(
        f"; {plain['summary']['baselined']} hidden by the baseline")


def test_report_with_baseline_fits_the_schema(tmp_path: Path, drafts: Path, repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads((repo / "linter" / "schemas" / "report.schema.json").read_text(
        encoding="utf-8"))
    with _cwd(tmp_path):
        _run(capsys, "drafts", "--write-baseline", "baseline.json")
        _, report = _run(capsys, "drafts", "--baseline", "baseline.json")
    jsonschema.validate(report, schema)
    assert isinstance(report["summary"]["baselined"], int)


@pytest.mark.parametrize(("content", "where", "message"), [
    ('{"version": 1,\n  "findings": [\n', ":3:1:", "not valid JSON"),
    ('{"version": 7, "findings": []}', ":1:2:", "not a disclosure-lint baseline"),
    ('{"version": 1}', ":1:1:", "no 'findings' list"),
    ('{"version": 1, "findings": [\n  {"path": "a.md", "rule": "r", "section": "s",'
     ' "fingerprint": "f"},\n  {"path": "a.md", "rule": 3}\n]}', ":3:3:", "findings[1]"),
    ('{"version": 1, "findings": [{"path": "a", "rule": "r", "section": "s",'
     ' "fingerprint": "f", "count": 0}]}', ":1:29:", "'count' must be a positive integer"),
])
def test_malformed_baseline_is_one_line_exit_2(tmp_path: Path, drafts: Path, content: str,
                                               where: str, message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(drafts), "--baseline", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith(f"disclosure-lint: {bad}{where}") and message in lines[0]


def test_missing_baseline_is_exit_2(tmp_path: Path, drafts: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", str(drafts), "--baseline", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"disclosure-lint: {tmp_path / 'nope.json'}: cannot read the baseline: " \
                  "No such file or directory"


def test_load_reads_what_write_wrote(tmp_path: Path, drafts: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with _cwd(tmp_path):
        _, report = _run(capsys, "drafts", "--write-baseline", "baseline.json")
    baseline = load(str(tmp_path / "baseline.json"))
    assert sum(n for _, n in baseline.counts) == report["summary"]["baselined"]
