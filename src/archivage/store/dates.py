"""Partial ISO dates as day ranges (shared by the store and the search filters)."""

from __future__ import annotations

import calendar
import re
from datetime import date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last day a (possibly partial) ISO date covers: "2019-02" -> 2019-02-01, 2019-02-28."""
    m = _DATE.match(value or "")
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            date.fromisoformat(value)
        except ValueError:  # "2019-02-30": no such day
            return None, None
        return value, value
    if month:
        if not 1 <= int(month) <= 12:
            return None, None
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"
