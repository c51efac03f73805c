"""SARIF 2.1.0: valid against the official schema, rules with help, results located, stable
fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reportdata import document_result, read_seed, rules_meta, seed_plain

from linter.reporters import get_reporter
from linter.reporters.sarif import FINGERPRINT_KEY, artifact_uri
from linter.results import RunResult, Status


@pytest.fixture(scope="module")
def sarif_schema(corpus: Path) -> dict[str, Any]:
    path = corpus.parent / "schemas" / "sarif-2.1.0.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def sarif(report: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(get_reporter("sarif")(report))
    return loaded


def test_valid_against_the_sarif_schema(corpus: Path, tmp_path: Path,
                                        sarif_schema: dict[str, Any]) -> None:
    log = sarif(seed_plain(corpus, tmp_path))
    jsonschema.validate(log, sarif_schema)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, sarif_schema)


def test_rules_carry_descriptions_and_help(corpus: Path, tmp_path: Path) -> None:
    run = sarif(seed_plain(corpus, tmp_path))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    rule = rules["vague-frequency"]
    assert rule["shortDescription"]["text"] == "Vague frequency"
    assert rule["fullDescription"]["text"] == "A frequency word with no frequency."
    assert "Why it matters:" in rule["help"]["text"]
    assert "Give the frequency." in rule["help"]["text"]
    assert "**How to fix.**" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_every_result_is_located(corpus: Path, tmp_path: Path) -> None:
    results = sarif(seed_plain(corpus, tmp_path))["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "error", "warning"]
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "seed001.txt"
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        start, end = (region["startLine"], region["startColumn"]), (region["endLine"],
                                                                     region["endColumn"])
        assert end > start
    warning = results[2]["locations"][0]["physicalLocation"]["region"]
    assert (warning["startLine"], warning["startColumn"]) == (7, 39)
    assert warning["snippet"]["text"] == "regularly"


def test_fingerprints_stable_when_lines_above_move(corpus: Path, tmp_path: Path) -> None:
    prose, flags = read_seed(corpus / "seeds" / "001_659ef0b4b750ad89.txt")
    statuses = {"rm-third-party-oversight": Status.MISSING}

    def results(text: str, folder: str) -> list[dict[str, Any]]:
        (tmp_path / folder).mkdir()
        doc = document_result(tmp_path / folder / "seed.txt", text, flags, statuses)
        out: list[dict[str, Any]] = sarif(RunResult((doc,), (), rules_meta()).to_plain()
                                          )["runs"][0]["results"]
        return out

    before = results(prose, "a")
    moved = prose.replace("\n\n", "\n\nA new paragraph\nover two lines.\n\n", 1)
    after = results(moved, "b")
    line = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before + after]
    assert line[1] + 3 == line[3]  # the warning moved down three lines
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in before}) == len(before)


def test_finding_fingerprint_is_used_when_given(corpus: Path, tmp_path: Path) -> None:
    report = seed_plain(corpus, tmp_path)
    report["documents"][0]["findings"][0]["fingerprint"] = "abc123"
    fps = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif(report)["runs"][0]["results"]]
    assert "abc123" in fps


def test_artifact_uris_are_relative_and_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "drafts" / "item 1c.md")) == "drafts/item%201c.md"
    assert artifact_uri("drafts/a#b.md") == "drafts/a%23b.md"
    assert artifact_uri("-") == "stdin"
