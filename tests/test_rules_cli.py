"""The `rules` commands, and a user pack extending the shipped one, through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from linter.cli import main
from linter.packs import load_pack

MINI = Path(__file__).parent / "fixtures" / "packs" / "mini"
SEED = "seeds/001_659ef0b4b750ad89.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "list", "--pack", str(MINI)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SEVERITY", "CITATION", "TITLE"]
    assert any(line.split()[:4] == ["third-party-engaged", "requirement", "error", "17"]
               for line in lines)
    code, out, _ = run(["rules", "list", "--pack", str(MINI), "--format", "json"], capsys)
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["absolute-claims"] == {"id": "absolute-claims", "pack": "mini", "kind": "forbid",
                                       "severity": "warning", "citation": "",
                                       "title": "Absolute security claims"}


def test_list_defaults_to_the_shipped_packs(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["rules", "list", "--format", "json"], capsys)
    assert "gov-board-committee" in {row["id"] for row in json.loads(out)}


def test_explain_sections_come_from_the_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "explain", "third-party-engaged", "--pack", str(MINI)], capsys)
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## What it checks", "## Why it matters", "## Example that fails",
                        "## Example that passes", "## How to fix"]
    assert "Item 106(b)(1)(ii) asks whether" in out  # why:
    assert "    We do not engage third parties" in out and 'answer: false' in out
    code, _, err = run(["rules", "explain", "third-party", "--pack", str(MINI)], capsys)
    assert code == 2 and "did you mean third-party-engaged, third-party-flag?" in err


@pytest.mark.parametrize("rule_id", ["amendment-still-open", "amendment-answers",
                                     "unused-suppression", "suppression-without-reason"])
def test_explain_knows_the_rules_the_linter_itself_reports(
        rule_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids a report shows that no pack defines (an amendment against its original, the
    suppression comments) are explained too, without empty example sections."""
    code, out, err = run(["rules", "explain", rule_id], capsys)
    assert code == 0, err
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## What it checks", "## Why it matters", "## How to fix"]
    assert out.startswith(f"{rule_id} (") and "Defined in: linter." in out


def test_explain_lists_references(capsys: pytest.CaptureFixture[str]) -> None:
    pack = load_pack("item1c")
    rule = next(r for r in pack.rules if r.references)
    _, out, _ = run(["rules", "explain", rule.id], capsys)
    assert "## References" in out and rule.references[0][0] in out


def test_rules_test_passes_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "test", str(MINI)], capsys)
    assert code == 0 and out.strip() == "15 of 15 examples passed (6 rules, 1 pack)"
    broken = tmp_path / "mini"
    shutil.copytree(MINI, broken)
    rule = broken / "rules" / "absolute-claims.yaml"
    rule.write_text(rule.read_text().replace("- text: Our systems are fully secure.",
                                             "- text: Our systems are well run."))
    code, out, _ = run(["rules", "test", str(broken)], capsys)
    assert code == 1
    assert "FAIL absolute-claims fail[0]: expected a finding, got none" in out
    assert out.splitlines()[-1].startswith("14 of 15 examples passed")


def test_rules_test_rule_without_pass_example(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "mini"
    shutil.copytree(MINI, broken)
    rule = broken / "rules" / "absolute-claims.yaml"
    text = rule.read_text()
    rule.write_text(text[: text.index("  pass:")])
    code, _, err = run(["rules", "test", str(broken)], capsys)
    assert code == 2
    assert f"{rule}:" in err and "'pass' is a required property (at examples)" in err


def test_rules_test_shipped_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "test"], capsys)
    assert code == 0, out
    # every shipped pack and every rule in it ran, each with its examples
    from linter.resources import data_dir

    packs = [load_pack(str(p.parent)) for p in data_dir("rules").glob("*/pack.yaml")]
    rules = sum(len(p.rules) for p in packs)
    examples = sum(len(r.examples.get("fail", ())) + len(r.examples.get("pass", ()))
                   for p in packs for r in p.rules)
    assert f"{examples} of {examples} examples passed ({rules} rules, {len(packs)} packs)" in out
    assert len(packs) >= 2 and rules > 40


def test_rules_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "validate", str(MINI), "item1c"], capsys)
    assert code == 0 and out.count(": ok (") == 2


