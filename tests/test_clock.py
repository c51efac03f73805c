"""The Form 8-K four-business-day clock: business days, the dates in the text, real filings.

The corpus's eight 8-Ks were all filed on time; the late filings below are real 8-Ks given a
later filing date (--filing-date), or a real 8-K's text with one sentence changed, as each
test says."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from linter.api import CheckOptions, check, load_document
from linter.clock import business_days_after, dates_in, deadline, is_business_day, parse_date

CARECLOUD = "0001493152-26-013239"  # "On March 24, 2026, the Company ... determined that the
# incident is material"; signed and filed March 27, 2026
NUCOR = "0001193125-25-119311"  # no date of determination in the text
ZOOMCAR = "0001213900-25-054319"  # "On June 9, 2025, ... identified a cybersecurity incident"


def test_a_federal_holiday_and_a_weekend_are_not_business_days() -> None:
    # Independence Day 2025 is a Friday; the weekend follows.
    assert not is_business_day(date(2025, 7, 4))
    assert not is_business_day(date(2025, 7, 5)) and not is_business_day(date(2025, 7, 6))
    assert is_business_day(date(2025, 7, 3)) and is_business_day(date(2025, 7, 7))
    # determined Thursday 3 July: Friday the holiday and the weekend do not count
    assert deadline(date(2025, 7, 3), 4) == date(2025, 7, 10)
    assert business_days_after(date(2025, 7, 3), date(2025, 7, 10)) == 4
    assert business_days_after(date(2025, 7, 3), date(2025, 7, 11)) == 5


def test_observed_holidays_and_thanksgiving() -> None:
    # Christmas 2027 is a Saturday, observed on Friday 24 December.
    assert not is_business_day(date(2027, 12, 24))
    # determined the day before Thanksgiving 2025 (Thursday 27 November)
    assert deadline(date(2025, 11, 26), 4) == date(2025, 12, 3)
    # New Year's Day 2026 (Thursday) inside the window
    assert deadline(date(2025, 12, 30), 4) == date(2026, 1, 6)


def test_dates_as_filings_write_them() -> None:
    assert dates_in("On March 24, 2026, the Company determined") == [date(2026, 3, 24)]
    assert dates_in("Date of Report: 9 June 2025") == [date(2025, 6, 9)]
    assert dates_in("On March 3, we detected it", 2025) == [date(2025, 3, 3)]
    assert dates_in("On March 3, we detected it") == []
    assert dates_in("on 2/30/2025 and 6/13/2025") == [date(2025, 6, 13)]
    assert parse_date("2025-06-13") == date(2025, 6, 13)
    assert parse_date("June 13, 2025") == date(2025, 6, 13)
    assert parse_date("soon") is None


def _deadline_findings(path: str, **options: str) -> list[tuple[str, str]]:
    result = check([path], CheckOptions(**options))  # type: ignore[arg-type]
    return [(f.severity, f.message) for f in result.documents[0].findings
            if f.rule == "filing-deadline"]


def test_a_real_8k_filed_on_time(corpus: Path) -> None:
    document = load_document(str(corpus / "8k" / f"{CARECLOUD}.html"))
    assert dict(document.meta)["signed"] == "March 27, 2026"  # from under its signatures
    assert _deadline_findings(str(corpus / "8k" / f"{CARECLOUD}.html")) == []


def test_the_same_8k_filed_late(corpus: Path) -> None:
    """CareCloud's real 8-K with a filing date of 31 March 2026 given on the command line
    (the change): 5 business days after the determination of 24 March."""
    found = _deadline_findings(str(corpus / "8k" / f"{CARECLOUD}.html"),
                               filing_date="2026-03-31")
    assert len(found) == 1 and found[0][0] == "error"
    assert "5 business days after the materiality determination on 2026-03-24" in found[0][1]
    assert "due by 2026-03-30" in found[0][1]


def test_the_late_filing_through_the_command_line_and_configuration(corpus: Path,
                                                                     tmp_path: Path) -> None:
    """The same change, once as --filing-date and once as `filing_date` in a configuration
    beside a copy of the real filing."""
    source = (corpus / "8k" / f"{CARECLOUD}.html").read_bytes()
    copy = tmp_path / "carecloud.htm"
    copy.write_bytes(source)
    cli = [sys.executable, "-m", "linter", "check", str(copy), "--select", "filing-deadline"]
    run = subprocess.run([*cli, "--filing-date", "2026-03-31"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 1 and "[filing-deadline]" in run.stdout
    (tmp_path / ".disclosure-lint.yaml").write_text("filing_date: 2026-03-31\n", encoding="utf-8")
    run = subprocess.run(cli, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "due by 2026-03-30" in run.stdout
    run = subprocess.run([*cli, "--filing-date", "2026-03-27"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0  # the command line wins over the configuration
    bad = subprocess.run([*cli, "--filing-date", "31/03/2026"], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr


def test_a_report_that_does_not_date_the_determination(corpus: Path) -> None:
    found = _deadline_findings(str(corpus / "8k" / f"{NUCOR}.html"))
    assert len(found) == 1 and found[0][0] == "warning"
    assert "does not say when the company determined" in found[0][1]


@pytest.mark.parametrize(("filed", "late"), [("2025-06-13", False), ("2025-06-16", True)])
def test_discovery_with_a_prompt_determination(corpus: Path, tmp_path: Path, filed: str,
                                               late: bool) -> None:
    """Zoomcar's real Item 1.05 text with one sentence added (the change): "The Company
    promptly determined that the incident is material." The clock then runs from the
    discovery on 9 June 2025 (a Monday): 13 June is on time, 16 June is late."""
    document = load_document(str(corpus / "8k" / f"{ZOOMCAR}.html"))
    paragraphs = [b.text for b in document.scope_blocks()[1:] if b.kind != "heading"][:4]
    paragraphs.insert(1, "The Company promptly determined that the incident is material.")
    path = tmp_path / "zoomcar.md"
    path.write_text("Item 1.05 Material Cybersecurity Incidents\n\n" + "\n\n".join(paragraphs),
                    encoding="utf-8")
    found = _deadline_findings(str(path), filing_date=filed)
    if late:
        assert len(found) == 1 and "discovery" in found[0][1] and "2025-06-09" in found[0][1]
    else:
        assert found == []


def test_the_attorney_general_delay_is_reported(corpus: Path, tmp_path: Path) -> None:
    """CareCloud's real Item 1.05 text with one sentence added (the change) that invokes the
    Attorney General's delay under Item 1.05(c)."""
    document = load_document(str(corpus / "8k" / f"{CARECLOUD}.html"))
    paragraphs = [b.text for b in document.scope_blocks()[1:] if b.kind != "heading"][:5]
    paragraphs.append("On March 25, 2026, the United States Attorney General determined that "
                      "disclosure of the incident poses a substantial risk to national security "
                      "and notified the Commission that the report should be delayed.")
    path = tmp_path / "carecloud.md"
    path.write_text("Item 1.05 Material Cybersecurity Incidents\n\n" + "\n\n".join(paragraphs),
                    encoding="utf-8")
    result = check([str(path)])
    delay = [f for f in result.documents[0].findings if f.rule == "attorney-general-delay"]
    assert len(delay) == 1 and delay[0].severity == "info"
    real = check([str(corpus / "8k" / f"{CARECLOUD}.html")]).documents[0]
    assert "attorney-general-delay" not in {f.rule for f in real.findings}


def test_the_date_nearest_the_determination_is_taken(tmp_path: Path) -> None:
    """Two dates in the determining sentence: the discovery's and the determination's."""
    path = tmp_path / "report.md"
    path.write_text("Item 1.05 Material Cybersecurity Incidents\n\nAfter it detected a "
                    "ransomware attack on May 30, 2025, the Company determined on June 3, 2025 "
                    "that the incident is material.\n", encoding="utf-8")
    assert _deadline_findings(str(path), filing_date="2025-06-09") == []  # 4 days after 3 June
    late = _deadline_findings(str(path), filing_date="2025-06-10")
    assert len(late) == 1 and "on 2025-06-03" in late[0][1]
