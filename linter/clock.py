"""The Form 8-K clock: business days (U.S. federal holidays) and dates as filings write them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = "|".join(_MONTHS)
# "March 24, 2026", "24 March 2026", "March 24" (the year from context), "3/24/2026"
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*(?P<y1>\d{{4}}))?\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s*,?\s*(?P<y2>\d{{4}})\b"
    r"|\b(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>\d{4})\b", re.IGNORECASE)


def dates_in(text: str, default_year: int | None = None) -> list[date]:
    """The calendar dates ``text`` names, in order; a date without a year takes
    ``default_year`` (or is skipped without one), and an impossible one is skipped."""
    return [day for _, day in dated(text, default_year)]


def dated(text: str, default_year: int | None = None) -> list[tuple[int, date]]:
    """The same dates, each with its offset in ``text``."""
    out = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        month_name = g["m1"] or g["m2"]
        month = _MONTHS.index(month_name.lower()) + 1 if month_name else int(g["m3"])
        day = int(g["d1"] or g["d2"] or g["d3"])
        year_text = g["y1"] or g["y2"] or g["y3"]
        year = int(year_text) if year_text else default_year
        if year is None:
            continue
        try:
            out.append((m.start(), date(year, month, day)))
        except ValueError:
            continue
    return out


def parse_date(text: str) -> date | None:
    """One date as a person or a configuration gives it: ISO ``2025-06-13`` or as filings
    write it (``June 13, 2025``); None when ``text`` is not a date."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        found = dates_in(text)
        return found[0] if len(found) == 1 else None


@lru_cache(maxsize=16)
def _federal(year: int) -> Any:
    # The `holidays` package keeps the U.S. federal calendar, observed days included (a
    # Saturday holiday observed on the Friday before, a Sunday one on the Monday after).
    import holidays

    return holidays.country_holidays("US", years=year)


def is_business_day(day: date) -> bool:
    """Not a Saturday, a Sunday or a federal holiday (17 CFR 240.0-3, Form 8-K's "business day")."""
    return day.weekday() < 5 and day not in _federal(day.year)


def business_days_after(start: date, end: date) -> int:
    """How many business days from the day after ``start`` up to and including ``end``
    (0 when ``end`` is not after ``start``): the count Form 8-K's four days are measured in."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_business_day(day)
    return count


def deadline(start: date, days: int) -> date:
    """The last day to file: the ``days``-th business day after ``start``."""
    day, left = start, days
    while left:
        day += timedelta(days=1)
        left -= is_business_day(day)
    return day