HOUSE_RULE = """\
id: house-committee-name
kind: forbid
severity: info
title: Use the committee's formal name
message: House style names the committee formally ("the Cybersecurity Committee").
why: Our disclosure committee wants one name per body across the filing.
fix: Use the formal name from the committee charter.
match: {lexicon: unnamed-committee}
examples:
  fail: [{text: Our cybersecurity panel meets monthly.}]
  pass: [{text: Our Cybersecurity Committee meets monthly.}]
"""


def _lint(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    main(["check", "--format", "json", *args])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_user_pack_extending_the_shipped_pack(tmp_path: Path, corpus: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(corpus / SEED)
    base = _lint([seed], capsys)["documents"][0]["findings"]
    shipped = load_pack("item1c").rules
    kinds = {r.id: r.kind for r in shipped}
    # a requirement that flag or conditional rules refer to cannot be disabled alone
    referred = {r.requirement or r.then_requirement for r in shipped}
    warned = next(f["rule"] for f in base if f["severity"] == "warning")
    dropped = next(f["rule"] for f in base if f["rule"] != warned
                   and kinds[f["rule"]] != "flag" and f["rule"] not in referred)
    house = tmp_path / "house"
    (house / "rules").mkdir(parents=True)
    (house / "pack.yaml").write_text(f"""\
id: house
title: House rules
version: 1.0.0
forms: [10-K, 20-F]
extends: item1c
lexicons:
  unnamed-committee:
    add_terms: [cybersecurity panel]
overrides:
  {warned}: {{severity: error}}
disable: [{dropped}]
""")
    (house / "rules" / "house-committee-name.yaml").write_text(HOUSE_RULE)
    report = _lint([seed, "--pack", str(house)], capsys)
    findings = report["documents"][0]["findings"]
    rules = {f["rule"] for f in findings}
    assert {f["severity"] for f in findings if f["rule"] == warned} == {"error"}  # raised
    assert dropped in {f["rule"] for f in base} and dropped not in rules  # disabled
    assert dropped not in report["rules"]
    assert report["rules"]["house-committee-name"]["pack"] == "house"
    house_hits = [f for f in findings if f["rule"] == "house-committee-name"]  # house rule
    assert house_hits
    # the added term is what fires: the shipped lexicon alone does not match these sentences
    shipped = load_pack("item1c").lexicons["unnamed-committee"].regex
    assert any("cybersecurity panel" in f["excerpt"].lower()
               and shipped.search(f["excerpt"]) is None for f in house_hits)
    assert main(["rules", "test", str(house)]) == 0


def test_jobs_keep_input_order_and_batch_errors(tmp_path: Path, corpus: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    texts = sorted((corpus / "item1c-dev").glob("*.json"))[:6]
    paths = []
    for i, source in enumerate(texts):
        path = tmp_path / f"d{i}.md"
        path.write_text("# Item 1C. Cybersecurity\n\n" + json.loads(source.read_text())["text"])
        paths.append(str(path))
    (tmp_path / "empty.md").write_text("")
    args = [*paths[:3], str(tmp_path / "empty.md"), *paths[3:], "--pack", "item1c"]
    serial = _lint(args, capsys)
    parallel = _lint([*args, "--jobs", "2"], capsys)
    assert [d["path"] for d in parallel["documents"]] == paths
    assert parallel["documents"] == serial["documents"]
    assert [e["path"] for e in parallel["errors"]] == [str(tmp_path / "empty.md")]
    assert parallel["rules"] == serial["rules"]


def test_a_crash_on_one_file_does_not_lose_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import linter.api

    real = linter.api.load_document

    def flaky(path: str, *args: Any) -> Any:
        if path.endswith("bad.md"):
            raise RuntimeError("parser bug")
        return real(path, *args)

    monkeypatch.setattr(linter.api, "load_document", flaky)
    monkeypatch.delenv("DISCLOSURE_LINT_DEBUG", raising=False)
    for name in ("bad.md", "good.md"):
        (tmp_path / name).write_text("# Item 1C\n\nWe engage consultants.\n")
    report = _lint([str(tmp_path / "bad.md"), str(tmp_path / "good.md"), "--pack", str(MINI)],
                   capsys)
    assert [Path(d["path"]).name for d in report["documents"]] == ["good.md"]
    assert report["errors"] == [{"path": str(tmp_path / "bad.md"),
                                 "message": "internal error: RuntimeError: parser bug"}]
