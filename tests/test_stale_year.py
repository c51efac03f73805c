"""The `year` condition and the `stale-fiscal-year` rule: a reporting period from another fiscal
year is found; history, the filing date's year and an unknown fiscal year stay silent."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from linter.cli import main
from linter.engine import LintConfig, lint
from linter.inputs import Source
from linter.packs import load_pack
from linter.packs.conditions import Passage, Shared, Year
from linter.parsers import parse
from linter.scope import locate

STALE = [
    "During fiscal 2023, we did not identify any cybersecurity incidents.",
    "For the year ended December 31, 2022, the CISO reported to the Audit Committee quarterly.",
    "As of December 31, 2022, we are not aware of any material cybersecurity incidents.",
    "For fiscal year 2021 we completed an external assessment.",
    "During the fiscal year ended June 30, 2022, we trained every employee.",
    "In the years ended Dec. 31, 2020 and 2019 we held two tabletop exercises.",
]
CURRENT = [
    "Since 2019 our program has followed the NIST Cybersecurity Framework.",
    "In 2015 we adopted an incident response plan.",
    "In fiscal 2021 we moved our data centres to the cloud.",
    "As of February 14, 2025, we are not aware of any material cybersecurity incidents.",
    "During fiscal 2024, we did not identify any cybersecurity incidents.",
    "For the year ended December 31, 2024, the CISO reported to the Audit Committee quarterly.",
    "Our CISO has held the role since January 1, 2020 and joined us in 2016.",
]


def spans(text: str, fiscal_year: int | None, mode: str = "other-than-fiscal") -> Any:
    return Year(mode).spans(Passage(text, shared=Shared(text, fiscal_year=fiscal_year)))


@pytest.mark.parametrize("text", STALE)
def test_stale_period_is_found(text: str) -> None:
    found = spans(text, 2024)
    assert found and re.search(r"(19|20)\d\d", text[found[0][0]:found[0][1]])
    assert spans(text, 2024, "fiscal") is None


@pytest.mark.parametrize("text", CURRENT)
def test_history_and_current_period_are_not(text: str) -> None:
    assert spans(text, 2024) is None


@pytest.mark.parametrize("text", STALE)
def test_unknown_fiscal_year_never_fires(text: str) -> None:
    assert spans(text, None) is None


DRAFT = """\
# Item 1C. Cybersecurity

## Risk Management and Strategy

We maintain a cybersecurity program aligned with the NIST Cybersecurity Framework, which we
adopted in 2019. Since 2021 we have engaged an external assessor each year.

During fiscal 2023, we did not identify any risks from cybersecurity threats that materially
affected or are reasonably likely to materially affect us.

## Governance

The Audit Committee oversees cybersecurity risk and receives quarterly reports from our CISO.
"""


def run_check(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[Any]:
    draft = tmp_path / "item1c.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code = main(["check", str(draft), "--form", "10-K", "--format", "json", "--fail-on", "never",
                 "--select", "stale-fiscal-year", *extra])
    assert code == 0
    findings: list[Any] = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    return findings


def test_rolled_forward_draft_is_flagged_at_the_stale_phrase(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (finding,) = run_check(tmp_path, capsys, "--fiscal-year", "2024")
    assert finding["rule"] == "stale-fiscal-year" and finding["severity"] == "warning"
    assert (finding["line"], finding["column"]) == (8, 1)
    assert finding["excerpt"].startswith("During fiscal 2023, we did not identify")


@pytest.mark.parametrize("extra", [("--fiscal-year", "2023"), ()])
def test_right_or_unknown_fiscal_year_is_silent(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                extra: tuple[str, ...]) -> None:
    assert run_check(tmp_path, capsys, *extra) == []


def _with_periods(corpus: Path) -> list[dict[str, Any]]:
    """Real Item 1C texts that present some year as a reporting period."""
    out = []
    for path in sorted((corpus / "item1c-dev").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        fiscal = int(record["fiscal_year"])
        if spans(record["text"], fiscal) or spans(record["text"], fiscal, "fiscal"):
            out.append(record)
    return out


def _fires(record: dict[str, Any], fiscal_year: int, pack: Any) -> bool:
    document = parse(Source(record["adsh"], record["text"].encode("utf-8")), "text")
    form = "20-F" if record["form"].startswith("20-F") else "10-K"
    document = locate(dataclasses.replace(document, form=form, fiscal_year=str(fiscal_year)))
    result = lint(document, [pack], LintConfig(select=("stale-fiscal-year",)))
    return any(f.rule == "stale-fiscal-year" for f in result.findings)


def test_real_filings_are_quiet_in_their_year_and_flagged_two_years_on(corpus: Path) -> None:
    """Filers' own text, linted with its own fiscal year, is almost never flagged; the same
    text rolled forward two years without an update is, where it dates its period."""
    pack = load_pack("item1c")
    records = _with_periods(corpus)
    assert len(records) >= 30
    own = [r["adsh"] for r in records if _fires(r, int(r["fiscal_year"]), pack)]
    assert len(own) <= 2, own
    rolled = [r for r in records if _fires(r, int(r["fiscal_year"]) + 2, pack)]
    assert len(rolled) >= 0.8 * len(records)
