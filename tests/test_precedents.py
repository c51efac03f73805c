"""Precedents: each shipped sentence really meets its requirement, cites its filing, and shows
in the reports only where a requirement is not met."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linter.cli import main
from linter.precedents import load

DATA = load()["requirements"]
SEED_001 = "001_659ef0b4b750ad89.txt"
REBUILD = "rebuild the file with: python benchmarks/build_precedents.py (and review its diff)"
CASES = [(rule, i) for rule, entry in DATA.items() for i in range(len(entry["examples"]))]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@cache
def record(corpus: Path, accession: str) -> dict[str, Any]:
    path = corpus / "item1c-dev" / f"{accession}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def statuses(text: str, form: str) -> dict[str, dict[str, Any]]:
    """Each requirement's plain result for ``text`` linted as a plain-text draft."""
    from linter.engine import lint
    from linter.inputs import Source
    from linter.packs import load_pack
    from linter.parsers import parse
    from linter.scope import locate

    document = parse(Source("precedent.txt", text.encode("utf-8")), "text")
    document = locate(dataclasses.replace(document, form=form))
    result = lint(document, [load_pack("item1c")]).to_plain()
    return {r["id"]: r for r in result["requirements"]}


def test_twelve_requirements_up_to_three_short_sentences_each() -> None:
    assert len(DATA) == 12
    for rule, entry in DATA.items():
        examples = entry["examples"]
        assert 1 <= len(examples) <= 3, f"{rule}: {len(examples)} precedents; {REBUILD}"
        companies = [e["company"] for e in examples]
        assert len(set(companies)) == len(companies), f"{rule}: one company twice"
        for e in examples:
            assert len(e["text"].split()) <= 60, (rule, e["text"])
        assert 0 < entry["share"] <= 1 and entry["met"] <= entry["filers"]
        assert entry["share"] == round(entry["met"] / entry["filers"], 3)


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[f"{r}-{i}" for r, i in CASES])
def test_precedent_cites_its_filing(corpus: Path, rule: str, index: int) -> None:
    example = DATA[rule]["examples"][index]
    filing = record(corpus, example["accession"])
    assert (filing["form"], filing["fiscal_year"]) == (example["form"], example["fiscal_year"])
    assert filing["company"].lower().split()[0] == example["company"].lower().split()[0]
    assert " ".join(example["text"].split()) in " ".join(filing["text"].split())


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[f"{r}-{i}" for r, i in CASES])
def test_precedent_is_met(corpus: Path, rule: str, index: int) -> None:
    """Met under the built-in pack: linted alone, or else where it stands in its own filing
    (the requirement met there with this sentence among its evidence). When the pack changes
    and this fails, the message names the precedent to replace."""
    example = DATA[rule]["examples"][index]
    form = "20-F" if example["form"].startswith("20-F") else "10-K"
    alone = statuses(f"Item 1C. Cybersecurity\n\n{example['text']}\n", form)[rule]
    if alone["status"] == "met":
        return
    filing = record(corpus, example["accession"])
    within = statuses(filing["text"], form)[rule]
    cited = any(set(words(example["text"])) <= set(words(e["text"])) for e in within["evidence"])
    assert within["status"] == "met" and cited, (
        f"precedent {rule}[{index}] from {example['accession']} is no longer met (alone: "
        f"{alone['status']}; in its filing: {within['status']}, cited: {cited}): "
        f"{example['text']!r}; {REBUILD}")


def test_careful_reading_agrees_where_it_exists(corpus: Path) -> None:
    gold = json.loads((corpus / "item1c-gold-dev.json").read_text(encoding="utf-8"))["labels"]
    read = 0
    for rule, entry in DATA.items():
        for example in entry["examples"]:
            verdict = gold.get(example["accession"], {}).get(rule)
            if verdict is not None:
                read += 1
                assert verdict["status"] == "met", (rule, example["accession"])
    assert read  # some precedents come from filings read with care


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


def test_seed_reports_show_precedents(corpus: Path, repo: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(corpus / "seeds" / SEED_001)
    first = DATA["rm-third-party-oversight"]["examples"][0]
    report = json.loads(run(capsys, seed, "--format", "json"))
    schema = json.loads((repo / "linter" / "schemas" / "report.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(report, schema)
    requirements = {r["id"]: r for r in report["documents"][0]["requirements"]}
    assert requirements["rm-third-party-oversight"]["status"] == "missing"
    assert requirements["rm-third-party-oversight"]["precedents"]["examples"][0] == first
    assert all(("precedents" in r) == (r["status"] in ("missing", "partial"))
               for r in requirements.values())
    markdown = run(capsys, seed, "--format", "markdown")
    assert "#### How other filers say it" in markdown
    assert f"accession {first['accession']}" in markdown
    html = run(capsys, seed, "--format", "html")
    assert 'data-precedents="rm-third-party-oversight"' in html and first["accession"] in html
    text = run(capsys, seed)
    assert "how other filers say it" in text and first["text"] in text
    share = round(100 * DATA["rm-third-party-oversight"]["share"])
    assert f"met by {share}% of {DATA['rm-third-party-oversight']['filers']} filers" in text


def test_no_precedents_and_quiet_show_none(corpus: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(corpus / "seeds" / SEED_001)
    for args in (("--no-precedents",), ("--quiet",), ("--no-precedents", "--format", "json"),
                 ("--no-precedents", "--format", "markdown")):
        out = run(capsys, seed, *args)
        assert "precedents" not in out and "other filers" not in out, args
    sarif = run(capsys, seed, "--format", "sarif")
    assert "other filers" not in sarif and "precedents" not in sarif


def test_rules_explain_shows_precedents(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "gov-mgmt-expertise"]) == 0
    out = capsys.readouterr().out
    assert "## How other filers say it" in out
    assert all(e["accession"] in out for e in DATA["gov-mgmt-expertise"]["examples"])
    assert main(["rules", "explain", "gov-mgmt-expertise", "--no-precedents"]) == 0
    assert "other filers" not in capsys.readouterr().out
    assert main(["rules", "explain", "absolute-claim"]) == 0
    assert "other filers" not in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_precedents_render_escaped(corpus: Path, fmt: str) -> None:
    from linter.api import CheckOptions, check
    from linter.precedents import attach
    from linter.reporters import get_reporter

    report = attach(check([str(corpus / "seeds" / SEED_001)], CheckOptions()).to_plain())
    req = next(r for r in report["documents"][0]["requirements"]
               if r["id"] == "rm-third-party-oversight")
    req["precedents"]["examples"][0]["text"] = "We <script>x()</script> review *vendors* & more."
    out = str(get_reporter(fmt)(report))
    assert "<script>" not in out
    if fmt == "html":
        assert "We &lt;script&gt;x()&lt;/script&gt; review *vendors* &amp; more." in out
    else:
        assert r"We \<script\>x()\</script\> review \*vendors\* &amp; more." in out
